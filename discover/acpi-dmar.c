// SPDX-License-Identifier: GPL-2.0
/*
 * DMAR: Intel VT-d remapping units (DRHD) with their device scopes, RMRR
 * reserved regions, ATSR, RHSA, ANDD and SATC. Scope paths are kept raw
 * here; dmar-scope.c resolves them to BDFs once PCI data is loaded.
 */
#include <string.h>

#include "acpi.h"

enum {
	DMAR_DRHD = 0, DMAR_RMRR = 1, DMAR_ATSR = 2, DMAR_RHSA = 3,
	DMAR_ANDD = 4, DMAR_SATC = 5,
};

/* Header bytes each structure needs before its scopes or payload */
static const uint16_t dmar_min_len[] = {
	[DMAR_DRHD] = 16, [DMAR_RMRR] = 24, [DMAR_ATSR] = 8,
	[DMAR_RHSA] = 20, [DMAR_ANDD] = 8, [DMAR_SATC] = 8,
};

static const char *const dmar_names[] = {
	[DMAR_DRHD] = "DRHD", [DMAR_RMRR] = "RMRR", [DMAR_ATSR] = "ATSR",
	[DMAR_RHSA] = "RHSA", [DMAR_ANDD] = "ANDD", [DMAR_SATC] = "SATC",
};

/* Device scopes from s[from] to s[len]; base_off is s's table offset */
static void parse_scopes(struct machine *m, const uint8_t *s, uint32_t from,
			 uint32_t len, uint32_t base_off,
			 struct dsc_scope_vec *out)
{
	uint32_t off = from;

	while (off + 2 <= len) {
		uint8_t slen = s[off + 1];
		struct dsc_scope *sc;

		if (slen < 6 || off + slen > len) {
			dsc_warn(m, "DMAR", base_off + off,
				 "device scope length %u runs past its structure (%u bytes); rest of the scopes ignored",
				 slen, len);
			return;
		}
		if ((slen - 6) % 2)
			dsc_warn(m, "DMAR", base_off + off,
				 "device scope length %u leaves half a path entry; last byte ignored",
				 slen);
		sc = vec_push(out);
		if (!sc)
			return;
		sc->type = s[off];
		sc->enum_id = s[off + 4];
		sc->start_bus = s[off + 5];
		sc->bdf16 = DSC_NONE;
		for (uint32_t p = off + 6; p + 2 <= off + slen; p += 2) {
			if (sc->path_len == DSC_SCOPE_MAX_PATH) {
				dsc_warn(m, "DMAR", base_off + p,
					 "scope path longer than %d hops; cut",
					 DSC_SCOPE_MAX_PATH);
				break;
			}
			sc->path[sc->path_len][0] = s[p];
			sc->path[sc->path_len][1] = s[p + 1];
			sc->path_len++;
		}
		off += slen;
	}
}

static void parse_drhd(struct machine *m, const uint8_t *s, uint16_t len,
		       uint32_t off, uint8_t revision)
{
	struct dsc_iommu *u = vec_push(&m->iommus);

	if (!u)
		return;
	u->type = DSC_IOMMU_VTD;
	u->flags = s[4];
	u->include_all = s[4] & 1;
	u->segment = rd16(s + 6);
	u->base = rd64(s + 8);
	/* size field (DMAR revision 2+): 2^N pages; older tables: one page */
	u->size = (uint64_t)0x1000 << (revision >= 2 ? (s[5] & 0xf) : 0);
	u->amd_bdf16 = DSC_NONE;
	parse_scopes(m, s, 16, len, off, &u->scopes);
}

static void parse_rmrr(struct machine *m, const uint8_t *s, uint16_t len,
		       uint32_t off)
{
	struct dsc_rmrr *r = vec_push(&m->rmrrs);

	if (!r)
		return;
	r->segment = rd16(s + 6);
	r->base = rd64(s + 8);
	r->end = rd64(s + 16);
	if (r->end < r->base)
		dsc_warn(m, "DMAR", off, "RMRR limit 0x%llx below base 0x%llx",
			 (unsigned long long)r->end,
			 (unsigned long long)r->base);
	parse_scopes(m, s, 24, len, off, &r->scopes);
}

static void parse_atsr(struct machine *m, struct dsc_atsr_vec *v,
		       const uint8_t *s, uint16_t len, uint32_t off)
{
	struct dsc_atsr *a = vec_push(v);

	if (!a)
		return;
	a->flags = s[4];
	a->segment = rd16(s + 6);
	parse_scopes(m, s, 8, len, off, &a->scopes);
}

void acpi_parse_dmar(struct machine *m, const struct acpi_table *t)
{
	const uint8_t *d = t->data;
	uint32_t off = 48;

	if (t->len < 48) {
		dsc_warn(m, "DMAR", t->len, "table ends inside its 48-byte header");
		return;
	}
	m->have_dmar = true;
	m->dmar_haw = d[36] + 1;
	m->dmar_flags = d[37];

	while (off + 4 <= t->len) {
		const uint8_t *s = d + off;
		uint16_t type = rd16(s), len = rd16(s + 2);

		if (len < 4 || off + len > t->len) {
			dsc_warn(m, "DMAR", off,
				 "structure type %u length %u runs past the table end (%u); rest ignored",
				 type, len, t->len);
			break;
		}
		if (type < sizeof(dmar_min_len) / sizeof(dmar_min_len[0]) &&
		    len < dmar_min_len[type]) {
			dsc_warn(m, "DMAR", off, "%s is %u bytes, needs %u; skipped",
				 dmar_names[type], len, dmar_min_len[type]);
			off += len;
			continue;
		}
		switch (type) {
		case DMAR_DRHD:
			parse_drhd(m, s, len, off, t->revision);
			break;
		case DMAR_RMRR:
			parse_rmrr(m, s, len, off);
			break;
		case DMAR_ATSR:
			parse_atsr(m, &m->atsrs, s, len, off);
			break;
		case DMAR_SATC:
			parse_atsr(m, &m->satcs, s, len, off);
			break;
		case DMAR_RHSA: {
			struct dsc_rhsa *r = vec_push(&m->rhsas);

			if (r) {
				r->base = rd64(s + 8);
				r->domain = rd32(s + 16);
			}
			break;
		}
		case DMAR_ANDD: {
			struct dsc_andd *a = vec_push(&m->andds);
			size_t n = len - 8;

			if (!a)
				break;
			a->device = s[7];
			if (n >= sizeof(a->name))
				n = sizeof(a->name) - 1;
			memcpy(a->name, s + 8, n);
			a->name[n] = '\0';
			break;
		}
		default:
			dsc_warn(m, "DMAR", off,
				 "unknown structure type %u (%u bytes) skipped",
				 type, len);
			break;
		}
		off += len;
	}
}
