// SPDX-License-Identifier: GPL-2.0
/* PCI config space decoding (see pci-decode.h). */
#include <string.h>

#include "pci-decode.h"

#define PCI_STATUS_CAP_LIST	0x10
#define PCI_CAP_PTR		0x34
#define PCI_EXT_CAP_START	0x100

enum {
	CAP_PM = 0x01, CAP_VPD = 0x03, CAP_MSI = 0x05, CAP_PCIX = 0x07,
	CAP_VNDR = 0x09, CAP_SSVID = 0x0d, CAP_EXP = 0x10, CAP_MSIX = 0x11,
	CAP_SATA = 0x12, CAP_AF = 0x13,
};

/* Fixed lengths of standard capabilities (MSI and vendor ones computed) */
static const uint16_t cap_len[256] = {
	[CAP_PM] = 8, [CAP_VPD] = 8, [CAP_PCIX] = 8, [CAP_SSVID] = 8,
	[CAP_MSIX] = 12, [CAP_SATA] = 8, [CAP_AF] = 6, [0x04] = 4,
	[0x08] = 8, [0x0a] = 4, [0x0c] = 4, [0x0e] = 4, [0x0f] = 4,
};

static const char *const cap_names[256] = {
	[CAP_PM] = "Power Management", [0x02] = "AGP", [CAP_VPD] = "VPD",
	[0x04] = "Slot ID", [CAP_MSI] = "MSI", [0x06] = "CompactPCI Hot Swap",
	[CAP_PCIX] = "PCI-X", [0x08] = "HyperTransport",
	[CAP_VNDR] = "Vendor Specific", [0x0a] = "Debug Port",
	[0x0b] = "CompactPCI CRC", [0x0c] = "Hot Plug",
	[CAP_SSVID] = "Bridge Subsystem Vendor ID", [0x0e] = "AGP 8x",
	[0x0f] = "Secure Device", [CAP_EXP] = "PCI Express",
	[CAP_MSIX] = "MSI-X", [CAP_SATA] = "SATA", [CAP_AF] = "Advanced Features",
	[0x14] = "Enhanced Allocation",
};

static const uint16_t ext_cap_len[] = {
	[0x01] = 0x48, [0x02] = 0x10, [0x03] = 0x0c, [0x04] = 0x10,
	[0x05] = 0x0c, [0x06] = 0x0c, [0x0b] = 0x08, [0x0d] = 0x08,
	[0x0e] = 0x08, [0x0f] = 0x10, [0x10] = 0x40, [0x12] = 0x30, [0x13] = 0x08,
	[0x15] = 0x08, [0x16] = 0x08, [0x17] = 0x0c, [0x18] = 0x08,
	[0x19] = 0x0c, [0x1b] = 0x08, [0x1e] = 0x10, [0x1f] = 0x08,
	[0x25] = 0x10, [0x26] = 0x20, [0x27] = 0x20,
};

static const char *const ext_cap_names[] = {
	[0x01] = "Advanced Error Reporting", [0x02] = "Virtual Channel",
	[0x03] = "Device Serial Number", [0x04] = "Power Budgeting",
	[0x05] = "Root Complex Link Declaration",
	[0x06] = "Root Complex Internal Link Control",
	[0x07] = "Root Complex Event Collector Endpoint Association",
	[0x08] = "Multi-Function VC Arbitration", [0x09] = "Virtual Channel (MFVC)",
	[0x0a] = "RCRB Header", [0x0b] = "Vendor Specific",
	[0x0d] = "Access Control Services", [0x0e] = "Alternative Routing-ID",
	[0x0f] = "Address Translation Services", [0x10] = "SR-IOV",
	[0x11] = "MR-IOV", [0x12] = "Multicast", [0x13] = "Page Request",
	[0x15] = "Resizable BAR", [0x16] = "Dynamic Power Allocation",
	[0x17] = "TPH Requester", [0x18] = "Latency Tolerance Reporting",
	[0x19] = "Secondary PCI Express", [0x1a] = "PMUX",
	[0x1b] = "PASID", [0x1c] = "LN Requester",
	[0x1d] = "Downstream Port Containment", [0x1e] = "L1 PM Substates",
	[0x1f] = "Precision Time Measurement", [0x23] = "Designated Vendor Specific",
	[0x25] = "Data Link Feature", [0x26] = "Physical Layer 16 GT/s",
	[0x27] = "Lane Margining at the Receiver",
};

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

