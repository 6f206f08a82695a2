// SPDX-License-Identifier: GPL-2.0
/*
 * The MSI path with interrupt remapping (hypervisor/core/pci.c, x86/msi.c
 * and iommu-vtd/vtd.c, unchanged, on QEMU's intel-iommu; see vtd-test.h):
 * edu A stays the root's, edu B goes to a cell and back. Each MSI is
 * programmed through the mediated config write, as the root's Linux or a
 * cell's driver does; whether it arrives is read from APIC 0's IRR (the
 * image runs with interrupts off; vectors from 0x80, above those of
 * vtd-qemu.c's checks). edu's DMA (dma_mask 32 bits) writes
 * messages into the interrupt range as a device of its own accord would;
 * raw config writes (past the filter) give B messages the hypervisor did
 * not. An e1000e (MSI-X, 5 vectors) shows the trapped MSI-X table path;
 * B's INTx pin goes to the cell with B and back (ioapic_cell_pins()).
 */
#include <format.h>
#include <inmate/inmate.h>
#include <inmate/console.h>
#include <inmate/timing.h>
#include <inmate/x86.h>

#include "vtd-test.h"

#define EDU_ID		0x11e81234
#define E1000E_ID	0x10d38086
#define NVME_ID		0x00101b36
#define EDU_BUF		0x40800		/* the second half: vtd-qemu.c's pattern stays */
#define XAPIC		0xfee00000UL
#define MSI_ENABLE	1U		/* in the control word (cap + 2) */

struct edu {
	uint16_t bdf;
	volatile uint8_t *bar;
	uint16_t msi;
};

static bool irr(unsigned int vector)
{
	return *(volatile uint32_t *)(XAPIC + 0x200 + 0x10 * (vector / 32)) &
	       (1U << (vector % 32));
}

/* The n-th device with id, its capability cap_id at e->msi */
static void dev_find(struct edu *e, uint32_t id, unsigned int n, unsigned int cap_id)
{
	unsigned int dev, cap;

	for (dev = 0; dev < 32 && n < 3; dev++) {
		if (pci_read(dev << 3, 0) != id || n--)
			continue;
		e->bdf = dev << 3;
		e->bar = (volatile uint8_t *)(uintptr_t)(pci_read(e->bdf, 0x10) & ~0xfU);
		for (cap = pci_read(e->bdf, 0x34) & 0xfc; cap; cap = (pci_read(e->bdf, cap) >> 8) & 0xfc)
			if ((pci_read(e->bdf, cap) & 0xff) == cap_id)
				e->msi = cap;
		return;
	}
}

/* The owner (cell or root) programs e's 64-bit MSI: APIC ID dest, vector */
static void msi_program(bool cell, struct edu *e, unsigned int dest, unsigned int vector,
			bool enable)
{
	uint32_t ctl = vtdt_cfg(cell, false, e->bdf, e->msi + 2, 2, 0);

	vtdt_cfg(cell, true, e->bdf, e->msi + 4, 4, 0xfee00000U | dest << 12);
	vtdt_cfg(cell, true, e->bdf, e->msi + 8, 4, 0);
	vtdt_cfg(cell, true, e->bdf, e->msi + 12, 2, vector);
	vtdt_cfg(cell, true, e->bdf, e->msi + 2, 2, enable ? ctl | MSI_ENABLE : ctl & ~MSI_ENABLE);
}

/* e raises its interrupt; true: vector became pending at APIC 0 */
static bool msi_arrives(struct edu *e, unsigned int vector)
{
	*(volatile uint32_t *)(e->bar + 0x60) = 1;
	delay_us(10000);
	*(volatile uint32_t *)(e->bar + 0x64) = 1;
	return irr(vector);
}

/*
 * e raises its interrupt (MSI, or INTx with MSI off): the one vector that
 * became pending at APIC 0 (0: none, 0x100: several). A vector once
 * pending stays so (interrupts are off), hence a new vector per check.
 */
