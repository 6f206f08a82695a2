// SPDX-License-Identifier: GPL-2.0
/* How the hypervisor's walks reach tables and get new ones (include/paging.h) */
#include "paging.h"

u64 *paging_hv_table(void *ctx, u64 phys)
{
	if (phys - boot.phys_base < boot.mem_size)
		return hv_phys_to_virt(phys);
	return phys < boot.direct_map_size ? direct_map(phys) : NULL;
}

u64 *paging_pool_alloc(void *ctx, u64 *phys)
{
	u64 *table = page_alloc(1);

	if (table)
		*phys = hv_virt_to_phys(table);
	return table;
}
