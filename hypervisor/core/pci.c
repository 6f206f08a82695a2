// SPDX-License-Identifier: GPL-2.0
/*
 * Mediated PCI configuration space. Every cell reaches config space only
 * through the hypervisor (ports and MMCONFIG, x86/pci-cfg.c), and MSI-X
 * tables are trapped. A device a cell's config lists is that cell's from
 * create to destroy (bus mastering off and a reset at both ends); to
 * everyone else it reads all ones and takes no writes. The root's writes
 * pass through, except those that would let a device's MSI reach another
 * cell's CPU: an MSI or MSI-X capability enabled with such a message, an
 * MSI-X entry unmasked with one, or the BAR of an enabled MSI-X table
 * moved away from the trapped page; and those that would take a cell's
 * device or decode from it: any to a bridge leading to it, a BAR, an
 * expansion ROM or another bridge's window moved over one of its BARs,
 * its memory or its ports, a PIRQ route to or from its pins
 * (root_refusal()); at create, the root's BARs and PIRQ routes as they
 * are (root_devices_clear()). MSI-X
 * table writes are aligned dwords or qwords. A cell's writes pass the same MSI
 * filter with its own CPUs; its BARs are emulated within the config's
 * size masks (the real ones never move), its command register takes the
 * bits a driver sets, and beyond the header only the capabilities its
 * config marks writable (MSI and MSI-X among them, filtered) are
 * written. Capabilities are found in the device's own list, not in the
 * config, so a config that forgets a device forgets no MSI; an MSI-X
 * table the hypervisor could not trap at enable cannot be enabled.
 *
 * With interrupt remapping, the MSI message and MSI-X table of each
 * device of the root's config are shadows: its owner reads back what it
 * wrote, the device holds the remappable address of the entry the
 * hypervisor wrote from it (iommu_irq_map(), present while enabled and
 * unmasked), and a hand-over clears them.
 */
#include <jh/config-walk.h>
#include <mmio.h>
#include <pci.h>

#define PCI_COMMAND		0x04
#define CMD_CELL_BITS		0x0547	/* I/O, memory, master, parity, SERR, INTx off */
#define PCI_STATUS		0x06
#define PCI_STATUS_CAPS		(1U << 4)
#define PCI_BAR0		0x10
#define PCI_BAR_END		0x28
#define PCI_CLASS		0x08	/* revision, then the class code */
#define PCI_HEADER_TYPE		0x0e
#define PCI_BUSES		0x18	/* a bridge's primary, secondary, subordinate */
#define PCI_CAP_PTR		0x34
#define PCI_CAP_MSI		0x05
#define PCI_CAP_MSIX		0x11
#define PCI_CAP_EXP		0x10
#define EXP_DEVCAP_FLR		(1U << 28)
#define EXP_DEVCTL_FLR		(1U << 15)
#define MSI_ENABLE		(1U << 16)	/* in the capability's first dword */
#define MSI_64BIT		(1U << 23)
#define MSIX_ENABLE		(1U << 31)
#define MSIX_MASKALL		(1U << 30)
#define MSIX_ENTRY_MASKED	1U
#define MSI_DEVICES		96
#define CELL_DEVICES		32

/* A device of the root's config with MSI or MSI-X */
struct msi_dev {
	u16 seg, bdf, entries;		/* MSI-X table entries */
	u16 msi, msi_words;	/* MSI capability, its message's dwords (2, 3) */
	u32 msg[3];		/* with remapping: the MSI message as written */
	u64 phys;		/* the table, where its BAR put it at enable */
	volatile u8 *map;	/* the hypervisor's uncached view of phys */
	u32 *table;		/* with remapping: the table as written */
};

/* A device a non-root cell owns */
struct cell_device {
	const struct cell *cell;		/* NULL: a free slot */
	const struct jh_pci_device *dev;	/* in the cell's config */
	u32 bar[6];				/* what the cell's BARs read */
	u32 real[6];				/* where they are */
};

static struct msi_dev msi_devs[MSI_DEVICES];
static struct cell_device cell_devs[CELL_DEVICES];
static unsigned int num_msi_devs, refusals;
static spinlock_t pci_lock;	/* a filtered write's check and the write */
static bool remapping;		/* interrupts through iommu_irq_map() */

static u16 find_cap(u16 seg, u16 bdf, u8 id)
{
	unsigned int n;
	u16 pos;

	if (!(arch_pci_read(seg, bdf, PCI_STATUS, 2) & PCI_STATUS_CAPS))
		return 0;
	pos = arch_pci_read(seg, bdf, PCI_CAP_PTR, 1) & 0xfc;
	for (n = 0; pos >= 0x40 && n < 48; n++) {
		if (arch_pci_read(seg, bdf, pos, 1) == id)
			return pos;
		pos = arch_pci_read(seg, bdf, pos + 1, 1) & 0xfc;
	}
	return 0;
}

/* Bytes [off, off + size) of the dword *dw replaced by v */
static u32 merge(u32 dw, unsigned int off, unsigned int size, u64 v)
{
	unsigned int shift = (off & 3) * 8;
	u32 mask = (size >= 4 ? ~0U : (1U << (8 * size)) - 1) << shift;

	return (dw & ~mask) | (((u32)v << shift) & mask);
}

