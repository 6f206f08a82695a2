// SPDX-License-Identifier: GPL-2.0
/*
 * The x86 MSI message format (SDM Vol. 3, "Message Signalled Interrupts"):
 * address 0xfeeXXXXX with the destination APIC ID in bits 19:12, the
 * destination mode in bit 2 (1: logical); data with the vector in bits 7:0,
 * the delivery mode in bits 10:8 and the trigger mode in bit 15. The same
 * filter as IPIs decides whether a cell's message stays among its CPUs.
 * Remappable format (bit 4) is refused from everyone: with interrupt
 * remapping the hypervisor writes the entries and the devices' messages.
 */
#include <pci.h>

#include "apic.h"

#define MSI_ADDR_BASE		0xfee00000ULL
#define MSI_ADDR_RESERVED	0x00000ff0U	/* bits 11:5, and 4: remappable */
#define MSI_ADDR_LOGICAL	(1U << 2)

u32 msi_redir(u64 address, u32 data, u32 *dest)
{
	*dest = (address >> 12) & 0xff;
	return (data & 0x87ff) | (address & MSI_ADDR_LOGICAL ? APIC_ICR_LOGICAL : 0);
}

bool msi_message_ok(const struct cell *cell, u64 address, u32 data)
{
	u32 dest, redir = msi_redir(address, data, &dest);

	return (address & ~0xfffffULL) == MSI_ADDR_BASE && !(address & MSI_ADDR_RESERVED) &&
	       apic_cell_owns_destination(cell, redir, dest);
}
