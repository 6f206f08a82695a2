// SPDX-License-Identifier: GPL-2.0
/*
 * THE ROOT-CELL POLICY: what the Linux that enables jh keeps.
 *
 * Memory, in priority order (a region never overlaps an earlier one):
 *  1. Every "System RAM" range of /proc/iomem (else the e820 map), whole:
 *     never split around the kernel image, so KASLR cannot change the
 *     config. RAM flags: read, write, execute, DMA.
 *  2. The part of the memmap= reservation after the hypervisor's 16 MiB:
 *     RAM for the cells, owned by the root until a cell takes it.
 *  3. Every VT-d RMRR range, exactly (page-rounded): RAM-like with DMA,
 *     since devices DMA there from boot on (the integrated graphics'
 *     stolen memory, USB and management controllers' buffers). RMRRs
 *     come before the firmware ranges that usually contain them, so a
 *     container is split: the RMRR gets DMA, the rest keeps its class.
 *  4. Firmware regions: "ACPI Tables", "ACPI Non-volatile Storage" and
 *     every top-level "Reserved" range (Linux and firmware runtime code use
 *     them; Jailhouse drops them and Linux then faults). A reserved range
 *     inside the RAM span (below the end of the last RAM range that
 *     precedes it in its 4 GiB half) is memory (read/write/execute, no
 *     DMA); one in the PCI hole below 4 GiB is MMIO; one above 4 GiB and
 *     above RAM is an address-space hole (QEMU and AMD reserve the
 *     HyperTransport range) and is left out.
 *  5. Every PCI memory BAR of known size (the address Linux assigned),
 *     page-rounded, MMIO, except the pages of MSI-X tables (the
 *     hypervisor intercepts those).
 *  6. Other named device MMIO in /proc/iomem that is not under a PCI bus
 *     (HPET, ACPI/PnP platform devices) and the HPET blocks of the ACPI
 *     HPET tables.
 * Always left out (the hypervisor owns or emulates them): the hypervisor
 * memory, the local APIC page, IOAPIC pages, IOMMU register windows, PCI
 * MMCONFIG windows.
 *
 * Ports: the whole legacy ISA range 0x0-0xfff (Linux owns the legacy
 * platform: PIT, PIC, RTC, i8042, Super I/O chips its drivers probe
 * later; a narrower list breaks drivers loaded after jh is enabled, and
 * jh-plan takes a cell's UART out of it), every /proc/ioports range above
 * it except the PCI host-bridge windows themselves, every FADT block and
 * the SMI command port, every PCI I/O BAR; 0xcf8-0xcff (PCI config) is
 * always trapped.
 *
 * PCI: every function, with its capabilities (all writable by the root:
 * the hypervisor intercepts MSI and MSI-X itself), the IOMMU unit that
 * translates it, its MSI/MSI-X vectors and BAR masks. AMD IOMMU functions
 * stay with the hypervisor.
 *
 * CPUs: every CPU Linux knows (by Linux CPU number); without Linux topology
 * data, the enabled MADT entries in table order (the order Linux numbers
 * them). IOAPICs: all, with every pin for the root.
 *
 * PM timer: the FADT's port, else /proc/ioports' "ACPI PM_TMR" (link.c).
 *
 * Interrupt remapping (VT-d with IR, or AMD-Vi): a table for every MSI and
 * MSI-X vector of every function, every IOAPIC pin and every HPET
 * comparator, plus half again, rounded up to a power of two (256 at
 * least, VT-d's 65536 at most).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jh/config-walk.h>

#include "../generator/config-writer.h"
#include "config-check.h"
#include "ioapic-pins.h"
#include "pci-decode.h"
#include "root-policy.h"

#define PAGE		0x1000ull
#define RAM_FLAGS	(JH_MEM_READ | JH_MEM_WRITE | JH_MEM_EXECUTE | JH_MEM_DMA)
#define FW_FLAGS	(JH_MEM_READ | JH_MEM_WRITE | JH_MEM_EXECUTE)
#define MMIO_FLAGS	(JH_MEM_READ | JH_MEM_WRITE | JH_MEM_IO)
#define LAPIC_BASE	0xfee00000ull
#define LEGACY_PORTS_END	0xfff
#define IOAPIC_SIZE	0x1000ull

struct region {
	uint64_t start, end;	/* inclusive, page-aligned once added */
	uint64_t flags;
	char comment[112];
};

VEC_TYPE(region_vec, struct region);

struct policy {
	struct machine *m;
	struct region_vec granted, holes;
	struct hv_memory_plan hv;
	uint8_t ports[65536 / 8];
	int err;
};

static uint64_t page_down(uint64_t a)
{
	return a & ~(PAGE - 1);
}

static uint64_t page_end(uint64_t end)
{
	return end | (PAGE - 1);
}

