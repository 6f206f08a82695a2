// SPDX-License-Identifier: GPL-2.0
/*
 * vtd-qemu: the hypervisor's VT-d backend against QEMU's intel-iommu, on
 * bare metal (see vtd-test.h). Two edu devices (QEMU docs/specs/edu.rst:
 * DMA between RAM and a 4 KiB buffer at 0x40000, MSI on request): A stays
 * the root's, B moves to a cell and back. Prints JH-TAP lines; the suite
 * (tests/suites/e2e-vtd-qemu) also checks the console's fault reports.
 */
#include <format.h>
#include <inmate/inmate.h>
#include <inmate/console.h>
#include <inmate/errno.h>
#include <inmate/timing.h>
#include <inmate/x86.h>

#include "vtd-test.h"

#define EBUSY		16		/* the hypervisor's (hv.h) */
#define EDU_ID		0x11e81234
#define EDU_BUF		0x40000
#define XAPIC		0xfee00000UL
#define IOAPIC		0xfec00000UL
#define IOAPIC_SID	0xff00		/* QEMU's DMAR: bus 0xff, device 0 */

struct edu {
	uint16_t bdf;
	volatile uint8_t *bar;
	uint8_t msi;		/* MSI capability offset */
};

static struct edu edus[2];
static unsigned int tests;
unsigned int tap_failed;

void tap(bool ok, const char *fmt, ...)
{
	char what[160];
	jh_va_list ap;

	jh_va_start(ap, fmt);
	jh_vsnprintf(what, sizeof(what), fmt, ap);
	jh_va_end(ap);
	printk("JH-TAP: %s %u - %s\n", ok ? "ok" : "not ok", ++tests, what);
	tap_failed += !ok;
}

uint32_t pci_read(uint16_t bdf, unsigned int reg)
{
	outl(0xcf8, 0x80000000U | (uint32_t)bdf << 8 | (reg & 0xfc));
	return inl(0xcfc);
}

void pci_write(uint16_t bdf, unsigned int reg, uint32_t val)
{
	outl(0xcf8, 0x80000000U | (uint32_t)bdf << 8 | (reg & 0xfc));
	outl(0xcfc, val);
}

static volatile uint32_t *reg32(uintptr_t addr)
{
	return (volatile uint32_t *)addr;
}

static int edu_find(void)
{
	unsigned int dev, n = 0;
	uint8_t cap;

	for (dev = 0; dev < 32 && n < 2; dev++) {
		uint16_t bdf = dev << 3;

		if (pci_read(bdf, 0) != EDU_ID)
			continue;
		edus[n].bdf = bdf;
		edus[n].bar = (volatile uint8_t *)(uintptr_t)(pci_read(bdf, 0x10) & ~0xfU);
		pci_write(bdf, 4, pci_read(bdf, 4) | 0x6);	/* memory, bus master */
		for (cap = pci_read(bdf, 0x34) & 0xfc; cap; cap = (pci_read(bdf, cap) >> 8) & 0xfc)
			if ((pci_read(bdf, cap) & 0xff) == 5)
				edus[n].msi = cap;
		n++;
	}
	return n == 2 && edus[0].msi && edus[1].msi ? 0 : -1;
}

/* One DMA, buffer to RAM (to_ram) or RAM to buffer; false: it hung */
static bool edu_dma(struct edu *e, uint64_t ram, bool to_ram)
{
	unsigned int ms;

	*(volatile uint64_t *)(e->bar + 0x80) = to_ram ? EDU_BUF : ram;
	*(volatile uint64_t *)(e->bar + 0x88) = to_ram ? ram : EDU_BUF;
	*(volatile uint64_t *)(e->bar + 0x90) = 64;
	*(volatile uint64_t *)(e->bar + 0x98) = to_ram ? 3 : 1;
	for (ms = 0; ms < 3000; ms++) {
		if (!(*(volatile uint64_t *)(e->bar + 0x98) & 1))
			return true;
		delay_us(1000);
	}
	return false;
}

static const uint64_t pattern = 0x6a682d7674642121ULL;

