// SPDX-License-Identifier: GPL-2.0
/* --json members decoded from ACPI tables (docs/machine-json.md). */
#include "ioapic-pins.h"
#include "json-out.h"

static const char *const scope_types[] = {
	[1] = "endpoint", [2] = "bridge", [3] = "ioapic", [4] = "hpet",
	[5] = "acpi-namespace",
};

static json_object *json_scopes(const struct dsc_scope_vec *v, uint16_t seg)
{
	json_object *a = json_object_new_array();

	for (size_t i = 0; i < v->n; i++) {
		const struct dsc_scope *s = &v->v[i];
		json_object *o = json_object_new_object(), *path;
		const char *type = "unknown";

		if (s->type < 6 && scope_types[s->type])
			type = scope_types[s->type];
		path = json_object_new_array();
		for (int p = 0; p < s->path_len; p++) {
			json_object *hop = json_object_new_array();

			json_object_array_add(hop, jint(s->path[p][0]));
			json_object_array_add(hop, jint(s->path[p][1]));
			json_object_array_add(path, hop);
		}
		jset(o, "type", jstr(type));
		jset(o, "type_id", jint(s->type));
		jset(o, "enum_id", jint(s->enum_id));
		jset(o, "start_bus", jint(s->start_bus));
		jset(o, "path", path);
		jset(o, "bdf", jbdf(seg, s->bdf16));
		jset(o, "bdf16", jint_or_null(s->bdf16));
		json_object_array_add(a, o);
	}
	return a;
}

static json_object *json_iommus(struct machine *m)
{
	json_object *a = json_object_new_array();

	for (size_t i = 0; i < m->iommus.n; i++) {
		const struct dsc_iommu *u = &m->iommus.v[i];
		json_object *o = json_object_new_object(), *amd = NULL;

		jset(o, "type", jstr(u->type == DSC_IOMMU_VTD ? "vtd" : "amd-vi"));
		jset(o, "base", jx(u->base));
		jset(o, "size", jx(u->size));
		jset(o, "segment", jint(u->segment));
		jset(o, "include_all", json_object_new_boolean(u->include_all));
		jset(o, "flags", jx(u->flags));
		jset(o, "scopes", json_scopes(&u->scopes, u->segment));
		if (u->type == DSC_IOMMU_AMD) {
			amd = json_object_new_object();
			jset(amd, "bdf", jbdf(u->segment, u->amd_bdf16));
			jset(amd, "bdf16", jint(u->amd_bdf16));
			jset(amd, "capability_offset", jint(u->amd_cap_offset));
			jset(amd, "ivhd_type", jint(u->amd_ivhd_type));
			jset(amd, "info", jx(u->amd_info));
			jset(amd, "efr", u->amd_has_efr ? jx(u->amd_efr) : NULL);
		}
		jset(o, "amd", amd);
		json_object_array_add(a, o);
	}
	return a;
}

static json_object *json_dmar(struct machine *m)
{
	json_object *o, *atsrs, *satcs, *rhsas, *andds;

	if (!m->have_dmar)
		return NULL;
	o = json_object_new_object();
	jset(o, "host_address_width", jint(m->dmar_haw));
	jset(o, "flags", jx(m->dmar_flags));
	jset(o, "intr_remap", json_object_new_boolean(m->dmar_flags & 1));
	jset(o, "x2apic_opt_out", json_object_new_boolean(m->dmar_flags & 2));
	jset(o, "dma_ctrl_platform_opt_in",
	     json_object_new_boolean(m->dmar_flags & 4));
	for (int k = 0; k < 2; k++) {
		struct dsc_atsr_vec *v = k ? &m->satcs : &m->atsrs;
		json_object *a = json_object_new_array();

		for (size_t i = 0; i < v->n; i++) {
			json_object *e = json_object_new_object();

			jset(e, "segment", jint(v->v[i].segment));
			jset(e, "flags", jx(v->v[i].flags));
			if (!k)
				jset(e, "all_ports",
				     json_object_new_boolean(v->v[i].flags & 1));
			jset(e, "scopes", json_scopes(&v->v[i].scopes,
						      v->v[i].segment));
			json_object_array_add(a, e);
		}
		if (k)
			satcs = a;
		else
			atsrs = a;
	}
	rhsas = json_object_new_array();
	for (size_t i = 0; i < m->rhsas.n; i++) {
		json_object *e = json_object_new_object();

		jset(e, "base", jx(m->rhsas.v[i].base));
		jset(e, "proximity_domain", jint(m->rhsas.v[i].domain));
		json_object_array_add(rhsas, e);
	}
	andds = json_object_new_array();
	for (size_t i = 0; i < m->andds.n; i++) {
		json_object *e = json_object_new_object();

		jset(e, "device_number", jint(m->andds.v[i].device));
		jset(e, "name", jstr(m->andds.v[i].name));
		json_object_array_add(andds, e);
	}
	jset(o, "atsrs", atsrs);
	jset(o, "rhsas", rhsas);
	jset(o, "andds", andds);
	jset(o, "satcs", satcs);
	return o;
}

