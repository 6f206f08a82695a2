// SPDX-License-Identifier: GPL-2.0
/*
 * Extended page tables: 4 levels, 2 MiB pages where alignment allows.
 * Regions must not overlap in guest-physical space (-EEXIST).
 */
#include "hv.h"

#define EPT_RWX_MASK	7ULL
#define EPT_MT_WB	(6ULL << 3)
#define EPT_MT_UC	(0ULL << 3)
#define EPT_LARGE	(1ULL << 7)
#define EPT_ADDR	0x000ffffffffff000ULL
#define SZ_2M		0x200000ULL

static u64 *ept_next(u64 *entry)
{
	u64 *table;

	if (*entry & EPT_RWX_MASK)
		return hv_phys_to_virt(*entry & EPT_ADDR);
	table = page_alloc(1);
	if (table)
		*entry = hv_virt_to_phys(table) | EPT_RWX_MASK;
	return table;
}

static u64 ept_flags(u64 mem_flags)
{
	u64 f = 0;

	if (mem_flags & JH_MEM_READ)
		f |= 1;
	if (mem_flags & JH_MEM_WRITE)
		f |= 2;
	if (mem_flags & JH_MEM_EXECUTE)
		f |= 4;
	return f | ((mem_flags & JH_MEM_IO) ? EPT_MT_UC : EPT_MT_WB);
}

int ept_map_region(u64 *root, u64 gpa, u64 pa, u64 size, u64 mem_flags)
{
	u64 flags = ept_flags(mem_flags), step, *table, *entry;
	int level, l;

	if ((gpa | pa | size) & (PAGE_SIZE - 1))
		return -EINVAL;
	while (size) {
		level = !((gpa | pa) & (SZ_2M - 1)) && size >= SZ_2M &&
			!(mem_flags & JH_MEM_NO_HUGEPAGES) ? 2 : 1;
		table = root;
		for (l = 4; l > level && table; l--) {
			entry = &table[(gpa >> (12 + 9 * (l - 1))) & 511];
			if (*entry & EPT_LARGE)
				return -EEXIST;	/* overlaps a 2 MiB mapping */
			table = ept_next(entry);
		}
		if (!table)
			return -ENOMEM;
		entry = &table[(gpa >> (12 + 9 * (level - 1))) & 511];
		if (*entry & EPT_RWX_MASK)
			return -EEXIST;		/* regions must not overlap */
		*entry = pa | flags | (level == 2 ? EPT_LARGE : 0);
		step = level == 2 ? SZ_2M : PAGE_SIZE;
		gpa += step;
		pa += step;
		size -= step;
	}
	return 0;
}

u64 ept_pointer(const u64 *root)
{
	/* write-back paging structures, 4-level walk */
	return hv_virt_to_phys(root) | (3 << 3) | 6;
}
