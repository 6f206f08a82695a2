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
 * The bridge_* tests add a bridge at 00:1c.0 to bus 2, where the device
 * 02:00.0 goes to the cell "rt" instead (its config rt_behind).
 * The decode tests (root_*_memory, root_rom_*, sibling_bridge_*, create_*)
 * check what a root BAR, expansion ROM or bridge window may decode: none
 * of a cell's BARs, memory regions or ports, while the cell exists and,
 * for BARs, at its create; and the ISA bridge's INTx routes at create.
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

/*
 * The config ports (x86/pci-cfg.c) on top, its hardware accesses renamed
 * away: pci_port_access() then ends in the filter above and the fake
 * device; raw port accesses (the chipset's registers) are counted here.
 */
static unsigned int raw_port_accesses;

static u32 fake_port_read(u16 port, unsigned int size)
{
	raw_port_accesses++;
	return 0x5a5a5a5a;
}

static void fake_port_write(u16 port, unsigned int size, u32 v)
{
	raw_port_accesses++;
}

u32 hw_pci_read(u16 seg, u16 bdf, u16 reg, unsigned int size);
void hw_pci_write(u16 seg, u16 bdf, u16 reg, unsigned int size, u32 v);
int hw_pci_cell_init(struct cell *cell);
#define port_read		fake_port_read
#define port_write		fake_port_write
#define arch_pci_read		hw_pci_read
#define arch_pci_write		hw_pci_write
#define arch_pci_cell_init	hw_pci_cell_init
#include "../../hypervisor/x86/pci-cfg.c"
#undef arch_pci_read
#undef arch_pci_write
#undef arch_pci_cell_init

#define DEV		0x0008		/* 00:01.0 */
#define MSI		0x50
#define MSIX		0x70
#define TABLE		0xfebf2000ULL
#define BRIDGE		0x00e0		/* 00:1c.0 */
#define DEV2		0x0200		/* 02:00.0, behind the bridge */
#define ROOT_MSG	0xfee00000ULL	/* physical, APIC ID 0 */
#define CELL_MSG	0xfee01000ULL	/* physical, APIC ID 1 */

struct cell root_cell;
struct cell *cells[MAX_CELLS];
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
static struct {
	struct jh_cell_desc desc;
	u64 cpu_set;
	struct jh_pci_device dev;
} __attribute__((packed)) rt_behind = {
	.desc = { .name = "rt", .cpu_set_size = 8, .num_pci_devices = 1 },
	.dev = { .type = JH_PCI_TYPE_DEVICE, .bdf = DEV2, .bar_mask = { 0xffffc000 } },
};
/* A cell without devices whose one region reaches the root device's MSI-X table */
static struct {
	struct jh_cell_desc desc;
	u64 cpu_set;
	struct jh_memory mem;
} __attribute__((packed)) rt_over_table = {
	.desc = { .name = "rt", .cpu_set_size = 8, .num_memory_regions = 1 },
	.mem = { .phys_start = TABLE - 0x2000, .virt_start = 0x100000, .size = 0x2004,
		 .flags = JH_MEM_READ | JH_MEM_WRITE | JH_MEM_IO },
};
/*
 * The root's config: the device's BAR0 of 16 KiB, BAR2/3 of 16 MiB (64-bit
 * when the test makes it so), BAR4 of 32 ports; the bridge without masks
 */
static struct {
	struct jh_cell_desc desc;
	u64 cpu_set;
	struct jh_pci_device devs[2];
} __attribute__((packed)) root_config = {
	.desc = { .name = "root", .cpu_set_size = 8, .num_pci_devices = 2 },
	.devs = { { .type = JH_PCI_TYPE_DEVICE, .bdf = DEV,
		    .bar_mask = { 0xffffc000, 0, 0xff000000, 0xffffffff, 0xffffffe1 } },
		  { .type = JH_PCI_TYPE_BRIDGE, .bdf = BRIDGE } },
};
/* A cell without devices whose UART is at 0x2f8 (cells[1] in the port tests) */
static struct {
	struct jh_cell_desc desc;
	u64 cpu_set;
	struct jh_pio pio;
} __attribute__((packed)) uart_config = {
	.desc = { .name = "uart", .cpu_set_size = 8, .num_pio_regions = 1 },
	.pio = { .base = 0x2f8, .length = 8 },
};
static struct cell uart_cell = { .id = 2, .config = &uart_config.desc };
/* A cell without devices that owns IOAPIC pin 11 (cells[3] in the PIRQ test) */
static struct {
	struct jh_cell_desc desc;
	u64 cpu_set;
	struct jh_irqchip chip;
} __attribute__((packed)) pin11_config = {
	.desc = { .name = "pin11", .cpu_set_size = 8, .num_irqchips = 1 },
	.chip = { .address = 0xfec00000, .pin_bitmap = { 1ULL << 11 } },
};
static struct cell pin11_cell = { .id = 3, .config = &pin11_config.desc };
/* A cell without devices: its comm region, RAM, an MMIO page, RAM above 4 GiB (cells[4]) */
static struct {
	struct jh_cell_desc desc;
	u64 cpu_set;
	struct jh_memory mem[4];
} __attribute__((packed)) mem_config = {
	.desc = { .name = "mem", .cpu_set_size = 8, .num_memory_regions = 4 },
	.mem = { { .phys_start = 0, .virt_start = 0x1000, .size = 0x1000,
		   .flags = JH_MEM_READ | JH_MEM_WRITE | JH_MEM_COMM_REGION },
		 { .phys_start = 0x20000000, .size = 0x100000, .flags = JH_MEM_READ },
		 { .phys_start = 0xfe800000, .virt_start = 0xfe800000, .size = 0x1000,
		   .flags = JH_MEM_READ | JH_MEM_WRITE | JH_MEM_IO },
		 { .phys_start = 0x121000000ULL, .size = 0x1000, .flags = JH_MEM_READ } },
};
static struct cell mem_cell = { .id = 4, .config = &mem_config.desc };
/* The cell rt with 02:00.0 (behind the bridge) and IOAPIC pin 11 */
static struct {
	struct jh_cell_desc desc;
	u64 cpu_set;
	struct jh_irqchip chip;
	struct jh_pci_device dev;
} __attribute__((packed)) rt_intx = {
	.desc = { .name = "rt", .cpu_set_size = 8, .num_irqchips = 1, .num_pci_devices = 1 },
	.chip = { .address = 0xfec00000, .pin_bitmap = { 1ULL << 11 } },
	.dev = { .type = JH_PCI_TYPE_DEVICE, .bdf = DEV2, .bar_mask = { 0xffffc000 } },
};
static jmp_buf cell_failed_jmp;
static unsigned int cell_failures;
const struct jh_system *sys_config;
struct jh_hv_boot boot;
static u8 cfg[256], bridge_cfg[256], dev2_cfg[256];
static u32 table[256][4] __attribute__((aligned(4096)));	/* the table's page */
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

