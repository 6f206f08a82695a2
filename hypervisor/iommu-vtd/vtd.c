// SPDX-License-Identifier: GPL-2.0
/*
 * Intel VT-d DMA remapping. The units share one root table, a context
 * table per bus and a second-level page table tree per cell (domain id:
 * cell id + 1); a device's context entry points at its owner's tree, and
 * so does its DMA alias's (the requester id a bridge gives it). The
 * root's tree holds its JH_MEM_DMA regions minus what cells took, rebuilt
 * whole when a cell comes or goes (rare: simpler than splitting pages).
 * Invalidation goes through the queue, global, waited for. The hypervisor
 * takes no interrupts, so faults are polled on management hypercalls (the
 * fault event stays as the firmware left it: masked, its reset state).
 *
 * Interrupt remapping: one table for all units (ir_table_size entries),
 * each entry written by the hypervisor for one interrupt source (a
 * device's MSI or MSI-X vector, an IOAPIC pin) from its owner's validated
 * programming, with the source id checked in full. Destinations are xAPIC
 * IDs (no EIME). Compatibility-format interrupts pass only while the
 * messages are rewritten at enable and disable (iommu_irq_compat()).
 */
#include <jh/config-walk.h>

#include "mmio.h"
#include "paging.h"

/* registers (offsets) and the GCMD/GSTS bits jh uses */
enum { VTD_CAP = 0x08, VTD_ECAP = 0x10, VTD_GCMD = 0x18, VTD_GSTS = 0x1c,
       VTD_RTADDR = 0x20, VTD_FSTS = 0x34, VTD_IQT = 0x88,
       VTD_IQA = 0x90, VTD_IRTA = 0xb8 };
enum { GCMD_TE = 1U << 31, GCMD_SRTP = 1U << 30, GCMD_QIE = 1U << 26,
       GCMD_IRE = 1U << 25, GCMD_SIRTP = 1U << 24, GCMD_CFI = 1U << 23 };

struct vtd_unit {
	volatile u8 *regs;
	u64 base, cap, ecap;
	u64 *iq;			/* invalidation queue, 256 descriptors */
	unsigned int iq_tail;
	u64 saved[3];			/* RTADDR, IQA, IRTA as the firmware left them */
};

#define vtd_reg32(u, reg)	(*(volatile u32 *)((u)->regs + (reg)))
#define vtd_reg64(u, reg)	(*(volatile u64 *)((u)->regs + (reg)))

#define SL_RW		3ULL		/* read, write */
#define VTD_TIMEOUT	10000000

static struct vtd_unit units[8];
static unsigned int num_units;
static u64 *root_table, *domains[MAX_CELLS], *ir_table;
static const struct jh_cell_desc *owners[MAX_CELLS];	/* with a domain */
static unsigned int faults[MAX_CELLS], faults_reported;
static volatile u32 qi_done;
static spinlock_t qi_lock;	/* the queues and the IR table: exits on any CPU */
static bool large_pages;
static u32 *ir_keys;	/* (source id << 16 | number) + 1 of each entry; 0: free */

static const struct jh_paging sl = {
	.present = SL_RW, .table_bits = SL_RW, .large_levels = 1 << 2,
	.table = paging_hv_table, .alloc = paging_pool_alloc,
};

static int vtd_command(struct vtd_unit *u, u32 bit, bool on)
{
	u32 sts = vtd_reg32(u, VTD_GSTS) & ~0x69000000, n;	/* not: one-shot bits */

	vtd_reg32(u, VTD_GCMD) = on ? sts | bit : sts & ~bit;
	for (n = 0; n < VTD_TIMEOUT; n++, cpu_relax())
		if (!(vtd_reg32(u, VTD_GSTS) & bit) == !on)
			return 0;
	set_status(-EIO, "VT-d unit at 0x%lx: command 0x%x not done", u->base, bit);
	return -EIO;
}

