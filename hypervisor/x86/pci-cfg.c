// SPDX-License-Identifier: GPL-2.0
/*
 * PCI configuration access on x86. The hypervisor's own accesses use the
 * 0xcf8/0xcfc ports for the first 256 bytes of segment 0 and MMCONFIG
 * for the rest. Every cell reaches config space only through the
 * hypervisor: its 0xcf8 address latch is kept here (the chipset's latch
 * is the hypervisor's), its 0xcfc data accesses and its accesses to the
 * MMCONFIG windows (left out of its EPT, trapped) all end in
 * pci_cfg_access(), which filters them (core/pci.c).
 */
#include <jh/config-walk.h>
#include <mmio.h>
#include <pci.h>

#define PCI_ADDR_PORT		0xcf8
#define PCI_DATA_PORT		0xcfc
#define PCI_ADDR_ENABLE		(1U << 31)

static spinlock_t cfg_lock;	/* the chipset's address latch */
static u32 latch[MAX_CELLS];	/* what each cell last wrote to 0xcf8 */

/* The MMCONFIG window holding seg:bus, mapped uncached; NULL if none */
static volatile u8 *mmcfg_addr(u16 seg, u16 bdf, u16 reg)
{
	const struct jh_pci_mmconfig *w = jh_sys_mmconfigs(sys_config);
	u32 i, bus = bdf >> 8;

	for (i = 0; i < sys_config->platform.num_pci_mmconfig; i++, w++)
		if (w->segment == seg && bus >= w->start_bus && bus <= w->end_bus)
			return (volatile u8 *)direct_map(w->base) +
			       ((u64)bdf << 12) + reg;
	return NULL;
}

u32 arch_pci_read(u16 seg, u16 bdf, u16 reg, unsigned int size)
{
	volatile u8 *p;
	u32 v;

	if (seg == 0 && reg < 256) {
		spin_lock(&cfg_lock);
		port_write(PCI_ADDR_PORT, 4, PCI_ADDR_ENABLE | ((u32)bdf << 8) | (reg & 0xfc));
		v = port_read(PCI_DATA_PORT + (reg & 3), size);
		spin_unlock(&cfg_lock);
		return v;
	}
	p = mmcfg_addr(seg, bdf, reg);
	if (!p)
		return ~0U;
	return size == 1 ? *p : size == 2 ? *(volatile u16 *)p : *(volatile u32 *)p;
}

void arch_pci_write(u16 seg, u16 bdf, u16 reg, unsigned int size, u32 v)
{
	volatile u8 *p;

	if (seg == 0 && reg < 256) {
		spin_lock(&cfg_lock);
		port_write(PCI_ADDR_PORT, 4, PCI_ADDR_ENABLE | ((u32)bdf << 8) | (reg & 0xfc));
		port_write(PCI_DATA_PORT + (reg & 3), size, v);
		spin_unlock(&cfg_lock);
		return;
	}
	p = mmcfg_addr(seg, bdf, reg);
	if (p)
		mmio_write(p, size, v);
}

/* A cell's access to ports 0xcf8-0xcff (string forms excluded) */
void pci_port_access(struct per_cpu *c, u16 port, unsigned int size, bool in,
		     u32 *value)
{
	u32 *l = &latch[c->cell->id];
	u16 reg = (*l & 0xfc) | (port & 3);

	if (port == PCI_ADDR_PORT && size == 4) {
		if (in)
			*value = *l;
		else
			*l = *value;
	} else if (port < PCI_DATA_PORT && c->cell != &root_cell) {
		cell_fail(c, "port I/O %s at port 0x%x", in ? "read" : "write", port);
	} else if (port + size <= PCI_DATA_PORT) {
		/* 0xcf9 and friends: chipset registers (reset), the root's */
		if (in)
			*value = port_read(port, size);
		else
			port_write(port, size, *value);
	} else if (port < PCI_DATA_PORT || !(*l & PCI_ADDR_ENABLE) || (reg & (size - 1))) {
		/*
		 * no config cycle: nobody answers. An access from below 0xcfc
		 * would reach the data port with the chipset's latch, the
		 * hypervisor's last (perhaps a cell's device).
		 */
		if (in)
			*value = ~0U;
	} else {
		pci_cfg_access(c, 0, (*l >> 8) & 0xffff, reg, size, !in, value);
	}
}

/* A cell's access to an MMCONFIG window (opaque: the window) */
static bool mmcfg_access(struct per_cpu *c, void *opaque, u64 offset,
			 unsigned int size, bool write, u64 *value)
{
	const struct jh_pci_mmconfig *w = opaque;
	u32 v = *value;

	if (size > 4 || (offset & (size - 1)))
		return false;
	pci_cfg_access(c, w->segment, (w->start_bus << 8) + (offset >> 12),
		       offset & 0xfff, size, write, &v);
	if (!write)
		*value = v;
	return true;
}

/*
 * A cell's MMCONFIG windows trapped, its latch cleared; at enable (the
 * root) the windows are mapped for the hypervisor too
 */
int arch_pci_cell_init(struct cell *cell)
{
	const struct jh_pci_mmconfig *w = jh_sys_mmconfigs(sys_config);
	u64 start, size;
	u32 i;
	int err;

	latch[cell->id] = 0;
	for (i = 0; i < sys_config->platform.num_pci_mmconfig; i++, w++) {
		start = w->base + ((u64)w->start_bus << 20);
		size = (u64)(w->end_bus - w->start_bus + 1) << 20;
		if (cell == &root_cell && !mmio_map_uncached(start, size))
			return set_status(-EINVAL, "PCI MMCONFIG window 0x%lx is "
					  "outside the hypervisor's direct map", start);
		err = mmio_register(cell, start, size, mmcfg_access, (void *)w) ? :
		      gpa_unmap(cell->gpa_root, start, size);
		if (err)
			return set_status(err, "cannot trap the PCI MMCONFIG window 0x%lx for "
					  "cell %s (error %d)", start, cell->config->name, err);
	}
	return 0;
}
