// SPDX-License-Identifier: GPL-2.0
/*
 * VT-d interrupt remapping: one table for all units (ir_table_size
 * entries), each entry written by the hypervisor for one interrupt source
 * (a device's MSI or MSI-X vector, an IOAPIC pin) from its owner's
 * validated programming, with the source id checked in full. Destinations
 * are xAPIC IDs (no EIME). Compatibility-format interrupts pass
 * (GCMD.CFI): the root's, which the MSI and IOAPIC emulation filter, keep
 * working; what uses an entry is confined to it.
 */
#include "vtd.h"

u64 *vtd_ir_table;
static u32 *ir_keys;	/* (source id << 16 | number) + 1 of each entry; 0: free */

int vtd_ir_init(void)
{
	u32 size = sys_config->platform.ir_table_size;

	if (!size)
		return 0;
	if (size < 2 || size > 65536 || (size & (size - 1))) {
		set_status(-EINVAL, "system config: platform.ir_table_size %u: write "
			   "a power of two from 2 to 65536", size);
		return -EINVAL;
	}
	vtd_ir_table = page_alloc(ALIGN_UP(size * 16, PAGE_SIZE) / PAGE_SIZE);
	ir_keys = page_alloc(ALIGN_UP(size * 4, PAGE_SIZE) / PAGE_SIZE);
	return vtd_ir_table && ir_keys ? 0 : -ENOMEM;
}

int vtd_ir_enable(struct vtd_unit *u)
{
	vtd_reg64(u, VTD_IRTA) = hv_virt_to_phys(vtd_ir_table) |
		(__builtin_ctz(sys_config->platform.ir_table_size) - 1);
	return vtd_command(u, GCMD_SIRTP, true) ? : vtd_flush() ? :
	       vtd_command(u, GCMD_IRE | GCMD_CFI, true);	/* waits for IRE */
}

int iommu_irq_map(u16 sid, u16 n, u32 dest, u8 vector, bool level, bool valid)
{
	u32 size = sys_config->platform.ir_table_size, key = ((u32)sid << 16 | n) + 1;
	u32 i, free = size;
	u64 *irte;

	if (!vtd_ir_table)
		return -ENODEV;
	for (i = 0; i < size && ir_keys[i] != key; i++)
		if (!ir_keys[i] && free == size)
			free = i;
	if (i == size && (i = free) == size) {
		set_status(-ERANGE, "all %u interrupt remapping entries are in use: "
			   "enlarge platform.ir_table_size in the system config", size);
		return -ERANGE;
	}
	ir_keys[i] = key;
	irte = &vtd_ir_table[i * 2];
	irte[0] = 0;
	irte[1] = sid | 1ULL << 18;	/* SVT: the source id must match */
	if (valid && dest <= 0xff)	/* present, fixed, physical destination */
		irte[0] = 1 | (level ? 1ULL << 4 : 0) | (u64)vector << 16 | (u64)dest << 40;
	return vtd_flush() ? : (int)i;
}

/* The root writes no remappable format itself: the entries are jh's */
bool iommu_irq_remapping(void)
{
	return false;
}
