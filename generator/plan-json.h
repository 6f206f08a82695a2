/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Typed access to the machine JSON for jh-plan's loaders (plan-machine*.c):
 * a member of the wrong type stops loading with the file, the member's
 * path and the fix, in c->reason.
 */
#ifndef _JH_PLAN_JSON_H
#define _JH_PLAN_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>

#define SCHEMA	"jh-machine/1"

struct jctx {
	const char *file;
	char *reason;
	size_t reason_size;
	int err;
};

void jfail(struct jctx *c, const char *path, const char *key,
	   const char *what);
/* Element i of an array of objects; NULL (and an error) if it is not one */
struct json_object *jelem(struct jctx *c, struct json_object *arr, size_t i,
			  const char *name);
/* The member, or NULL when absent or null */
struct json_object *jget(struct json_object *o, const char *key);
long long jint(struct jctx *c, struct json_object *o, const char *path,
	       const char *key, long long def);
bool jbool(struct jctx *c, struct json_object *o, const char *path,
	   const char *key, bool def);
/* Addresses are "0x..." strings; plain integers are accepted too */
uint64_t jhex(struct jctx *c, struct json_object *o, const char *path,
	      const char *key, uint64_t def);
/* The same for a value (an array element); key names it in errors */
uint64_t jhex_value(struct jctx *c, struct json_object *v, const char *path,
		    const char *key, uint64_t def);
void jstr(struct jctx *c, struct json_object *o, const char *path,
	  const char *key, char *buf, size_t size);
/* Array member: its length, 0 when absent; a non-array is an error */
int jarray(struct jctx *c, struct json_object *o, const char *path,
	   const char *key, struct json_object **arr);
/* calloc() of n elements (at least one); NULL and c->err on failure */
void *alloc_array(struct jctx *c, int n, size_t elem);

struct machine;
/* root_cell (plan-machine-root.c): jh-discover's root cell into m->root */
void machine_load_root_cell(struct jctx *c, struct machine *m,
			    struct json_object *root);

#define ITEM_PATH(buf, key, i)	snprintf(buf, sizeof(buf), "%s[%d]", key, i)

#endif /* _JH_PLAN_JSON_H */