static unsigned int raise_new_vector(struct edu *e)
{
	volatile uint32_t *irrs = (volatile uint32_t *)(XAPIC + 0x200);
	unsigned int v, got = 0;
	uint32_t before[8];

	for (v = 0; v < 8; v++)
		before[v] = irrs[4 * v];
	*(volatile uint32_t *)(e->bar + 0x60) = 1;
	delay_us(10000);
	*(volatile uint32_t *)(e->bar + 0x64) = 1;
	for (v = 0x20; v < 0x100; v++)
		if (irr(v) && !(before[v / 32] & (1U << (v % 32))))
			got = got ? 0x100 : v;
	return got;
}

/* e writes the 4 bytes data to address by DMA, as a device may on its own */
static bool dma_message_arrives(struct edu *e, uint32_t address, uint32_t data,
				unsigned int vector)
{
	unsigned int ms;

	*(volatile uint32_t *)(uintptr_t)(T_ROOT_RAM + 0x600000) = data;
	*(volatile uint64_t *)(e->bar + 0x80) = T_ROOT_RAM + 0x600000;	/* RAM to buffer */
	*(volatile uint64_t *)(e->bar + 0x88) = EDU_BUF;
	*(volatile uint64_t *)(e->bar + 0x90) = 4;
	*(volatile uint64_t *)(e->bar + 0x98) = 1;
	for (ms = 0; ms < 3000 && (*(volatile uint64_t *)(e->bar + 0x98) & 1); ms++)
		delay_us(1000);
	*(volatile uint64_t *)(e->bar + 0x80) = EDU_BUF;		/* buffer to address */
	*(volatile uint64_t *)(e->bar + 0x88) = address;
	*(volatile uint64_t *)(e->bar + 0x98) = 3;
	for (ms = 0; ms < 3000 && (*(volatile uint64_t *)(e->bar + 0x98) & 1); ms++)
		delay_us(1000);
	delay_us(1000);
	return irr(vector);
}

/* The message in e's config space: remappable (bit 4), data 0 */
static bool device_holds_remappable(struct edu *e)
{
	uint32_t lo = pci_read(e->bdf, e->msi + 4);

	return (lo & 0xfff00010U) == 0xfee00010U && !pci_read(e->bdf, e->msi + 8) &&
	       !(pci_read(e->bdf, e->msi + 12) & 0xffff);
}

static uint32_t ioapic_raw(unsigned int index)
{
	*(volatile uint32_t *)0xfec00000UL = index;
	return *(volatile uint32_t *)0xfec00010UL;
}

static void ioapic_raw_write(unsigned int index, uint32_t value)
{
	*(volatile uint32_t *)0xfec00000UL = index;
	*(volatile uint32_t *)0xfec00010UL = value;
}

/* The interrupt remapping table the unit uses (IRTA), its number of entries */
static volatile uint64_t *ir_table(unsigned int *entries)
{
	uint64_t irta = *(volatile uint64_t *)(T_DMAR + 0xb8);

	*entries = 2U << (irta & 0xf);
	return (volatile uint64_t *)(uintptr_t)(irta & ~0xfffULL);
}

/* The remapping entry pin's IOAPIC entry points at: 0x100 | its vector if
 * present, 0 if not, -1: none (not remappable, past the table) */
static int pin_entry(unsigned int pin)
{
	uint32_t lo = ioapic_raw(0x10 + 2 * pin), hi = ioapic_raw(0x11 + 2 * pin);
	unsigned int index = hi >> 17 | ((lo >> 11) & 1) << 15, entries;
	volatile uint64_t *irt = ir_table(&entries);

	if (!(hi & (1U << 16)) || index >= entries)
		return -1;
	return irt[2 * index] & 1 ? 0x100 | ((irt[2 * index] >> 16) & 0xff) : 0;
}

/*
 * The root programs every PCI pin (GSI 16-23) through the IOAPIC
 * emulation, level, vector 0xa0 + pin to APIC 0: the IOAPIC holds
 * remappable entries with the vector kept, the root reads back what it
 * wrote, B's INTx arrives with its pin's vector; the root's entry for the
 * cell's APIC and its own remappable format are refused. The pin B's INTx
 * arrived on is returned (0: none).
 */
