/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Decoding a PCI function's raw config space: BARs, capabilities with
 * their lengths, MSI/MSI-X, bridge windows. Used by the JSON output and
 * the root-cell policy alike, so both see the same device.
 */
#ifndef _JH_DISCOVER_PCI_DECODE_H
#define _JH_DISCOVER_PCI_DECODE_H

#include "machine.h"

#define PCI_MAX_CAPS	64

struct dev_cap {
	uint16_t id;		/* extended caps: the 16-bit ext id */
	uint16_t offset, length;
	bool extended;
};

struct pci_msix_info {
	bool present;
	uint16_t vectors, cap_offset;
	uint8_t table_bar, pba_bar;
	uint32_t table_offset, pba_offset;
	uint64_t table_address, pba_address;	/* 0 if the BAR is unset */
};

struct pci_msi_info {
	bool present, is_64bit, maskable;
	uint16_t vectors, cap_offset;
};

static inline uint16_t cfg16(const struct dsc_pci *d, unsigned int off)
{
	return off + 2 <= d->cfg_size ? d->cfg[off] | d->cfg[off + 1] << 8 : 0;
}

static inline uint32_t cfg32(const struct dsc_pci *d, unsigned int off)
{
	return off + 4 <= d->cfg_size ? (uint32_t)cfg16(d, off) |
					(uint32_t)cfg16(d, off + 2) << 16 : 0;
}

static inline uint8_t cfg8(const struct dsc_pci *d, unsigned int off)
{
	return off < d->cfg_size ? d->cfg[off] : 0;
}

static inline uint8_t pci_header_type(const struct dsc_pci *d)
{
	return cfg8(d, 0x0e) & 0x7f;
}

static inline uint16_t pci_bdf16(const struct dsc_pci *d)
{
	return d->bus << 8 | d->dev << 3 | d->fn;
}

unsigned int pci_num_bars(const struct dsc_pci *d);
/* Fills d->bar[] from config space and the sizes known (d->res_*) */
void pci_decode_bars(struct dsc_pci *d);
/* Standard then extended capabilities; returns the count */
unsigned int pci_caps(const struct dsc_pci *d, struct dev_cap *caps,
		      unsigned int max);
const char *pci_cap_name(const struct dev_cap *c);
void pci_msi(const struct dsc_pci *d, struct pci_msi_info *msi);
void pci_msix(const struct dsc_pci *d, struct pci_msix_info *msix);
/* PCIe device/port type name, NULL if not PCIe */
const char *pci_express_type(const struct dsc_pci *d);

#endif /* _JH_DISCOVER_PCI_DECODE_H */
