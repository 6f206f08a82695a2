// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Rules across cells. Cells take their resources from the root cell, so a
 * non-root cell may only use what the root cell owns, and no two non-root
 * cells may own the same CPU, memory, ports, IOAPIC pin or PCI device.
 */
#include "check-internal.h"

/* The i-th range of an array as [start, end); false to skip the entry */
typedef bool (*range_fn)(const struct cell_ref *r, unsigned int i,
			 uint64_t *start, uint64_t *end);

static bool mem_range(const struct cell_ref *r, unsigned int i,
		      uint64_t *start, uint64_t *end)
{
	const struct jh_memory *m = &jh_cell_mem_regions(r->desc)[i];

	*start = m->phys_start;
	*end = mem_phys_end(m);
	return mem_has_phys(m) && *end;
}

static bool pio_range(const struct cell_ref *r, unsigned int i,
		      uint64_t *start, uint64_t *end)
{
	const struct jh_pio *p = &jh_cell_pio(r->desc)[i];

	*start = p->base;
	*end = (uint64_t)p->base + p->length;
	return p->length && *end <= 0x10000;
}

/*
 * First address of [start, end) that no range of r covers (ranges may be
 * adjacent: several root regions can together cover one cell region), or
 * end when all of it is covered.
 */
static uint64_t first_uncovered(const struct cell_ref *r, unsigned int n,
				range_fn get, uint64_t start, uint64_t end)
{
	uint64_t pos = start, s, e;
	unsigned int i;
	bool moved = true;

	while (pos < end && moved) {
		moved = false;
		for (i = 0; i < n; i++) {
			if (!get(r, i, &s, &e) || s > pos || e <= pos)
				continue;
			pos = e;
			moved = true;
			break;
		}
	}
	return pos < end ? pos : end;
}

static void chk_mem_owned(struct chk *c, const struct sys_ref *sys,
			  const struct cell_ref *cell)
{
	unsigned int i, n_root = sys->root.desc->num_memory_regions;
	char field[JH_FINDING_FIELD];
	uint64_t s, e, gap;

	for (i = 0; i < cell->desc->num_memory_regions; i++) {
		if (!mem_range(cell, i, &s, &e))
			continue;
		gap = first_uncovered(&sys->root, n_root, mem_range, s, e);
		if (gap == e)
			continue;
		jh_snprintf(field, sizeof(field), "memory[%u]", i);
		chk_error(c, "not-owned-by-root", cell->file, field,
			  "phys 0x%llx-0x%llx: 0x%llx is in no root cell region of %s, "
			  "cells only take memory from the root cell; "
			  "fix: add the range to the root cell's memory or pick memory it owns",
			  (unsigned long long)s, (unsigned long long)e - 1,
			  (unsigned long long)gap, sys->file);
	}
}

static void chk_pio_owned(struct chk *c, const struct sys_ref *sys,
			  const struct cell_ref *cell)
{
	unsigned int i, n_root = sys->root.desc->num_pio_regions;
	char field[JH_FINDING_FIELD];
	uint64_t s, e, gap;

	for (i = 0; i < cell->desc->num_pio_regions; i++) {
		if (!pio_range(cell, i, &s, &e))
			continue;
		gap = first_uncovered(&sys->root, n_root, pio_range, s, e);
		if (gap == e)
			continue;
		jh_snprintf(field, sizeof(field), "pio[%u]", i);
		chk_error(c, "not-owned-by-root", cell->file, field,
			  "ports 0x%llx-0x%llx: port 0x%llx is not in the root cell's pio of %s; "
			  "fix: add the ports to the root cell or drop them here",
			  (unsigned long long)s, (unsigned long long)e - 1,
			  (unsigned long long)gap, sys->file);
	}
}

static const struct jh_pci_device *find_pci(const struct cell_ref *r,
					    uint16_t segment, uint16_t bdf)
{
	const struct jh_pci_device *d = jh_cell_pci_devices(r->desc);
	unsigned int i;

	for (i = 0; i < r->desc->num_pci_devices; i++)
		if (d[i].segment == segment && d[i].bdf == bdf)
			return &d[i];
	return NULL;
}

static const struct jh_irqchip *find_irqchip(const struct cell_ref *r,
					     uint64_t address)
{
	const struct jh_irqchip *chip = jh_cell_irqchips(r->desc);
	unsigned int i;

	for (i = 0; i < r->desc->num_irqchips; i++)
		if (chip[i].address == address)
			return &chip[i];
	return NULL;
}