static void add_hole(struct policy *p, uint64_t start, uint64_t end,
		     const char *what)
{
	struct region *r = vec_push(&p->holes);

	if (!r) {
		p->err = -ENOMEM;
		return;
	}
	r->start = page_down(start);
	r->end = page_end(end);
	snprintf(r->comment, sizeof(r->comment), "%s", what);
}

/* Adds [start, end] minus holes and minus what is already granted */
static void grant_piece(struct policy *p, uint64_t start, uint64_t end,
			uint64_t flags, const char *comment, size_t from_hole,
			size_t from_granted)
{
	struct region *r;

	if (start > end)
		return;
	for (size_t i = from_hole; i < p->holes.n; i++) {
		const struct region *h = &p->holes.v[i];

		if (h->end < start || h->start > end)
			continue;
		if (h->start > start)
			grant_piece(p, start, h->start - 1, flags, comment, i + 1,
				    from_granted);
		if (h->end < end)
			grant_piece(p, h->end + 1, end, flags, comment, i + 1,
				    from_granted);
		return;
	}
	for (size_t i = from_granted; i < p->granted.n; i++) {
		const struct region g = p->granted.v[i];

		if (g.end < start || g.start > end)
			continue;
		if (g.start > start)
			grant_piece(p, start, g.start - 1, flags, comment,
				    p->holes.n, i + 1);
		if (g.end < end)
			grant_piece(p, g.end + 1, end, flags, comment,
				    p->holes.n, i + 1);
		return;
	}
	r = vec_push(&p->granted);
	if (!r) {
		p->err = -ENOMEM;
		return;
	}
	r->start = start;
	r->end = end;
	r->flags = flags;
	snprintf(r->comment, sizeof(r->comment), "%s", comment);
}

static void grant(struct policy *p, uint64_t start, uint64_t end,
		  uint64_t flags, const char *comment)
{
	if (end < start)
		return;
	grant_piece(p, page_down(start), page_end(end), flags, comment, 0, 0);
}

/* ---- hypervisor memory ------------------------------------------------ */

static bool is_ram_name(const char *n)
{
	return !strcmp(n, "System RAM");
}

static void format_size(char *buf, size_t size, uint64_t v)
{
	if (v && !(v & ((1ull << 30) - 1)))
		snprintf(buf, size, "%lluG", (unsigned long long)(v >> 30));
	else if (v && !(v & ((1ull << 20) - 1)))
		snprintf(buf, size, "%lluM", (unsigned long long)(v >> 20));
	else
		snprintf(buf, size, "0x%llx", (unsigned long long)v);
}

/* RAM ranges: iomem top level, else the e820 map */
static const struct dsc_range_vec *ram_source(const struct machine *m,
					      bool *from_iomem)
{
	*from_iomem = m->iomem.n > 0;
	return m->iomem.n ? &m->iomem : &m->e820;
}

static bool range_is_ram(const struct dsc_range *r, bool from_iomem)
{
	return (!from_iomem || r->depth == 0) && is_ram_name(r->name);
}

void hv_memory_plan(struct machine *m, struct hv_memory_plan *p)
{
	const struct dsc_range_vec *v;
	bool from_iomem;
	char sz[32];

	uint64_t need = hv_memory_needed(m);

	memset(p, 0, sizeof(*p));
	v = ram_source(m, &from_iomem);
	if (m->reservation.present) {
		p->present = true;
		p->base = m->reservation.base;
		p->size = m->reservation.size;
		if (p->size < need)
			snprintf(p->problem, sizeof(p->problem),
				 "memmap= reserves %llu MiB; the hypervisor needs %llu MiB on this machine: reserve at least that much",
				 (unsigned long long)(p->size >> 20),
				 (unsigned long long)(need >> 20));
		else if (p->base & (PAGE - 1))
			snprintf(p->problem, sizeof(p->problem),
				 "memmap= base 0x%llx is not page-aligned",
				 (unsigned long long)p->base);
	} else {
		/* propose the top 32 MiB of the largest RAM range below 4 GiB */
		uint64_t best = 0, best_end = 0;

		for (size_t i = 0; i < v->n; i++) {
			const struct dsc_range *r = &v->v[i];
			uint64_t end = r->end < 0xffffffffull ? r->end : 0xffffffffull;

			if (!range_is_ram(r, from_iomem) || r->start > end)
				continue;
			if (end - r->start + 1 > best) {
				best = end - r->start + 1;
				best_end = end;
			}
		}
		uint64_t want = (need + HV_PROPOSED_RESERVATION - HV_MEM_SIZE +
				 (2ull << 20) - 1) & ~((2ull << 20) - 1);

		if (!v->n) {
			snprintf(p->problem, sizeof(p->problem),
				 "no memory map was read (run on the target as root, or give --iomem) to propose a reservation from");
			return;
		}
		if (best < 4 * want) {
			snprintf(p->problem, sizeof(p->problem),
				 "no RAM range below 4 GiB is large enough to propose a reservation");
			return;
		}
		p->size = want;
		p->base = ((best_end + 1) - want) & ~((2ull << 20) - 1);
	}
	if (!(p->base & (PAGE - 1))) {
		p->usable = p->size >= need;
		p->hv_base = p->base;
		p->hv_size = p->usable ? need : p->size;
	}
	format_size(sz, sizeof(sz), p->size);
	snprintf(p->kernel_param, sizeof(p->kernel_param), "memmap=%s$0x%llx",
		 sz, (unsigned long long)p->base);
	snprintf(p->grub_param, sizeof(p->grub_param), "memmap=%s\\\\\\$0x%llx",
		 sz, (unsigned long long)p->base);
}

