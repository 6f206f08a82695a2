// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the root cell's PCI filter (hypervisor/core/pci.c with the
 * x86 MSI format of x86/msi.c) on the host: a fake device at 00:01.0 with
 * a 64-bit MSI capability at 0x50 and an MSI-X capability at 0x70 (4
 * entries, table in BAR0 at 0xfebf2000). The root owns the CPUs with APIC
 * IDs 0 and 2, a cell the one with APIC ID 1. Each test is an attack the
 * root could make through config space or the MSI-X table, and checks that
 * the device is left as it was (or, for allowed writes, that it changed).
 * The cell_* tests give the device to the cell "rt" (its config lists it
 * with BAR0 of 16 KiB, MSI, MSI-X and a capability at 0x90 writable, one
 * at 0xa0 read-only) and make the same attacks from the cell, aimed at root CPUs:
 * each refused write fails the cell (cell_fail(), caught here).
 * The remap* tests turn interrupt remapping on (a fake iommu_irq_map():
 * entry n + 3 for interrupt n) and check the shadows, the remappable
 * messages in the device, what the root and a cell read back, the
 * ordering of MSI-X masks and entries, and the hand-over.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "../../hypervisor/core/pci.c"
#include "apic.h"

#define DEV		0x0008		/* 00:01.0 */
#define MSI		0x50
#define MSIX		0x70
#define TABLE		0xfebf2000ULL
#define ROOT_MSG	0xfee00000ULL	/* physical, APIC ID 0 */
#define CELL_MSG	0xfee01000ULL	/* physical, APIC ID 1 */

struct cell root_cell;
static struct cell rt = { .id = 1 };
static struct {
	struct jh_cell_desc desc;
	u64 cpu_set;
	struct jh_pci_device dev;
	struct jh_pci_capability caps[4];
} __attribute__((packed)) rt_config = {
	.desc = { .name = "rt", .cpu_set_size = 8, .num_pci_devices = 1,
		  .num_pci_caps = 4 },
	.dev = { .type = JH_PCI_TYPE_DEVICE, .bdf = DEV, .num_caps = 4,
		 .bar_mask = { 0xffffc000 } },
	.caps = { { .id = 0x05, .start = MSI, .len = 24, .flags = JH_PCICAPS_WRITE },
		  { .id = 0x11, .start = MSIX, .len = 12, .flags = JH_PCICAPS_WRITE },
		  { .id = 0x09, .start = 0x90, .len = 8, .flags = JH_PCICAPS_WRITE },
		  { .id = 0x01, .start = 0xa0, .len = 8 } },
};
static jmp_buf cell_failed_jmp;
static unsigned int cell_failures;
const struct jh_system *sys_config;
struct jh_hv_boot boot;
static u8 cfg[256];
static u32 table[4][4] __attribute__((aligned(4096)));
static unsigned int reports;

/*
 * APIC ID 1 is the cell's; logical destinations: bit 1 is the cell's CPU.
 * The cell's interrupts: fixed or lowest priority only.
 */
bool apic_cell_owns_destination(const struct cell *cell, u32 mode, u32 dest)
{
	u32 dm = mode & APIC_ICR_DM_MASK;

	if (cell == &rt)
		return (dm == APIC_ICR_DM_FIXED || dm == APIC_ICR_DM_LOWEST) &&
		       (mode & APIC_ICR_LOGICAL ? dest == 2 : dest == 1);
	if (mode & APIC_ICR_LOGICAL)
		return !(dest & 2);
	return dest != 1;
}

