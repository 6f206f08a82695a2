// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Rules inside one cell: its flags, CPUs, memory regions, port ranges,
 * irqchips, PCI devices and capabilities, console. Rules that need the
 * platform (IOAPICs, IOMMUs, the root's CPUs) run only when the system
 * config is known.
 */
#include "check-internal.h"

uint64_t cell_cpu_count(const struct jh_cell_desc *c)
{
	uint64_t cpu, n = 0;

	cell_for_each_cpu(cpu, c)
		n++;
	return n;
}

uint64_t mem_phys_end(const struct jh_memory *m)
{
	uint64_t end = m->phys_start + m->size;

	return m->size && end > m->phys_start ? end : 0;
}

uint64_t mem_virt_end(const struct jh_memory *m)
{
	uint64_t end = m->virt_start + m->size;

	return m->size && end > m->virt_start ? end : 0;
}

static void chk_cell_header(struct chk *c, const struct cell_ref *r,
			    const struct sys_ref *sys)
{
	const struct jh_cell_desc *d = r->desc;
	char field[JH_FINDING_FIELD], cpus[64], more[40] = "";
	uint64_t cpu, first = 0, outside = 0;

	jh_snprintf(field, sizeof(field), "%sflags", r->prefix);
	if (d->flags & ~JH_CELL_FLAGS_KNOWN)
		chk_error(c, "flags", r->file, field,
			  "unknown cell flag bits 0x%x; fix: use only JH_CELL_* flags (known: 0x%x)",
			  d->flags & ~JH_CELL_FLAGS_KNOWN, JH_CELL_FLAGS_KNOWN);
	jh_snprintf(field, sizeof(field), "%sname", r->prefix);
	if (!d->name[0])
		chk_error(c, "name", r->file, field,
			  "the cell has no name; fix: set .name, the CLI and logs refer to cells by it");
	jh_snprintf(field, sizeof(field), "%scpus", r->prefix);
	if (!cell_cpu_count(d)) {
		chk_error(c, "cpu-set-empty", r->file, field,
			  "the cell has no CPU; fix: set at least one bit in the CPU set");
		return;
	}
	if (!sys || r->is_root)
		return;
	cell_for_each_cpu(cpu, d) {
		if (cell_has_cpu(sys->root.desc, cpu))
			continue;
		if (!outside++)
			first = cpu;
	}
	if (!outside)
		return;
	jh_format_cpu_set(cpus, sizeof(cpus), jh_cell_cpu_set(sys->root.desc),
			  jh_cell_cpu_set_bits(sys->root.desc));
	if (outside > 1)
		jh_snprintf(more, sizeof(more), ", nor are %llu more",
			    (unsigned long long)(outside - 1));
	chk_error(c, "cpu-outside-system", r->file, field,
		  "CPU %llu is not in the system%s (the root cell's CPUs are %s); "
		  "fix: give the cell only CPUs of the root cell",
		  (unsigned long long)first, more, cpus);
}

/* Page alignment, or the sub-page MMIO constraints */
static void chk_mem_alignment(struct chk *c, const struct cell_ref *r,
			      const char *field, const struct jh_memory *m)
{
	const uint64_t mask = JH_CONFIG_PAGE_SIZE - 1;

	if (m->flags & JH_MEM_IO_SUBPAGE) {
		if (!(m->flags & JH_MEM_IO))
			chk_error(c, "mem-subpage", r->file, field,
				  "IO_SUBPAGE without IO; fix: sub-page regions are MMIO, add JH_MEM_IO");
		if (!(m->flags & (JH_MEM_IO_8 | JH_MEM_IO_16 | JH_MEM_IO_32 |
				  JH_MEM_IO_64)))
			chk_error(c, "mem-subpage", r->file, field,
				  "IO_SUBPAGE region allows no access width; "
				  "fix: add JH_MEM_IO_8/16/32/64 for the widths the device takes");
		if (m->size > JH_CONFIG_PAGE_SIZE ||
		    (m->phys_start & ~mask) != ((m->phys_start + m->size - 1) & ~mask))
			chk_error(c, "mem-subpage", r->file, field,
				  "sub-page region 0x%llx+0x%llx crosses a page boundary; "
				  "fix: split it per page or make it page-aligned without IO_SUBPAGE",
				  (unsigned long long)m->phys_start,
				  (unsigned long long)m->size);
		return;
	}
	if ((m->phys_start | m->virt_start | m->size) & mask)
		chk_error(c, "mem-align", r->file, field,
			  "phys 0x%llx, virt 0x%llx, size 0x%llx not all 4 KiB aligned; "
			  "fix: align start and size to 0x1000, or use JH_MEM_IO|JH_MEM_IO_SUBPAGE for sub-page MMIO",
			  (unsigned long long)m->phys_start,
			  (unsigned long long)m->virt_start,
			  (unsigned long long)m->size);
}

static void chk_mem_region(struct chk *c, const struct cell_ref *r,
			   unsigned int i, const struct jh_memory *m)
{
	char field[JH_FINDING_FIELD];

	jh_snprintf(field, sizeof(field), "%smemory[%u]", r->prefix, i);
	if (m->flags & ~(uint64_t)JH_MEM_FLAGS_KNOWN)
		chk_error(c, "flags", r->file, field,
			  "unknown memory flag bits 0x%llx; fix: use only JH_MEM_* flags (known: 0x%x)",
			  (unsigned long long)(m->flags & ~(uint64_t)JH_MEM_FLAGS_KNOWN),
			  JH_MEM_FLAGS_KNOWN);
	if (!m->size) {
		chk_error(c, "mem-zero-size", r->file, field,
			  "region at phys 0x%llx has size 0; fix: give its size or remove it",
			  (unsigned long long)m->phys_start);
		return;
	}
	if (!mem_virt_end(m) || (mem_has_phys(m) && !mem_phys_end(m))) {
		chk_error(c, "mem-wrap", r->file, field,
			  "region phys 0x%llx / virt 0x%llx + size 0x%llx wraps past 2^64; "
			  "fix: correct the start or the size",
			  (unsigned long long)m->phys_start,
			  (unsigned long long)m->virt_start,
			  (unsigned long long)m->size);
		return;
	}
	if (m->flags & JH_MEM_COMM_REGION) {
		if (m->phys_start || m->size != JH_CONFIG_PAGE_SIZE)
			chk_error(c, "comm-region", r->file, field,
				  "comm region has phys 0x%llx, size 0x%llx; "
				  "fix: the hypervisor provides the page: set phys_start 0 and size 0x1000",
				  (unsigned long long)m->phys_start,
				  (unsigned long long)m->size);
		if (m->flags & (JH_MEM_IO | JH_MEM_DMA | JH_MEM_LOADABLE |
				JH_MEM_ROOTSHARED))
			chk_error(c, "comm-region", r->file, field,
				  "comm region also flagged IO/DMA/LOADABLE/ROOTSHARED; "
				  "fix: give it JH_MEM_READ|JH_MEM_WRITE|JH_MEM_COMM_REGION only");
	}
	chk_mem_alignment(c, r, field, m);
}

static void chk_mem_overlaps(struct chk *c, const struct cell_ref *r)
{
	const struct jh_memory *mem = jh_cell_mem_regions(r->desc);
	unsigned int n = r->desc->num_memory_regions, i, j, comm = 0;
	char field[JH_FINDING_FIELD];

	for (i = 0; i < n; i++) {
		const struct jh_memory *a = &mem[i];

		comm += !!(a->flags & JH_MEM_COMM_REGION);
		if (!mem_virt_end(a) || !mem_phys_end(a))
			continue;
		for (j = 0; j < i; j++) {
			const struct jh_memory *b = &mem[j];

			if (!mem_virt_end(b) || !mem_phys_end(b))
				continue;
			jh_snprintf(field, sizeof(field), "%smemory[%u]",
				    r->prefix, i);
			if (mem_has_phys(a) && mem_has_phys(b) &&
			    ranges_overlap(a->phys_start, mem_phys_end(a),
					   b->phys_start, mem_phys_end(b)))
				chk_error(c, "mem-overlap-phys", r->file, field,
					  "phys 0x%llx-0x%llx overlaps %smemory[%u] at 0x%llx-0x%llx; "
					  "fix: make the regions disjoint or merge them",
					  (unsigned long long)a->phys_start,
					  (unsigned long long)mem_phys_end(a) - 1,
					  r->prefix, j,
					  (unsigned long long)b->phys_start,
					  (unsigned long long)mem_phys_end(b) - 1);
			if (ranges_overlap(a->virt_start, mem_virt_end(a),
					   b->virt_start, mem_virt_end(b)))
				chk_error(c, "mem-overlap-virt", r->file, field,
					  "guest-physical 0x%llx-0x%llx overlaps %smemory[%u] at 0x%llx-0x%llx; "
					  "fix: move virt_start so the cell's regions do not overlap",
					  (unsigned long long)a->virt_start,
					  (unsigned long long)mem_virt_end(a) - 1,
					  r->prefix, j,
					  (unsigned long long)b->virt_start,
					  (unsigned long long)mem_virt_end(b) - 1);
		}
	}
	jh_snprintf(field, sizeof(field), "%smemory", r->prefix);
	if (comm > 1)
		chk_error(c, "comm-region", r->file, field,
			  "%u comm regions; fix: a cell has at most one JH_MEM_COMM_REGION", comm);
	else if (!comm && !r->is_root)
		chk_warn(c, "comm-region", r->file, field,
			 "no comm region: the cell cannot be asked to shut down and gets no platform info; "
			 "fix: add a 0x1000 region with JH_MEM_COMM_REGION at guest 0x100000");
}

static void chk_cache(struct chk *c, const struct cell_ref *r)
{
	const struct jh_cache *cache = jh_cell_cache_regions(r->desc);
	char field[JH_FINDING_FIELD];
	unsigned int i;

	for (i = 0; i < r->desc->num_cache_regions; i++) {
		const struct jh_cache *k = &cache[i];

		jh_snprintf(field, sizeof(field), "%scache[%u]", r->prefix, i);
		if (k->type < JH_CACHE_L3 || k->type > JH_CACHE_L2)
			chk_error(c, "cache", r->file, field,
				  "unknown cache type %u; fix: use JH_CACHE_L3, _L3_CODE, _L3_DATA or _L2",
				  k->type);
		if (k->flags & ~JH_CACHE_FLAGS_KNOWN)
			chk_error(c, "flags", r->file, field,
				  "unknown cache flag bits 0x%x; fix: use only JH_CACHE_ROOTSHARED",
				  k->flags & ~JH_CACHE_FLAGS_KNOWN);
		if (!k->size || k->start >= 64 || k->size > 64 - k->start)
			chk_error(c, "cache", r->file, field,
				  "capacity bits %u+%u are empty or beyond bit 63; "
				  "fix: give a non-empty range of the capacity bitmask",
				  k->start, k->size);
	}
}

/*
 * Ports whose writes reach the whole machine, the hypervisor and every
 * other cell with it: a reset (0xcf9, the other one, is a PCI config
 * port), or an SMI, whose firmware handler runs on every CPU and can
 * switch the platform (the FADT's ACPI enable and disable commands)
 */
static const struct {
	uint16_t port;
	const char *what;
} reset_ports[] = {
	{ 0x64, "the keyboard controller's command port (0xfe pulses reset)" },
	{ 0x92, "System Control Port A (bit 0 is a fast reset)" },
	{ 0xb2, "the APM control port (a write raises an SMI)" },
};

static void chk_reset_ports(struct chk *c, const struct cell_ref *r,
			    const char *field, uint32_t base, uint32_t end)
{
	unsigned int i;

	for (i = 0; i < ARRAY_LEN(reset_ports); i++)
		if (ranges_overlap(base, end, reset_ports[i].port,
				   reset_ports[i].port + 1U))
			chk_error(c, "pio-reset", r->file, field,
				  "ports 0x%x-0x%x include port 0x%x, %s: a cell could "
				  "reset or stall the machine, the hypervisor and every cell; "
				  "fix: leave port 0x%x to the root cell",
				  base, end - 1, reset_ports[i].port,
				  reset_ports[i].what, reset_ports[i].port);
}

static void chk_pio(struct chk *c, const struct cell_ref *r)
{
	const struct jh_pio *pio = jh_cell_pio(r->desc);
	char field[JH_FINDING_FIELD];
	unsigned int i, j;

	for (i = 0; i < r->desc->num_pio_regions; i++) {
		const struct jh_pio *p = &pio[i];
		uint32_t end = (uint32_t)p->base + p->length;

		jh_snprintf(field, sizeof(field), "%spio[%u]", r->prefix, i);
		if (p->flags & ~(uint32_t)JH_PIO_FLAGS_KNOWN)
			chk_error(c, "flags", r->file, field,
				  "port range flags 0x%x are reserved; fix: set .flags = 0",
				  p->flags);
		if (!p->length) {
			chk_error(c, "pio-zero-size", r->file, field,
				  "port range at 0x%x has length 0; fix: give its length or remove it",
				  p->base);
			continue;
		}
		if (end > 0x10000) {
			chk_error(c, "pio-wrap", r->file, field,
				  "ports 0x%x+0x%x run past 0xffff; fix: shorten the range",
				  p->base, p->length);
			continue;
		}
		if (!r->is_root && ranges_overlap(p->base, end, JH_PCI_CONFIG_PORTS,
						  JH_PCI_CONFIG_PORTS_END))
			chk_error(c, "pio-pci-config", r->file, field,
				  "ports 0x%x-0x%x include the PCI config ports 0xcf8-0xcff, "
				  "which the hypervisor must intercept; fix: leave 0xcf8-0xcff out",
				  p->base, end - 1);
		if (!r->is_root)
			chk_reset_ports(c, r, field, p->base, end);
		for (j = 0; j < i; j++) {
			uint32_t e2 = (uint32_t)pio[j].base + pio[j].length;

			if (e2 <= 0x10000 && ranges_overlap(p->base, end,
							    pio[j].base, e2))
				chk_error(c, "pio-overlap", r->file, field,
					  "ports 0x%x-0x%x overlap %spio[%u] 0x%x-0x%x; "
					  "fix: merge the ranges or make them disjoint",
					  p->base, end - 1, r->prefix, j,
					  pio[j].base, e2 - 1);
		}
	}
}

static const struct jh_ioapic *find_ioapic(const struct sys_ref *sys,
					   uint64_t address)
{
	const struct jh_ioapic *io = jh_sys_ioapics(sys->sys);
	unsigned int i;

	for (i = 0; i < sys->sys->platform.num_ioapics; i++)
		if (io[i].address == address)
			return &io[i];
	return NULL;
}

static void chk_irqchips(struct chk *c, const struct cell_ref *r,
			 const struct sys_ref *sys)
{
	const struct jh_irqchip *chip = jh_cell_irqchips(r->desc);
	char field[JH_FINDING_FIELD];
	const struct jh_ioapic *io;
	unsigned int i, j, pin;

	for (i = 0; i < r->desc->num_irqchips; i++) {
		jh_snprintf(field, sizeof(field), "%sirqchips[%u]", r->prefix, i);
		for (j = 0; j < i; j++)
			if (chip[j].address == chip[i].address)
				chk_error(c, "irqchip-duplicate", r->file, field,
					  "IOAPIC 0x%llx is also %sirqchips[%u]; fix: merge their pin bitmaps",
					  (unsigned long long)chip[i].address,
					  r->prefix, j);
		if (!sys)
			continue;
		io = find_ioapic(sys, chip[i].address);
		if (!io) {
			chk_error(c, "irqchip-unknown", r->file, field,
				  "no IOAPIC at 0x%llx in the system config; "
				  "fix: use an address from the system's platform.ioapic list",
				  (unsigned long long)chip[i].address);
			continue;
		}
		for (pin = io->pins; pin < JH_IRQCHIP_PINS; pin++) {
			if (!((chip[i].pin_bitmap[pin / 64] >> (pin % 64)) & 1))
				continue;
			chk_error(c, "irqchip-pins", r->file, field,
				  "pin %u set but IOAPIC 0x%llx has %u pins; fix: clear the bits from %u on",
				  pin, (unsigned long long)io->address, io->pins,
				  io->pins);
			break;
		}
	}
}

static void chk_pci_caps(struct chk *c, const struct cell_ref *r,
			 const char *field, const struct jh_pci_device *dev)
{
	const struct jh_pci_capability *caps = jh_cell_pci_caps(r->desc);
	uint32_t first = dev->caps_start, n = dev->num_caps, i, j;

	if ((uint64_t)first + n > r->desc->num_pci_caps) {
		chk_error(c, "pci-caps-range", r->file, field,
			  "capabilities %u..%u lie outside the cell's %u pci_caps; "
			  "fix: point caps_start/num_caps at this device's entries",
			  first, first + n - 1, r->desc->num_pci_caps);
		return;
	}
	for (i = first; i < first + n; i++) {
		const struct jh_pci_capability *a = &caps[i];
		uint32_t end = (uint32_t)a->start + a->len;
		uint32_t limit = a->id & JH_PCICAPS_EXTENDED ?
			JH_PCI_EXT_CFG_SPACE : JH_PCI_CFG_SPACE;
		uint32_t low = a->id & JH_PCICAPS_EXTENDED ? JH_PCI_CFG_SPACE : 0x40;

		if (a->flags & ~JH_PCICAPS_FLAGS_KNOWN)
			chk_error(c, "flags", r->file, field,
				  "pci_caps[%u]: unknown flag bits 0x%x; fix: use only JH_PCICAPS_WRITE",
				  i, a->flags & ~JH_PCICAPS_FLAGS_KNOWN);
		if (!a->len || a->start < low || end > limit) {
			chk_error(c, "pci-cap-bounds", r->file, field,
				  "pci_caps[%u] 0x%x+0x%x lies outside 0x%x-0x%x of config space; "
				  "fix: standard caps live in 0x40-0xff, extended (JH_PCICAPS_EXTENDED) in 0x100-0xfff",
				  i, a->start, a->len, low, limit - 1);
			continue;
		}
		for (j = first; j < i; j++) {
			const struct jh_pci_capability *b = &caps[j];

			if (b->len && ranges_overlap(a->start, end, b->start,
						     (uint32_t)b->start + b->len))
				chk_error(c, "pci-cap-overlap", r->file, field,
					  "pci_caps[%u] 0x%x+0x%x overlaps pci_caps[%u] 0x%x+0x%x; "
					  "fix: correct the offsets or lengths",
					  i, a->start, a->len, j, b->start, b->len);
		}
	}
}

static void chk_pci_iommu(struct chk *c, const struct cell_ref *r,
			  const char *field, const struct jh_pci_device *dev,
			  const struct sys_ref *sys)
{
	uint32_t units = sys->sys->platform.num_iommus;
	const struct jh_iommu *iommu = jh_sys_iommus(sys->sys);

	if (dev->iommu == JH_PCI_NO_IOMMU) {
		if (units)
			chk_error(c, "pci-iommu-scope", r->file, field,
				  "the device is in no IOMMU unit's scope, but the system has %u; "
				  "fix: set .iommu to the index of the unit covering it (INCLUDE_PCI_ALL unit if none lists it)",
				  units);
		return;
	}
	if (!units) {
		chk_error(c, "pci-iommu-scope", r->file, field,
			  "iommu index %u, but the system has no IOMMU; fix: set .iommu = JH_PCI_NO_IOMMU",
			  dev->iommu);
		return;
	}
	if (dev->iommu >= units) {
		chk_error(c, "pci-iommu-scope", r->file, field,
			  "iommu index %u, but the system has %u IOMMU units; fix: use an index below %u",
			  dev->iommu, units, units);
		return;
	}
	if (iommu[dev->iommu].segment != dev->segment)
		chk_error(c, "pci-iommu-scope", r->file, field,
			  "device segment %u, but IOMMU unit %u serves segment %u; "
			  "fix: use the unit of the device's segment",
			  dev->segment, dev->iommu, iommu[dev->iommu].segment);
}

static bool reserved_set(const struct jh_pci_device *d)
{
	unsigned int i;

	for (i = 0; i < sizeof(d->reserved); i++)
		if (d->reserved[i])
			return true;
	return false;
}

static void chk_pci(struct chk *c, const struct cell_ref *r,
		    const struct sys_ref *sys)
{
	const struct jh_pci_device *pci = jh_cell_pci_devices(r->desc);
	char field[JH_FINDING_FIELD], bdf[16];
	unsigned int i, j;

	for (i = 0; i < r->desc->num_pci_devices; i++) {
		const struct jh_pci_device *d = &pci[i];

		jh_format_bdf(bdf, sizeof(bdf), d->segment, d->bdf);
		jh_snprintf(field, sizeof(field), "%spci_devices[%u] (%s)",
			    r->prefix, i, bdf);
		if (d->type < JH_PCI_TYPE_DEVICE || d->type > JH_PCI_TYPE_IVSHMEM)
			chk_error(c, "pci-type", r->file, field,
				  "unknown PCI device type %u; fix: use JH_PCI_TYPE_DEVICE, _BRIDGE or _IVSHMEM",
				  d->type);
		if (d->msi_flags & ~JH_PCI_MSI_FLAGS_KNOWN)
			chk_error(c, "flags", r->file, field,
				  "unknown MSI flag bits 0x%x; fix: use only JH_PCI_MSI_64BITS|JH_PCI_MSI_MASKABLE",
				  d->msi_flags & ~JH_PCI_MSI_FLAGS_KNOWN);
		if (d->type != JH_PCI_TYPE_IVSHMEM &&
		    ((d->dma_flags & ~JH_PCI_DMA_FLAGS_KNOWN) || reserved_set(d) ||
		     (d->dma_alias && !(d->dma_flags & JH_PCI_DMA_ALIAS))))
			chk_error(c, "flags", r->file, field,
				  "DMA flags 0x%x, alias 0x%04x: unknown bits, reserved bytes or an alias without JH_PCI_DMA_ALIAS; "
				  "fix: take the entry from jh-discover (dma_alias with JH_PCI_DMA_ALIAS, reserved 0)",
				  d->dma_flags, d->dma_alias);
		for (j = 0; j < i; j++)
			if (pci[j].segment == d->segment && pci[j].bdf == d->bdf)
				chk_error(c, "pci-duplicate", r->file, field,
					  "%s is listed twice (also %spci_devices[%u]); fix: remove one entry",
					  bdf, r->prefix, j);
		if (d->num_caps)
			chk_pci_caps(c, r, field, d);
		if (sys)
			chk_pci_iommu(c, r, field, d, sys);
		chk_pci_memory(c, r, field, d);
	}
}

/*
 * Until the hypervisor programs an IOMMU, a device a cell drives can DMA
 * anywhere: device memory and PCI devices in a non-root cell need IOMMU
 * units or the system's explicit JH_SYS_NO_DMA_ISOLATION.
 */
static void chk_dma_isolation(struct chk *c, const struct cell_ref *r,
			      const struct sys_ref *sys)
{
	const struct jh_memory *mem = jh_cell_mem_regions(r->desc);
	const struct jh_pci_device *pci = jh_cell_pci_devices(r->desc);
	char field[JH_FINDING_FIELD], bdf[16];
	unsigned int i;

	if (sys->sys->platform.num_iommus ||
	    (sys->sys->flags & JH_SYS_NO_DMA_ISOLATION))
		return;
	for (i = 0; i < r->desc->num_memory_regions; i++) {
		if (!(mem[i].flags & (JH_MEM_IO | JH_MEM_DMA)))
			continue;
		jh_snprintf(field, sizeof(field), "%smemory[%u]", r->prefix, i);
		chk_error(c, "dma-isolation", r->file, field,
			  "%s region 0x%llx+0x%llx, but %s has no IOMMU to confine its DMA; "
			  "fix: remove it, or accept DMA anywhere: JH_SYS_NO_DMA_ISOLATION in the system flags (jh-plan --no-dma-isolation)",
			  mem[i].flags & JH_MEM_IO ? "device (IO)" : "DMA",
			  (unsigned long long)mem[i].phys_start,
			  (unsigned long long)mem[i].size, sys->file);
	}
	for (i = 0; i < r->desc->num_pci_devices; i++) {
		if (pci[i].type == JH_PCI_TYPE_IVSHMEM)
			continue;	/* emulated: no DMA of its own */
		jh_format_bdf(bdf, sizeof(bdf), pci[i].segment, pci[i].bdf);
		jh_snprintf(field, sizeof(field), "%spci_devices[%u] (%s)",
			    r->prefix, i, bdf);
		chk_error(c, "dma-isolation", r->file, field,
			  "PCI device, but %s has no IOMMU to confine its DMA; "
			  "fix: remove it, or accept DMA anywhere: JH_SYS_NO_DMA_ISOLATION in the system flags (jh-plan --no-dma-isolation)",
			  sys->file);
	}
}

void chk_console(struct chk *c, const char *file, const char *field,
		 const struct jh_console *con)
{
	if (con->type > JH_CON_8250_MMIO)
		chk_error(c, "console", file, field,
			  "unknown console type %u; fix: use JH_CON_NONE, JH_CON_8250_PIO or JH_CON_8250_MMIO",
			  con->type);
	if (con->type == JH_CON_8250_MMIO && con->reg_width != 1 &&
	    con->reg_width != 4)
		chk_error(c, "console", file, field,
			  "MMIO UART register width %u; fix: set .reg_width to 1 or 4",
			  con->reg_width);
	if (con->type == JH_CON_8250_PIO && con->address > 0xfff8)
		chk_error(c, "console", file, field,
			  "UART port 0x%llx is beyond the port space; fix: use its base port, e.g. 0x3f8",
			  (unsigned long long)con->address);
	if (con->flags)
		chk_error(c, "flags", file, field,
			  "console flags 0x%x are reserved; fix: set .flags = 0", con->flags);
}

void chk_cell(struct chk *c, const struct cell_ref *r,
	      const struct sys_ref *sys)
{
	const struct jh_memory *mem = jh_cell_mem_regions(r->desc);
	char field[JH_FINDING_FIELD];
	unsigned int i;

	chk_cell_header(c, r, sys);
	for (i = 0; i < r->desc->num_memory_regions; i++)
		chk_mem_region(c, r, i, &mem[i]);
	chk_mem_overlaps(c, r);
	chk_cache(c, r);
	chk_pio(c, r);
	chk_irqchips(c, r, sys);
	chk_pci(c, r, sys);
	chk_shmem(c, r);
	if (sys && !r->is_root)
		chk_dma_isolation(c, r, sys);
	jh_snprintf(field, sizeof(field), "%sconsole", r->prefix);
	chk_console(c, r->file, field, &r->desc->console);
}
