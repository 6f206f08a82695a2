// SPDX-License-Identifier: GPL-2.0
/*
 * Reads the machine description JSON (docs/machine-json.md) with json-c.
 * Lenient where the schema allows null, strict about types: a member of
 * the wrong type or an unparsable address stops loading with the file,
 * the member's path and the fix.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "plan-json.h"
#include "plan-machine.h"

static void load_cpus(struct jctx *c, struct machine *m,
		      struct json_object *root)
{
	struct json_object *arr, *cpu = jget(root, "cpu");
	struct json_object *feat = jget(cpu, "features");
	struct json_object *cat = jget(cpu, "cat");
	char p[48];
	int i, next_linux = 0;

	jstr(c, cpu, "cpu", "vendor", m->cpu_vendor, sizeof(m->cpu_vendor));
	m->hybrid = jbool(c, cpu, "cpu", "hybrid", false);
	m->x2apic = jbool(c, feat, "cpu.features", "x2apic", false);
	m->tsc_deadline = jbool(c, feat, "cpu.features", "tsc_deadline", false);
	m->smt = jbool(c, feat, "cpu.features", "smt", false);
	m->cat_known = cat != NULL;
	m->cat_l3_bits = (int)jint(c, jget(cat, "l3"), "cpu.cat.l3", "cbm_bits", 0);
	m->cat_l2_bits = (int)jint(c, jget(cat, "l2"), "cpu.cat.l2", "cbm_bits", 0);

	m->num_cpus = jarray(c, root, "", "cpus", &arr);
	m->cpus = alloc_array(c, m->num_cpus, sizeof(*m->cpus));
	if (!m->cpus)
		return;
	for (i = 0; i < m->num_cpus; i++) {
		struct json_object *o = jelem(c, arr, (size_t)i, "cpus");
		struct json_object *caches = jget(o, "cache_ids");
		struct pm_cpu *u = &m->cpus[i];
		struct json_object *on;

		ITEM_PATH(p, "cpus", i);
		u->apic_id = (uint32_t)jint(c, o, p, "apic_id", 0);
		u->enabled = jbool(c, o, p, "enabled", true);
		u->linux_cpu = (int)jint(c, o, p, "linux_cpu", PM_UNKNOWN);
		on = jget(o, "online");
		u->online = on ? jbool(c, o, p, "online", false) : PM_UNKNOWN;
		u->package = (int)jint(c, o, p, "package", PM_UNKNOWN);
		u->core = (int)jint(c, o, p, "core", PM_UNKNOWN);
		u->thread = (int)jint(c, o, p, "thread", PM_UNKNOWN);
		u->node = (int)jint(c, o, p, "node", PM_UNKNOWN);
		u->l2 = (int)jint(c, caches, p, "l2", PM_UNKNOWN);
		u->l3 = (int)jint(c, caches, p, "l3", PM_UNKNOWN);
		jstr(c, o, p, "core_type", u->core_type, sizeof(u->core_type));
	}
	/*
	 * Offline sources without sysfs do not say how Linux numbers the
	 * CPUs: Linux numbers enabled CPUs in firmware order, which the
	 * JSON's apic_id order matches on every corpus machine but is not
	 * guaranteed. The plan says when it relied on that.
	 */
	for (i = 0; i < m->num_cpus; i++)
		if (m->cpus[i].enabled && m->cpus[i].linux_cpu == PM_UNKNOWN)
			m->linux_cpu_assumed = true;
	if (m->linux_cpu_assumed)
		for (i = 0; i < m->num_cpus; i++)
			m->cpus[i].linux_cpu = m->cpus[i].enabled ?
					       next_linux++ : PM_UNKNOWN;
}

static void load_scopes(struct jctx *c, struct json_object *o,
			const char *path, struct pm_scope **out, int *num)
{
	struct json_object *arr;
	char p[96];
	int i;

	*num = jarray(c, o, path, "scopes", &arr);
	*out = alloc_array(c, *num, sizeof(**out));
	if (!*out)
		return;
	for (i = 0; i < *num; i++) {
		struct json_object *s;

		snprintf(p, sizeof(p), "%s.scopes", path);
		s = jelem(c, arr, (size_t)i, p);
		snprintf(p, sizeof(p), "%s.scopes[%d]", path, i);
		jstr(c, s, p, "type", (*out)[i].type, sizeof((*out)[i].type));
		(*out)[i].bdf16 = (int)jint(c, s, p, "bdf16", PM_UNKNOWN);
	}
}

