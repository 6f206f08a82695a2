// SPDX-License-Identifier: GPL-2.0
/*
 * The hypervisor's side of the VT-d test image: what hypervisor/iommu-vtd/
 * calls of the core (hv.h, paging.h, mmio.h) on bare metal, identity
 * mapped: hypervisor addresses are physical (boot.phys_base is the link
 * base), pages come from a pool at T_POOL, status reasons are printed.
 * And a system config and a cell config as the root's and a cell's.
 */
#include <format.h>
#include <jh/config-walk.h>

#include "mmio.h"
#include "paging.h"
#include "vtd-test.h"

struct jh_hv_boot boot = { .phys_base = JH_HV_LINK_BASE };
const struct jh_system *sys_config;
struct cell root_cell;
struct cell *cells[MAX_CELLS];	/* no cell has ports here (core/pci.c) */
static struct cell test_cell = { .id = 1 };

static struct {
	struct jh_system sys;
	struct jh_iommu iommu;
	struct jh_cell_desc root;
	u64 cpus;
	struct jh_memory mem[1];
	struct jh_pci_device dev[3];
} JH_PACKED sys = {
	.sys.platform.num_iommus = 1,
	.iommu = { .base = T_DMAR, .size = 0x1000, .type = JH_IOMMU_VTD },
	.root = { .name = "vtd-root", .cpu_set_size = 8, .num_memory_regions = 1,
		  .num_pci_devices = 2 },
	.cpus = 1,
	.mem = { { T_ROOT_RAM, T_ROOT_RAM, T_ROOT_SIZE,
		   JH_MEM_READ | JH_MEM_WRITE | JH_MEM_DMA } },
};

static struct {
	struct jh_cell_desc desc;
	u64 cpus;
	struct jh_memory mem[1];
	struct jh_pci_device dev[1];
} JH_PACKED cell = {
	.desc = { .name = "vtd-cell", .cpu_set_size = 8, .num_memory_regions = 1,
		  .num_pci_devices = 1 },
	.cpus = 2,
	.mem = { { T_CELL_PHYS, T_CELL_IOVA, T_CELL_SIZE,
		   JH_MEM_READ | JH_MEM_WRITE | JH_MEM_DMA } },
};

static u64 pool_next = T_POOL, *pool_free;

void *page_alloc(unsigned int pages)
{
	u64 *p = pool_free;

	if (pages == 1 && p)
		pool_free = (u64 *)*p;
	else
		p = (u64 *)pool_next, pool_next += pages * PAGE_SIZE;
	return memset(p, 0, pages * PAGE_SIZE);
}

void page_free(void *page, unsigned int pages)
{
	u64 *p;

	for (p = page; pages--; p += PAGE_SIZE / 8) {
		*p = (u64)pool_free;
		pool_free = p;
	}
}

u64 *paging_hv_table(void *ctx, u64 phys)
{
	return (u64 *)phys;
}

u64 *paging_pool_alloc(void *ctx, u64 *phys)
{
	u64 *table = page_alloc(1);

	*phys = (u64)table;
	return table;
}

volatile void *mmio_map_uncached(u64 phys, u64 size)
{
	return (volatile void *)phys;
}

int set_status(int err, const char *fmt, ...)
{
	char reason[JH_REASON_SIZE];
	jh_va_list ap;

	jh_va_start(ap, fmt);
	jh_vsnprintf(reason, sizeof(reason), fmt, ap);
	jh_va_end(ap);
	printk("jh: error %d: %s\n", err, reason);
	return err;
}

static int test_alias = -1;	/* the cell device's DMA alias (vtdt_alias()) */

void vtdt_alias(uint16_t bridge, int alias)
{
	sys.root.num_pci_devices = 3;
	sys.dev[2] = (struct jh_pci_device){ .type = JH_PCI_TYPE_BRIDGE, .bdf = bridge };
	test_alias = alias;
}

int vtdt_enable(uint64_t unit, uint16_t root_dev, uint16_t cell_dev, uint32_t ir_size)
{
	sys.iommu.base = unit;
	sys.sys.platform.ir_table_size = ir_size;
	sys.dev[0] = (struct jh_pci_device){ .type = JH_PCI_TYPE_DEVICE, .bdf = root_dev };
	sys.dev[1] = (struct jh_pci_device){ .type = JH_PCI_TYPE_DEVICE, .bdf = cell_dev };
	sys.dev[1].dma_flags = test_alias < 0 ? 0 : JH_PCI_DMA_ALIAS;
	sys.dev[1].dma_alias = test_alias < 0 ? 0 : test_alias;
	cell.dev[0] = sys.dev[1];
	sys_config = &sys.sys;
	root_cell.config = jh_sys_root_cell(sys_config);
	test_cell.config = &cell.desc;
	return iommu_init();
}

int vtdt_cell_create(void)
{
	return iommu_cell_add(&test_cell);
}

void vtdt_cell_destroy(void)
{
	iommu_cell_remove(&test_cell);
}

void vtdt_poll_faults(void)
{
	iommu_poll_faults();
}

void vtdt_disable(void)
{
	iommu_shutdown();
}

int vtdt_irq_map(uint16_t sid, uint16_t n, uint32_t dest, uint8_t vector,
		 bool level, uint64_t *msi_address)
{
	int index = iommu_irq_map(sid, n, dest, vector | (level ? 1U << 15 : 0), true);

	*msi_address = index < 0 ? 0 : iommu_msi_address(index);
	return index;
}
