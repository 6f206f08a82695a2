/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one page-table walker of the hypervisor. Every table it reads or
 * builds is a 4-level x86 radix tree with 9 address bits a level: the
 * guest-physical tables (EPT, vmx/ept.c), the hypervisor's own tables
 * (x86/mmio-emulate.c) and a guest's tables (x86/guest-paging.c). A format
 * says what differs: which bits make an entry present, where bit 7 makes
 * a leaf, and how a table's address is reached.
 */
#ifndef _HV_PAGING_H
#define _HV_PAGING_H

#include "hv.h"

#define PAGING_PS	(1ULL << 7)		/* a leaf above level 1 */
#define PAGING_ADDR	0x000ffffffffff000ULL

struct paging {
	u64 present;		/* an entry with any of these bits is in use */
	u64 table_bits;		/* of a new entry pointing to a table */
	u8 large_levels;	/* bit n: PAGING_PS makes a level-n entry a leaf */
	/* the table at phys; NULL when it cannot be reached (ctx: the walk's) */
	u64 *(*table)(const void *ctx, u64 phys);
};

static inline u64 paging_size(unsigned int level)
{
	return 1ULL << (12 + 9 * (level - 1));
}

/* Where the leaf e at level sends addr */
static inline u64 paging_addr(u64 e, unsigned int level, u64 addr)
{
	return (e & PAGING_ADDR & ~(paging_size(level) - 1)) |
	       (addr & (paging_size(level) - 1));
}

/*
 * The entry of addr at *level (1: 4 KiB ... 4), or the entry above that
 * ends the walk: a leaf, or (without alloc) a non-present entry; *level
 * is then that entry's level. alloc creates missing tables from the pool.
 * NULL: out of memory, or a table the format cannot reach.
 */
u64 *paging_walk(const struct paging *p, const void *ctx, u64 *root, u64 addr,
		 unsigned int *level, bool alloc);

/* The hypervisor's own tables and pool tables: through its mappings */
u64 *paging_hv_table(const void *ctx, u64 phys);

#endif /* _HV_PAGING_H */
