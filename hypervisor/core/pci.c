// SPDX-License-Identifier: GPL-2.0
/*
 * Mediated PCI configuration space. The root cell reaches config space
 * only through the hypervisor (ports and MMCONFIG, x86/pci-cfg.c), and its
 * devices' MSI-X tables are trapped. Its writes pass through, except those
 * that would let a device's MSI reach another cell's CPU: an MSI or MSI-X
 * capability enabled with such a message, an MSI-X entry unmasked with
 * one, or the BAR of an enabled MSI-X table moved away from the trapped
 * page. Capabilities are found in the device's own list, not in the
 * config, so a config that forgets a device forgets no MSI; an MSI-X table
 * the hypervisor could not trap at enable cannot be enabled.
 */
#include <jh/config-walk.h>
#include <mmio.h>
#include <pci.h>

#define PCI_STATUS		0x06
#define PCI_STATUS_CAPS		(1U << 4)
#define PCI_BAR0		0x10
#define PCI_BAR_END		0x28
#define PCI_CAP_PTR		0x34
#define PCI_CAP_MSI		0x05
#define PCI_CAP_MSIX		0x11
#define MSI_ENABLE		(1U << 16)	/* in the capability's first dword */
#define MSI_64BIT		(1U << 23)
#define MSIX_ENABLE		(1U << 31)
#define MSIX_MASKALL		(1U << 30)
#define MSIX_ENTRY_MASKED	1U
#define MSIX_TABLES		96
#define SZ_2M			0x200000ULL

struct msix_table {
	u16 seg, bdf, cap, entries;
	u64 phys;		/* the table, where its BAR put it at enable */
	volatile u8 *map;	/* the hypervisor's uncached view of phys */
};

static struct msix_table msix[MSIX_TABLES];
static unsigned int num_msix, refusals;
static spinlock_t pci_lock;	/* a filtered write's check and the write */

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

/* The dword at dreg once the write of size bytes of v at reg is done */
static u32 cfg_after(u16 seg, u16 bdf, u16 dreg, u16 reg, unsigned int size,
		     u32 v)
{
	u32 old = arch_pci_read(seg, bdf, dreg, 4);

	return (reg & ~3) == dreg ? merge(old, reg, size, v) : old;
}

static const char *msi_refusal(u16 seg, u16 bdf, u16 cap, u16 reg,
			       unsigned int size, u32 v)
{
	bool is64 = arch_pci_read(seg, bdf, cap, 4) & MSI_64BIT;
	u16 data_reg = cap + (is64 ? 12 : 8);
	u32 hi = 0;

	if (reg < cap || reg >= data_reg + 4 ||
	    !(cfg_after(seg, bdf, cap, reg, size, v) & MSI_ENABLE))
		return NULL;
	if (is64)
		hi = cfg_after(seg, bdf, cap + 8, reg, size, v);
	if (msi_root_message_ok((u64)hi << 32 | cfg_after(seg, bdf, cap + 4, reg, size, v),
				cfg_after(seg, bdf, data_reg, reg, size, v) & 0xffff))
		return NULL;
	return "the MSI it enables would reach a CPU outside the root cell";
}

/* Where the device's BAR puts its MSI-X table now; 0 if nowhere */
static u64 msix_table_phys(u16 seg, u16 bdf, u16 cap)
{
	u32 where = arch_pci_read(seg, bdf, cap + 4, 4), bir = where & 7;
	u16 bar = PCI_BAR0 + 4 * bir;
	u64 lo;

	if (bir > 5)
		return 0;
	lo = arch_pci_read(seg, bdf, bar, 4);
	if (lo & 1)
		return 0;	/* an I/O BAR cannot hold it */
	if ((lo & 6) == 4 && bir < 5)
		lo |= (u64)arch_pci_read(seg, bdf, bar + 4, 4) << 32;
	lo &= ~0xfULL;
	return lo ? lo + (where & ~7U) : 0;
}

