// SPDX-License-Identifier: GPL-2.0
/* --json pci_devices (docs/machine-json.md). */
#include "json-out.h"
#include "pci-decode.h"

static json_object *json_bars(const struct dsc_pci *d)
{
	json_object *a = json_object_new_array();

	for (int i = 0; i < 6; i++) {
		const struct dsc_bar *b = &d->bar[i];
		json_object *o;
		const char *type;

		if (!b->used)
			continue;
		type = b->is_io ? "io" : b->is_64 ? "mem64" :
		       b->below_1m ? "mem1m" : "mem32";
		o = json_object_new_object();
		jset(o, "index", jint(i));
		jset(o, "address", jx(b->address));
		jset(o, "size", b->size_known ? jx(b->size) : NULL);
		jset(o, "type", jstr(type));
		jset(o, "prefetchable", json_object_new_boolean(b->prefetch));
		jset(o, "mask", jx(b->mask));
		json_object_array_add(a, o);
	}
	return a;
}

static json_object *json_rom(const struct dsc_pci *d)
{
	unsigned int reg = pci_header_type(d) == 1 ? 0x38 : 0x30;
	uint32_t v = cfg32(d, reg);
	json_object *o;

	if (pci_header_type(d) > 1 || (!(v & ~0x7ffu) && !d->res_end[6]))
		return NULL;
	o = json_object_new_object();
	jset(o, "address", jx(v & ~0x7ffu));
	jset(o, "size", d->res_end[6] > d->res_start[6] ?
	     jx(d->res_end[6] - d->res_start[6] + 1) : NULL);
	jset(o, "enabled", json_object_new_boolean(v & 1));
	return o;
}

static void json_caps(const struct dsc_pci *d, json_object *dev)
{
	struct dev_cap caps[PCI_MAX_CAPS];
	unsigned int n = pci_caps(d, caps, PCI_MAX_CAPS);
	json_object *std = json_object_new_array();
	json_object *ext = json_object_new_array();

	for (unsigned int i = 0; i < n; i++) {
		json_object *o = json_object_new_object();

		jset(o, "id", jint(caps[i].id));
		jset(o, "offset", jint(caps[i].offset));
		jset(o, "length", jint(caps[i].length));
		jset(o, "name", jstr(pci_cap_name(&caps[i])));
		json_object_array_add(caps[i].extended ? ext : std, o);
	}
	jset(dev, "caps", std);
	jset(dev, "ext_caps", ext);
}

static json_object *json_window(uint64_t base, uint64_t limit)
{
	json_object *o;

	if (limit < base)
		return NULL;
	o = json_object_new_object();
	jset(o, "base", jx(base));
	jset(o, "limit", jx(limit));
	return o;
}

static json_object *json_bridge(const struct dsc_pci *d)
{
	json_object *o;
	uint64_t base, limit;

	if (pci_header_type(d) != 1)
		return NULL;
	o = json_object_new_object();
	jset(o, "primary_bus", jint(cfg8(d, 0x18)));
	jset(o, "secondary_bus", jint(cfg8(d, 0x19)));
	jset(o, "subordinate_bus", jint(cfg8(d, 0x1a)));
	base = (cfg8(d, 0x1c) & 0xf0) << 8;
	limit = (cfg8(d, 0x1d) & 0xf0) << 8 | 0xfff;
	if ((cfg8(d, 0x1c) & 0xf) == 1) {
		base |= (uint32_t)cfg16(d, 0x30) << 16;
		limit |= (uint32_t)cfg16(d, 0x32) << 16;
	}
	jset(o, "io_window", json_window(base, limit));
	base = (uint64_t)(cfg16(d, 0x20) & 0xfff0) << 16;
	limit = (uint64_t)(cfg16(d, 0x22) & 0xfff0) << 16 | 0xfffff;
	jset(o, "mem_window", json_window(base, limit));
	base = (uint64_t)(cfg16(d, 0x24) & 0xfff0) << 16;
	limit = (uint64_t)(cfg16(d, 0x26) & 0xfff0) << 16 | 0xfffff;
	if ((cfg16(d, 0x24) & 0xf) == 1) {
		base |= (uint64_t)cfg32(d, 0x28) << 32;
		limit |= (uint64_t)cfg32(d, 0x2c) << 32;
	}
	jset(o, "prefmem_window", json_window(base, limit));
	return o;
}

