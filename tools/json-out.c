// SPDX-License-Identifier: GPL-2.0
/* Shared pieces of the jh commands' --json output (json-out.h) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json-out.h"

int jh_take_flag(int *argc, char **argv, const char *flag)
{
	int i, j, found = 0;

	for (i = j = 1; i < *argc; i++) {
		if (!strcmp(argv[i], flag))
			found = 1;
		else
			argv[j++] = argv[i];
	}
	argv[j] = NULL;
	*argc = j;
	return found;
}

json_object *jh_json_cpulist(const char *list)
{
	json_object *cpus = json_object_new_array();
	const char *p = list;

	while (*p) {
		char *end;
		unsigned long first = strtoul(p, &end, 10), last = first;

		if (end == p)
			break;
		if (*end == '-')
			last = strtoul(end + 1, &end, 10);
		for (; first <= last && first < 4096; first++)
			json_object_array_add(cpus, json_object_new_int64(first));
		p = *end == ',' ? end + 1 : end;
		if (*end != ',')
			break;
	}
	return cpus;
}

json_object *jh_json_cell(const struct jh_cell_entry *cell)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "id", json_object_new_int64(cell->id));
	json_object_object_add(o, "name", json_object_new_string(cell->name));
	json_object_object_add(o, "state", json_object_new_string(cell->state));
	json_object_object_add(o, "cpus", jh_json_cpulist(cell->cpus));
	return o;
}

int jh_json_print(json_object *obj)
{
	const char *text = json_object_to_json_string_ext(obj,
		JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
		JSON_C_TO_STRING_NOSLASHESCAPE);
	int ret = text && printf("%s\n", text) > 0 ? 0 : 1;

	json_object_put(obj);
	return ret;
}