static void load_iommus(struct jctx *c, struct machine *m,
			struct json_object *root)
{
	struct json_object *arr;
	char p[48], type[16];
	int i;

	m->num_iommus = jarray(c, root, "", "iommus", &arr);
	m->iommus = alloc_array(c, m->num_iommus, sizeof(*m->iommus));
	if (!m->iommus)
		return;
	for (i = 0; i < m->num_iommus; i++) {
		struct json_object *o = jelem(c, arr, (size_t)i, "iommus");
		struct json_object *amd = jget(o, "amd");
		struct pm_iommu *u = &m->iommus[i];

		ITEM_PATH(p, "iommus", i);
		jstr(c, o, p, "type", type, sizeof(type));
		u->amd = !strcmp(type, "amd-vi");
		u->base = jhex(c, o, p, "base", 0);
		u->size = jhex(c, o, p, "size", 0x1000);
		u->segment = (uint16_t)jint(c, o, p, "segment", 0);
		u->include_all = jbool(c, o, p, "include_all", false);
		u->amd_bdf16 = (int)jint(c, amd, p, "bdf16", 0);
		u->amd_cap = (int)jint(c, amd, p, "capability_offset", 0);
		load_scopes(c, o, p, &u->scopes, &u->num_scopes);
	}

	m->num_rmrrs = jarray(c, root, "", "rmrrs", &arr);
	m->rmrrs = alloc_array(c, m->num_rmrrs, sizeof(*m->rmrrs));
	if (!m->rmrrs)
		return;
	for (i = 0; i < m->num_rmrrs; i++) {
		struct json_object *o = jelem(c, arr, (size_t)i, "rmrrs");
		struct pm_rmrr *r = &m->rmrrs[i];

		ITEM_PATH(p, "rmrrs", i);
		r->base = jhex(c, o, p, "base", 0);
		r->end = jhex(c, o, p, "end", 0);
		load_scopes(c, o, p, &r->scopes, &r->num_scopes);
	}
}

/* IVRS alias entries: devices whose DMA carries another requester id */
static void load_ivrs_aliases(struct jctx *c, struct machine *m,
			      struct json_object *root)
{
	struct json_object *ivhds, *ents;
	int i, j, n, ne, count = 0;
	char p[64];

	n = jarray(c, jget(root, "ivrs"), "ivrs", "ivhd", &ivhds);
	for (i = 0; i < n; i++)
		count += jarray(c, json_object_array_get_idx(ivhds, (size_t)i),
				"ivrs.ivhd", "entries", &ents);
	m->aliases = alloc_array(c, count, sizeof(*m->aliases));
	if (!m->aliases)
		return;
	for (i = 0; i < n; i++) {
		struct json_object *h = jelem(c, ivhds, (size_t)i, "ivrs.ivhd");

		snprintf(p, sizeof(p), "ivrs.ivhd[%d]", i);
		ne = jarray(c, h, p, "entries", &ents);
		for (j = 0; j < ne; j++) {
			struct json_object *e = jelem(c, ents, (size_t)j,
						      "ivrs.ivhd[].entries");
			char kind[24];

			jstr(c, e, p, "kind", kind, sizeof(kind));
			if (strncmp(kind, "alias_", 6))
				continue;
			m->aliases[m->num_aliases].devid =
				(int)jint(c, e, p, "devid", 0);
			m->aliases[m->num_aliases].source_devid =
				(int)jint(c, e, p, "source_devid", 0);
			m->num_aliases++;
		}
	}
}

