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
#define T_IR_SIZE	16		/* interrupt remapping entries (ir_table_size) */

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


/*
 * The MSI path (pci-glue.c: hypervisor/core/pci.c, x86/msi.c, ioapic.c): the
 * root's devices recorded (edu A, B, the MSI-X device), the IOAPIC's page
 * and the MSI-X table trapped, the cell "msi-cell" given cell_dev; interrupt
 * remapping of the messages on or off; a config access of the root or the
 * cell through the filter (the value read); the device to the cell, back.
 */
int vtdt_pci_init(uint16_t root_dev, uint16_t cell_dev, uint16_t msix_dev);
int vtdt_irq_remap(bool on);
uint32_t vtdt_cfg(bool cell, bool write, uint16_t bdf, uint16_t reg, unsigned int size,
		  uint32_t value);
int vtdt_pci_move(bool to_cell);
/* From the next move: msi-cell's irqchips give it IOAPIC pin pin (-1: none), its
 * CPU is APIC ID apic (1; 0: the root's, the image's only CPU, given to it) */
void vtdt_cell_pin(int pin, uint32_t apic);
/* The root's or the cell's access to IOAPIC register index through the emulation */
uint32_t vtdt_ioapic(bool cell, bool write, unsigned int index, uint32_t value);
/* The root's dword access at address in the trapped MSI-X table page */
uint32_t vtdt_msix(bool write, uint64_t address, uint32_t value);
/* Device bdf to the cell "flr-cell" or back (its reset at hand-over) */
int vtdt_pci_hand_over(uint16_t bdf, bool to_cell);
/* vtd-qemu.c: one JH-TAP line (the failures counted); a device's own config
 * dword, read or written raw (past the filter) */
void tap(bool ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
extern unsigned int tap_failed;
uint32_t pci_read(uint16_t bdf, unsigned int reg);
void pci_write(uint16_t bdf, unsigned int reg, uint32_t val);
/* msi-qemu.c: the MSI path's checks (JH-TAP lines) */
void msi_path_tests(void);

#endif /* _VTD_TEST_H */
