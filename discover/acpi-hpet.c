// SPDX-License-Identifier: GPL-2.0
/* HPET: one table per timer block (some laptops carry two). */
#include "acpi.h"

void acpi_parse_hpet(struct machine *m, const struct acpi_table *t)
{
	const uint8_t *d = t->data;
	struct dsc_hpet *h;

	if (t->len < 56) {
		dsc_warn(m, "HPET", t->len, "table is %u bytes, needs 56; ignored",
			 t->len);
		return;
	}
	if (d[40] != 0)
		dsc_warn(m, "HPET", 40,
			 "timer block in address space %u, not system memory",
			 d[40]);
	h = vec_push(&m->hpets);
	if (!h)
		return;
	h->block_id = rd32(d + 36);
	h->address = rd64(d + 44);
	h->sequence = d[52];
	h->min_ticks = rd16(d + 53);
	h->flags = d[55];
}
