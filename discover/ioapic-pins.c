// SPDX-License-Identifier: GPL-2.0
/*
 * IOAPIC pin counts (ioapic-pins.h). The MADT gives each IOAPIC's first
 * GSI but not its size; firmware numbers GSIs densely, so the distance to
 * the next IOAPIC's base is the count whenever it is a plausible one. The
 * last IOAPIC has no next: only the kernel log knows, or a GSI that the
 * MADT itself routes there, or a PCI interrupt line, proves a lower bound.
 */
#include <stdio.h>
#include <stdlib.h>

#include "ioapic-pins.h"
#include "kernel-log.h"

static const struct {
	const char *name, *why;
} pin_sources[PINS_NUM_SOURCES] = {
	[PINS_UNKNOWN] = { "unknown", "pin count unknown" },
	[PINS_KERNEL_LOG] = { "kernel-log", "pin count from the kernel log" },
	[PINS_GSI_GAP] = { "gsi-gap",
		"pin count from the MADT: the GSI gap to the next IOAPIC" },
	[PINS_PCI_LINE] = { "pci-line",
		"pin count from PCI: the highest interrupt line routed here (a lower bound; the version register has the exact count)" },
	[PINS_MADT_GSI] = { "madt-gsi",
		"pin count from the MADT: the highest GSI it routes here (a lower bound; the version register has the exact count)" },
	[PINS_ASSUMED] = { "assumed",
		"24 pins assumed: the count was not read (the version register has it: give jh-discover --dmesg with the boot log, or run it as root)" },
};

bool ioapic_pins_may_be_more(enum dsc_pins_source s)
{
	return s == PINS_PCI_LINE || s == PINS_MADT_GSI || s == PINS_ASSUMED ||
	       s == PINS_UNKNOWN;
}

const char *ioapic_pins_source_name(enum dsc_pins_source s)
{
	return s < PINS_NUM_SOURCES ? pin_sources[s].name : "unknown";
}

const char *ioapic_pins_source_why(enum dsc_pins_source s)
{
	return s < PINS_NUM_SOURCES ? pin_sources[s].why : pin_sources[0].why;
}

static const char *log_name(const struct machine *m)
{
	return m->klog_source ? m->klog_source : "the kernel log";
}

static struct dsc_ioapic *find_by_address(struct machine *m, uint64_t address)
{
	for (size_t i = 0; i < m->ioapics.n; i++)
		if (m->ioapics.v[i].address == address)
			return &m->ioapics.v[i];
	return NULL;
}

/* Counts the kernel logged, where its IOAPIC is the MADT's */
static void from_kernel_log(struct machine *m)
{
	for (size_t i = 0; i < m->klog_ioapics.n; i++) {
		const struct dsc_klog_ioapic *e = &m->klog_ioapics.v[i];
		struct dsc_ioapic *io = find_by_address(m, e->address);

		if (!io) {
			if (m->have_madt)
				dsc_warn(m, "kernel log", DSC_NONE,
					 "%s line %ld: IOAPIC at 0x%llx (GSI %u-%u) is not in the MADT (a log of another machine?); line not used",
					 log_name(m), e->line,
					 (unsigned long long)e->address,
					 e->gsi_base, e->gsi_end);
			continue;
		}
		if (io->gsi_base != e->gsi_base) {
			dsc_warn(m, "kernel log", DSC_NONE,
				 "%s line %ld: IOAPIC at 0x%llx starts at GSI %u, the MADT says %u (a log of another firmware?); line not used",
				 log_name(m), e->line,
				 (unsigned long long)e->address, e->gsi_base,
				 io->gsi_base);
			continue;
		}
		io->pins = (int)(e->gsi_end - e->gsi_base + 1);
		io->pins_source = PINS_KERNEL_LOG;
	}
}

/* The highest GSI in [lo, hi) that an ISO or NMI source names, or -1 */
static int64_t highest_routed_gsi(const struct machine *m, uint32_t lo,
				  uint64_t hi)
{
	int64_t best = -1;

	for (size_t i = 0; i < m->isos.n; i++)
		if (m->isos.v[i].gsi >= lo && m->isos.v[i].gsi < hi &&
		    m->isos.v[i].gsi > best)
			best = m->isos.v[i].gsi;
	for (size_t i = 0; i < m->nmi_gsis.n; i++)
		if (m->nmi_gsis.v[i] >= lo && m->nmi_gsis.v[i] < hi &&
		    m->nmi_gsis.v[i] > best)
			best = m->nmi_gsis.v[i];
	return best;
}

static int cmp_base(const void *a, const void *b)
{
	const struct dsc_ioapic *x = *(struct dsc_ioapic *const *)a;
	const struct dsc_ioapic *y = *(struct dsc_ioapic *const *)b;

	if (x->gsi_base != y->gsi_base)
		return x->gsi_base < y->gsi_base ? -1 : 1;
	return x->address < y->address ? -1 : x->address > y->address;
}

/* One IOAPIC the kernel log did not size; next: the next higher base */
static void from_madt(struct machine *m, struct dsc_ioapic *io,
		      const struct dsc_ioapic *next, bool shared)
{
	uint64_t hi = next ? next->gsi_base : UINT64_MAX;
	int64_t top;

	if (next && !shared && next->gsi_base - io->gsi_base <= KLOG_MAX_PINS) {
		io->pins = (int)(next->gsi_base - io->gsi_base);
		io->pins_source = PINS_GSI_GAP;
		return;
	}
	top = highest_routed_gsi(m, io->gsi_base, hi);
	if (!shared && top - io->gsi_base + 1 > IOAPIC_PINS_ASSUMED &&
	    top - io->gsi_base + 1 <= KLOG_MAX_PINS) {
		io->pins = (int)(top - io->gsi_base + 1);
		io->pins_source = PINS_MADT_GSI;
		return;
	}
	io->pins = IOAPIC_PINS_ASSUMED;
	io->pins_source = PINS_ASSUMED;
}