/* ---- memory ------------------------------------------------------------ */

/* End of the last RAM range at or below addr, within addr's 4 GiB half */
static uint64_t ram_top_below(const struct machine *m, uint64_t addr)
{
	const struct dsc_range_vec *v;
	bool from_iomem;
	uint64_t top = 0;
	bool high = addr >= (1ull << 32);

	v = ram_source(m, &from_iomem);
	for (size_t i = 0; i < v->n; i++) {
		const struct dsc_range *r = &v->v[i];

		if (!range_is_ram(r, from_iomem) || (r->start >= (1ull << 32)) != high)
			continue;
		if (r->end > top)
			top = r->end;
	}
	return top;
}

static void hypervisor_holes(struct policy *p)
{
	struct machine *m = p->m;
	char what[64];

	if (p->hv.hv_size)
		add_hole(p, p->hv.hv_base, p->hv.hv_base + p->hv.hv_size - 1,
			 "hypervisor memory");
	add_hole(p, LAPIC_BASE, LAPIC_BASE + PAGE - 1, "local APIC");
	if (m->have_madt && m->lapic_address != LAPIC_BASE)
		add_hole(p, m->lapic_address, m->lapic_address + PAGE - 1,
			 "local APIC");
	for (size_t i = 0; i < m->ioapics.n; i++) {
		snprintf(what, sizeof(what), "IOAPIC %u", m->ioapics.v[i].id);
		add_hole(p, m->ioapics.v[i].address,
			 m->ioapics.v[i].address + IOAPIC_SIZE - 1, what);
	}
	for (size_t i = 0; i < m->iommus.n; i++)
		add_hole(p, m->iommus.v[i].base,
			 m->iommus.v[i].base + m->iommus.v[i].size - 1, "IOMMU");
	for (size_t i = 0; i < m->mmcfg.n; i++) {
		const struct dsc_mmcfg *c = &m->mmcfg.v[i];

		add_hole(p, c->base + ((uint64_t)c->start_bus << 20),
			 c->base + ((uint64_t)(c->end_bus + 1) << 20) - 1,
			 "PCI MMCONFIG");
	}
	for (size_t i = 0; i < m->pci.n; i++) {
		struct pci_msix_info x;

		pci_msix(m->pci.v[i], &x);
		if (x.present && x.table_address)
			add_hole(p, x.table_address,
				 x.table_address + x.vectors * 16ull - 1,
				 "MSI-X table");
	}
}

static bool is_firmware_name(const char *n)
{
	static const char *const names[] = {
		"Reserved", "reserved", "ACPI Tables", "ACPI Non-volatile Storage",
		"Unknown E820 type", "Video ROM", "Adapter ROM", "System ROM",
		"Persistent Memory (legacy)", "Soft Reserved",
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(n, names[i]))
			return true;
	return false;
}

static void grant_firmware(struct policy *p, const struct dsc_range *r)
{
	char c[112];
	uint64_t flags;

	if (!strncmp(r->name, "ACPI", 4)) {
		flags = JH_MEM_READ | JH_MEM_WRITE;
	} else if (r->start < ram_top_below(p->m, r->start)) {
		flags = FW_FLAGS;
	} else if (r->start >= (1ull << 32)) {
		/* above RAM and 4 GiB: an address-space hole (AMD's HT range) */
		return;
	} else {
		flags = MMIO_FLAGS;
	}
	snprintf(c, sizeof(c), "%s%s", r->name,
		 flags & JH_MEM_IO ? " (firmware-reserved MMIO)" : "");
	grant(p, r->start, r->end, flags, c);
}

/*
 * An RMRR: devices (IGD, USB, management controllers) DMA there from boot
 * on, whatever the maps call the range, so it is memory with DMA; the
 * comment names the devices.
 */
static void grant_rmrr(struct policy *p, const struct dsc_rmrr *r)
{
	char c[112] = "RMRR: DMA target of";
	size_t len = strlen(c);
	int named = 0;

	for (size_t j = 0; j < r->scopes.n && len + 9 < sizeof(c); j++) {
		int bdf = r->scopes.v[j].bdf16;

		if (bdf < 0)
			continue;
		len += snprintf(c + len, sizeof(c) - len, " %02x:%02x.%x",
				bdf >> 8, (bdf >> 3) & 0x1f, bdf & 7);
		named++;
	}
	if (!named)
		snprintf(c + len, sizeof(c) - len, " devices (scopes unresolved)");
	grant(p, r->base, r->end, RAM_FLAGS, c);
}