static unsigned int ioapic_path_tests(struct edu *b)
{
	unsigned int pin, arrived = 0, which = 0;
	bool remappable = true, read_back = true;
	uint32_t lo;

	for (pin = 16; pin < 24; pin++) {
		vtdt_ioapic(false, true, 0x11 + 2 * pin, 0);
		vtdt_ioapic(false, true, 0x10 + 2 * pin, 1U << 15 | (0xa0 + pin));
		remappable &= (ioapic_raw(0x11 + 2 * pin) & 0x1ffff) == 0x10000 &&
			      (ioapic_raw(0x10 + 2 * pin) & 0x1ffff) == (1U << 15 | (0xa0 + pin));
		read_back &= vtdt_ioapic(false, false, 0x10 + 2 * pin, 0) == (1U << 15 | (0xa0 + pin)) &&
			     !vtdt_ioapic(false, false, 0x11 + 2 * pin, 0);
	}
	tap(remappable && read_back, "IOAPIC pins 16-23 programmed by the root: remappable "
	    "entries with the vectors kept in the IOAPIC, read back as written");
	*(volatile uint32_t *)(b->bar + 0x60) = 1;
	delay_us(10000);
	for (pin = 16; pin < 24; pin++)
		if (irr(0xa0 + pin))
			arrived++, which = pin;
	*(volatile uint32_t *)(b->bar + 0x64) = 1;
	tap(arrived == 1, "B's INTx arrives through its remapped pin %u with vector 0x%x",
	    which, 0xa0 + which);
	pin = which ? which : 16;
	lo = ioapic_raw(0x10 + 2 * pin) & ~0x5000U;
	vtdt_ioapic(false, true, 0x11 + 2 * pin, 1U << 24);		/* the cell's APIC 1 */
	vtdt_ioapic(false, true, 0x11 + 2 * pin, 1U << 16);		/* remappable format */
	tap((ioapic_raw(0x10 + 2 * pin) & ~0x5000U) == lo && !vtdt_ioapic(false, false, 0x11 + 2 * pin, 0),
	    "the root's pin %u to the cell's APIC and in remappable format: refused", pin);
	for (pin = 16; pin < 24; pin++)		/* masked again */
		vtdt_ioapic(false, true, 0x10 + 2 * pin, 1U << 16 | 1U << 15 | (0xa0 + pin));
	return which;
}

/*
 * The root programs the e1000e's MSI-X entry 0 through the trapped table
 * (APIC 0, vector 0x91) and routes its receive-queue cause to it: the
 * table holds the remappable message, the root reads its own back, the
 * interrupt arrives; masked and given a new vector, then unmasked, the
 * next one arrives with it; an entry for the cell's APIC is refused and
 * stays masked. Returns the table address.
 */