static void load_caps(struct jctx *c, struct pm_pci *d, struct json_object *o,
		      const char *path)
{
	struct json_object *std, *ext;
	int ns = jarray(c, o, path, "caps", &std);
	int ne = jarray(c, o, path, "ext_caps", &ext);
	char p[96];
	int i;

	d->caps = alloc_array(c, ns + ne, sizeof(*d->caps));
	if (!d->caps)
		return;
	for (i = 0; i < ns + ne; i++) {
		bool is_ext = i >= ns;
		struct json_object *x = json_object_array_get_idx(
			is_ext ? ext : std, (size_t)(is_ext ? i - ns : i));
		struct pm_cap *cap = &d->caps[i];

		snprintf(p, sizeof(p), "%s.%s[%d]", path,
			 is_ext ? "ext_caps" : "caps", is_ext ? i - ns : i);
		cap->id = (uint16_t)jint(c, x, p, "id", 0);
		if (is_ext)
			cap->id |= 0x8000;
		cap->offset = (uint16_t)jint(c, x, p, "offset", 0);
		cap->length = (uint16_t)jint(c, x, p, "length", 4);
		jstr(c, x, p, "name", cap->name, sizeof(cap->name));
	}
	d->num_caps = ns + ne;
}

static void load_pci_one(struct jctx *c, struct pm_pci *d,
			 struct json_object *o, const char *p)
{
	struct json_object *bars, *msi = jget(o, "msi"), *msix = jget(o, "msix");
	struct json_object *bridge = jget(o, "bridge");
	char vendor[64], device[64], cls[64];
	int i, nb;

	jstr(c, o, p, "bdf", d->bdf, sizeof(d->bdf));
	d->segment = (uint16_t)jint(c, o, p, "segment", 0);
	d->bdf16 = (uint16_t)jint(c, o, p, "bdf16", 0);
	d->bus = (int)jint(c, o, p, "bus", d->bdf16 >> 8);
	d->vendor_id = (uint32_t)jint(c, o, p, "vendor_id", 0);
	d->device_id = (uint32_t)jint(c, o, p, "device_id", 0);
	d->class_code = (uint32_t)jint(c, o, p, "class", 0);
	jstr(c, o, p, "vendor_name", vendor, sizeof(vendor));
	jstr(c, o, p, "device_name", device, sizeof(device));
	jstr(c, o, p, "class_name", cls, sizeof(cls));
	if (*cls)
		snprintf(d->name, sizeof(d->name), "%s", cls);
	else
		snprintf(d->name, sizeof(d->name), "class 0x%06x, %04x:%04x",
			 d->class_code, d->vendor_id, d->device_id);
	(void)vendor;
	(void)device;
	d->header_type = (int)jint(c, o, p, "header_type", 0);
	jstr(c, o, p, "pcie_type", d->pcie_type, sizeof(d->pcie_type));
	jstr(c, o, p, "driver", d->driver, sizeof(d->driver));
	d->interrupt_pin = (int)jint(c, o, p, "interrupt_pin", 0);
	d->interrupt_line = (int)jint(c, o, p, "interrupt_line", 0);
	d->gsi = (int)jint(c, o, p, "irq", 0);
	if (d->gsi <= 0)
		d->gsi = d->interrupt_line;
	d->iommu_group = (int)jint(c, o, p, "iommu_group", PM_UNKNOWN);
	d->iommu = (int)jint(c, o, p, "iommu", PM_UNKNOWN);
	d->secondary_bus = (int)jint(c, bridge, p, "secondary_bus", PM_UNKNOWN);
	d->subordinate_bus = (int)jint(c, bridge, p, "subordinate_bus",
				       PM_UNKNOWN);

	nb = jarray(c, o, p, "bars", &bars);
	for (i = 0; i < nb && d->num_bars < 6; i++) {
		struct json_object *b = jelem(c, bars, (size_t)i, "pci_devices[].bars");
		struct pm_bar *bar = &d->bars[d->num_bars++];

		bar->index = (int)jint(c, b, p, "index", i);
		bar->address = jhex(c, b, p, "address", 0);
		bar->size = jhex(c, b, p, "size", 0);
		bar->mask = (uint32_t)jhex(c, b, p, "mask", 0);
		bar->prefetchable = jbool(c, b, p, "prefetchable", false);
		jstr(c, b, p, "type", bar->type, sizeof(bar->type));
	}
	if (msi) {
		d->msi_vectors = (int)jint(c, msi, p, "vectors", 1);
		d->msi_64bit = jbool(c, msi, p, "is_64bit", false);
		d->msi_maskable = jbool(c, msi, p, "maskable", false);
	}
	if (msix) {
		d->msix_vectors = (int)jint(c, msix, p, "vectors", 0);
		d->msix_table_bar = (int)jint(c, msix, p, "table_bar", 0);
		d->msix_table = jhex(c, msix, p, "table_address", 0);
		d->msix_pba = jhex(c, msix, p, "pba_address", 0);
	}
	load_caps(c, d, o, p);
}