static bool pin_set(const struct jh_irqchip *chip, unsigned int pin)
{
	return chip && (chip->pin_bitmap[pin / 64] >> (pin % 64)) & 1;
}

/* First pin set in a and not in b (b may be NULL), or -1 */
static int first_pin_not_in(const struct jh_irqchip *a,
			    const struct jh_irqchip *b, bool want_in_b)
{
	unsigned int pin;

	for (pin = 0; pin < JH_IRQCHIP_PINS; pin++)
		if (pin_set(a, pin) && pin_set(b, pin) == want_in_b)
			return (int)pin;
	return -1;
}

static void alias_text(char *buf, size_t size, const struct jh_pci_device *d)
{
	if (jh_pci_dma_sid(d, 1) < 0)
		jh_snprintf(buf, size, "none");
	else
		jh_format_bdf(buf, size, d->segment, (uint16_t)jh_pci_dma_sid(d, 1));
}

/*
 * DMA aliases (include/jh/config.h): the hypervisor gives a requester id
 * to the cell listing a device with that id, own or alias. So the cell's
 * entry must carry the alias the root's does, and no device staying with
 * the root may share an id with one of the cell's: its DMA would reach
 * the cell's memory, or the cell's the root's.
 */
static void chk_alias_owned(struct chk *c, const struct sys_ref *sys,
			    const struct cell_ref *cell, const char *field,
			    const struct jh_pci_device *d)
{
	const struct jh_pci_device *own = find_pci(&sys->root, d->segment, d->bdf);
	const struct jh_pci_device *r = jh_cell_pci_devices(sys->root.desc);
	char sid[16], other[16];
	unsigned int i;
	int shared;

	if (!own)
		return;
	if (jh_pci_dma_sid(d, 1) != jh_pci_dma_sid(own, 1)) {
		alias_text(sid, sizeof(sid), d);
		alias_text(other, sizeof(other), own);
		chk_error(c, "pci-alias", cell->file, field,
			  "DMA alias %s, but the root cell's entry of the device in %s has %s; "
			  "fix: copy the root cell's entry (jh-plan does)",
			  sid, sys->file, other);
		return;
	}
	for (i = 0; i < sys->root.desc->num_pci_devices; i++) {
		if ((r[i].segment == d->segment && r[i].bdf == d->bdf) ||
		    find_pci(cell, r[i].segment, r[i].bdf))
			continue;
		shared = jh_pci_shared_sid(d, &r[i]);
		if (shared < 0)
			continue;
		jh_format_bdf(sid, sizeof(sid), d->segment, (uint16_t)shared);
		jh_format_bdf(other, sizeof(other), r[i].segment, r[i].bdf);
		chk_error(c, "pci-alias-shared", cell->file, field,
			  "its DMA reaches the IOMMU as %s, and so does that of %s, which stays with the root cell: "
			  "the IOMMU cannot tell them apart; fix: give %s to this cell too, or leave both to the root",
			  sid, other, other);
		return;
	}
}

static void chk_devices_owned(struct chk *c, const struct sys_ref *sys,
			      const struct cell_ref *cell)
{
	const struct jh_pci_device *d = jh_cell_pci_devices(cell->desc);
	const struct jh_irqchip *chip = jh_cell_irqchips(cell->desc);
	char field[JH_FINDING_FIELD], bdf[16];
	unsigned int i;
	int pin;

	for (i = 0; i < cell->desc->num_pci_devices; i++) {
		if (d[i].type == JH_PCI_TYPE_IVSHMEM)
			continue;
		jh_format_bdf(bdf, sizeof(bdf), d[i].segment, d[i].bdf);
		jh_snprintf(field, sizeof(field), "pci_devices[%u] (%s)", i, bdf);
		chk_alias_owned(c, sys, cell, field, &d[i]);
		if (find_pci(&sys->root, d[i].segment, d[i].bdf))
			continue;
		chk_error(c, "not-owned-by-root", cell->file, field,
			  "%s is not a device of the root cell in %s; "
			  "fix: add it to the root cell (virtual ivshmem devices excepted) or drop it",
			  bdf, sys->file);
	}
	for (i = 0; i < cell->desc->num_irqchips; i++) {
		pin = first_pin_not_in(&chip[i],
				       find_irqchip(&sys->root, chip[i].address),
				       false);
		if (pin < 0)
			continue;
		jh_snprintf(field, sizeof(field), "irqchips[%u]", i);
		chk_error(c, "not-owned-by-root", cell->file, field,
			  "IOAPIC 0x%llx pin %d is not the root cell's; "
			  "fix: add the pin to the root cell's irqchip or clear it here",
			  (unsigned long long)chip[i].address, pin);
	}
}