static uint64_t msix_path_tests(struct edu *x)
{
	uint32_t where = pci_read(x->bdf, x->msi + 4);
	volatile uint32_t *regs = (volatile uint32_t *)(uintptr_t)(pci_read(x->bdf, 0x10) & ~0xfU);
	uint64_t table = (pci_read(x->bdf, 0x10 + 4 * (where & 7)) & ~0xfU) + (where & ~7U);
	volatile uint32_t *real = (volatile uint32_t *)(uintptr_t)table;

	vtdt_cfg(false, true, x->bdf, 4, 2, 6);
	vtdt_msix(true, table, 0xfee00000U);
	vtdt_msix(true, table + 4, 0);
	vtdt_msix(true, table + 8, 0x91);
	vtdt_msix(true, table + 12, 0);
	vtdt_cfg(false, true, x->bdf, x->msi + 2, 2, 0x8000);
	tap((real[0] & 0xfff00010U) == 0xfee00010U && !real[2] && !real[3] &&
	    vtdt_msix(false, table, 0) == 0xfee00000U && vtdt_msix(false, table + 8, 0) == 0x91,
	    "e1000e's MSI-X entry 0 by the root: remappable in the table, read back as written");
	regs[0xe4 / 4] = 0x8;			/* IVAR: receive queue 0 to vector 0 */
	regs[0xd0 / 4] = 1U << 20;		/* IMS, ICS: that cause */
	regs[0xc8 / 4] = 1U << 20;
	delay_us(10000);
	tap(irr(0x91), "e1000e's MSI-X vector arrives with the programmed vector 0x91 at APIC 0");
	vtdt_msix(true, table + 12, 1);
	vtdt_msix(true, table + 8, 0x92);
	tap((real[3] & 1) && vtdt_msix(false, table + 8, 0) == 0x92 && !real[2],
	    "masked and given vector 0x92: masked in the table, read back as written");
	vtdt_msix(true, table + 12, 0);
	regs[0xc0 / 4] = ~0U;			/* ICR: the causes cleared */
	regs[0xc8 / 4] = 1U << 20;
	delay_us(10000);
	tap(irr(0x92), "unmasked: the next interrupt arrives with the new vector 0x92");
	vtdt_msix(true, table + 16, 0xfee01000U);	/* entry 1: the cell's APIC 1 */
	vtdt_msix(true, table + 24, 0x93);
	vtdt_msix(true, table + 28, 0);
	tap((real[7] & 1) && vtdt_msix(false, table + 28, 0) == 1,
	    "the root's MSI-X entry for the cell's APIC 1 is refused: it stays masked");
	return table;
}

/*
 * The hand-over's function level reset (core/pci.c's pci_reset()) on a
 * device whose Device Capabilities say FLR (QEMU's nvme) and on one
 * without (edu B): the cache line size and interrupt line the root wrote
 * are cleared by the reset only, the BARs are where they were.
 */
static void flr_tests(struct edu *nvme, struct edu *b)
{
	uint32_t bar = pci_read(nvme->bdf, 0x10), devcap = pci_read(nvme->bdf, nvme->msi + 4);
	bool nvme_reset, edu_kept;

	vtdt_cfg(false, true, nvme->bdf, 0x0c, 1, 0x10);
	vtdt_cfg(false, true, nvme->bdf, 0x3c, 1, 0x0b);
	vtdt_cfg(false, true, b->bdf, 0x0c, 1, 0x10);
	nvme_reset = !vtdt_pci_hand_over(nvme->bdf, true) && !(pci_read(nvme->bdf, 0x0c) & 0xff) &&
		     !(pci_read(nvme->bdf, 0x3c) & 0xff) && pci_read(nvme->bdf, 0x10) == bar;
	vtdt_pci_hand_over(nvme->bdf, false);
	edu_kept = !vtdt_pci_hand_over(b->bdf, true) && (pci_read(b->bdf, 0x0c) & 0xff) == 0x10;
	vtdt_pci_hand_over(b->bdf, false);
	tap(nvme->msi && (devcap & (1U << 28)) && nvme_reset && edu_kept,
	    "hand-over: nvme (FLR in its Device Capabilities) reset (cache line size, "
	    "interrupt line cleared, BAR0 restored); edu (no FLR) not");
}

/*
 * The unit's record of a blocked remappable MSI (VT-d reasons: 0x21 index
 * past the table, 0x22 entry not present, 0x26 source id), reported and
 * cleared by the hypervisor's poll; where the unit records none (QEMU 7.2:
 * its log says why it dropped the message), counted in *unrecorded.
 */
static void ir_fault_check(const char *what, uint16_t sid, unsigned int reason,
			   unsigned int index, unsigned int *unrecorded)
{
	uint64_t cap = *(volatile uint64_t *)(T_DMAR + 0x08);
	volatile uint64_t *rec = (volatile uint64_t *)(T_DMAR + ((cap >> 24) & 0x3ff) * 16);
	uint64_t info = rec[0], hi = rec[1];

	if (!(*(volatile uint32_t *)(T_DMAR + 0x34) & 2)) {
		++*unrecorded;
		return;
	}
	vtdt_poll_faults();
	tap((hi >> 63) && ((hi >> 32) & 0xff) == reason && (hi & 0xffff) == sid &&
	    info >> 48 == index && !(*(volatile uint32_t *)(T_DMAR + 0x34) & 2),
	    "%s: fault recorded (reason 0x%x, source id 0x%x, index %u) and cleared", what,
	    (unsigned int)((hi >> 32) & 0xff), (unsigned int)(hi & 0xffff),
	    (unsigned int)(info >> 48));
}