unsigned int pci_num_bars(const struct dsc_pci *d)
{
	static const unsigned int bars[] = { 6, 2, 1 };
	uint8_t t = pci_header_type(d);

	return t < 3 ? bars[t] : 0;
}

void pci_decode_bars(struct dsc_pci *d)
{
	unsigned int n = pci_num_bars(d);

	memset(d->bar, 0, sizeof(d->bar));
	for (unsigned int i = 0; i < n; i++) {
		uint32_t lo = cfg32(d, 0x10 + 4 * i);
		struct dsc_bar *b = &d->bar[i];

		b->is_io = lo & 1;
		if (b->is_io) {
			b->address = lo & ~3u;
		} else {
			uint8_t type = (lo >> 1) & 3;

			b->is_64 = type == 2 && i + 1 < n;
			b->below_1m = type == 1;
			b->prefetch = lo & 8;
			b->address = lo & ~0xfu;
			if (b->is_64)
				b->address |= (uint64_t)cfg32(d, 0x14 + 4 * i) << 32;
		}
		if (d->has_res && d->res_end[i] > d->res_start[i]) {
			b->size = d->res_end[i] - d->res_start[i] + 1;
			b->size_known = true;
		}
		b->used = b->address || b->size_known;
		if (b->size_known) {
			uint64_t mask = ~(b->size - 1);

			b->mask = b->is_io ? ((uint32_t)mask & ~3u) :
				  ((uint32_t)mask & ~0xfu);
			if (b->is_64)
				d->bar[i + 1].mask = mask >> 32;
		}
		if (b->is_64)
			i++;	/* the upper half is not a BAR of its own */
	}
}

static uint16_t msi_len(const struct dsc_pci *d, unsigned int off)
{
	uint16_t ctrl = cfg16(d, off + 2);

	return 10 + ((ctrl & 0x80) ? 4 : 0) + ((ctrl & 0x100) ? 10 : 0);
}

/* A capability never runs into the next one (firmware packs some tightly) */
static void clamp_lengths(struct dev_cap *caps, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		for (unsigned int j = 0; j < n; j++)
			if (caps[j].extended == caps[i].extended &&
			    caps[j].offset > caps[i].offset &&
			    caps[i].offset + caps[i].length > caps[j].offset)
				caps[i].length = caps[j].offset - caps[i].offset;
}

static unsigned int walk_caps(const struct dsc_pci *d, struct dev_cap *caps,
			      unsigned int max);

unsigned int pci_caps(const struct dsc_pci *d, struct dev_cap *caps,
		      unsigned int max)
{
	unsigned int n = walk_caps(d, caps, max);

	clamp_lengths(caps, n);
	return n;
}

