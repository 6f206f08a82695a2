// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * System rules: the platform description, the hypervisor's own memory
 * (where and how much), and the pages only the hypervisor may touch.
 */
#include <jh/hv-boot.h>

#include "check-internal.h"

#define MIB(x)	((unsigned long long)(x) >> 20)
#define KIB(x)	((unsigned long long)(x) >> 10)

static uint64_t add_sat(uint64_t a, uint64_t b)
{
	return a + b < a ? ~0ULL : a + b;
}

static uint64_t div_up(uint64_t v, uint64_t d)
{
	return v / d + !!(v % d);
}

#define SZ_2M	0x200000ULL
#define SZ_1G	0x40000000ULL
#define SZ_512G	0x8000000000ULL

/*
 * Page-table pages to map one region the way hypervisor/ept.c does: 2 MiB
 * pages where physical and guest-physical addresses are 2 MiB aligned
 * alike (4 KiB tables only for the unaligned head and tail), 4 KiB pages
 * otherwise; every level counted with one spare table for a partial end.
 */
static uint64_t table_pages(const struct jh_memory *m)
{
	const uint64_t small = JH_MEM_NO_HUGEPAGES | JH_MEM_COMM_REGION |
			       JH_MEM_IO_SUBPAGE;
	bool huge = !((m->phys_start ^ m->virt_start) & (SZ_2M - 1)) &&
		    !(m->flags & small);
	uint64_t pt = huge ? 2 : div_up(div_up(m->size, JH_CONFIG_PAGE_SIZE), 512) + 1;

	return pt + div_up(m->size, SZ_1G) + 1 + div_up(m->size, SZ_512G) + 1;
}

uint64_t jh_cell_paging_bytes(const struct jh_cell_desc *cell, bool iommu)
{
	const struct jh_memory *mem = jh_cell_mem_regions(cell);
	uint64_t tables = 1;	/* the PML4 */
	unsigned int i;

	for (i = 0; i < cell->num_memory_regions; i++) {
		tables = add_sat(tables, table_pages(&mem[i]));
		/* the IOMMU's tables mirror EPT for DMA-capable regions */
		if (iommu && (mem[i].flags & JH_MEM_DMA))
			tables = add_sat(tables, table_pages(&mem[i]));
	}
	if (iommu)
		tables = add_sat(tables, 1);
	return tables > ~0ULL / JH_CONFIG_PAGE_SIZE ? ~0ULL :
		tables * JH_CONFIG_PAGE_SIZE;
}

void chk_hv_memory_size(struct chk *c, const struct sys_ref *sys,
			uint64_t cells_paging, unsigned int num_cells)
{
	const struct jh_system *s = sys->sys;
	bool iommu = s->platform.num_iommus > 0;
	uint64_t cpus = cell_cpu_count(sys->root.desc);
	uint64_t slots = cpus > JH_MAX_CPUS ? cpus : JH_MAX_CPUS;
	uint64_t paging = jh_cell_paging_bytes(sys->root.desc, iommu);
	uint64_t need;

	paging = add_sat(paging, cells_paging);
	need = add_sat(JH_HV_MEM_FIXED + JH_HV_MEM_PER_CPU * slots +
		       JH_HV_MEM_PER_CELL * (num_cells + 1ULL), paging);
	if (s->hypervisor_memory.size >= need)
		return;
	chk_error(c, "hv-mem-size", sys->file, "hypervisor_memory.size",
		  "%llu KiB is too small, need %llu KiB = 1024 fixed + 64 x %llu CPU slots "
		  "+ 64 x %u cells + %llu page tables%s; "
		  "fix: reserve at least %llu MiB (memmap= and .hypervisor_memory.size)",
		  KIB(s->hypervisor_memory.size), KIB(need),
		  (unsigned long long)slots, num_cells + 1, KIB(paging),
		  iommu ? " (EPT + IOMMU)" : " (EPT)",
		  MIB(need + (1 << 20) - 1));
}

/* The hypervisor runs CPUs 0 .. JH_MAX_CPUS - 1 only */
void chk_cpu_limit(struct chk *c, const struct sys_ref *sys)
{
	uint64_t last = 0, cpu;

	cell_for_each_cpu(cpu, sys->root.desc)
		last = cpu;
	if (last >= JH_MAX_CPUS)
		chk_error(c, "cpu-limit", sys->file, "root.cpus",
			  "CPU %llu is beyond what jh supports (CPUs 0-%u); "
			  "fix: leave CPUs from %u on out of the system (and offline in Linux)",
			  (unsigned long long)last, JH_MAX_CPUS - 1, JH_MAX_CPUS);
}

/*
 * The i-th range the hypervisor intercepts: the xAPIC page, each MMCONFIG
 * window, each IOMMU's registers, each IOAPIC's page. false past the end.
 */
