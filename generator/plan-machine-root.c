// SPDX-License-Identifier: GPL-2.0
/*
 * Reads "root_cell" of the machine JSON: the root cell jh-discover's
 * policy (discover/root-policy.c) gives the machine, element for element
 * (docs/machine-json.md). jh-plan starts its root cell from it
 * (plan-root.c) and decides nothing of it on its own.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan-json.h"
#include "plan-machine.h"

#define RC	"root_cell"

/* An unsigned member that must fit in max; path names it on error */
static uint64_t jnum(struct jctx *c, struct json_object *o, const char *path,
		     const char *key, uint64_t max)
{
	uint64_t v = jhex(c, o, path, key, 0);

	if (v > max)
		jfail(c, path, key, "value out of range");
	return v;
}

static void jcomment(struct jctx *c, struct json_object *o, const char *path,
		     char *buf, size_t size)
{
	jstr(c, o, path, "comment", buf, size);
}

/* Calls add(c, sys, element, path, comment) for each element of a list */
typedef int (*add_fn)(struct jctx *c, struct jhgen_system *s,
		      struct json_object *o, const char *path,
		      const char *comment);

static void load_list(struct jctx *c, struct jhgen_system *s,
		      struct json_object *parent, const char *ppath,
		      const char *key, add_fn add)
{
	struct json_object *arr;
	char path[96], comment[256];
	int i, n = jarray(c, parent, ppath, key, &arr);

	for (i = 0; i < n && !c->err; i++) {
		struct json_object *o;
		char name[64];
		int err;

		snprintf(name, sizeof(name), "%s.%s", ppath, key);
		o = jelem(c, arr, (size_t)i, name);
		snprintf(path, sizeof(path), "%s[%d]", name, i);
		jcomment(c, o, path, comment, sizeof(comment));
		if (c->err)
			return;
		err = add(c, s, o, path, comment);
		if (err < 0 && !c->err) {
			c->err = err;
			snprintf(c->reason, c->reason_size, "%s: %s: %s",
				 c->file, path, strerror(-err));
		}
	}
}

static int add_mem(struct jctx *c, struct jhgen_system *s,
		   struct json_object *o, const char *p, const char *comment)
{
	struct jh_memory r = {
		.phys_start = jhex(c, o, p, "phys_start", 0),
		.virt_start = jhex(c, o, p, "virt_start", 0),
		.size = jhex(c, o, p, "size", 0),
		.flags = jnum(c, o, p, "flags", JH_MEM_FLAGS_KNOWN),
	};

	if (!r.size || r.phys_start + r.size < r.phys_start)
		jfail(c, p, "size", "empty or beyond the address space");
	return c->err ? 0 : jhgen_cell_add_mem(&s->root, &r, "%s", comment);
}

static int add_irqchip(struct jctx *c, struct jhgen_system *s,
		       struct json_object *o, const char *p,
		       const char *comment)
{
	struct jh_irqchip r = {
		.address = jhex(c, o, p, "address", 0),
		.id = (uint32_t)jnum(c, o, p, "id", UINT32_MAX),
		.gsi_base = (uint32_t)jnum(c, o, p, "gsi_base", UINT32_MAX),
	};
	struct json_object *pins;
	int i, n = jarray(c, o, p, "pin_bitmap", &pins);

	if (n != JH_IRQCHIP_PINS / 64)
		jfail(c, p, "pin_bitmap", "expected 4 words");
	for (i = 0; i < n && !c->err; i++) {
		r.pin_bitmap[i] = jhex_value(c, json_object_array_get_idx(pins, (size_t)i),
					     p, "pin_bitmap", 0);
	}
	return c->err ? 0 : jhgen_cell_add_irqchip(&s->root, &r, "%s", comment);
}

static int add_pio(struct jctx *c, struct jhgen_system *s,
		   struct json_object *o, const char *p, const char *comment)
{
	struct jh_pio r = {
		.base = (uint16_t)jnum(c, o, p, "base", 0xffff),
		.length = (uint16_t)jnum(c, o, p, "length", 0xffff),
	};

	if (!c->err && (!r.length || r.base + r.length > 0x10000))
		jfail(c, p, "length", "empty or beyond port 0xffff");
	return c->err ? 0 : jhgen_cell_add_pio(&s->root, &r, "%s", comment);
}

static int add_mmconfig(struct jctx *c, struct jhgen_system *s,
			struct json_object *o, const char *p,
			const char *comment)
{
	struct jh_pci_mmconfig r = {
		.base = jhex(c, o, p, "base", 0),
		.segment = (uint16_t)jnum(c, o, p, "segment", 0xffff),
		.start_bus = (uint8_t)jnum(c, o, p, "start_bus", 0xff),
		.end_bus = (uint8_t)jnum(c, o, p, "end_bus", 0xff),
	};

	return c->err ? 0 : jhgen_system_add_mmconfig(s, &r, "%s", comment);
}