static struct msi_dev *msi_dev_find(u16 seg, u16 bdf)
{
	unsigned int i;

	for (i = 0; i < num_msi_devs; i++)
		if (msi_devs[i].seg == seg && msi_devs[i].bdf == bdf)
			return &msi_devs[i];
	return NULL;
}

/* With remapping, the shadow of the MSI message's dword at dreg, or NULL */
static u32 *msi_shadow(struct msi_dev *t, u16 dreg)
{
	u32 i = t ? dreg - t->msi - 4U : ~0U;

	return t && t->msi && i < 4U * t->msi_words ? &t->msg[i / 4] : NULL;
}

/* A register as the device's owner sees it */
static u32 cfg_read(u16 seg, u16 bdf, u16 reg, unsigned int size)
{
	u32 *sh = msi_shadow(remapping ? msi_dev_find(seg, bdf) : NULL, reg & ~3);

	return sh ? *sh >> (reg & 3) * 8 : arch_pci_read(seg, bdf, reg, size);
}

/* The dword at dreg once the write of size bytes of v at reg is done */
static u32 cfg_after(u16 seg, u16 bdf, u16 dreg, u16 reg, unsigned int size,
		     u32 v)
{
	u32 old = cfg_read(seg, bdf, dreg, 4);

	return (reg & ~3) == dreg ? merge(old, reg, size, v) : old;
}

/* The remapping entry of interrupt n (MSI 0, MSI-X entry k k + 1); -ENODEV: none */
static int irq_index(u16 bdf, u16 n, u64 address, u32 data, bool on)
{
	u32 dest, redir = msi_redir(address, data, &dest);

	return remapping ? iommu_irq_map(bdf, n, dest, redir, on) : -ENODEV;
}

/* The MSI message into the device, once size bytes of v are written at reg */
static const char *msi_update(struct msi_dev *t, u16 reg, unsigned int size, u32 v)
{
	u32 *m = t->msg, i;
	int index = irq_index(t->bdf, 0, (t->msi_words == 3 ? (u64)m[1] << 32 : 0) | m[0],
			      m[t->msi_words - 1],
			      cfg_after(t->seg, t->bdf, t->msi, reg, size, v) & MSI_ENABLE);

	if (index < 0 && index != -ENODEV)
		return "no interrupt remapping entry free: enlarge platform.ir_table_size";
	for (i = 0; i < t->msi_words; i++)	/* remapped: address, 0, 0 */
		arch_pci_write(t->seg, t->bdf, t->msi + 4 + 4 * i, 4,
			       index < 0 ? m[i] : i ? 0 : (u32)iommu_msi_address(index));
	return NULL;
}

/* MSI-X entry n into the device, masked before its entry goes */
static const char *msix_update(struct msi_dev *t, unsigned int n)
{
	volatile u32 *real = (volatile u32 *)(t->map + 16 * n);
	u32 *e = t->table + 4 * n, i;
	int index;

	if (e[3] & MSIX_ENTRY_MASKED)
		real[3] = e[3];
	index = irq_index(t->bdf, n + 1, (u64)e[1] << 32 | e[0], e[2],
			  !(e[3] & MSIX_ENTRY_MASKED));
	if (index < 0 && index != -ENODEV)
		return "no interrupt remapping entry free: enlarge platform.ir_table_size";
	for (i = 0; i < 4; i++)
		real[i] = index < 0 || i == 3 ? e[i] : i ? 0 : (u32)iommu_msi_address(index);
	return NULL;
}

/* Every MSI and MSI-X vector of t into the device, from the shadows */
static const char *msi_dev_update(struct msi_dev *t)
{
	const char *why = t->msi ? msi_update(t, 0, 0, 0) : NULL;
	unsigned int n;

	for (n = 0; t->table && n < t->entries && !why; n++)
		why = msix_update(t, n);
	return why;
}

static const char *msi_refusal(const struct cell *cell, u16 seg, u16 bdf,
			       u16 cap, u16 reg, unsigned int size, u32 v)
{
	bool is64 = arch_pci_read(seg, bdf, cap, 4) & MSI_64BIT;
	u16 data_reg = cap + (is64 ? 12 : 8);
	u64 hi = is64 ? cfg_after(seg, bdf, cap + 8, reg, size, v) : 0;

	if (reg < cap || reg >= data_reg + 4 ||
	    !(cfg_after(seg, bdf, cap, reg, size, v) & MSI_ENABLE) ||
	    msi_message_ok(cell, hi << 32 | cfg_after(seg, bdf, cap + 4, reg, size, v),
			   cfg_after(seg, bdf, data_reg, reg, size, v) & 0xffff))
		return NULL;
	return "the MSI it enables would reach a CPU outside the cell";
}

/* Where the device's BAR puts its MSI-X table now; 0 if nowhere */
static u64 msix_table_phys(u16 seg, u16 bdf, u16 cap)
{
	u32 where = arch_pci_read(seg, bdf, cap + 4, 4), bir = where & 7;
	u64 lo = bir < 6 ? arch_pci_read(seg, bdf, PCI_BAR0 + 4 * bir, 4) : 1;

	if ((lo & 7) == 4 && bir < 5)
		lo |= (u64)arch_pci_read(seg, bdf, PCI_BAR0 + 4 * bir + 4, 4) << 32;
	/* none, or an I/O BAR: it cannot hold it */
	return lo & 1 || !(lo & ~0xfULL) ? 0 : (lo & ~0xfULL) + (where & ~7U);
}