static unsigned int walk_caps(const struct dsc_pci *d, struct dev_cap *caps,
			      unsigned int max)
{
	unsigned int n = 0, guard;
	unsigned int off;

	if (d->cfg_size < 64 || !(cfg16(d, 0x06) & PCI_STATUS_CAP_LIST))
		goto extended;
	off = cfg8(d, PCI_CAP_PTR) & ~3u;
	/* a loop in a broken list must not hang us: at most 48 entries */
	for (guard = 0; off >= 0x40 && off < 0x100 && guard < 48; guard++) {
		uint8_t id = cfg8(d, off);
		struct dev_cap *c;

		if (off + 2 > d->cfg_size || n == max)
			break;
		c = &caps[n++];
		c->id = id;
		c->offset = off;
		c->extended = false;
		if (id == CAP_MSI)
			c->length = msi_len(d, off);
		else if (id == CAP_EXP)
			/* version 2 capability structures are 60 bytes */
			c->length = (cfg16(d, off + 2) & 0xf) >= 2 ? 0x3c : 0x14;
		else if (id == CAP_VNDR)
			c->length = cfg8(d, off + 2) >= 3 ? cfg8(d, off + 2) : 3;
		else
			c->length = cap_len[id] ? cap_len[id] : 4;
		if (c->offset + c->length > 0x100)
			c->length = 0x100 - c->offset;
		off = cfg8(d, off + 1) & ~3u;
	}
extended:
	if (d->cfg_size < 4096)
		return n;
	off = PCI_EXT_CAP_START;
	for (guard = 0; off >= PCI_EXT_CAP_START && off + 4 <= d->cfg_size &&
	     guard < 256; guard++) {
		uint32_t hdr = cfg32(d, off);
		uint16_t id = hdr & 0xffff;
		struct dev_cap *c;

		if (hdr == 0 || hdr == 0xffffffff || n == max)
			break;
		c = &caps[n++];
		c->id = id;
		c->offset = off;
		c->extended = true;
		if (id == 0x0b || id == 0x23)
			c->length = cfg32(d, off + 4) >> 20;
		else if (id < ARRAY_SIZE(ext_cap_len) && ext_cap_len[id])
			c->length = ext_cap_len[id];
		else
			c->length = 4;
		if (c->length < 4)
			c->length = 4;
		if (c->offset + c->length > 0x1000)
			c->length = 0x1000 - c->offset;
		off = (hdr >> 20) & ~3u;
	}
	return n;
}

const char *pci_cap_name(const struct dev_cap *c)
{
	const char *n = NULL;

	if (!c->extended)
		n = cap_names[c->id & 0xff];
	else if (c->id < ARRAY_SIZE(ext_cap_names))
		n = ext_cap_names[c->id];
	return n ? n : "Unknown";
}

static unsigned int find_cap(const struct dsc_pci *d, uint8_t id)
{
	struct dev_cap caps[PCI_MAX_CAPS];
	unsigned int n = pci_caps(d, caps, PCI_MAX_CAPS);

	for (unsigned int i = 0; i < n; i++)
		if (!caps[i].extended && caps[i].id == id)
			return caps[i].offset;
	return 0;
}

void pci_msi(const struct dsc_pci *d, struct pci_msi_info *msi)
{
	unsigned int off = find_cap(d, CAP_MSI);
	uint16_t ctrl;

	memset(msi, 0, sizeof(*msi));
	if (!off)
		return;
	ctrl = cfg16(d, off + 2);
	msi->present = true;
	msi->cap_offset = off;
	msi->vectors = 1u << ((ctrl >> 1) & 7);
	if (msi->vectors > 32)
		msi->vectors = 32;
	msi->is_64bit = ctrl & 0x80;
	msi->maskable = ctrl & 0x100;
}

void pci_msix(const struct dsc_pci *d, struct pci_msix_info *x)
{
	unsigned int off = find_cap(d, CAP_MSIX);
	uint32_t t, p;

	memset(x, 0, sizeof(*x));
	if (!off)
		return;
	x->present = true;
	x->cap_offset = off;
	x->vectors = (cfg16(d, off + 2) & 0x7ff) + 1;
	t = cfg32(d, off + 4);
	p = cfg32(d, off + 8);
	x->table_bar = t & 7;
	x->table_offset = t & ~7u;
	x->pba_bar = p & 7;
	x->pba_offset = p & ~7u;
	if (x->table_bar < 6 && d->bar[x->table_bar].address)
		x->table_address = d->bar[x->table_bar].address + x->table_offset;
	if (x->pba_bar < 6 && d->bar[x->pba_bar].address)
		x->pba_address = d->bar[x->pba_bar].address + x->pba_offset;
}

const char *pci_express_type(const struct dsc_pci *d)
{
	static const char *const types[16] = {
		[0] = "endpoint", [1] = "legacy_endpoint", [4] = "root_port",
		[5] = "upstream_port", [6] = "downstream_port",
		[7] = "pci_bridge", [8] = "pcie_bridge", [9] = "rc_endpoint",
		[10] = "rc_event_collector",
	};
	unsigned int off = find_cap(d, CAP_EXP);

	if (!off)
		return NULL;
	return types[(cfg16(d, off + 2) >> 4) & 0xf];
}