/* The config space of a function there is, or NULL */
static u8 *fake_cfg(u16 seg, u16 bdf, u16 reg)
{
	if (seg || reg >= 256)
		return NULL;
	return bdf == DEV ? cfg : bdf == BRIDGE ? bridge_cfg : bdf == DEV2 ? dev2_cfg : NULL;
}

u32 arch_pci_read(u16 seg, u16 bdf, u16 reg, unsigned int size)
{
	u8 *c = fake_cfg(seg, bdf, reg);
	u32 v = 0;

	if (!c)
		return ~0U;
	memcpy(&v, &c[reg], size);
	return v;
}

void arch_pci_write(u16 seg, u16 bdf, u16 reg, unsigned int size, u32 v)
{
	u8 *c = fake_cfg(seg, bdf, reg);

	if (c == cfg && reg == 0x30)
		v &= 0xffff8001;	/* the expansion ROM: 32 KiB */
	if (c)
		memcpy(&c[reg], &v, size);
}

int arch_pci_cell_init(struct cell *cell)
{
	return 0;
}

volatile void *mmio_map_uncached(u64 phys, u64 size)
{
	return NULL;
}

/* the last trap registered for a non-root cell */
static u64 trap_base, trap_size;

int mmio_register(const struct cell *cell, u64 base, u64 size,
		  mmio_handler_t handler, void *opaque)
{
	if (cell != &root_cell)
		trap_base = base, trap_size = size;
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

static char status[256];

int set_status(int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(status, sizeof(status), fmt, ap);
	va_end(ap);
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

static u32 bridge32(u16 reg)
{
	return arch_pci_read(0, BRIDGE, reg, 4);
}

static int setup(void **state)
{
	root_cell.config = &root_config.desc;
	memset(cfg, 0, sizeof(cfg));
	memset(bridge_cfg, 0, sizeof(bridge_cfg));
	memset(dev2_cfg, 0, sizeof(dev2_cfg));
	memset(table, 0, sizeof(table));
	memcpy(bridge_cfg, &(u32){ 0x24488086 }, 4);
	bridge_cfg[0x0e] = 0x81;		/* multi-function, type 1 */
	memcpy(&bridge_cfg[0x18], &(u32){ 0x00020200 }, 4);	/* buses 0, 2, 2 */
	memcpy(dev2_cfg, &(u32){ 0x100e8086 }, 4);
	memcpy(&dev2_cfg[0x10], &(u32){ 0xfeb00000 }, 4);	/* BAR0, 16 KiB */
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
		.seg = 0, .bdf = DEV, .entries = 4, .phys = TABLE,
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
	memset(cells, 0, sizeof(cells));
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
	return size == 4 ? v : v & ((1U << (8 * size)) - 1);	/* as the port exit does */
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

/* The device behind the bridge given to the cell rt (rt_behind) */
static int setup_behind(void **state)
{
	setup(state);
	rt.config = &rt_behind.desc;
	assert_int_equal(pci_cell_devices(&rt, true), 0);
	return 0;
}

static void root_bridge_write(u16 reg, unsigned int size, u32 v)
{
	struct per_cpu c = { .cell = &root_cell };

	pci_cfg_access(&c, 0, BRIDGE, reg, size, true, &v);
}

static void bridge_to_a_cells_device_takes_no_root_writes(void **state)
{
	static const struct { u16 reg; unsigned int size; u32 v; } w[] = {
		{ 0x19, 1, 0x05 },		/* secondary bus: renumbered */
		{ 0x18, 4, 0x00050500 },
		{ 0x1a, 1, 0x01 },		/* subordinate below it: cut off */
		{ 0x20, 4, 0xfe00fe00 },	/* memory window: BARs unreachable */
		{ 0x3e, 2, 0x0040 },		/* bridge control: secondary reset */
		{ 0x04, 2, 0x0000 },		/* command: forwarding off */
		{ 0x50, 2, 0x0010 },		/* a capability (link disable) */
	};
	u8 before[256];

	memcpy(before, bridge_cfg, sizeof(before));
	for (unsigned int i = 0; i < sizeof(w) / sizeof(w[0]); i++)
		root_bridge_write(w[i].reg, w[i].size, w[i].v);
	assert_memory_equal(bridge_cfg, before, sizeof(before));
	assert_int_equal(reports, 7);
	assert_int_equal(arch_pci_read(0, DEV2, 0, 4), 0x100e8086);
	/* reads pass; the device itself is the cell's */
	{
		struct per_cpu c = { .cell = &root_cell };
		u32 v = 0;

		pci_cfg_access(&c, 0, BRIDGE, 0x18, 4, false, &v);
		assert_int_equal(v, 0x00020200);
	}
	/* destroyed: the bridge is the root's to program again */
	assert_int_equal(pci_cell_devices(&rt, false), 0);
	root_bridge_write(0x19, 1, 0x05);
	assert_int_equal(bridge32(0x18), 0x00020500);
}

static void bridge_cannot_be_numbered_onto_a_cells_device(void **state)
{
	memcpy(&bridge_cfg[0x18], &(u32){ 0x00030300 }, 4);	/* to bus 3 */
	root_bridge_write(0x18, 4, 0x00020200);
	assert_int_equal(bridge32(0x18), 0x00030300);
	root_bridge_write(0x1a, 1, 0x04);	/* 3..4: not bus 2 */
	assert_int_equal(bridge32(0x18), 0x00040300);
	root_bridge_write(0x19, 1, 0x02);	/* 2..4: refused */
	assert_int_equal(bridge32(0x18), 0x00040300);
	assert_int_equal(reports, 2);
}

static void unconfigured_bridge_is_the_roots(void **state)
{
	/* the cell has 00:01.0 (setup_cell); a bridge numbered 0, 0 leads nowhere */
	memset(&bridge_cfg[0x18], 0, 4);
	root_bridge_write(0x3c, 1, 0x0b);
	assert_int_equal(bridge_cfg[0x3c], 0x0b);
	root_bridge_write(0x18, 4, 0x00060600);
	assert_int_equal(bridge32(0x18), 0x00060600);
	assert_int_equal(reports, 0);
}

static void root_bar_cannot_cover_a_cells_bar(void **state)
{
	static const struct { u16 reg; unsigned int size; u32 v; bool ok; } w[] = {
		{ 0x10, 4, 0xfeb00000, false },		/* onto the cell's BAR0 */
		{ 0x10, 4, 0xfeb02000, false },		/* into it (16 KiB aligned) */
		{ 0x12, 2, 0xfeb0, false },		/* by the upper word */
		{ 0x10, 4, 0xfeb04000, true },		/* just after it */
		{ 0x10, 4, 0xffffffff, true },		/* sizing: the top 16 KiB */
		{ 0x18, 4, 0xfe000000, false },		/* 16 MiB around it */
		{ 0x18, 4, 0xfd000000, true },
		{ 0x14, 4, 0xfeb00000, false },		/* BAR1: no mask, any size */
		{ 0x14, 4, 0x0000c001, false },		/* bit 0 is the device's: memory */
	};

	for (unsigned int i = 0; i < sizeof(w) / sizeof(w[0]); i++) {
		u32 before = cfg32(w[i].reg & ~3);

		reports = 0;
		root_write(w[i].reg, w[i].size, w[i].v);
		if (w[i].ok)
			assert_int_not_equal(cfg32(w[i].reg & ~3), before);
		else
			assert_int_equal(cfg32(w[i].reg & ~3), before);
		assert_int_equal(reports, !w[i].ok);
	}
	/* the same value again (a driver restoring it) passes */
	reports = 0;
	set32(0x14, 0xfeb00000);
	root_write(0x14, 4, 0xfeb00000);
	assert_int_equal(reports, 0);
	/* destroyed: anywhere */
	assert_int_equal(pci_cell_devices(&rt, false), 0);
	root_write(0x10, 4, 0xfeb00000);
	assert_int_equal(cfg32(0x10), 0xfeb00000);
}

static void root_bar_rule_skips_upper_halves(void **state)
{
	/* the cell's device: a 64-bit BAR0 below 4 GiB (upper half 0) */
	rt_behind.dev.bar_mask[0] = 0xffffc004;
	rt_behind.dev.bar_mask[1] = 0xffffffff;
	memcpy(&dev2_cfg[0x10], &(u32){ 0xfeb00004 }, 4);
	assert_int_equal(pci_cell_devices(&rt, false), 0);
	assert_int_equal(pci_cell_devices(&rt, true), 0);
	/* the root's BAR0 to 0 is over no BAR (not the cell's upper half) */
	root_write(0x10, 4, 0);
	assert_int_equal(cfg32(0x10), 0);
	/* its own upper half (BAR3, all ones in its config) sized and restored */
	root_write(0x1c, 4, ~0U);
	root_write(0x1c, 4, 0);
	assert_int_equal(cfg32(0x1c), 0);
	/* the cell's BAR0 itself stays guarded */
	root_write(0x10, 4, 0xfeb00000);
	assert_int_equal(cfg32(0x10), 0);
	assert_int_equal(reports, 1);
	rt_behind.dev.bar_mask[0] = 0xffffc000;
	rt_behind.dev.bar_mask[1] = 0;
}

/* A write of the root, refused (ok false) or not: the dword after it */
static void root_write_checked(u16 reg, unsigned int size, u32 v, bool ok)
{
	u32 before = cfg32(reg & ~3);

	reports = 0;
	root_write(reg, size, v);
	if (ok)
		assert_int_not_equal(cfg32(reg & ~3), before);
	else
		assert_int_equal(cfg32(reg & ~3), before);
	assert_int_equal(reports, !ok);
}

static void root_64bit_bar_cannot_cover_a_cells_bar_by_a_half(void **state)
{
	/* the cell's device: a 64-bit BAR0 of 16 KiB at 0x1_feb00000 */
	rt_behind.dev.bar_mask[0] = 0xffffc004;
	rt_behind.dev.bar_mask[1] = 0xffffffff;
	memcpy(&dev2_cfg[0x10], &(u32){ 0xfeb00004 }, 4);
	memcpy(&dev2_cfg[0x14], &(u32){ 1 }, 4);
	assert_int_equal(pci_cell_devices(&rt, false), 0);
	assert_int_equal(pci_cell_devices(&rt, true), 0);
	/* the root's BAR2/3: 64-bit, 16 MiB at 0x0_fe000000 (below the cell's) */
	set32(0x18, 0xfe000004);
	set32(0x1c, 0);
	root_write_checked(0x1c, 4, 1, false);		/* the upper half alone */
	root_write_checked(0x1c, 1, 1, false);		/* by a byte */
	root_write_checked(0x1c, 4, 2, true);		/* 0x2_fe000000: nothing there */
	root_write_checked(0x1c, 4, ~0U, true);		/* sizing the upper half */
	root_write_checked(0x1c, 4, 1, false);		/* "restored" onto the cell's */
	set32(0x1c, 1);
	set32(0x18, 0xfd000004);			/* at 0x1_fd000000 */
	root_write_checked(0x18, 4, 0xfe000004, false);	/* the lower half then */
	root_write_checked(0x18, 4, 0xfe000000, false);	/* posing as a 32-bit BAR */
	root_write_checked(0x18, 4, 0xff000004, true);
	/* the cell's BAR0 32-bit again, at 0xfeb00000 */
	rt_behind.dev.bar_mask[0] = 0xffffc000;
	rt_behind.dev.bar_mask[1] = 0;
	memcpy(&dev2_cfg[0x10], &(u32){ 0xfeb00000 }, 4);
	memcpy(&dev2_cfg[0x14], &(u32){ 0 }, 4);
	assert_int_equal(pci_cell_devices(&rt, false), 0);
	assert_int_equal(pci_cell_devices(&rt, true), 0);
	/* an upper half that looks like a 64-bit BAR (0x4_...) is not one: BAR4 is */
	set32(0x1c, 4);
	set32(0x20, 0xfd000000);			/* a 32-bit BAR of 32 bytes */
	root_write_checked(0x20, 4, 0xfeb00000, false);
}

static void root_io_bar_cannot_cover_a_cells_ports(void **state)
{
	cells[2] = &uart_cell;
	set32(0x20, 0x0000c001);			/* BAR4: 32 ports at 0xc000 */
	root_write_checked(0x20, 4, 0x000002e1, false);	/* 0x2e0-0x2ff: over the UART */
	root_write_checked(0x20, 4, 0x000002f9, false);	/* onto it */
	root_write_checked(0x20, 4, 0xffff02e1, false);	/* it decodes 16 bits */
	root_write_checked(0x20, 4, 0x000002e0, false);	/* bit 0 is the device's */
	set32(0x20, 0x0000c0e1);
	root_write_checked(0x21, 1, 0x02, false);	/* by a byte: 0x2e0-0x2ff */
	root_write_checked(0x20, 4, 0x00000301, true);	/* 0x300-0x31f: free */
	root_write_checked(0x20, 4, 0x000002c1, true);	/* 0x2c0-0x2df: free */
	root_write_checked(0x20, 4, ~0U, true);		/* sizing: 0xffe0-0xffff */
	/* BAR1 with no mask in the root's config: any size, any move refused */
	set32(0x14, 0x0000d001);
	root_write_checked(0x14, 4, 0x0000e001, false);
	/* the cell gone, anywhere */
	cells[2] = NULL;
	root_write_checked(0x14, 4, 0x000002f9, true);
	root_write_checked(0x20, 4, 0x000002f9, true);
}

static void msix_write_straddling_into_the_table_is_refused(void **state)
{
	struct per_cpu c = { .cell = &root_cell };
	u32 *e = table[0x80];	/* entry 0 of a table at page offset 0x800 */
	u64 v;

	msi_devs[1] = (struct msi_dev){
		.seg = 0, .bdf = DEV, .entries = 4, .phys = TABLE + 0x800,
		.map = (volatile u8 *)table + 0x800,
	};
	e[0] = (u32)ROOT_MSG;
	e[3] = 0;			/* unmasked, to a root CPU */
	v = CELL_MSG << 32;		/* the upper half lands on entry 0 */
	assert_false(msix_access(&c, &msi_devs[1], 0x7fc, 8, true, &v));
	v = 0x1000;
	assert_false(msix_access(&c, &msi_devs[1], 0x7fe, 4, true, &v));
	assert_int_equal(e[0], (u32)ROOT_MSG);
	/* aligned, before the table: the device's other registers */
	v = 0x12345678;
	assert_true(msix_access(&c, &msi_devs[1], 0x7fc, 4, true, &v));
	assert_int_equal(table[0x7f][3], 0x12345678);
	/* the PBA after the table: passed on (read-only to the device) */
	v = 1;
	assert_true(msix_access(&c, &msi_devs[1], 0x840, 8, true, &v));
	assert_int_equal(reports, 0);
}

static void msix_qword_across_entries_is_refused(void **state)
{
	struct per_cpu c = { .cell = &root_cell };
	u64 v = (u64)CELL_MSG << 32;

	table[1][0] = (u32)ROOT_MSG;
	table[1][3] = 0;
	/* entry 0's control and entry 1's address in one qword */
	assert_false(msix_access(&c, &msi_devs[0], 12, 8, true, &v));
	assert_int_equal(table[0][3], MSIX_ENTRY_MASKED);
	assert_int_equal(table[1][0], (u32)ROOT_MSG);
	/* from the cell, the same */
	setup_cell(state);
	c.cell = &rt;
	table[1][0] = (u32)CELL_MSG;
	table[1][3] = 0;
	v = ROOT_MSG << 32;
	assert_false(msix_access(&c, &msi_devs[0], 12, 8, true, &v));
	assert_int_equal(table[1][0], (u32)CELL_MSG);
	assert_int_equal(cell_failures, 0);	/* the exit handler fails it */
}

static void cell_msix_function_mask_toggled_around_writes(void **state)
{
	assert_true(cell_write(DEV, MSIX + 2, 2, 0xc003));	/* enabled, all masked */
	assert_true(cfg32(MSIX) & MSIX_ENABLE);
	assert_true(cell_table_write(16, 8, ROOT_MSG));		/* masked: allowed */
	assert_false(cell_table_write(28, 4, 0));		/* unmasked under mask-all */
	assert_int_equal(table[1][3], MSIX_ENTRY_MASKED);
	assert_true(cell_write(DEV, MSIX + 2, 2, 0x8003));	/* entries all masked */
	assert_false(cfg32(MSIX) & MSIX_MASKALL);
	assert_false(cell_table_write(28, 4, 0));
	assert_true(cell_write(DEV, MSIX + 2, 2, 0x0003));	/* disabled */
	assert_false(cell_table_write(28, 4, 0));		/* still refused */
	assert_int_equal(table[1][3], MSIX_ENTRY_MASKED);
	assert_int_equal(cell_failures, 3);
}

static void cell_enabled_msi_cannot_be_redirected(void **state)
{
	static const struct { u16 reg; unsigned int size; u32 v; } w[] = {
		{ MSI + 4, 4, (u32)ROOT_MSG },		/* the address */
		{ MSI + 5, 1, 0x00 },			/* its APIC ID byte alone */
		{ MSI + 4, 2, 0x000c },			/* logical, redirection hint */
		{ MSI + 8, 4, 0x1 },			/* the high address */
		{ MSI + 12, 2, 0x0441 },		/* NMI */
		{ MSI + 13, 1, 0x05 },			/* INIT, by the byte */
		{ MSI, 4, 0x00817005 },			/* enable again, unchanged */
	};
	u8 before[256];

	assert_true(cell_write(DEV, MSI + 4, 4, (u32)CELL_MSG));
	assert_true(cell_write(DEV, MSI + 12, 2, 0x41));
	assert_true(cell_write(DEV, MSI + 2, 2, 0x0181));	/* per-vector masks */
	assert_true(cfg32(MSI) & MSI_ENABLE);
	memcpy(before, cfg, sizeof(before));
	for (unsigned int i = 0; i < sizeof(w) / sizeof(w[0]) - 1; i++) {
		assert_false(cell_write(DEV, w[i].reg, w[i].size, w[i].v));
		assert_memory_equal(cfg, before, sizeof(before));
	}
	assert_true(cell_write(DEV, w[6].reg, w[6].size, w[6].v));
	/* the mask bits and multiple messages do not move the message */
	assert_true(cell_write(DEV, MSI + 16, 4, 0xfffffffe));
	assert_true(cell_write(DEV, MSI + 2, 2, 0x01d1));
	assert_int_equal(cfg32(MSI + 16), 0xfffffffe);
	/* disabled, it may be reprogrammed, not enabled so */
	assert_true(cell_write(DEV, MSI + 2, 2, 0x0000));
	assert_true(cell_write(DEV, MSI + 4, 4, (u32)ROOT_MSG));
	assert_false(cell_write(DEV, MSI + 2, 2, 0x0001));
	assert_false(cfg32(MSI) & MSI_ENABLE);
	assert_int_equal(cell_failures, 7);
}

static void cell_config_accesses_of_odd_sizes(void **state)
{
	u32 bar = cfg32(0x10), hdr[16];

	/* the emulated BAR0 by bytes and words */
	assert_true(cell_write(DEV, 0x10, 4, 0xd0004000));
	assert_int_equal(cell_read(DEV, 0x11, 1), 0x40);
	assert_int_equal(cell_read(DEV, 0x13, 1), 0xd0);
	assert_true(cell_write(DEV, 0x12, 2, 0xe123));
	assert_true(cell_write(DEV, 0x10, 1, 0xff));		/* flags and low bits */
	assert_int_equal(cell_read(DEV, 0x10, 4), 0xe1234000);
	assert_true(cell_write(DEV, 0x11, 1, 0xff));
	assert_int_equal(cell_read(DEV, 0x10, 4), 0xe123c000);
	assert_int_equal(cfg32(0x10), bar);
	/* the command register by its high byte; status is left alone */
	set32(0x04, 0x06100000);		/* status: caps, two error bits */
	assert_true(cell_write(DEV, 0x05, 1, 0xff));
	assert_int_equal(cfg32(0x04), 0x06100500);
	assert_true(cell_write(DEV, 0x06, 2, 0xffff));
	assert_true(cell_write(DEV, 0x04, 4, 0xffff0002));
	assert_int_equal(cfg32(0x04), 0x06100002);
	/* the rest of the header: nothing reaches the device */
	memcpy(hdr, &cfg[0x28], 0x18);
	for (u16 reg = 0x28; reg < 0x40; reg++)
		assert_true(cell_write(DEV, reg, 1, 0xff));	/* ROM BAR, line, ... */
	assert_memory_equal(&cfg[0x28], hdr, 0x18);
	assert_int_equal(cell_failures, 0);
}

static void cell_64bit_bar_high_half_is_emulated(void **state)
{
	u32 lo, hi;

	/* BAR2/3: a 64-bit BAR of 2 MiB at 0x1_fe000000 */
	set32(0x18, 0xfe00000c);
	set32(0x1c, 0x1);
	rt_config.dev.bar_mask[2] = 0xffe0000c;
	rt_config.dev.bar_mask[3] = 0xffffffff;
	assert_int_equal(pci_cell_devices(&rt, false), 0);	/* taken again with it */
	assert_int_equal(pci_cell_devices(&rt, true), 0);
	lo = cfg32(0x18);
	hi = cfg32(0x1c);
	assert_true(cell_write(DEV, 0x1c, 4, ~0U));
	assert_int_equal(cell_read(DEV, 0x1c, 4), ~0U);
	assert_true(cell_write(DEV, 0x18, 4, ~0U));
	assert_int_equal(cell_read(DEV, 0x18, 4), 0xffe0000c);
	assert_true(cell_write(DEV, 0x1f, 1, 0x00));
	assert_int_equal(cell_read(DEV, 0x1c, 4), 0x00ffffff);
	assert_int_equal(cfg32(0x18), lo);
	assert_int_equal(cfg32(0x1c), hi);
	rt_config.dev.bar_mask[2] = rt_config.dev.bar_mask[3] = 0;
	assert_int_equal(cell_failures, 0);
}

/* A BAR after a 64-bit one whose upper dword looks like a 64-bit type keeps its flags */
static void bar_after_a_64bit_one_keeps_its_flags(void **state)
{
	set32(0x10, 0xfe00000c);		/* BAR0/1: 64-bit, 2 MiB, at 0x4_fe000000 */
	set32(0x14, 0x4);
	set32(0x18, 0xfd000008);		/* BAR2: 32-bit prefetchable, 2 MiB */
	rt_config.dev.bar_mask[0] = 0xffe0000c;
	rt_config.dev.bar_mask[1] = 0xffffffff;
	rt_config.dev.bar_mask[2] = 0xffe00008;
	assert_int_equal(pci_cell_devices(&rt, false), 0);	/* taken again with them */
	assert_int_equal(pci_cell_devices(&rt, true), 0);
	assert_true(cell_write(DEV, 0x18, 4, 0));
	assert_int_equal(cell_read(DEV, 0x18, 4), 0x00000008);
	assert_true(cell_write(DEV, 0x14, 4, 0));	/* the upper half takes all bits */
	assert_int_equal(cell_read(DEV, 0x14, 4), 0);
	rt_config.dev.bar_mask[0] = 0xffffc000;
	rt_config.dev.bar_mask[1] = rt_config.dev.bar_mask[2] = 0;
	assert_int_equal(cell_failures, 0);
}

/* One port access of the cell (rt) or the root; false if the cell failed */
static bool port(struct cell *cell, u16 port, unsigned int size, bool in, u32 *v)
{
	struct per_cpu c = { .cell = cell };

	if (setjmp(cell_failed_jmp))
		return false;
	pci_port_access(&c, port, size, in, v);
	return true;
}

static u32 port_in(struct cell *cell, u16 p, unsigned int size)
{
	u32 v = 0;

	assert_true(port(cell, p, size, true, &v));
	return size == 4 ? v : v & ((1U << (8 * size)) - 1);	/* as the exit does */
}

static void port_out(struct cell *cell, u16 p, unsigned int size, u32 v)
{
	assert_true(port(cell, p, size, false, &v));
}

static void ports_below_the_data_port_reach_no_config_cycle(void **state)
{
	static const struct { u16 port; unsigned int size; } into_data[] = {
		{ 0xcfa, 4 }, { 0xcfb, 2 }, { 0xcf9, 4 }, { 0xcfb, 4 },
	};
	u32 v, cmd = cfg32(0x04);

	memset(latch, 0, sizeof(latch));
	port_out(&root_cell, 0xcf8, 4, 0x80000000U | DEV << 8 | 0x04);
	/* split by the chipset, their upper bytes would hit 0xcfc latched */
	for (unsigned int i = 0; i < sizeof(into_data) / sizeof(into_data[0]); i++) {
		raw_port_accesses = 0;
		port_out(&root_cell, into_data[i].port, into_data[i].size, 0);
		v = port_in(&root_cell, into_data[i].port, into_data[i].size);
		assert_int_equal(v, into_data[i].size == 4 ? ~0U : 0xffff);
		assert_int_equal(raw_port_accesses, 0);
	}
	assert_int_equal(cfg32(0x04), cmd);
	/* within 0xcf8-0xcfb, not the address dword: the chipset's, the root's */
	raw_port_accesses = 0;
	port_out(&root_cell, 0xcf9, 1, 0);
	port_out(&root_cell, 0xcf8, 2, 0);
	assert_int_equal(port_in(&root_cell, 0xcfa, 2), 0x5a5a);
	assert_int_equal(raw_port_accesses, 3);
	/* a cell fails on each */
	v = 0;
	assert_false(port(&rt, 0xcf9, 1, false, &v));
	assert_false(port(&rt, 0xcf8, 2, false, &v));
	assert_false(port(&rt, 0xcfa, 4, true, &v));
	assert_int_equal(cell_failures, 3);
	assert_int_equal(raw_port_accesses, 3);
}

static void ports_answer_as_a_chipset(void **state)
{
	memset(latch, 0, sizeof(latch));
	port_out(&rt, 0xcf8, 4, 0x80000000U | DEV << 8);
	port_out(&root_cell, 0xcf8, 4, 0x80000000U | (DEV + 1) << 8);
	/* each cell its own latch */
	assert_int_equal(port_in(&rt, 0xcf8, 4), 0x80000000U | DEV << 8);
	assert_int_equal(port_in(&rt, 0xcfc, 4), 0x12348086);
	assert_int_equal(port_in(&rt, 0xcfe, 2), 0x1234);
	assert_int_equal(port_in(&rt, 0xcff, 1), 0x12);
	assert_int_equal(port_in(&rt, 0xcfd, 2), 0xffff);	/* misaligned */
	assert_int_equal(port_in(&root_cell, 0xcfc, 4), ~0U);	/* the cell's */
	/* bit 31 clear: no cycle, the write lost */
	port_out(&rt, 0xcf8, 4, DEV << 8 | 0x3c);
	assert_int_equal(port_in(&rt, 0xcfc, 4), ~0U);
	port_out(&rt, 0xcfc, 4, 0);
	/* reserved bits 30:24: ignored, the same register (filtered as it) */
	port_out(&rt, 0xcf8, 4, 0xff000000U | DEV << 8 | 0x10);
	port_out(&rt, 0xcfc, 4, 0xd0000000);
	assert_int_equal(cell_read(DEV, 0x10, 4), 0xd0000000);	/* emulated */
	port_out(&rt, 0xcf8, 4, 0x81000000U | DEV << 8 | 0x04);
	port_out(&rt, 0xcfc, 4, 0xffffffff);
	assert_int_equal(cfg32(0x04) & 0xffff, 0x0547);
	assert_int_equal(cell_failures, 0);
}

static void mmconfig_takes_aligned_accesses_up_to_dwords(void **state)
{
	static const struct jh_pci_mmconfig w = { .segment = 0, .start_bus = 0 };
	struct per_cpu c = { .cell = &root_cell };
	u64 v = 0;

	assert_false(mmcfg_access(&c, (void *)&w, (u64)DEV << 12, 8, false, &v));
	assert_false(mmcfg_access(&c, (void *)&w, ((u64)DEV << 12) + 2, 4, false, &v));
	assert_false(mmcfg_access(&c, (void *)&w, ((u64)DEV << 12) + 0x53, 2, true, &v));
	assert_true(mmcfg_access(&c, (void *)&w, (u64)DEV << 12, 4, false, &v));
	assert_int_equal(v, 0x12348086);
	assert_true(mmcfg_access(&c, (void *)&w, ((u64)DEV << 12) + 0x100, 4, false, &v));
	assert_int_equal(v, ~0U);	/* past the fake's 256 bytes: nobody */
}

/* The cell's own MSI-X table is trapped at its physical address (identity BAR) */
static void cell_msix_table_is_trapped_where_the_bar_is(void **state)
{
	assert_int_equal(trap_base, TABLE);
	assert_int_equal(trap_size, 0x1000);
}

/* A region over a trapped table, even one 4 bytes into its page, is refused */
static void cell_region_over_an_msix_table_is_refused(void **state)
{
	rt.config = &rt_over_table.desc;
	cells[rt.id] = &rt;			/* as cell_create() puts it, before its devices */
	assert_int_equal(pci_cell_devices(&rt, true), -EPERM);
	assert_non_null(strstr(status, "maps the MSI-X table 0xfebf2000"));
	rt_over_table.mem.size = 0x2000;	/* up to the table's page: that rule passes */
	assert_int_equal(pci_cell_devices(&rt, true), -EBUSY);	/* the root's BAR0 is there */
	assert_non_null(strstr(status, "00:01.0: its range would cover a cell's memory"));
	set32(0x10, 0xfe000000);		/* the BAR moved away: fine */
	assert_int_equal(pci_cell_devices(&rt, true), 0);
	rt_over_table.mem.size = 0x2004;
	pci_cell_forget(&rt);
	assert_null(cells[rt.id]);
}

/* The root writes nothing past a host bridge's header (PCIEXBAR, PAM) */
static void host_bridge_registers_take_no_root_writes(void **state)
{
	cfg[0x0b] = 0x06, cfg[0x0a] = 0x00;	/* class 0x0600: a host bridge */
	set32(0x60, 0xb0000001);
	root_write(0x60, 4, 0xe0000001);
	assert_int_equal(cfg32(0x60), 0xb0000001);
	assert_int_equal(reports, 1);
	root_write(0x04, 2, 0x0006);		/* its command register: fine */
	assert_int_equal(cfg32(0x04) & 0xffff, 0x0006);
	assert_int_equal(reports, 1);
}

/* Nor past an ISA/LPC bridge's (IOAPIC base, decode ranges), PIRQ aside */
static void isa_bridge_registers_take_no_root_writes(void **state)
{
	cfg[0x0b] = 0x06, cfg[0x0a] = 0x01;	/* class 0x0601: an ISA bridge */
	set32(0x80, 0x00000000);		/* PIIX3's IOAPIC base: 0xfec00000 */
	root_write(0x80, 1, 0x3f);
	assert_int_equal(cfg32(0x80), 0);
	assert_int_equal(reports, 1);
	root_write(0x61, 1, 0x0a);		/* PIRQB to IRQ 10: no cell has it */
	assert_int_equal(cfg[0x61], 0x0a);
	assert_int_equal(reports, 1);
}

/* The INTx routes of an ISA bridge (PIRQ, 0x60-0x63, 0x68-0x6b on Intel's PCHs) */
static void isa_bridge_routes_keep_off_a_cells_pins(void **state)
{
	cfg[0x0b] = 0x06, cfg[0x0a] = 0x01;	/* class 0x0601: an ISA bridge */
	set32(0x60, 0x050b800a);		/* A: 10, B: off, C: 11, D: 5 */
	set32(0x68, 0x80808080);
	cells[3] = &pin11_cell;
	root_write_checked(0x61, 1, 0x0b, false);	/* B onto the cell's pin 11 */
	root_write_checked(0x60, 4, 0x050b0b0a, false);	/* the same in a dword */
	root_write_checked(0x62, 1, 0x80, false);	/* C (the cell's) turned off */
	root_write_checked(0x62, 2, 0x050a, false);	/* C moved to 10 */
	root_write_checked(0x68, 1, 0x0b, false);	/* E (a PCH's) onto 11 */
	assert_int_equal(cfg32(0x60), 0x050b800a);
	root_write_checked(0x60, 1, 0x05, true);	/* A: 10 -> 5, no cell's */
	root_write_checked(0x61, 1, 0x8b, true);	/* B stays off */
	root_write_checked(0x60, 4, 0x050b8b07, true);	/* a dword, C's byte kept */
	root_write_checked(0x64, 1, 0x0b, false);	/* not a route: the chipset rule */
	cells[3] = NULL;				/* the cell gone: anything */
	root_write_checked(0x62, 1, 0x80, true);
}

/* A root device's BAR put over the cell's device's before the create: refused */
static void create_refused_under_a_root_bar(void **state)
{
	set32(0x10, 0xfeb02000);	/* DEV's BAR0 (16 KiB) over DEV2's at 0xfeb00000 */
	rt.config = &rt_behind.desc;
	assert_int_equal(pci_cell_devices(&rt, true), -EBUSY);
	assert_non_null(strstr(status, "the root's device 00:01.0: its range would cover a BAR "
			       "of a cell's device"));
	assert_int_equal(pci_cell_devices(&rt, false), 0);
	set32(0x10, 0xfeb04000);	/* moved just past it: fine */
	assert_int_equal(pci_cell_devices(&rt, true), 0);
}

/* A root BAR (either half of a 64-bit one) over a cell's RAM or MMIO: refused */
static void root_bar_cannot_cover_a_cells_memory(void **state)
{
	cells[4] = &mem_cell;
	root_write_checked(0x10, 4, 0x20000000, false);	/* BAR0 (16 KiB) onto its RAM */
	root_write_checked(0x10, 4, 0x200fc000, false);	/* its last 16 KiB */
	root_write_checked(0x10, 4, 0x20100000, true);	/* just after */
	root_write_checked(0x12, 2, 0xfe80, false);	/* by a word: its MMIO page */
	root_write_checked(0x10, 4, 0, true);		/* the comm region is no address */
	set32(0x18, 0x21000004);			/* BAR2/3: 64-bit, 16 MiB */
	set32(0x1c, 0);
	root_write_checked(0x1c, 4, 1, false);		/* 0x1_21000000: its RAM there */
	root_write_checked(0x1c, 4, 2, true);
	root_write_checked(0x18, 4, 0x20000004, true);	/* 0x2_20000000: nothing there */
	set32(0x18, 0x21000004);
	set32(0x1c, 0);
	root_write_checked(0x18, 4, 0x20000004, false);	/* 0x0_20000000: its RAM */
	assert_int_equal(cfg32(0x18), 0x21000004);
	cells[4] = NULL;				/* the cell gone: anywhere */
	root_write_checked(0x10, 4, 0x20000000, true);
}

/* The expansion ROM BAR (0x30), enabled, is a memory BAR of the size it reads back */
static void root_rom_bar_cannot_cover_a_cells_bar_or_memory(void **state)
{
	set32(0x30, 0xfd000000);			/* disabled */
	root_write_checked(0x30, 4, 0xfeb00001, false);	/* enabled onto the cell's BAR0 */
	assert_int_equal(cfg32(0x30), 0xfd000000);	/* restored after its sizing */
	root_write_checked(0x30, 4, 0xfeb04001, false);	/* 0xfeb00000 for a 32 KiB ROM */
	root_write_checked(0x30, 4, 0xfeb00000, true);	/* there, disabled: no decode */
	root_write_checked(0x30, 4, 0xfeb00001, false);	/* enabled there */
	root_write_checked(0x30, 4, 0xfeaf8001, true);	/* the 32 KiB below it: free */
	cells[4] = &mem_cell;
	root_write_checked(0x30, 4, 0x20000001, false);	/* over the cell mem's RAM */
	root_write_checked(0x32, 2, 0x2000, false);	/* by a word: 0x20008000, its RAM */
	cells[4] = NULL;
	root_write_checked(0x30, 4, 0x20000001, true);
}

/* A bridge not leading to the cell's device: its windows keep off what the cell has */
static void sibling_bridge_windows_keep_off_a_cells_decode(void **state)
{
	u32 before;

	memcpy(&bridge_cfg[0x18], &(u32){ 0x00030300 }, 4);	/* to bus 3 */
	memcpy(&bridge_cfg[0x1c], &(u32){ 0x000000f0 }, 4);	/* I/O closed */
	memcpy(&bridge_cfg[0x24], &(u32){ 0x0001fff1 }, 4);	/* 64-bit, closed */
	cells[2] = &uart_cell;
	cells[4] = &mem_cell;
	static const struct { u16 reg; unsigned int size; u32 v; bool ok; } w[] = {
		{ 0x20, 4, 0xfeb0feb0, false },		/* memory: the cell's BAR0 */
		{ 0x20, 4, 0xfea0fea0, true },		/* the MiB below it */
		{ 0x22, 2, 0xfeb0, false },		/* its limit raised over it */
		{ 0x20, 4, 0xfe80fe80, false },		/* the cell mem's MMIO page */
		{ 0x28, 4, 1, true },			/* upper halves: 1 and 1 */
		{ 0x2c, 4, 1, true },
		{ 0x24, 4, 0x21f12101, false },		/* 0x1_21000000: its RAM */
		{ 0x24, 4, 0x22f12201, true },
		{ 0x1c, 2, 0x0000, false },		/* I/O 0-0xfff: the UART */
		{ 0x1d, 1, 0x20, true },		/* base 0xf000 above limit 0x2fff: none */
		{ 0x1c, 2, 0x1010, true },		/* 0x1000-0x1fff */
		{ 0x1e, 2, 0xffff, true },		/* its secondary status */
	};

	for (unsigned int i = 0; i < sizeof(w) / sizeof(w[0]); i++) {
		before = bridge32(w[i].reg & ~3);
		reports = 0;
		root_bridge_write(w[i].reg, w[i].size, w[i].v);
		if (w[i].ok)
			assert_int_not_equal(bridge32(w[i].reg & ~3), before);
		else
			assert_int_equal(bridge32(w[i].reg & ~3), before);
		assert_int_equal(reports, !w[i].ok);
	}
	cells[2] = cells[4] = NULL;
	assert_int_equal(pci_cell_devices(&rt, false), 0);	/* destroyed: anywhere */
	root_bridge_write(0x20, 4, 0xfeb0feb0);
	assert_int_equal(bridge32(0x20), 0xfeb0feb0);
}

/* At create: no more INTx routes on the cell's pins than it has devices with INTx */
static void create_refused_with_a_root_route_on_the_cells_pin(void **state)
{
	cfg[0x0b] = 0x06, cfg[0x0a] = 0x01;	/* 00:01.0: an ISA bridge */
	set32(0x60, 0x80800b80);		/* PIRQB to IRQ 11 */
	rt.config = &rt_intx.desc;
	cells[rt.id] = &rt;			/* as cell_create() puts it, before its devices */
	dev2_cfg[0x3d] = 0;			/* 02:00.0 without INTx: B is another's */
	assert_int_equal(pci_cell_devices(&rt, true), -EBUSY);
	assert_non_null(strstr(status, "cell rt: the root's device 00:01.0: more of its INTx "
			       "routes (PIRQ) aim at the cell's IOAPIC pins"));
	assert_int_equal(pci_cell_devices(&rt, false), 0);
	dev2_cfg[0x3d] = 1;			/* with INTA: B may be its link */
	assert_int_equal(pci_cell_devices(&rt, true), 0);
	assert_int_equal(pci_cell_devices(&rt, false), 0);
	set32(0x60, 0x800b0b80);		/* C on 11 too: one is another's */
	assert_int_equal(pci_cell_devices(&rt, true), -EBUSY);
	assert_int_equal(pci_cell_devices(&rt, false), 0);
	set32(0x60, 0x8b0a0b0a);		/* D off, C to 10 */
	assert_int_equal(pci_cell_devices(&rt, true), 0);
	assert_int_equal(pci_cell_devices(&rt, false), 0);
	pci_cell_forget(&rt);
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
		cmocka_unit_test_setup(bridge_to_a_cells_device_takes_no_root_writes,
				       setup_behind),
		cmocka_unit_test_setup(bridge_cannot_be_numbered_onto_a_cells_device,
				       setup_behind),
		cmocka_unit_test_setup(unconfigured_bridge_is_the_roots, setup_cell),
		cmocka_unit_test_setup(root_bar_cannot_cover_a_cells_bar, setup_behind),
		cmocka_unit_test_setup(root_bar_rule_skips_upper_halves, setup_behind),
		cmocka_unit_test_setup(root_64bit_bar_cannot_cover_a_cells_bar_by_a_half,
				       setup_behind),
		cmocka_unit_test_setup(root_io_bar_cannot_cover_a_cells_ports, setup),
		cmocka_unit_test_setup(msix_write_straddling_into_the_table_is_refused, setup),
		cmocka_unit_test_setup(msix_qword_across_entries_is_refused, setup),
		cmocka_unit_test_setup(cell_msix_function_mask_toggled_around_writes,
				       setup_cell),
		cmocka_unit_test_setup(cell_enabled_msi_cannot_be_redirected, setup_cell),
		cmocka_unit_test_setup(cell_config_accesses_of_odd_sizes, setup_cell),
		cmocka_unit_test_setup(cell_64bit_bar_high_half_is_emulated, setup_cell),
		cmocka_unit_test_setup(bar_after_a_64bit_one_keeps_its_flags, setup_cell),
		cmocka_unit_test_setup(ports_below_the_data_port_reach_no_config_cycle,
				       setup_cell),
		cmocka_unit_test_setup(ports_answer_as_a_chipset, setup_cell),
		cmocka_unit_test_setup(mmconfig_takes_aligned_accesses_up_to_dwords, setup),
		cmocka_unit_test_setup(cell_msix_table_is_trapped_where_the_bar_is, setup_cell),
		cmocka_unit_test_setup(cell_region_over_an_msix_table_is_refused, setup),
		cmocka_unit_test_setup(host_bridge_registers_take_no_root_writes, setup),
		cmocka_unit_test_setup(isa_bridge_registers_take_no_root_writes, setup),
		cmocka_unit_test_setup(create_refused_under_a_root_bar, setup),
		cmocka_unit_test_setup(isa_bridge_routes_keep_off_a_cells_pins, setup),
		cmocka_unit_test_setup(root_bar_cannot_cover_a_cells_memory, setup),
		cmocka_unit_test_setup(root_rom_bar_cannot_cover_a_cells_bar_or_memory,
				       setup_behind),
		cmocka_unit_test_setup(sibling_bridge_windows_keep_off_a_cells_decode,
				       setup_behind),
		cmocka_unit_test_setup(create_refused_with_a_root_route_on_the_cells_pin, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