void cell_fail(struct per_cpu *c, const char *fmt, ...)
{
	va_list ap;

	cell_failures++;
	printf("# cell fails: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	longjmp(cell_failed_jmp, 1);
}

u64 ms_to_tsc(u64 ms)
{
	return 0;
}

/* The IOMMU: remapping when remap_on; each call to iommu_irq_map() recorded */
static bool remap_on, remap_full;
static struct { u16 sid, n; u32 dest, redir; bool valid; } mapped;
static unsigned int map_calls, has_entry;
static u32 shadow_pages[1024] __attribute__((aligned(4096)));

bool iommu_irq_compat(bool allow)
{
	return remap_on;
}

void iommu_shutdown(void)
{
}

int ioapic_irq_remapping(bool on)
{
	return 0;
}

void *page_alloc(unsigned int pages)
{
	memset(shadow_pages, 0, sizeof(shadow_pages));
	return shadow_pages;
}

/* entry n + 3 of each interrupt; -ENODEV when blocked and never mapped */
int iommu_irq_map(u16 sid, u16 n, u32 dest, u32 redir, bool valid)
{
	map_calls++;
	if (valid && remap_full)
		return -ERANGE;
	if (!valid && !(has_entry & (1U << n)))
		return -ENODEV;
	has_entry |= 1U << n;
	mapped.sid = sid, mapped.n = n, mapped.dest = dest, mapped.redir = redir;
	mapped.valid = valid;
	return n + 3;
}

u32 arch_pci_read(u16 seg, u16 bdf, u16 reg, unsigned int size)
{
	u32 v = 0;

	if (seg || bdf != DEV || reg >= 256)
		return ~0U;
	memcpy(&v, &cfg[reg], size);
	return v;
}

void arch_pci_write(u16 seg, u16 bdf, u16 reg, unsigned int size, u32 v)
{
	if (!seg && bdf == DEV && reg < 256)
		memcpy(&cfg[reg], &v, size);
}

int arch_pci_cell_init(struct cell *cell)
{
	return 0;
}

volatile void *mmio_map_uncached(u64 phys)
{
	return NULL;
}

int mmio_register(const struct cell *cell, u64 base, u64 size,
		  mmio_handler_t handler, void *opaque)
{
	return 0;
}

int gpa_unmap(u64 *root, u64 gpa, u64 size)
{
	return 0;
}

void printk(const char *fmt, ...)
{
	va_list ap;

	reports++;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

int set_status(int err, const char *fmt, ...)
{
	return err;
}

static u32 cfg32(u16 reg)
{
	return arch_pci_read(0, DEV, reg, 4);
}

static void root_write(u16 reg, unsigned int size, u32 v)
{
	struct per_cpu c = { .cell = &root_cell };

	pci_cfg_access(&c, 0, DEV, reg, size, true, &v);
}

static void table_write(u64 off, unsigned int size, u64 v)
{
	struct per_cpu c = { .cell = &root_cell };

	assert_true(msix_access(&c, &msi_devs[0], off, size, true, &v));
}

static void set32(u16 reg, u32 v)
{
	memcpy(&cfg[reg], &v, 4);
}

static int setup(void **state)
{
	memset(cfg, 0, sizeof(cfg));
	memset(table, 0, sizeof(table));
	set32(0x00, 0x12348086);
	set32(0x04, 0x00100006);		/* status: capability list */
	set32(0x10, (u32)(TABLE & ~0xfffULL) - 0x2000);	/* BAR0 */
	cfg[0x34] = MSI;
	set32(MSI, 0x00807005);			/* 64-bit, next 0x70, off */
	set32(MSIX, 0x00030011);		/* 4 entries, off */
	set32(MSIX + 4, 0x2000);		/* BIR 0, offset 0x2000 */
	for (int i = 0; i < 4; i++)
		table[i][3] = MSIX_ENTRY_MASKED;
	msi_devs[0] = (struct msi_dev){
		.seg = 0, .bdf = DEV, .cap = MSIX, .entries = 4, .phys = TABLE,
		.msi = MSI, .msi_words = 3,
		.map = (volatile u8 *)table,
	};
	num_msi_devs = 1;
	remapping = remap_on = remap_full = false;
	memset(&mapped, 0xff, sizeof(mapped));
	map_calls = has_entry = 0;
	reports = 0;
	refusals = 0;
	cell_failures = 0;
	memset(cell_devs, 0, sizeof(cell_devs));
	return 0;
}

/* The device given to the cell rt, as cell create does */
static int setup_cell(void **state)
{
	setup(state);
	rt.config = &rt_config.desc;
	set32(0x04, 0x00100007);		/* the root's driver had it on */
	assert_int_equal(pci_cell_devices(&rt, true), 0);
	assert_int_equal(cfg32(0x04) & 0xffff, 0);	/* bus master off */
	return 0;
}

/* A write of the cell rt; false if the cell failed on it */
static bool cell_write(u16 bdf, u16 reg, unsigned int size, u32 v)
{
	struct per_cpu c = { .cell = &rt };

	if (setjmp(cell_failed_jmp))
		return false;
	pci_cfg_access(&c, 0, bdf, reg, size, true, &v);
	return true;
}

static u32 cell_read(u16 bdf, u16 reg, unsigned int size)
{
	struct per_cpu c = { .cell = &rt };
	u32 v = 0;

	pci_cfg_access(&c, 0, bdf, reg, size, false, &v);
	return v;
}

static bool cell_table_write(u64 off, unsigned int size, u64 v)
{
	struct per_cpu c = { .cell = &rt };

	if (setjmp(cell_failed_jmp))
		return false;
	assert_true(msix_access(&c, &msi_devs[0], off, size, true, &v));
	return true;
}

static void msi_program(u64 addr, u16 data)
{
	root_write(MSI + 4, 4, (u32)addr);
	root_write(MSI + 8, 4, addr >> 32);
	root_write(MSI + 12, 2, data);
}

static void msi_to_root_cpu_is_enabled(void **state)
{
	msi_program(ROOT_MSG, 0x41);
	root_write(MSI + 2, 2, 0x0081);
	assert_true(cfg32(MSI) & MSI_ENABLE);
	assert_int_equal(reports, 0);
}

static void msi_to_cell_cpu_cannot_be_enabled(void **state)
{
	msi_program(CELL_MSG, 0x41);	/* allowed while disabled */
	assert_int_equal(cfg32(MSI + 4), (u32)CELL_MSG);
	root_write(MSI + 2, 2, 0x0081);
	assert_false(cfg32(MSI) & MSI_ENABLE);
	assert_int_equal(reports, 1);
	/* the dword form of the same write, too */
	root_write(MSI, 4, 0x00817005);
	assert_false(cfg32(MSI) & MSI_ENABLE);
}

static void enabled_msi_cannot_be_aimed_at_the_cell(void **state)
{
	msi_program(ROOT_MSG, 0x41);
	root_write(MSI + 2, 2, 0x0081);
	root_write(MSI + 4, 4, (u32)CELL_MSG);
	assert_int_equal(cfg32(MSI + 4), (u32)ROOT_MSG);
	/* byte writes into the destination field as well */
	root_write(MSI + 5, 1, 0x10);
	assert_int_equal(cfg32(MSI + 4), (u32)ROOT_MSG);
	assert_int_equal(reports, 2);
}

static void msi_formats_the_filter_cannot_check_are_refused(void **state)
{
	static const u64 bad[] = {
		ROOT_MSG | 0x10,		/* remappable, no remapping */
		0xfef00000ULL,			/* not the interrupt range */
		ROOT_MSG | 0x20,		/* extended destination bits */
		(1ULL << 32) | ROOT_MSG,	/* high address */
		ROOT_MSG | 0x2004,		/* logical, the cell's bit */
	};

	for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		setup(state);
		msi_program(bad[i], 0x41);
		root_write(MSI + 2, 2, 0x0081);
		assert_false(cfg32(MSI) & MSI_ENABLE);
	}
	setup(state);
	msi_program(ROOT_MSG | 0x1004, 0x41);	/* logical, the root's bit */
	root_write(MSI + 2, 2, 0x0081);
	assert_true(cfg32(MSI) & MSI_ENABLE);
}

static void msix_entry_aimed_at_the_cell_stays_masked(void **state)
{
	table_write(0, 4, (u32)CELL_MSG);	/* masked: allowed */
	table_write(8, 4, 0x41);
	assert_int_equal(table[0][0], (u32)CELL_MSG);
	table_write(12, 4, 0);			/* unmask: refused */
	assert_int_equal(table[0][3], MSIX_ENTRY_MASKED);
	table_write(8, 8, 0x41);		/* data + unmask in one qword */
	assert_int_equal(table[0][3], MSIX_ENTRY_MASKED);
	assert_int_equal(reports, 2);
}

static void unmasked_msix_entry_cannot_be_redirected(void **state)
{
	table_write(16, 8, ROOT_MSG);
	table_write(28, 4, 0);
	assert_int_equal(table[1][3], 0);
	table_write(16, 4, (u32)CELL_MSG);
	assert_int_equal(table[1][0], (u32)ROOT_MSG);
	table_write(16, 8, (1ULL << 32) | ROOT_MSG);
	assert_int_equal(table[1][1], 0);
	assert_int_equal(reports, 2);
	/* byte writes into the table are not what the PCI spec allows */
	{
		struct per_cpu c = { .cell = &root_cell };
		u64 v = 0x10;

		assert_false(msix_access(&c, &msi_devs[0], 17, 1, true, &v));
	}
}

static void msix_enable_checks_every_unmasked_entry(void **state)
{
	table[2][0] = (u32)CELL_MSG;	/* left there before jh was enabled */
	table[2][3] = 0;
	root_write(MSIX + 2, 2, 0x8003);
	assert_false(cfg32(MSIX) & MSIX_ENABLE);
	/* with the function masked it may be enabled, then not unmasked */
	root_write(MSIX + 2, 2, 0xc003);
	assert_true(cfg32(MSIX) & MSIX_ENABLE);
	root_write(MSIX + 2, 2, 0x8003);
	assert_true(cfg32(MSIX) & MSIX_MASKALL);
	table[2][3] = MSIX_ENTRY_MASKED;
	root_write(MSIX + 2, 2, 0x8003);
	assert_false(cfg32(MSIX) & MSIX_MASKALL);
}

static void msix_table_cannot_move_while_enabled(void **state)
{
	u32 bar = cfg32(0x10);

	root_write(MSIX + 2, 2, 0x8003);
	assert_true(cfg32(MSIX) & MSIX_ENABLE);
	root_write(0x10, 4, 0xfe000000);
	assert_int_equal(cfg32(0x10), bar);
	root_write(0x10, 4, bar);		/* the same value: harmless */
	assert_int_equal(reports, 1);
	/* disabled it may move, but enabling it elsewhere is refused */
	root_write(MSIX + 2, 2, 0x0003);
	root_write(0x10, 4, 0xfe000000);
	assert_int_equal(cfg32(0x10), 0xfe000000);
	root_write(MSIX + 2, 2, 0x8003);
	assert_false(cfg32(MSIX) & MSIX_ENABLE);
}

static void other_registers_pass(void **state)
{
	root_write(0x04, 2, 0x0007);
	assert_int_equal(cfg32(0x04) & 0xffff, 7);
	root_write(0x3c, 1, 0x0b);
	assert_int_equal(cfg[0x3c], 0x0b);
	assert_int_equal(reports, 0);
}

static void cell_device_is_gone_for_the_root(void **state)
{
	struct per_cpu c = { .cell = &root_cell };
	u32 v = 0;
	u64 q = 0;

	pci_cfg_access(&c, 0, DEV, 0, 4, false, &v);
	assert_int_equal(v, ~0U);
	root_write(0x3c, 1, 0x0b);
	assert_int_not_equal(cfg[0x3c], 0x0b);
	assert_int_equal(reports, 1);
	assert_true(msix_access(&c, &msi_devs[0], 0, 4, false, &q));
	assert_int_equal(q, ~0ULL);
	/* and the cell sees nothing else: another function reads all ones */
	assert_int_equal(cell_read(DEV + 1, 0, 4), ~0U);
	assert_int_equal(cell_read(DEV, 0, 4), 0x12348086);
	/* destroy: the root has it back, reset */
	cfg[0x04] = 7;
	assert_int_equal(pci_cell_devices(&rt, false), 0);
	assert_int_equal(cfg32(0x04) & 0xffff, 0);
	pci_cfg_access(&c, 0, DEV, 0, 4, false, &v);
	assert_int_equal(v, 0x12348086);
}

static void cell_bar_is_emulated_within_its_mask(void **state)
{
	u32 bar = cfg32(0x10);

	assert_true(cell_write(DEV, 0x10, 4, ~0U));	/* sizing */
	assert_int_equal(cell_read(DEV, 0x10, 4), 0xffffc000);
	assert_int_equal(cfg32(0x10), bar);		/* the real BAR stays */
	assert_true(cell_write(DEV, 0x10, 4, 0xd0000000));
	assert_int_equal(cell_read(DEV, 0x10, 4), 0xd0000000);
	assert_int_equal(cell_read(DEV, 0x12, 2), 0xd000);
	assert_int_equal(cfg32(0x10), bar);
	assert_true(cell_write(DEV, 0x14, 4, ~0U));	/* no BAR1: mask 0 */
	assert_int_equal(cell_read(DEV, 0x14, 4), 0);
	assert_int_equal(cell_failures, 0);
}

static void cell_writes_only_writable_caps_and_command_bits(void **state)
{
	assert_true(cell_write(DEV, 0x04, 2, 0xffff));
	assert_int_equal(cfg32(0x04) & 0xffff, 0x0547);
	assert_true(cell_write(DEV, 0x92, 2, 0x1234));	/* JH_PCICAPS_WRITE */
	assert_int_equal(cfg[0x92], 0x34);
	assert_false(cell_write(DEV, 0xa4, 4, 0x3));	/* read-only cap */
	assert_int_equal(cfg32(0xa4), 0);
	assert_false(cell_write(DEV, 0xc0, 4, 0x3));	/* no cap at all */
	assert_true(cell_write(DEV, 0x30, 4, ~0U));	/* ROM BAR: dropped */
	assert_int_equal(cfg32(0x30), 0);
	assert_int_equal(cell_failures, 2);
	/* another function's config takes no writes from the cell */
	assert_true(cell_write(DEV + 1, 0x04, 2, 7));
}

static void cell_msi_reaches_only_the_cells_cpus(void **state)
{
	static const struct { u64 addr; u16 data; bool ok; } msg[] = {
		{ CELL_MSG, 0x41, true },		/* fixed, its CPU */
		{ CELL_MSG, 0x141, true },		/* lowest priority */
		{ CELL_MSG | 0x1004, 0x41, false },	/* logical, a root CPU */
		{ ROOT_MSG, 0x41, false },		/* a root CPU */
		{ CELL_MSG, 0x441, false },		/* NMI */
		{ CELL_MSG, 0x241, false },		/* SMI */
		{ CELL_MSG, 0x541, false },		/* INIT */
		{ CELL_MSG, 0x741, false },		/* ExtINT */
		{ CELL_MSG | 0x10, 0x41, false },	/* remappable */
	};

	for (unsigned int i = 0; i < sizeof(msg) / sizeof(msg[0]); i++) {
		setup_cell(state);
		assert_true(cell_write(DEV, MSI + 4, 4, (u32)msg[i].addr));
		assert_true(cell_write(DEV, MSI + 12, 2, msg[i].data));
		assert_int_equal(cell_write(DEV, MSI + 2, 2, 0x0081), msg[i].ok);
		assert_int_equal(!!(cfg32(MSI) & MSI_ENABLE), msg[i].ok);
	}
}

static void cell_msix_entry_aimed_at_the_root_stays_masked(void **state)
{
	assert_true(cell_table_write(0, 4, (u32)ROOT_MSG));	/* masked */
	assert_true(cell_table_write(8, 4, 0x41));
	assert_false(cell_table_write(12, 4, 0));		/* unmask */
	assert_int_equal(table[0][3], MSIX_ENTRY_MASKED);
	assert_true(cell_table_write(16, 8, CELL_MSG));
	assert_true(cell_table_write(24, 8, 0x41));		/* unmasked */
	assert_int_equal(table[1][3], 0);
	assert_false(cell_table_write(16, 4, (u32)ROOT_MSG));
	assert_int_equal(table[1][0], (u32)CELL_MSG);
	/* the table was masked: enabling MSI-X with the root's entry fails */
	table[2][0] = (u32)ROOT_MSG;
	table[2][3] = 0;
	assert_false(cell_write(DEV, MSIX + 2, 2, 0x8003));
	assert_false(cfg32(MSIX) & MSIX_ENABLE);
	assert_int_equal(cell_failures, 3);
}

static u32 root_read(u16 reg, unsigned int size)
{
	struct per_cpu c = { .cell = &root_cell };
	u32 v = 0;

	pci_cfg_access(&c, 0, DEV, reg, size, false, &v);
	return v;
}

static u64 table_read(u64 off, unsigned int size)
{
	struct per_cpu c = { .cell = &root_cell };
	u64 v = 0;

	assert_true(msix_access(&c, &msi_devs[0], off, size, false, &v));
	return v;
}

/* The remappable address of entry index (bits 19:5, format bit 4) */
#define REMAPPED(index)	(0xfee00010U | (index) << 5)

/* Interrupt remapping on at enable: the root's live messages go through entries */
static int setup_remap(void **state)
{
	setup(state);
	cfg[MSI + 2] = 1;			/* Linux left its MSI on */
	set32(MSI + 4, (u32)ROOT_MSG);
	set32(MSI + 12, 0x41);
	table[1][0] = (u32)ROOT_MSG;		/* and MSI-X entry 1 unmasked */
	table[1][2] = 0x42;
	table[1][3] = 0;
	remap_on = true;
	assert_int_equal(pci_irq_remap(true), 0);
	return 0;
}

static void remap_on_rewrites_the_live_messages(void **state)
{
	assert_int_equal(cfg32(MSI + 4), REMAPPED(3));
	assert_int_equal(cfg32(MSI + 12), 0);
	assert_int_equal(table[1][0], REMAPPED(4 + 1));
	assert_int_equal(table[1][2], 0);
	assert_int_equal(table[1][3], 0);
	assert_int_equal(mapped.n, 2);		/* MSI-X entry 1: n 2 */
	assert_int_equal(mapped.redir, 0x42);
	assert_true(mapped.valid);
	/* the root reads what its Linux wrote */
	assert_int_equal(root_read(MSI + 4, 4), (u32)ROOT_MSG);
	assert_int_equal(root_read(MSI + 12, 2), 0x41);
	assert_int_equal(table_read(16, 8), ROOT_MSG);
	assert_int_equal(table_read(24, 4), 0x42);
	/* and off again: the messages as written */
	assert_int_equal(pci_irq_remap(false), 0);
	assert_int_equal(cfg32(MSI + 4), (u32)ROOT_MSG);
	assert_int_equal(cfg32(MSI + 12), 0x41);
	assert_int_equal(table[1][0], (u32)ROOT_MSG);
	assert_int_equal(table[1][2], 0x42);
}

static void remapped_msi_follows_its_owner(void **state)
{
	msi_program(ROOT_MSG | 0x1004, 0x51);	/* enabled: logical, APIC bit 0 */
	assert_int_equal(mapped.n, 0);
	assert_int_equal(mapped.dest, 1);
	assert_int_equal(mapped.redir, 0x51 | APIC_ICR_LOGICAL);
	assert_true(mapped.valid);
	assert_int_equal(cfg32(MSI + 4), REMAPPED(3));
	assert_int_equal(root_read(MSI + 4, 4), (u32)ROOT_MSG | 0x1004);
	root_write(MSI + 2, 2, 0x0080);		/* disabled: entry not present */
	assert_false(mapped.valid);
	root_write(MSI + 4, 4, (u32)CELL_MSG);	/* allowed while disabled */
	root_write(MSI + 2, 2, 0x0081);		/* but not enabled so */
	assert_false(cfg32(MSI) & MSI_ENABLE);
	assert_false(mapped.valid);
	root_write(MSI + 4, 4, (u32)ROOT_MSG | 0x10);	/* the root's remappable */
	root_write(MSI + 2, 2, 0x0081);
	assert_false(cfg32(MSI) & MSI_ENABLE);
	assert_int_equal(reports, 2);
}

static void remapped_msix_entry_is_masked_before_its_entry_goes(void **state)
{
	table_write(28, 4, MSIX_ENTRY_MASKED);
	assert_false(mapped.valid);
	assert_int_equal(table[1][3], MSIX_ENTRY_MASKED);
	table_write(32, 8, ROOT_MSG);		/* entry 2, masked: no entry taken */
	table_write(40, 4, 0x43);
	assert_int_equal(mapped.n, 2);
	assert_int_equal(table[2][0], (u32)ROOT_MSG);
	table_write(44, 4, 0);			/* unmasked: entry 3 + 3 */
	assert_true(mapped.valid);
	assert_int_equal(mapped.redir, 0x43);
	assert_int_equal(table[2][0], REMAPPED(6));
	assert_int_equal(table_read(32, 4), (u32)ROOT_MSG);
	table_write(32, 4, (u32)CELL_MSG);	/* refused: unmasked */
	assert_int_equal(table_read(32, 4), (u32)ROOT_MSG);
	assert_int_equal(reports, 1);
}

static void full_remapping_table_refuses_the_write(void **state)
{
	remap_full = true;
	root_write(MSI + 2, 2, 0x0080);
	msi_program(ROOT_MSG, 0x44);
	root_write(MSI + 2, 2, 0x0081);
	assert_false(cfg32(MSI) & MSI_ENABLE);
	assert_int_equal(reports, 1);
}

static void handover_leaves_nothing_of_the_old_owner(void **state)
{
	rt.config = &rt_config.desc;
	assert_int_equal(pci_cell_devices(&rt, true), 0);
	assert_int_equal(cell_read(DEV, MSI + 4, 4), 0);
	assert_int_equal(mapped.sid, DEV);
	assert_false(mapped.valid);		/* MSI-X entry 1's, the last */
	{
		struct per_cpu c = { .cell = &rt };
		u64 v = 0;

		assert_true(msix_access(&c, &msi_devs[0], 16, 8, false, &v));
		assert_int_equal(v, 0);
		assert_true(msix_access(&c, &msi_devs[0], 28, 4, false, &v));
		assert_int_equal(v, MSIX_ENTRY_MASKED);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(msi_to_root_cpu_is_enabled, setup),
		cmocka_unit_test_setup(msi_to_cell_cpu_cannot_be_enabled, setup),
		cmocka_unit_test_setup(enabled_msi_cannot_be_aimed_at_the_cell, setup),
		cmocka_unit_test_setup(msi_formats_the_filter_cannot_check_are_refused,
				       setup),
		cmocka_unit_test_setup(msix_entry_aimed_at_the_cell_stays_masked, setup),
		cmocka_unit_test_setup(unmasked_msix_entry_cannot_be_redirected, setup),
		cmocka_unit_test_setup(msix_enable_checks_every_unmasked_entry, setup),
		cmocka_unit_test_setup(msix_table_cannot_move_while_enabled, setup),
		cmocka_unit_test_setup(other_registers_pass, setup),
		cmocka_unit_test_setup(cell_device_is_gone_for_the_root, setup_cell),
		cmocka_unit_test_setup(cell_bar_is_emulated_within_its_mask, setup_cell),
		cmocka_unit_test_setup(cell_writes_only_writable_caps_and_command_bits,
				       setup_cell),
		cmocka_unit_test_setup(cell_msi_reaches_only_the_cells_cpus, setup_cell),
		cmocka_unit_test_setup(cell_msix_entry_aimed_at_the_root_stays_masked,
				       setup_cell),
		cmocka_unit_test_setup(remap_on_rewrites_the_live_messages, setup_remap),
		cmocka_unit_test_setup(remapped_msi_follows_its_owner, setup_remap),
		cmocka_unit_test_setup(remapped_msix_entry_is_masked_before_its_entry_goes,
				       setup_remap),
		cmocka_unit_test_setup(full_remapping_table_refuses_the_write, setup_remap),
		cmocka_unit_test_setup(handover_leaves_nothing_of_the_old_owner, setup_remap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
