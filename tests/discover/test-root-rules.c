// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of jh-discover's root-cell rules on small synthetic machines
 * (issue 12): RMRRs inside firmware ranges get DMA exactly and nowhere
 * else; the PM timer port from the FADT, else /proc/ioports, else a
 * limit; IOAPIC pin counts raised to the PCI interrupt lines routed to
 * them; the interrupt-remapping table sized from the machine; only PCI
 * endpoint and bridge DMAR scopes assign devices to a unit; BAR addresses
 * from Linux's resource file; the Multicast capability's length. cmocka;
 * CMOCKA_MESSAGE_OUTPUT=TAP for tests/suites/unit-discover.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../generator/config-writer.h"
#include "ioapic-pins.h"
#include "pci-decode.h"
#include "root-policy.h"
#include "sources.h"

#define RAM	(JH_MEM_READ | JH_MEM_WRITE | JH_MEM_EXECUTE | JH_MEM_DMA)
#define FW	(JH_MEM_READ | JH_MEM_WRITE | JH_MEM_EXECUTE)
#define ACPI	(JH_MEM_READ | JH_MEM_WRITE)
#define MMIO	(JH_MEM_READ | JH_MEM_WRITE | JH_MEM_IO)

static void range(struct dsc_range_vec *v, uint64_t start, uint64_t end,
		  const char *name, int depth)
{
	struct dsc_range *r = vec_push(v);

	assert_non_null(r);
	*r = (struct dsc_range){ .start = start, .end = end,
				 .name = strdup(name), .depth = depth };
}

/* A machine with RAM up to 0x7affffff and a memmap= area at 1 GiB */
static void small_machine(struct machine *m)
{
	machine_init(m);
	m->offline = true;
	range(&m->iomem, 0x100000, 0x3fffffff, "System RAM", 0);
	range(&m->iomem, 0x40000000, 0x43ffffff, "Reserved", 0);
	range(&m->iomem, 0x44000000, 0x77b0cfff, "System RAM", 0);
	m->reservation = (struct dsc_reservation){
		.present = true, .base = 0x40000000, .size = 64ull << 20 };
}

static void rmrr(struct machine *m, uint64_t base, uint64_t end,
		 uint8_t dev, uint8_t fn)
{
	struct dsc_rmrr *r = vec_push(&m->rmrrs);
	struct dsc_scope *s;

	assert_non_null(r);
	memset(r, 0, sizeof(*r));
	r->base = base;
	r->end = end;
	s = vec_push(&r->scopes);
	assert_non_null(s);
	*s = (struct dsc_scope){ .type = DMAR_SCOPE_ENDPOINT, .path_len = 1,
				 .path = { { dev, fn } },
				 .bdf16 = dev << 3 | fn };
}

static struct dsc_pci *pci_dev(struct machine *m, uint8_t bus, uint8_t dev,
			       uint8_t fn)
{
	struct dsc_pci *d = calloc(1, sizeof(*d));

	assert_non_null(d);
	*vec_push(&m->pci) = d;
	d->bus = bus;
	d->dev = dev;
	d->fn = fn;
	d->cfg_size = 256;
	d->iommu_group = d->iommu = DSC_NONE;
	d->cfg[0] = 0x86;
	d->cfg[1] = 0x80;
	return d;
}

static void cfg_w16(struct dsc_pci *d, unsigned int off, uint16_t v)
{
	d->cfg[off] = v;
	d->cfg[off + 1] = v >> 8;
}

static void cfg_w32(struct dsc_pci *d, unsigned int off, uint32_t v)
{
	cfg_w16(d, off, v);
	cfg_w16(d, off + 2, v >> 16);
}

static struct jhgen_system *build(struct machine *m)
{
	static struct jhgen_system sys;
	char reason[256] = "";

	jhgen_system_init(&sys, "test");
	if (root_policy_build(m, &sys, reason, sizeof(reason)))
		fail_msg("root_policy_build: %s", reason);
	return &sys;
}

/* Bytes of [start, end] the root gets with all of flags, and in total */
static uint64_t granted(const struct jhgen_system *sys, uint64_t start,
			uint64_t end, uint64_t flags, uint64_t *total)
{
	uint64_t with = 0, all = 0;

	for (size_t i = 0; i < sys->root.mem.count; i++) {
		const struct jh_memory *r = jhgen_mem(&sys->root, i);
		uint64_t s = r->phys_start, e = r->phys_start + r->size - 1;

		if (e < start || s > end)
			continue;
		s = s > start ? s : start;
		e = e < end ? e : end;
		all += e - s + 1;
		if ((r->flags & flags) == flags)
			with += e - s + 1;
	}
	if (total)
		*total = all;
	return with;
}

