// SPDX-License-Identifier: GPL-2.0
/*
 * The local APIC from the hypervisor's side: each CPU's APIC ID and
 * logical destination recorded at entry, NMIs for management requests,
 * the x2APIC switch of cell CPUs and the ICR filter (policy in
 * apic-route.c). The hypervisor reaches the xAPIC page through its direct
 * map, made uncached there by mmio_map_uncached().
 */
#include "apic.h"
#include "mmio.h"

#define CPUID1_ECX_X2APIC	(1U << 21)
#define ICR_IDLE_SPINS		1000000

static spinlock_t apic_lock;		/* the mapping, the drop message count */
static volatile u8 *apic_mmio;		/* uncached, through the direct map */
static u64 apic_phys;
static struct apic_view views[JH_MAX_CPUS];
static u64 known_cpus;			/* bit n: views[n] recorded */
static unsigned int drops_reported;

static bool x2apic_mode(void)
{
	return rdmsr(MSR_APIC_BASE) & APIC_BASE_EXTD;
}

u32 apic_mmio_read(u32 reg)
{
	return apic_mmio ? *(volatile u32 *)(apic_mmio + reg) : ~0U;
}

void apic_mmio_write(u32 reg, u32 val)
{
	if (apic_mmio)
		*(volatile u32 *)(apic_mmio + reg) = val;
}

static u32 initial_apic_id(void)
{
	u32 a, b, c, d;

	cpuid(1, 0, &a, &b, &c, &d);
	return b >> 24;
}

void apic_cpu_init(struct per_cpu *c)
{
	u64 base = rdmsr(MSR_APIC_BASE);
	struct apic_view *v = &views[c->cpu];
	int err = 0;

	spin_lock(&apic_lock);
	if (!apic_mmio) {
		apic_phys = base & APIC_BASE_ADDR;
		apic_mmio = mmio_map_uncached(apic_phys);
		err = apic_mmio ? 0 : -ERANGE;
	}
	spin_unlock(&apic_lock);
	if (err)
		printk("jh: APIC page 0x%lx is outside the direct map: xAPIC IPIs "
		       "from the hypervisor will not work\n", apic_phys);
	/*
	 * Drop whatever this CPU cached of the direct map before the first
	 * CPU made device pages uncached (global_init ran before this)
	 */
	write_cr3(read_cr3());

	if (base & APIC_BASE_EXTD) {
		v->id = rdmsr(MSR_X2APIC_ID);
		v->ldr = 0;
		v->dfr = 0;
	} else if ((base & APIC_BASE_EN) && apic_mmio) {
		v->id = apic_mmio_read(APIC_REG_ID) >> 24;
		v->ldr = apic_mmio_read(APIC_REG_LDR);
		v->dfr = apic_mmio_read(APIC_REG_DFR);
	} else {
		v->id = initial_apic_id();
		v->ldr = 0;
		v->dfr = ~0U;
	}
	c->apic_id = v->id;
	__atomic_or_fetch(&known_cpus, 1ULL << c->cpu, __ATOMIC_RELEASE);
}

bool apic_root_base_write(struct per_cpu *c, u64 val)
{
	/* a moved APIC would answer outside the trapped page, unfiltered */
	if ((val & APIC_BASE_ADDR) != apic_phys)
		return false;
	wrmsr(MSR_APIC_BASE, val);
	if (!(val & APIC_BASE_EXTD)) {
		views[c->cpu].ldr = apic_mmio_read(APIC_REG_LDR);
		views[c->cpu].dfr = apic_mmio_read(APIC_REG_DFR);
	}
	return true;
}

void apic_set_logical(struct per_cpu *c, u32 ldr, u32 dfr)
{
	views[c->cpu].ldr = ldr;
	views[c->cpu].dfr = dfr;
}

/* Bounded: a stuck delivery must not hang the hypervisor */
static void xapic_wait_idle(void)
{
	unsigned int spins = ICR_IDLE_SPINS;

	while ((apic_mmio_read(APIC_REG_ICR_LO) & APIC_ICR_BUSY) && --spins)
		cpu_relax();
}

/*
 * One IPI from this CPU's APIC in whatever mode it is in. The xAPIC ICR
 * high word may hold a destination the guest wrote but has not used yet
 * (it is preempted between the two writes): it is put back afterwards.
 */
