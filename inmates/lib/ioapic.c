// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * IOAPIC redirection entries through the index/window registers. The
 * high half (destination) is written first and the low half (mask bit)
 * last, so a pin is never live with a half-written destination.
 */
#include <inmate/ioapic.h>
#include <inmate/x86.h>

#define IOAPIC_REGSEL		0x00
#define IOAPIC_WINDOW		0x10
#define IOAPIC_REDIR(pin)	(0x10 + 2 * (pin))

#define REDIR_LEVEL		(1U << 15)
#define REDIR_ACTIVE_LOW	(1U << 13)
#define REDIR_MASKED		(1U << 16)

static volatile uint8_t *const ioapic = (volatile uint8_t *)IOAPIC_DEFAULT_BASE;

static uint32_t ioapic_read(unsigned int reg)
{
	mmio_write32(ioapic + IOAPIC_REGSEL, reg);
	return mmio_read32(ioapic + IOAPIC_WINDOW);
}

static void ioapic_write(unsigned int reg, uint32_t val)
{
	mmio_write32(ioapic + IOAPIC_REGSEL, reg);
	mmio_write32(ioapic + IOAPIC_WINDOW, val);
}

void ioapic_pin_set(unsigned int pin, uint8_t vector, uint32_t apic_id,
		    enum ioapic_trigger trigger)
{
	uint32_t low = vector;

	if (trigger != IOAPIC_EDGE_HIGH)
		low |= REDIR_LEVEL;
	if (trigger == IOAPIC_LEVEL_LOW)
		low |= REDIR_ACTIVE_LOW;
	ioapic_write(IOAPIC_REDIR(pin), REDIR_MASKED);
	ioapic_write(IOAPIC_REDIR(pin) + 1, apic_id << 24);
	ioapic_write(IOAPIC_REDIR(pin), low);
}

void ioapic_pin_mask(unsigned int pin)
{
	ioapic_write(IOAPIC_REDIR(pin),
		     ioapic_read(IOAPIC_REDIR(pin)) | REDIR_MASKED);
}

uint64_t ioapic_pin_read(unsigned int pin)
{
	uint64_t high = ioapic_read(IOAPIC_REDIR(pin) + 1);

	return high << 32 | ioapic_read(IOAPIC_REDIR(pin));
}