/* From descriptor first: 0 all, FLUSH_IR the IR entry cache and the wait */
#define FLUSH_IR	4
static int vtd_flush(unsigned int first)
{
	/* context and IOTLB caches, IR entry cache, wait with status write */
	u64 desc[] = { 0x11, 0, 0xd2, 0, 0x04, 0, 0x25 | 1ULL << 32,
		       hv_virt_to_phys((void *)&qi_done) };
	struct vtd_unit *u;
	unsigned int i, n;

	spin_lock(&qi_lock);
	for (u = units; u < units + num_units; u++) {
		if (!(u->ecap & 1))	/* page walks do not snoop the caches */
			asm volatile("wbinvd" : : : "memory");
		qi_done = 0;
		for (i = first; i < ARRAY_SIZE(desc); i += 2) {
			if (i == 4 && !ir_table)
				continue;
			u->iq[u->iq_tail * 2] = desc[i];
			u->iq[u->iq_tail * 2 + 1] = desc[i + 1];
			u->iq_tail = (u->iq_tail + 1) % 256;
		}
		vtd_reg64(u, VTD_IQT) = u->iq_tail << 4;
		for (n = 0; qi_done != 1; n++, cpu_relax()) {
			if (n < VTD_TIMEOUT && !(vtd_reg32(u, VTD_FSTS) & 0x10))
				continue;
			spin_unlock(&qi_lock);
			return set_status(-EIO, "VT-d unit at 0x%lx: invalidation not done "
					  "(fault status 0x%x)", u->base, vtd_reg32(u, VTD_FSTS));
		}
	}
	spin_unlock(&qi_lock);
	return 0;
}

/* Part of [pa, pa + size) belongs to a cell, not to the root */
static bool taken(u64 pa, u64 size)
{
	const struct jh_memory *m;
	unsigned int id;
	u32 i;

	for (id = 1; id < MAX_CELLS; id++) {
		m = owners[id] ? jh_cell_mem_regions(owners[id]) : NULL;
		for (i = 0; m && i < owners[id]->num_memory_regions; i++, m++)
			if (!(m->flags & (JH_MEM_ROOTSHARED | JH_MEM_COMM_REGION)) &&
			    pa < m->phys_start + m->size && m->phys_start < pa + size)
				return true;
	}
	return false;
}

static int sl_map(u64 *root, const struct jh_memory *m, bool holes)
{
	u64 iova = m->virt_start, pa = m->phys_start, end = pa + m->size, step;
	u64 flags = (m->flags & JH_MEM_READ ? 1 : 0) | (m->flags & JH_MEM_WRITE ? 2 : 0), *entry;
	unsigned int level, want;

	for (; pa < end; iova += step, pa += step) {
		step = jh_paging_size(2);	/* 2 MiB where it fits */
		want = large_pages && !((iova | pa) & (step - 1)) && end - pa >= step &&
		       !(holes && taken(pa, step)) ? 2 : 1;
		step = jh_paging_size(want);
		if (want == 1 && holes && taken(pa, step))	/* a 2 MiB one was checked */
			continue;
		level = want;
		entry = jh_paging_walk(&sl, NULL, root, iova, &level, true);
		if (!entry || level != want || *entry)
			return -ENOMEM;	/* regions do not overlap (validator) */
		*entry = pa | flags | (want == 2 ? JH_PAGING_PS : 0);
	}
	return 0;
}

static void sl_free(u64 *table, unsigned int level)
{
	unsigned int i;

	for (i = 0; level > 1 && i < 512; i++)
		if ((table[i] & SL_RW) && !(table[i] & JH_PAGING_PS))
			sl_free(paging_hv_table(NULL, table[i] & JH_PAGING_ADDR),
				level - 1);
	page_free(table, 1);
}

/* The DMA regions of a cell config (the root's: minus the cells') */
static u64 *domain_build(const struct jh_cell_desc *cfg, bool holes)
{
	const struct jh_memory *m = jh_cell_mem_regions(cfg);
	u64 *root = page_alloc(1);
	u32 i;

	for (i = 0; root && i < cfg->num_memory_regions; i++) {
		if ((m[i].flags & JH_MEM_DMA) && sl_map(root, &m[i], holes)) {
			sl_free(root, 4);
			return NULL;
		}
	}
	return root;
}

/* A requester id of the device's DMA: its own (0), its alias (1); -1: none */
static int device_sid(const struct jh_pci_device *d, unsigned int which)
{
	return d->iommu == JH_PCI_NO_IOMMU ? -1 : jh_pci_dma_sid(d, which);
}

