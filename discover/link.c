// SPDX-License-Identifier: GPL-2.0
/*
 * Joining the sources once all are read: DMAR scope paths become BDFs,
 * every PCI device gets the IOMMU unit that translates it, every IOAPIC
 * its interrupt-remapping source id and its pin count (kernel log or
 * MADT, ioapic-pins.c), and BARs whose size the PCI source did not give
 * (dumps) take it from the iomem/ioports entry that names the device.
 */
#include <stdio.h>
#include <string.h>

#include "acpi.h"
#include "ioapic-pins.h"
#include "pci-decode.h"
#include "sources.h"

static bool is_bridge(const struct dsc_pci *d)
{
	return d && pci_header_type(d) == 1;
}

/*
 * A scope path is a start bus and one (device, function) hop per bridge:
 * each hop but the last names a bridge whose secondary bus is where the
 * next hop is looked up.
 */
static void resolve_scope(struct machine *m, struct dsc_scope *s,
			  uint16_t segment, long where)
{
	unsigned int bus = s->start_bus;

	s->bdf16 = DSC_NONE;
	if (!s->path_len) {
		dsc_warn(m, "DMAR", where, "device scope with an empty path");
		return;
	}
	for (int i = 0; i + 1 < s->path_len; i++) {
		const struct dsc_pci *br = machine_find_pci(m, segment, bus,
							    s->path[i][0],
							    s->path[i][1]);

		if (!is_bridge(br)) {
			if (m->pci_read)
				dsc_warn(m, "DMAR", where,
					 "scope path hop %d: %02x:%02x.%x is %s; cannot follow the path",
					 i, bus, s->path[i][0], s->path[i][1],
					 br ? "not a bridge" : "not in the PCI data");
			return;
		}
		bus = cfg8(br, 0x19);
	}
	s->bdf16 = bus << 8 | (s->path[s->path_len - 1][0] & 0x1f) << 3 |
		   (s->path[s->path_len - 1][1] & 7);
}

void dmar_resolve_scopes(struct machine *m)
{
	for (size_t i = 0; i < m->iommus.n; i++)
		for (size_t j = 0; j < m->iommus.v[i].scopes.n; j++)
			resolve_scope(m, &m->iommus.v[i].scopes.v[j],
				      m->iommus.v[i].segment, DSC_NONE);
	for (size_t i = 0; i < m->rmrrs.n; i++)
		for (size_t j = 0; j < m->rmrrs.v[i].scopes.n; j++)
			resolve_scope(m, &m->rmrrs.v[i].scopes.v[j],
				      m->rmrrs.v[i].segment, DSC_NONE);
	for (size_t i = 0; i < m->atsrs.n; i++)
		for (size_t j = 0; j < m->atsrs.v[i].scopes.n; j++)
			resolve_scope(m, &m->atsrs.v[i].scopes.v[j],
				      m->atsrs.v[i].segment, DSC_NONE);
	for (size_t i = 0; i < m->satcs.n; i++)
		for (size_t j = 0; j < m->satcs.v[i].scopes.n; j++)
			resolve_scope(m, &m->satcs.v[i].scopes.v[j],
				      m->satcs.v[i].segment, DSC_NONE);
}

/* VT-d: an endpoint scope names it, a bridge scope covers its buses */
static bool vtd_scope_covers(const struct machine *m, uint16_t seg,
			     const struct dsc_scope *s, const struct dsc_pci *d)
{
	const struct dsc_pci *br;

	/* IOAPIC, HPET and ACPI namespace scopes name no PCI function */
	if (s->bdf16 < 0 || (s->type != DMAR_SCOPE_ENDPOINT &&
			     s->type != DMAR_SCOPE_BRIDGE))
		return false;
	if (s->bdf16 == pci_bdf16(d))
		return true;
	if (s->type != DMAR_SCOPE_BRIDGE)
		return false;
	br = machine_find_pci(m, seg, s->bdf16 >> 8, (s->bdf16 >> 3) & 0x1f,
			      s->bdf16 & 7);
	return is_bridge(br) && d->bus >= cfg8(br, 0x19) &&
	       d->bus <= cfg8(br, 0x1a);
}

