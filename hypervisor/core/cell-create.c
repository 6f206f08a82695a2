// SPDX-License-Identifier: GPL-2.0
/*
 * Creating and destroying a cell. Create copies the config from the root
 * cell, runs the shared validator against the system config and every
 * cell there is, builds the cell's EPT and bitmaps, takes its memory and
 * ports from the root (EPT flushed on every root CPU) and last parks its
 * CPUs, which Linux has offlined as guests. Any failure undoes all of it.
 * Destroy zeroes the cell's memory and gives the CPUs back to the root,
 * parked until its SIPI (mgmt.c), and every resource and page. A cell's
 * RAM is zeroed at create too, after the root lost it and before the root
 * loads an image into it (set-loadable) and the cell's CPUs run.
 */
#include <config-check.h>
#include <config-names.h>
#include <jh/config-walk.h>

#include "mmio.h"
#include "pci.h"

#define CELL_CONFIG_MAX		(1024 * 1024)

static void cell_free(struct cell *cell)
{
	if (cell->mem_taken) {
		pci_cell_devices(cell, false);
		ioapic_cell_pins(cell, false);
		/* a failed create gives the root only its own data back */
		cell_scrub(cell, false);
		if (!cell_return_to_root(cell, false))
			mgmt_flush_root_ept();
	}
	iommu_cell_remove(cell);	/* its devices back to the root, scrubbed */
	mmio_unregister_cell(cell);
	gpa_free(cell->gpa_root);
	vcpu_cell_exit(cell);
	if (cell->comm)
		page_free(cell->comm, 1);
	pci_cell_forget(cell);	/* then no check of a root write reads its config */
	page_free((void *)cell->config, cell->config_pages);
	page_free(cell, 1);
}

/* Copies the config out of the root cell into pool pages */
static struct cell *cell_alloc(u64 gpa, u64 size)
{
	struct cell *cell;
	u64 pages = ALIGN_UP(size, PAGE_SIZE) / PAGE_SIZE;
	unsigned int id;
	void *config;

	if (size < sizeof(struct jh_cell_desc) || size > CELL_CONFIG_MAX) {
		set_status(-EINVAL, "cell config of %lu bytes: a cell config has %lu "
			   "to %u bytes", size, sizeof(struct jh_cell_desc), CELL_CONFIG_MAX);
		return NULL;
	}
	for (id = 1; id < MAX_CELLS && cells[id]; id++)
		;
	if (id == MAX_CELLS) {
		set_status(-EBUSY, "all %u cells exist already: destroy one first",
			   MAX_CELLS - 1);
		return NULL;
	}
	cell = page_alloc(1);
	config = page_alloc(pages);
	if (!cell || !config) {
		set_status(-ENOMEM, "out of hypervisor memory for a cell config of "
			   "%lu bytes: " MORE_MEMORY, size);
		goto fail;
	}
	if (root_copy(gpa, config, size, false)) {
		set_status(-EINVAL, "cell config at 0x%lx+0x%lx is not RAM the root "
			   "cell owns (a cell's, or device memory), where the driver "
			   "must put it", gpa, size);
		goto fail;
	}
	cell->config = config;
	cell->config_pages = pages;
	cell->id = id;
	cell->vpid = id + 1;
	return cell;
fail:
	if (cell)
		page_free(cell, 1);
	if (config)
		page_free(config, pages);
	return NULL;
}

/* What a cell config may describe but this version cannot give a cell */
static int cell_check_supported(const struct jh_cell_desc *cfg)
{
	return cfg->num_cache_regions ?
	       set_status(-EINVAL, "cell %s: cache[0]: cache partitions (CAT) for cells are "
			  "not supported by this jh version: remove the cache entries (the "
			  "plan only suggests them)", cfg->name) : 0;
}

/*
 * The validator takes listed IOMMU units for DMA isolation; whether this
 * jh's IOMMU backend really confines DMA is the backend's to say.
 */
static int cell_check_dma(const struct jh_cell_desc *cfg)
{
	const struct jh_memory *m = jh_cell_mem_regions(cfg);
	u32 i;

	if (iommu_dma_isolated() || (sys_config->flags & JH_SYS_NO_DMA_ISOLATION))
		return 0;
	for (i = 0; i < cfg->num_memory_regions; i++)
		if (m[i].flags & (JH_MEM_IO | JH_MEM_DMA))
			return set_status(-EINVAL, "cell %s: memory[%u]: device memory, but "
					  "this jh has no IOMMU backend to confine its DMA: set "
					  "JH_SYS_NO_DMA_ISOLATION in the system config to "
					  "accept that", cfg->name, i);
	return 0;
}

