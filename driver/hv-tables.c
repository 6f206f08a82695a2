// SPDX-License-Identifier: GPL-2.0
/*
 * The hypervisor's first page tables, built by the driver in hypervisor
 * memory (layout in include/jh/hv-boot.h): the image at its link address,
 * a direct map of physical memory, and the trampoline at its Linux address,
 * with the walker the hypervisor uses too (include/jh/paging.h). The
 * hypervisor keeps using them; its pool starts after them.
 */
#include <linux/mm.h>
#include <linux/sizes.h>
#include <linux/vmalloc.h>

#include <jh/config-walk.h>
#include <jh/paging.h>

#include "host-check.h"
#include "jh-driver.h"

#define PTE_P		(1ULL << 0)
#define PTE_RW		(1ULL << 1)
#define PTE_PS		JH_PAGING_PS
#define PTE_NX		(1ULL << 63)

struct jh_tables {
	u64 *base;		/* Linux address of the first table page */
	u64 phys;		/* its physical address */
	unsigned int used, max;	/* pages */
};

static u64 *jh_table_alloc(struct jh_tables *t, u64 *phys)
{
	u64 *page;

	if (t->used == t->max)
		return NULL;
	page = t->base + t->used * 512;
	*phys = t->phys + (u64)t->used * PAGE_SIZE;
	t->used++;
	memset(page, 0, PAGE_SIZE);
	return page;
}

static u64 *jh_tables_table(void *ctx, u64 phys)
{
	struct jh_tables *t = ctx;

	return t->base + (phys - t->phys) / 8;
}

static u64 *jh_tables_alloc(void *ctx, u64 *phys)
{
	return jh_table_alloc(ctx, phys);
}

/* The hypervisor's IA-32e tables, walked by the one walker (jh/paging.h) */
static const struct jh_paging jh_host_paging = {
	.present = PTE_P,
	.table_bits = PTE_P | PTE_RW,
	.large_levels = 1 << 2 | 1 << 3,
	.table = jh_tables_table,
	.alloc = jh_tables_alloc,
};

/* Maps one page of 4K, 2M (level 2) or 1G (level 3) */
static int jh_map(struct jh_tables *t, u64 virt, u64 phys, unsigned int level,
		  u64 flags)
{
	unsigned int at = level;
	u64 *entry = jh_paging_walk(&jh_host_paging, t, t->base, virt, &at, true);

	if (!entry)
		return -ENOMEM;
	if (at != level || (*entry & PTE_P))
		return -EEXIST;		/* the layout never overlaps itself */
	*entry = phys | flags | PTE_P | (level > 1 ? PTE_PS : 0);
	return 0;
}

static u64 jh_direct_map_size(const struct jh_system *sys)
{
	const struct jh_cell_desc *root = jh_sys_root_cell(sys);
	const struct jh_memory *mem = jh_cell_mem_regions(root);
	u64 top = SZ_4G;
	u32 i;

	for (i = 0; i < root->num_memory_regions; i++)
		top = max(top, mem[i].phys_start + mem[i].size);
	/* RAM beyond it was refused at enable (host-check.h): only MMIO is cut */
	return min_t(u64, round_up(top, SZ_1G), JH_DIRECT_MAP_LIMIT);
}

int jh_hv_tables_build(const struct jh_system *sys, char *reason)
{
	struct jh_hv_boot *boot = jh_drv.boot;
	struct jh_tables t = {
		.base = jh_drv.hv + boot->tables_offset,
		.phys = jh_drv.hv_phys + boot->tables_offset,
	};
	u64 off, root_phys, va;
	int err = 0;

	boot->direct_map_size = jh_direct_map_size(sys);
	/* PML4 + 3 PDPTs + one PD per GiB mapped + trampoline tables */
	t.max = 4 + boot->direct_map_size / SZ_1G + jh_drv.hv_size / SZ_1G + 1 + 6;
	if (boot->tables_offset + (u64)t.max * PAGE_SIZE > jh_drv.hv_size) {
		jh_reason(reason, "hypervisor memory is too small for its page tables");
		return -ENOSPC;
	}
	jh_table_alloc(&t, &root_phys);
	for (off = 0; off < jh_drv.hv_size && !err; off += SZ_2M)
		err = jh_map(&t, JH_HV_LINK_BASE + off, jh_drv.hv_phys + off, 2, PTE_RW);
	for (off = 0; off < boot->direct_map_size && !err; off += SZ_2M)
		err = jh_map(&t, JH_HV_DIRECT_MAP + off, off, 2, PTE_RW | PTE_NX);
	va = (u64)jh_tramp_enter & PAGE_MASK;
	for (; va < (u64)jh_tramp_end + 16 && !err; va += PAGE_SIZE)
		err = jh_map(&t, va, (u64)vmalloc_to_pfn((void *)va) << PAGE_SHIFT, 1, 0);
	if (err) {
		jh_reason(reason, "out of room for the hypervisor page tables");
		return err;
	}
	/* the hypervisor finds its CR3 at tables_offset */
	boot->pool_offset = boot->tables_offset + (u64)t.used * PAGE_SIZE;
	return 0;
}
