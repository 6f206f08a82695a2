// SPDX-License-Identifier: GPL-2.0
/* Typed access to the machine JSON (plan-json.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan-json.h"

void jfail(struct jctx *c, const char *path, const char *key,
	   const char *what)
{
	if (c->err)
		return;
	c->err = -EINVAL;
	snprintf(c->reason, c->reason_size,
		 "%s: %s%s%s: %s; fix: regenerate it with `jh-discover --json` (schema %s, docs/machine-json.md)",
		 c->file, path, *path && *key ? "." : "", key, what, SCHEMA);
}

struct json_object *jelem(struct jctx *c, struct json_object *arr,
			  size_t i, const char *name)
{
	struct json_object *o = json_object_array_get_idx(arr, i);
	char p[96];

	if (o && json_object_is_type(o, json_type_object))
		return o;
	snprintf(p, sizeof(p), "%s[%zu]", name, i);
	jfail(c, p, "", "expected an object");
	return NULL;
}

struct json_object *jget(struct json_object *o, const char *key)
{
	struct json_object *v;

	if (!o || !json_object_object_get_ex(o, key, &v))
		return NULL;
	return v;
}

long long jint(struct jctx *c, struct json_object *o, const char *path,
	       const char *key, long long def)
{
	struct json_object *v = jget(o, key);

	if (!v)
		return def;
	if (!json_object_is_type(v, json_type_int)) {
		jfail(c, path, key, "expected an integer");
		return def;
	}
	return json_object_get_int64(v);
}

bool jbool(struct jctx *c, struct json_object *o, const char *path,
	   const char *key, bool def)
{
	struct json_object *v = jget(o, key);

	if (!v)
		return def;
	if (!json_object_is_type(v, json_type_boolean)) {
		jfail(c, path, key, "expected true or false");
		return def;
	}
	return json_object_get_boolean(v);
}

uint64_t jhex(struct jctx *c, struct json_object *o, const char *path,
	      const char *key, uint64_t def)
{
	return jhex_value(c, jget(o, key), path, key, def);
}

uint64_t jhex_value(struct jctx *c, struct json_object *v, const char *path,
		    const char *key, uint64_t def)
{
	const char *s;
	char *end;
	uint64_t x;

	if (!v)
		return def;
	if (json_object_is_type(v, json_type_int))
		return (uint64_t)json_object_get_int64(v);
	if (!json_object_is_type(v, json_type_string)) {
		jfail(c, path, key, "expected a \"0x...\" string");
		return def;
	}
	s = json_object_get_string(v);
	errno = 0;
	x = strtoull(s, &end, 0);
	if (errno || end == s || *end) {
		jfail(c, path, key, "not a number");
		return def;
	}
	return x;
}

void jstr(struct jctx *c, struct json_object *o, const char *path,
	  const char *key, char *buf, size_t size)
{
	struct json_object *v = jget(o, key);

	buf[0] = '\0';
	if (!v)
		return;
	if (!json_object_is_type(v, json_type_string)) {
		jfail(c, path, key, "expected a string");
		return;
	}
	snprintf(buf, size, "%s", json_object_get_string(v));
}

int jarray(struct jctx *c, struct json_object *o, const char *path,
	   const char *key, struct json_object **arr)
{
	*arr = jget(o, key);
	if (!*arr)
		return 0;
	if (!json_object_is_type(*arr, json_type_array)) {
		jfail(c, path, key, "expected an array");
		*arr = NULL;
		return 0;
	}
	return (int)json_object_array_length(*arr);
}

void *alloc_array(struct jctx *c, int n, size_t elem)
{
	void *p = calloc(n ? (size_t)n : 1, elem);

	if (!p && !c->err) {
		c->err = -ENOMEM;
		snprintf(c->reason, c->reason_size, "%s: out of memory", c->file);
	}
	return p;
}

