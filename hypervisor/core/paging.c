// SPDX-License-Identifier: GPL-2.0
/* The one page-table walker (include/paging.h) */
#include "hv.h"
#include "paging.h"

u64 *paging_walk(const struct paging *p, const void *ctx, u64 *table, u64 addr,
		 unsigned int *level, bool alloc)
{
	unsigned int l;
	u64 *entry, *next;

	for (l = 4;; l--) {
		entry = &table[(addr >> (12 + 9 * (l - 1))) & 511];
		if (l == *level || (!(*entry & p->present) && !alloc))
			break;
		if ((*entry & p->present) && (p->large_levels & (1 << l)) &&
		    (*entry & PAGING_PS))
			break;
		if (*entry & p->present) {
			table = p->table(ctx, *entry & PAGING_ADDR);
		} else {
			table = next = page_alloc(1);
			if (next)
				*entry = hv_virt_to_phys(next) | p->table_bits;
		}
		if (!table)
			return NULL;
	}
	*level = l;
	return entry;
}

/* Pool pages by their hypervisor address, anything else by the direct map */
u64 *paging_hv_table(const void *ctx, u64 phys)
{
	if (phys - boot.phys_base < boot.mem_size)
		return hv_phys_to_virt(phys);
	return phys < boot.direct_map_size ? direct_map(phys) : NULL;
}
