/* SPDX-License-Identifier: GPL-2.0 */
/*
 * PCI configuration space as the hypervisor mediates it (core/pci.c).
 * Every config access of a cell, through the 0xcf8/0xcfc ports and
 * through MMCONFIG, and every write to an MSI-X table, is done by the
 * hypervisor on its behalf, so that a cell reaches only its devices and
 * no MSI it programs reaches a CPU of another cell. The hardware access itself is the platform's
 * (arch_pci_read/arch_pci_write in arch.h).
 */
#ifndef _HV_PCI_H
#define _HV_PCI_H

#include "hv.h"

#define PCI_CFG_SPACE		0x1000	/* bytes of (extended) config space */

/* At enable: trap the root's MMCONFIG windows and MSI-X tables */
int pci_init(void);

/*
 * A config access of the cell running on CPU c to register reg of seg:bdf
 * (size 1, 2 or 4, reg aligned to it). A refused write is dropped and
 * reported (the root) or fails the cell.
 */
void pci_cfg_access(struct per_cpu *c, u16 seg, u16 bdf, u16 reg,
		    unsigned int size, bool write, u32 *value);

/*
 * A cell's PCI devices taken from the root (take: reset, BARs emulated,
 * MSI-X table trapped) or given back at destroy (reset)
 */
int pci_cell_devices(struct cell *cell, bool take);
/* Out of cells[] and of the root's write checks, which run under their lock */
void pci_cell_forget(const struct cell *cell);

/*
 * Whether an MSI message (address, data) a cell programs reaches only its
 * own CPUs, in a format the hypervisor can check (x86/msi.c)
 */
bool msi_message_ok(const struct cell *cell, u64 address, u32 data);
/* The message as an IOAPIC redirection entry's low word, and its APIC ID */
u32 msi_redir(u64 address, u32 data, u32 *dest);

/*
 * Interrupt remapping on, after iommu_init(): every MSI, MSI-X vector and
 * IOAPIC pin rewritten through its remapping entry, then compatibility
 * format blocked (on failure everything undone as below); off, at
 * disable: the messages written back as their owners wrote them, then
 * iommu_shutdown().
 */
int pci_irq_remap(bool on);

#endif /* _HV_PCI_H */