static json_object *json_rmrrs(struct machine *m)
{
	json_object *a = json_object_new_array();

	for (size_t i = 0; i < m->rmrrs.n; i++) {
		const struct dsc_rmrr *r = &m->rmrrs.v[i];
		json_object *o = json_object_new_object();

		jset(o, "segment", jint(r->segment));
		jset(o, "base", jx(r->base));
		jset(o, "end", jx(r->end));
		jset(o, "scopes", json_scopes(&r->scopes, r->segment));
		json_object_array_add(a, o);
	}
	return a;
}

static const char *ivhd_entry_kind(uint8_t type)
{
	static const char *const kinds[256] = {
		[0] = "pad4", [1] = "all", [2] = "select", [3] = "start_range",
		[4] = "end_range", [64] = "pad8", [66] = "alias_select",
		[67] = "alias_start_range", [70] = "ext_select",
		[71] = "ext_start_range", [72] = "special", [0xf0] = "acpi_hid",
	};

	return kinds[type] ? kinds[type] : "unknown";
}

static json_object *json_ivhd_entries(const struct dsc_ivhd *h)
{
	static const char *const varieties[] = { [1] = "ioapic", [2] = "hpet" };
	json_object *a = json_object_new_array();

	for (size_t i = 0; i < h->entries.n; i++) {
		const struct dsc_ivhd_entry *e = &h->entries.v[i];
		json_object *o = json_object_new_object();

		jset(o, "type", jint(e->type));
		jset(o, "kind", jstr(ivhd_entry_kind(e->type)));
		jset(o, "devid", jint(e->devid));
		jset(o, "bdf", jbdf(h->segment, e->devid));
		jset(o, "data", jx(e->data));
		if (e->has_source) {
			jset(o, "source_devid", jint(e->source_devid));
			jset(o, "source_bdf", jbdf(h->segment, e->source_devid));
		}
		if (e->has_special) {
			jset(o, "handle", jint(e->handle));
			jset(o, "variety", jstr(e->variety < 3 && varieties[e->variety] ?
						varieties[e->variety] : "unknown"));
		}
		if (e->has_ext)
			jset(o, "ext", jx(e->ext));
		json_object_array_add(a, o);
	}
	return a;
}

static json_object *json_ivrs(struct machine *m)
{
	json_object *o, *ivhd, *ivmd;

	if (!m->have_ivrs)
		return NULL;
	o = json_object_new_object();
	ivhd = json_object_new_array();
	for (size_t i = 0; i < m->ivhds.n; i++) {
		const struct dsc_ivhd *h = &m->ivhds.v[i];
		json_object *e = json_object_new_object();

		jset(e, "type", jint(h->type));
		jset(e, "flags", jx(h->flags));
		jset(e, "iommu_bdf", jbdf(h->segment, h->bdf16));
		jset(e, "iommu_bdf16", jint(h->bdf16));
		jset(e, "capability_offset", jint(h->cap_offset));
		jset(e, "base", jx(h->base));
		jset(e, "segment", jint(h->segment));
		jset(e, "info", jx(h->info));
		jset(e, "attributes", jx(h->attributes));
		jset(e, "efr", h->has_efr ? jx(h->efr) : NULL);
		jset(e, "entries", json_ivhd_entries(h));
		json_object_array_add(ivhd, e);
	}
	ivmd = json_object_new_array();
	for (size_t i = 0; i < m->ivmds.n; i++) {
		const struct dsc_ivmd *v = &m->ivmds.v[i];
		json_object *e = json_object_new_object();

		jset(e, "type", jint(v->type));
		jset(e, "flags", jx(v->flags));
		jset(e, "devid", jint(v->devid));
		jset(e, "aux", jint(v->aux));
		jset(e, "base", jx(v->base));
		jset(e, "size", jx(v->size));
		json_object_array_add(ivmd, e);
	}
	jset(o, "iv_info", jx(m->iv_info));
	jset(o, "ivhd", ivhd);
	jset(o, "ivmd", ivmd);
	return o;
}

