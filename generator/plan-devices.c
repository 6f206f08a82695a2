// SPDX-License-Identifier: GPL-2.0
/*
 * RT devices: the checks that a device can leave the root cell safely
 * (found, IOMMU group, DMAR/IVRS scope, bridge, INTx sharing, RMRR, MSI-X
 * page, BAR pages), and the RT cell's entries for a device: its function
 * (the root cell's entry), BARs and INTx pin.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <jh/config-walk.h>

#include "config-names.h"
#include "plan.h"
#include "plan-regions.h"

#define CAP_PM		0x01
#define MSIX_ENTRY	16

/* An AMD IOMMU's own function: the hypervisor drives it */
static bool is_iommu_function(const struct machine *m, const struct pm_pci *d)
{
	int i;

	for (i = 0; i < m->num_iommus; i++)
		if (m->iommus[i].amd && m->iommus[i].amd_bdf16 == d->bdf16 &&
		    m->iommus[i].segment == d->segment)
			return true;
	return false;
}

static bool requested(const struct plan *p, const struct pm_pci *d)
{
	int i;

	for (i = 0; i < p->req->num_devices; i++)
		if (machine_pci(p->m, p->req->devices[i]) == d)
			return true;
	return false;
}

/* Root devices whose property equals the RT device's, as "a, b" */
static int root_devices_where(const struct plan *p, const struct pm_pci *d,
			      bool (*same)(const struct pm_pci *a,
					   const struct pm_pci *b),
			      char *buf, size_t size)
{
	size_t len = 0;
	int i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < p->m->num_pci; i++) {
		const struct pm_pci *o = &p->m->pci[i];

		if (o == d || requested(p, o) || !same(d, o))
			continue;
		if (n < 4 && len < size)
			len += (size_t)snprintf(buf + len, size - len, "%s%s (%s)",
						n ? ", " : "", o->bdf, o->name);
		n++;
	}
	if (n > 4 && len < size)
		snprintf(buf + len, size - len, " and %d more", n - 4);
	return n;
}

/*
 * Bridges aside: Linux groups a PCIe-to-PCI bridge with the devices behind
 * it for the requester id it gives their DMA, but it does no DMA itself;
 * that id goes with the devices (check_alias()), the bridge stays.
 */
static bool same_group(const struct pm_pci *a, const struct pm_pci *b)
{
	return a->iommu_group >= 0 && a->iommu_group == b->iommu_group &&
	       b->header_type != 1;
}

static bool same_bus(const struct pm_pci *a, const struct pm_pci *b)
{
	return a->segment == b->segment && a->bus == b->bus &&
	       b->header_type != 1;
}

static bool same_intx(const struct pm_pci *a, const struct pm_pci *b)
{
	return b->interrupt_pin && b->gsi == a->gsi && b->gsi > 0 &&
	       b->gsi < 255;
}

static bool uses_intx(const struct pm_pci *d)
{
	return d->interrupt_pin && !d->msi_vectors && !d->msix_vectors;
}

static const struct pm_pci *upstream_bridge(const struct machine *m,
					    const struct pm_pci *d)
{
	int i;

	for (i = 0; i < m->num_pci; i++)
		if (m->pci[i].header_type == 1 &&
		    m->pci[i].segment == d->segment &&
		    m->pci[i].secondary_bus == d->bus)
			return &m->pci[i];
	return NULL;
}

static void check_group(struct plan *p, const struct pm_pci *d)
{
	char who[400];

	if (d->iommu_group < 0) {
		plan_add(p, PLAN_NOTE, "iommu-group", NULL,
			 "%s: no IOMMU group in the input (Linux IOMMU off or offline data); scope and bridge checks below still apply",
			 d->bdf);
	} else if (root_devices_where(p, d, same_group, who, sizeof(who))) {
		char fix[480];

		snprintf(fix, sizeof(fix),
			 "fix: give the whole group to the cell (--rt-devices %s,...) or choose another device", d->bdf);
		plan_add(p, PLAN_ERROR, "iommu-group", fix,
			 "%s is in IOMMU group %d with root devices %s: the IOMMU cannot isolate them from each other",
			 d->bdf, d->iommu_group, who);
	} else {
		plan_add(p, PLAN_OK, "iommu-group", NULL,
			 "%s: alone in IOMMU group %d (or with other RT devices)",
			 d->bdf, d->iommu_group);
	}
}