/* The cell owning seg:bdf: a non-root cell, or the root */
static struct cell_device *cell_dev_find(u16 seg, u16 bdf)
{
	unsigned int i;

	for (i = 0; i < CELL_DEVICES; i++)
		if (cell_devs[i].cell && cell_devs[i].dev->segment == seg &&
		    cell_devs[i].dev->bdf == bdf)
			return &cell_devs[i];
	return NULL;
}

/* An entry (four dwords) may be delivered: masked, or the cell's own */
static bool msix_entry_ok(const struct cell *cell, const u32 *e)
{
	return (e[3] & MSIX_ENTRY_MASKED) ||
	       msi_message_ok(cell, (u64)e[1] << 32 | e[0], e[2]);
}

static void msix_entry_read(const struct msi_dev *t, unsigned int n, u32 *e)
{
	unsigned int i;

	for (i = 0; i < 4; i++)
		e[i] = t->table ? t->table[4 * n + i] : *(volatile u32 *)(t->map + 16 * n + 4 * i);
}

/* A write to the MSI-X capability, or to a BAR of a device that has one */
static const char *msix_refusal(const struct cell *cell, u16 seg, u16 bdf,
				u16 cap, u16 reg, unsigned int size, u32 v)
{
	u32 head = cfg_after(seg, bdf, cap, reg, size, v), e[4];
	struct msi_dev *t = msi_dev_find(seg, bdf);
	unsigned int n;

	if (reg >= PCI_BAR0 && reg < PCI_BAR_END) {
		/* while enabled, the table stays on the trapped page */
		return !(head & MSIX_ENABLE) || cfg_after(seg, bdf, reg & ~3, reg, size, v) ==
		       arch_pci_read(seg, bdf, reg & ~3, 4) ? NULL :
		       "it would move the BARs of a device with MSI-X enabled";
	}
	if ((reg & ~3) != cap || !(head & MSIX_ENABLE) || (head & MSIX_MASKALL))
		return NULL;
	if (!t || !t->map || msix_table_phys(seg, bdf, cap) != t->phys)
		return "its MSI-X table is not where the hypervisor traps it";
	for (n = 0; n < t->entries; n++) {
		msix_entry_read(t, n, e);
		if (!msix_entry_ok(cell, e))
			return "an unmasked MSI-X entry would reach a CPU outside the cell";
	}
	return NULL;
}

/* A refused write: the root's is reported and lost, a cell fails */
static void refused(struct per_cpu *c, u16 seg, u16 bdf, u32 reg, u64 v,
		    const char *where, const char *why)
{
	if (c->cell != &root_cell)
		cell_fail(c, "write 0x%lx to its PCI device %02x:%02x.%x %s 0x%x refused: %s",
			  v, bdf >> 8, (bdf >> 3) & 0x1f, bdf & 7, where, reg, why);
	if (report_allowed(&refusals))
		printk("jh: root cell write 0x%lx to %04x:%02x:%02x.%x %s 0x%x refused: %s\n",
		       v, seg, bdf >> 8, (bdf >> 3) & 0x1f, bdf & 7, where, reg, why);
}

/* A cell's BAR: emulated within the size mask, the flag bits kept */
static void bar_access(struct cell_device *d, u16 reg, unsigned int size,
		       bool write, u32 *value)
{
	unsigned int n = (reg - PCI_BAR0) / 4, k;
	u32 rw;

	/* the upper half of a 64-bit BAR: counted from BAR0 by the device's type bits */
	for (k = 0; k < n; k += (d->real[k] & 7) == 4 ? 2 : 1)
		;
	rw = d->dev->bar_mask[n] & ~(k != n ? 0 : d->bar[n] & 1 ? 3 : 0xf);

	if (write)
		d->bar[n] = (merge(d->bar[n], reg, size, *value) & rw) | (d->bar[n] & ~rw);
	else
		*value = d->bar[n] >> ((reg & 3) * 8);	/* the caller keeps size bytes */
}

/* Why the MSI or MSI-X filter refuses the write, or NULL */
static const char *msi_filter(const struct cell *cell, u16 seg, u16 bdf, u16 reg,
			      unsigned int size, u32 v)
{
	bool in = reg >= PCI_BAR0 && reg < 0x100;	/* a BAR or a capability */
	u16 msi = in ? find_cap(seg, bdf, PCI_CAP_MSI) : 0;
	u16 msx = in ? find_cap(seg, bdf, PCI_CAP_MSIX) : 0;
	const char *why = msi ? msi_refusal(cell, seg, bdf, msi, reg, size, v) : NULL;

	return why || !msx ? why : msix_refusal(cell, seg, bdf, msx, reg, size, v);
}