/* Names in iomem that belong to the hypervisor or need no mapping */
static bool is_hypervisor_name(const char *n)
{
	static const char *const prefixes[] = {
		"Local APIC", "IOAPIC", "dmar", "AMD-Vi", "amd_iommu",
		"PCI MMCONFIG", "PCI ECAM", "PCI Bus",
		"Kernel ", "Crash kernel", "System RAM", "RAM buffer",
	};

	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (!strncmp(n, prefixes[i], strlen(prefixes[i])))
			return true;
	return false;
}

static bool is_pci_name(const char *n)
{
	unsigned int s, b, d, f;
	char end;

	return sscanf(n, "%x:%x:%x.%x%c", &s, &b, &d, &f, &end) == 4;
}

static void grant_pci_bars(struct policy *p)
{
	for (size_t i = 0; i < p->m->pci.n; i++) {
		const struct dsc_pci *d = p->m->pci.v[i];

		for (int b = 0; b < 6; b++) {
			const struct dsc_bar *bar = &d->bar[b];
			char c[112];

			if (!bar->used || bar->is_io || !bar->address)
				continue;
			if (!bar->size_known) {
				dsc_warn(p->m, "root policy", DSC_NONE,
					 "%02x:%02x.%x BAR%d at 0x%llx has no known size; not mapped (give --iomem)",
					 d->bus, d->dev, d->fn, b,
					 (unsigned long long)bar->address);
				continue;
			}
			snprintf(c, sizeof(c), "%02x:%02x.%x BAR%d%s%.60s",
				 d->bus, d->dev, d->fn, b,
				 d->device_name[0] ? ": " : "", d->device_name);
			grant(p, bar->address, bar->address + bar->size - 1,
			      MMIO_FLAGS, c);
		}
	}
}

static bool has_vga(const struct machine *m)
{
	for (size_t i = 0; i < m->pci.n; i++)
		if ((cfg32(m->pci.v[i], 8) >> 24) == 0x03)
			return true;
	return false;
}

/*
 * One /proc/iomem entry that is not RAM or a top-level firmware range:
 * a PCI function's resource (BARs, ROMs: whatever the kernel assigned),
 * an empty bridge window (room for hot-plugged devices), or a platform
 * device (HPET, TPM, PnP and ACPI devices, nested reserved ranges).
 */
static void grant_named_iomem(struct policy *p, size_t idx)
{
	const struct dsc_range_vec *v = &p->m->iomem;
	const struct dsc_range *r = &v->v[idx];
	int depth = r->depth;
	char c[112];

	if (depth == 0 && (is_ram_name(r->name) || is_firmware_name(r->name)))
		return;
	if (strncmp(r->name, "PCI Bus", 7) && is_hypervisor_name(r->name))
		return;
	/* below a PCI function's resource: a driver's name for part of it */
	for (size_t j = idx; j-- > 0 && depth > 0;) {
		if (v->v[j].depth >= depth)
			continue;
		depth = v->v[j].depth;
		if (is_pci_name(v->v[j].name))
			return;
	}
	if (is_pci_name(r->name)) {
		snprintf(c, sizeof(c), "%.20s resource (iomem)", r->name);
	} else if (!strncmp(r->name, "PCI Bus", 7)) {
		bool empty = idx + 1 >= v->n || v->v[idx + 1].depth <= r->depth;

		if (r->depth == 0 || !empty)
			return;
		snprintf(c, sizeof(c), "empty bridge window %.40s (hot-plug)",
			 r->name);
	} else {
		if (r->start < (1ull << 20))
			return;	/* the legacy area is granted as a whole */
		snprintf(c, sizeof(c), "%.100s", r->name);
	}
	grant(p, r->start, r->end, MMIO_FLAGS, c);
}

