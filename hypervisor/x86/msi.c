// SPDX-License-Identifier: GPL-2.0
/*
 * The x86 MSI message format (SDM Vol. 3, "Message Signalled Interrupts"):
 * address 0xfeeXXXXX with the destination APIC ID in bits 19:12, the
 * destination mode in bit 2 (1: logical); data with the vector in bits 7:0
 * and the delivery mode in bits 10:8. The same filter as IPIs decides
 * whether a cell's message stays among its CPUs.
 */
#include <pci.h>

#include "apic.h"

#define MSI_ADDR_BASE		0xfee00000ULL
#define MSI_ADDR_REMAPPABLE	(1U << 4)	/* interrupt-remapping format */
#define MSI_ADDR_EXT_DEST	0x00000fe0U	/* bits 11:5, reserved here */
#define MSI_ADDR_LOGICAL	(1U << 2)

bool msi_message_ok(const struct cell *cell, u64 address, u32 data)
{
	u32 mode = data & APIC_ICR_DM_MASK;

	/* the IOMMU's table (the root's) decides a remappable destination */
	if (address & MSI_ADDR_REMAPPABLE)
		return cell == &root_cell && iommu_irq_remapping();
	if ((address & ~0xfffffULL) != MSI_ADDR_BASE || (address & MSI_ADDR_EXT_DEST))
		return false;
	if (address & MSI_ADDR_LOGICAL)
		mode |= APIC_ICR_LOGICAL;
	return apic_cell_owns_destination(cell, mode, (address >> 12) & 0xff);
}