static int vtd_unit_of(const struct machine *m, const struct dsc_pci *d)
{
	int all = DSC_NONE;

	for (size_t i = 0; i < m->iommus.n; i++) {
		const struct dsc_iommu *u = &m->iommus.v[i];

		if (u->type != DSC_IOMMU_VTD || u->segment != d->segment)
			continue;
		if (u->include_all) {
			all = i;
			continue;
		}
		for (size_t j = 0; j < u->scopes.n; j++)
			if (vtd_scope_covers(m, u->segment, &u->scopes.v[j], d))
				return i;
	}
	return all;
}

static bool ivhd_covers(const struct dsc_ivhd *h, uint16_t bdf)
{
	int range_start = -1;

	for (size_t i = 0; i < h->entries.n; i++) {
		const struct dsc_ivhd_entry *e = &h->entries.v[i];

		switch (e->type) {
		case 1:				/* all */
			return true;
		case 2: case 66: case 70:	/* select */
			if (e->devid == bdf)
				return true;
			break;
		case 3: case 67: case 71:	/* start of range */
			range_start = e->devid;
			break;
		case 4:				/* end of range */
			if (range_start >= 0 && bdf >= range_start &&
			    bdf <= e->devid)
				return true;
			range_start = -1;
			break;
		}
	}
	return false;
}

static int amd_unit_of(const struct machine *m, const struct dsc_pci *d)
{
	int same_bus = DSC_NONE, same_segment = DSC_NONE;

	for (size_t i = 0; i < m->iommus.n; i++) {
		const struct dsc_iommu *u = &m->iommus.v[i];

		if (u->type != DSC_IOMMU_AMD || u->segment != d->segment)
			continue;
		for (size_t j = 0; j < m->ivhds.n; j++) {
			const struct dsc_ivhd *h = &m->ivhds.v[j];

			if (h->base == u->base && h->type == u->amd_ivhd_type &&
			    ivhd_covers(h, pci_bdf16(d)))
				return i;
		}
		if (same_segment == DSC_NONE)
			same_segment = i;
		if (same_bus == DSC_NONE && (u->amd_bdf16 >> 8) == d->bus)
			same_bus = i;
	}
	/*
	 * Functions no IVHD entry lists (the root complex itself) sit next to
	 * the IOMMU on its bus: that unit is theirs for interrupt remapping
	 */
	return same_bus != DSC_NONE ? same_bus : same_segment;
}

static void link_ioapics(struct machine *m)
{
	for (size_t k = 0; k < m->ioapics.n; k++) {
		struct dsc_ioapic *io = &m->ioapics.v[k];

		for (size_t i = 0; i < m->iommus.n; i++) {
			const struct dsc_iommu *u = &m->iommus.v[i];

			for (size_t j = 0; j < u->scopes.n; j++) {
				const struct dsc_scope *s = &u->scopes.v[j];

				if (s->type == DMAR_SCOPE_IOAPIC && s->enum_id == io->id) {
					io->bdf16 = s->bdf16;
					io->iommu = i;
				}
			}
			if (u->type != DSC_IOMMU_AMD)
				continue;
			for (size_t j = 0; j < m->ivhds.n; j++) {
				const struct dsc_ivhd *h = &m->ivhds.v[j];

				if (h->base != u->base || h->type != u->amd_ivhd_type)
					continue;
				for (size_t e = 0; e < h->entries.n; e++) {
					const struct dsc_ivhd_entry *en =
						&h->entries.v[e];

					if (en->has_special && en->variety == 1 &&
					    en->handle == io->id) {
						io->bdf16 = en->source_devid;
						io->iommu = i;
					}
				}
			}
		}
	}
}

/* Sizes for BARs that a dump could not give: iomem names the device */
static void bar_sizes_from_maps(struct machine *m, struct dsc_pci *d)
{
	char name[16];

	snprintf(name, sizeof(name), "%04x:%02x:%02x.%x", d->segment, d->bus,
		 d->dev, d->fn);
	for (int i = 0; i < 6; i++) {
		struct dsc_bar *b = &d->bar[i];
		const struct dsc_range_vec *v = b->is_io ? &m->ioports : &m->iomem;

		if (!b->used || b->size_known || !b->address)
			continue;
		for (size_t j = 0; j < v->n; j++) {
			if (v->v[j].start == b->address && !strcmp(v->v[j].name, name)) {
				d->res_start[i] = v->v[j].start;
				d->res_end[i] = v->v[j].end;
				d->has_res = true;
				break;
			}
		}
	}
	if (d->has_res)
		pci_decode_bars(d);
}