static void build_memory(struct policy *p)
{
	struct machine *m = p->m;
	const struct dsc_range_vec *v;
	bool from_iomem;
	char c[112];

	hypervisor_holes(p);
	v = ram_source(m, &from_iomem);
	for (size_t i = 0; i < v->n; i++)
		if (range_is_ram(&v->v[i], from_iomem)) {
			snprintf(c, sizeof(c), "RAM, %llu KiB",
				 (unsigned long long)((v->v[i].end - v->v[i].start + 1) >> 10));
			grant(p, v->v[i].start, v->v[i].end, RAM_FLAGS, c);
		}
	if (p->hv.present && p->hv.size > p->hv.hv_size)
		grant(p, p->hv.hv_base + p->hv.hv_size, p->hv.base + p->hv.size - 1,
		      RAM_FLAGS, "RAM for cells (memmap= area after the hypervisor), root-owned until a cell takes it");
	/* RMRRs before their containers: DMA on the RMRR, nowhere else */
	for (size_t i = 0; i < m->rmrrs.n; i++)
		grant_rmrr(p, &m->rmrrs.v[i]);
	for (size_t i = 0; i < v->n; i++)
		if ((!from_iomem || v->v[i].depth == 0) &&
		    is_firmware_name(v->v[i].name) &&
		    !(p->hv.present && v->v[i].start >= p->hv.base &&
		      v->v[i].end < p->hv.base + p->hv.size))
			grant_firmware(p, &v->v[i]);
	grant_pci_bars(p);
	for (size_t i = 0; i < m->iomem.n; i++)
		grant_named_iomem(p, i);
	if (has_vga(m))
		grant(p, 0xa0000, 0xbffff, MMIO_FLAGS, "legacy VGA window");
	/* option ROMs and the BIOS: Linux scans them for DMI, MP and ROM data */
	grant(p, 0xc0000, 0xfffff, FW_FLAGS, "legacy BIOS area (option ROMs, system BIOS)");
	for (size_t i = 0; i < m->hpets.n; i++)
		grant(p, m->hpets.v[i].address, m->hpets.v[i].address + 0x3ff,
		      MMIO_FLAGS, "HPET (ACPI HPET table)");
}

static int cmp_region(const void *a, const void *b)
{
	const struct region *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/* ---- ports ------------------------------------------------------------- */

static void allow_ports(struct policy *p, uint32_t start, uint32_t end)
{
	for (uint32_t port = start; port <= end && port < 65536; port++)
		p->ports[port / 8] |= 1u << (port % 8);
}

static void build_ports(struct policy *p)
{
	struct machine *m = p->m;

	allow_ports(p, 0, LEGACY_PORTS_END);

	for (size_t i = 0; i < m->ioports.n; i++) {
		const struct dsc_range *r = &m->ioports.v[i];

		if (!strncmp(r->name, "PCI Bus", 7) || !strcmp(r->name, "PCI conf1"))
			continue;
		allow_ports(p, r->start, r->end);
	}
	for (int i = 0; i < FADT_NUM_BLOCKS; i++)
		if (m->fadt.block[i] && m->fadt.block_len[i])
			allow_ports(p, m->fadt.block[i],
				    m->fadt.block[i] + m->fadt.block_len[i] - 1);
	if (m->fadt.smi_cmd && m->fadt.smi_cmd < 65536)
		allow_ports(p, m->fadt.smi_cmd, m->fadt.smi_cmd);
	for (size_t i = 0; i < m->pci.n; i++)
		for (int b = 0; b < 6; b++) {
			const struct dsc_bar *bar = &m->pci.v[i]->bar[b];

			if (bar->used && bar->is_io && bar->address)
				allow_ports(p, bar->address, bar->address +
					    (bar->size_known ? bar->size : 4) - 1);
		}
	/* PCI configuration mechanism 1: always the hypervisor's */
	for (uint32_t port = 0xcf8; port <= 0xcff; port++)
		p->ports[port / 8] &= ~(1u << (port % 8));
}

/* "pic1, timer0, ..." for a port range comment (up to 4 names) */
static const char *port_names(const struct machine *m, uint32_t start,
			      uint32_t end)
{
	static char buf[112];
	size_t len = 0;
	int names = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < m->ioports.n && names < 4; i++) {
		const struct dsc_range *r = &m->ioports.v[i];

		if (r->end < start || r->start > end ||
		    !strncmp(r->name, "PCI Bus", 7))
			continue;
		len += snprintf(buf + len, sizeof(buf) - len, "%s%.30s",
				names ? ", " : "", r->name);
		if (len >= sizeof(buf))
			break;
		names++;
	}
	if (!names)
		snprintf(buf, sizeof(buf), "ports 0x%x-0x%x (%s)", start, end,
			 start <= LEGACY_PORTS_END ? "legacy ISA range" :
			 "FADT block or PCI I/O BAR");
	else if (start <= LEGACY_PORTS_END)
		snprintf(buf + len, sizeof(buf) - len, " (legacy ISA range)");
	return buf;
}

static int emit_ports(struct policy *p, struct jhgen_cell *root)
{
	uint32_t port = 0;

	while (port < 65536) {
		uint32_t start;
		int ret;

		while (port < 65536 && !(p->ports[port / 8] & (1u << (port % 8))))
			port++;
		if (port == 65536)
			break;
		start = port;
		while (port < 65536 && (p->ports[port / 8] & (1u << (port % 8))))
			port++;
		ret = jhgen_cell_add_pio(root, &(struct jh_pio){
			.base = start, .length = port - start }, "%s",
			port_names(p->m, start, port - 1));
		if (ret < 0)
			return ret;
	}
	return 0;
}

