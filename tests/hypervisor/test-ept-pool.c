// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the hypervisor's page pool, EPT builder and MSR bitmaps,
 * compiled for the host: hypervisor memory is simulated by an anonymous
 * mapping at the hypervisor's link address, so the code runs unchanged.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>
#include <cmocka.h>

#include "hv.h"
#include "vmx-cpu.h"

#define HV_PHYS		0x3d000000UL
#define HV_SIZE		(16UL << 20)
#define POOL_OFFSET	(1UL << 20)
#define SZ_2M		0x200000UL
#define EPT_ADDR	0x000ffffffffff000UL
#define RAM		(JH_MEM_READ | JH_MEM_WRITE | JH_MEM_EXECUTE)

struct jh_hv_boot boot;
struct per_cpu per_cpu[JH_MAX_CPUS];

static int setup(void **state)
{
	void *mem = mmap((void *)JH_HV_LINK_BASE, HV_SIZE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

	(void)state;
	if (mem != (void *)JH_HV_LINK_BASE)
		return -1;
	boot.phys_base = HV_PHYS;
	boot.mem_size = HV_SIZE;
	boot.pool_offset = POOL_OFFSET;
	pool_init();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return munmap((void *)JH_HV_LINK_BASE, HV_SIZE);
}

/* Translates gpa through the EPT; returns ~0 if unmapped, *leaf the entry */
static uint64_t ept_walk(const uint64_t *root, uint64_t gpa, uint64_t *leaf)
{
	const uint64_t *table = root;
	uint64_t e;
	int l;

	for (l = 4; l >= 1; l--) {
		e = table[(gpa >> (12 + 9 * (l - 1))) & 511];
		if (!(e & 7))
			return ~0UL;
		if (l == 2 && (e & 0x80)) {
			*leaf = e;
			return (e & EPT_ADDR & ~(SZ_2M - 1)) | (gpa & (SZ_2M - 1));
		}
		if (l == 1) {
			*leaf = e;
			return (e & EPT_ADDR) | (gpa & 0xfff);
		}
		table = hv_phys_to_virt(e & EPT_ADDR);
	}
	return ~0UL;
}

static void test_pool_alloc_free(void **state)
{
	uint8_t *a, *b, *c;

	(void)state;
	pool_init();
	assert_int_equal(pool_size(), HV_SIZE - POOL_OFFSET);
	a = page_alloc(1);
	b = page_alloc(2);
	assert_non_null(a);
	assert_non_null(b);
	assert_ptr_not_equal(a, b);
	assert_int_equal(pool_used(), 3 * PAGE_SIZE);
	assert_int_equal(hv_virt_to_phys(a), HV_PHYS + POOL_OFFSET);
	a[100] = 0x55;
	page_free(a, 1);
	c = page_alloc(1);
	assert_ptr_equal(c, a);		/* first fit reuses the hole */
	assert_int_equal(c[100], 0);	/* and hands it out zeroed */
	assert_int_equal(pool_used(), 3 * PAGE_SIZE);
}

static void test_pool_exhaustion(void **state)
{
	uint64_t pages = (HV_SIZE - POOL_OFFSET) / PAGE_SIZE;

	(void)state;
	pool_init();
	assert_non_null(page_alloc(pages - 1));
	assert_null(page_alloc(2));
	assert_non_null(page_alloc(1));
	assert_null(page_alloc(1));
	assert_int_equal(pool_used(), pool_size());
}

static void test_ept_small_and_large_pages(void **state)
{
	uint64_t *root, leaf;

	(void)state;
	pool_init();
	root = page_alloc(1);
	assert_int_equal(gpa_map(root, 0, 0, 0xa0000, RAM), 0);
	assert_int_equal(gpa_map(root, 0x100000, 0x100000, 0x3cf00000, RAM), 0);
	/* 4 KiB pages below 1 MiB, write-back, RWX */
	assert_int_equal(ept_walk(root, 0x9f123, &leaf), 0x9f123);
	assert_int_equal(leaf & 0x3f, 7 | (6 << 3));
	assert_int_equal(ept_walk(root, 0xa0000, &leaf), ~0UL);
	/* the unaligned start of the big region: 4 KiB, then 2 MiB pages */
	assert_int_equal(ept_walk(root, 0x150000, &leaf), 0x150000);
	assert_false(leaf & 0x80);
	assert_int_equal(ept_walk(root, 0x20001234, &leaf), 0x20001234);
	assert_true(leaf & 0x80);
	assert_int_equal(ept_walk(root, 0x3cffffff, &leaf), 0x3cffffff);
	assert_int_equal(ept_walk(root, 0x3d000000, &leaf), ~0UL);
}

static void test_ept_remap_and_flags(void **state)
{
	uint64_t *root, leaf;

	(void)state;
	pool_init();
	root = page_alloc(1);
	/* guest-physical 0 of a cell backed by 0x3e000000, and an MMIO page */
	assert_int_equal(gpa_map(root, 0, 0x3e000000, 0x400000, RAM), 0);
	assert_int_equal(gpa_map(root, 0xfed00000, 0xfed00000, 0x1000,
					JH_MEM_READ | JH_MEM_WRITE | JH_MEM_IO), 0);
	assert_int_equal(gpa_map(root, 0x400000, 0x3e800000, 0x1000,
					JH_MEM_READ), 0);
	/* overlaps, inside a 2 MiB page and on a 4 KiB page: refused */
	assert_int_equal(gpa_map(root, 0x100000, 0x100000, 0x1000, RAM),
			 -EEXIST);
	assert_int_equal(gpa_map(root, 0x400000, 0x400000, 0x1000, RAM),
			 -EEXIST);
	assert_int_equal(ept_walk(root, 0x1234, &leaf), 0x3e001234);
	assert_int_equal(ept_walk(root, 0xfed00010, &leaf), 0xfed00010);
	assert_int_equal(leaf & 0x3f, 3);		/* RW, uncached */
	assert_int_equal(ept_walk(root, 0x100000, &leaf), 0x3e100000);
	assert_int_equal(ept_walk(root, 0x400000, &leaf), 0x3e800000);
	assert_int_equal(leaf & 7, 1);			/* read only */
}

static void test_ept_refuses(void **state)
{
	uint64_t *root;

	(void)state;
	pool_init();
	root = page_alloc(1);
	assert_int_equal(gpa_map(root, 0x1000, 0x1000, 0x800, RAM), -EINVAL);
	assert_int_equal(gpa_map(root, 0x1800, 0x1000, 0x1000, RAM), -EINVAL);
	/* out of pool pages: an error, not a crash */
	while (page_alloc(1))
		;
	assert_int_equal(gpa_map(root, 0x80000000, 0x80000000, 0x1000, RAM),
			 -ENOMEM);
}

/* The Bochs root cell's RAM for cells: 0x3e000000, 16 MiB in 2 MiB pages */
static uint64_t *root_with_cell_ram(void)
{
	uint64_t *root = page_alloc(1);

	assert_non_null(root);
	assert_int_equal(gpa_map(root, 0x3e000000, 0x3e000000, 0x1000000,
					RAM), 0);
	return root;
}

/* rt.cell takes 0x3e000000+1M and 0x3e101000+0x2ff000 from the root */
static void test_ept_take_and_give_back(void **state)
{
	uint64_t *root, leaf, used;

	(void)state;
	pool_init();
	root = root_with_cell_ram();
	used = pool_used();
	assert_int_equal(gpa_unmap(root, 0x3e000000, 0x100000), 0);
	assert_int_equal(gpa_unmap(root, 0x3e101000, 0x2ff000), 0);
	assert_int_equal(ept_walk(root, 0x3e000000, &leaf), ~0UL);
	assert_int_equal(ept_walk(root, 0x3e0ff123, &leaf), ~0UL);
	assert_int_equal(ept_walk(root, 0x3e3ff000, &leaf), ~0UL);
	/* the page between the two, and the next 2 MiB page, stay */
	assert_int_equal(ept_walk(root, 0x3e100010, &leaf), 0x3e100010);
	assert_false(leaf & 0x80);
	assert_int_equal(ept_walk(root, 0x3e400000, &leaf), 0x3e400000);
	assert_true(leaf & 0x80);
	/* one split table for the first 2 MiB; the second went whole */
	assert_int_equal(pool_used(), used + 4096);

	assert_int_equal(gpa_restore(root, 0x3e000000, 0x3e000000, 0x100000,
					    RAM), 0);
	assert_int_equal(gpa_restore(root, 0x3e101000, 0x3e101000, 0x2ff000,
					    RAM), 0);
	assert_int_equal(ept_walk(root, 0x3e0ff123, &leaf), 0x3e0ff123);
	assert_true(leaf & 0x80);
	assert_int_equal(ept_walk(root, 0x3e3ff000, &leaf), 0x3e3ff000);
	assert_true(leaf & 0x80);
	assert_int_equal(leaf & 0x3f, 7 | (6 << 3));
	assert_int_equal(pool_used(), used);
	/* giving back what the root has already changes nothing */
	assert_int_equal(gpa_restore(root, 0x3e000000, 0x3e000000, 0x400000,
					    RAM), 0);
	assert_int_equal(pool_used(), used);
}

/* A whole 2 MiB page comes back even with the pool exhausted */
static void test_ept_give_back_without_memory(void **state)
{
	uint64_t *root, leaf;

	(void)state;
	pool_init();
	root = root_with_cell_ram();
	assert_int_equal(gpa_unmap(root, 0x3e200000, 0x400000), 0);
	while (page_alloc(1))
		;
	assert_int_equal(gpa_unmap(root, 0x3e000000, 0x1000), -ENOMEM);
	assert_int_equal(ept_walk(root, 0x3e000000, &leaf), 0x3e000000);
	assert_int_equal(gpa_restore(root, 0x3e200000, 0x3e200000, 0x400000,
					    RAM), 0);
	assert_int_equal(ept_walk(root, 0x3e5fffff, &leaf), 0x3e5fffff);
}

/* A cell's EPT, freed, returns every table to the pool */
static void test_ept_free(void **state)
{
	uint64_t *root, used;

	(void)state;
	pool_init();
	used = pool_used();
	root = page_alloc(1);
	assert_int_equal(gpa_map(root, 0, 0x3e000000, 0x100000, RAM), 0);
	assert_int_equal(gpa_map(root, 0x100000, 0x3d800000, 0x1000, RAM), 0);
	assert_int_equal(gpa_map(root, 0x101000, 0x3e101000, 0x2ff000, RAM), 0);
	assert_int_equal(gpa_map(root, 0xfee00000, 0xfee00000, 0x1000,
					JH_MEM_READ | JH_MEM_IO), 0);
	assert_true(pool_used() > used + 4 * 4096);
	gpa_free(root);
	assert_int_equal(pool_used(), used);
}

/* 1 if an access exits: read bitmap at 0 / 1024 (high MSRs), writes + 2048 */
static int msr_traps(const uint8_t *bitmap, uint32_t msr, bool write)
{
	unsigned int off = (msr & 0x1fff) / 8 + (msr >= 0xc0000000 ? 1024 : 0);

	return (bitmap[off + (write ? 2048 : 0)] >> (msr % 8)) & 1;
}

static void test_cell_msr_bitmap(void **state)
{
	static uint8_t bitmap[4096];
	uint32_t msr;

	(void)state;
	cell_msr_bitmap_init(bitmap);
	/* the cell's x2APIC, but ICR writes (kept inside the cell) */
	for (msr = 0x802; msr <= 0x83f; msr++) {
		assert_int_equal(msr_traps(bitmap, msr, false), 0);
		assert_int_equal(msr_traps(bitmap, msr, true), msr == 0x830);
	}
	/* APIC base: read only; TSC deadline, EFER, GS bases, SYSCALL pass */
	assert_int_equal(msr_traps(bitmap, 0x1b, false), 0);
	assert_int_equal(msr_traps(bitmap, 0x1b, true), 1);
	for (msr = 0xc0000080; msr <= 0xc0000084; msr++)
		assert_int_equal(msr_traps(bitmap, msr, true), 0);
	assert_int_equal(msr_traps(bitmap, 0x6e0, true), 0);
	assert_int_equal(msr_traps(bitmap, 0xc0000102, false), 0);
	/* everything else traps: VMX, MTRRs, FEATURE_CONTROL, unknown MSRs */
	assert_int_equal(msr_traps(bitmap, 0x480, false), 1);
	assert_int_equal(msr_traps(bitmap, 0x2ff, true), 1);
	assert_int_equal(msr_traps(bitmap, 0x3a, true), 1);
	assert_int_equal(msr_traps(bitmap, 0x1a0, false), 1);
	assert_int_equal(msr_traps(bitmap, 0xc0010000, true), 1);
}

/* MSR, reads trap, writes trap: the root's allow-list (msr-bitmap.c) */
static const struct { uint32_t msr; int read, write; } root_policy[] = {
	{ 0x480, 1, 1 }, { 0x491, 1, 1 },		/* VMX hidden */
	{ 0x830, 0, 1 }, { 0x808, 0, 0 },		/* ICR filtered, x2APIC */
	{ 0x01b, 0, 1 }, { 0x277, 0, 1 },		/* APIC base, PAT: checked */
	{ 0x200, 0, 1 }, { 0x20f, 0, 1 }, { 0x2ff, 0, 1 },	/* MTRRs: checked */
	{ 0x250, 0, 1 }, { 0x26f, 0, 1 },
	{ 0xda0, 0, 1 },				/* XSS: checked */
	{ 0x280, 0, 0 }, { 0x29f, 0, 0 },		/* CMCI: the root's */
	{ 0x400, 0, 0 }, { 0x47f, 0, 0 },		/* MC banks */
	{ 0x560, 1, 1 }, { 0x561, 1, 1 }, { 0x570, 1, 1 },	/* Intel PT */
	{ 0x571, 1, 1 }, { 0x572, 1, 1 }, { 0x580, 1, 1 }, { 0x587, 1, 1 },
	{ 0x079, 1, 1 }, { 0x08b, 0, 0 },		/* microcode update, rev */
	{ 0x610, 1, 1 }, { 0x611, 0, 1 }, { 0x606, 0, 1 },	/* RAPL */
	{ 0x618, 1, 1 }, { 0x638, 1, 1 }, { 0x640, 1, 1 },
	{ 0x199, 0, 1 }, { 0x198, 0, 1 }, { 0x1a0, 0, 1 },	/* P-states, misc */
	{ 0x0e2, 0, 1 }, { 0x1fc, 1, 1 }, { 0x772, 1, 1 }, { 0x770, 1, 1 },
	{ 0x774, 0, 0 },				/* HWP request: own thread */
	{ 0x700, 1, 1 }, { 0x7ff, 1, 1 }, { 0xe01, 1, 1 },	/* uncore */
	{ 0xc8f, 1, 1 }, { 0xc90, 1, 1 }, { 0xd8f, 1, 1 },	/* CAT */
	{ 0x3f1, 0, 1 },				/* PEBS off */
	{ 0x09b, 1, 1 }, { 0x09e, 1, 1 }, { 0x1f2, 1, 1 },	/* SMM */
	{ 0x08c, 1, 1 },				/* SGX launch hashes */
	{ 0x1900, 1, 1 }, { 0x1640, 1, 1 }, { 0xc0010000, 1, 1 },		/* unknown */
	{ 0x010, 0, 0 }, { 0x03b, 0, 0 }, { 0x6e0, 0, 0 },	/* time */
	{ 0x048, 0, 0 }, { 0x049, 0, 0 }, { 0x10b, 0, 0 },	/* mitigations */
	{ 0x174, 0, 0 }, { 0x176, 0, 0 }, { 0x1d9, 0, 0 },
	{ 0x0c1, 0, 0 }, { 0x186, 0, 0 }, { 0x309, 0, 0 }, { 0x38f, 0, 0 },
	{ 0x19c, 0, 0 }, { 0x1b1, 0, 0 },		/* thermal */
	{ 0xc0000080, 0, 0 }, { 0xc0000084, 0, 0 }, { 0xc0000102, 0, 0 },
	{ 0xc0000103, 0, 0 }, { 0xc0000104, 1, 1 },
};

static void test_root_msr_bitmap(void **state)
{
	static uint8_t bitmap[4096];
	unsigned int i;

	(void)state;
	root_msr_bitmap_init(bitmap);
	for (i = 0; i < sizeof(root_policy) / sizeof(root_policy[0]); i++) {
		if (msr_traps(bitmap, root_policy[i].msr, false) != root_policy[i].read ||
		    msr_traps(bitmap, root_policy[i].msr, true) != root_policy[i].write)
			fail_msg("MSR 0x%x: reads %s, writes %s; want %s, %s",
				 root_policy[i].msr,
				 msr_traps(bitmap, root_policy[i].msr, false) ? "trap" : "pass",
				 msr_traps(bitmap, root_policy[i].msr, true) ? "trap" : "pass",
				 root_policy[i].read ? "trap" : "pass",
				 root_policy[i].write ? "trap" : "pass");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pool_alloc_free),
		cmocka_unit_test(test_pool_exhaustion),
		cmocka_unit_test(test_ept_small_and_large_pages),
		cmocka_unit_test(test_ept_remap_and_flags),
		cmocka_unit_test(test_ept_refuses),
		cmocka_unit_test(test_ept_take_and_give_back),
		cmocka_unit_test(test_ept_give_back_without_memory),
		cmocka_unit_test(test_ept_free),
		cmocka_unit_test(test_cell_msr_bitmap),
		cmocka_unit_test(test_root_msr_bitmap),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