static void send_ipi(u32 icr_lo, u32 dest)
{
	u32 saved_hi;

	if (x2apic_mode()) {
		wrmsr(MSR_X2APIC_ICR, ((u64)dest << 32) | icr_lo);
		return;
	}
	if (!apic_mmio)
		return;
	saved_hi = apic_mmio_read(APIC_REG_ICR_HI);
	xapic_wait_idle();
	apic_mmio_write(APIC_REG_ICR_HI, dest << 24);
	apic_mmio_write(APIC_REG_ICR_LO, icr_lo);
	xapic_wait_idle();
	apic_mmio_write(APIC_REG_ICR_HI, saved_hi);
}

int apic_send_nmi(unsigned int cpu)
{
	if (cpu >= JH_MAX_CPUS || !(known_cpus & (1ULL << cpu)))
		return -EINVAL;
	send_ipi(APIC_ICR_DM_NMI | APIC_ICR_ASSERT, views[cpu].id);
	return 0;
}

void apic_enter_x2apic(void)
{
	u64 base = rdmsr(MSR_APIC_BASE);
	u32 a, b, c, d;

	cpuid(1, 0, &a, &b, &c, &d);
	if (!(c & CPUID1_ECX_X2APIC)) {
		printk("jh: CPU %u has no x2APIC: its cell keeps the xAPIC\n",
		       this_cpu()->cpu);
		return;
	}
	/* disabled -> xAPIC -> x2APIC: the only transitions the SDM allows */
	if (!(base & APIC_BASE_EN)) {
		base |= APIC_BASE_EN;
		wrmsr(MSR_APIC_BASE, base);
	}
	if (!(base & APIC_BASE_EXTD))
		wrmsr(MSR_APIC_BASE, base | APIC_BASE_EXTD);
}

void apic_restore_xapic(void)
{
	struct per_cpu *c = this_cpu();
	u64 base = rdmsr(MSR_APIC_BASE);

	/* x2APIC -> xAPIC must pass through disabled, which resets the APIC */
	if (base & APIC_BASE_EXTD)
		wrmsr(MSR_APIC_BASE, base & ~(APIC_BASE_EN | APIC_BASE_EXTD));
	wrmsr(MSR_APIC_BASE, (base & ~APIC_BASE_EXTD) | APIC_BASE_EN);
	/*
	 * After the reset: LDR 0, flat model, the initial ID, which the view
	 * kept (the register is unreadable where the APIC stays disabled,
	 * as in Bochs: see vcpu_cell_leave())
	 */
	views[c->cpu].ldr = 0;
	views[c->cpu].dfr = ~0U;
}

/* Known CPUs of a cell */
static u64 cell_cpus(const struct cell *cell)
{
	u64 known = __atomic_load_n(&known_cpus, __ATOMIC_ACQUIRE), mask = 0;
	unsigned int n;

	for (n = 0; n < JH_MAX_CPUS; n++)
		if ((known & (1ULL << n)) && cpu_cell(n) == cell)
			mask |= 1ULL << n;
	return mask;
}

static void report_drop(struct per_cpu *c, u32 icr_lo, u32 dest, u64 foreign)
{
	unsigned int n;
	bool report;

	spin_lock(&apic_lock);
	report = drops_reported < 16;
	drops_reported++;
	spin_unlock(&apic_lock);
	if (!report)
		return;
	if (!foreign) {
		printk("jh: root cell IPI from CPU %u (ICR 0x%x, destination 0x%x) to "
		       "an APIC outside the hypervisor dropped\n", c->cpu, icr_lo, dest);
		return;
	}
	for (n = 0; n < JH_MAX_CPUS && !(foreign & (1ULL << n)); n++)
		;
	printk("jh: root cell IPI from CPU %u (ICR 0x%x, destination 0x%x) to "
	       "CPU %u of cell '%s' dropped\n", c->cpu, icr_lo, dest, n,
	       n < JH_MAX_CPUS ? cpu_cell(n)->config->name : "?");
}

/*
 * The root's INIT and SIPI reach no APIC: each of its CPUs under the
 * hypervisor gets a management request instead (mgmt.c), so that no root
 * CPU ever runs outside VMX. Other targets are dropped: another cell's
 * CPU, or an APIC the hypervisor does not know (a CPU that was offline at
 * enable, which would run Linux unconfined). A root CPU outside VMX gets
 * the real IPI once no cell exists (mgmt_init_sipi()). CPUs since the
 * Pentium 4 ignore an INIT level de-assert.
 */