/*
 * The PM timer port: the FADT's block, else the range Linux's ACPI core
 * claims in /proc/ioports as "ACPI PM_TMR" (trees collected without the
 * FADT have it). Linux does not say the width there: 24 bits is the one
 * every timer counts correctly in (a 32-bit one wraps its low 24 too).
 */
void pm_timer_assign(struct machine *m)
{
	struct dsc_pm_timer *t = &m->pm_timer;

	memset(t, 0, sizeof(*t));
	if (m->fadt.present && m->fadt.hw_reduced)
		return;		/* hardware-reduced ACPI has no PM timer */
	if (m->fadt.present && m->fadt.block[FADT_PM_TMR] &&
	    m->fadt.block[FADT_PM_TMR] < 0x10000) {
		t->source = PM_TIMER_FADT;
		t->port = m->fadt.block[FADT_PM_TMR];
		t->is_32bit = m->fadt.pm_timer_32bit;
		return;
	}
	for (size_t i = 0; i < m->ioports.n; i++) {
		const struct dsc_range *r = &m->ioports.v[i];

		/* non-root readers of /proc/ioports see every range at 0 */
		if (!strcmp(r->name, "ACPI PM_TMR") && r->start &&
		    r->start < 0x10000) {
			t->source = PM_TIMER_IOPORTS;
			t->port = r->start;
			return;
		}
	}
	dsc_limit(m, "ACPI PM timer port",
		  m->fadt.present ? "the FADT has no PM timer block and /proc/ioports names no \"ACPI PM_TMR\"" :
		  "no FADT was read and /proc/ioports names no \"ACPI PM_TMR\" (it shows ports to root only)",
		  "the PM timer port in the root cell config (pm_timer_port 0): the comm region passes it to inmates, which then cannot calibrate their timers against it (run as root, or give --acpidump or --ioports)");
}

/*
 * Where Linux put a BAR (its resource file, or libpci's view of it) wins
 * over config space: behind a non-transparent bridge or after firmware
 * moved a BAR they differ, and the root uses what Linux maps. A VF's BARs
 * read 0 in config space; Linux's view is then the only one (no warning).
 */
static void bars_from_linux(struct machine *m, struct dsc_pci *d)
{
	for (int i = 0; i < 6; i++) {
		struct dsc_bar *b = &d->bar[i];
		uint64_t start = d->res_start[i];

		if (!b->used || !d->has_res || d->res_end[i] <= start ||
		    start == b->address)
			continue;
		if (b->address && !start)
			dsc_warn(m, "PCI", DSC_NONE,
				 "%04x:%02x:%02x.%x BAR%d: config space says 0x%llx, but Linux left the BAR unassigned; not mapped for the root cell",
				 d->segment, d->bus, d->dev, d->fn, i,
				 (unsigned long long)b->address);
		else if (b->address)
			dsc_warn(m, "PCI", DSC_NONE,
				 "%04x:%02x:%02x.%x BAR%d: config space says 0x%llx, Linux's resource 0x%llx-0x%llx; Linux's used for the root cell's regions and the MSI-X hole",
				 d->segment, d->bus, d->dev, d->fn, i,
				 (unsigned long long)b->address,
				 (unsigned long long)start,
				 (unsigned long long)d->res_end[i]);
		b->address = start;
	}
}

/* The bridge whose secondary bus is bus; NULL on a root bus */
static const struct dsc_pci *upstream_bridge(const struct machine *m,
					     uint16_t segment, unsigned int bus)
{
	for (size_t i = 0; i < m->pci.n; i++) {
		const struct dsc_pci *br = m->pci.v[i];

		if (is_bridge(br) && br->segment == segment &&
		    cfg8(br, 0x19) == bus && br->bus != bus)
			return br;
	}
	return NULL;
}

/*
 * Hardware that does not say what it does (Linux's DMA alias quirks,
 * drivers/pci/quirks.c, the entries known here): PCIe-to-PCI bridges
 * without a PCI Express capability, and functions whose DMA carries
 * another function's id (fn: that function) as well as their own.
 */
static const uint32_t pcie_to_pci_without_cap[] = {
	0x1b211080, 0x10e38113, 0x12838892, 0x8086244e,
};