/* ---- PCI ------------------------------------------------------------- */

static bool is_amd_iommu_function(const struct machine *m,
				  const struct dsc_pci *d)
{
	for (size_t i = 0; i < m->iommus.n; i++)
		if (m->iommus.v[i].type == DSC_IOMMU_AMD &&
		    m->iommus.v[i].segment == d->segment &&
		    m->iommus.v[i].amd_bdf16 == pci_bdf16(d))
			return true;
	return false;
}

static int emit_pci(struct machine *m, struct jhgen_cell *root)
{
	for (size_t i = 0; i < m->pci.n; i++) {
		const struct dsc_pci *d = m->pci.v[i];
		struct jh_pci_capability caps[PCI_MAX_CAPS];
		struct dev_cap pc[PCI_MAX_CAPS];
		char cap_text[PCI_MAX_CAPS][48];
		const char *cap_comments[PCI_MAX_CAPS];
		struct jh_pci_device dev = { 0 };
		struct pci_msi_info msi;
		struct pci_msix_info msix;
		unsigned int n;
		int ret;

		if (is_amd_iommu_function(m, d))
			continue;
		n = pci_caps(d, pc, PCI_MAX_CAPS);
		for (unsigned int k = 0; k < n; k++) {
			caps[k] = (struct jh_pci_capability){
				.id = pc[k].id | (pc[k].extended ? JH_PCICAPS_EXTENDED : 0),
				.start = pc[k].offset,
				.len = pc[k].length,
				.flags = JH_PCICAPS_WRITE,
			};
			snprintf(cap_text[k], sizeof(cap_text[k]), "%s",
				 pci_cap_name(&pc[k]));
			cap_comments[k] = cap_text[k];
		}
		dev.type = pci_header_type(d) == 1 ? JH_PCI_TYPE_BRIDGE :
			   JH_PCI_TYPE_DEVICE;
		dev.iommu = d->iommu >= 0 ? d->iommu : JH_PCI_NO_IOMMU;
		dev.segment = d->segment;
		dev.bdf = pci_bdf16(d);
		if (d->dma_alias != DSC_NONE) {
			dev.dma_alias = (uint16_t)d->dma_alias;
			dev.dma_flags = JH_PCI_DMA_ALIAS;
		}
		for (int b = 0; b < 6; b++)
			dev.bar_mask[b] = d->bar[b].mask;
		pci_msi(d, &msi);
		if (msi.present) {
			dev.num_msi_vectors = msi.vectors;
			dev.msi_flags = (msi.is_64bit ? JH_PCI_MSI_64BITS : 0) |
					(msi.maskable ? JH_PCI_MSI_MASKABLE : 0);
		}
		pci_msix(d, &msix);
		if (msix.present) {
			dev.num_msix_vectors = msix.vectors;
			dev.msix_region_size = (msix.vectors * 16 + PAGE - 1) &
					       ~(PAGE - 1);
			dev.msix_address = msix.table_address;
		}
		ret = jhgen_cell_add_pci(root, &dev, n ? caps : NULL, n,
					 n ? cap_comments : NULL,
					 "%04x:%02x:%02x.%x %04x:%04x %.60s%s%.40s",
					 d->segment, d->bus, d->dev, d->fn,
					 cfg16(d, 0), cfg16(d, 2),
					 d->class_name[0] ? d->class_name : "",
					 d->device_name[0] ? ": " : "",
					 d->device_name);
		if (ret < 0)
			return ret;
	}
	return 0;
}

/* ---- platform, CPUs, console ------------------------------------------ */