static int cell_check(struct cell *cell, u64 size)
{
	struct jh_config_blob sys = {
		.file = "system config", .data = sys_config, .size = boot.config_size,
	};
	struct jh_config_blob blob = {
		.file = "cell config", .data = cell->config, .size = size,
	};
	struct jh_config_blob existing[MAX_CELLS];
	unsigned int i, n = 0;

	for (i = 1; i < MAX_CELLS; i++)
		if (cells[i])
			existing[n++] = (struct jh_config_blob){
				.file = cells[i]->config->name,
				.data = cells[i]->config,
				.size = jh_cell_config_size(cells[i]->config),
			};
	if (jh_check_new_cell(&sys, existing, n, &blob, report_finding, NULL, NULL))
		return -EINVAL;
	if (jh_cell_config_size(cell->config) != size)
		return set_status(-EINVAL, "cell config: %lu bytes given, its header describes "
				  "%lu", size, jh_cell_config_size(cell->config));
	return cell_check_supported(cell->config) ? : cell_check_dma(cell->config);
}

/*
 * Each CPU of the cell: a root CPU under the hypervisor Linux gave up. And
 * no cell while a CPU is outside VMX (a disable under way, or a cell's CPU
 * whose APIC needed an INIT): it may run Linux unconfined.
 */
static int cell_check_cpus(struct per_cpu *c, struct cell *cell)
{
	const char *name = cell->config->name;
	u64 cpu;

	for (cpu = 0; cpu < JH_MAX_CPUS; cpu++)
		if ((boot.cpu_mask & (1ULL << cpu)) && per_cpu[cpu].mode == CPU_OFF)
			return set_status(-EBUSY, "CPU %lu is outside the hypervisor (jh disable "
					  "under way, or back from a cell and not online in Linux "
					  "yet): no cell can be created until it is", cpu);
	jh_for_each_cpu(cpu, cell->config) {
		if (cpu >= JH_MAX_CPUS || !(boot.cpu_mask & (1ULL << cpu)) ||
		    boot.cpu_result[cpu] != 1 || per_cpu[cpu].mode != CPU_ROOT)
			return set_status(-EBUSY, "CPU %lu of cell %s is not a root cell CPU "
					  "under the hypervisor (not enabled, or in use)",
					  cpu, name);
		if (cpu == c->cpu)
			return set_status(-EBUSY, "CPU %lu of cell %s still runs Linux: take it "
					  "offline for the cell first", cpu, name);
		cell->cpus |= 1ULL << cpu;
	}
	return 0;
}

/*
 * SMT siblings share a core's caches, buffers and predictors while both
 * run: no flush separates them. A core is one cell's unless the cell's
 * config accepts sharing with JH_CELL_SHARED_CORE.
 */
static int cell_check_smt(struct cell *cell)
{
	u32 apic_ids[JH_MAX_CPUS];
	char mine[64], others[64];
	u64 inside, outside;
	unsigned int cpu;

	if (cell->config->flags & JH_CELL_SHARED_CORE)
		return 0;
	for (cpu = 0; cpu < JH_MAX_CPUS; cpu++)
		apic_ids[cpu] = per_cpu[cpu].apic_id;
	outside = cpu_smt_shared(apic_ids, boot.cpu_mask, cell->cpus,
				 cpu_smt_shift(), &inside);
	if (!outside)
		return 0;
	jh_format_cpu_set(mine, sizeof(mine), &inside, 64);
	jh_format_cpu_set(others, sizeof(others), &outside, 64);
	return set_status(-EINVAL, "cell %s: CPU %s shares a core (SMT siblings) with "
			  "CPU %s of the root cell or another cell, which could read its "
			  "data (MDS, L1TF): add CPU %s to the cell, or set "
			  "JH_CELL_SHARED_CORE in its flags to accept that",
			  cell->config->name, mine, others, others);
}

