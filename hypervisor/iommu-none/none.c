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

bool iommu_dma_isolated(void)
{
	return false;
}

bool iommu_irq_remapping(void)
{
	return false;
}
