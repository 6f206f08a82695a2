/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The IOAPIC, for INTx and other wired interrupts: route a pin to a vector
 * on one CPU. In a cell the hypervisor emulates the IOAPIC: the cell may
 * program only the pins its config's irqchips give it, and only towards
 * its own CPUs.
 */
#ifndef _INMATE_IOAPIC_H
#define _INMATE_IOAPIC_H

#include <jh/types.h>

#define IOAPIC_DEFAULT_BASE	0xfec00000UL

enum ioapic_trigger {
	IOAPIC_EDGE_HIGH,	/* ISA devices */
	IOAPIC_LEVEL_HIGH,	/* PCI INTx behind a PIIX-style router (what
				 * the Bochs and QEMU firmware declares) */
	IOAPIC_LEVEL_LOW,	/* PCI INTx wired straight to the IOAPIC */
};

/* Routes pin to vector on the CPU with this APIC id (physical mode,
 * fixed delivery), unmasked */
void ioapic_pin_set(unsigned int pin, uint8_t vector, uint32_t apic_id,
		    enum ioapic_trigger trigger);
void ioapic_pin_mask(unsigned int pin);
/* The raw 64-bit redirection entry, for checks and diagnostics */
uint64_t ioapic_pin_read(unsigned int pin);

#endif /* _INMATE_IOAPIC_H */