static void from_layout(struct machine *m)
{
	size_t n = m->ioapics.n;
	struct dsc_ioapic **by_base = calloc(n ? n : 1, sizeof(*by_base));

	if (!by_base)
		return;
	for (size_t i = 0; i < n; i++)
		by_base[i] = &m->ioapics.v[i];
	qsort(by_base, n, sizeof(*by_base), cmp_base);
	for (size_t i = 0; i < n; i++) {
		struct dsc_ioapic *io = by_base[i];
		const struct dsc_ioapic *next = NULL;
		bool shared = (i > 0 && by_base[i - 1]->gsi_base == io->gsi_base);

		for (size_t j = i + 1; j < n && !next; j++) {
			if (by_base[j]->gsi_base > io->gsi_base)
				next = by_base[j];
			else
				shared = true;
		}
		if (i + 1 < n && by_base[i + 1]->gsi_base == io->gsi_base)
			dsc_warn(m, "APIC", DSC_NONE,
				 "IOAPICs id %u and id %u both start at GSI %u: their pin counts cannot be told from the MADT",
				 io->id, by_base[i + 1]->id, io->gsi_base);
		if (io->pins_source == PINS_UNKNOWN)
			from_madt(m, io, next, shared);
	}
	free(by_base);
}

/* The IOAPIC whose GSI range starts at or below gsi closest to it */
static struct dsc_ioapic *ioapic_of_gsi(struct machine *m, uint32_t gsi)
{
	struct dsc_ioapic *best = NULL;
	bool shared = false;

	for (size_t i = 0; i < m->ioapics.n; i++) {
		struct dsc_ioapic *io = &m->ioapics.v[i];

		if (io->gsi_base > gsi || (best && io->gsi_base < best->gsi_base))
			continue;
		shared = best && io->gsi_base == best->gsi_base;
		best = io;
	}
	return shared ? NULL : best;	/* a shared base: whose pin is it? */
}

/*
 * A PCI function's interrupt line (config byte 0x3c, with an interrupt pin
 * at 0x3d) is the GSI its INTx is routed to: the IOAPIC has at least that
 * pin. Firmware writes it in APIC mode; 0 and 0xff mean none. Counts the
 * log or the GSI gap gave are left alone: those are the IOAPIC's own.
 */
static void from_pci_lines(struct machine *m)
{
	for (size_t i = 0; i < m->pci.n; i++) {
		const struct dsc_pci *d = m->pci.v[i];
		uint8_t line = d->cfg_size > 0x3d ? d->cfg[0x3c] : 0;
		uint8_t pin = d->cfg_size > 0x3d ? d->cfg[0x3d] : 0;
		struct dsc_ioapic *io;
		int need;

		if (!line || line == 0xff || !pin || pin > 4)
			continue;
		io = ioapic_of_gsi(m, line);
		if (!io || !ioapic_pins_may_be_more(io->pins_source))
			continue;
		need = (int)(line - io->gsi_base) + 1;
		if (need > io->pins && need <= KLOG_MAX_PINS) {
			io->pins = need;
			io->pins_source = PINS_PCI_LINE;
		}
	}
}

/* Says what the kernel log would have added, when it was not there */
static void note_missing_log(struct machine *m)
{
	char why[4400], leaves[512];
	int inferred = 0, assumed = 0;

	for (size_t i = 0; i < m->ioapics.n; i++) {
		inferred += m->ioapics.v[i].pins_source == PINS_GSI_GAP ||
			    m->ioapics.v[i].pins_source == PINS_PCI_LINE ||
			    m->ioapics.v[i].pins_source == PINS_MADT_GSI;
		assumed += m->ioapics.v[i].pins_source == PINS_ASSUMED;
	}
	if (!inferred && !assumed)
		return;
	if (m->klog_why)
		snprintf(why, sizeof(why), "%s", m->klog_why);
	else if (!m->klog_ioapics.n)
		snprintf(why, sizeof(why),
			 "%s has no IOAPIC lines (the boot messages left the kernel's ring buffer, or the log starts after boot)",
			 log_name(m));
	else
		snprintf(why, sizeof(why), "%s has no usable line for %d of the MADT's IOAPICs",
			 log_name(m), inferred + assumed);
	snprintf(leaves, sizeof(leaves),
		 "the exact pin count of %d of %zu IOAPIC(s): %d inferred from the MADT or PCI interrupt lines, %d assumed %d (save the boot log with `journalctl -k -b` or `dmesg` and give it with --dmesg)",
		 inferred + assumed, m->ioapics.n, inferred, assumed,
		 IOAPIC_PINS_ASSUMED);
	dsc_limit(m, "kernel log (IOAPIC pin counts)", why, leaves);
}

void ioapic_assign_pins(struct machine *m)
{
	for (size_t i = 0; i < m->ioapics.n; i++) {
		m->ioapics.v[i].pins = DSC_NONE;
		m->ioapics.v[i].pins_source = PINS_UNKNOWN;
	}
	from_kernel_log(m);
	from_layout(m);
	from_pci_lines(m);
	note_missing_log(m);
}