/* e writes its buffer (the pattern) to iova, seen at phys; true: it arrived */
static bool dma_arrives(struct edu *e, uint64_t iova, uint64_t phys)
{
	volatile uint64_t *target = (volatile uint64_t *)(uintptr_t)phys;

	*target = 0;
	return edu_dma(e, iova, true) && *target == pattern;
}

/* Fault records pending (FSTS.PPF), then polled: reported on the console */
static bool fault_pending_then_polled(void)
{
	bool pending = *reg32(T_DMAR + 0x34) & 2;

	vtdt_poll_faults();
	return pending && !(*reg32(T_DMAR + 0x34) & 2);
}

static void dma_check(struct edu *e, const char *who, uint64_t iova, uint64_t phys,
		      bool allowed, const char *what)
{
	bool arrived = dma_arrives(e, iova, phys);

	if (allowed) {
		tap(arrived, "%s DMA to 0x%llx (%s) arrives", who,
		    (unsigned long long)iova, what);
		return;
	}
	tap(!arrived, "%s DMA to 0x%llx (%s) is blocked", who, (unsigned long long)iova,
	    what);
	tap(fault_pending_then_polled(), "%s DMA to 0x%llx: fault recorded and reported",
	    who, (unsigned long long)iova);
}

static bool irr(unsigned int vector)
{
	return *reg32(XAPIC + 0x200 + 0x10 * (vector / 32)) & (1U << (vector % 32));
}

/* e's MSI to address (data 0) raised; the vectors that became pending */
static unsigned int msi_raise(struct edu *e, uint64_t address, unsigned int vector)
{
	pci_write(e->bdf, e->msi + 4, (uint32_t)address);
	pci_write(e->bdf, e->msi + 8, address >> 32);
	pci_write(e->bdf, e->msi + 12, 0);
	pci_write(e->bdf, e->msi, pci_read(e->bdf, e->msi) | 1 << 16);
	*reg32((uintptr_t)e->bar + 0x60) = 1;
	delay_us(10000);
	*reg32((uintptr_t)e->bar + 0x64) = 1;
	return irr(vector);
}

static bool any_irr(void)
{
	unsigned int v;

	for (v = 0x30; v < 0x100; v++)
		if (irr(v) && v != 0x41 && v != 0x43)
			return true;
	return false;
}

static void irq_tests(void)
{
	struct edu *a = &edus[0], *b = &edus[1];
	uint64_t msi_b, msi_a, msi_far;
	int ib, ia, ifar;

	*reg32(XAPIC + 0xf0) = 0x1ff;		/* software-enabled, spurious 0xff */
	ib = vtdt_irq_map(b->bdf, 0, 0, 0x41, false, &msi_b);
	ia = vtdt_irq_map(a->bdf, 0, 0, 0x43, false, &msi_a);
	ifar = vtdt_irq_map(b->bdf, 1, 1, 0x45, false, &msi_far);
	tap(ib >= 0 && ia >= 0 && ifar >= 0 && ib != ia,
	    "remapping entries written (%d, %d, %d)", ib, ia, ifar);
	tap(msi_raise(b, msi_b, 0x41), "MSI through B's entry arrives with vector 0x41 "
	    "at APIC 0");
	tap(!msi_raise(b, msi_a, 0x43) && !any_irr(),
	    "B's MSI through A's entry (wrong source id) is blocked");
	tap(msi_raise(a, msi_a, 0x43), "A's MSI through its own entry arrives (0x43)");
	tap(!msi_raise(b, 0xfee00010ULL | (T_IR_SIZE - 1) << 5, 0x42) && !any_irr(),
	    "B's MSI with an unused index (%u) is blocked", T_IR_SIZE - 1);
	tap(!msi_raise(b, msi_far, 0x45) && !any_irr(),
	    "B's MSI for APIC ID 1 does not reach APIC 0");
	pci_write(b->bdf, b->msi, pci_read(b->bdf, b->msi) & ~(1U << 16));
	pci_write(a->bdf, a->msi, pci_read(a->bdf, a->msi) & ~(1U << 16));
}

/*
 * B's INTx (MSI off) on the IOAPIC: every PCI pin (GSI 16-23, q35) in
 * remappable format (index 14:0 at bits 63:49, format bit 48, level),
 * each through its own entry with its own vector: exactly one arrives,
 * with the entry's vector, not the one left in the pin's vector field.
 */
