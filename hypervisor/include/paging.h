/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The hypervisor's side of the one page-table walker (<jh/paging.h>):
 * how it reaches tables and where new ones come from (core/paging.c).
 */
#ifndef _HV_PAGING_H
#define _HV_PAGING_H

#include <jh/paging.h>

#include "hv.h"

/* Tables in hypervisor memory by its mapping, others by the direct map */
u64 *paging_hv_table(void *ctx, u64 phys);
/* A zeroed pool page as a new table */
u64 *paging_pool_alloc(void *ctx, u64 *phys);

#endif /* _HV_PAGING_H */
