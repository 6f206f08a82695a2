// SPDX-License-Identifier: GPL-2.0
/*
 * The root cell: the running Linux. Its EPT maps the memory regions of
 * the root cell config (never the hypervisor's), plus the boot page
 * read-only so the driver can read results and the console ring. Its I/O
 * bitmap opens the configured port ranges, except the PCI config ports.
 * Other cells take their memory and ports from it and give them back.
 */
#include <jh/config-walk.h>

#include "hv.h"

struct cell root_cell;
extern u8 __boot_end[];		/* jh.lds: the end of boot's own pages */

/*
 * The local APIC and IOAPIC pages are not in the root cell's memory
 * regions: they are the hypervisor's to moderate. They are mapped here,
 * then taken out again by mmio_trap_root(), which emulates them so that
 * IPIs and IOAPIC pins cannot reach other cells' CPUs.
 */
static int root_map_irqchips(struct cell *cell)
{
	const struct jh_ioapic *ioapic = jh_sys_ioapics(sys_config);
	u64 apic = rdmsr(MSR_APIC_BASE) & 0xffffff000ULL;
	u32 i;
	int err;

	/* -EEXIST: the config maps that page already, which is as good */
	err = gpa_map(cell->gpa_root, apic, apic, PAGE_SIZE,
		      JH_MEM_READ | JH_MEM_WRITE | JH_MEM_IO);
	for (i = 0; i < sys_config->platform.num_ioapics && (!err || err == -EEXIST); i++)
		err = gpa_map(cell->gpa_root, ioapic[i].address, ioapic[i].address, PAGE_SIZE,
			      JH_MEM_READ | JH_MEM_WRITE | JH_MEM_IO);
	return err == -EEXIST ? 0 : err;
}

static int root_map_memory(struct cell *cell)
{
	const struct jh_cell_desc *cfg = cell->config;
	const struct jh_memory *mem = jh_cell_mem_regions(cfg);
	u64 hv_start = boot.phys_base, hv_end = boot.phys_base + boot.mem_size;
	u64 boot_phys = hv_virt_to_phys(&boot);
	u32 i;
	int err;

	for (i = 0; i < cfg->num_memory_regions; i++) {
		if (mem[i].phys_start < hv_end && mem[i].phys_start + mem[i].size > hv_start)
			return set_status(-EINVAL, "root cell memory[%u] 0x%lx+0x%lx overlaps "
					  "the hypervisor memory: remove that part from the "
					  "system config", i, mem[i].phys_start, mem[i].size);
		err = gpa_map(cell->gpa_root, mem[i].virt_start, mem[i].phys_start, mem[i].size,
			      mem[i].flags);
		if (err)
			return set_status(err, "root cell memory[%u]: cannot map it (error %d)",
					  i, err);
	}
	err = root_map_irqchips(cell) ? :
	      gpa_map(cell->gpa_root, boot_phys, boot_phys, (u64)__boot_end - (u64)&boot,
		      JH_MEM_READ);
	if (err)
		set_status(err, "out of hypervisor memory for the root cell's EPT");
	return err;
}

int root_cell_init(void)
{
	struct cell *cell = &root_cell;
	const struct jh_pio *pio;
	u32 i;

	cell->config = jh_sys_root_cell(sys_config);
	cell->vpid = 1;
	cell->gpa_root = page_alloc(1);
	if (!cell->gpa_root || vcpu_cell_init(cell))
		return set_status(-ENOMEM, "out of hypervisor memory for the root cell");
	pio = jh_cell_pio(cell->config);
	for (i = 0; i < cell->config->num_pio_regions; i++)
		vcpu_cell_ports(cell, pio[i].base, pio[i].length, true);
	vcpu_cell_ports(cell, 0xcf8, 8, false);
	printk("jh: root cell '%s': %u memory regions, %u port ranges\n",
	       cell->config->name, cell->config->num_memory_regions,
	       cell->config->num_pio_regions);
	return root_map_memory(cell) ? : mmio_trap_root(cell);
}

bool root_owns_port(u32 port)
{
	const struct jh_pio *pio = jh_cell_pio(root_cell.config);
	u32 i;

	if (port >= 0xcf8 && port <= 0xcff)
		return false;	/* always the hypervisor's */
	for (i = 0; i < root_cell.config->num_pio_regions; i++)
		if (port >= pio[i].base && port < (u32)pio[i].base + pio[i].length)
			return true;
	return false;
}

/*
 * Copies size bytes between buf and the root cell's RAM at gpa (write:
 * into the root), page by page through the root's current EPT: a page a
 * cell has taken, the hypervisor's, read-only (for a write) or device
 * memory refuses the whole copy before a byte moves.
 */