static void load_pci(struct jctx *c, struct machine *m,
		     struct json_object *root)
{
	struct json_object *arr;
	char p[48];
	int i;

	m->num_pci = jarray(c, root, "", "pci_devices", &arr);
	m->pci = alloc_array(c, m->num_pci, sizeof(*m->pci));
	if (!m->pci)
		return;
	for (i = 0; i < m->num_pci && !c->err; i++) {
		ITEM_PATH(p, "pci_devices", i);
		load_pci_one(c, &m->pci[i],
			     jelem(c, arr, (size_t)i, "pci_devices"), p);
	}
}

/*
 * Offline inputs often have /proc/iomem but no e820 map: its top-level
 * entries name the same RAM and firmware ranges (Linux builds them from
 * e820), so they stand in for it.
 */
static void load_iomem_map(struct jctx *c, struct machine *m,
			   struct json_object *root)
{
	static const char *const kinds[] = {
		"System RAM", "Reserved", "ACPI Tables",
		"ACPI Non-volatile Storage",
	};
	struct json_object *arr;
	char p[48], name[64];
	int i, k, n;

	n = jarray(c, jget(root, "memory"), "memory", "iomem", &arr);
	free(m->e820);
	m->e820 = alloc_array(c, n, sizeof(*m->e820));
	for (i = 0; m->e820 && i < n; i++) {
		struct json_object *o = jelem(c, arr, (size_t)i, "memory.iomem");

		ITEM_PATH(p, "memory.iomem", i);
		if (jint(c, o, p, "depth", 0))
			continue;
		jstr(c, o, p, "name", name, sizeof(name));
		for (k = 0; k < (int)(sizeof(kinds) / sizeof(kinds[0])); k++)
			if (!strcmp(name, kinds[k]))
				break;
		if (k == (int)(sizeof(kinds) / sizeof(kinds[0])))
			continue;
		m->e820[m->num_e820].start = jhex(c, o, p, "start", 0);
		m->e820[m->num_e820].end = jhex(c, o, p, "end", 0);
		snprintf(m->e820[m->num_e820].name,
			 sizeof(m->e820[m->num_e820].name), "%s", name);
		m->num_e820++;
	}
}

static void load_platform(struct jctx *c, struct machine *m,
			  struct json_object *root)
{
	struct json_object *arr;
	struct json_object *res = jget(root, "reservation");
	struct json_object *hvm = jget(res, "hypervisor_memory");
	char p[48];
	int i, n;

	m->num_ioapics = jarray(c, root, "", "ioapics", &arr);
	m->ioapics = alloc_array(c, m->num_ioapics, sizeof(*m->ioapics));
	for (i = 0; m->ioapics && i < m->num_ioapics; i++) {
		struct json_object *o = jelem(c, arr, (size_t)i, "ioapics");
		struct pm_ioapic *a = &m->ioapics[i];

		ITEM_PATH(p, "ioapics", i);
		a->id = (int)jint(c, o, p, "id", 0);
		a->address = jhex(c, o, p, "address", 0);
		a->gsi_base = (uint32_t)jint(c, o, p, "gsi_base", 0);
		a->pins = (int)jint(c, o, p, "pins", PM_UNKNOWN);
		jstr(c, o, p, "pins_source", a->pins_source, sizeof(a->pins_source));
		a->bdf16 = (int)jint(c, o, p, "bdf16", PM_UNKNOWN);
		a->iommu = (int)jint(c, o, p, "iommu", PM_UNKNOWN);
	}