/* The flags of the region holding addr, ~0 if none does */
static uint64_t flags_at(const struct jhgen_system *sys, uint64_t addr)
{
	for (size_t i = 0; i < sys->root.mem.count; i++) {
		const struct jh_memory *r = jhgen_mem(&sys->root, i);

		if (addr >= r->phys_start && addr - r->phys_start < r->size)
			return r->flags;
	}
	return ~0ull;
}

/* An RMRR in a reserved range of the PCI hole (IGD stolen memory) */
static void rmrr_splits_reserved_mmio(void **state)
{
	struct jhgen_system *sys;
	struct machine m;
	uint64_t all;

	(void)state;
	small_machine(&m);
	range(&m.iomem, 0x7b000000, 0x7fffffff, "Reserved", 0);
	rmrr(&m, 0x7b800000, 0x7fffffff, 2, 0);
	sys = build(&m);
	/* the RMRR: RAM-like, with DMA, all of it */
	assert_int_equal(granted(sys, 0x7b800000, 0x7fffffff, RAM, NULL), 0x4800000);
	assert_int_equal(flags_at(sys, 0x7b800000), RAM);
	/* the rest of the container keeps its class: MMIO, no DMA */
	assert_int_equal(flags_at(sys, 0x7b000000), MMIO);
	assert_int_equal(flags_at(sys, 0x7b7ff000), MMIO);
	assert_int_equal(granted(sys, 0x7b000000, 0x7fffffff, JH_MEM_DMA, &all),
			 0x4800000);
	assert_int_equal(all, 0x5000000);
	jhgen_system_free(sys);
	machine_free(&m);
}

/* RMRRs in a reserved range inside RAM and in ACPI NVS: DMA on them only */
static void rmrr_dma_only_on_the_rmrr(void **state)
{
	struct jhgen_system *sys;
	struct machine m;
	uint64_t all;

	(void)state;
	small_machine(&m);
	range(&m.iomem, 0x77b0d000, 0x79c2afff, "Reserved", 0);
	range(&m.iomem, 0x79c2b000, 0x79c43fff, "ACPI Tables", 0);
	range(&m.iomem, 0x79c44000, 0x79ca3fff, "ACPI Non-volatile Storage", 0);
	range(&m.iomem, 0x79ca4000, 0x7affffff, "System RAM", 0);
	rmrr(&m, 0x79bc6000, 0x79be5fff, 0x15, 0);
	rmrr(&m, 0x79c50000, 0x79c6ffff, 0x14, 0);
	sys = build(&m);
	assert_int_equal(granted(sys, 0x77b0d000, 0x79ca3fff, JH_MEM_DMA, &all),
			 0x40000);
	assert_int_equal(all, 0x79ca4000 - 0x77b0d000);	/* nothing dropped */
	assert_int_equal(flags_at(sys, 0x79bc6000), RAM);
	assert_int_equal(flags_at(sys, 0x79c6f000), RAM);
	assert_int_equal(flags_at(sys, 0x77b0d000), FW);
	assert_int_equal(flags_at(sys, 0x79be6000), FW);
	assert_int_equal(flags_at(sys, 0x79c44000), ACPI);
	assert_int_equal(flags_at(sys, 0x79c70000), ACPI);
	jhgen_system_free(sys);
	machine_free(&m);
}

static const struct dsc_limit *limit_named(const struct machine *m,
					   const char *what)
{
	for (size_t i = 0; i < m->limits.n; i++)
		if (strstr(m->limits.v[i].what, what))
			return &m->limits.v[i];
	return NULL;
}