/* A write as the owner means it: with remapping, the MSI through its shadow */
static const char *cfg_put(u16 seg, u16 bdf, u16 reg, unsigned int size, u32 v)
{
	struct msi_dev *t = remapping ? msi_dev_find(seg, bdf) : NULL;
	u32 *sh = msi_shadow(t, reg & ~3);
	const char *why = NULL;

	if (sh)
		*sh = merge(*sh, reg, size, v);
	/* the header (enable) and the message; not the mask and pending bits */
	if (t && t->msi && reg >= t->msi && reg < t->msi + 4 + 4 * t->msi_words)
		why = msi_update(t, reg, size, v);
	if (!sh && !why)
		arch_pci_write(seg, bdf, reg, size, v);
	return why;
}

/*
 * BAR n of six BAR dwords v as the range [*first, return]: its type (I/O,
 * 64-bit with the next dword) from the device's read-only bits in type,
 * its size from the masks of dev, its config entry (NULL: of any size).
 * Ports (an I/O BAR decodes 16 bits) are put at PORTS and up, memory below.
 */
#define PORTS		(1ULL << 63)
static u64 bar_range(const u32 *v, u32 type, const struct jh_pci_device *dev, u32 n, u64 *first)
{
	bool io = type & 1, wide = !io && (type & 6) == 4 && n < 5;
	u64 m = ((wide ? (u64)(dev ? dev->bar_mask[n + 1] : 0) << 32 : ~0ULL << 32) |
		 (dev ? dev->bar_mask[n] : 0)) & (io ? ~3ULL : ~0xfULL);

	*first = ((wide ? (u64)v[n + 1] << 32 : 0) | v[n]) & m & (io ? 0xfffc : ~PORTS);
	return (*first |= io ? PORTS : 0) | (~m & (io ? 0xffff : ~PORTS));
}

/*
 * Why a root device decoding [first, last] (ports at PORTS and up) would
 * take the accesses of a cell (of only, unless NULL): a BAR of its devices
 * (with a mask), its memory regions (RAM and MMIO, by host address) or its
 * ports; and why an INTx route to or from an IRQ in pins stays: a cell
 * holds its IOAPIC pin (IRQ n is pin n of any IOAPIC: a harmless excess).
 */
static const char *cell_taken(const struct cell *only, u64 first, u64 last, u32 pins)
{
	const struct cell_device *d;
	const struct jh_memory *m;
	const struct cell *c;
	u64 from, i, k;

	for (d = cell_devs; d < cell_devs + CELL_DEVICES; d++)
		for (k = 0; d->cell && (!only || d->cell == only) && k < 6;
		     k += (d->real[k] & 7) == 4 ? 2 : 1)
			if (d->dev->bar_mask[k] && first <= bar_range(d->real, d->real[k], d->dev,
								      k, &from) && from <= last)
				return "its range would cover a BAR of a cell's device";
	for (i = 1; i < MAX_CELLS; i++) {	/* a cell being created is in cells[] */
		m = (c = cells[i]) && (!only || c == only) ? jh_cell_mem_regions(c->config) : NULL;
		for (k = 0; m && k < c->config->num_memory_regions; k++)
			if (!(m[k].flags & JH_MEM_COMM_REGION) && first < m[k].phys_start +
			    m[k].size && m[k].phys_start <= last)
				return "its range would cover a cell's memory";
		for (k = 0; m && k < c->config->num_pio_regions; k++)
			if ((from = PORTS + jh_cell_pio(c->config)[k].base) <= last &&
			    first < from + jh_cell_pio(c->config)[k].length)
				return "its range would cover a cell's ports";
		for (k = 0; m && k < c->config->num_irqchips; k++)
			if (jh_cell_irqchips(c->config)[k].pin_bitmap[0] & pins)
				return "an INTx route to or from a cell's IOAPIC pin stays as is";
	}
	return NULL;
}

/*
 * Why a root write would take from a cell what it has: a write to a
 * bridge whose bus numbers reach the cell's device before or after it
 * (renumbered, windows moved, reset or link disabled, it would leave the
 * cell); one making a BAR (of the size its config's mask gives; without
 * a mask, of any size; a 64-bit one with both halves; its type bits the
 * device's), the expansion ROM (enabled; its size read back) or another
 * bridge's window (I/O: 16 bits decoded; memory, prefetchable: 64 bits)
 * decode what the cell has (cell_taken()), where the root's device would
 * take the cell's accesses; one changing an INTx route of an ISA/LPC
 * bridge (PIRQ: Intel's layout, 0x60-0x63 and 0x68-0x6b) to or from an
 * IRQ whose IOAPIC pin a cell owns (the root's INTx on the cell's pin, or
 * the cell's device's INTx taken from it).
 */