	m->num_e820 = jarray(c, jget(root, "memory"), "memory", "e820", &arr);
	m->e820 = alloc_array(c, m->num_e820, sizeof(*m->e820));
	for (i = 0; m->e820 && i < m->num_e820; i++) {
		struct json_object *o = jelem(c, arr, (size_t)i, "memory.e820");

		ITEM_PATH(p, "memory.e820", i);
		m->e820[i].start = jhex(c, o, p, "start", 0);
		m->e820[i].end = jhex(c, o, p, "end", 0);
		jstr(c, o, p, "type", m->e820[i].name, sizeof(m->e820[i].name));
	}

	if (!m->num_e820)
		load_iomem_map(c, m, root);

	m->num_serials = jarray(c, root, "", "serial_ports", &arr);
	m->serials = alloc_array(c, m->num_serials, sizeof(*m->serials));
	for (i = 0; m->serials && i < m->num_serials; i++) {
		struct json_object *o = jelem(c, arr, (size_t)i, "serial_ports");

		ITEM_PATH(p, "serial_ports", i);
		jstr(c, o, p, "name", m->serials[i].name,
		     sizeof(m->serials[i].name));
		m->serials[i].port = (int)jint(c, o, p, "port", PM_UNKNOWN);
		m->serials[i].irq = (int)jint(c, o, p, "irq", 0);
		m->serials[i].in_use = jbool(c, o, p, "in_use", false);
	}

	n = jarray(c, jget(root, "numa"), "numa", "srat_memory", &arr);
	m->numa_mem = alloc_array(c, n, sizeof(*m->numa_mem));
	for (i = 0; m->numa_mem && i < n; i++) {
		struct json_object *o = jelem(c, arr, (size_t)i, "numa.srat_memory");

		ITEM_PATH(p, "numa.srat_memory", i);
		if (!jbool(c, o, p, "enabled", true))
			continue;
		m->numa_mem[m->num_numa_mem].base = jhex(c, o, p, "base", 0);
		m->numa_mem[m->num_numa_mem].size = jhex(c, o, p, "size", 0);
		m->numa_mem[m->num_numa_mem].node = (int)jint(c, o, p, "node", 0);
		m->num_numa_mem++;
	}

	m->res_present = jbool(c, res, "reservation", "present", false);
	m->res_base = jhex(c, res, "reservation", "base", 0);
	m->res_size = jhex(c, res, "reservation", "size", 0);
	m->res_hv_base = jhex(c, hvm, "reservation.hypervisor_memory", "base",
			      m->res_base);
	m->res_hv_size = jhex(c, hvm, "reservation.hypervisor_memory", "size",
			      0);
}

int machine_parse(struct machine *m, const char *text, const char *name,
		  char *reason, size_t reason_size)
{
	struct jctx c = { name, reason, reason_size, 0 };
	struct json_tokener *tok = json_tokener_new();
	struct json_object *root, *dmi;
	char schema[32], vendor[64], product[96];

	memset(m, 0, sizeof(*m));
	snprintf(m->path, sizeof(m->path), "%s", name);
	if (!tok)
		return -ENOMEM;
	root = json_tokener_parse_ex(tok, text, (int)strlen(text));
	if (!root || json_tokener_get_error(tok) != json_tokener_success) {
		snprintf(reason, reason_size,
			 "%s: not valid JSON (%s at byte %zu); fix: pass the output of `jh-discover --json`",
			 name, json_tokener_error_desc(json_tokener_get_error(tok)),
			 json_tokener_get_parse_end(tok));
		json_tokener_free(tok);
		json_object_put(root);
		return -EINVAL;
	}
	json_tokener_free(tok);
	if (!json_object_is_type(root, json_type_object)) {
		snprintf(reason, reason_size,
			 "%s: the top level is not a JSON object; fix: pass the output of `jh-discover --json`",
			 name);
		json_object_put(root);
		return -EINVAL;
	}
	jstr(&c, root, "", "schema", schema, sizeof(schema));
	if (!c.err && strcmp(schema, SCHEMA)) {
		snprintf(reason, reason_size,
			 "%s: schema: \"%s\" is not \"%s\"; fix: regenerate it with this version's `jh-discover --json`",
			 name, schema, SCHEMA);
		json_object_put(root);
		return -EINVAL;
	}
	dmi = jget(root, "dmi");
	jstr(&c, dmi, "dmi", "sys_vendor", vendor, sizeof(vendor));
	jstr(&c, dmi, "dmi", "product_name", product, sizeof(product));
	snprintf(m->title, sizeof(m->title), "%s%s%s", vendor,
		 *vendor && *product ? " " : "", product);
	if (!m->title[0])
		snprintf(m->title, sizeof(m->title), "machine of %s", name);

	load_cpus(&c, m, root);
	load_iommus(&c, m, root);
	load_ivrs_aliases(&c, m, root);
	load_pci(&c, m, root);
	load_platform(&c, m, root);
	machine_load_root_cell(&c, m, root);
	json_object_put(root);
	if (c.err)
		machine_free(m);
	return c.err;
}