static json_object *json_sriov(const struct dsc_pci *d)
{
	struct dev_cap caps[PCI_MAX_CAPS];
	unsigned int n = pci_caps(d, caps, PCI_MAX_CAPS);

	for (unsigned int i = 0; i < n; i++) {
		unsigned int off = caps[i].offset;
		json_object *o;

		if (!caps[i].extended || caps[i].id != 0x10)
			continue;
		o = json_object_new_object();
		jset(o, "total_vfs", jint(cfg16(d, off + 0x0e)));
		jset(o, "num_vfs", jint(cfg16(d, off + 0x10)));
		jset(o, "vf_offset", jint(cfg16(d, off + 0x14)));
		jset(o, "vf_stride", jint(cfg16(d, off + 0x16)));
		return o;
	}
	return NULL;
}

static json_object *json_device(const struct dsc_pci *d)
{
	json_object *o = json_object_new_object();
	struct pci_msi_info msi;
	struct pci_msix_info msix;
	json_object *mo = NULL, *xo = NULL;

	jset(o, "bdf", jbdf(d->segment, pci_bdf16(d)));
	jset(o, "bdf16", jint(pci_bdf16(d)));
	jset(o, "segment", jint(d->segment));
	jset(o, "bus", jint(d->bus));
	jset(o, "dev", jint(d->dev));
	jset(o, "fn", jint(d->fn));
	jset(o, "vendor_id", jint(cfg16(d, 0)));
	jset(o, "device_id", jint(cfg16(d, 2)));
	jset(o, "subsystem_vendor_id",
	     jint(pci_header_type(d) == 0 ? cfg16(d, 0x2c) : 0));
	jset(o, "subsystem_id", jint(pci_header_type(d) == 0 ? cfg16(d, 0x2e) : 0));
	jset(o, "revision", jint(cfg8(d, 8)));
	jset(o, "class", jint(cfg32(d, 8) >> 8));
	jset(o, "class_name", d->class_name[0] ? jstr(d->class_name) : NULL);
	jset(o, "vendor_name", d->vendor_name[0] ? jstr(d->vendor_name) : NULL);
	jset(o, "device_name", d->device_name[0] ? jstr(d->device_name) : NULL);
	jset(o, "header_type", jint(pci_header_type(d)));
	jset(o, "multifunction", json_object_new_boolean(cfg8(d, 0x0e) & 0x80));
	jset(o, "config_size", jint(d->cfg_size));
	jset(o, "bars", json_bars(d));
	jset(o, "rom", json_rom(d));
	json_caps(d, o);
	pci_msi(d, &msi);
	if (msi.present) {
		mo = json_object_new_object();
		jset(mo, "vectors", jint(msi.vectors));
		jset(mo, "is_64bit", json_object_new_boolean(msi.is_64bit));
		jset(mo, "maskable", json_object_new_boolean(msi.maskable));
		jset(mo, "cap_offset", jint(msi.cap_offset));
	}
	jset(o, "msi", mo);
	pci_msix(d, &msix);
	if (msix.present) {
		xo = json_object_new_object();
		jset(xo, "vectors", jint(msix.vectors));
		jset(xo, "table_bar", jint(msix.table_bar));
		jset(xo, "table_offset", jx(msix.table_offset));
		jset(xo, "table_address", msix.table_address ?
		     jx(msix.table_address) : NULL);
		jset(xo, "pba_bar", jint(msix.pba_bar));
		jset(xo, "pba_offset", jx(msix.pba_offset));
		jset(xo, "pba_address", msix.pba_address ? jx(msix.pba_address) : NULL);
		jset(xo, "cap_offset", jint(msix.cap_offset));
	}
	jset(o, "msix", xo);
	jset(o, "pcie_type", jstr(pci_express_type(d)));
	jset(o, "bridge", json_bridge(d));
	jset(o, "sriov", json_sriov(d));
	jset(o, "interrupt_pin", jint(pci_header_type(d) < 2 ? cfg8(d, 0x3d) : 0));
	jset(o, "interrupt_line", jint(cfg8(d, 0x3c)));
	jset(o, "irq", d->irq > 0 ? jint(d->irq) : NULL);
	jset(o, "iommu_group", jint_or_null(d->iommu_group));
	jset(o, "driver", d->driver[0] ? jstr(d->driver) : NULL);
	jset(o, "iommu", jint_or_null(d->iommu));
	return o;
}

void json_add_pci(struct machine *m, json_object *root)
{
	json_object *a = json_object_new_array();

	for (size_t i = 0; i < m->pci.n; i++)
		json_object_array_add(a, json_device(m->pci.v[i]));
	jset(root, "pci_devices", a);
}