static bool same_name(const char *a, const char *b)
{
	size_t i;

	for (i = 0; i < JH_CELL_NAME_LEN; i++) {
		if (a[i] != b[i])
			return false;
		if (!a[i])
			return true;
	}
	return true;
}

/* Cells are named on the command line: two cells must not share a name */
static void chk_names_differ(struct chk *c, const struct cell_ref *a,
			     const struct cell_ref *b)
{
	if (!b->desc->name[0] || !same_name(a->desc->name, b->desc->name))
		return;	/* an empty name is reported by the "name" rule */
	chk_error(c, "name-shared", b->file, "name",
		  "the name '%s' is also the name of %s cell in %s; "
		  "fix: give every cell its own name",
		  b->desc->name, a->is_root ? "the root" : "the", a->file);
}

/*
 * The hypervisor's debug console UART: [*start, *end) in ports (pio true)
 * or physical memory, the whole page for MMIO. false when there is none.
 */
static bool debug_console_range(const struct jh_console *con, bool *pio,
				 uint64_t *start, uint64_t *end)
{
	uint64_t regs = 8ULL << (con->reg_shift & 7);

	*pio = con->type == JH_CON_8250_PIO;
	*start = con->address;
	*end = con->address + (*pio ? 8 : regs);
	if (*pio || con->type != JH_CON_8250_MMIO)
		return *pio && *end <= 0x10000;
	*start &= ~(JH_CONFIG_PAGE_SIZE - 1);
	*end = (*end + JH_CONFIG_PAGE_SIZE - 1) & ~(JH_CONFIG_PAGE_SIZE - 1);
	return *end > *start;
}

/* The root shares the hypervisor's UART; a cell could hang or forge it */
static void chk_debug_console(struct chk *c, const struct sys_ref *sys,
			      const struct cell_ref *cell)
{
	unsigned int i, n;
	char field[JH_FINDING_FIELD];
	uint64_t s, e, us, ue;
	bool pio;

	if (!debug_console_range(&sys->sys->debug_console, &pio, &us, &ue))
		return;
	n = pio ? cell->desc->num_pio_regions : cell->desc->num_memory_regions;
	for (i = 0; i < n; i++) {
		if (!(pio ? pio_range(cell, i, &s, &e) : mem_range(cell, i, &s, &e)) ||
		    !ranges_overlap(s, e, us, ue))
			continue;
		jh_snprintf(field, sizeof(field), pio ? "pio[%u]" : "memory[%u]", i);
		chk_error(c, "debug-console", cell->file, field,
			  "%s 0x%llx-0x%llx include the hypervisor's debug console UART "
			  "0x%llx-0x%llx (debug_console of %s), which a cell could hang "
			  "or write forged hypervisor messages to; "
			  "fix: leave 0x%llx-0x%llx out and give the cell another UART",
			  pio ? "ports" : "phys", (unsigned long long)s,
			  (unsigned long long)e - 1, (unsigned long long)us,
			  (unsigned long long)ue - 1, sys->file,
			  (unsigned long long)us, (unsigned long long)ue - 1);
	}
}

void chk_cell_vs_root(struct chk *c, const struct sys_ref *sys,
		      const struct cell_ref *cell)
{
	chk_names_differ(c, &sys->root, cell);
	chk_mem_owned(c, sys, cell);
	chk_pio_owned(c, sys, cell);
	chk_devices_owned(c, sys, cell);
	chk_debug_console(c, sys, cell);
	chk_shmem_pair(c, &sys->root, cell);
}

static void chk_pair_cpus(struct chk *c, const struct cell_ref *a,
			  const struct cell_ref *b)
{
	uint64_t cpu, first = 0, shared = 0;

	cell_for_each_cpu(cpu, b->desc) {
		if (cell_has_cpu(a->desc, cpu) && !shared++)
			first = cpu;
	}
	if (shared)
		chk_error(c, "cpu-shared", b->file, "cpus",
			  "CPU %llu%s is also given to cell '%s' (%s); "
			  "fix: give each CPU to one non-root cell only",
			  (unsigned long long)first,
			  shared > 1 ? " (and others)" : "", a->desc->name,
			  a->file);
}

