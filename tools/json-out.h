/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The --json output of the jh commands (json-c): shared pieces, so that
 * every command names a cell and a CPU list the same way. The fields are
 * documented in docs/json.md; a field's meaning never changes within a
 * schema version ("schema": "jh-<what>/<version>").
 */
#ifndef _JH_TOOLS_JSON_OUT_H
#define _JH_TOOLS_JSON_OUT_H

#include <json-c/json.h>

#include "cell-list.h"

/*
 * Removes every FLAG from argv (argv[0] is the command); returns 1 if it
 * was there. Commands take --json anywhere after their name.
 */
int jh_take_flag(int *argc, char **argv, const char *flag);

/* A Linux CPU list ("0-2,5", the kernel's %*pbl) as an array of numbers */
json_object *jh_json_cpulist(const char *list);

/* { "id", "name", "state", "cpus" } of one cell */
json_object *jh_json_cell(const struct jh_cell_entry *cell);

/* Prints obj (pretty, one trailing newline) and frees it; 0, or 1 on error */
int jh_json_print(json_object *obj);

#endif /* _JH_TOOLS_JSON_OUT_H */