static const char *root_refusal(u16 seg, u16 bdf, u16 reg, unsigned int size, u32 v)
{
	const struct jh_pci_device *rd = jh_cell_pci_devices(root_cell.config), *mine = NULL;
	u32 h[2][16], old = arch_pci_read(seg, bdf, reg & ~3, 4), after = merge(old, reg, size, v);
	u32 cls = arch_pci_read(seg, bdf, PCI_CLASS, 4) >> 16, w = reg / 4, n = 12, pins = 0;
	bool bridge = (arch_pci_read(seg, bdf, PCI_HEADER_TYPE, 1) & 0x7f) == 1;
	u64 first = ~0ULL, last = 0, hi;	/* nothing */
	const struct cell_device *d;
	u32 i, k, b, r, rom;

	for (i = 0; i < 16; i++)
		h[0][i] = h[1][i] = i == w ? old : arch_pci_read(seg, bdf, 4 * i, 4);
	h[1][w & 15] = w < 16 ? after : h[1][w & 15];
	/* its buses before and after (secondary bus 0: none) */
	for (d = cell_devs; bridge && d < cell_devs + CELL_DEVICES; d++)
		for (k = 0, b = d->cell ? d->dev->bdf >> 8 : 0; d->cell && d->dev->segment == seg &&
		     k < 2; k++)
			if ((u8)(h[k][6] >> 8) - 1U < b && b <= (u8)(h[k][6] >> 16))
				return "the bridge leads to a device of a cell";
	/* what it changes: a BAR (the last one starting at or below w), the ROM, a window */
	for (k = 0; w < (bridge ? 6U : 10U) && k + 4 <= w; k += (h[0][4 + k] & 7) == 4 ? 2 : 1)
		n = k;
	n = w == (bridge ? 14U : 12U) ? (after & 1 ? 6 : 12) : bridge && w >= 7 && w < 12 ? w : n;
	n = (old ^ after) & (n == 7 ? 0xffff : ~0U) ? n : 12;	/* 0x1e: a status */
	r = h[1][n == 6 ? w : n < 9 ? n : 9], hi = n > 8 && (r & 0xf) == 1;	/* 64-bit */
	if (n == 6) {	/* the ROM's size mask, read back (disabled meanwhile) */
		arch_pci_write(seg, bdf, reg & ~3, 4, ~0x7ffU);
		rom = arch_pci_read(seg, bdf, reg & ~3, 4);
		arch_pci_write(seg, bdf, reg & ~3, 4, old);
		first = r & rom & ~0x7ffU, last = first | (u32)~rom;
	} else if (n == 7) {
		first = PORTS | (r & 0xf0) << 8, last = PORTS | (r & 0xf000) | 0xfff;
	} else if (n > 7 && n < 12) {
		first = (u64)h[1][10] * hi << 32 | (r & 0xfff0) << 16;
		last = (u64)h[1][11] * hi << 32 | (r & 0xfff00000) | 0xfffff;
	}
	for (i = 0; n < 6 && i < root_cell.config->num_pci_devices; i++)
		mine = rd[i].segment == seg && rd[i].bdf == bdf ? &rd[i] : mine;
	if (n < 6)
		last = bar_range(h[1] + 4, h[0][4 + n], mine, n, &first);
	/* an ISA bridge's INTx routes (PIRQ): the IRQs the bytes changed leave or take */
	for (k = 0; cls == 0x0601 && (reg & ~0xbU) == 0x60 && k < 32; k += 8)
		if ((old ^ after) >> k & 0xff)
			pins |= (old >> k & 0x80 ? 0 : 1U << (old >> k & 0xf)) |
				(after >> k & 0x80 ? 0 : 1U << (after >> k & 0xf));
	/*
	 * Chipset decode: a host bridge's (MMCONFIG base, PAM, TOLUD) and an
	 * ISA/LPC bridge's (IOAPIC base, LPC decode ranges, PM base) besides PIRQ
	 */
	if ((cls == 0x0600 || (cls == 0x0601 && (reg & ~0xbU) != 0x60)) && reg >= 0x40)
		return "the chipset's registers stay as the firmware set them";
	return cell_taken(NULL, first, last, pins);
}

/*
 * Why the root's devices as they are keep from the cell what it takes: a
 * BAR (with a mask in the root's config: others have no size known here)
 * decoding it (cell_taken()), or more of an ISA bridge's INTx routes
 * (PIRQ, 0x60-0x63 and 0x68-0x6b) aimed at its pins than it has devices
 * with INTx (intx): which route is a device's link, only the firmware's
 * tables tell, so one route per such device passes.
 */
static int root_devices_clear(const struct cell *cell, u32 intx)
{
	const struct jh_pci_device *p = jh_cell_pci_devices(root_cell.config);
	u32 h[27], i, k, routes = 0;	/* its config space up to 0x6b */
	const char *why = NULL;
	u64 first, last;

	for (i = 0; i < root_cell.config->num_pci_devices && !why; i++, p++) {
		for (k = 0; k < 27; k++)
			h[k] = arch_pci_read(p->segment, p->bdf, 4 * k, 4);
		for (k = 0; k < 6 && p->type == JH_PCI_TYPE_DEVICE && !why &&
		     !cell_dev_find(p->segment, p->bdf); k += (h[4 + k] & 7) == 4 ? 2 : 1) {
			last = bar_range(h + 4, h[4 + k], p, k, &first);
			why = p->bar_mask[k] ? cell_taken(cell, first, last, 0) : NULL;
		}
		for (k = 0x60; h[PCI_CLASS / 4] >> 16 == 0x0601 && k < 0x6c; k += k == 0x63 ? 5 : 1)
			routes += ((u8 *)h)[k] < 0x80 &&
				  cell_taken(cell, ~0ULL, 0, 1U << (((u8 *)h)[k] & 0xf));
		why = why ? : routes > intx ? "more of its INTx routes (PIRQ) aim at the cell's "
		      "IOAPIC pins than the cell has devices with INTx" : NULL;
	}
	return why ? set_status(-EBUSY, "cell %s: the root's device %02x:%02x.%x: %s: change "
				"that first", cell->config->name, p[-1].bdf >> 8,
				(p[-1].bdf >> 3) & 0x1f, p[-1].bdf & 7, why) : 0;
}

