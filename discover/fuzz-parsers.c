// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the parsers that read untrusted input: binary ACPI
 * tables, acpidump text, PCI config space and kernel log text (IOAPIC
 * lines, then the pin count inference over whatever MADT came with it).
 * The first input byte picks the parser; the rest is its input. Built by
 * discover/Makefile when clang has libFuzzer; tests/suites/fuzz-discover
 * runs it briefly.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "acpi.h"
#include "ioapic-pins.h"
#include "kernel-log.h"
#include "pci-decode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_pci(struct machine *m, const uint8_t *data, size_t size)
{
	struct dsc_pci *d = calloc(1, sizeof(*d)), **slot;
	struct dev_cap caps[PCI_MAX_CAPS];
	struct pci_msi_info msi;
	struct pci_msix_info msix;

	if (!d)
		return;
	memcpy(d->cfg, data, size < PCI_CFG_MAX ? size : PCI_CFG_MAX);
	d->cfg_size = size >= 4096 ? 4096 : size >= 256 ? 256 : 64;
	d->has_res = size & 1;
	d->res_end[0] = size * 16;
	pci_decode_bars(d);
	pci_caps(d, caps, PCI_MAX_CAPS);
	pci_msi(d, &msi);
	pci_msix(d, &msix);
	pci_express_type(d);
	slot = vec_push(&m->pci);
	if (slot)
		*slot = d;
	else
		free(d);
}

/*
 * Kernel log text; an input that also holds an acpidump part (after a
 * line "APIC @ ...") gives the inference a MADT to match the lines to
 */
static void fuzz_kernel_log(struct machine *m, const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	const char *madt = memmem(text, size, "APIC @", 6);
	size_t log_len = madt ? (size_t)(madt - text) : size;

	klog_parse_text(m, text, log_len, "fuzz");
	if (madt)
		acpi_load_dump_text(m, madt, size - log_len, "fuzz");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct machine m;

	if (size < 1)
		return 0;
	machine_init(&m);
	switch (data[0] % 4) {
	case 0:
		acpi_add_table(&m, data + 1, size - 1, "fuzz");
		break;
	case 1:
		acpi_load_dump_text(&m, (const char *)data + 1, size - 1, "fuzz");
		break;
	case 2:
		fuzz_pci(&m, data + 1, size - 1);
		break;
	case 3:
		fuzz_kernel_log(&m, data + 1, size - 1);
		break;
	}
	acpi_parse_all(&m);
	dmar_resolve_scopes(&m);
	ioapic_assign_pins(&m);
	machine_free(&m);
	return 0;
}