int root_copy(u64 gpa, void *buf, u64 size, bool write)
{
	u64 access = write ? JH_MEM_WRITE : JH_MEM_READ, addr, hpa, chunk;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		for (addr = gpa; addr - gpa < size; addr += chunk) {
			chunk = PAGE_SIZE - (addr & (PAGE_SIZE - 1));
			if (chunk > size - (addr - gpa))
				chunk = size - (addr - gpa);
			hpa = gpa_to_hpa(root_cell.gpa_root, addr, access);
			if (hpa == ~0ULL || hpa + chunk > boot.direct_map_size)
				return -EINVAL;
			if (pass && write)
				memcpy(direct_map(hpa), (u8 *)buf + (addr - gpa), chunk);
			else if (pass)
				memcpy((u8 *)buf + (addr - gpa), direct_map(hpa), chunk);
		}
	}
	return 0;
}

/* Memory of a cell region the root loses: not the comm page, not shared */
static bool region_taken(const struct jh_memory *m, bool loadable_only)
{
	if (m->flags & (JH_MEM_COMM_REGION | JH_MEM_ROOTSHARED))
		return false;
	return !loadable_only || (m->flags & JH_MEM_LOADABLE);
}

/*
 * Zeroes the RAM of the cell's taken regions (loadable_only: of those
 * the root loads), so that nothing of the root reaches the cell (create)
 * and nothing of the cell reaches the root (destroy, load after a run).
 * A region the cell may neither write nor have loaded carries nothing
 * either way: a read-only view the config gives it stays as it is.
 */
int cell_scrub(struct cell *cell, bool loadable_only)
{
	const struct jh_memory *m = jh_cell_mem_regions(cell->config);
	u32 i;

	for (i = 0; i < cell->config->num_memory_regions; i++) {
		if (!region_taken(&m[i], loadable_only) || (m[i].flags & JH_MEM_IO) ||
		    !(m[i].flags & (JH_MEM_WRITE | JH_MEM_LOADABLE)))
			continue;
		if (m[i].phys_start + m[i].size > boot.direct_map_size)
			return set_status(-EINVAL, "cell %s memory[%u] 0x%lx+0x%lx is beyond the "
					  "hypervisor's direct map (%lu GiB), so it cannot be "
					  "scrubbed: use memory below that", cell->config->name, i,
					  m[i].phys_start, m[i].size, boot.direct_map_size >> 30);
		memset(direct_map(m[i].phys_start), 0, m[i].size);
	}
	return 0;
}

/* Unmaps (take) or maps back the root's view of host range [pa, pa + size) */
static int root_change(u64 pa, u64 size, bool take)
{
	const struct jh_memory *r = jh_cell_mem_regions(root_cell.config);
	u64 lo, hi, gpa;
	u32 i;
	int err = 0;

	for (i = 0; i < root_cell.config->num_memory_regions && !err; i++, r++) {
		lo = pa > r->phys_start ? pa : r->phys_start;
		hi = pa + size < r->phys_start + r->size ? pa + size :
		     r->phys_start + r->size;
		if (lo >= hi)
			continue;
		gpa = r->virt_start + (lo - r->phys_start);
		err = take ? gpa_unmap(root_cell.gpa_root, gpa, hi - lo) :
		      gpa_restore(root_cell.gpa_root, gpa, lo, hi - lo, r->flags);
	}
	return err;
}

int cell_return_to_root(struct cell *cell, bool loadable_only)
{
	const struct jh_memory *m = jh_cell_mem_regions(cell->config);
	const struct jh_pio *pio = jh_cell_pio(cell->config);
	u32 i, port;
	int err = 0;

	for (i = 0; i < cell->config->num_memory_regions && !err; i++)
		if (region_taken(&m[i], loadable_only))
			err = root_change(m[i].phys_start, m[i].size, false);
	if (err)
		return set_status(err, "out of hypervisor memory: the root cell did not get "
				  "back all memory of cell %s", cell->config->name);
	for (i = 0; !loadable_only && i < cell->config->num_pio_regions; i++)
		for (port = pio[i].base; port < (u32)pio[i].base + pio[i].length; port++)
			if (root_owns_port(port))
				vcpu_cell_ports(&root_cell, port, 1, true);
	return 0;
}

/* The root's EPT must then be flushed on every root CPU */
int cell_take_from_root(struct cell *cell, bool loadable_only)
{
	const struct jh_memory *m = jh_cell_mem_regions(cell->config);
	const struct jh_pio *pio = jh_cell_pio(cell->config);
	u32 i;
	int err;

	for (i = 0; i < cell->config->num_memory_regions; i++) {
		if (!region_taken(&m[i], loadable_only))
			continue;
		err = root_change(m[i].phys_start, m[i].size, true);
		if (err) {
			set_status(err, "out of hypervisor memory to split the root "
				   "cell's pages for cell %s memory[%u]",
				   cell->config->name, i);
			cell_return_to_root(cell, loadable_only);
			return err;
		}
	}
	for (i = 0; !loadable_only && i < cell->config->num_pio_regions; i++)
		vcpu_cell_ports(&root_cell, pio[i].base, pio[i].length, false);
	return 0;
}