/*
 * Remappable messages the hypervisor did not give B, written into its
 * config space raw (past the filter), as a hostile device or a driver
 * the filter does not see would: the address of A's live entry (A's
 * source id), indexes past the table, an entry never written, B's own
 * entry while the hypervisor holds it not present (MSI disabled). None
 * arrives at APIC 0; A's and B's own messages do, so the path is live and
 * only the remapping entry blocks. Leaves A's and B's MSI off (A's 0x84).
 */
static void hostile_msi_tests(struct edu *a, struct edu *b)
{
	unsigned int got, entries, i, index, unrecorded = 0;
	volatile uint64_t *irt = ir_table(&entries);
	uint32_t mine, theirs;

	msi_program(false, a, 0, 0xd0, true);
	msi_program(false, b, 0, 0xd1, true);
	theirs = pci_read(a->bdf, a->msi + 4);
	mine = pci_read(b->bdf, b->msi + 4);
	pci_write(b->bdf, b->msi + 4, theirs);
	got = raise_new_vector(b);
	tap(!got && raise_new_vector(a) == 0xd0, "B's MSI with the address of A's live entry "
	    "(0x%x, A's source id) written raw: nothing arrives (0x%x); A's own MSI arrives "
	    "(0xd0)", theirs, got);
	ir_fault_check("B's MSI through A's entry", b->bdf, 0x26, (theirs >> 5) & 0x7fff,
		       &unrecorded);
	pci_write(b->bdf, b->msi + 4, mine);
	tap(raise_new_vector(b) == 0xd1, "B's own remappable address back: its MSI arrives "
	    "(0xd1)");

	for (i = 0; i < 2; i++) {	/* just past the table; index 0xffff */
		index = i ? 0xffff : entries;
		pci_write(b->bdf, b->msi + 4, 0xfee00010U | (index & 0x7fff) << 5 |
			  (index >> 15) << 2);
		got = raise_new_vector(b);
		tap(entries == T_IR_SIZE && !got, "B's MSI with index %u, past the table of %u "
		    "entries (IRTA), written raw: nothing arrives (0x%x)", index, entries, got);
		ir_fault_check("B's MSI past the table", b->bdf, 0x21, index, &unrecorded);
	}
	for (index = 0; index < entries && (irt[2 * index] || irt[2 * index + 1]); index++)
		;
	pci_write(b->bdf, b->msi + 4, 0xfee00010U | index << 5);
	got = raise_new_vector(b);
	tap(index < entries && !got, "B's MSI through entry %u, never written (not present), "
	    "written raw: nothing arrives (0x%x)", index, got);
	ir_fault_check("B's MSI through an unwritten entry", b->bdf, 0x22, index, &unrecorded);

	/* disabled through the filter (vector 0xd4 kept), enabled raw */
	msi_program(false, b, 0, 0xd4, false);
	index = (pci_read(b->bdf, b->msi + 4) >> 5) & 0x7fff;
	pci_write(b->bdf, b->msi, pci_read(b->bdf, b->msi) | MSI_ENABLE << 16);
	got = raise_new_vector(b);
	tap(index < entries && !(irt[2 * index] & 1) && !got,
	    "B's MSI disabled through the filter, enabled raw: its entry %u is not present, "
	    "nothing arrives (0x%x)", index, got);
	ir_fault_check("B's MSI through its not-present entry", b->bdf, 0x22, index,
		       &unrecorded);
	msi_program(false, b, 0, 0xd4, true);
	tap(raise_new_vector(b) == 0xd4, "enabled through the filter: it arrives (0xd4)");
	if (unrecorded)
		tap(true, "the blocked MSIs' fault records # SKIP QEMU 7.2 records no "
		    "interrupt-remapping faults (%u of 5 unrecorded)", unrecorded);
	msi_program(false, b, 0, 0xd5, false);
	msi_program(false, a, 0, 0x84, false);
}