static void ioapic_test(void)
{
	volatile uint32_t *sel = reg32(IOAPIC), *win = reg32(IOAPIC + 0x10);
	unsigned int pin, arrived = 0, which = 0;
	uint64_t unused;
	int index;

	for (pin = 16; pin < 24; pin++) {
		index = vtdt_irq_map(IOAPIC_SID, pin, 0, 0x50 + pin, true, &unused);
		*sel = 0x11 + 2 * pin;
		*win = (uint32_t)(index & 0x7fff) << 17 | 1 << 16;
		*sel = 0x10 + 2 * pin;
		*win = 1 << 15 | (uint32_t)(index >> 15) << 11 | (0x70 + pin);
	}
	*reg32((uintptr_t)edus[1].bar + 0x60) = 1;
	delay_us(10000);
	for (pin = 16; pin < 24; pin++) {
		if (irr(0x50 + pin))
			arrived++, which = pin;
		if (irr(0x70 + pin))
			arrived += 100;	/* the pin's own vector: not remapped */
	}
	*reg32((uintptr_t)edus[1].bar + 0x64) = 1;
	for (pin = 16; pin < 24; pin++) {
		*sel = 0x10 + 2 * pin;
		*win = 1 << 16;		/* masked again */
	}
	tap(arrived == 1, "B's INTx through a remapped IOAPIC pin arrives (pin %u, "
	    "vector 0x%x)", which, 0x50 + which);
}

static bool lacks, alias;

static const struct cmdline_param params[] = {
	CMDLINE_BOOL_PARAM("lacks", lacks, "the unit lacks 4-level tables: only "
			   "check that enable refuses it"),
	CMDLINE_BOOL_PARAM("alias", alias, "an edu behind a bridge: only the DMA "
			   "alias tests"),
	CMDLINE_END
};

/* A: the edu on bus 0; the bridge on bus 0; C: the edu behind it */
static int alias_find(uint16_t *bridge)
{
	unsigned int dev, n = 0;
	uint16_t bdf;

	*bridge = 0;
	for (dev = 0; dev < 32; dev++) {
		if (pci_read(dev << 3, 0) == EDU_ID && !n)
			edus[n++].bdf = dev << 3;
		else if (((pci_read(dev << 3, 0xc) >> 16) & 0x7f) == 1)
			*bridge = dev << 3;
	}
	for (dev = 0; *bridge && n == 1 && dev < 32; dev++) {
		bdf = (pci_read(*bridge, 0x18) & 0xff00) | dev << 3;
		if (pci_read(bdf, 0) == EDU_ID)
			edus[n++].bdf = bdf;
	}
	if (n < 2)
		return -1;
	pci_write(*bridge, 4, pci_read(*bridge, 4) | 0x6);	/* forwards C's DMA */
	for (n = 0; n < 2; n++) {
		edus[n].bar = (volatile uint8_t *)(uintptr_t)(pci_read(edus[n].bdf, 0x10) & ~0xfU);
		pci_write(edus[n].bdf, 4, pci_read(edus[n].bdf, 4) | 0x6);
	}
	return 0;
}

/*
 * The requester id of DMA from behind a bridge, as QEMU 7.2's
 * pci_device_iommu_address_space() (and the PCIe-to-PCI bridge spec) has
 * it: a PCIe-to-PCI bridge's secondary bus, devfn 0; else the bridge's own
 */
static uint16_t bridge_alias(uint16_t bridge)
{
	uint8_t cap;

	for (cap = pci_read(bridge, 0x34) & 0xfc; cap; cap = (pci_read(bridge, cap) >> 8) & 0xfc)
		if ((pci_read(bridge, cap) & 0xff) == 0x10)	/* PCI Express */
			return ((pci_read(bridge, cap) >> 20) & 0xf) == 7 ?
			       (pci_read(bridge, 0x18) & 0xff00) : bridge;
	return bridge;
}

