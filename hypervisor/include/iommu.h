/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The IOMMU backend seam. iommu-none/ remaps nothing and says so;
 * iommu-vtd/ is Intel VT-d. A backend is a sibling folder implementing
 * these functions; the Makefile links one (IOMMU=none or vtd).
 */
#ifndef _HV_IOMMU_H
#define _HV_IOMMU_H

struct cell;

/* At enable, after the root cell is set up; -errno with set_status() */
int iommu_init(void);
/* At disable: the units back as the firmware left them */
void iommu_shutdown(void);

/* true if device DMA is confined to the owning cell's DMA regions */
bool iommu_dma_isolated(void);

/*
 * A new cell's DMA domain (its JH_MEM_DMA regions) with its devices, taken
 * from the root's; remove gives them back. -errno with set_status().
 */
int iommu_cell_add(struct cell *cell);
void iommu_cell_remove(struct cell *cell);

/* DMA faults on the console, counted per cell (management hypercalls) */
void iommu_poll_faults(void);

/*
 * Compatibility-format interrupts allowed (at enable until every message
 * is remapped, at disable from before they are written back) or blocked;
 * true if the units remap interrupts: every MSI, MSI-X vector and IOAPIC
 * pin then reaches the hardware through iommu_irq_map() (core/pci.c,
 * x86/ioapic.c).
 */
bool iommu_irq_compat(bool allow);

/*
 * Interrupt n (MSI 0, MSI-X entry k k + 1, IOAPIC pin) of source id sid,
 * validated by the caller, as in an IOAPIC redirection entry's low word
 * redir (vector, delivery mode, logical bit 11, level bit 15) to APIC ID
 * dest (valid false: blocked): its remapping entry's index; -ENODEV (no
 * remapping, or blocked and it has none: the message may go as it is) or
 * -ERANGE with set_status(). The device then gets the remappable MSI address below
 * (data 0); an IOAPIC pin the remappable redirection entry (index bits
 * 14:0 at 63:49, bit 15 at 11, format bit 48, vector and trigger kept).
 */
int iommu_irq_map(u16 sid, u16 n, u32 dest, u32 redir, bool valid);

static inline u64 iommu_msi_address(int index)
{
	return 0xfee00010ULL | (index & 0x7fff) << 5 | (index >> 15 & 1) << 2;
}

#endif /* _HV_IOMMU_H */