static const char *const fadt_block_names[FADT_NUM_BLOCKS] = {
	[FADT_PM1A_EVT] = "pm1a_event_block",
	[FADT_PM1B_EVT] = "pm1b_event_block",
	[FADT_PM1A_CNT] = "pm1a_control_block",
	[FADT_PM1B_CNT] = "pm1b_control_block",
	[FADT_PM2_CNT] = "pm2_control_block",
	[FADT_PM_TMR] = "pm_timer_block",
	[FADT_GPE0] = "gpe0_block",
	[FADT_GPE1] = "gpe1_block",
};

static const char *const fadt_len_names[FADT_NUM_BLOCKS] = {
	[FADT_PM1A_EVT] = "pm1_event_length",
	[FADT_PM1A_CNT] = "pm1_control_length",
	[FADT_PM2_CNT] = "pm2_control_length",
	[FADT_PM_TMR] = "pm_timer_length",
	[FADT_GPE0] = "gpe0_block_length",
	[FADT_GPE1] = "gpe1_block_length",
};

static json_object *json_fadt(struct machine *m)
{
	const struct dsc_fadt *f = &m->fadt;
	json_object *o, *used, *reset = NULL;

	if (!f->present)
		return NULL;
	o = json_object_new_object();
	jset(o, "revision", jint(f->revision));
	jset(o, "hw_reduced", json_object_new_boolean(f->hw_reduced));
	jset(o, "sci_interrupt", jint(f->sci));
	jset(o, "smi_command_port", f->smi_cmd ? jint(f->smi_cmd) : NULL);
	used = json_object_new_array();
	for (int i = 0; i < FADT_NUM_BLOCKS; i++) {
		jset(o, fadt_block_names[i], f->block[i] ? jint(f->block[i]) : NULL);
		if (fadt_len_names[i])
			jset(o, fadt_len_names[i], jint(f->block_len[i]));
		if (f->block[i] && f->block_len[i]) {
			json_object *u = json_object_new_object();

			jset(u, "start", jint(f->block[i]));
			jset(u, "end", jint(f->block[i] + f->block_len[i] - 1));
			jset(u, "name", jstr(fadt_block_names[i]));
			json_object_array_add(used, u);
		}
	}
	if (f->has_reset) {
		reset = json_object_new_object();
		jset(reset, "space_id", jint(f->reset_reg.space_id));
		jset(reset, "bit_width", jint(f->reset_reg.bit_width));
		jset(reset, "address", jx(f->reset_reg.address));
	}
	jset(o, "reset_register", reset);
	jset(o, "reset_value", jx(f->reset_value));
	jset(o, "iapc_boot_flags", jx(f->boot_flags));
	jset(o, "flags", jx(f->flags));
	jset(o, "ports_used", used);
	return o;
}

static json_object *json_numa(struct machine *m)
{
	json_object *o = json_object_new_object();
	json_object *cpus = json_object_new_array();
	json_object *mem = json_object_new_array();
	json_object *slit = json_object_new_array();

	for (size_t i = 0; i < m->srat_cpus.n; i++) {
		json_object *e = json_object_new_object();

		jset(e, "apic_id", jint(m->srat_cpus.v[i].apic_id));
		jset(e, "node", jint(m->srat_cpus.v[i].node));
		jset(e, "enabled", json_object_new_boolean(m->srat_cpus.v[i].enabled));
		json_object_array_add(cpus, e);
	}
	for (size_t i = 0; i < m->srat_mem.n; i++) {
		const struct dsc_srat_mem *r = &m->srat_mem.v[i];
		json_object *e = json_object_new_object();

		jset(e, "base", jx(r->base));
		jset(e, "size", jx(r->size));
		jset(e, "node", jint(r->node));
		jset(e, "enabled", json_object_new_boolean(r->enabled));
		jset(e, "hotpluggable", json_object_new_boolean(r->hotplug));
		jset(e, "nonvolatile", json_object_new_boolean(r->nonvolatile));
		json_object_array_add(mem, e);
	}
	for (unsigned int i = 0; i < m->slit_nodes; i++) {
		json_object *row = json_object_new_array();

		for (unsigned int j = 0; j < m->slit_nodes; j++)
			json_object_array_add(row, jint(m->slit[i * m->slit_nodes + j]));
		json_object_array_add(slit, row);
	}
	jset(o, "srat_cpus", cpus);
	jset(o, "srat_memory", mem);
	jset(o, "slit", slit);
	return o;
}

