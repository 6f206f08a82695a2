// SPDX-License-Identifier: GPL-2.0
/* MCFG: one ECAM (MMCONFIG) window per PCI segment and bus range. */
#include "acpi.h"

#define MCFG_ENTRY_LEN	16

void acpi_parse_mcfg(struct machine *m, const struct acpi_table *t)
{
	uint32_t off;

	for (off = 44; off + MCFG_ENTRY_LEN <= t->len; off += MCFG_ENTRY_LEN) {
		const uint8_t *e = t->data + off;
		struct dsc_mmcfg *c;

		if (e[11] < e[10]) {
			dsc_warn(m, "MCFG", off,
				 "end bus %u below start bus %u; entry skipped",
				 e[11], e[10]);
			continue;
		}
		c = vec_push(&m->mmcfg);
		if (!c)
			return;
		c->base = rd64(e);
		c->segment = rd16(e + 8);
		c->start_bus = e[10];
		c->end_bus = e[11];
	}
	if (off < t->len)
		dsc_warn(m, "MCFG", off,
			 "%u byte(s) after the last whole 16-byte entry ignored",
			 t->len - off);
}