/* VT-d bridge scopes and IVRS aliases put several devices behind one id */
static void check_scope(struct plan *p, const struct pm_pci *d)
{
	const struct machine *m = p->m;
	int i, j;

	if (!machine_iommu_present(m)) {
		plan_add(p, PLAN_WARNING, "iommu-scope",
			 p->req->no_dma_isolation ?
			 "fix: enable VT-d/AMD-Vi in the firmware setup so the device's DMA is confined to the cell (--no-dma-isolation accepts the risk meanwhile)" :
			 "fix: enable VT-d/AMD-Vi in the firmware setup so the device's DMA is confined to the cell, or accept the risk with --no-dma-isolation (the validator refuses the cell's devices otherwise)",
			 "%s: the machine has no IOMMU: the device's DMA can reach all memory", d->bdf);
		return;
	}
	if (d->iommu < 0) {
		plan_add(p, PLAN_ERROR, "iommu-scope",
			 "fix: choose a device an IOMMU unit covers (DMAR/IVRS scope), or update the firmware",
			 "%s: no IOMMU unit's scope covers the device", d->bdf);
		return;
	}
	for (i = 0; i < m->num_iommus; i++) {
		const struct pm_iommu *u = &m->iommus[i];

		for (j = 0; j < u->num_scopes; j++) {
			const struct pm_scope *s = &u->scopes[j];
			const struct pm_pci *br;
			char who[400];
			int k;

			if (strcmp(s->type, "bridge") || s->bdf16 < 0)
				continue;
			br = NULL;
			for (k = 0; k < m->num_pci; k++)
				if (m->pci[k].bdf16 == s->bdf16 &&
				    m->pci[k].segment == u->segment)
					br = &m->pci[k];
			if (!br || d->bus < br->secondary_bus ||
			    d->bus > br->subordinate_bus)
				continue;
			if (root_devices_where(p, d, same_bus, who, sizeof(who))) {
				plan_add(p, PLAN_ERROR, "iommu-scope",
					 "fix: give every device behind that bridge to the cell, or choose another device",
					 "%s is in the DMAR bridge scope of %s together with root devices %s",
					 d->bdf, br->bdf, who);
				return;
			}
		}
	}
	for (i = 0; i < m->num_aliases; i++) {
		const struct pm_alias *a = &m->aliases[i];

		if (a->devid != d->bdf16 && a->source_devid != d->bdf16)
			continue;
		for (j = 0; j < m->num_pci; j++) {
			const struct pm_pci *o = &m->pci[j];

			if (o == d || requested(p, o))
				continue;
			if (o->bdf16 == a->devid || o->bdf16 == a->source_devid) {
				plan_add(p, PLAN_ERROR, "iommu-scope",
					 "fix: give the aliased devices to the cell together, or choose another device",
					 "%s shares the IVRS requester id %04x with root device %s",
					 d->bdf, a->source_devid, o->bdf);
				return;
			}
		}
	}
	plan_add(p, PLAN_OK, "iommu-scope", NULL,
		 "%s: own requester id in IOMMU unit %d", d->bdf, d->iommu);
}

static void check_bridge(struct plan *p, const struct pm_pci *d)
{
	const struct pm_pci *br = upstream_bridge(p->m, d);
	char who[400];
	bool conventional;

	if (!br) {
		plan_add(p, PLAN_OK, "bridge", NULL,
			 "%s: on a root bus, behind no bridge", d->bdf);
		return;
	}
	conventional = !strcmp(br->pcie_type, "pci_bridge") || !br->pcie_type[0];
	if (!root_devices_where(p, d, same_bus, who, sizeof(who))) {
		plan_add(p, PLAN_OK, "bridge", NULL,
			 "%s: behind bridge %s with no root devices", d->bdf,
			 br->bdf);
	} else if (conventional) {
		plan_add(p, PLAN_ERROR, "bridge",
			 "fix: give every device behind the bridge to the cell, or choose a device on its own PCIe port",
			 "%s is behind conventional PCI bridge %s with root devices %s: they share the bridge's requester id",
			 d->bdf, br->bdf, who);
	} else {
		plan_add(p, PLAN_WARNING, "bridge",
			 "fix: give the other functions to the cell too if they belong to the same card",
			 "%s is behind %s together with root devices %s: resets and errors on the link affect both cells",
			 d->bdf, br->bdf, who);
	}
}