/* FADT, else /proc/ioports, else a limit; none on hardware-reduced ACPI */
static void pm_timer_sources(void **state)
{
	struct machine m;

	(void)state;
	machine_init(&m);
	range(&m.ioports, 0x400, 0x47f, "PNP0C09:00", 0);
	range(&m.ioports, 0x408, 0x40b, "ACPI PM_TMR", 1);
	m.fadt.present = true;
	m.fadt.block[FADT_PM_TMR] = 0x1808;
	m.fadt.pm_timer_32bit = true;
	pm_timer_assign(&m);
	assert_int_equal(m.pm_timer.source, PM_TIMER_FADT);
	assert_int_equal(m.pm_timer.port, 0x1808);
	assert_true(m.pm_timer.is_32bit);

	m.fadt.present = false;		/* a collected tree: no FADT */
	pm_timer_assign(&m);
	assert_int_equal(m.pm_timer.source, PM_TIMER_IOPORTS);
	assert_int_equal(m.pm_timer.port, 0x408);
	assert_false(m.pm_timer.is_32bit);
	assert_null(limit_named(&m, "PM timer"));

	/* /proc/ioports read without root: every range at 0 */
	m.ioports.v[1].start = m.ioports.v[1].end = 0;
	pm_timer_assign(&m);
	assert_int_equal(m.pm_timer.source, PM_TIMER_NONE);
	assert_int_equal(m.pm_timer.port, 0);
	assert_non_null(limit_named(&m, "PM timer"));
	machine_free(&m);

	machine_init(&m);
	m.fadt.present = m.fadt.hw_reduced = true;
	pm_timer_assign(&m);
	assert_int_equal(m.pm_timer.source, PM_TIMER_NONE);
	assert_null(limit_named(&m, "PM timer"));
	machine_free(&m);
}

static struct dsc_ioapic *ioapic(struct machine *m, uint8_t id,
				 uint64_t address, uint32_t base)
{
	struct dsc_ioapic *a = vec_push(&m->ioapics);

	assert_non_null(a);
	*a = (struct dsc_ioapic){ .id = id, .address = address, .gsi_base = base,
				  .bdf16 = DSC_NONE, .iommu = DSC_NONE };
	m->have_madt = true;
	return a;
}

static void intx(struct machine *m, uint8_t dev, uint8_t line, uint8_t pin)
{
	struct dsc_pci *d = pci_dev(m, 0, dev, 0);

	d->cfg[0x3c] = line;
	d->cfg[0x3d] = pin;
}

/* The highest PCI interrupt line routed to an IOAPIC bounds its count */
static void pins_from_pci_lines(void **state)
{
	struct machine m;

	(void)state;
	machine_init(&m);
	ioapic(&m, 1, 0xfec00000, 0);
	intx(&m, 0x16, 25, 1);
	intx(&m, 0x1c, 42, 1);
	intx(&m, 0x1d, 0xff, 1);	/* no line */
	intx(&m, 0x1e, 99, 0);		/* no interrupt pin */
	ioapic_assign_pins(&m);
	assert_int_equal(m.ioapics.v[0].pins, 43);
	assert_int_equal(m.ioapics.v[0].pins_source, PINS_PCI_LINE);
	assert_string_equal(ioapic_pins_source_name(PINS_PCI_LINE), "pci-line");
	assert_true(ioapic_pins_may_be_more(PINS_PCI_LINE));
	machine_free(&m);

	/* the line belongs to the IOAPIC whose range starts below it */
	machine_init(&m);
	ioapic(&m, 0, 0xfec00000, 0);
	ioapic(&m, 1, 0xfec01000, 24);
	intx(&m, 3, 60, 2);
	intx(&m, 4, 20, 1);
	ioapic_assign_pins(&m);
	assert_int_equal(m.ioapics.v[0].pins, 24);
	assert_int_equal(m.ioapics.v[0].pins_source, PINS_GSI_GAP);
	assert_false(ioapic_pins_may_be_more(PINS_GSI_GAP));
	assert_int_equal(m.ioapics.v[1].pins, 37);
	assert_int_equal(m.ioapics.v[1].pins_source, PINS_PCI_LINE);
	machine_free(&m);

	/* two IOAPICs sharing a base: a line there is neither's for sure */
	machine_init(&m);
	ioapic(&m, 0, 0xfec00000, 0);
	ioapic(&m, 1, 0xfec01000, 0);
	ioapic(&m, 2, 0xfec02000, 100);
	intx(&m, 3, 60, 1);
	intx(&m, 4, 130, 1);
	ioapic_assign_pins(&m);
	assert_int_equal(m.ioapics.v[0].pins, 24);
	assert_int_equal(m.ioapics.v[0].pins_source, PINS_ASSUMED);
	assert_int_equal(m.ioapics.v[1].pins, 24);
	assert_int_equal(m.ioapics.v[1].pins_source, PINS_ASSUMED);
	assert_int_equal(m.ioapics.v[2].pins, 31);
	assert_int_equal(m.ioapics.v[2].pins_source, PINS_PCI_LINE);
	machine_free(&m);

	/* the kernel log's count is the register's: a line does not change it */
	machine_init(&m);
	ioapic(&m, 0, 0xfec00000, 0);
	*vec_push(&m.klog_ioapics) = (struct dsc_klog_ioapic){
		.address = 0xfec00000, .gsi_base = 0, .gsi_end = 23, .line = 1 };
	intx(&m, 2, 30, 1);
	ioapic_assign_pins(&m);
	assert_int_equal(m.ioapics.v[0].pins, 24);
	assert_int_equal(m.ioapics.v[0].pins_source, PINS_KERNEL_LOG);
	assert_false(ioapic_pins_may_be_more(PINS_KERNEL_LOG));
	machine_free(&m);

	/* lines below the assumed 24 prove nothing more: still assumed */
	machine_init(&m);
	ioapic(&m, 0, 0xfec00000, 0);
	intx(&m, 2, 16, 1);
	ioapic_assign_pins(&m);
	assert_int_equal(m.ioapics.v[0].pins, 24);
	assert_int_equal(m.ioapics.v[0].pins_source, PINS_ASSUMED);
	assert_true(ioapic_pins_may_be_more(PINS_ASSUMED));
	machine_free(&m);
}

