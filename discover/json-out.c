// SPDX-License-Identifier: GPL-2.0
/* Top level of the --json output and the value helpers. */
#include <errno.h>
#include <stdio.h>

#include "cpu.h"
#include "json-out.h"

json_object *jx(uint64_t v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "0x%llx", (unsigned long long)v);
	return json_object_new_string(buf);
}

json_object *jint(int64_t v)
{
	return json_object_new_int64(v);
}

json_object *jint_or_null(int v)
{
	return v == DSC_NONE ? NULL : json_object_new_int(v);
}

json_object *jstr(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

json_object *jbdf(uint16_t segment, int bdf16)
{
	char buf[16];

	if (bdf16 < 0)
		return NULL;
	snprintf(buf, sizeof(buf), "%04x:%02x:%02x.%x", segment,
		 (bdf16 >> 8) & 0xff, (bdf16 >> 3) & 0x1f, bdf16 & 7);
	return json_object_new_string(buf);
}

void jset(json_object *o, const char *key, json_object *v)
{
	json_object_object_add(o, key, v);
}

static json_object *json_source(struct machine *m)
{
	json_object *src = json_object_new_object();
	json_object *in = json_object_new_array();

	for (size_t i = 0; i < m->inputs.n; i++)
		json_object_array_add(in, jstr(m->inputs.v[i]));
	jset(src, "mode", jstr(m->offline ? "offline" : "live"));
	jset(src, "inputs", in);
	jset(src, "cpu_topology", jstr(cpu_topology_name(m->cpu_topology)));
	return src;
}

static json_object *json_tables(struct machine *m)
{
	json_object *a = json_object_new_array();

	for (size_t i = 0; i < m->tables.n; i++) {
		const struct acpi_table *t = &m->tables.v[i];
		json_object *o = json_object_new_object();

		jset(o, "signature", jstr(t->sig));
		jset(o, "length", jint(t->len));
		jset(o, "revision", jint(t->revision));
		jset(o, "oem_id", jstr(t->oem_id));
		jset(o, "oem_table_id", jstr(t->oem_table_id));
		jset(o, "checksum_ok", json_object_new_boolean(t->checksum_ok));
		jset(o, "instance", jint(t->instance));
		jset(o, "address", t->address ? jx(t->address) : NULL);
		json_object_array_add(a, o);
	}
	return a;
}

static json_object *json_diagnostics(struct machine *m, bool limits)
{
	json_object *a = json_object_new_array();

	if (limits) {
		for (size_t i = 0; i < m->limits.n; i++) {
			json_object *o = json_object_new_object();

			jset(o, "what", jstr(m->limits.v[i].what));
			jset(o, "why", jstr(m->limits.v[i].why));
			jset(o, "leaves_out", jstr(m->limits.v[i].leaves_out));
			json_object_array_add(a, o);
		}
		return a;
	}
	for (size_t i = 0; i < m->warnings.n; i++) {
		const struct dsc_warning *w = &m->warnings.v[i];
		json_object *o = json_object_new_object();

		jset(o, "source", jstr(w->source));
		jset(o, "offset", w->offset == DSC_NONE ? NULL : jint(w->offset));
		jset(o, "message", jstr(w->message));
		json_object_array_add(a, o);
	}
	return a;
}

json_object *machine_to_json(struct machine *m)
{
	json_object *root = json_object_new_object();

	jset(root, "schema", jstr(JSON_SCHEMA));
	jset(root, "source", json_source(m));
	json_add_system(m, root);
	json_add_acpi(m, root);
	json_add_pci(m, root);
	jset(root, "acpi_tables", json_tables(m));
	jset(root, "limits", json_diagnostics(m, true));
	jset(root, "warnings", json_diagnostics(m, false));
	/* last: the policy's warnings are the sizing run's, already listed */
	json_add_root_cell(m, root);
	return root;
}

int machine_write_json(struct machine *m, FILE *f)
{
	json_object *root = machine_to_json(m);
	const char *s;
	int ret = 0;

	s = json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY |
					   JSON_C_TO_STRING_SPACED |
					   JSON_C_TO_STRING_NOSLASHESCAPE);
	if (fputs(s, f) < 0 || fputc('\n', f) < 0)
		ret = -EIO;
	json_object_put(root);
	return ret;
}