/* jh-discover's root cell entry of a machine device; NULL if it has none */
static const struct jh_pci_device *root_entry(const struct plan *p,
					      const struct pm_pci *d)
{
	const struct jhgen_cell *root = &p->m->root.root;
	const struct jh_pci_device *e;
	size_t i;

	for (i = 0; i < root->pci.count; i++) {
		e = jhgen_pci(root, i);
		if (e->segment == d->segment && e->bdf == d->bdf16)
			return e;
	}
	return NULL;
}

/*
 * A DMA alias (the requester id a bridge above gives the device's DMA,
 * jh-discover's dma_alias): the hypervisor gives it to the cell with the
 * device. Noted here; a root device with the same id is the validator's
 * pci-alias-shared, reported once by plan_validate().
 */
static void check_alias(struct plan *p, const struct pm_pci *d)
{
	const struct jh_pci_device *e = root_entry(p, d);
	char sid[16];

	if (!e || jh_pci_dma_sid(e, 1) < 0)
		return;		/* no alias: no finding */
	jh_format_bdf(sid, sizeof(sid), d->segment, (uint16_t)jh_pci_dma_sid(e, 1));
	plan_add(p, PLAN_OK, "dma-alias", NULL,
		 "%s: its DMA also arrives as %s (a bridge's id): that id goes to the cell with it, and so must every device using it (validator rule pci-alias-shared)",
		 d->bdf, sid);
}

static void check_intx(struct plan *p, const struct pm_pci *d)
{
	char who[400];

	if (!uses_intx(d)) {
		plan_add(p, PLAN_OK, "intx", NULL, "%s: %s", d->bdf,
			 d->msix_vectors ? "uses MSI-X" :
			 d->msi_vectors ? "uses MSI" : "raises no interrupts");
	} else if (root_devices_where(p, d, same_intx, who, sizeof(who))) {
		plan_add(p, PLAN_ERROR, "intx",
			 "fix: use a device with MSI or MSI-X, or move the sharing devices to the cell too",
			 "%s has no MSI/MSI-X and its INTx line (GSI %d) is shared with root devices %s",
			 d->bdf, d->gsi, who);
	} else if (d->gsi != d->interrupt_line) {
		plan_add(p, PLAN_NOTE, "intx", NULL,
			 "%s uses INTx on GSI %d (not shared; Linux's routing, the interrupt line register says %d): its IOAPIC pin goes to the cell",
			 d->bdf, d->gsi, d->interrupt_line);
	} else {
		plan_add(p, PLAN_NOTE, "intx", NULL,
			 "%s uses INTx on GSI %d (not shared): its IOAPIC pin goes to the cell",
			 d->bdf, d->gsi);
	}
}

static void check_rmrr(struct plan *p, const struct pm_pci *d)
{
	const struct machine *m = p->m;
	int i, j;

	for (i = 0; i < m->num_rmrrs; i++)
		for (j = 0; j < m->rmrrs[i].num_scopes; j++)
			if (m->rmrrs[i].scopes[j].bdf16 == d->bdf16) {
				plan_add(p, PLAN_ERROR, "rmrr",
					 "fix: keep the device in the root cell (firmware uses it, e.g. USB legacy or graphics)",
					 "%s is tied to firmware memory 0x%" PRIx64 "-0x%" PRIx64 " by a DMAR RMRR",
					 d->bdf, m->rmrrs[i].base, m->rmrrs[i].end);
				return;
			}
	plan_add(p, PLAN_OK, "rmrr", NULL, "%s: no RMRR names it", d->bdf);
}