/* The cell (id) whose config lists a device with requester id sid; 0: the root */
static unsigned int device_owner(u16 sid)
{
	const struct jh_pci_device *d;
	unsigned int id;
	u32 i;

	for (id = 1; id < MAX_CELLS; id++) {
		d = owners[id] ? jh_cell_pci_devices(owners[id]) : NULL;
		for (i = 0; d && i < owners[id]->num_pci_devices * 2; i++)
			if (device_sid(&d[i / 2], i % 2) == sid)
				return id;
	}
	return 0;
}

static int context_set(u16 bdf, unsigned int id)
{
	u64 *entry = &root_table[JH_PCI_BUS(bdf) * 2], phys;

	if (!(*entry & 1)) {
		if (!paging_pool_alloc(NULL, &phys))
			return -ENOMEM;
		*entry = phys | 1;
	}
	entry = paging_hv_table(NULL, *entry & JH_PAGING_ADDR) + (bdf & 0xff) * 2;
	entry[0] = 0;
	entry[1] = 2 | (u64)(id + 1) << 8;	/* 4-level tables, domain id */
	entry[0] = hv_virt_to_phys(domains[id]) | 1;
	return 0;
}

/*
 * The root's tree rebuilt for the cells there are now (kept as it is when
 * out of memory: then it is only smaller than it should be), the context
 * entry of every device and DMA alias (those of gone's, a destroyed
 * cell's, too) set to its owner's domain, caches flushed. A bridge whose
 * own id is an alias goes with the devices behind it (the validator gives
 * an id one owner; a bridge does no DMA of its own, MSIs are not
 * translated).
 */
static int vtd_update(const struct jh_cell_desc *gone)
{
	u64 *old = domains[0], *fresh = domain_build(owners[0], true);
	const struct jh_cell_desc *cfg;
	const struct jh_pci_device *d;
	unsigned int id;
	int err = 0, sid;
	u32 i;

	domains[0] = fresh ? : old;
	for (id = 0; id <= MAX_CELLS && domains[0]; id++) {
		cfg = id < MAX_CELLS ? owners[id] : gone;
		d = cfg ? jh_cell_pci_devices(cfg) : NULL;
		for (i = 0; d && i < cfg->num_pci_devices * 2 && !err; i++) {
			sid = device_sid(&d[i / 2], i % 2);
			err = sid < 0 ? 0 : context_set(sid, device_owner(sid));
		}
	}
	err = !domains[0] || err ? -ENOMEM : vtd_flush(0);
	if (err == -ENOMEM)
		set_status(err, "out of hypervisor memory for VT-d tables: " MORE_MEMORY);
	if (fresh && old)
		sl_free(old, 4);
	return err;
}

int iommu_cell_add(struct cell *cell)
{
	if (!num_units)
		return 0;
	domains[cell->id] = domain_build(cell->config, false);
	if (!domains[cell->id])
		set_status(-ENOMEM, "out of hypervisor memory for VT-d tables: " MORE_MEMORY);
	owners[cell->id] = domains[cell->id] ? cell->config : NULL;
	return owners[cell->id] ? vtd_update(NULL) : -ENOMEM;
}

void iommu_cell_remove(struct cell *cell)
{
	const struct jh_cell_desc *gone = owners[cell->id];

	if (!gone)
		return;
	owners[cell->id] = NULL;
	if (!vtd_update(gone))
		sl_free(domains[cell->id], 4);
	faults[cell->id] = 0;
}