/* An MSI-X capability at 0x40 (vectors, table in BAR0) and MSI at 0x50 */
static void msi_caps(struct dsc_pci *d, unsigned int msix, unsigned int msi_log2)
{
	d->cfg[0x06] = 0x10;
	d->cfg[0x34] = 0x40;
	d->cfg[0x40] = 0x11;
	d->cfg[0x41] = msi_log2 ? 0x50 : 0;
	cfg_w16(d, 0x42, msix - 1);
	cfg_w32(d, 0x44, 0x2000);	/* BAR0 + 0x2000 */
	cfg_w32(d, 0x48, 0x3000);
	if (msi_log2) {
		d->cfg[0x50] = 0x05;
		cfg_w16(d, 0x52, msi_log2 << 1);
	}
}

/* MSI + MSI-X vectors + IOAPIC pins + HPET comparators, half again, 2^n */
static void ir_table_from_the_machine(void **state)
{
	struct machine m;
	struct jhgen_system *sys;
	uint32_t size;

	(void)state;
	machine_init(&m);
	ioapic(&m, 0, 0xfec00000, 0)->pins = 24;
	assert_int_equal(root_ir_table_size(&m), 0);	/* no IOMMU */
	m.have_dmar = true;
	assert_int_equal(root_ir_table_size(&m), 0);	/* DMAR without IR */
	m.dmar_flags = 1;
	assert_int_equal(root_ir_vectors(&m), 24);
	assert_int_equal(root_ir_table_size(&m), IR_TABLE_MIN);
	msi_caps(pci_dev(&m, 1, 0, 0), 129, 0);
	msi_caps(pci_dev(&m, 2, 0, 0), 64, 5);		/* + 32 MSI */
	vec_push(&m.hpets)->block_id = 0x8086a201;	/* 3 comparators */
	assert_int_equal(root_ir_vectors(&m), 24 + 129 + 64 + 32 + 3);
	assert_int_equal(root_ir_table_size(&m), 512);	/* 252 * 1.5 = 378 */
	for (int i = 0; i < 3; i++)
		msi_caps(pci_dev(&m, 3 + i, 0, 0), 2048, 0);
	size = root_ir_table_size(&m);
	assert_int_equal(size, 16384);	/* 6396 * 1.5 = 9594 */
	for (int i = 0; i < 30; i++)
		msi_caps(pci_dev(&m, 6 + i, 0, 0), 2048, 0);
	assert_int_equal(root_ir_table_size(&m), IR_TABLE_MAX);
	machine_free(&m);

	/* the config carries it; AMD-Vi counts as interrupt remapping */
	small_machine(&m);
	m.have_ivrs = true;
	ioapic(&m, 0, 0xfec00000, 0)->pins = 24;
	for (int i = 0; i < 2; i++)
		msi_caps(pci_dev(&m, 1 + i, 0, 0), 256, 0);
	sys = build(&m);
	assert_int_equal(sys->header.platform.ir_table_size, 1024);
	jhgen_system_free(sys);
	machine_free(&m);
}

static void scope(struct dsc_iommu *u, uint8_t type, uint8_t enum_id,
		  uint8_t dev, uint8_t fn)
{
	struct dsc_scope *s = vec_push(&u->scopes);

	assert_non_null(s);
	*s = (struct dsc_scope){ .type = type, .enum_id = enum_id,
				 .path_len = 1, .path = { { dev, fn } } };
}

