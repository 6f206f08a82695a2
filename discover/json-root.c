// SPDX-License-Identifier: GPL-2.0
/*
 * The "root_cell" member of --json: the root cell the policy of
 * root-policy.c gives this machine, element for element as in the config
 * jh-discover writes (include/jh/config.h field names, with comments).
 * jh-plan builds its root cell from it, so the one policy decides for
 * both tools (docs/machine-json.md, "root_cell").
 */
#include <stdio.h>

#include "../generator/config-writer.h"
#include "json-out.h"
#include "root-policy.h"

static json_object *jlist(const struct jhgen_list *l,
			  json_object *(*elem)(const void *item))
{
	json_object *a = json_object_new_array();

	for (size_t i = 0; i < l->count; i++) {
		json_object *o = elem((const char *)l->items + i * l->elem_size);

		jset(o, "comment", jstr(l->comments[i]));
		json_object_array_add(a, o);
	}
	return a;
}

static json_object *jmem(const void *item)
{
	const struct jh_memory *r = item;
	json_object *o = json_object_new_object();

	jset(o, "phys_start", jx(r->phys_start));
	jset(o, "virt_start", jx(r->virt_start));
	jset(o, "size", jx(r->size));
	jset(o, "flags", jx(r->flags));
	return o;
}

static json_object *jirqchip(const void *item)
{
	const struct jh_irqchip *r = item;
	json_object *o = json_object_new_object(), *pins = json_object_new_array();

	for (int i = 0; i < JH_IRQCHIP_PINS / 64; i++)
		json_object_array_add(pins, jx(r->pin_bitmap[i]));
	jset(o, "address", jx(r->address));
	jset(o, "id", jint(r->id));
	jset(o, "gsi_base", jint(r->gsi_base));
	jset(o, "pin_bitmap", pins);
	return o;
}

static json_object *jpio(const void *item)
{
	const struct jh_pio *r = item;
	json_object *o = json_object_new_object();

	jset(o, "base", jint(r->base));
	jset(o, "length", jint(r->length));
	return o;
}

static json_object *jpci(const void *item)
{
	const struct jh_pci_device *r = item;
	json_object *o = json_object_new_object(), *masks = json_object_new_array();

	for (int i = 0; i < 6; i++)
		json_object_array_add(masks, jx(r->bar_mask[i]));
	jset(o, "type", jint(r->type));
	jset(o, "iommu", jint(r->iommu));
	jset(o, "segment", jint(r->segment));
	jset(o, "bdf", jint(r->bdf));
	jset(o, "caps_start", jint(r->caps_start));
	jset(o, "num_caps", jint(r->num_caps));
	jset(o, "num_msi_vectors", jint(r->num_msi_vectors));
	jset(o, "msi_flags", jx(r->msi_flags));
	jset(o, "num_msix_vectors", jint(r->num_msix_vectors));
	jset(o, "msix_region_size", jx(r->msix_region_size));
	jset(o, "msix_address", jx(r->msix_address));
	jset(o, "bar_mask", masks);
	if (r->dma_flags) {	/* only then: older machine JSON stays as it was */
		jset(o, "dma_alias", jint(r->dma_alias));
		jset(o, "dma_flags", jx(r->dma_flags));
	}
	return o;
}

static json_object *jcap(const void *item)
{
	const struct jh_pci_capability *r = item;
	json_object *o = json_object_new_object();

	jset(o, "id", jx(r->id));
	jset(o, "start", jint(r->start));
	jset(o, "len", jint(r->len));
	jset(o, "flags", jx(r->flags));
	return o;
}

static json_object *jmmconfig(const void *item)
{
	const struct jh_pci_mmconfig *r = item;
	json_object *o = json_object_new_object();

	jset(o, "base", jx(r->base));
	jset(o, "segment", jint(r->segment));
	jset(o, "start_bus", jint(r->start_bus));
	jset(o, "end_bus", jint(r->end_bus));
	return o;
}

static json_object *jiommu(const void *item)
{
	const struct jh_iommu *r = item;
	json_object *o = json_object_new_object();

	jset(o, "base", jx(r->base));
	jset(o, "size", jx(r->size));
	jset(o, "segment", jint(r->segment));
	jset(o, "type", jint(r->type));
	jset(o, "flags", jx(r->flags));
	jset(o, "amd_bdf", jint(r->amd_bdf));
	jset(o, "amd_base_cap", jint(r->amd_base_cap));
	jset(o, "amd_msi_cap", jint(r->amd_msi_cap));
	jset(o, "amd_features", jx(r->amd_features));
	return o;
}

static json_object *jioapic(const void *item)
{
	const struct jh_ioapic *r = item;
	json_object *o = json_object_new_object();

	jset(o, "address", jx(r->address));
	jset(o, "gsi_base", jint(r->gsi_base));
	jset(o, "id", jint(r->id));
	jset(o, "iommu", jint(r->iommu));
	jset(o, "bdf", jint(r->bdf));
	jset(o, "segment", jint(r->segment));
	jset(o, "pins", jint(r->pins));
	return o;
}

static json_object *json_system(struct jhgen_system *s)
{
	const struct jh_system *h = &s->header;
	const struct jh_console *con = &h->debug_console;
	json_object *o = json_object_new_object(), *v, *cpus;

	jset(o, "flags", jx(h->flags));
	v = json_object_new_object();
	jset(v, "phys_start", jx(h->hypervisor_memory.phys_start));
	jset(v, "size", jx(h->hypervisor_memory.size));
	jset(v, "comment", jstr(s->hv_comment));
	jset(o, "hypervisor_memory", v);
	v = json_object_new_object();
	jset(v, "type", jint(con->type));
	jset(v, "address", jx(con->address));
	jset(v, "divider", jint(con->divider));
	jset(v, "reg_width", jint(con->reg_width));
	jset(v, "reg_shift", jint(con->reg_shift));
	jset(o, "debug_console", v);
	v = json_object_new_object();
	jset(v, "pm_timer_port", jint(h->platform.pm_timer_port));
	jset(v, "pm_timer_32bit", json_object_new_boolean(h->platform.pm_timer_32bit));
	jset(v, "ir_table_size", jint(h->platform.ir_table_size));
	jset(v, "pci_mmconfig", jlist(&s->mmconfig, jmmconfig));
	jset(v, "iommus", jlist(&s->iommus, jiommu));
	jset(v, "ioapics", jlist(&s->ioapics, jioapic));
	jset(o, "platform", v);
	cpus = json_object_new_array();
	for (size_t i = 0; i < s->root.cpu_words * 64; i++)
		if (jhgen_cell_has_cpu(&s->root, (unsigned int)i))
			json_object_array_add(cpus, jint((int64_t)i));
	jset(o, "cpus", cpus);
	jset(o, "memory", jlist(&s->root.mem, jmem));
	jset(o, "irqchips", jlist(&s->root.irqchips, jirqchip));
	jset(o, "pio", jlist(&s->root.pio, jpio));
	jset(o, "pci_devices", jlist(&s->root.pci, jpci));
	jset(o, "pci_caps", jlist(&s->root.caps, jcap));
	return o;
}

/* null when the policy could not decide (reservation.problem says why) */
void json_add_root_cell(struct machine *m, json_object *root)
{
	struct jhgen_system sys;
	char reason[512];

	jhgen_system_init(&sys, "root");
	if (root_policy_build(m, &sys, reason, sizeof(reason)))
		jset(root, "root_cell", NULL);
	else
		jset(root, "root_cell", json_system(&sys));
	jhgen_system_free(&sys);
}