/* A write past the MSI filter and root_refusal(): the root's passes, a cell's (d) is limited */
static const char *cfg_write(const struct cell_device *d, u16 seg, u16 bdf,
			     u16 reg, unsigned int size, u32 v)
{
	const struct jh_pci_capability *cap;
	bool ok = false;
	unsigned int i;
	u32 cmd;

	if (!d)
		return cfg_put(seg, bdf, reg, size, v);
	if ((reg & ~3) == PCI_COMMAND) {
		/* the bits a driver sets; the status register is left alone */
		cmd = arch_pci_read(seg, bdf, PCI_COMMAND, 2);
		v = merge(cmd, reg, size, v);
		arch_pci_write(seg, bdf, PCI_COMMAND, 2,
			       (cmd & ~CMD_CELL_BITS) | (v & CMD_CELL_BITS));
		return NULL;
	}
	if (reg < 0x40)
		return NULL;	/* the rest of the header is the hypervisor's */
	cap = jh_cell_pci_caps(d->cell->config) + d->dev->caps_start;
	for (i = 0; i < d->dev->num_caps && !ok; i++)
		ok = reg >= cap[i].start && reg + size <= cap[i].start + cap[i].len &&
		     (cap[i].flags & JH_PCICAPS_WRITE);
	return ok ? cfg_put(seg, bdf, reg, size, v) :
	       "not in a capability its config makes writable";
}

void pci_cfg_access(struct per_cpu *c, u16 seg, u16 bdf, u16 reg,
		    unsigned int size, bool write, u32 *value)
{
	struct cell_device *d;
	const char *why = NULL;

	spin_lock(&pci_lock);	/* the owner and the access at once: a create takes it too */
	d = cell_dev_find(seg, bdf);
	if ((d ? d->cell : &root_cell) != c->cell) {
		/* not the caller's device: nobody answers */
		if (!write)
			*value = ~0U;
		else if (c->cell == &root_cell)
			why = "the device belongs to a cell";
	} else if (d && reg >= PCI_BAR0 && reg < PCI_BAR_END)
		bar_access(d, reg, size, write, value);
	else if (!write)
		*value = cfg_read(seg, bdf, reg, size);
	else
		why = msi_filter(c->cell, seg, bdf, reg, size, *value) ? :
		      (d ? NULL : root_refusal(seg, bdf, reg, size, *value)) ? :
		      cfg_write(d, seg, bdf, reg, size, *value);
	spin_unlock(&pci_lock);
	if (why)
		refused(c, seg, bdf, reg, *value, "config register", why);
}

/* A cell's access to a trapped MSI-X table page (opaque: the table) */
static bool msix_access(struct per_cpu *c, void *opaque, u64 offset,
			unsigned int size, bool write, u64 *value)
{
	struct msi_dev *t = opaque;
	struct cell_device *d = cell_dev_find(t->seg, t->bdf);
	u64 in_table = offset - (t->phys & (PAGE_SIZE - 1));
	bool shadowed = t->table && in_table < 16ULL * t->entries;
	volatile u8 *p = shadowed ? (u8 *)t->table + in_table : t->map + in_table;
	const char *why = NULL;
	u32 e[4];

	if ((d ? d->cell : &root_cell) != c->cell) {
		if (!write)
			*value = ~0ULL;	/* not the caller's device */
		return true;
	}
	if (!write) {
		*value = size == 1 ? *p : size == 2 ? *(volatile u16 *)p :
			 size == 4 ? *(volatile u32 *)p : *(volatile u64 *)p;
		return true;
	}
	/* aligned dwords and qwords in the table (the PCI spec), none straddling it */
	if ((offset & (size - 1)) || (in_table < 16ULL * t->entries && size < 4))
		return false;
	spin_lock(&pci_lock);
	d = cell_dev_find(t->seg, t->bdf);	/* again: a create may have taken it since */
	if ((d ? d->cell : &root_cell) != c->cell) {
		why = "the device belongs to a cell";
	} else if (in_table < 16ULL * t->entries) {
		msix_entry_read(t, in_table / 16, e);
		e[(in_table & 15) / 4] = *value;
		if (size == 8)
			e[(in_table & 15) / 4 + 1] = *value >> 32;
		if (!msix_entry_ok(c->cell, e))
			why = "the unmasked entry would reach a CPU outside the cell";
	}
	if (!why && shadowed) {
		memcpy(t->table + in_table / 16 * 4, e, 16);
		why = msix_update(t, in_table / 16);
	} else if (!why) {
		mmio_write(p, size, *value);
	}
	spin_unlock(&pci_lock);
	if (why)
		refused(c, t->seg, t->bdf, in_table, *value, "MSI-X table offset", why);
	return true;
}

