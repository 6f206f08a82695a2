// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the hypervisor's page pool (scrubbed and deferred frees),
 * the one page-table walker, the EPT builder and MSR bitmaps, compiled for
 * the host: hypervisor memory is simulated by an anonymous
 * mapping at the hypervisor's link address, so the code runs unchanged.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <cmocka.h>

#include "hv.h"
#include "paging.h"
#include "vmx-cpu.h"

#define HV_PHYS		0x3d000000UL
#define HV_SIZE		(16UL << 20)
#define POOL_OFFSET	(1UL << 20)
#define SZ_2M		0x200000UL
#define EPT_ADDR	0x000ffffffffff000UL
#define RAM		(JH_MEM_READ | JH_MEM_WRITE | JH_MEM_EXECUTE)

struct jh_hv_boot boot;
u8 __boot_end[1];		/* jh.lds gives it in the image */
struct per_cpu per_cpu[JH_MAX_CPUS];
const struct jh_system *sys_config;

/* what core/cell-root.c calls besides the pool and the EPT */
static char last_status[512];

int set_status(int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last_status, sizeof(last_status), fmt, ap);
	va_end(ap);
	return err;
}

void printk(const char *fmt, ...)
{
	(void)fmt;
}

int vcpu_cell_init(struct cell *cell)
{
	return 0;
}

void vcpu_cell_ports(struct cell *cell, u32 port, u32 len, bool allow)
{
}

int mmio_trap_root(struct cell *root)
{
	return 0;
}

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
	/*
	 * the merged table is not free yet: a CPU may cache it until the
	 * flush. It still maps what the 2 MiB leaf maps, and nobody gets it.
	 */
	assert_int_equal(pool_used(), used + 4096);
	pool_release_deferred();
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

/* A freed page is zeroed at once: nothing reaches its next user */
static void test_pool_free_scrubs(void **state)
{
	uint8_t *a;

	(void)state;
	pool_init();
	a = page_alloc(2);
	memset(a, 0xa5, 2 * PAGE_SIZE);
	page_free(a, 2);
	assert_int_equal(a[0], 0);
	assert_int_equal(a[2 * PAGE_SIZE - 1], 0);
	assert_int_equal(pool_used(), 0);
}

/* A deferred page stays used and intact until the release, then is zeroed */
static void test_pool_deferred_free(void **state)
{
	uint64_t *table, *b;

	(void)state;
	pool_init();
	table = page_alloc(1);
	table[5] = 0x3e000007;
	page_free_deferred(table, 1);
	assert_int_equal(pool_used(), PAGE_SIZE);
	b = page_alloc(1);
	assert_ptr_not_equal(b, table);		/* not handed out again */
	assert_int_equal(table[5], 0x3e000007);	/* a stale walker still sees it */
	pool_release_deferred();
	assert_int_equal(pool_used(), PAGE_SIZE);	/* only b */
	assert_int_equal(table[5], 0);
	assert_ptr_equal(page_alloc(1), table);
	pool_release_deferred();		/* nothing deferred: no change */
	assert_int_equal(pool_used(), 2 * PAGE_SIZE);
}

static uint64_t *no_table(void *ctx, uint64_t phys)
{
	(void)ctx;
	(void)phys;
	return NULL;
}

/* The walker: the level where a walk ends, holes, leaves, alloc */
static void test_paging_walk(void **state)
{
	static const struct jh_paging fmt = {
		.present = 7, .table_bits = 7, .large_levels = 1 << 2,
		.table = paging_hv_table, .alloc = paging_pool_alloc,
	};
	struct jh_paging unreachable = fmt;
	uint64_t *root, *e, used;
	unsigned int level;

	(void)state;
	pool_init();
	root = page_alloc(1);
	/* an empty tree: the walk ends at the level-4 hole */
	level = 1;
	e = jh_paging_walk(&fmt, NULL, root, 0x3e001000, &level, false);
	assert_int_equal(level, 4);
	assert_ptr_equal(e, &root[0]);
	assert_int_equal(*e, 0);
	/* alloc builds the tables down to the level asked for */
	used = pool_used();
	level = 1;
	e = jh_paging_walk(&fmt, NULL, root, 0x3e001000, &level, true);
	assert_int_equal(level, 1);
	assert_int_equal(pool_used(), used + 3 * PAGE_SIZE);
	*e = 0x3e001000 | 7;
	/* a 2 MiB leaf ends a walk for level 1 at level 2 */
	assert_int_equal(gpa_map(root, 0x3e200000, 0x3e200000, 0x200000, RAM), 0);
	level = 1;
	e = jh_paging_walk(&fmt, NULL, root, 0x3e212345, &level, false);
	assert_int_equal(level, 2);
	assert_true(*e & JH_PAGING_PS);
	assert_int_equal(jh_paging_addr(*e, level, 0x3e212345), 0x3e212345);
	/* a hole at level 2 next to a table */
	level = 1;
	e = jh_paging_walk(&fmt, NULL, root, 0x3e400000, &level, false);
	assert_int_equal(level, 2);
	assert_int_equal(*e, 0);
	/* a table the format cannot reach ends the walk with NULL */
	unreachable.table = no_table;
	level = 1;
	assert_null(jh_paging_walk(&unreachable, NULL, root, 0x3e001000, &level, false));
	/* bit 7 means nothing where the format has no large pages */
	unreachable = fmt;
	unreachable.large_levels = 0;
	level = 2;
	e = jh_paging_walk(&unreachable, NULL, root, 0x3e001000, &level, false);
	assert_int_equal(level, 2);
}

