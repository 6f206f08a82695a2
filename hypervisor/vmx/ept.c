// SPDX-License-Identifier: GPL-2.0
/*
 * Extended page tables: 4 levels, 2 MiB pages where alignment allows.
 * Regions must not overlap in guest-physical space (-EEXIST). Taking a
 * range away splits 2 MiB pages it covers in part; giving it back merges
 * full, contiguous tables again, so page-pool use returns to where it was.
 */
#include "vmx-cpu.h"

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

int gpa_map(u64 *root, u64 gpa, u64 pa, u64 size, u64 mem_flags)
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

/* Entry of gpa at level (1: 4 KiB, 2: 2 MiB), or the 2 MiB leaf above it */
static u64 *ept_entry(u64 *root, u64 gpa, int level, bool alloc)
{
	u64 *table = root, *entry;
	int l;

	for (l = 4; l > level; l--) {
		entry = &table[(gpa >> (12 + 9 * (l - 1))) & 511];
		if (*entry & EPT_LARGE)
			return entry;
		if (!(*entry & EPT_RWX_MASK) && !alloc)
			return NULL;
		table = ept_next(entry);
		if (!table)
			return NULL;
	}
	return &table[(gpa >> (12 + 9 * (level - 1))) & 511];
}

/* A 2 MiB leaf becomes a table of 512 4 KiB leaves with the same rights */
static int ept_split(u64 *entry)
{
	u64 *table = page_alloc(1), base = *entry & EPT_ADDR, flags;
	unsigned int i;

	if (!table)
		return -ENOMEM;
	flags = *entry & ~EPT_ADDR & ~EPT_LARGE;
	for (i = 0; i < 512; i++)
		table[i] = (base + i * PAGE_SIZE) | flags;
	*entry = hv_virt_to_phys(table) | EPT_RWX_MASK;
	return 0;
}

int gpa_unmap(u64 *root, u64 gpa, u64 size)
{
	u64 *entry, step;
	int err;

	if ((gpa | size) & (PAGE_SIZE - 1))
		return -EINVAL;
	for (; size; gpa += step, size -= step) {
		step = PAGE_SIZE;
		entry = ept_entry(root, gpa, 2, false);
		if (!entry || !(*entry & EPT_RWX_MASK)) {
			step = SZ_2M - (gpa & (SZ_2M - 1));
			if (step > size)
				step = size;
			continue;
		}
		if (*entry & EPT_LARGE) {
			if (!(gpa & (SZ_2M - 1)) && size >= SZ_2M) {
				*entry = 0;
				step = SZ_2M;
				continue;
			}
			err = ept_split(entry);
			if (err)
				return err;
		}
		entry = ept_entry(root, gpa, 1, false);
		*entry = 0;
	}
	return 0;
}

/* A table of 512 contiguous 4 KiB leaves with equal rights: one 2 MiB leaf */
static void ept_merge(u64 *entry)
{
	u64 *table = hv_phys_to_virt(*entry & EPT_ADDR);
	u64 base = table[0] & EPT_ADDR, flags = table[0] & ~EPT_ADDR;
	unsigned int i;

	if (!(flags & EPT_RWX_MASK) || (base & (SZ_2M - 1)))
		return;
	for (i = 1; i < 512; i++)
		if (table[i] != ((base + i * PAGE_SIZE) | flags))
			return;
	*entry = base | flags | EPT_LARGE;
	page_free(table, 1);
}

int gpa_restore(u64 *root, u64 gpa, u64 pa, u64 size, u64 mem_flags)
{
	u64 flags = ept_flags(mem_flags), end = gpa + size, addr, step, *entry;
	bool huge = !(mem_flags & JH_MEM_NO_HUGEPAGES);

	if ((gpa | pa | size) & (PAGE_SIZE - 1))
		return -EINVAL;
	for (addr = gpa; addr < end; addr += step, pa += step) {
		step = SZ_2M;
		/* a whole 2 MiB page that is gone comes back without a table */
		entry = huge && !((addr | pa) & (SZ_2M - 1)) && end - addr >= SZ_2M ?
			ept_entry(root, addr, 2, true) : NULL;
		if (entry && !(*entry & EPT_RWX_MASK))
			*entry = pa | flags | EPT_LARGE;
		if (entry && (*entry & EPT_LARGE))
			continue;
		step = PAGE_SIZE;
		entry = ept_entry(root, addr, 1, true);
		if (!entry)
			return -ENOMEM;
		if (!(*entry & EPT_RWX_MASK))
			*entry = pa | flags;	/* 2 MiB leaves above stay as they are */
	}
	for (addr = gpa & ~(SZ_2M - 1); huge && addr < end; addr += SZ_2M) {
		entry = ept_entry(root, addr, 2, false);
		if (entry && (*entry & EPT_RWX_MASK) && !(*entry & EPT_LARGE))
			ept_merge(entry);
	}
	return 0;
}

static void ept_free_level(u64 *table, int level)
{
	unsigned int i;

	for (i = 0; level > 1 && i < 512; i++)
		if ((table[i] & EPT_RWX_MASK) && !(table[i] & EPT_LARGE))
			ept_free_level(hv_phys_to_virt(table[i] & EPT_ADDR), level - 1);
	page_free(table, 1);
}

void gpa_free(u64 *root)
{
	if (root)
		ept_free_level(root, 4);
}

u64 ept_pointer(const u64 *root)
{
	/* write-back paging structures, 4-level walk */
	return hv_virt_to_phys(root) | (3 << 3) | 6;
}

void gpa_flush_all(void)
{
	struct { u64 a, b; } desc = { 0, 0 };

	asm volatile("invept %0, %1" : : "m"(desc), "r"(2UL) : "cc", "memory");
}