static struct msix_table *msix_find(u16 seg, u16 bdf)
{
	unsigned int i;

	for (i = 0; i < num_msix; i++)
		if (msix[i].seg == seg && msix[i].bdf == bdf)
			return &msix[i];
	return NULL;
}

/* An entry (four dwords) may be delivered: masked, or the root's own */
static bool msix_entry_ok(const u32 *e)
{
	return (e[3] & MSIX_ENTRY_MASKED) ||
	       msi_root_message_ok((u64)e[1] << 32 | e[0], e[2]);
}

static void msix_entry_read(const struct msix_table *t, unsigned int n, u32 *e)
{
	unsigned int i;

	for (i = 0; i < 4; i++)
		e[i] = *(volatile u32 *)(t->map + 16 * n + 4 * i);
}

/* A write to the MSI-X capability, or to a BAR of a device that has one */
static const char *msix_refusal(u16 seg, u16 bdf, u16 cap, u16 reg,
				unsigned int size, u32 v)
{
	u32 head = cfg_after(seg, bdf, cap, reg, size, v), e[4];
	struct msix_table *t = msix_find(seg, bdf);
	unsigned int n;

	if (reg >= PCI_BAR0 && reg < PCI_BAR_END) {
		/* while enabled, the table stays on the trapped page */
		if (!(head & MSIX_ENABLE) || cfg_after(seg, bdf, reg & ~3, reg, size, v) ==
		    arch_pci_read(seg, bdf, reg & ~3, 4))
			return NULL;
		return "it would move the BARs of a device with MSI-X enabled";
	}
	if ((reg & ~3) != cap || !(head & MSIX_ENABLE) || (head & MSIX_MASKALL))
		return NULL;
	if (!t || msix_table_phys(seg, bdf, cap) != t->phys)
		return "its MSI-X table is not where the hypervisor traps it";
	for (n = 0; n < t->entries; n++) {
		msix_entry_read(t, n, e);
		if (!msix_entry_ok(e))
			return "an unmasked MSI-X entry would reach a CPU outside the "
			       "root cell";
	}
	return NULL;
}

static void report(struct per_cpu *c, u16 seg, u16 bdf, u32 reg, u64 v,
		   const char *where, const char *why)
{
	if (report_allowed(&refusals))
		printk("jh: root cell write 0x%lx to %04x:%02x:%02x.%x %s 0x%x "
		       "refused: %s\n", v, seg, bdf >> 8, (bdf >> 3) & 0x1f, bdf & 7,
		       where, reg, why);
}

void pci_cfg_access(struct per_cpu *c, u16 seg, u16 bdf, u16 reg,
		    unsigned int size, bool write, u32 *value)
{
	const char *why = NULL;
	u16 cap;

	if (!write) {
		*value = arch_pci_read(seg, bdf, reg, size);
		return;
	}
	spin_lock(&pci_lock);
	if (reg >= PCI_BAR0 && reg < 0x100) {
		cap = find_cap(seg, bdf, PCI_CAP_MSI);
		if (cap)
			why = msi_refusal(seg, bdf, cap, reg, size, *value);
		cap = why ? 0 : find_cap(seg, bdf, PCI_CAP_MSIX);
		if (cap)
			why = msix_refusal(seg, bdf, cap, reg, size, *value);
	}
	if (!why)
		arch_pci_write(seg, bdf, reg, size, *value);
	spin_unlock(&pci_lock);
	if (why)
		report(c, seg, bdf, reg, *value, "config register", why);
}

static void raw_write(volatile u8 *p, unsigned int size, u64 v)
{
	if (size == 1)
		*p = v;
	else if (size == 2)
		*(volatile u16 *)p = v;
	else if (size == 4)
		*(volatile u32 *)p = v;
	else
		*(volatile u64 *)p = v;
}