/* A device of the root's config with MSI or MSI-X: its MSI-X table trapped */
static int msi_dev_add(u16 seg, u16 bdf)
{
	u16 cap = find_cap(seg, bdf, PCI_CAP_MSIX), msi = find_cap(seg, bdf, PCI_CAP_MSI);
	struct msi_dev *t = &msi_devs[num_msi_devs];
	u64 start, size;
	int err;

	if (!cap && !msi)
		return 0;
	if (num_msi_devs == MSI_DEVICES)
		return set_status(-ENOMEM, "more than %u devices with MSI or MSI-X in the root "
				  "cell: jh mediates at most %u", MSI_DEVICES, MSI_DEVICES);
	*t = (struct msi_dev){
		.seg = seg, .bdf = bdf, .msi = msi,
		.msi_words = arch_pci_read(seg, bdf, msi, 4) & MSI_64BIT ? 3 : 2,
		.entries = ((arch_pci_read(seg, bdf, cap, 4) >> 16) & 0x7ff) + 1,
		.phys = cap ? msix_table_phys(seg, bdf, cap) : 0,
	};
	num_msi_devs++;
	if (!t->phys)
		return 0;	/* no table or no address yet: enabling it will be refused */
	start = t->phys & ~(PAGE_SIZE - 1);
	size = ALIGN_UP(t->phys + 16ULL * t->entries, PAGE_SIZE) - start;
	if (!mmio_map_uncached(start, size))
		return set_status(-EINVAL, "the MSI-X table 0x%lx of PCI device "
				  "%02x:%02x.%x is outside the hypervisor's direct map",
				  t->phys, bdf >> 8, (bdf >> 3) & 0x1f, bdf & 7);
	t->map = (volatile u8 *)direct_map(t->phys);
	err = mmio_register(&root_cell, start, size, msix_access, t) ? :
	      gpa_unmap(root_cell.gpa_root, start, size);
	if (err)
		return set_status(err, "cannot trap the MSI-X table 0x%lx of PCI device "
				  "%02x:%02x.%x (error %d)", t->phys, bdf >> 8,
				  (bdf >> 3) & 0x1f, bdf & 7, err);
	return 0;
}

int pci_init(void)
{
	const struct jh_pci_device *dev = jh_cell_pci_devices(root_cell.config);
	u32 i;
	int err = arch_pci_cell_init(&root_cell);

	for (i = 0; i < root_cell.config->num_pci_devices && !err; i++)
		if (dev[i].type != JH_PCI_TYPE_IVSHMEM)
			err = msi_dev_add(dev[i].segment, dev[i].bdf);
	if (!err && num_msi_devs)
		printk("jh: %u devices of the root cell with MSI or MSI-X mediated\n",
		       num_msi_devs);
	return err;
}

/*
 * Before a device changes hands: bus mastering off, MSI and MSI-X off,
 * a function level reset where the device has one (its BARs restored:
 * the cell's regions and the root's mapping expect them where they are).
 */
static void pci_reset(const struct cell_device *d)
{
	u16 seg = d->dev->segment, bdf = d->dev->bdf, exp = find_cap(seg, bdf, PCI_CAP_EXP),
	    msi = find_cap(seg, bdf, PCI_CAP_MSI), msx = find_cap(seg, bdf, PCI_CAP_MSIX);
	struct msi_dev *t = remapping ? msi_dev_find(seg, bdf) : NULL;
	u64 until;
	u32 i;

	arch_pci_write(seg, bdf, PCI_COMMAND, 2, 0);
	if (msi)
		arch_pci_write(seg, bdf, msi + 2, 2, arch_pci_read(seg, bdf, msi + 2, 2) & ~1);
	if (msx)
		arch_pci_write(seg, bdf, msx + 2, 2, arch_pci_read(seg, bdf, msx + 2, 2) & 0x7fff);
	if (t) {	/* no message of the old owner's stays, no entry present */
		memset(t->msg, 0, sizeof(t->msg));
		for (i = 0; t->table && i < 4 * t->entries; i++)
			t->table[i] = i % 4 == 3 ? MSIX_ENTRY_MASKED : 0;
		msi_dev_update(t);
	}
	if (!exp || !(arch_pci_read(seg, bdf, exp + 4, 4) & EXP_DEVCAP_FLR))
		return;
	arch_pci_write(seg, bdf, exp + 8, 2, arch_pci_read(seg, bdf, exp + 8, 2) |
		       EXP_DEVCTL_FLR);
	/* a function gets 100 ms to come back from FLR (PCIe base spec) */
	for (until = rdtsc() + ms_to_tsc(100); rdtsc() < until;)
		cpu_relax();
	for (i = 0; i < 6; i++)
		arch_pci_write(seg, bdf, PCI_BAR0 + 4 * i, 4, d->real[i]);
}

/* A cell's device's MSI-X table: trapped where the identity BAR puts it */
static int msix_trap_cell(struct cell *cell, const struct jh_pci_device *dev)
{
	struct msi_dev *t = msi_dev_find(dev->segment, dev->bdf);
	u64 start = t ? t->phys & ~(PAGE_SIZE - 1) : 0;

	/* the validator keeps the cell's regions off its page(s) */
	return t && t->map ? mmio_register(cell, start, ALIGN_UP(t->phys + 16ULL * t->entries,
					   PAGE_SIZE) - start, msix_access, t) : 0;
}