/* Reports and clears the fault records of every unit */
void iommu_poll_faults(void)
{
	struct vtd_unit *u;
	unsigned int i, rec, id;
	bool ir;
	u64 hi;

	for (u = units; u < units + num_units; u++) {
		for (i = 0; i <= ((u->cap >> 40) & 0xff); i++) {
			rec = ((u->cap >> 24) & 0x3ff) * 16 + i * 16;
			hi = vtd_reg64(u, rec + 8);
			if (!(hi & (1ULL << 63)))
				continue;
			id = device_owner(hi & 0xffff);
			/* reasons 0x20 and up: interrupt remapping, the index in bits 63:48 */
			ir = ((hi >> 32) & 0xff) >= 0x20;
			if (report_allowed(&faults_reported))
				printk("jh: %s fault: device %02lx:%02lx.%lx (cell %s) %s 0x%lx: "
				       "reason 0x%lx, %u faults of the cell\n", ir ? "interrupt" : "DMA",
				       JH_PCI_BUS(hi), JH_PCI_DEV(hi), JH_PCI_FN(hi), owners[id]->name,
				       ir ? "index" : hi & (1UL << 62) ? "read" : "write",
				       vtd_reg64(u, rec) >> (ir ? 48 : 0), (hi >> 32) & 0xff, ++faults[id]);
			vtd_reg32(u, rec + 12) = 1U << 31;
		}
		vtd_reg32(u, VTD_FSTS) = vtd_reg32(u, VTD_FSTS);
	}
}

static const u16 saved_regs[] = { VTD_RTADDR, VTD_IQA, VTD_IRTA };

static int vtd_probe(const struct jh_iommu *cfg, unsigned int n)
{
	volatile u8 *regs = cfg->type == JH_IOMMU_VTD && !cfg->segment &&
		n < ARRAY_SIZE(units) ? mmio_map_uncached(cfg->base, PAGE_SIZE) : NULL;
	struct vtd_unit *u = &units[n % ARRAY_SIZE(units)];
	const char *lacks;
	unsigned int i;

	if (!regs)
		return set_status(-EINVAL, "system config: iommus[%u] at 0x%lx: this jh "
				  "(IOMMU=vtd) takes up to 8 VT-d units of PCI segment 0 in "
				  "the first 4 GiB: fix the entry", n, cfg->base);
	u->regs = regs;
	u->base = cfg->base;
	u->cap = vtd_reg64(u, VTD_CAP);
	u->ecap = vtd_reg64(u, VTD_ECAP);
	if (vtd_reg32(u, 0) + 1 <= 1)
		return set_status(-ENODEV, "VT-d unit %u at 0x%lx does not answer: check "
				  "the address against the ACPI DMAR table", n, cfg->base);
	if (vtd_reg32(u, VTD_GSTS) & (GCMD_TE | GCMD_IRE | GCMD_QIE))
		return set_status(-EBUSY, "VT-d unit %u at 0x%lx is in use by Linux: boot it "
				  "with intel_iommu=off intremap=off", n, cfg->base);
	for (i = 0; i < ARRAY_SIZE(saved_regs); i++)
		u->saved[i] = vtd_reg64(u, saved_regs[i]);
	lacks = !(u->cap & (1ULL << 10)) ? "4-level second-level page tables (SAGAW)" :
		!(u->ecap & 2) ? "queued invalidation" :
		sys_config->platform.ir_table_size && !(u->ecap & 8) ?
		"interrupt remapping" : NULL;
	if (lacks)
		return set_status(-ENODEV, "VT-d unit %u at 0x%lx lacks %s, which jh needs: "
				  "use IOMMU=none and JH_SYS_NO_DMA_ISOLATION", n, cfg->base,
				  lacks);
	large_pages = (n ? large_pages : true) && (u->cap & (1ULL << 34));
	u->iq = page_alloc(1);
	return u->iq ? 0 : -ENOMEM;
}

static int ir_enable(struct vtd_unit *u)
{
	vtd_reg64(u, VTD_IRTA) = hv_virt_to_phys(ir_table) |
		((__builtin_ctz(sys_config->platform.ir_table_size) ? : 1) - 1);
	return vtd_command(u, GCMD_SIRTP, true) ? : vtd_flush(FLUSH_IR) ? :
	       vtd_command(u, GCMD_IRE | GCMD_CFI, true);	/* waits for IRE */
}

