/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The one page-table walker. Every table jh reads or builds is a 4-level
 * x86 radix tree with 9 address bits a level: the hypervisor's first
 * tables, built by the driver in Linux (driver/hv-tables.c), the
 * guest-physical tables (EPT, hypervisor/vmx/ept.c), the hypervisor's own
 * tables (hypervisor/x86/mmio-emulate.c) and a guest's tables
 * (hypervisor/x86/guest-paging.c). A format says what differs: which bits
 * make an entry present, where bit 7 makes a leaf, how a table's address
 * is reached and where a new table comes from. Header-only, like
 * config-walk.h, so the kernel module and the freestanding hypervisor
 * compile the very same code.
 */
#ifndef _JH_PAGING_H
#define _JH_PAGING_H

#include "types.h"

#define JH_PAGING_PS	(1ULL << 7)		/* a leaf above level 1 */
#define JH_PAGING_ADDR	0x000ffffffffff000ULL

struct jh_paging {
	uint64_t present;	/* an entry with any of these bits is in use */
	uint64_t table_bits;	/* of a new entry pointing to a table */
	uint8_t large_levels;	/* bit n: JH_PAGING_PS makes a level-n entry a leaf */
	/* the table at phys; NULL when it cannot be reached (ctx: the walk's) */
	uint64_t *(*table)(void *ctx, uint64_t phys);
	/* a zeroed table and its address; NULL when out of memory */
	uint64_t *(*alloc)(void *ctx, uint64_t *phys);
};

static inline uint64_t jh_paging_size(unsigned int level)
{
	return 1ULL << (12 + 9 * (level - 1));
}

/* Where the leaf e at level sends addr */
static inline uint64_t jh_paging_addr(uint64_t e, unsigned int level, uint64_t addr)
{
	return (e & JH_PAGING_ADDR & ~(jh_paging_size(level) - 1)) |
	       (addr & (jh_paging_size(level) - 1));
}

/*
 * The entry of addr at *level (1: 4 KiB ... 4), or the entry above that
 * ends the walk: a leaf, or (without alloc) a non-present entry; *level
 * is then that entry's level. alloc creates missing tables with p->alloc.
 * NULL: out of memory, or a table the format cannot reach.
 */
static inline uint64_t *jh_paging_walk(const struct jh_paging *p, void *ctx,
				       uint64_t *table, uint64_t addr,
				       unsigned int *level, bool alloc)
{
	uint64_t *entry, phys;
	unsigned int l;

	for (l = 4;; l--) {
		entry = &table[(addr >> (12 + 9 * (l - 1))) & 511];
		if (l == *level || (!(*entry & p->present) && !alloc))
			break;
		if ((*entry & p->present) && (p->large_levels & (1 << l)) &&
		    (*entry & JH_PAGING_PS))
			break;
		if (*entry & p->present) {
			table = p->table(ctx, *entry & JH_PAGING_ADDR);
		} else {
			table = p->alloc(ctx, &phys);
			if (table)
				*entry = phys | p->table_bits;
		}
		if (!table)
			return NULL;
	}
	*level = l;
	return entry;
}

#endif /* _JH_PAGING_H */