static int emit_platform(struct machine *m, struct jhgen_system *sys)
{
	struct jh_platform *pl = &sys->header.platform;
	int ret = 0;

	for (size_t i = 0; i < m->mmcfg.n && ret >= 0; i++) {
		const struct dsc_mmcfg *c = &m->mmcfg.v[i];

		ret = jhgen_system_add_mmconfig(sys, &(struct jh_pci_mmconfig){
			.base = c->base, .segment = c->segment,
			.start_bus = c->start_bus, .end_bus = c->end_bus },
			"MCFG: segment %u, buses %u-%u", c->segment, c->start_bus,
			c->end_bus);
	}
	for (size_t i = 0; i < m->iommus.n && ret >= 0; i++) {
		const struct dsc_iommu *u = &m->iommus.v[i];
		struct jh_iommu io = {
			.base = u->base, .size = u->size, .segment = u->segment,
			.type = u->type == DSC_IOMMU_VTD ? JH_IOMMU_VTD : JH_IOMMU_AMD,
			.flags = u->include_all ? JH_IOMMU_INCLUDE_PCI_ALL : 0,
		};

		if (u->type == DSC_IOMMU_AMD) {
			io.amd_bdf = u->amd_bdf16;
			io.amd_base_cap = u->amd_cap_offset;
			io.amd_features = u->amd_has_efr ? (uint32_t)u->amd_efr : 0;
		}
		ret = jhgen_system_add_iommu(sys, &io, "%s unit %zu%s",
					     u->type == DSC_IOMMU_VTD ? "VT-d (DMAR DRHD)" :
					     "AMD-Vi (IVRS IVHD)", i,
					     u->include_all ? ", INCLUDE_PCI_ALL" : "");
	}
	for (size_t i = 0; i < m->ioapics.n && ret >= 0; i++) {
		const struct dsc_ioapic *a = &m->ioapics.v[i];
		int pins = a->pins > 0 ? a->pins : IOAPIC_PINS_ASSUMED;

		ret = jhgen_system_add_ioapic(sys, &(struct jh_ioapic){
			.address = a->address, .gsi_base = a->gsi_base, .id = a->id,
			.iommu = a->iommu >= 0 ? a->iommu : JH_PCI_NO_IOMMU,
			.bdf = a->bdf16 >= 0 ? a->bdf16 : 0,
			.pins = pins },
			"MADT IOAPIC id %u, GSI %u-%u; %s", a->id, a->gsi_base,
			a->gsi_base + pins - 1,
			ioapic_pins_source_why(a->pins > 0 ? a->pins_source : PINS_ASSUMED));
	}
	if (ret < 0)
		return ret;
	ret = 0;
	pl->pm_timer_port = m->pm_timer.port;
	pl->pm_timer_32bit = m->pm_timer.is_32bit;
	pl->ir_table_size = root_ir_table_size(m);
	return ret;
}

/* Interrupt sources that need a remapping entry each, all at once */
unsigned int root_ir_vectors(const struct machine *m)
{
	unsigned int n = 0;

	for (size_t i = 0; i < m->pci.n; i++) {
		struct pci_msi_info msi;
		struct pci_msix_info msix;

		pci_msi(m->pci.v[i], &msi);
		pci_msix(m->pci.v[i], &msix);
		n += (msi.present ? msi.vectors : 0) +
		     (msix.present ? msix.vectors : 0);
	}
	for (size_t i = 0; i < m->ioapics.n; i++)
		n += m->ioapics.v[i].pins > 0 ? m->ioapics.v[i].pins :
		     IOAPIC_PINS_ASSUMED;
	for (size_t i = 0; i < m->hpets.n; i++)	/* HPET comparators' MSIs */
		n += ((m->hpets.v[i].block_id >> 8) & 0x1f) + 1;
	return n;
}

uint32_t root_ir_table_size(const struct machine *m)
{
	uint64_t want, size = IR_TABLE_MIN;

	if (!(m->have_dmar && (m->dmar_flags & 1)) && !m->have_ivrs)
		return 0;
	/* half again for hot-plug, SR-IOV VFs and devices Linux had off */
	want = root_ir_vectors(m);
	want += want / 2;
	while (size < want && size < IR_TABLE_MAX)
		size <<= 1;
	return size;
}

static int emit_cpus(struct machine *m, struct jhgen_cell *root)
{
	unsigned int next = 0;
	bool topology = false;
	int ret;

	for (size_t i = 0; i < m->cpus.n; i++)
		topology |= m->cpus.v[i].linux_cpu != DSC_NONE;
	for (size_t i = 0; i < m->cpus.n; i++) {
		const struct dsc_cpu *c = &m->cpus.v[i];

		if (topology && c->linux_cpu == DSC_NONE)
			continue;
		if (!topology && !c->enabled)
			continue;
		ret = jhgen_cell_add_cpu(root, topology ? (unsigned int)c->linux_cpu :
					 next++);
		if (ret < 0)
			return ret;
	}
	return 0;
}

static void choose_console(struct machine *m, struct jhgen_system *sys)
{
	for (size_t i = 0; i < m->serials.n; i++) {
		const struct dsc_serial *s = &m->serials.v[i];

		if (!s->in_use)
			continue;
		sys->header.debug_console = (struct jh_console){
			.type = s->mmio ? JH_CON_8250_MMIO : JH_CON_8250_PIO,
			.address = s->mmio ? s->address : s->port,
			.reg_width = s->mmio ? s->reg_width : 0,
			.reg_shift = s->reg_shift,
		};
		sys->header.flags |= JH_SYS_VIRTUAL_DEBUG_CONSOLE;
		return;
	}
	/* no UART found: the root reads the console through the driver */
	sys->header.flags |= JH_SYS_VIRTUAL_DEBUG_CONSOLE;
}

