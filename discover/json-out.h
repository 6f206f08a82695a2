/* SPDX-License-Identifier: GPL-2.0 */
/* The --json machine description (docs/machine-json.md), built with json-c. */
#ifndef _JH_DISCOVER_JSON_OUT_H
#define _JH_DISCOVER_JSON_OUT_H

#include <stdio.h>

#include <json-c/json.h>

#include "machine.h"

#define JSON_SCHEMA	"jh-machine/1"

/* Helpers shared by the json-*.c files */
json_object *jx(uint64_t v);			/* "0x..." */
json_object *jint(int64_t v);			/* integer */
json_object *jint_or_null(int v);		/* DSC_NONE -> null */
json_object *jstr(const char *s);		/* NULL -> null */
json_object *jbdf(uint16_t segment, int bdf16);	/* "0000:00:1f.3" or null */
void jset(json_object *o, const char *key, json_object *v);

void json_add_acpi(struct machine *m, json_object *root);
void json_add_pci(struct machine *m, json_object *root);
void json_add_system(struct machine *m, json_object *root);
/* root_cell: the root-policy.c decision, for jh-plan (json-root.c) */
void json_add_root_cell(struct machine *m, json_object *root);

/* Builds the whole description; caller puts it */
json_object *machine_to_json(struct machine *m);
int machine_write_json(struct machine *m, FILE *f);

#endif /* _JH_DISCOVER_JSON_OUT_H */
