// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * A non-root cell's PCI device against the cell's memory: its memory BARs
 * must be mapped (JH_MEM_IO, at their physical address, since the cell
 * reads the physical BAR values from config space), and its MSI-X table
 * must not be: the hypervisor traps that page to check every vector the
 * cell programs, and a direct mapping would let the cell aim the device's
 * MSIs anywhere.
 *
 * Configs name BARs by their size masks only (bar_mask), not by address.
 * A BAR is naturally aligned to its size, so a BAR is taken as mapped when
 * some size-aligned window of its size is covered by the cell's
 * identity-mapped JH_MEM_IO regions (the MSI-X hole excepted): a correct
 * config always passes, and a missing BAR region is always found.
 */
#include "check-internal.h"

#define PAGE		JH_CONFIG_PAGE_SIZE
#define MSIX_ENTRY	16
#define BAR_IO		0x1U
#define BAR_TYPE_64	0x4U
#define BAR_ADDR_MASK	0xfffffff0U

static uint64_t page_down(uint64_t a)
{
	return a & ~(PAGE - 1);
}

static uint64_t page_up(uint64_t a)
{
	return (a + PAGE - 1) & ~(PAGE - 1);
}

/* The MSI-X table's pages, [*start, *end); false when it has none */
static bool msix_pages(const struct jh_pci_device *d, uint64_t *start,
		       uint64_t *end)
{
	uint64_t len = (uint64_t)d->num_msix_vectors * MSIX_ENTRY;

	if (!d->msix_address)
		return false;
	if (d->msix_region_size > len)
		len = d->msix_region_size;
	if (!len)
		len = MSIX_ENTRY;
	*start = page_down(d->msix_address);
	*end = page_up(d->msix_address + len);
	return *end > *start;
}

/* End of the identity JH_MEM_IO region holding addr (page-rounded), or 0 */
static uint64_t io_mapped_until(const struct cell_ref *r, uint64_t addr)
{
	const struct jh_memory *mem = jh_cell_mem_regions(r->desc);
	unsigned int i;

	for (i = 0; i < r->desc->num_memory_regions; i++) {
		const struct jh_memory *m = &mem[i];

		if ((m->flags & JH_MEM_IO) && m->virt_start == m->phys_start &&
		    mem_phys_end(m) && addr >= page_down(m->phys_start) &&
		    addr < page_up(mem_phys_end(m)))
			return page_up(mem_phys_end(m));
	}
	return 0;
}

/* [start, start + size) covered by identity IO regions and the MSI-X hole */
static bool window_mapped(const struct cell_ref *r,
			  const struct jh_pci_device *d, uint64_t start,
			  uint64_t size)
{
	uint64_t pos = start, end = start + size, hs = 0, he = 0, next;

	if (end < start)
		return false;
	msix_pages(d, &hs, &he);
	while (pos < end) {
		next = pos >= hs && pos < he ? he : io_mapped_until(r, pos);
		if (next <= pos)
			return false;
		pos = next;
	}
	return true;
}

/*
 * Some size-aligned window of this size is mapped. Candidates: the window
 * holding a region's start (the BAR may go on in the next region, past
 * the MSI-X hole) and the first window wholly after it.
 */
static bool bar_mapped(const struct cell_ref *r, const struct jh_pci_device *d,
		       uint64_t size)
{
	const struct jh_memory *mem = jh_cell_mem_regions(r->desc);
	uint64_t win = size < PAGE ? PAGE : size, a;
	unsigned int i;

	for (i = 0; i < r->desc->num_memory_regions; i++) {
		if (!(mem[i].flags & JH_MEM_IO) || !mem_phys_end(&mem[i]))
			continue;
		a = mem[i].phys_start & ~(win - 1);
		if (window_mapped(r, d, a, win) ||
		    (a + win > a && window_mapped(r, d, a + win, win)))
			return true;
	}
	return false;
}

static void chk_bars_mapped(struct chk *c, const struct cell_ref *r,
			    const char *field, const struct jh_pci_device *d)
{
	unsigned int i;
	uint64_t mask, size;

	for (i = 0; i < 6; i++) {
		mask = d->bar_mask[i];
		if (!mask || (mask & BAR_IO))
			continue;
		mask &= BAR_ADDR_MASK;
		if ((d->bar_mask[i] & BAR_TYPE_64) && i < 5)
			mask |= (uint64_t)d->bar_mask[++i] << 32;
		else
			mask |= 0xffffffff00000000ULL;
		size = ~mask + 1;
		if (!size || (size & (size - 1)) || bar_mapped(r, d, size))
			continue;	/* malformed masks: nothing to say */
		chk_warn(c, "pci-bar-unmapped", r->file, field,
			 "its memory BAR (0x%llx bytes, bar_mask[%u]) is in no JH_MEM_IO region of the cell mapped at its physical address: "
			 "the inmate's accesses to it would fail the cell; "
			 "fix: add the BAR as a JH_MEM_IO region with virt_start = phys_start (jh-plan --rt-devices writes it)",
			 (unsigned long long)size, i);
	}
}

static void chk_msix_hole(struct chk *c, const struct cell_ref *r,
			  const char *field, const struct jh_pci_device *d)
{
	const struct jh_memory *mem = jh_cell_mem_regions(r->desc);
	uint64_t hs, he;
	unsigned int i;

	if (!msix_pages(d, &hs, &he))
		return;
	for (i = 0; i < r->desc->num_memory_regions; i++) {
		if (!mem_has_phys(&mem[i]) || !mem_phys_end(&mem[i]) ||
		    !ranges_overlap(mem[i].phys_start, mem_phys_end(&mem[i]),
				    hs, he))
			continue;
		chk_error(c, "pci-msix-mapped", r->file, field,
			  "%smemory[%u] 0x%llx-0x%llx maps the device's MSI-X table page(s) 0x%llx-0x%llx: "
			  "the cell could aim the device's interrupts anywhere, past the hypervisor's checks; "
			  "fix: leave 0x%llx-0x%llx out of the region (split it around the table)",
			  r->prefix, i, (unsigned long long)mem[i].phys_start,
			  (unsigned long long)mem_phys_end(&mem[i]) - 1,
			  (unsigned long long)hs, (unsigned long long)he - 1,
			  (unsigned long long)hs, (unsigned long long)he - 1);
	}
}

void chk_pci_memory(struct chk *c, const struct cell_ref *r,
		    const char *field, const struct jh_pci_device *d)
{
	if (r->is_root || d->type != JH_PCI_TYPE_DEVICE)
		return;
	chk_msix_hole(c, r, field, d);
	chk_bars_mapped(c, r, field, d);
}