static void check_msix_page(struct plan *p, const struct pm_pci *d)
{
	uint64_t start, end, pstart, pend, tbl_end;
	const struct pm_bar *bar = NULL;
	bool before, pba;
	int i;

	if (!d->msix_vectors || !d->msix_table) {
		plan_add(p, PLAN_OK, "msix-page", NULL, "%s: no MSI-X table",
			 d->bdf);
		return;
	}
	tbl_end = d->msix_table + (uint64_t)d->msix_vectors * MSIX_ENTRY;
	start = d->msix_table & ~(PAGE_SIZE - 1);
	end = (tbl_end + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	for (i = 0; i < d->num_bars; i++)
		if (d->bars[i].index == d->msix_table_bar)
			bar = &d->bars[i];
	pstart = d->msix_pba;
	pend = d->msix_pba + 8;
	/*
	 * What is known to share the table's pages: the PBA, and the BAR's
	 * bytes before a table that does not start a page. (The tail of the
	 * last page may be unused; the input cannot tell.)
	 */
	before = d->msix_table != start &&
		 (!bar || bar->address < d->msix_table);
	pba = pstart < end && pend > start;
	if (before || pba) {
		plan_add(p, PLAN_WARNING, "msix-page",
			 "fix: none needed for correctness; prefer a device whose MSI-X table has its own page if those registers are on the RT path",
			 "%s: the MSI-X table at 0x%" PRIx64 " shares its page with other registers%s; the hypervisor traps that page, so those accesses are emulated (slower)",
			 d->bdf, d->msix_table,
			 pba ? " (the PBA)" : "");
		return;
	}
	plan_add(p, PLAN_OK, "msix-page", NULL,
		 "%s: MSI-X table 0x%" PRIx64 " has its page(s) to itself",
		 d->bdf, d->msix_table);
}

/* Mapped memory of a BAR, rounded out to whole pages as EPT maps it */
static void bar_pages(const struct pm_bar *b, uint64_t *start, uint64_t *end)
{
	*start = b->address & ~(PAGE_SIZE - 1);
	*end = (b->address + b->size + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
}

static bool is_mem_bar(const struct pm_bar *b)
{
	return b->size && b->address && strcmp(b->type, "io");
}

/*
 * EPT maps whole pages: a memory BAR smaller than a page or not starting
 * one brings the rest of its page(s) into the cell. That is harmless when
 * nothing else is there, and a hole in the isolation when a root device's
 * registers are.
 */
static void check_bar_pages(struct plan *p, const struct pm_pci *d)
{
	const struct machine *m = p->m;
	uint64_t s, e, os, oe;
	int i, j, k;
	bool unaligned = false;
	char fix[160];

	snprintf(fix, sizeof(fix),
		 "fix: boot Linux with pci=resource_alignment=4096@%s so the device's BARs get pages of their own",
		 d->bdf);
	for (i = 0; i < d->num_bars; i++) {
		const struct pm_bar *b = &d->bars[i];

		if (!is_mem_bar(b) || !((b->address | b->size) & (PAGE_SIZE - 1)))
			continue;
		unaligned = true;
		bar_pages(b, &s, &e);
		for (j = 0; j < m->num_pci; j++) {
			const struct pm_pci *o = &m->pci[j];

			if (o == d || requested(p, o))
				continue;
			for (k = 0; k < o->num_bars; k++) {
				if (!is_mem_bar(&o->bars[k]))
					continue;
				bar_pages(&o->bars[k], &os, &oe);
				if (os >= e || oe <= s)
					continue;
				plan_add(p, PLAN_ERROR, "bar-pages", fix,
					 "%s BAR%d 0x%" PRIx64 "+0x%" PRIx64 " is not page-aligned and shares its page with BAR%d of root device %s: the cell would reach that device's registers",
					 d->bdf, b->index, b->address, b->size,
					 o->bars[k].index, o->bdf);
				return;
			}
		}
		plan_add(p, PLAN_WARNING, "bar-pages", fix,
			 "%s BAR%d 0x%" PRIx64 "+0x%" PRIx64 " is not page-aligned: the cell gets its whole page(s) 0x%" PRIx64 "-0x%" PRIx64 " (nothing else is there now)",
			 d->bdf, b->index, b->address, b->size, s, e - 1);
	}
	if (!unaligned)
		plan_add(p, PLAN_OK, "bar-pages", NULL,
			 "%s: memory BARs are page-aligned", d->bdf);
}

void plan_check_devices(struct plan *p)
{
	int i, j;

	if (!p->req->num_devices) {
		plan_add(p, PLAN_OK, "devices", NULL,
			 "no PCI devices requested for the cell");
		return;
	}
	for (i = 0; i < p->req->num_devices; i++) {
		const char *bdf = p->req->devices[i];
		const struct pm_pci *d = machine_pci(p->m, bdf);
		unsigned int seg, bdf16;

		for (j = 0; j < i; j++)
			if (d && machine_pci(p->m, p->req->devices[j]) == d)
				break;
		if (j < i)
			continue;	/* named twice */
		if (!machine_parse_bdf(bdf, &seg, &bdf16)) {
			plan_add(p, PLAN_ERROR, "device-found",
				 "fix: write it as SEGMENT:BUS:DEVICE.FUNCTION in hex, e.g. 0000:03:00.0 (as `lspci -D` shows)",
				 "\"%s\" is not a PCI address", bdf);
			continue;
		}
		if (!d) {
			plan_add(p, PLAN_ERROR, "device-found",
				 "fix: use a bus address from `lspci -D` (or the machine JSON's pci_devices), e.g. --rt-devices 0000:03:00.0",
				 "device %s not found on this machine", bdf);
			continue;
		}
		if (is_iommu_function(p->m, d)) {
			plan_add(p, PLAN_ERROR, "device-found",
				 "fix: choose another device",
				 "%s is an AMD IOMMU; the hypervisor drives it",
				 d->bdf);
			continue;
		}
		if (d->header_type == 1) {
			plan_add(p, PLAN_ERROR, "device-found",
				 "fix: give the devices behind the bridge, not the bridge",
				 "%s is a PCI bridge; bridges stay with the root cell",
				 d->bdf);
			continue;
		}
		plan_add(p, PLAN_OK, "device-found", NULL, "%s: %s", d->bdf,
			 d->name);
		check_group(p, d);
		check_scope(p, d);
		check_bridge(p, d);
		check_alias(p, d);
		check_intx(p, d);
		check_rmrr(p, d);
		check_msix_page(p, d);
		check_bar_pages(p, d);
	}
}

/*
 * The device's entry is the root cell's (jh-discover's: IOMMU unit, MSI,
 * MSI-X, BAR masks, capabilities), so both cells describe it the same
 * way; the RT cell may write only its power management capability
 * directly (its inmate suspends and resumes it).
 */
static int add_pci_entry(struct plan *p, const struct pm_pci *d)
{
	const struct jhgen_cell *root = &p->m->root.root;
	const struct jh_pci_device *e = root_entry(p, d);
	struct jh_pci_capability caps[256];
	const char *const *comments = NULL;
	int k;

	if (!e) {
		plan_add(p, PLAN_ERROR, "device-found",
			 "fix: regenerate the machine JSON with this version's `jh-discover --json`",
			 "%s is not in jh-discover's root cell (root_cell.pci_devices of the machine JSON)",
			 d->bdf);
		return 0;
	}
	if (e->num_caps)	/* the loader checked the range */
		comments = (const char *const *)root->caps.comments + e->caps_start;
	for (k = 0; k < e->num_caps; k++) {
		caps[k] = *jhgen_item(&root->caps, struct jh_pci_capability,
				      e->caps_start + k);
		caps[k].flags = caps[k].id == CAP_PM ? JH_PCICAPS_WRITE : 0;
	}
	k = jhgen_cell_add_pci(&p->rt, e, e->num_caps ? caps : NULL, e->num_caps,
			       comments, "%s %s", d->bdf, d->name);
	return k < 0 ? k : 0;
}

static int add_intx_pin(struct plan *p, const struct pm_pci *d)
{
	const struct machine *m = p->m;
	struct jhgen_cell *c = &p->rt;
	uint32_t gsi = (uint32_t)d->gsi;
	size_t i;
	int k;

	for (k = 0; k < m->num_ioapics; k++) {
		const struct pm_ioapic *a = &m->ioapics[k];
		uint32_t pins = a->pins > 0 ? (uint32_t)a->pins : 24;
		uint32_t pin = gsi - a->gsi_base;

		if (gsi < a->gsi_base || pin >= pins)
			continue;
		for (i = 0; i < c->irqchips.count; i++) {
			struct jh_irqchip *chip =
				jhgen_item(&c->irqchips, struct jh_irqchip, i);

			if (chip->address == a->address) {
				chip->pin_bitmap[pin / 64] |= 1ULL << (pin % 64);
				return 0;
			}
		}
		{
			struct jh_irqchip chip = {
				.address = a->address, .id = (uint32_t)a->id,
				.gsi_base = a->gsi_base,
			};
			int r;

			chip.pin_bitmap[pin / 64] |= 1ULL << (pin % 64);
			r = jhgen_cell_add_irqchip(c, &chip,
				"IOAPIC id %d: pin of %s (INTx, GSI %u)", a->id,
				d->bdf, gsi);
			return r < 0 ? r : 0;
		}
	}
	plan_add(p, PLAN_ERROR, "intx",
		 "fix: use a device with MSI or MSI-X",
		 "%s: GSI %u is on no IOAPIC of the machine", d->bdf, gsi);
	return 0;
}

int plan_msix_hole(struct region_set *rs, const struct pm_pci *d)
{
	if (!d->msix_vectors || !d->msix_table)
		return 0;
	return rs_hole(rs, d->msix_table, (uint64_t)d->msix_vectors * MSIX_ENTRY);
}

/* Memory BARs identity-mapped, minus the MSI-X table pages; I/O BARs */
static int add_bars(struct plan *p, const struct pm_pci *d)
{
	struct region_set rs = { 0 };
	int j, err = plan_msix_hole(&rs, d);

	for (j = 0; j < d->num_bars && !err; j++) {
		const struct pm_bar *b = &d->bars[j];

		if (!b->size || !b->address)
			continue;
		if (!strcmp(b->type, "io") &&
		    (b->address > 0xffff || b->size > 0x10000 - b->address)) {
			plan_add(p, PLAN_ERROR, "device-found",
				 "fix: check the machine description (jh-discover --json)",
				 "%s: I/O BAR%d 0x%" PRIx64 "+0x%" PRIx64 " is beyond port 0xffff",
				 d->bdf, b->index, b->address, b->size);
		} else if (!strcmp(b->type, "io")) {
			err = jhgen_cell_add_pio(&p->rt, &(struct jh_pio){
				.base = (uint16_t)b->address,
				.length = (uint16_t)b->size },
				"%s BAR%d (I/O)", d->bdf + 5, b->index);
			err = err < 0 ? err : 0;
		} else {
			err = rs_add(&rs, b->address, b->size,
				     JH_MEM_READ | JH_MEM_WRITE | JH_MEM_IO, 1,
				     RS_OUTWARD, "%s BAR%d: %s", d->bdf + 5,
				     b->index, d->name);
		}
	}
	if (!err)
		err = rs_emit(&rs, &p->rt);
	rs_free(&rs);
	return err;
}

int plan_add_devices(struct plan *p)
{
	int i, err = 0;

	for (i = 0; i < p->req->num_devices && !err; i++) {
		const struct pm_pci *d = machine_pci(p->m, p->req->devices[i]);
		int j;

		for (j = 0; j < i; j++)
			if (machine_pci(p->m, p->req->devices[j]) == d)
				break;
		if (!d || j < i || d->header_type == 1 ||
		    is_iommu_function(p->m, d))
			continue;
		err = add_pci_entry(p, d);
		if (!err)
			err = add_bars(p, d);
		if (!err && uses_intx(d))
			err = add_intx_pin(p, d);
	}
	return err;
}