/* owner programs pin: level, unmasked, vector, APIC 0 (first masked and
 * edge: the IOAPIC clears the Remote IRR an earlier interrupt left) */
static void pin_program(bool cell, unsigned int pin, unsigned int vector)
{
	vtdt_ioapic(cell, true, 0x10 + 2 * pin, 1U << 16);
	vtdt_ioapic(cell, true, 0x11 + 2 * pin, 0);
	vtdt_ioapic(cell, true, 0x10 + 2 * pin, 1U << 15 | vector);
}

/*
 * The IOAPIC entry (lo, hi) pin had before a hand-over written back raw
 * and unmasked, as a stale or forged one would be: true if the IOAPIC
 * sends (its Remote IRR goes from clear to set) and nothing arrives. The
 * entry the hand-over left is written back (masked, edge: Remote IRR
 * cleared).
 */
static bool stale_pin_blocked(struct edu *b, unsigned int pin, uint32_t lo, uint32_t hi)
{
	uint32_t now_lo = ioapic_raw(0x10 + 2 * pin), now_hi = ioapic_raw(0x11 + 2 * pin);
	bool idle = !(now_lo & (1U << 14)), sent;
	unsigned int got;

	ioapic_raw_write(0x11 + 2 * pin, hi);
	ioapic_raw_write(0x10 + 2 * pin, lo & ~(1U << 16));
	got = raise_new_vector(b);
	sent = ioapic_raw(0x10 + 2 * pin) & (1U << 14);
	ioapic_raw_write(0x10 + 2 * pin, now_lo);
	ioapic_raw_write(0x11 + 2 * pin, now_hi);
	return idle && sent && !got;
}

static bool pin_reads_masked(bool cell, unsigned int pin)
{
	return vtdt_ioapic(cell, false, 0x10 + 2 * pin, 0) == 1U << 16 &&
	       !vtdt_ioapic(cell, false, 0x11 + 2 * pin, 0);
}

/*
 * B's INTx pin changing hands with B (msi-cell's irqchips list it; the
 * cell is given APIC 0, the image's only CPU, so the owners differ by
 * vector): at each hand-over the pin is masked and its remapping entry
 * made not present, so the old owner's routing never fires, even with its
 * old entry unmasked in the IOAPIC again; the new owner's programming
 * arrives; the old owner's writes are refused.
 */