static int add_iommu(struct jctx *c, struct jhgen_system *s,
		     struct json_object *o, const char *p, const char *comment)
{
	struct jh_iommu r = {
		.base = jhex(c, o, p, "base", 0),
		.size = (uint32_t)jnum(c, o, p, "size", UINT32_MAX),
		.segment = (uint16_t)jnum(c, o, p, "segment", 0xffff),
		.type = (uint8_t)jnum(c, o, p, "type", 0xff),
		.flags = (uint8_t)jnum(c, o, p, "flags", 0xff),
		.amd_bdf = (uint16_t)jnum(c, o, p, "amd_bdf", 0xffff),
		.amd_base_cap = (uint8_t)jnum(c, o, p, "amd_base_cap", 0xff),
		.amd_msi_cap = (uint8_t)jnum(c, o, p, "amd_msi_cap", 0xff),
		.amd_features = (uint32_t)jnum(c, o, p, "amd_features", UINT32_MAX),
	};

	return c->err ? 0 : jhgen_system_add_iommu(s, &r, "%s", comment);
}

static int add_ioapic(struct jctx *c, struct jhgen_system *s,
		      struct json_object *o, const char *p, const char *comment)
{
	struct jh_ioapic r = {
		.address = jhex(c, o, p, "address", 0),
		.gsi_base = (uint32_t)jnum(c, o, p, "gsi_base", UINT32_MAX),
		.id = (uint8_t)jnum(c, o, p, "id", 0xff),
		.iommu = (uint8_t)jnum(c, o, p, "iommu", 0xff),
		.bdf = (uint16_t)jnum(c, o, p, "bdf", 0xffff),
		.segment = (uint16_t)jnum(c, o, p, "segment", 0xffff),
		.pins = (uint32_t)jnum(c, o, p, "pins", JH_IRQCHIP_PINS),
	};

	return c->err ? 0 : jhgen_system_add_ioapic(s, &r, "%s", comment);
}

/* PCI capabilities, read first: devices refer to them by index */
struct cap_table {
	struct jh_pci_capability *caps;
	char (*comments)[64];
	int n;
};

static void load_caps_table(struct jctx *c, struct json_object *rc,
			    struct cap_table *t)
{
	struct json_object *arr;
	char path[64];
	int i;

	t->n = jarray(c, rc, RC, "pci_caps", &arr);
	t->caps = alloc_array(c, t->n, sizeof(*t->caps));
	t->comments = alloc_array(c, t->n, sizeof(*t->comments));
	for (i = 0; i < t->n && !c->err; i++) {
		struct json_object *o = jelem(c, arr, (size_t)i, RC ".pci_caps");

		snprintf(path, sizeof(path), RC ".pci_caps[%d]", i);
		t->caps[i] = (struct jh_pci_capability){
			.id = (uint16_t)jnum(c, o, path, "id", 0xffff),
			.start = (uint16_t)jnum(c, o, path, "start", 0xfff),
			.len = (uint16_t)jnum(c, o, path, "len", 0x1000),
			.flags = (uint16_t)jnum(c, o, path, "flags", JH_PCICAPS_FLAGS_KNOWN),
		};
		jcomment(c, o, path, t->comments[i], sizeof(t->comments[i]));
	}
}

static void load_pci(struct jctx *c, struct jhgen_system *s,
		     struct json_object *rc, const struct cap_table *t)
{
	const char *cc[256];
	struct json_object *arr, *masks;
	char path[64], comment[256];
	int i, k, n = jarray(c, rc, RC, "pci_devices", &arr);

	for (i = 0; i < n && !c->err; i++) {
		struct json_object *o = jelem(c, arr, (size_t)i, RC ".pci_devices");
		struct jh_pci_device d;
		int err;

		snprintf(path, sizeof(path), RC ".pci_devices[%d]", i);
		d = (struct jh_pci_device){
			.type = (uint8_t)jnum(c, o, path, "type", 0xff),
			.iommu = (uint8_t)jnum(c, o, path, "iommu", 0xff),
			.segment = (uint16_t)jnum(c, o, path, "segment", 0xffff),
			.bdf = (uint16_t)jnum(c, o, path, "bdf", 0xffff),
			.caps_start = (uint16_t)jnum(c, o, path, "caps_start", 0xffff),
			.num_caps = (uint16_t)jnum(c, o, path, "num_caps", 256),
			.num_msi_vectors = (uint8_t)jnum(c, o, path, "num_msi_vectors", 32),
			.msi_flags = (uint8_t)jnum(c, o, path, "msi_flags", JH_PCI_MSI_FLAGS_KNOWN),
			.num_msix_vectors = (uint16_t)jnum(c, o, path, "num_msix_vectors", 2048),
			.msix_region_size = (uint16_t)jnum(c, o, path, "msix_region_size", 0xffff),
			.msix_address = jhex(c, o, path, "msix_address", 0),
		};
		if (json_object_object_get_ex(o, "dma_alias", NULL)) {	/* only with one */
			d.dma_alias = (uint16_t)jnum(c, o, path, "dma_alias", 0xffff);
			d.dma_flags = (uint8_t)jnum(c, o, path, "dma_flags",
						    JH_PCI_DMA_FLAGS_KNOWN);
		}
		if (jarray(c, o, path, "bar_mask", &masks) != 6)
			jfail(c, path, "bar_mask", "expected 6 masks");
		for (k = 0; k < 6 && !c->err; k++) {
			uint64_t v = jhex_value(c, json_object_array_get_idx(masks, (size_t)k),
						path, "bar_mask", 0);

			if (v > UINT32_MAX)
				jfail(c, path, "bar_mask", "value out of range");
			d.bar_mask[k] = (uint32_t)v;
		}
		if (!c->err && d.caps_start + d.num_caps > t->n)
			jfail(c, path, "num_caps", "capabilities beyond root_cell.pci_caps");
		jcomment(c, o, path, comment, sizeof(comment));
		if (c->err)
			return;
		for (k = 0; k < d.num_caps; k++)
			cc[k] = t->comments[d.caps_start + k];
		err = jhgen_cell_add_pci(&s->root, &d, t->caps + d.caps_start,
					 d.num_caps, cc, "%s", comment);
		if (err < 0) {
			c->err = err;
			snprintf(c->reason, c->reason_size, "%s: %s: %s",
				 c->file, path, strerror(-err));
		}
	}
}