/* An IOAPIC or HPET scope's BDF is no PCI function of that unit */
static void only_pci_scopes_assign_devices(void **state)
{
	struct dsc_iommu *u;
	struct dsc_pci *gfx, *lpc, *hpet_twin;
	struct machine m;

	(void)state;
	machine_init(&m);
	m.have_dmar = true;
	u = vec_push(&m.iommus);
	memset(u, 0, sizeof(*u));
	u->type = DSC_IOMMU_VTD;
	scope(u, DMAR_SCOPE_ENDPOINT, 0, 2, 0);
	scope(u, DMAR_SCOPE_IOAPIC, 2, 0x1f, 0);
	scope(u, DMAR_SCOPE_HPET, 0, 0x0f, 0);
	u = vec_push(&m.iommus);
	memset(u, 0, sizeof(*u));
	u->type = DSC_IOMMU_VTD;
	u->include_all = true;
	gfx = pci_dev(&m, 0, 2, 0);
	lpc = pci_dev(&m, 0, 0x1f, 0);
	hpet_twin = pci_dev(&m, 0, 0x0f, 0);
	m.pci_read = true;
	machine_link(&m);
	assert_int_equal(gfx->iommu, 0);
	assert_int_equal(lpc->iommu, 1);	/* INCLUDE_PCI_ALL's, not 0's */
	assert_int_equal(hpet_twin->iommu, 1);
	machine_free(&m);
}

static bool warned(const struct machine *m, const char *what)
{
	for (size_t i = 0; i < m->warnings.n; i++)
		if (strstr(m->warnings.v[i].message, what))
			return true;
	return false;
}

/* Config space and Linux disagree on a BAR: Linux's view, and a warning */
static void bar_address_from_linux(void **state)
{
	struct pci_msix_info x;
	struct dsc_pci *d, *vf;
	struct machine m;

	(void)state;
	machine_init(&m);
	d = pci_dev(&m, 4, 0, 0);
	cfg_w32(d, 0x10, 0xf0000000);
	d->has_res = true;
	d->res_start[0] = 0xd0000000;
	d->res_end[0] = 0xd0003fff;
	msi_caps(d, 16, 0);
	vf = pci_dev(&m, 4, 0, 1);	/* an SR-IOV VF: BARs read 0 */
	vf->has_res = true;
	vf->res_start[0] = 0xe0000000;
	vf->res_end[0] = 0xe0003fff;
	/* BAR2 as firmware left it, which Linux could not assign (0-size) */
	cfg_w32(d, 0x18, 0xf1000000);
	d->res_end[2] = 0xfff;
	pci_decode_bars(d);
	pci_decode_bars(vf);
	machine_link(&m);
	assert_int_equal(d->bar[2].address, 0);
	assert_int_equal(d->bar[2].size, 0x1000);
	assert_true(warned(&m, "0000:04:00.0 BAR2: config space says 0xf1000000, but Linux left the BAR unassigned"));
	assert_int_equal(d->bar[0].address, 0xd0000000);
	assert_int_equal(d->bar[0].size, 0x4000);
	assert_true(warned(&m, "0000:04:00.0 BAR0: config space says 0xf0000000, Linux's resource 0xd0000000-0xd0003fff"));
	pci_msix(d, &x);
	assert_int_equal(x.table_address, 0xd0002000);	/* the MSI-X hole */
	assert_int_equal(vf->bar[0].address, 0xe0000000);
	assert_false(warned(&m, "0000:04:00.1"));
	machine_free(&m);
}

/* Multicast (extended capability 0x12) is 0x30 bytes */
static void multicast_capability_length(void **state)
{
	struct dev_cap caps[PCI_MAX_CAPS];
	struct dsc_pci d = { .cfg_size = 4096 };
	unsigned int n;

	(void)state;
	cfg_w32(&d, 0x100, 0x14010012);	/* Multicast, version 1, next 0x140 */
	cfg_w32(&d, 0x140, 0x00010001);	/* AER, last */
	n = pci_caps(&d, caps, PCI_MAX_CAPS);
	assert_int_equal(n, 2);
	assert_true(caps[0].extended);
	assert_int_equal(caps[0].id, 0x12);
	assert_string_equal(pci_cap_name(&caps[0]), "Multicast");
	assert_int_equal(caps[0].length, 0x30);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rmrr_splits_reserved_mmio),
		cmocka_unit_test(rmrr_dma_only_on_the_rmrr),
		cmocka_unit_test(pm_timer_sources),
		cmocka_unit_test(pins_from_pci_lines),
		cmocka_unit_test(ir_table_from_the_machine),
		cmocka_unit_test(only_pci_scopes_assign_devices),
		cmocka_unit_test(bar_address_from_linux),
		cmocka_unit_test(multicast_capability_length),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