/* No cell region may reach a trapped MSI-X table, whoever's device it is */
static int msix_tables_clear(const struct cell *cell)
{
	const struct jh_memory *m = jh_cell_mem_regions(cell->config);
	const struct msi_dev *t;
	u32 i;

	for (t = msi_devs; t < msi_devs + num_msi_devs; t++)
		for (i = 0; t->map && i < cell->config->num_memory_regions; i++)
			if ((t->phys & ~(PAGE_SIZE - 1)) < m[i].phys_start + m[i].size &&
			    m[i].phys_start < t->phys + 16ULL * t->entries)
				return set_status(-EPERM, "cell %s memory[%u] maps the MSI-X table "
						  "0x%lx of PCI device %02x:%02x.%x: leave its page "
						  "out", cell->config->name, i, t->phys, t->bdf >> 8,
						  (t->bdf >> 3) & 0x1f, t->bdf & 7);
	return 0;
}

int pci_cell_devices(struct cell *cell, bool take)
{
	const struct jh_pci_device *dev = jh_cell_pci_devices(cell->config);
	struct cell_device *d;
	u32 i, n, intx = 0;
	int err = take ? msix_tables_clear(cell) : 0;

	for (i = 0; i < cell->config->num_pci_devices && !err; i++) {
		if (dev[i].type == JH_PCI_TYPE_IVSHMEM)
			continue;
		d = cell_dev_find(dev[i].segment, dev[i].bdf);
		if (!take) {
			if (d && d->cell == cell) {
				pci_reset(d);
				d->cell = NULL;
			}
			continue;
		}
		/* the validator made sure the root had it (no other cell) */
		for (n = 0; n < CELL_DEVICES && cell_devs[n].cell; n++)
			;
		err = n == CELL_DEVICES ? -ENOMEM :
		      arch_pci_read(dev[i].segment, dev[i].bdf, 0, 4) == ~0U ? -ENODEV : 0;
		if (err)
			return set_status(err, "cell %s: pci_devices[%u] %02x:%02x.%x: %s",
					  cell->config->name, i, dev[i].bdf >> 8,
					  (dev[i].bdf >> 3) & 0x1f, dev[i].bdf & 7, err == -ENODEV ?
					  "no such device" : "jh gives cells at most 32 devices");
		d = &cell_devs[n];
		spin_lock(&pci_lock);
		*d = (struct cell_device){ .cell = cell, .dev = &dev[i] };
		for (n = 0; n < 6; n++)
			d->bar[n] = d->real[n] = arch_pci_read(dev[i].segment, dev[i].bdf,
							       PCI_BAR0 + 4 * n, 4);
		spin_unlock(&pci_lock);
		/* its INTx pin (none: 0) */
		intx += arch_pci_read(dev[i].segment, dev[i].bdf, 0x3d, 1) != 0;
		pci_reset(d);
		err = msix_trap_cell(cell, &dev[i]);
		if (err)
			return set_status(err, "cell %s: cannot trap the MSI-X table of "
					  "pci_devices[%u] (error %d)", cell->config->name, i, err);
	}
	return err ? : take ? root_devices_clear(cell, intx) : 0;
}

/* a check of a root write that still saw the cell holds the lock */
void pci_cell_forget(const struct cell *cell)
{
	spin_lock(&pci_lock);
	cells[cell->id] = cells[cell->id] == cell ? NULL : cells[cell->id];
	spin_unlock(&pci_lock);
}

int pci_irq_remap(bool on)
{
	struct msi_dev *t;
	unsigned int n;
	int err = 0;

	if (remapping != on && iommu_irq_compat(true)) {
		/* the shadows first: what the root's Linux wrote, for disable */
		for (t = msi_devs; on && t < msi_devs + num_msi_devs; t++) {
			for (n = 0; t->msi && n < t->msi_words; n++)
				t->msg[n] = arch_pci_read(t->seg, t->bdf, t->msi + 4 + 4 * n, 4);
			t->table = t->map ? page_alloc(ALIGN_UP(16 * t->entries, PAGE_SIZE) /
						       PAGE_SIZE) : NULL;
			for (n = 0; t->table && n < 4 * t->entries; n++)
				t->table[n] = ((volatile u32 *)t->map)[n];
			if (t->map && !t->table)
				err = set_status(-ENOMEM, "out of hypervisor memory for the "
						 "MSI-X tables: " MORE_MEMORY);
		}
		spin_lock(&pci_lock);	/* the root's other CPUs run on at disable */
		remapping = on;
		for (t = msi_devs; t < msi_devs + num_msi_devs && (!err || !on); t++)
			err = msi_dev_update(t) ? -ERANGE : err;	/* the reason is set */
		err = ioapic_irq_remapping(on) ? : err;
		spin_unlock(&pci_lock);
	}
	if (on && !err)
		iommu_irq_compat(false);
	else if (on)
		pci_irq_remap(false);	/* undone, the units off */
	else
		iommu_shutdown();
	return err;
}