/* gpa_to_hpa: the access asked for, RAM only, 48-bit guest-physical */
static void test_gpa_to_hpa_access(void **state)
{
	uint64_t *root;

	(void)state;
	pool_init();
	root = page_alloc(1);
	assert_int_equal(gpa_map(root, 0, 0x3e000000, 0x200000, RAM), 0);
	assert_int_equal(gpa_map(root, 0x200000, 0x3e800000, 0x1000, JH_MEM_READ), 0);
	assert_int_equal(gpa_map(root, 0xfed00000, 0xfed00000, 0x1000,
				 JH_MEM_READ | JH_MEM_WRITE | JH_MEM_IO), 0);
	assert_int_equal(gpa_to_hpa(root, 0x1234, JH_MEM_WRITE), 0x3e001234);
	assert_int_equal(gpa_to_hpa(root, 0x200010, JH_MEM_READ), 0x3e800010);
	assert_int_equal(gpa_to_hpa(root, 0x200010, JH_MEM_WRITE), ~0UL);
	assert_int_equal(gpa_to_hpa(root, 0x201000, JH_MEM_READ), ~0UL);
	/* device memory: never touched by the hypervisor for a guest */
	assert_int_equal(gpa_to_hpa(root, 0xfed00000, JH_MEM_READ), ~0UL);
	/* bits above 47 would alias guest-physical 0 in a 4-level walk */
	assert_int_equal(gpa_to_hpa(root, 1UL << 48, JH_MEM_READ), ~0UL);
	assert_int_equal(gpa_to_hpa(root, 0xffff800000001000UL, JH_MEM_READ), ~0UL);
	assert_int_equal(gpa_map(root, 0xfffffffff000UL, 0x3e000000, 0x2000, RAM),
			 -EINVAL);
	assert_int_equal(gpa_map(root, 0x400000, 1UL << 48, 0x1000, RAM), -EINVAL);
}

/* The Bochs root's cell RAM and rt.cell, in the direct map */
#define CELL_RAM	0x3e000000UL
#define CELL_RAM_SIZE	0x1000000UL

static struct {
	struct jh_cell_desc cell;
	struct jh_memory mem[1];
} JH_PACKED root_cfg = {
	.cell = { .name = "root", .num_memory_regions = 1 },
	.mem = { { .phys_start = CELL_RAM, .virt_start = CELL_RAM,
		   .size = CELL_RAM_SIZE, .flags = RAM } },
};

static struct {
	struct jh_cell_desc cell;
	struct jh_memory mem[3];
} JH_PACKED rt_cfg = {
	.cell = { .name = "rt", .num_memory_regions = 3 },
	.mem = {
		{ .phys_start = CELL_RAM, .virt_start = 0, .size = 0x100000,
		  .flags = RAM | JH_MEM_LOADABLE },
		{ .phys_start = 0, .virt_start = 0x100000, .size = 0x1000,
		  .flags = JH_MEM_READ | JH_MEM_WRITE | JH_MEM_COMM_REGION },
		{ .phys_start = CELL_RAM + 0x101000, .virt_start = 0x101000,
		  .size = 0x2ff000, .flags = RAM },
	},
};

static struct cell rt = { .config = &rt_cfg.cell };

static uint8_t *ram(uint64_t phys)
{
	return direct_map(phys);
}