static const struct { uint32_t id; uint8_t fn; } fn_alias_quirks[] = {
	{ 0x1180e832, 0 }, { 0x1180e476, 0 },		/* Ricoh card readers */
	{ 0x1b4b9120, 1 }, { 0x1b4b9123, 1 }, { 0x1b4b9130, 1 },	/* Marvell SATA */
	{ 0x1b4b9172, 1 }, { 0x1b4b917a, 1 }, { 0x1b4b91a0, 1 },
	{ 0x1b4b9230, 1 }, { 0x11030642, 1 },		/* HighPoint (TTI) */
};

static uint32_t pci_id(const struct dsc_pci *d)
{
	return (uint32_t)cfg16(d, 0) << 16 | cfg16(d, 2);
}

/* A conventional bridge behind a PCIe port that Linux knows is PCIe-to-PCI */
static bool pcie_to_pci_quirk(const struct machine *m, const struct dsc_pci *br)
{
	const struct dsc_pci *up = upstream_bridge(m, br->segment, br->bus);
	const char *type = up && up->cfg_size >= 256 ? pci_express_type(up) : NULL;

	for (size_t i = 0; type && strcmp(type, "pci_bridge") &&
	     i < sizeof(pcie_to_pci_without_cap) / sizeof(pcie_to_pci_without_cap[0]); i++)
		if (pci_id(br) == pcie_to_pci_without_cap[i])
			return true;
	return false;
}

/*
 * The requester id a device's DMA reaches the IOMMU with besides its own
 * (Linux's pci_for_each_dma_alias(), QEMU's pci_device_iommu_address_space()):
 * walking up, a PCIe-to-PCI(-X) bridge gives its secondary bus, devfn 0;
 * a PCI-to-PCIe or conventional PCI bridge its own id; PCIe ports none.
 * The topmost such bridge's is what arrives; behind none, a function
 * quirk's. A bridge without its capabilities in the data (a 64-byte dump)
 * may be a PCIe port: no alias then, so the device's DMA faults rather
 * than reaching another's domain.
 */
static int dma_alias(const struct machine *m, const struct dsc_pci *d)
{
	const struct dsc_pci *br;
	unsigned int bus = d->bus, hops;
	int alias = DSC_NONE;
	const char *type;

	if (is_bridge(d))
		return DSC_NONE;	/* no DMA of its own */
	for (hops = 0; hops < 256 && (br = upstream_bridge(m, d->segment, bus)); hops++) {
		if (br->cfg_size < 256)
			return DSC_NONE;
		type = pci_express_type(br);
		if ((type && !strcmp(type, "pci_bridge")) || (!type && pcie_to_pci_quirk(m, br)))
			alias = cfg8(br, 0x19) << 8;
		else if (!type || !strcmp(type, "pcie_bridge"))
			alias = pci_bdf16(br);
		bus = br->bus;
	}
	for (size_t i = 0; alias == DSC_NONE &&
	     i < sizeof(fn_alias_quirks) / sizeof(fn_alias_quirks[0]); i++)
		if (pci_id(d) == fn_alias_quirks[i].id && d->fn != fn_alias_quirks[i].fn)
			alias = (pci_bdf16(d) & ~7) | fn_alias_quirks[i].fn;
	return alias;
}

void machine_link(struct machine *m)
{
	size_t unsized = 0;

	dmar_resolve_scopes(m);
	link_ioapics(m);
	ioapic_assign_pins(m);
	for (size_t i = 0; i < m->pci.n; i++) {
		struct dsc_pci *d = m->pci.v[i];

		bar_sizes_from_maps(m, d);
		bars_from_linux(m, d);
		for (int b = 0; b < 6; b++)
			if (d->bar[b].used && !d->bar[b].size_known)
				unsized++;
		d->iommu = vtd_unit_of(m, d);
		if (d->iommu == DSC_NONE)
			d->iommu = amd_unit_of(m, d);
		d->dma_alias = dma_alias(m, d);
	}
	pm_timer_assign(m);
	if (unsized)
		dsc_limit(m, "PCI BAR sizes",
			  "the PCI source has no sizes (a config dump) and iomem/ioports do not name those BARs",
			  "the size of those BARs: their MMIO regions are left out of the root cell (see warnings)");
}
