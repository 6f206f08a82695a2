// SPDX-License-Identifier: GPL-2.0
/*
 * No IOMMU backend: device DMA and MSIs are not remapped, whatever the
 * system config lists. Cells get device memory only where the system
 * config says plainly that DMA is not isolated.
 */
#include "hv.h"

int iommu_init(void)
{
	if (sys_config->platform.num_iommus)
		printk("jh: the system config lists %u IOMMU units, but this jh has "
		       "no IOMMU backend: device DMA is not isolated\n",
		       sys_config->platform.num_iommus);
	return 0;
}

void iommu_shutdown(void)
{
}

bool iommu_dma_isolated(void)
{
	return false;
}

int iommu_cell_add(struct cell *cell)
{
	return 0;
}

void iommu_cell_remove(struct cell *cell)
{
}

void iommu_poll_faults(void)
{
}

bool iommu_irq_compat(bool allow)
{
	return false;
}

int iommu_irq_map(u16 sid, u16 n, u32 dest, u32 redir, bool valid)
{
	return -ENODEV;
}