static int root_setup(void **state)
{
	void *m = mmap(direct_map(CELL_RAM), CELL_RAM_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

	(void)state;
	if (m != direct_map(CELL_RAM))
		return -1;
	boot.direct_map_size = 4UL << 30;
	pool_init();
	root_cell.config = &root_cfg.cell;
	root_cell.gpa_root = page_alloc(1);
	return gpa_map(root_cell.gpa_root, CELL_RAM, CELL_RAM, CELL_RAM_SIZE, RAM);
}

static int root_teardown(void **state)
{
	(void)state;
	return munmap(direct_map(CELL_RAM), CELL_RAM_SIZE);
}

/*
 * Hypercall buffers go through the root's current EPT: once rt has taken
 * its RAM, a buffer there (or partly there) is refused before a byte
 * moves; the page the root kept between rt's regions still works.
 */
static void test_root_copy(void **state)
{
	uint8_t buf[656], back[656];
	uint64_t used = pool_used();

	(void)state;
	memset(buf, 0x11, sizeof(buf));
	assert_int_equal(root_copy(CELL_RAM + 0x300000, buf, sizeof(buf), true), 0);
	assert_int_equal(ram(CELL_RAM + 0x300000)[655], 0x11);
	assert_int_equal(cell_take_from_root(&rt, false), 0);
	memset(ram(CELL_RAM + 0x300000), 0xc5, 0x1000);
	memset(ram(CELL_RAM + 0x100000), 0x77, 0x1000);
	memset(buf, 0x22, sizeof(buf));
	/* into the cell; across the root's page into the cell's next one */
	assert_int_equal(root_copy(CELL_RAM + 0x300000, buf, sizeof(buf), true), -EINVAL);
	assert_int_equal(ram(CELL_RAM + 0x300000)[0], 0xc5);
	assert_int_equal(root_copy(CELL_RAM + 0x100fc0, buf, sizeof(buf), true), -EINVAL);
	assert_int_equal(ram(CELL_RAM + 0x100fc0)[0], 0x77);
	/* a config read out of the cell's RAM */
	assert_int_equal(root_copy(CELL_RAM + 0x300000, back, sizeof(back), false), -EINVAL);
	/* the root's own page, and an address that would wrap */
	assert_int_equal(root_copy(CELL_RAM + 0x100100, buf, sizeof(buf), true), 0);
	assert_int_equal(ram(CELL_RAM + 0x100100)[0], 0x22);
	assert_int_equal(root_copy(~0UL - 0x100, buf, sizeof(buf), true), -EINVAL);
	assert_int_equal(root_copy(CELL_RAM + 0x100100, back, sizeof(back), false), 0);
	assert_memory_equal(back, buf, sizeof(buf));

	assert_int_equal(cell_return_to_root(&rt, false), 0);
	pool_release_deferred();
	assert_int_equal(pool_used(), used);
	assert_int_equal(root_copy(CELL_RAM + 0x300000, buf, sizeof(buf), true), 0);
}

/* Scrub: the cell's taken RAM, not the root's page, not the comm region */
static void test_cell_scrub(void **state)
{
	(void)state;
	memset(ram(CELL_RAM), 0xa5, 0x401000);
	assert_int_equal(cell_scrub(&rt, true), 0);	/* loadable: region 0 */
	assert_int_equal(ram(CELL_RAM)[0], 0);
	assert_int_equal(ram(CELL_RAM + 0xfffff)[0], 0);
	assert_int_equal(ram(CELL_RAM + 0x101000)[0], 0xa5);
	assert_int_equal(cell_scrub(&rt, false), 0);
	assert_int_equal(ram(CELL_RAM + 0x101000)[0], 0);
	assert_int_equal(ram(CELL_RAM + 0x3fffff)[0], 0);
	assert_int_equal(ram(CELL_RAM + 0x100000)[0], 0xa5);	/* the root's */
	assert_int_equal(ram(CELL_RAM + 0x400000)[0], 0xa5);
	/* a read-only view, not loadable, carries nothing either way: kept */
	{
		static struct {
			struct jh_cell_desc cell;
			struct jh_memory mem[1];
		} JH_PACKED ro = {
			.cell = { .name = "ro", .num_memory_regions = 1 },
			.mem = { { .phys_start = CELL_RAM + 0x400000, .virt_start = 0,
				   .size = 0x1000, .flags = JH_MEM_READ } },
		};
		struct cell view = { .config = &ro.cell };

		assert_int_equal(cell_scrub(&view, false), 0);
		assert_int_equal(ram(CELL_RAM + 0x400000)[0], 0xa5);
	}
	/* RAM the hypervisor cannot reach is refused, not skipped */
	boot.direct_map_size = CELL_RAM + 0x200000;
	assert_int_equal(cell_scrub(&rt, false), -EINVAL);
	assert_non_null(strstr(last_status, "memory[2]"));
	boot.direct_map_size = 4UL << 30;
}

/*
 * A take that runs out of pool half-way gives back what it took: the
 * root's EPT maps all its RAM again, and once the merged tables are
 * released, pool use is where it was.
 */
static void test_take_rolls_back(void **state)
{
	static struct {
		struct jh_cell_desc cell;
		struct jh_memory mem[2];
	} JH_PACKED two = {
		.cell = { .name = "two", .num_memory_regions = 2 },
		.mem = {
			{ .phys_start = CELL_RAM, .virt_start = 0, .size = 0x1000,
			  .flags = RAM },
			{ .phys_start = CELL_RAM + 0x600000, .virt_start = 0x1000,
			  .size = 0x1000, .flags = RAM },
		},
	};
	struct cell cell = { .config = &two.cell };
	uint64_t used, leaf, a, hog_pages;
	void *hog;

	(void)state;
	used = pool_used();
	/* room for one split: memory[0] splits its 2 MiB page, memory[1] cannot */
	hog_pages = (pool_size() - used) / PAGE_SIZE - 1;
	hog = page_alloc(hog_pages);
	assert_non_null(hog);
	assert_int_equal(cell_take_from_root(&cell, false), -ENOMEM);
	assert_non_null(strstr(last_status, "memory[1]"));
	for (a = CELL_RAM; a < CELL_RAM + CELL_RAM_SIZE; a += PAGE_SIZE)
		assert_int_equal(ept_walk(root_cell.gpa_root, a, &leaf), a);
	assert_true(leaf & 0x80);		/* merged back into 2 MiB pages */
	assert_int_equal(pool_used(), pool_size());	/* until the flush */
	pool_release_deferred();
	page_free(hog, hog_pages);
	assert_int_equal(pool_used(), used);
	/* with memory, the same take and its return leave the pool exact */
	assert_int_equal(cell_take_from_root(&cell, false), 0);
	assert_int_equal(ept_walk(root_cell.gpa_root, CELL_RAM + 0x600000, &leaf), ~0UL);
	assert_int_equal(cell_return_to_root(&cell, false), 0);
	pool_release_deferred();
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
	/* the cell's x2APIC, but ICR (kept inside the cell) and SVR writes */
	for (msr = 0x802; msr <= 0x83f; msr++) {
		assert_int_equal(msr_traps(bitmap, msr, false), 0);
		assert_int_equal(msr_traps(bitmap, msr, true),
				 msr == 0x830 || msr == 0x80f);
	}
	/* SYSENTER: switched by VMX; speculation controls, microcode revision */
	for (msr = 0x174; msr <= 0x176; msr++)
		assert_int_equal(msr_traps(bitmap, msr, true), 0);
	assert_int_equal(msr_traps(bitmap, 0x48, true), 0);
	assert_int_equal(msr_traps(bitmap, 0x49, true), 0);
	assert_int_equal(msr_traps(bitmap, 0x8b, true), 0);
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
	assert_int_equal(msr_traps(bitmap, 0x1a0, false), 0);	/* MISC_ENABLE: read */
	assert_int_equal(msr_traps(bitmap, 0x1a0, true), 1);
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
	/* uncore boxes: trapped, the root's writes dropped; nothing else */
	assert_true(root_msr_write_ignored(0xa40));
	assert_true(root_msr_write_ignored(0xe01));
	assert_true(root_msr_write_ignored(0x700));
	assert_false(root_msr_write_ignored(0x770));	/* HWP */
	assert_false(root_msr_write_ignored(0xc80));	/* debug interface */
	assert_false(root_msr_write_ignored(0xc8f));	/* PQR_ASSOC */
	assert_false(root_msr_write_ignored(0xc90));	/* CAT masks */
	assert_false(root_msr_write_ignored(0x079));	/* microcode */
	assert_false(root_msr_write_ignored(0x1a0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pool_alloc_free),
		cmocka_unit_test(test_pool_exhaustion),
		cmocka_unit_test(test_pool_free_scrubs),
		cmocka_unit_test(test_pool_deferred_free),
		cmocka_unit_test(test_paging_walk),
		cmocka_unit_test(test_gpa_to_hpa_access),
		cmocka_unit_test(test_ept_small_and_large_pages),
		cmocka_unit_test(test_ept_remap_and_flags),
		cmocka_unit_test(test_ept_refuses),
		cmocka_unit_test(test_ept_take_and_give_back),
		cmocka_unit_test(test_ept_give_back_without_memory),
		cmocka_unit_test(test_ept_free),
		cmocka_unit_test(test_cell_msr_bitmap),
		cmocka_unit_test(test_root_msr_bitmap),
	};

	const struct CMUnitTest root_memory[] = {
		cmocka_unit_test(test_root_copy),
		cmocka_unit_test(test_cell_scrub),
		cmocka_unit_test(test_take_rolls_back),
	};
	int fails;

	fails = cmocka_run_group_tests(tests, setup, NULL);
	fails += cmocka_run_group_tests_name("root-memory", root_memory, root_setup,
					     root_teardown);
	return fails || teardown(NULL) ? 1 : 0;
}
