// SPDX-License-Identifier: GPL-2.0
/*
 * FADT ("FACP"): SCI, SMI command port, PM1/PM2/PM timer/GPE I/O blocks
 * (the root cell's port list needs every one), reset register, flags.
 * Older, shorter revisions are decoded as far as they go.
 */
#include "acpi.h"

#define FADT_HW_REDUCED		(1u << 20)
#define FADT_TMR_VAL_EXT	(1u << 8)
#define FADT_RESET_REG_SUP	(1u << 10)
#define GAS_SYSTEM_IO		1

/* 32-bit block field, its length byte, its 64-bit GAS twin */
static const struct {
	uint8_t addr32, len8;
	uint8_t gas;
} fadt_blocks[FADT_NUM_BLOCKS] = {
	[FADT_PM1A_EVT] = { 56, 88, 148 },
	[FADT_PM1B_EVT] = { 60, 88, 160 },
	[FADT_PM1A_CNT] = { 64, 89, 172 },
	[FADT_PM1B_CNT] = { 68, 89, 184 },
	[FADT_PM2_CNT] = { 72, 90, 196 },
	[FADT_PM_TMR] = { 76, 91, 208 },
	[FADT_GPE0] = { 80, 92, 220 },
	[FADT_GPE1] = { 84, 93, 232 },
};

static void read_gas(const uint8_t *p, struct dsc_gas *g)
{
	g->space_id = p[0];
	g->bit_width = p[1];
	g->bit_offset = p[2];
	g->access_width = p[3];
	g->address = rd64(p + 4);
}

void acpi_parse_fadt(struct machine *m, const struct acpi_table *t)
{
	const uint8_t *d = t->data;
	struct dsc_fadt *f = &m->fadt;

	if (t->len < 116) {
		dsc_warn(m, "FACP", t->len,
			 "table is %u bytes, needs 116 for the I/O blocks and flags; ignored",
			 t->len);
		return;
	}
	f->present = true;
	f->revision = t->revision;
	f->sci = rd16(d + 46);
	f->smi_cmd = rd32(d + 48);
	f->boot_flags = rd16(d + 109);
	f->flags = rd32(d + 112);
	f->hw_reduced = f->flags & FADT_HW_REDUCED;
	f->pm_timer_32bit = f->flags & FADT_TMR_VAL_EXT;

	for (int i = 0; i < FADT_NUM_BLOCKS; i++) {
		uint32_t port = rd32(d + fadt_blocks[i].addr32);
		uint16_t len = d[fadt_blocks[i].len8];
		struct dsc_gas g;

		if (t->len >= (uint32_t)fadt_blocks[i].gas + 12) {
			read_gas(d + fadt_blocks[i].gas, &g);
			/* the 64-bit field wins when it names an I/O port */
			if (g.address && g.space_id == GAS_SYSTEM_IO &&
			    g.address <= 0xffff) {
				if (port && port != g.address)
					dsc_warn(m, "FACP", fadt_blocks[i].gas + 4,
						 "X_ block 0x%llx differs from the 32-bit field 0x%x; using X_",
						 (unsigned long long)g.address,
						 port);
				port = g.address;
				if (!len)
					len = g.bit_width / 8;
			}
		}
		if (port > 0xffff) {
			dsc_warn(m, "FACP", fadt_blocks[i].addr32,
				 "I/O block at 0x%x is beyond port 0xffff; ignored",
				 port);
			port = 0;
		}
		f->block[i] = port;
		f->block_len[i] = port ? len : 0;
	}
	if (t->len >= 129) {
		read_gas(d + 116, &f->reset_reg);
		f->reset_value = d[128];
		f->has_reset = (f->flags & FADT_RESET_REG_SUP) &&
			       f->reset_reg.address;
	}
}