int machine_load(struct machine *m, const char *path, char *reason,
		 size_t reason_size)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	char *text = NULL;
	size_t len = 0, n;
	int err;

	if (!f) {
		err = -errno;
		snprintf(reason, reason_size,
			 "%s: cannot open: %s; fix: give the JSON `jh-discover --json > FILE` wrote",
			 path, strerror(errno));
		return err;
	}
	for (;;) {
		char *bigger = realloc(text, len + 65536 + 1);

		if (!bigger) {
			free(text);
			if (f != stdin)
				fclose(f);
			snprintf(reason, reason_size, "%s: out of memory", path);
			return -ENOMEM;
		}
		text = bigger;
		n = fread(text + len, 1, 65536, f);
		len += n;
		if (n < 65536)
			break;
	}
	text[len] = '\0';
	if (f != stdin)
		fclose(f);
	err = machine_parse(m, text, path, reason, reason_size);
	free(text);
	return err;
}

void machine_free(struct machine *m)
{
	int i;

	for (i = 0; m->iommus && i < m->num_iommus; i++)
		free(m->iommus[i].scopes);
	for (i = 0; m->rmrrs && i < m->num_rmrrs; i++)
		free(m->rmrrs[i].scopes);
	for (i = 0; m->pci && i < m->num_pci; i++)
		free(m->pci[i].caps);
	free(m->cpus);
	free(m->ioapics);
	free(m->iommus);
	free(m->rmrrs);
	free(m->aliases);
	free(m->e820);
	free(m->pci);
	free(m->serials);
	free(m->numa_mem);
	jhgen_system_free(&m->root);
	memset(m, 0, sizeof(*m));
}

const struct pm_cpu *machine_cpu(const struct machine *m, int linux_cpu)
{
	int i;

	for (i = 0; i < m->num_cpus; i++)
		if (m->cpus[i].enabled && m->cpus[i].linux_cpu == linux_cpu)
			return &m->cpus[i];
	return NULL;
}

/* "0000:03:00.0" or "03:00.0" (segment 0), hex; false if malformed */
bool machine_parse_bdf(const char *s, unsigned int *seg, unsigned int *bdf16)
{
	unsigned int a, b, c, d;
	char end;

	if (sscanf(s, "%x:%x:%x.%x%c", &a, &b, &c, &d, &end) == 4) {
		*seg = a;
	} else if (sscanf(s, "%x:%x.%x%c", &b, &c, &d, &end) == 3) {
		*seg = 0;
	} else {
		return false;
	}
	if (*seg > 0xffff || b > 0xff || c > 0x1f || d > 7)
		return false;
	*bdf16 = b << 8 | c << 3 | d;
	return true;
}

const struct pm_pci *machine_pci(const struct machine *m, const char *bdf)
{
	unsigned int seg, bdf16;
	int i;

	if (!machine_parse_bdf(bdf, &seg, &bdf16))
		return NULL;
	for (i = 0; i < m->num_pci; i++)
		if (m->pci[i].segment == seg && m->pci[i].bdf16 == bdf16)
			return &m->pci[i];
	return NULL;
}

bool machine_iommu_present(const struct machine *m)
{
	return m->num_iommus > 0;
}
