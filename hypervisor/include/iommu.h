/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The IOMMU backend seam. iommu-none/ is linked today: it remaps nothing
 * and says so. A VT-d backend (and later AMD-Vi) is a sibling folder
 * implementing the same functions; the Makefile links one (IOMMU=none).
 */
#ifndef _HV_IOMMU_H
#define _HV_IOMMU_H

/* At enable, after the root cell is set up; -errno with set_status() */
int iommu_init(void);

/* true if device DMA is confined to the owning cell's DMA regions */
bool iommu_dma_isolated(void);

/* true if interrupts in remappable format go through a table jh owns */
bool iommu_irq_remapping(void);

#endif /* _HV_IOMMU_H */