/*
 * DMA aliases: C, behind a bridge, reaches the IOMMU with the bridge's
 * alias. Without it in the config C's DMA misses the cell it was given
 * to: it faults, or (the alias a bridge's own id, which the root lists)
 * lands in the root's domain. With it, C's DMA arrives in its owner's
 * memory only and follows C into the cell and back.
 */
static int alias_tests(void)
{
	struct edu *a = &edus[0], *c = &edus[1];
	uint16_t bridge, sid;
	bool own_id;
	int err;

	if (alias_find(&bridge)) {
		printk("vtd-qemu: needs an edu on bus 0 and one behind a bridge\n");
		return -ENODEV;
	}
	sid = bridge_alias(bridge);
	own_id = sid == bridge;
	printk("vtd-qemu: A %02x:%02x.%x, C %02x:%02x.%x behind bridge %02x:%02x.%x: "
	       "alias %02x:%02x.%x\n", a->bdf >> 8, (a->bdf >> 3) & 0x1f, a->bdf & 7,
	       c->bdf >> 8, (c->bdf >> 3) & 0x1f, c->bdf & 7, bridge >> 8,
	       (bridge >> 3) & 0x1f, bridge & 7, sid >> 8, (sid >> 3) & 0x1f, sid & 7);
	*(volatile uint64_t *)(uintptr_t)(T_ROOT_RAM + 0x100000) = pattern;
	tap(edu_dma(a, T_ROOT_RAM + 0x100000, false) && edu_dma(c, T_ROOT_RAM + 0x100000, false),
	    "A and C read the pattern (no IOMMU yet)");

	vtdt_alias(bridge, -1);
	err = vtdt_enable(T_DMAR, a->bdf, c->bdf, T_IR_SIZE);
	tap(!err && !vtdt_cell_create(), "enable, cell created with C, its alias not in "
	    "the config (%d)", err);
	dma_check(c, "C (cell, no alias)", T_CELL_IOVA + 0x4000, T_CELL_PHYS + 0x4000,
		  false, "cell RAM");
	dma_check(c, "C (cell, no alias)", T_ROOT_RAM + 0x600000, T_ROOT_RAM + 0x600000,
		  own_id, own_id ? "root RAM: the bridge's entry, the root's domain" :
		  "root RAM");
	vtdt_cell_destroy();
	vtdt_disable();

	vtdt_alias(bridge, sid);
	err = vtdt_enable(T_DMAR, a->bdf, c->bdf, T_IR_SIZE);
	tap(!err, "enable, C with its alias (%d)", err);
	if (err)
		return err;
	dma_check(c, "C (root)", T_ROOT_RAM + 0x700000, T_ROOT_RAM + 0x700000, true,
		  "root RAM, through the alias");
	dma_check(c, "C (root)", T_HV_MEM + 0x2000, T_HV_MEM + 0x2000, false,
		  "nobody's memory");
	tap(!vtdt_cell_create(), "cell created with device C");
	dma_check(c, "C (cell)", T_CELL_IOVA + 0x5000, T_CELL_PHYS + 0x5000, true,
		  "cell RAM, remapped");
	dma_check(c, "C (cell)", T_ROOT_RAM + 0x800000, T_ROOT_RAM + 0x800000, false,
		  "root RAM");
	dma_check(a, "A (root)", T_ROOT_RAM + 0x900000, T_ROOT_RAM + 0x900000, true,
		  "root RAM, with C's cell");
	vtdt_cell_destroy();
	dma_check(c, "C (root again)", T_ROOT_RAM + 0xa00000, T_ROOT_RAM + 0xa00000, true,
		  "root RAM");
	dma_check(c, "C (root again)", T_CELL_IOVA + 0x6000, T_CELL_PHYS + 0x6000, false,
		  "the cell's old address");
	vtdt_disable();
	return tap_failed ? 1 : 0;
}

/*
 * Enable refusals, each with the unit left as it was: an address where no
 * unit answers; a unit Linux left in use (interrupt remapping on).
 */
