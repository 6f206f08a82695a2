// SPDX-License-Identifier: GPL-2.0
/*
 * MADT ("APIC"): local APICs and x2APICs (the CPUs), IOAPICs, interrupt
 * source overrides and the local APIC address override. Of NMI source
 * entries only the GSI is kept (it bounds an IOAPIC's pin count, see
 * ioapic-pins.c); local APIC NMI entries are checked for length only:
 * Linux programs LINT1 from them and the hypervisor has no use for them.
 */
#include <string.h>

#include "acpi.h"

enum {
	MADT_LAPIC = 0, MADT_IOAPIC = 1, MADT_ISO = 2, MADT_NMI_SRC = 3,
	MADT_LAPIC_NMI = 4, MADT_LAPIC_OVERRIDE = 5, MADT_X2APIC = 9,
	MADT_X2APIC_NMI = 10,
};

/* Minimum lengths of the subtables we decode */
static const uint8_t madt_min_len[] = {
	[MADT_LAPIC] = 8, [MADT_IOAPIC] = 12, [MADT_ISO] = 10,
	[MADT_NMI_SRC] = 8, [MADT_LAPIC_NMI] = 6, [MADT_LAPIC_OVERRIDE] = 12,
	[MADT_X2APIC] = 16, [MADT_X2APIC_NMI] = 12,
};

static void add_cpu(struct machine *m, uint32_t apic_id, uint32_t acpi_id,
		    uint32_t flags, bool x2apic)
{
	struct dsc_cpu *c = vec_push(&m->cpus);

	if (!c)
		return;
	c->apic_id = apic_id;
	c->acpi_id = acpi_id;
	c->enabled = flags & 1;
	c->online_capable = flags & 2;
	c->x2apic = x2apic;
	c->linux_cpu = c->online = DSC_NONE;
	c->package = c->die = c->core = c->thread = c->node = DSC_NONE;
	for (int i = 0; i < 4; i++)
		c->cache_id[i] = DSC_NONE;
}

void acpi_parse_madt(struct machine *m, const struct acpi_table *t)
{
	const uint8_t *d = t->data;
	uint32_t off = 44;

	if (t->len < 44) {
		dsc_warn(m, "APIC", t->len, "table ends before the local APIC address");
		return;
	}
	m->have_madt = true;
	m->lapic_address = rd32(d + 36);
	m->pcat_compat = rd32(d + 40) & 1;

	while (off + 2 <= t->len) {
		uint8_t type = d[off], len = d[off + 1];
		const uint8_t *s = d + off;

		if (len < 2 || off + len > t->len) {
			dsc_warn(m, "APIC", off,
				 "subtable type %u length %u runs past the table end (%u); rest ignored",
				 type, len, t->len);
			break;
		}
		if (type < sizeof(madt_min_len) && madt_min_len[type] &&
		    len < madt_min_len[type]) {
			dsc_warn(m, "APIC", off,
				 "subtable type %u is %u bytes, needs %u; skipped",
				 type, len, madt_min_len[type]);
			off += len;
			continue;
		}
		switch (type) {
		case MADT_LAPIC:
			add_cpu(m, s[3], s[2], rd32(s + 4), false);
			break;
		case MADT_X2APIC:
			add_cpu(m, rd32(s + 4), rd32(s + 12), rd32(s + 8), true);
			break;
		case MADT_IOAPIC: {
			struct dsc_ioapic *io = vec_push(&m->ioapics);

			if (!io)
				break;
			io->id = s[2];
			io->address = rd32(s + 4);
			io->gsi_base = rd32(s + 8);
			io->pins = io->bdf16 = io->iommu = DSC_NONE;
			io->pins_source = PINS_UNKNOWN;
			break;
		}
		case MADT_ISO: {
			struct dsc_iso *iso = vec_push(&m->isos);

			if (!iso)
				break;
			iso->bus = s[2];
			iso->source_irq = s[3];
			iso->gsi = rd32(s + 4);
			iso->flags = rd16(s + 8);
			break;
		}
		case MADT_NMI_SRC: {
			uint32_t *gsi = vec_push(&m->nmi_gsis);

			if (gsi)
				*gsi = rd32(s + 4);
			break;
		}
		case MADT_LAPIC_OVERRIDE:
			m->lapic_address = rd64(s + 4);
			break;
		default:
			/* local APIC NMIs and types jh does not use */
			break;
		}
		off += len;
	}
	if (off != t->len && off + 2 > t->len && off < t->len)
		dsc_warn(m, "APIC", off, "%u trailing byte(s) after the last subtable",
			 t->len - off);
}