static void load_cpus(struct jctx *c, struct jhgen_system *s,
		      struct json_object *rc)
{
	struct json_object *arr;
	int i, n = jarray(c, rc, RC, "cpus", &arr);

	for (i = 0; i < n && !c->err; i++) {
		struct json_object *v = json_object_array_get_idx(arr, (size_t)i);
		int64_t cpu = json_object_get_int64(v);

		if (!json_object_is_type(v, json_type_int) || cpu < 0 || cpu > 4095)
			jfail(c, RC, "cpus", "expected CPU numbers 0-4095");
		else if (jhgen_cell_add_cpu(&s->root, (unsigned int)cpu))
			jfail(c, RC, "cpus", "out of memory");
	}
}

static void load_header(struct jctx *c, struct jhgen_system *s,
			struct json_object *rc)
{
	struct json_object *hv = jget(rc, "hypervisor_memory");
	struct json_object *con = jget(rc, "debug_console");
	struct json_object *pf = jget(rc, "platform");
	struct jh_platform *p = &s->header.platform;

	s->header.flags = (uint32_t)jnum(c, rc, RC, "flags", JH_SYS_FLAGS_KNOWN);
	s->header.hypervisor_memory.phys_start =
		jhex(c, hv, RC ".hypervisor_memory", "phys_start", 0);
	s->header.hypervisor_memory.size =
		jhex(c, hv, RC ".hypervisor_memory", "size", 0);
	s->header.debug_console = (struct jh_console){
		.type = (uint8_t)jnum(c, con, RC ".debug_console", "type", JH_CON_8250_MMIO),
		.address = jhex(c, con, RC ".debug_console", "address", 0),
		.divider = (uint32_t)jnum(c, con, RC ".debug_console", "divider", UINT32_MAX),
		.reg_width = (uint8_t)jnum(c, con, RC ".debug_console", "reg_width", 4),
		.reg_shift = (uint8_t)jnum(c, con, RC ".debug_console", "reg_shift", 7),
	};
	p->pm_timer_port = (uint16_t)jnum(c, pf, RC ".platform", "pm_timer_port", 0xffff);
	p->pm_timer_32bit = jbool(c, pf, RC ".platform", "pm_timer_32bit", false);
	p->ir_table_size = (uint32_t)jnum(c, pf, RC ".platform", "ir_table_size", 65536);
	load_list(c, s, pf, RC ".platform", "pci_mmconfig", add_mmconfig);
	load_list(c, s, pf, RC ".platform", "iommus", add_iommu);
	load_list(c, s, pf, RC ".platform", "ioapics", add_ioapic);
}

void machine_load_root_cell(struct jctx *c, struct machine *m,
			    struct json_object *root)
{
	struct json_object *rc = jget(root, RC);
	struct cap_table t = { 0 };

	jhgen_system_init(&m->root, "root");
	if (!json_object_object_get_ex(root, RC, NULL)) {
		jfail(c, "", RC, "missing: jh-plan takes the root cell jh-discover's policy decides, and this file has none (written before root_cell existed)");
		return;
	}
	if (!rc) {	/* jh-discover could not decide: the plan says why */
		jstr(c, jget(root, "reservation"), "reservation", "problem",
		     m->root_problem, sizeof(m->root_problem));
		if (!m->root_problem[0])
			snprintf(m->root_problem, sizeof(m->root_problem),
				 "jh-discover could not decide the root cell");
		return;
	}
	if (!json_object_is_type(rc, json_type_object)) {
		jfail(c, "", RC, "expected an object or null");
		return;
	}
	load_header(c, &m->root, rc);
	load_cpus(c, &m->root, rc);
	load_list(c, &m->root, rc, RC, "memory", add_mem);
	load_list(c, &m->root, rc, RC, "irqchips", add_irqchip);
	load_list(c, &m->root, rc, RC, "pio", add_pio);
	load_caps_table(c, rc, &t);
	if (!c->err)
		load_pci(c, &m->root, rc, &t);
	free(t.caps);
	free(t.comments);
	m->has_root = !c->err;
}