static void chk_pair_memory(struct chk *c, const struct cell_ref *a,
			    const struct cell_ref *b)
{
	const struct jh_memory *ma = jh_cell_mem_regions(a->desc);
	const struct jh_memory *mb = jh_cell_mem_regions(b->desc);
	char field[JH_FINDING_FIELD];
	uint64_t sa, ea, sb, eb;
	unsigned int i, j;

	for (i = 0; i < b->desc->num_memory_regions; i++) {
		if (!mem_range(b, i, &sb, &eb))
			continue;
		for (j = 0; j < a->desc->num_memory_regions; j++) {
			if (!mem_range(a, j, &sa, &ea) ||
			    !ranges_overlap(sa, ea, sb, eb))
				continue;
			/* both sides declared it shared memory on purpose */
			if (mb[i].flags & ma[j].flags & JH_MEM_ROOTSHARED)
				continue;
			jh_snprintf(field, sizeof(field), "memory[%u]", i);
			chk_error(c, "mem-shared", b->file, field,
				  "phys 0x%llx-0x%llx is also memory[%u] 0x%llx-0x%llx of cell '%s' (%s); "
				  "fix: give each cell its own memory (shared memory: JH_MEM_ROOTSHARED on both)",
				  (unsigned long long)sb, (unsigned long long)eb - 1,
				  j, (unsigned long long)sa,
				  (unsigned long long)ea - 1, a->desc->name, a->file);
		}
	}
}

static void chk_pair_pio(struct chk *c, const struct cell_ref *a,
			 const struct cell_ref *b)
{
	char field[JH_FINDING_FIELD];
	uint64_t sa, ea, sb, eb;
	unsigned int i, j;

	for (i = 0; i < b->desc->num_pio_regions; i++) {
		if (!pio_range(b, i, &sb, &eb))
			continue;
		for (j = 0; j < a->desc->num_pio_regions; j++) {
			if (!pio_range(a, j, &sa, &ea) ||
			    !ranges_overlap(sa, ea, sb, eb))
				continue;
			jh_snprintf(field, sizeof(field), "pio[%u]", i);
			chk_error(c, "pio-shared", b->file, field,
				  "ports 0x%llx-0x%llx overlap pio[%u] 0x%llx-0x%llx of cell '%s' (%s); "
				  "fix: give each port to one non-root cell only",
				  (unsigned long long)sb, (unsigned long long)eb - 1,
				  j, (unsigned long long)sa,
				  (unsigned long long)ea - 1, a->desc->name, a->file);
		}
	}
}

static void chk_pair_devices(struct chk *c, const struct cell_ref *a,
			     const struct cell_ref *b)
{
	const struct jh_pci_device *d = jh_cell_pci_devices(b->desc);
	const struct jh_irqchip *chip = jh_cell_irqchips(b->desc);
	char field[JH_FINDING_FIELD], bdf[16];
	unsigned int i;
	int pin;

	for (i = 0; i < b->desc->num_pci_devices; i++) {
		if (d[i].type == JH_PCI_TYPE_IVSHMEM ||
		    !find_pci(a, d[i].segment, d[i].bdf))
			continue;
		jh_format_bdf(bdf, sizeof(bdf), d[i].segment, d[i].bdf);
		jh_snprintf(field, sizeof(field), "pci_devices[%u] (%s)", i, bdf);
		chk_error(c, "pci-shared", b->file, field,
			  "%s is also a device of cell '%s' (%s); "
			  "fix: give each PCI device to one non-root cell only",
			  bdf, a->desc->name, a->file);
	}
	for (i = 0; i < b->desc->num_irqchips; i++) {
		pin = first_pin_not_in(&chip[i],
				       find_irqchip(a, chip[i].address), true);
		if (pin < 0)
			continue;
		jh_snprintf(field, sizeof(field), "irqchips[%u]", i);
		chk_error(c, "irq-pin-shared", b->file, field,
			  "IOAPIC 0x%llx pin %d is also given to cell '%s' (%s); "
			  "fix: give each IOAPIC pin to one non-root cell only",
			  (unsigned long long)chip[i].address, pin,
			  a->desc->name, a->file);
	}
}

void chk_cell_pair(struct chk *c, const struct cell_ref *a,
		   const struct cell_ref *b)
{
	chk_names_differ(c, a, b);
	chk_pair_cpus(c, a, b);
	chk_pair_memory(c, a, b);
	chk_pair_pio(c, a, b);
	chk_pair_devices(c, a, b);
	chk_shmem_pair(c, a, b);
}
