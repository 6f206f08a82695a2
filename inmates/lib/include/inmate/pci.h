/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * PCI for inmates: configuration space through ports 0xcf8/0xcfc (the
 * hypervisor mediates them: a cell sees only its own functions), BARs,
 * capabilities, and programming MSI and MSI-X vectors. Functions are
 * named by their 16-bit bus/device/function number (JH_PCI_BDF()).
 */
#ifndef _INMATE_PCI_H
#define _INMATE_PCI_H

#include <jh/types.h>
#include <jh/config.h>

#define PCI_CFG_VENDOR_ID	0x00
#define PCI_CFG_COMMAND		0x04
#define PCI_CFG_STATUS		0x06
#define PCI_CFG_HEADER_TYPE	0x0e
#define PCI_CFG_BAR0		0x10
#define PCI_CFG_CAP_PTR		0x34
#define PCI_CFG_INT_LINE	0x3c
#define PCI_CFG_INT_PIN		0x3d

#define PCI_CMD_IO		0x0001
#define PCI_CMD_MEM		0x0002
#define PCI_CMD_MASTER		0x0004
#define PCI_CMD_INTX_OFF	0x0400
#define PCI_STS_CAP_LIST	0x0010

#define PCI_CAP_MSI		0x05
#define PCI_CAP_MSIX		0x11

#define PCI_NO_DEVICE		(-1)

/* size is 1, 2 or 4; reg is aligned to it */
uint32_t pci_read_config(uint16_t bdf, unsigned int reg, unsigned int size);
void pci_write_config(uint16_t bdf, unsigned int reg, uint32_t val,
		      unsigned int size);

/* First function at or after bus/device/function `from` with these ids
 * (0xffff matches any), scanning bus 0..255; PCI_NO_DEVICE if none */
int pci_find_device(uint16_t vendor, uint16_t device, uint16_t from);
/* Config-space offset of the first capability with this id, or 0 */
unsigned int pci_find_cap(uint16_t bdf, uint8_t id);

/* Physical address of a memory BAR (both halves of a 64-bit one), 0 if
 * the BAR is an I/O BAR or unassigned */
uint64_t pci_bar_address(uint16_t bdf, unsigned int bar);
/* The BAR as a pointer: the library identity-maps the first
 * INMATE_MAPPED_GIB GiB, so a BAR below that is reachable as is. NULL
 * (with a message) for BARs beyond it or unassigned. */
volatile void *pci_bar_map(uint16_t bdf, unsigned int bar);
/* Sets bits in the command register (e.g. PCI_CMD_MEM | PCI_CMD_MASTER) */
void pci_enable(uint16_t bdf, uint16_t cmd_bits);

/* The x86 MSI message for a fixed, edge-triggered vector to one CPU in
 * physical destination mode (what the hypervisor's MSI filter accepts) */
uint64_t msi_address(uint32_t apic_id);
uint32_t msi_data(uint8_t vector);
/* Programs and enables single-vector MSI; -ENODEV without the capability */
int pci_msi_enable(uint16_t bdf, uint32_t apic_id, uint8_t vector);
/* Programs MSI-X table entry `entry` and enables MSI-X; the table is
 * found through the capability and its BAR. -ENODEV/-ERANGE on errors. */
int pci_msix_set_vector(uint16_t bdf, unsigned int entry, uint32_t apic_id,
			uint8_t vector);

#endif /* _INMATE_PCI_H */
