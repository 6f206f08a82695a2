// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * violate-pcicfg: a cell given one PCI device plays with the config ports
 * 0xcf8-0xcff the way an attacker probes a decoder. First what the
 * hypervisor must answer as a chipset would (the cell goes on), each
 * printed as "violate-pcicfg: NAME = VALUE" for the scenario to check:
 * its device's ID by bytes and words through 0xcfc-0xcff, a misaligned
 * word (0xcfd), a latch with bit 31 clear (read and write), a latch with
 * the reserved bits 30:24 set (AMD's extended register bits), its latch
 * read back, byte and word writes into its BAR0 (emulated), the ROM BAR
 * and every command bit written, another function read and written, and
 * an EOI of every vector to the IOAPIC. Then the one attack=NAME given,
 * which must fail the cell:
 *	addr16	a word write to 0xcf8 (no config address: a chipset port)
 *	cf9	a byte write of 0 to 0xcf9 (the reset control register)
 *	string	rep outsl to 0xcfc (string forms are not emulated)
 *	none	no attack: the cell ends its run normally
 */
#include <inmate/inmate.h>
#include <inmate/console.h>
#include <inmate/x86.h>

#define PCI_ADDR	0xcf8
#define PCI_DATA	0xcfc
#define ENABLE		0x80000000U
#define IOAPIC_EOI	0xfec00040UL

static uint64_t bdf = 0x10, other = 0x18;
static char attack[16] = "none";

static const struct cmdline_param params[] = {
	CMDLINE_U64_PARAM("bdf", bdf, "the cell's PCI device (bus << 8 | devfn)"),
	CMDLINE_U64_PARAM("other", other, "a PCI function the cell does not own"),
	CMDLINE_STR_PARAM("attack", attack, "addr16, cf9, string or none"),
	CMDLINE_END
};

static void latch(uint64_t dev, unsigned int reg)
{
	outl(PCI_ADDR, ENABLE | (uint32_t)dev << 8 | (reg & 0xfc));
}

static uint32_t cfg_read(uint64_t dev, unsigned int reg)
{
	latch(dev, reg);
	return inl(PCI_DATA);
}

static void cfg_write(uint64_t dev, unsigned int reg, uint32_t val)
{
	latch(dev, reg);
	outl(PCI_DATA, val);
}

#define SHOW(name, v)	printk("violate-pcicfg: " name " = 0x%x\n", (unsigned int)(v))

static int violate_pcicfg_main(void)
{
	uint32_t bar = cfg_read(bdf, 0x10), v;
	unsigned int i;

	SHOW("id", cfg_read(bdf, 0));
	latch(bdf, 0);
	SHOW("id by bytes", inb(PCI_DATA) | inb(PCI_DATA + 1) << 8 |
	     inb(PCI_DATA + 2) << 16 | (uint32_t)inb(PCI_DATA + 3) << 24);
	SHOW("id by words", inw(PCI_DATA) | (uint32_t)inw(PCI_DATA + 2) << 16);
	SHOW("misaligned word", inw(PCI_DATA + 1));
	cfg_write(bdf, 0x04, 0x0007);
	outl(PCI_ADDR, (uint32_t)bdf << 8 | 0x04);	/* bit 31 clear */
	SHOW("disabled read", inl(PCI_DATA));
	outl(PCI_DATA, 0);
	SHOW("command after a disabled write", cfg_read(bdf, 0x04) & 0xffff);
	outl(PCI_ADDR, ENABLE | 0x7f000000 | (uint32_t)bdf << 8);
	SHOW("reserved bits read", inl(PCI_DATA));
	SHOW("latch", inl(PCI_ADDR));
	outl(PCI_ADDR, ENABLE | 0x0f000000 | (uint32_t)bdf << 8 | 0x10);
	outl(PCI_DATA, 0xc0000000);		/* "extended 0x110": BAR0 */
	SHOW("bar0 after a reserved-bits write", cfg_read(bdf, 0x10));
	latch(bdf, 0x10);
	outb(PCI_DATA + 3, 0xff);
	SHOW("bar0 after a byte write", cfg_read(bdf, 0x10));
	latch(bdf, 0x10);
	outw(PCI_DATA + 2, 0xd000);
	SHOW("bar0 after a word write", cfg_read(bdf, 0x10));
	cfg_write(bdf, 0x10, bar);
	v = cfg_read(bdf, 0x30);
	cfg_write(bdf, 0x30, 0xffffffff);	/* sized and enabled */
	SHOW("rom bar changed", cfg_read(bdf, 0x30) ^ v);
	cfg_write(bdf, 0x04, 0xffff);
	SHOW("command bits past a driver's", cfg_read(bdf, 0x04) & 0xffff & ~0x0547);
	SHOW("other id", cfg_read(other, 0));
	cfg_write(other, 0x04, 0);		/* dropped: not the cell's */
	latch(other, 0x04);
	outb(PCI_DATA, 0);
	for (i = 0; i < 256; i++)
		*(volatile uint32_t *)IOAPIC_EOI = i;
	SHOW("eoi of every vector", 256);

	printk("violate-pcicfg: attack %s\n", attack);
	if (str_equal(attack, "addr16")) {
		outw(PCI_ADDR, 0x8000);
	} else if (str_equal(attack, "cf9")) {
		outb(PCI_ADDR + 1, 0);
	} else if (str_equal(attack, "string")) {
		const char *src = attack;
		uint64_t n = 1;

		latch(bdf, 0x3c);
		asm volatile("rep outsl" : "+S"(src), "+c"(n) : "d"((uint16_t)PCI_DATA)
			     : "memory");
	} else {
		printk("violate-pcicfg: done\n");
		return 0;
	}
	printk("violate-pcicfg: VIOLATION NOT STOPPED: attack %s went through\n", attack);
	return 1;
}

INMATE("violate-pcicfg", violate_pcicfg_main, params);