static int cell_build(struct cell *cell)
{
	const struct jh_cell_desc *cfg = cell->config;
	const struct jh_memory *m = jh_cell_mem_regions(cfg);
	const struct jh_pio *pio = jh_cell_pio(cfg);
	u32 i;
	int err = 0;

	cell->gpa_root = page_alloc(1);
	cell->comm = page_alloc(1);
	if (!cell->gpa_root || !cell->comm || vcpu_cell_init(cell))
		return set_status(-ENOMEM, "out of hypervisor memory for cell %s (%lu of %lu "
				  "bytes used): " MORE_MEMORY, cfg->name, pool_used(),
				  pool_size());
	for (i = 0; i < cfg->num_pio_regions; i++)
		vcpu_cell_ports(cell, pio[i].base, pio[i].length, true);
	for (i = 0; i < cfg->num_memory_regions && !err; i++)
		err = m[i].flags & JH_MEM_COMM_REGION ?
		      gpa_map(cell->gpa_root, m[i].virt_start, hv_virt_to_phys(cell->comm),
			      PAGE_SIZE, m[i].flags & (JH_MEM_READ | JH_MEM_WRITE)) :
		      gpa_map(cell->gpa_root, m[i].virt_start, m[i].phys_start, m[i].size,
			      m[i].flags);
	if (err)
		set_status(err, "cell %s memory[%u]: cannot map it (%s)", cfg->name,
			   i - 1, err == -ENOMEM ? "out of hypervisor memory: "
			   MORE_MEMORY : "it overlaps another region of the cell");
	return err;
}

/* Last step of create: on failure, CPUs parked so far leave VMX for Linux */
static int cell_park_cpus(struct cell *cell)
{
	int err = cell_request_cpus(cell, MGMT_PARK);
	u64 cpu;

	for (cpu = 0; cpu < JH_MAX_CPUS && !err; cpu++)
		if (cell->cpus & (1ULL << cpu))
			per_cpu[cpu].cell = cell;
	return err;
}

/*
 * A failed create gives the CPUs parked for it back to the root, waiting
 * for the SIPI of Linux's add_cpu(); those not parked yet are still root
 * guests in Linux's play_dead, which its INIT/SIPI restarts as well.
 */
static void cell_release_cpus(struct per_cpu *c, const struct jh_cell_desc *cfg, u64 size)
{
	struct per_cpu *t;
	u64 cpu;

	if (size < sizeof(*cfg) || cfg->cpu_set_size > size - sizeof(*cfg))
		return;
	jh_for_each_cpu(cpu, cfg) {
		if (cpu >= JH_MAX_CPUS || cpu == c->cpu || !(boot.cpu_mask & (1ULL << cpu)))
			continue;
		t = &per_cpu[cpu];
		if (t->mode == CPU_PARKED && t->cell == &root_cell)
			mgmt_request(cpu, MGMT_INIT);
	}
}

long cell_create(struct per_cpu *c, struct guest_regs *r, u64 config_gpa, u64 size)
{
	struct cell *cell = cell_alloc(config_gpa, size);
	char list[64];
	int err;

	if (!cell)
		return boot.status.last_error;
	err = cell_check(cell, size) ? : cell_check_cpus(c, cell) ? :
	      cell_check_smt(cell) ? : cell_build(cell) ? :
	      cell_take_from_root(cell, false);
	if (err)
		goto out_free;
	cell->mem_taken = true;
	err = mgmt_flush_root_ept() ? : iommu_cell_add(cell);
	if (err)
		goto out_free;
	/* nothing the root left there reaches the cell (before the root loads) */
	err = cell_scrub(cell, false);
	if (err)
		goto out_free;
	/* from here the root's IPIs, IOAPIC pins and MSIs are refused its CPUs */
	cells[cell->id] = cell;
	err = arch_pci_cell_init(cell) ? : ioapic_cell_pins(cell, true) ? :
	      pci_cell_devices(cell, true);
	if (err)
		goto out_free;
	err = cell_park_cpus(cell);
	if (err)
		goto out_free;

	cell->state = JH_CELL_CREATED;
	cell->loadable = false;
	jh_format_cpu_set(list, sizeof(list), &cell->cpus, 64);
	printk("jh: cell %s (id %u) created on CPUs %s; pool %lu of %lu bytes used\n",
	       cell->config->name, cell->id, list, pool_used(), pool_size());
	return cell->id;

out_free:
	cell_release_cpus(c, cell->config, size);
	cell_free(cell);
	return err;
}

long cell_destroy(struct per_cpu *c, struct guest_regs *r, u64 id, u64 a2)
{
	struct cell *cell = cell_get(id, "destroyed");

	if (!cell)
		return boot.status.last_error;
	if (cell_request_cpus(cell, MGMT_INIT)) {
		cell->state = JH_CELL_FAILED;	/* it stays, its memory with it */
		return -EIO;
	}
	printk("jh: cell %s (id %lu) destroyed\n", cell->config->name, id);
	cell_free(cell);
	printk("jh: pool %lu of %lu bytes used\n", pool_used(), pool_size());
	return 0;
}