/* The root's access to a trapped MSI-X table page (opaque: the table) */
static bool msix_access(struct per_cpu *c, void *opaque, u64 offset,
			unsigned int size, bool write, u64 *value)
{
	struct msix_table *t = opaque;
	volatile u8 *p = t->map - (t->phys & (PAGE_SIZE - 1)) + offset;
	u64 in_table = offset - (t->phys & (PAGE_SIZE - 1));
	bool ok = true;
	u32 e[4];

	if (!write) {
		*value = size == 1 ? *p : size == 2 ? *(volatile u16 *)p :
			 size == 4 ? *(volatile u32 *)p : *(volatile u64 *)p;
		return true;
	}
	spin_lock(&pci_lock);
	if (in_table < 16ULL * t->entries) {
		if (size < 4 || (offset & (size - 1))) {
			spin_unlock(&pci_lock);
			return false;	/* the PCI spec allows dword and qword only */
		}
		msix_entry_read(t, in_table / 16, e);
		e[(in_table & 15) / 4] = *value;
		if (size == 8)
			e[(in_table & 15) / 4 + 1] = *value >> 32;
		ok = msix_entry_ok(e);
	}
	if (ok)
		raw_write(p, size, *value);
	spin_unlock(&pci_lock);
	if (!ok)
		report(c, t->seg, t->bdf, in_table, *value, "MSI-X table offset",
		       "the unmasked entry would reach a CPU outside the root cell");
	return true;
}

static int msix_trap(u16 seg, u16 bdf)
{
	u16 cap = find_cap(seg, bdf, PCI_CAP_MSIX);
	struct msix_table *t = &msix[num_msix];
	u64 start, size, off;
	int err;

	if (!cap)
		return 0;
	if (num_msix == MSIX_TABLES) {
		set_status(-ENOMEM, "more than %u devices with MSI-X in the root cell: "
			   "jh traps at most %u MSI-X tables", MSIX_TABLES, MSIX_TABLES);
		return -ENOMEM;
	}
	*t = (struct msix_table){
		.seg = seg, .bdf = bdf, .cap = cap,
		.entries = ((arch_pci_read(seg, bdf, cap, 4) >> 16) & 0x7ff) + 1,
		.phys = msix_table_phys(seg, bdf, cap),
	};
	if (!t->phys)
		return 0;	/* no address yet: enabling it will be refused */
	start = t->phys & ~(PAGE_SIZE - 1);
	size = ALIGN_UP(t->phys + 16ULL * t->entries, PAGE_SIZE) - start;
	for (off = 0; off < size; off += SZ_2M)
		if (!mmio_map_uncached(start + off))
			goto unreachable;
	if (!mmio_map_uncached(start + size - 1))
		goto unreachable;
	t->map = (volatile u8 *)direct_map(t->phys);
	err = mmio_register(&root_cell, start, size, msix_access, t);
	if (!err)
		err = gpa_unmap(root_cell.gpa_root, start, size);
	if (err) {
		set_status(err, "cannot trap the MSI-X table 0x%lx of PCI device "
			   "%02x:%02x.%x (error %d)", t->phys, bdf >> 8,
			   (bdf >> 3) & 0x1f, bdf & 7, err);
		return err;
	}
	num_msix++;
	return 0;

unreachable:
	set_status(-EINVAL, "the MSI-X table 0x%lx of PCI device %02x:%02x.%x is "
		   "outside the hypervisor's direct map", t->phys, bdf >> 8,
		   (bdf >> 3) & 0x1f, bdf & 7);
	return -EINVAL;
}

int pci_init(void)
{
	const struct jh_pci_device *dev = jh_cell_pci_devices(root_cell.config);
	u32 i;
	int err = arch_pci_init();

	for (i = 0; i < root_cell.config->num_pci_devices && !err; i++)
		if (dev[i].type != JH_PCI_TYPE_IVSHMEM)
			err = msix_trap(dev[i].segment, dev[i].bdf);
	if (!err && num_msix)
		printk("jh: %u MSI-X tables of the root cell trapped\n", num_msix);
	return err;
}