static void pin_move_tests(struct edu *b, unsigned int pin)
{
	unsigned int got;
	uint32_t lo, hi;

	vtdt_cell_pin(pin, 0);
	vtdt_cfg(false, true, b->bdf, 4, 2, 6);	/* memory: the last hand-over's reset */
	pin_program(false, pin, 0xc0);
	got = raise_new_vector(b);
	pin_program(false, pin, 0xc1);		/* the root's routing at the move */
	lo = ioapic_raw(0x10 + 2 * pin);
	hi = ioapic_raw(0x11 + 2 * pin);
	tap(got == 0xc0 && pin_entry(pin) == 0x1c1, "the root's pin %u: B's INTx arrives "
	    "(0x%x); programmed again, its remapping entry holds 0xc1", pin, got);

	tap(!vtdt_pci_move(true) && !pin_entry(pin) &&
	    (ioapic_raw(0x10 + 2 * pin) & (1U << 16)) && pin_reads_masked(true, pin) &&
	    pin_reads_masked(false, pin), "B and pin %u to the cell: masked in the IOAPIC, its "
	    "remapping entry not present, read masked by both", pin);
	vtdt_cfg(true, true, b->bdf, 4, 2, 6);
	got = raise_new_vector(b);
	tap(!got && stale_pin_blocked(b, pin, lo, hi), "B's INTx after the move: nothing "
	    "arrives (0x%x), also with the root's old entry unmasked in the IOAPIC again "
	    "(sent, 0xc1 not delivered)", got);
	pin_program(true, pin, 0xc2);
	got = raise_new_vector(b);
	tap(got == 0xc2 && (vtdt_ioapic(true, false, 0x10 + 2 * pin, 0) & ~0x5000U) ==
	    (1U << 15 | 0xc2), "the cell's programming of pin %u arrives with its vector "
	    "(0x%x), not the root's 0xc1, and reads back", pin, got);
	vtdt_ioapic(false, true, 0x10 + 2 * pin, 1U << 15 | 0xc5);
	tap(pin_entry(pin) == 0x1c2 && pin_reads_masked(false, pin),
	    "the root's write to pin %u, the cell's now, is refused", pin);
	pin_program(true, pin, 0xc3);		/* the cell's routing at destroy */
	lo = ioapic_raw(0x10 + 2 * pin);
	hi = ioapic_raw(0x11 + 2 * pin);

	tap(pin_entry(pin) == 0x1c3 && !vtdt_pci_move(false) && !pin_entry(pin) &&
	    (ioapic_raw(0x10 + 2 * pin) & (1U << 16)) && pin_reads_masked(false, pin),
	    "B and pin %u back to the root: masked, the cell's entry (0xc3) not present, "
	    "read masked", pin);
	vtdt_cfg(false, true, b->bdf, 4, 2, 6);
	got = raise_new_vector(b);
	tap(!got && stale_pin_blocked(b, pin, lo, hi), "B's INTx after destroy: nothing "
	    "arrives (0x%x), also with the cell's old entry unmasked in the IOAPIC again "
	    "(sent, 0xc3 not delivered)", got);
	pin_program(false, pin, 0xc4);
	got = raise_new_vector(b);
	tap(got == 0xc4, "the root's programming of pin %u arrives again (0x%x)", pin, got);
	vtdt_ioapic(false, true, 0x10 + 2 * pin, 1U << 16 | 1U << 15 | (0xa0 + pin));
	vtdt_cell_pin(-1, 1);
}