static bool root_init_sipi(struct per_cpu *c, u32 icr_lo, u32 dest, bool x2apic)
{
	u64 known = __atomic_load_n(&known_cpus, __ATOMIC_ACQUIRE), targets, own;
	bool sipi = (icr_lo & APIC_ICR_DM_MASK) == APIC_ICR_DM_SIPI, others;
	unsigned int n;
	int res;

	if (!sipi && !(icr_lo & APIC_ICR_ASSERT))
		return true;
	targets = apic_ipi_targets(views, known, c->cpu, icr_lo, dest, x2apic,
				   &others);
	own = cell_cpus(&root_cell);
	if ((targets & ~own) || (others && !(icr_lo & APIC_ICR_SH_MASK)))
		report_drop(c, icr_lo, dest, targets & ~own);
	for (n = 0; n < JH_MAX_CPUS; n++) {
		if (!(targets & own & (1ULL << n)))
			continue;
		res = mgmt_init_sipi(c, n, sipi, icr_lo & APIC_ICR_VECTOR);
		if (res > 0)
			send_ipi(icr_lo & ~(APIC_ICR_SH_MASK | APIC_ICR_LOGICAL),
				 views[n].id);
		else if (res < 0)
			report_drop(c, icr_lo, dest, 0);
	}
	return true;
}

static bool icr_filter(struct per_cpu *c, u32 icr_lo, u32 dest, bool x2apic)
{
	u64 known = __atomic_load_n(&known_cpus, __ATOMIC_ACQUIRE);
	bool root = c->cell == &root_cell, others;
	u64 targets, own, deliver;
	unsigned int n;
	u32 split_lo, mode = icr_lo & APIC_ICR_DM_MASK;

	if (root && (mode == APIC_ICR_DM_INIT || mode == APIC_ICR_DM_SIPI))
		return root_init_sipi(c, icr_lo, dest, x2apic);
	targets = apic_ipi_targets(views, known, c->cpu, icr_lo, dest, x2apic,
				   &others);
	own = cell_cpus(c->cell);
	switch (apic_ipi_verdict(targets, others, own, root, icr_lo, &deliver)) {
	case APIC_IPI_FORWARD:
		send_ipi(icr_lo, dest);
		return true;
	case APIC_IPI_SPLIT:
		/* physical, no shorthand; lowest priority to one CPU is fixed */
		split_lo = icr_lo & ~(APIC_ICR_SH_MASK | APIC_ICR_LOGICAL);
		if ((split_lo & APIC_ICR_DM_MASK) == APIC_ICR_DM_LOWEST)
			split_lo &= ~APIC_ICR_DM_MASK;
		for (n = 0; n < JH_MAX_CPUS; n++)
			if (deliver & (1ULL << n))
				send_ipi(split_lo, views[n].id);
		if (root && (targets & ~own) && !(icr_lo & APIC_ICR_SH_MASK) &&
		    (icr_lo & APIC_ICR_LOGICAL))
			report_drop(c, icr_lo, dest, targets & ~own);
		return true;
	case APIC_IPI_DROP:
		report_drop(c, icr_lo, dest, targets & ~own);
		return true;
	case APIC_IPI_DENY:
		break;
	}
	return false;
}

bool apic_root_owns_destination(u32 mode, u32 dest)
{
	u64 known = __atomic_load_n(&known_cpus, __ATOMIC_ACQUIRE), targets;
	bool others;

	/* no shorthand: the sending CPU does not matter */
	targets = apic_ipi_targets(views, known, 0,
				   mode & (APIC_ICR_DM_MASK | APIC_ICR_LOGICAL),
				   dest, false, &others);
	return !(targets & ~cell_cpus(&root_cell));
}

bool apic_x2apic_icr_write(struct per_cpu *c, u64 value)
{
	return icr_filter(c, (u32)value, value >> 32, true);
}

bool apic_xapic_icr_write(struct per_cpu *c, u32 icr_lo, u32 icr_hi)
{
	return icr_filter(c, icr_lo, icr_hi >> 24, false);
}