int iommu_irq_map(u16 sid, u16 n, u32 dest, u32 redir, bool valid)
{
	u32 size = sys_config->platform.ir_table_size, key = ((u32)sid << 16 | n) + 1;
	u32 i, free = size;
	u64 lo = 0;

	if (!ir_table)
		return -ENODEV;
	spin_lock(&qi_lock);
	for (i = 0; i < size && ir_keys[i] != key; i++)
		if (!ir_keys[i] && free == size)
			free = i;
	if (i == size && (!valid || free == size)) {
		spin_unlock(&qi_lock);	/* blocked and none: nothing to remap */
		return !valid ? -ENODEV : set_status(-ERANGE, "all %u interrupt remapping "
				"entries are in use: enlarge platform.ir_table_size in the "
				"system config", size);
	}
	i = i == size ? free : i;
	ir_keys[i] = key;	/* a slot keeps its key, so its source id, for good */
	ir_table[i * 2 + 1] = sid | 1ULL << 18;	/* SVT: the source id must match */
	/* present; destination and delivery mode, trigger mode, vector, APIC ID */
	if (valid && dest <= 0xff)
		lo = 1 | (redir >> 9 & 4) | (redir >> 11 & 0x10) | (redir >> 3 & 0xe0) |
		     (u64)(redir & 0xff) << 16 | (u64)dest << 40;
	/* in one store: a live entry retargeted is never torn or briefly absent */
	__atomic_store_n(&ir_table[i * 2], lo, __ATOMIC_RELEASE);
	spin_unlock(&qi_lock);
	return vtd_flush(FLUSH_IR) ? : (int)i;
}

/* Setting CFI waits for IRE only: QEMU 7.2 implements no CFI (never sets CFIS) */
bool iommu_irq_compat(bool allow)
{
	struct vtd_unit *u;

	for (u = units; ir_table && u < units + num_units; u++)
		vtd_command(u, allow ? GCMD_IRE | GCMD_CFI : GCMD_CFI, allow);
	return num_units && ir_table;
}

/* Every unit off, with the registers the firmware left */
void iommu_shutdown(void)
{
	struct vtd_unit *u;
	unsigned int i;

	for (u = units; u < units + num_units; u++) {
		vtd_command(u, GCMD_TE, false);
		vtd_command(u, GCMD_IRE, false);
		vtd_command(u, GCMD_QIE, false);
		for (i = 0; i < ARRAY_SIZE(saved_regs); i++)
			vtd_reg64(u, saved_regs[i]) = u->saved[i];
	}
	num_units = 0;
}

int iommu_init(void)
{
	const struct jh_iommu *cfg = jh_sys_iommus(sys_config);
	unsigned int i, n = sys_config->platform.num_iommus;
	u32 ir_size = sys_config->platform.ir_table_size;
	struct vtd_unit *u;
	int err = 0;

	owners[0] = root_cell.config;
	for (i = 0; i < n && !err; i++) {
		err = vtd_probe(&cfg[i], i);
		num_units = err ? i : i + 1;
	}
	if (err || !n)
		goto out;
	root_table = page_alloc(1);
	ir_table = ir_size ? page_alloc(ALIGN_UP(ir_size * 16, PAGE_SIZE) / PAGE_SIZE) : NULL;
	ir_keys = ir_size ? page_alloc(ALIGN_UP(ir_size * 4, PAGE_SIZE) / PAGE_SIZE) : NULL;
	err = root_table && (!ir_size || (ir_table && ir_keys)) ? 0 : -ENOMEM;
	for (u = units; u < units + n && !err; u++) {
		vtd_reg64(u, VTD_RTADDR) = hv_virt_to_phys(root_table);
		vtd_reg64(u, VTD_IQT) = u->iq_tail = 0;
		vtd_reg64(u, VTD_IQA) = hv_virt_to_phys(u->iq);
		err = vtd_command(u, GCMD_SRTP, true) ? : vtd_command(u, GCMD_QIE, true);
	}
	err = err ? : vtd_update(NULL);
	for (u = units; u < units + n && !err; u++)
		err = (ir_table ? ir_enable(u) : 0) ? :
		      vtd_command(u, GCMD_TE, true);
	if (!err)
		printk("jh: VT-d: %u units remap DMA%s\n", n, ir_table ? ", IRQs" : "");
out:
	if (err == -ENOMEM)
		set_status(err, "out of hypervisor memory for VT-d: " MORE_MEMORY);
	if (err)
		iommu_shutdown();
	return err;
}

bool iommu_dma_isolated(void)
{
	return num_units;
}