static int build(struct machine *m, struct jhgen_system *sys,
		 const struct hv_memory_plan *hv, char *reason,
		 size_t reason_size)
{
	struct policy *p = calloc(1, sizeof(*p));
	int ret;

	if (!p) {
		snprintf(reason, reason_size, "out of memory");
		return -ENOMEM;
	}
	p->m = m;
	p->hv = *hv;
	if (!p->hv.hv_size) {
		snprintf(reason, reason_size,
			 "no hypervisor memory: %s. Add the kernel parameter %s, reboot, and run jh-discover again",
			 p->hv.problem[0] ? p->hv.problem : "no memmap= reservation",
			 p->hv.kernel_param[0] ? p->hv.kernel_param : "memmap=32M$<address>");
		ret = -EINVAL;
		goto out;
	}
	sys->header.hypervisor_memory = (struct jh_memory){
		.phys_start = p->hv.hv_base, .size = p->hv.hv_size,
	};
	jhgen_system_set_hv_comment(sys, "first %llu MiB of %s%s",
				    (unsigned long long)(p->hv.hv_size >> 20),
				    p->hv.kernel_param,
				    p->hv.present ? "" : " (PROPOSED: add it to the kernel command line)");
	build_memory(p);
	ret = p->err;
	if (!ret && p->granted.n)
		qsort(p->granted.v, p->granted.n, sizeof(*p->granted.v), cmp_region);
	for (size_t i = 0; i < p->granted.n && !ret; i++) {
		const struct region *r = &p->granted.v[i];

		ret = jhgen_cell_add_mem(&sys->root, &(struct jh_memory){
			.phys_start = r->start, .virt_start = r->start,
			.size = r->end - r->start + 1, .flags = r->flags },
			"%s", r->comment);
		ret = ret < 0 ? ret : 0;
	}
	build_ports(p);
	if (!ret)
		ret = emit_ports(p, &sys->root);
	for (size_t i = 0; i < m->ioapics.n && !ret; i++) {
		struct jh_irqchip chip = {
			.address = m->ioapics.v[i].address,
			.id = m->ioapics.v[i].id,
			.gsi_base = m->ioapics.v[i].gsi_base,
		};
		int pins = m->ioapics.v[i].pins > 0 ? m->ioapics.v[i].pins :
			   IOAPIC_PINS_ASSUMED;

		for (int pin = 0; pin < pins && pin < JH_IRQCHIP_PINS; pin++)
			chip.pin_bitmap[pin / 64] |= 1ull << (pin % 64);
		ret = jhgen_cell_add_irqchip(&sys->root, &chip,
					     "IOAPIC %u: all %d pins stay with Linux%s",
					     chip.id, pins,
					     m->ioapics.v[i].pins_source == PINS_ASSUMED ?
					     " (24 assumed)" :
					     ioapic_pins_may_be_more(m->ioapics.v[i].pins_source) ?
					     " (a lower bound)" : "");
		ret = ret < 0 ? ret : 0;
	}
	if (!ret)
		ret = emit_pci(m, &sys->root);
	if (!ret)
		ret = emit_cpus(m, &sys->root);
	if (!ret)
		ret = emit_platform(m, sys);
	if (!ret)
		choose_console(m, sys);
	if (ret)
		snprintf(reason, reason_size, "building the root cell: %s",
			 strerror(-ret));
out:
	vec_free(&p->granted);
	vec_free(&p->holes);
	free(p);
	return ret;
}

uint64_t hv_memory_needed(struct machine *m)
{
	struct hv_memory_plan first = { .usable = true, .hv_size = HV_MEM_SIZE };
	struct jhgen_system sys;
	const struct jh_cell_desc *root;
	char reason[256];
	uint64_t need = HV_MEM_SIZE;
	size_t size;
	void *blob;

	if (m->hv_need)
		return m->hv_need;
	m->hv_need = HV_MEM_SIZE;	/* also stops the recursion below */
	/* the hole's place does not change the page-table count much */
	first.present = m->reservation.present;
	first.base = m->reservation.base;
	first.size = m->reservation.size;
	first.hv_base = m->reservation.present ? m->reservation.base : 0;
	jhgen_system_init(&sys, "sizing");
	if (!build(m, &sys, &first, reason, sizeof(reason)) &&
	    !jhgen_system_blob(&sys, &blob, &size)) {
		root = jh_sys_root_cell(blob);
		need = JH_HV_MEM_FIXED + JH_HV_MEM_PER_CPU * jhgen_cell_num_cpus(&sys.root) +
		       2 * JH_HV_MEM_PER_CELL +
		       jh_cell_paging_bytes(root, m->iommus.n > 0);
		/* 1 MiB of slack, whole MiB */
		need = (need + (2ull << 20) - 1) & ~((1ull << 20) - 1);
		free(blob);
	}
	jhgen_system_free(&sys);
	m->hv_need = need > HV_MEM_SIZE ? need : HV_MEM_SIZE;
	return m->hv_need;
}

int root_policy_build(struct machine *m, struct jhgen_system *sys,
		      char *reason, size_t reason_size)
{
	struct hv_memory_plan hv;

	hv_memory_plan(m, &hv);
	return build(m, sys, &hv, reason, reason_size);
}
