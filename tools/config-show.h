/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Printing a config in readable form (`jh config show`).
 */
#ifndef _JH_TOOLS_CONFIG_SHOW_H
#define _JH_TOOLS_CONFIG_SHOW_H

#include <stdio.h>
#include <jh/config.h>

/* The blob must have passed jh_check_blob() without errors. */
void jh_show_system(FILE *out, const struct jh_system *sys);
void jh_show_cell(FILE *out, const struct jh_cell_desc *cell, const char *indent);

#endif /* _JH_TOOLS_CONFIG_SHOW_H */
