/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The VT-d test image (tests/vtd/): the hypervisor's iommu-vtd/ sources,
 * unchanged, on the inmate library, booted bare by QEMU q35 with
 * intel-iommu and two edu devices. vtd-glue.c is the hypervisor's side
 * (configs, memory, the seam functions the sources call); vtd-qemu.c
 * drives the devices and judges. Memory (identity-mapped, below edu's
 * 28-bit DMA mask):
 */
#ifndef _VTD_TEST_H
#define _VTD_TEST_H

#include <jh/types.h>

#define T_ROOT_RAM	0x1000000ULL	/* the root's DMA RAM, 48 MiB */
#define T_ROOT_SIZE	0x3000000ULL
#define T_CELL_PHYS	0x3000000ULL	/* the cell's, taken from the root's */
#define T_CELL_SIZE	0x200000ULL
#define T_CELL_IOVA	0x100000ULL	/* where the cell sees it */
#define T_HV_MEM	0x4000000ULL	/* nobody's: as the hypervisor's memory */
#define T_POOL		0x5000000ULL	/* the glue's page pool */
#define T_DMAR		0xfed90000ULL	/* QEMU q35's intel-iommu */

/* -errno, the reason printed: enable the unit at address unit with two
 * devices, the second the cell's */
int vtdt_enable(uint64_t unit, uint16_t root_dev, uint16_t cell_dev, uint32_t ir_size);
/* from the next enable: the root lists bridge too, the cell's device has the
 * DMA alias alias (-1: none) */
void vtdt_alias(uint16_t bridge, int alias);
int vtdt_cell_create(void);
void vtdt_cell_destroy(void);
void vtdt_poll_faults(void);
void vtdt_disable(void);
/* a remapping entry; *msi_address the message that uses it, or -errno */
int vtdt_irq_map(uint16_t sid, uint16_t n, uint32_t dest, uint8_t vector,
		 bool level, uint64_t *msi_address);

#endif /* _VTD_TEST_H */
