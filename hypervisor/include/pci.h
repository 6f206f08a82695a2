/* SPDX-License-Identifier: GPL-2.0 */
/*
 * PCI configuration space as the hypervisor mediates it (core/pci.c).
 * Every config access of the root cell, through the 0xcf8/0xcfc ports and
 * through MMCONFIG, and every write to an MSI-X table, is done by the
 * hypervisor on its behalf, so that no MSI the root programs reaches a CPU
 * of another cell. The hardware access itself is the platform's
 * (arch_pci_read/arch_pci_write in arch.h).
 */
#ifndef _HV_PCI_H
#define _HV_PCI_H

#include "hv.h"

#define PCI_CFG_SPACE		0x1000	/* bytes of (extended) config space */

/* At enable: trap the root's MMCONFIG windows and MSI-X tables */
int pci_init(void);

/*
 * A config access of the root on CPU c to register reg of seg:bdf (size
 * 1, 2 or 4, reg aligned to it). A refused write is dropped and reported.
 */
void pci_cfg_access(struct per_cpu *c, u16 seg, u16 bdf, u16 reg,
		    unsigned int size, bool write, u32 *value);

/*
 * Whether an MSI message (address, data) the root programs reaches only
 * its own CPUs, in a format the hypervisor can check (x86/msi.c).
 */
bool msi_root_message_ok(u64 address, u32 data);

#endif /* _HV_PCI_H */