void msi_path_tests(void)
{
	struct edu a = { 0 }, b = { 0 }, x = { 0 }, nvme = { 0 };
	unsigned int pin;
	uint64_t table;
	uint32_t old;

	dev_find(&a, EDU_ID, 0, 5);
	dev_find(&b, EDU_ID, 1, 5);
	dev_find(&x, E1000E_ID, 0, 0x11);
	dev_find(&nvme, NVME_ID, 0, 0x10);	/* its PCI Express capability */
	tap(x.msi && !vtdt_pci_init(a.bdf, b.bdf, x.bdf) && !vtdt_irq_remap(true) &&
	    !(*(volatile uint32_t *)(T_DMAR + 0x1c) & (1U << 23)),
	    "MSI path: interrupt remapping on, compatibility format blocked (GSTS.CFIS clear)");

	/* the root's Linux programs A's MSI: APIC 0, vector 0x81 */
	msi_program(false, &a, 0, 0x81, true);
	tap(device_holds_remappable(&a) && (pci_read(a.bdf, a.msi) >> 16) & MSI_ENABLE,
	    "the root's MSI: the device holds a remappable address and data 0, enabled");
	tap(vtdt_cfg(false, false, a.bdf, a.msi + 4, 4, 0) == 0xfee00000U &&
	    (vtdt_cfg(false, false, a.bdf, a.msi + 12, 4, 0) & 0xffff) == 0x81,
	    "the root reads back the message it wrote (0xfee00000, 0x81)");
	tap(msi_arrives(&a, 0x81), "A's MSI arrives with the programmed vector 0x81 at APIC 0");

	/* disabled: its entry not present; the device sending anyway is blocked */
	old = pci_read(a.bdf, a.msi + 4);
	msi_program(false, &a, 0, 0x82, false);
	tap(!dma_message_arrives(&a, old, 0, 0x82),
	    "A's MSI disabled (vector 0x82 written): a DMA write of its remappable message "
	    "is blocked (entry not present)");
	msi_program(false, &a, 0, 0x82, true);
	tap(msi_arrives(&a, 0x82), "enabled again: A's MSI arrives with the new vector 0x82");

	/* refused by the filter: the cell's APIC, the remappable format */
	msi_program(false, &a, 0, 0x82, false);
	msi_program(false, &a, 1, 0x83, true);
	tap(!((pci_read(a.bdf, a.msi) >> 16) & MSI_ENABLE) && !msi_arrives(&a, 0x83),
	    "the root's MSI to the cell's APIC 1 is refused: not enabled, 0x83 never arrives");
	vtdt_cfg(false, true, a.bdf, a.msi + 4, 4, old);
	vtdt_cfg(false, true, a.bdf, a.msi + 2, 2, MSI_ENABLE);
	tap(!((pci_read(a.bdf, a.msi) >> 16) & MSI_ENABLE),
	    "the root's own remappable-format message is refused");
	msi_program(false, &a, 0, 0x84, false);

	/* compatibility format by DMA: what CFI clear blocks on hardware */
	if (dma_message_arrives(&a, 0xfee00000U, 0x85, 0x85))
		tap(true, "A's DMA of a compatibility-format MSI (0xfee00000, 0x85) is "
		    "blocked # SKIP QEMU 7.2 implements no GCMD.CFI: it arrived");
	else
		tap(true, "A's DMA of a compatibility-format MSI (0xfee00000, 0x85) is blocked");

	/* B: the root's, then the cell's; nothing of the root's stays */
	msi_program(false, &b, 0, 0x86, true);
	old = pci_read(b.bdf, b.msi + 4);
	tap(dma_message_arrives(&b, old, 0, 0x86),
	    "B's remappable message written by DMA arrives (0x86): the entry is B's");
	msi_program(false, &b, 0, 0x87, true);
	vtdt_pci_move(true);
	vtdt_cfg(true, true, b.bdf, 4, 2, 6);	/* the cell's driver: memory, bus master */
	tap(!dma_message_arrives(&b, old, 0, 0x87) &&
	    !vtdt_cfg(true, false, b.bdf, b.msi + 4, 4, 0),
	    "B to the cell: the root's entry (0x87) is gone, the cell reads no root message");
	msi_program(true, &b, 1, 0x88, true);
	tap(device_holds_remappable(&b) && vtdt_cfg(true, false, b.bdf, b.msi + 4, 4, 0) ==
	    0xfee01000U && !msi_arrives(&b, 0x88),
	    "the cell's MSI to its APIC 1: remapped, read back, not at APIC 0");
	old = pci_read(b.bdf, b.msi + 4);
	vtdt_pci_move(false);
	vtdt_cfg(false, true, b.bdf, 4, 2, 6);
	msi_program(false, &b, 0, 0x89, false);
	tap(!dma_message_arrives(&b, old, 0, 0x89) &&
	    !(vtdt_cfg(false, false, b.bdf, b.msi + 12, 4, 0) & 0xff00),
	    "B back to the root: the cell's entry is not present");

	hostile_msi_tests(&a, &b);
	pin = ioapic_path_tests(&b);
	table = msix_path_tests(&x);
	flr_tests(&nvme, &b);
	if (pin)
		pin_move_tests(&b, pin);
	else
		tap(false, "B's INTx pin changing hands: no pin found");

	/* off again: the devices hold the messages as their owners wrote them */
	vtdt_irq_remap(false);
	tap(pci_read(a.bdf, a.msi + 4) == 0xfee00000U && (pci_read(a.bdf, a.msi + 12) & 0xff) ==
	    0x84 && !ioapic_raw(0x11 + 2 * pin) &&
	    (ioapic_raw(0x10 + 2 * pin) & 0x1afff) == (0x18000U | (0xa0 + pin)) &&
	    *(volatile uint32_t *)(uintptr_t)table == 0xfee00000U &&
	    *(volatile uint32_t *)(uintptr_t)(table + 8) == 0x92,
	    "remapping off: A holds the root's message again (0xfee00000, 0x84), pin %u "
	    "and e1000e's MSI-X entry 0 theirs as written", pin);
}