static void refusal_tests(struct edu *a, struct edu *b)
{
	int err = vtdt_enable(0xfed80000, a->bdf, b->bdf, T_IR_SIZE);

	tap(err == -ENODEV && !(*reg32(T_DMAR + 0x1c) & 0x86000000),
	    "enable refuses a unit that does not answer (%d)", err);
	*(volatile uint64_t *)(T_DMAR + 0xb8) = T_POOL - 0x1000;	/* IRTA */
	*reg32(T_DMAR + 0x18) = 1U << 24;				/* SIRTP */
	*reg32(T_DMAR + 0x18) = 1U << 25;				/* IRE */
	err = vtdt_enable(T_DMAR, a->bdf, b->bdf, T_IR_SIZE);
	tap(err == -EBUSY && *reg32(T_DMAR + 0x1c) == 0x03000000,
	    "enable refuses a unit in use and leaves it so (%d, GSTS 0x%x)", err,
	    *reg32(T_DMAR + 0x1c));
	*reg32(T_DMAR + 0x18) = 0;
}

static int vtd_qemu_main(void)
{
	struct edu *a = &edus[0], *b = &edus[1];
	int err;

	err = timing_init();
	if (err)
		return err;
	if (alias)
		return alias_tests();
	if (edu_find()) {
		printk("vtd-qemu: needs two edu devices with MSI (-device edu twice)\n");
		return -ENODEV;
	}
	if (lacks) {
		err = vtdt_enable(T_DMAR, a->bdf, b->bdf, T_IR_SIZE);
		tap(err == -ENODEV && !*reg32(T_DMAR + 0x1c),
		    "enable refuses a unit without 4-level tables (%d)", err);
		return 0;
	}
	refusal_tests(a, b);
	*(volatile uint64_t *)(uintptr_t)(T_ROOT_RAM + 0x100000) = pattern;
	err = vtdt_enable(T_DMAR, a->bdf, b->bdf, T_IR_SIZE);
	tap(!err && (*reg32(T_DMAR + 0x1c) & 0x86000000) == 0x86000000,
	    "enable: translation, queued invalidation, IR on (GSTS 0x%x)",
	    *reg32(T_DMAR + 0x1c));
	if (err)
		return err;
	tap(edu_dma(a, T_ROOT_RAM + 0x100000, false) && edu_dma(b, T_ROOT_RAM + 0x100000, false),
	    "A and B read the pattern from the root's RAM");
	dma_check(a, "A (root)", T_ROOT_RAM + 0x200000, T_ROOT_RAM + 0x200000, true,
		  "root RAM");
	dma_check(a, "A (root)", T_HV_MEM, T_HV_MEM, false, "nobody's memory");

	tap(!vtdt_cell_create(), "cell created with device B");
	dma_check(b, "B (cell)", T_CELL_IOVA + 0x1000, T_CELL_PHYS + 0x1000, true,
		  "cell RAM, remapped");
	dma_check(b, "B (cell)", T_ROOT_RAM + 0x300000, T_ROOT_RAM + 0x300000, false,
		  "root RAM");
	dma_check(a, "A (root)", T_CELL_PHYS + 0x2000, T_CELL_PHYS + 0x2000, false,
		  "the cell's RAM");
	dma_check(a, "A (root)", T_ROOT_RAM + 0x400000, T_ROOT_RAM + 0x400000, true,
		  "root RAM, with a cell");

	vtdt_cell_destroy();
	dma_check(b, "B (root again)", T_ROOT_RAM + 0x500000, T_ROOT_RAM + 0x500000, true,
		  "root RAM");
	dma_check(b, "B (root again)", T_CELL_IOVA + 0x3000, T_CELL_PHYS + 0x3000, false,
		  "the cell's old address");
	dma_check(a, "A (root)", T_CELL_PHYS + 0x4000, T_CELL_PHYS + 0x4000, true,
		  "RAM back from the cell");

	irq_tests();
	ioapic_test();
	msi_path_tests();

	vtdt_disable();
	tap(!(*reg32(T_DMAR + 0x1c) & 0x86000000) && !*(volatile uint64_t *)(T_DMAR + 0x20),
	    "disable: units off, root table address as the firmware left it");
	dma_check(a, "A (no IOMMU)", T_HV_MEM + 0x1000, T_HV_MEM + 0x1000, true,
		  "untranslated after disable");
	return tap_failed ? 1 : 0;
}

INMATE("vtd-qemu", vtd_qemu_main, params);
