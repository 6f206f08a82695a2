// SPDX-License-Identifier: GPL-2.0
/* SRAT: which node each CPU (APIC id) and memory range belongs to. */
#include "acpi.h"

enum { SRAT_LAPIC = 0, SRAT_MEMORY = 1, SRAT_X2APIC = 2 };

void acpi_parse_srat(struct machine *m, const struct acpi_table *t)
{
	const uint8_t *d = t->data;
	uint32_t off = 48;

	while (off + 2 <= t->len) {
		const uint8_t *s = d + off;
		uint8_t type = s[0], len = s[1];

		if (len < 2 || off + len > t->len) {
			dsc_warn(m, "SRAT", off,
				 "affinity structure type %u length %u runs past the table end; rest ignored",
				 type, len);
			break;
		}
		if (type == SRAT_LAPIC && len >= 16) {
			struct dsc_srat_cpu *c = vec_push(&m->srat_cpus);

			if (c) {
				c->apic_id = s[3];
				c->node = s[2] | (uint32_t)s[9] << 8 | (uint32_t)s[10] << 16 |
					  (uint32_t)s[11] << 24;
				c->enabled = rd32(s + 4) & 1;
			}
		} else if (type == SRAT_X2APIC && len >= 24) {
			struct dsc_srat_cpu *c = vec_push(&m->srat_cpus);

			if (c) {
				c->node = rd32(s + 4);
				c->apic_id = rd32(s + 8);
				c->enabled = rd32(s + 12) & 1;
			}
		} else if (type == SRAT_MEMORY && len >= 40) {
			struct dsc_srat_mem *r = vec_push(&m->srat_mem);
			uint32_t flags = rd32(s + 28);

			if (r) {
				r->node = rd32(s + 2);
				r->base = rd64(s + 8);
				r->size = rd64(s + 16);
				r->enabled = flags & 1;
				r->hotplug = flags & 2;
				r->nonvolatile = flags & 4;
			}
		} else if (type <= SRAT_X2APIC) {
			dsc_warn(m, "SRAT", off, "affinity structure type %u is only %u bytes; skipped",
				 type, len);
		}
		off += len;
	}
}