static bool intercepted_range(const struct jh_system *s, unsigned int i,
			      uint64_t *start, uint64_t *end, char *what,
			      size_t size)
{
	const struct jh_platform *p = &s->platform;

	if (i == 0) {
		*start = JH_XAPIC_BASE;
		*end = JH_XAPIC_BASE + JH_XAPIC_SIZE;
		jh_snprintf(what, size, "the xAPIC page");
		return true;
	}
	i--;
	if (i < p->num_pci_mmconfig) {
		const struct jh_pci_mmconfig *m = &jh_sys_mmconfigs(s)[i];

		*start = m->base + m->start_bus * JH_MMCONFIG_BUS_SIZE;
		*end = m->base + (m->end_bus + 1ULL) * JH_MMCONFIG_BUS_SIZE;
		jh_snprintf(what, size, "MMCONFIG (platform.pci_mmconfig[%u])", i);
		return true;
	}
	i -= p->num_pci_mmconfig;
	if (i < p->num_iommus) {
		const struct jh_iommu *u = &jh_sys_iommus(s)[i];

		*start = u->base;
		*end = u->base + (u->size ? u->size : JH_CONFIG_PAGE_SIZE);
		jh_snprintf(what, size, "IOMMU registers (platform.iommu[%u])", i);
		return true;
	}
	i -= p->num_iommus;
	if (i < p->num_ioapics) {
		const struct jh_ioapic *io = &jh_sys_ioapics(s)[i];

		*start = io->address & ~(JH_IOAPIC_WINDOW - 1);
		*end = *start + JH_IOAPIC_WINDOW;
		jh_snprintf(what, size, "IOAPIC %u (platform.ioapic[%u])",
			    io->id, i);
		return true;
	}
	return false;
}

void chk_intercepted(struct chk *c, const struct sys_ref *sys,
		     const struct cell_ref *cell)
{
	const struct jh_memory *mem = jh_cell_mem_regions(cell->desc);
	char field[JH_FINDING_FIELD], what[64];
	uint64_t start, end;
	unsigned int i, k;

	for (i = 0; i < cell->desc->num_memory_regions; i++) {
		const struct jh_memory *m = &mem[i];
		bool phys, virt;

		if (!mem_virt_end(m) || !mem_phys_end(m))
			continue;
		jh_snprintf(field, sizeof(field), "%smemory[%u]", cell->prefix, i);
		for (k = 0; intercepted_range(sys->sys, k, &start, &end, what,
					      sizeof(what)); k++) {
			if (end <= start)
				continue;	/* wrapping window: reported as such */
			phys = mem_has_phys(m) &&
			       ranges_overlap(m->phys_start, mem_phys_end(m),
					      start, end);
			virt = ranges_overlap(m->virt_start, mem_virt_end(m),
					      start, end);
			if (!phys && !virt)
				continue;
			chk_error(c, "intercepted-page", cell->file, field,
				  "%s 0x%llx-0x%llx maps %s at 0x%llx-0x%llx, which the hypervisor intercepts; "
				  "fix: split the region to leave 0x%llx-0x%llx out",
				  phys ? "phys" : "guest-physical",
				  (unsigned long long)(phys ? m->phys_start : m->virt_start),
				  (unsigned long long)(phys ? mem_phys_end(m) : mem_virt_end(m)) - 1,
				  what, (unsigned long long)start,
				  (unsigned long long)end - 1,
				  (unsigned long long)start,
				  (unsigned long long)end - 1);
		}
	}
}

static void chk_hv_memory(struct chk *c, const struct sys_ref *sys)
{
	const struct jh_memory *hv = &sys->sys->hypervisor_memory;
	const struct cell_ref *root = &sys->root;
	const struct jh_memory *mem = jh_cell_mem_regions(root->desc);
	uint64_t end = hv->phys_start + hv->size;
	unsigned int i;

	if (!hv->size || end <= hv->phys_start ||
	    ((hv->phys_start | hv->size) & (JH_CONFIG_PAGE_SIZE - 1))) {
		chk_error(c, "hv-mem", sys->file, "hypervisor_memory",
			  "phys 0x%llx size 0x%llx is empty, wraps or is not 4 KiB aligned; "
			  "fix: give the range reserved with memmap=SIZE$ADDR",
			  (unsigned long long)hv->phys_start,
			  (unsigned long long)hv->size);
		return;
	}
	for (i = 0; i < root->desc->num_memory_regions; i++) {
		const struct jh_memory *m = &mem[i];

		if (!mem_has_phys(m) || !mem_phys_end(m) ||
		    !ranges_overlap(hv->phys_start, end, m->phys_start,
				    mem_phys_end(m)))
			continue;
		chk_error(c, "hv-mem-overlap", sys->file, "hypervisor_memory",
			  "0x%llx-0x%llx overlaps root.memory[%u] 0x%llx-0x%llx; "
			  "fix: leave the hypervisor's memory out of the root cell's regions",
			  (unsigned long long)hv->phys_start,
			  (unsigned long long)end - 1, i,
			  (unsigned long long)m->phys_start,
			  (unsigned long long)mem_phys_end(m) - 1);
	}
}

