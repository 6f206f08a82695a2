// SPDX-License-Identifier: GPL-2.0
/*
 * Extended page tables: 4 levels, 2 MiB pages where alignment allows,
 * walked by the one walker (<jh/paging.h>). Regions must not overlap
 * in guest-physical space (-EEXIST). Taking a range away splits 2 MiB
 * pages it covers in part; giving it back merges full, contiguous tables
 * again. A merged table is not freed at once: a CPU may still cache it,
 * so it goes to the pool's deferred list, released only after every CPU
 * using these tables flushed them (mgmt_flush_root_ept()).
 */
#include "paging.h"
#include "vmx-cpu.h"

#define EPT_READ	1ULL
#define EPT_WRITE	2ULL
#define EPT_RWX_MASK	7ULL
#define EPT_MT_WB	(6ULL << 3)
#define EPT_MT_UC	(0ULL << 3)
#define EPT_MT_MASK	(7ULL << 3)
#define EPT_LARGE	JH_PAGING_PS
#define EPT_ADDR	JH_PAGING_ADDR
#define EPT_GPA_BITS	48		/* a 4-level walk */
#define SZ_2M		0x200000ULL

static const struct jh_paging ept = {
	.present = EPT_RWX_MASK,
	.table_bits = EPT_RWX_MASK,
	.large_levels = 1 << 2,		/* jh makes no 1 GiB pages */
	.table = paging_hv_table,
	.alloc = paging_pool_alloc,
};

/* The entry of gpa at level, or the leaf or hole above it (*level) */
static u64 *ept_entry(u64 *root, u64 gpa, unsigned int *level, bool alloc)
{
	return jh_paging_walk(&ept, NULL, root, gpa, level, alloc);
}

volatile u64 gpa_generation;

/* JH_MEM_READ, _WRITE and _EXECUTE are the EPT's R, W and X bits */
_Static_assert(JH_MEM_READ == EPT_READ && JH_MEM_WRITE == EPT_WRITE && JH_MEM_EXECUTE == 4,
	       "config memory flags differ from EPT rights");

static u64 ept_flags(u64 mem_flags)
{
	return (mem_flags & EPT_RWX_MASK) | ((mem_flags & JH_MEM_IO) ? EPT_MT_UC : EPT_MT_WB);
}

/*
 * Maps [gpa, gpa + size) to pa, in 2 MiB pages where alignment allows.
 * Where something is mapped already: an overlap (-EEXIST), or for restore
 * what stays (a range taken in part comes back around it).
 */
static int ept_map(u64 *root, u64 gpa, u64 pa, u64 size, u64 mem_flags, bool restore)
{
	u64 flags = ept_flags(mem_flags), end = gpa + size, step, *entry;
	bool huge = !(mem_flags & JH_MEM_NO_HUGEPAGES);
	unsigned int level;

	gpa_generation++;
	if ((gpa | pa | size) & (PAGE_SIZE - 1) ||
	    (size && ((end - 1) | (pa + size - 1)) >> EPT_GPA_BITS))
		return -EINVAL;
	for (; gpa < end; gpa += step, pa += step) {
		level = huge && !((gpa | pa) & (SZ_2M - 1)) && end - gpa >= SZ_2M ? 2 : 1;
		entry = ept_entry(root, gpa, &level, true);
		if (entry && level == 2 && (*entry & EPT_RWX_MASK) && !(*entry & EPT_LARGE)) {
			level = 1;	/* a table there already: page by page */
			entry = ept_entry(root, gpa, &level, true);
		}
		if (!entry)
			return -ENOMEM;
		step = jh_paging_size(level) - (gpa & (jh_paging_size(level) - 1));
		if (!(*entry & EPT_RWX_MASK))
			*entry = pa | flags | (level == 2 ? EPT_LARGE : 0);
		else if (!restore)
			return -EEXIST;		/* regions must not overlap */
	}
	return 0;
}

int gpa_map(u64 *root, u64 gpa, u64 pa, u64 size, u64 mem_flags)
{
	return ept_map(root, gpa, pa, size, mem_flags, false);
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
	unsigned int level;
	int err = 0;

	if ((gpa | size) & (PAGE_SIZE - 1))
		return -EINVAL;
	for (; size && !err; gpa += step, size -= step) {
		level = 1;
		entry = ept_entry(root, gpa, &level, false);
		step = jh_paging_size(level) - (gpa & (jh_paging_size(level) - 1));
		if (step > size)
			step = size;
		if (!(*entry & EPT_RWX_MASK))
			continue;		/* a hole: nothing to take */
		if (level > 1 && step < jh_paging_size(level)) {
			err = ept_split(entry);
			step = 0;		/* again, through the new table */
			continue;
		}
		*entry = 0;
	}
	/* after the change: a walk that saw the old entries holds the old count */
	__atomic_fetch_add(&gpa_generation, 1, __ATOMIC_RELEASE);
	return err;
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
	page_free_deferred(table, 1);
}

int gpa_restore(u64 *root, u64 gpa, u64 pa, u64 size, u64 mem_flags)
{
	u64 addr, *entry;
	unsigned int level;
	int err = ept_map(root, gpa, pa, size, mem_flags, true);

	for (addr = gpa & ~(SZ_2M - 1); !err && addr < gpa + size &&
	     !(mem_flags & JH_MEM_NO_HUGEPAGES); addr += SZ_2M) {
		level = 2;
		entry = ept_entry(root, addr, &level, false);
		if (level == 2 && (*entry & EPT_RWX_MASK) && !(*entry & EPT_LARGE))
			ept_merge(entry);
	}
	return err;
}

/* Every table of a cell's EPT back to the pool (no CPU uses it any more) */
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
	gpa_generation++;
	if (root)
		ept_free_level(root, 4);
}

u64 gpa_to_hpa(const u64 *root, u64 gpa, u64 access)
{
	u64 need = access & (EPT_READ | EPT_WRITE), *entry;
	unsigned int level = 1;

	if (gpa >> EPT_GPA_BITS)
		return ~0ULL;
	entry = ept_entry((u64 *)root, gpa, &level, false);
	if (!entry || (*entry & need) != need || !(*entry & EPT_RWX_MASK) ||
	    (*entry & EPT_MT_MASK) != EPT_MT_WB)
		return ~0ULL;
	return jh_paging_addr(*entry, level, gpa);
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