void json_add_acpi(struct machine *m, json_object *root)
{
	json_object *a;

	jset(root, "local_apic_address",
	     m->have_madt ? jx(m->lapic_address) : NULL);
	a = json_object_new_array();
	for (size_t i = 0; i < m->ioapics.n; i++) {
		const struct dsc_ioapic *io = &m->ioapics.v[i];
		json_object *o = json_object_new_object();

		jset(o, "id", jint(io->id));
		jset(o, "address", jx(io->address));
		jset(o, "gsi_base", jint(io->gsi_base));
		jset(o, "pins", jint_or_null(io->pins));
		jset(o, "pins_source", io->pins_source == PINS_UNKNOWN ? NULL :
		     json_object_new_string(ioapic_pins_source_name(io->pins_source)));
		jset(o, "pins_may_be_more", json_object_new_boolean(
			ioapic_pins_may_be_more(io->pins_source)));
		jset(o, "bdf", jbdf(0, io->bdf16));
		jset(o, "bdf16", jint_or_null(io->bdf16));
		jset(o, "iommu", jint_or_null(io->iommu));
		json_object_array_add(a, o);
	}
	jset(root, "ioapics", a);
	a = json_object_new_array();
	for (size_t i = 0; i < m->isos.n; i++) {
		json_object *o = json_object_new_object();

		jset(o, "bus", jint(m->isos.v[i].bus));
		jset(o, "source_irq", jint(m->isos.v[i].source_irq));
		jset(o, "gsi", jint(m->isos.v[i].gsi));
		jset(o, "flags", jx(m->isos.v[i].flags));
		json_object_array_add(a, o);
	}
	jset(root, "interrupt_overrides", a);
	a = json_object_new_array();
	for (size_t i = 0; i < m->mmcfg.n; i++) {
		const struct dsc_mmcfg *c = &m->mmcfg.v[i];
		json_object *o = json_object_new_object();

		jset(o, "segment", jint(c->segment));
		jset(o, "base", jx(c->base));
		jset(o, "start_bus", jint(c->start_bus));
		jset(o, "end_bus", jint(c->end_bus));
		jset(o, "size", jx((uint64_t)(c->end_bus - c->start_bus + 1) << 20));
		json_object_array_add(a, o);
	}
	jset(root, "pci_mmconfig", a);
	jset(root, "iommus", json_iommus(m));
	jset(root, "dmar", json_dmar(m));
	jset(root, "rmrrs", json_rmrrs(m));
	jset(root, "ivrs", json_ivrs(m));
	a = json_object_new_array();
	for (size_t i = 0; i < m->hpets.n; i++) {
		const struct dsc_hpet *h = &m->hpets.v[i];
		json_object *o = json_object_new_object();

		jset(o, "block_id", jx(h->block_id));
		jset(o, "address", jx(h->address));
		jset(o, "sequence", jint(h->sequence));
		jset(o, "min_ticks", jint(h->min_ticks));
		jset(o, "flags", jx(h->flags));
		jset(o, "timers", jint(((h->block_id >> 8) & 0x1f) + 1));
		json_object_array_add(a, o);
	}
	jset(root, "hpet", a);
	if (m->pm_timer.source != PM_TIMER_NONE) {
		json_object *o = json_object_new_object();

		jset(o, "port", jint(m->pm_timer.port));
		jset(o, "width_bits", jint(m->pm_timer.is_32bit ? 32 : 24));
		jset(o, "source", json_object_new_string(
			m->pm_timer.source == PM_TIMER_FADT ? "fadt" : "ioports"));
		jset(root, "pm_timer", o);
	} else {
		jset(root, "pm_timer", NULL);
	}
	jset(root, "fadt", json_fadt(m));
	jset(root, "numa", json_numa(m));
}