static void chk_mmconfig(struct chk *c, const struct sys_ref *sys)
{
	const struct jh_pci_mmconfig *m = jh_sys_mmconfigs(sys->sys);
	char field[JH_FINDING_FIELD];
	unsigned int i;

	for (i = 0; i < sys->sys->platform.num_pci_mmconfig; i++) {
		uint64_t end = m[i].base + (m[i].end_bus + 1ULL) *
			JH_MMCONFIG_BUS_SIZE;

		jh_snprintf(field, sizeof(field), "platform.pci_mmconfig[%u]", i);
		if (m[i].end_bus < m[i].start_bus)
			chk_error(c, "mmconfig", sys->file, field,
				  "end bus %u is below start bus %u; fix: copy the bus range from the MCFG table",
				  m[i].end_bus, m[i].start_bus);
		if (!m[i].base || (m[i].base & (JH_MMCONFIG_BUS_SIZE - 1)) ||
		    end <= m[i].base)
			chk_error(c, "mmconfig", sys->file, field,
				  "base 0x%llx is 0, not 1 MiB aligned, or the window wraps; "
				  "fix: copy the base address from the MCFG table",
				  (unsigned long long)m[i].base);
	}
}

static void chk_iommus(struct chk *c, const struct sys_ref *sys)
{
	const struct jh_iommu *u = jh_sys_iommus(sys->sys);
	char field[JH_FINDING_FIELD];
	unsigned int i;

	for (i = 0; i < sys->sys->platform.num_iommus; i++) {
		jh_snprintf(field, sizeof(field), "platform.iommu[%u]", i);
		if (u[i].type != JH_IOMMU_VTD && u[i].type != JH_IOMMU_AMD)
			chk_error(c, "iommu", sys->file, field,
				  "unknown IOMMU type %u; fix: use JH_IOMMU_VTD or JH_IOMMU_AMD",
				  u[i].type);
		if (u[i].flags & ~JH_IOMMU_FLAGS_KNOWN)
			chk_error(c, "flags", sys->file, field,
				  "unknown IOMMU flag bits 0x%x; fix: use only JH_IOMMU_INCLUDE_PCI_ALL",
				  u[i].flags & ~JH_IOMMU_FLAGS_KNOWN);
		if (!u[i].base || ((u[i].base | u[i].size) & (JH_CONFIG_PAGE_SIZE - 1)) ||
		    !u[i].size || u[i].base + u[i].size < u[i].base)
			chk_error(c, "iommu", sys->file, field,
				  "registers at 0x%llx size 0x%x are empty or not 4 KiB aligned; "
				  "fix: copy the register base from the DMAR/IVRS table, size 0x1000 or more",
				  (unsigned long long)u[i].base, u[i].size);
	}
}

static void chk_ioapics(struct chk *c, const struct sys_ref *sys)
{
	const struct jh_ioapic *io = jh_sys_ioapics(sys->sys);
	uint32_t units = sys->sys->platform.num_iommus;
	char field[JH_FINDING_FIELD];
	unsigned int i, j;

	for (i = 0; i < sys->sys->platform.num_ioapics; i++) {
		jh_snprintf(field, sizeof(field), "platform.ioapic[%u]", i);
		if (!io[i].address)
			chk_error(c, "ioapic", sys->file, field,
				  "address is 0; fix: copy the IOAPIC address from the MADT");
		if (!io[i].pins || io[i].pins > JH_IRQCHIP_PINS)
			chk_error(c, "ioapic", sys->file, field,
				  "%u pins; fix: give the pin count (1-%u) the IOAPIC's version register reports",
				  io[i].pins, JH_IRQCHIP_PINS);
		if (io[i].iommu != JH_PCI_NO_IOMMU && io[i].iommu >= units)
			chk_error(c, "ioapic", sys->file, field,
				  "iommu index %u, but the system has %u IOMMU units; "
				  "fix: use the unit that remaps its interrupts, or JH_PCI_NO_IOMMU",
				  io[i].iommu, units);
		for (j = 0; j < i; j++)
			if (io[j].address == io[i].address || io[j].id == io[i].id)
				chk_error(c, "ioapic", sys->file, field,
					  "same address 0x%llx or id %u as platform.ioapic[%u]; "
					  "fix: list each IOAPIC once",
					  (unsigned long long)io[i].address,
					  io[i].id, j);
	}
}

void chk_system(struct chk *c, const struct sys_ref *sys)
{
	const struct jh_system *s = sys->sys;
	uint32_t ir = s->platform.ir_table_size;

	if (s->flags & ~JH_SYS_FLAGS_KNOWN)
		chk_error(c, "flags", sys->file, "flags",
			  "unknown system flag bits 0x%x; fix: use only JH_SYS_* flags (known: 0x%x)",
			  s->flags & ~JH_SYS_FLAGS_KNOWN, JH_SYS_FLAGS_KNOWN);
	chk_hv_memory(c, sys);
	chk_console(c, sys->file, "debug_console", &s->debug_console);
	chk_mmconfig(c, sys);
	chk_iommus(c, sys);
	chk_ioapics(c, sys);
	if (ir & (ir - 1) || ir > 65536)
		chk_error(c, "ir-table-size", sys->file, "platform.ir_table_size",
			  "%u is not a power of two up to 65536; fix: use e.g. 256, or 0 for none",
			  ir);
}
