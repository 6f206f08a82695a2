// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * violate-pci: a cell given one PCI device and one IOAPIC pin reaches for
 * more. First what the hypervisor emulates (the cell goes on): it reads
 * its device and another function through 0xcf8/0xcfc, sizes and moves
 * its BAR0, reads its pin and another pin of the IOAPIC, programs its own
 * pin to its own CPU. Each result is printed on one line
 * ("violate-pci: NAME = VALUE") for the scenario to check. Then the one
 * attack=NAME given, which must fail the cell:
 *	cap	a write to config register capreg (not a writable capability)
 *	pin	a write to the entry of IOAPIC pin otherpin (not the cell's)
 *	route	its own pin unmasked, aimed at APIC ID rootapic (a root CPU)
 *	none	no attack: the cell ends its run normally
 */
#include <inmate/inmate.h>
#include <inmate/apic.h>
#include <inmate/console.h>
#include <inmate/x86.h>

#define PCI_ADDR	0xcf8
#define PCI_DATA	0xcfc
#define IOAPIC		0xfec00000UL
#define MASKED		0x10000

static uint64_t bdf = 0x10, other = 0x08, pin = 11, otherpin = 4, rootapic = 0;
static uint64_t capreg = 0xdc;
static char attack[16] = "none";

static const struct cmdline_param params[] = {
	CMDLINE_U64_PARAM("bdf", bdf, "the cell's PCI device (bus << 8 | devfn)"),
	CMDLINE_U64_PARAM("other", other, "a PCI function the cell does not own"),
	CMDLINE_U64_PARAM("pin", pin, "the cell's IOAPIC pin"),
	CMDLINE_U64_PARAM("otherpin", otherpin, "an IOAPIC pin the cell does not own"),
	CMDLINE_U64_PARAM("rootapic", rootapic, "the APIC ID of a root CPU"),
	CMDLINE_U64_PARAM("capreg", capreg, "a config register in no writable cap"),
	CMDLINE_STR_PARAM("attack", attack, "cap, pin, route or none"),
	CMDLINE_END
};

static uint32_t cfg_read(uint64_t dev, unsigned int reg)
{
	outl(PCI_ADDR, 0x80000000U | (uint32_t)dev << 8 | reg);
	return inl(PCI_DATA);
}

static void cfg_write(uint64_t dev, unsigned int reg, uint32_t val)
{
	outl(PCI_ADDR, 0x80000000U | (uint32_t)dev << 8 | reg);
	outl(PCI_DATA, val);
}

static uint32_t ioapic_read(unsigned int reg)
{
	*(volatile uint32_t *)IOAPIC = reg;
	return *(volatile uint32_t *)(IOAPIC + 0x10);
}

static void ioapic_write(unsigned int reg, uint32_t val)
{
	*(volatile uint32_t *)IOAPIC = reg;
	*(volatile uint32_t *)(IOAPIC + 0x10) = val;
}

static int violate_pci_main(void)
{
	uint32_t bar = cfg_read(bdf, 0x10), me;

	x2apic_init();
	me = x2apic_id();
	printk("violate-pci: own id = 0x%x\n", cfg_read(bdf, 0));
	printk("violate-pci: other id = 0x%x\n", cfg_read(other, 0));
	printk("violate-pci: bar0 = 0x%x\n", bar);
	cfg_write(bdf, 0x10, 0xffffffff);
	printk("violate-pci: bar0 sized = 0x%x\n", cfg_read(bdf, 0x10));
	cfg_write(bdf, 0x10, 0xd0000000);
	printk("violate-pci: bar0 moved = 0x%x\n", cfg_read(bdf, 0x10));
	cfg_write(bdf, 0x10, bar);
	printk("violate-pci: other pin = 0x%x\n", ioapic_read(0x10 + 2 * otherpin));
	ioapic_write(0x11 + 2 * pin, me << 24);
	ioapic_write(0x10 + 2 * pin, 0xa041);	/* level, active low, fixed */
	printk("violate-pci: own pin = 0x%x\n", ioapic_read(0x10 + 2 * pin));
	ioapic_write(0x10 + 2 * pin, MASKED | 0xa041);
	ioapic_write(0x11 + 2 * pin, 0);

	printk("violate-pci: attack %s\n", attack);
	if (str_equal(attack, "cap")) {
		cfg_write(bdf, capreg, 0);
	} else if (str_equal(attack, "pin")) {
		ioapic_write(0x10 + 2 * otherpin, MASKED | 0x41);
	} else if (str_equal(attack, "route")) {
		ioapic_write(0x11 + 2 * pin, (uint32_t)rootapic << 24);
		ioapic_write(0x10 + 2 * pin, 0xa041);
	} else {
		printk("violate-pci: done\n");
		return 0;
	}
	printk("violate-pci: VIOLATION NOT STOPPED: attack %s went through\n", attack);
	return 1;
}

INMATE("violate-pci", violate_pci_main, params);
