// SPDX-License-Identifier: GPL-2.0
/*
 * IVRS: AMD-Vi IOMMUs. IVHD blocks (types 0x10, 0x11, 0x40) with their
 * device entries, and IVMD memory definitions. A firmware usually lists
 * the same IOMMU once per IVHD type it supports; every block is kept as
 * decoded, and one IOMMU unit per (segment, base) is derived from the
 * block of the highest type, as Linux picks that one.
 */
#include <string.h>

#include "acpi.h"

#define IVHD_LEGACY	0x10
#define IVHD_EFR	0x11
#define IVHD_ACPI_HID	0x40

enum {
	IVE_PAD4 = 0, IVE_ALL = 1, IVE_SELECT = 2, IVE_START = 3, IVE_END = 4,
	IVE_PAD8 = 64, IVE_ALIAS_SELECT = 66, IVE_ALIAS_START = 67,
	IVE_EXT_SELECT = 70, IVE_EXT_START = 71, IVE_SPECIAL = 72,
	IVE_ACPI_HID = 0xf0,
};

static void parse_entries(struct machine *m, struct dsc_ivhd *h,
			  const uint8_t *s, uint32_t from, uint32_t len,
			  uint32_t base_off)
{
	uint32_t off = from;

	while (off < len) {
		uint8_t type = s[off];
		uint32_t elen = type < 64 ? 4 : type < 128 ? 8 : 0;
		struct dsc_ivhd_entry *e;

		if (type == IVE_ACPI_HID) {
			/* 22 fixed bytes, then a UID of the given length */
			if (off + 22 <= len)
				elen = 22 + s[off + 21];
		}
		if (!elen) {
			dsc_warn(m, "IVRS", base_off + off,
				 "IVHD entry type 0x%02x has no known length; rest of this IVHD ignored",
				 type);
			return;
		}
		if (off + elen > len) {
			dsc_warn(m, "IVRS", base_off + off,
				 "IVHD entry type 0x%02x (%u bytes) runs past its IVHD; rest ignored",
				 type, elen);
			return;
		}
		e = vec_push(&h->entries);
		if (!e)
			return;
		e->type = type;
		e->devid = rd16(s + off + 1);
		e->data = s[off + 3];
		switch (type) {
		case IVE_ALIAS_SELECT:
		case IVE_ALIAS_START:
			e->has_source = true;
			e->source_devid = rd16(s + off + 5);
			break;
		case IVE_EXT_SELECT:
		case IVE_EXT_START:
			e->has_ext = true;
			e->ext = rd32(s + off + 4);
			break;
		case IVE_SPECIAL:
			e->has_source = e->has_special = true;
			e->handle = s[off + 4];
			e->source_devid = rd16(s + off + 5);
			e->variety = s[off + 7];
			break;
		}
		off += elen;
	}
}

static void parse_ivhd(struct machine *m, const uint8_t *s, uint16_t len,
		       uint32_t off)
{
	uint32_t entries = s[0] == IVHD_LEGACY ? 24 : 40;
	struct dsc_ivhd *h;

	if (len < entries) {
		dsc_warn(m, "IVRS", off, "IVHD type 0x%02x is %u bytes, needs %u; skipped",
			 s[0], len, entries);
		return;
	}
	h = vec_push(&m->ivhds);
	if (!h)
		return;
	h->type = s[0];
	h->flags = s[1];
	h->bdf16 = rd16(s + 4);
	h->cap_offset = rd16(s + 6);
	h->base = rd64(s + 8);
	h->segment = rd16(s + 16);
	h->info = rd16(s + 18);
	h->attributes = rd32(s + 20);
	if (s[0] != IVHD_LEGACY) {
		h->efr = rd64(s + 24);
		h->has_efr = true;
	}
	parse_entries(m, h, s, entries, len, off);
}

/* One unit per IOMMU, from the IVHD of the highest known type */
static void derive_units(struct machine *m)
{
	for (size_t i = 0; i < m->ivhds.n; i++) {
		const struct dsc_ivhd *h = &m->ivhds.v[i];
		struct dsc_iommu *u = NULL;

		for (size_t j = 0; j < m->iommus.n; j++)
			if (m->iommus.v[j].type == DSC_IOMMU_AMD &&
			    m->iommus.v[j].base == h->base &&
			    m->iommus.v[j].segment == h->segment)
				u = &m->iommus.v[j];
		if (u && u->amd_ivhd_type >= h->type)
			continue;
		if (!u) {
			u = vec_push(&m->iommus);
			if (!u)
				return;
		}
		u->type = DSC_IOMMU_AMD;
		u->base = h->base;
		u->size = 0x80000;
		u->segment = h->segment;
		u->flags = h->flags;
		u->amd_bdf16 = h->bdf16;
		u->amd_cap_offset = h->cap_offset;
		u->amd_ivhd_type = h->type;
		u->amd_info = h->info;
		u->amd_efr = h->efr;
		u->amd_has_efr = h->has_efr;
	}
}

void acpi_parse_ivrs(struct machine *m, const struct acpi_table *t)
{
	const uint8_t *d = t->data;
	uint32_t off = 48;

	if (t->len < 48) {
		dsc_warn(m, "IVRS", t->len, "table ends inside its 48-byte header");
		return;
	}
	m->have_ivrs = true;
	m->iv_info = rd32(d + 36);
	while (off + 4 <= t->len) {
		const uint8_t *s = d + off;
		uint8_t type = s[0];
		uint16_t len = rd16(s + 2);

		if (len < 4 || off + len > t->len) {
			dsc_warn(m, "IVRS", off,
				 "block type 0x%02x length %u runs past the table end (%u); rest ignored",
				 type, len, t->len);
			break;
		}
		if (type == IVHD_LEGACY || type == IVHD_EFR ||
		    type == IVHD_ACPI_HID) {
			parse_ivhd(m, s, len, off);
		} else if (type >= 0x20 && type <= 0x22) {
			struct dsc_ivmd *v;

			if (len < 32) {
				dsc_warn(m, "IVRS", off, "IVMD is %u bytes, needs 32; skipped",
					 len);
			} else if ((v = vec_push(&m->ivmds))) {
				v->type = type;
				v->flags = s[1];
				v->devid = rd16(s + 4);
				v->aux = rd16(s + 6);
				v->base = rd64(s + 16);
				v->size = rd64(s + 24);
			}
		} else {
			dsc_warn(m, "IVRS", off,
				 "unknown block type 0x%02x (%u bytes) skipped",
				 type, len);
		}
		off += len;
	}
	derive_units(m);
}
