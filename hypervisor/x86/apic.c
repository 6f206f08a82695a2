// SPDX-License-Identifier: GPL-2.0
/*
 * The local APIC from the hypervisor's side: each CPU's APIC mode, ID and
 * logical destination recorded at entry and at every mode change, NMIs
 * for management requests, the reset and x2APIC switch of cell CPUs and
 * the ICR filter (policy in apic-route.c). The hypervisor reaches the
 * xAPIC page through its direct map, made uncached there by
 * mmio_map_uncached().
 */
#include "apic.h"
#include "mmio.h"

#define ICR_IDLE_SPINS		1000000

static spinlock_t apic_lock;		/* the mapping */
static volatile u8 *apic_mmio;		/* uncached, through the direct map */
static u64 apic_phys;
static struct apic_view views[JH_MAX_CPUS];
static u64 known_cpus;			/* bit n: views[n] recorded */
static u64 root_base[JH_MAX_CPUS];	/* IA32_APIC_BASE before a cell; 0: none */
static unsigned int drops_reported;

u64 apic_mode(void)
{
	return rdmsr(MSR_APIC_BASE) & APIC_MODE_X2APIC;
}

static bool x2apic_mode(void)
{
	return apic_mode() == APIC_MODE_X2APIC;
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

/* What the filter routes by: this CPU's live APIC mode, ID, logical dest */
static void record_view(struct per_cpu *c)
{
	u64 base = rdmsr(MSR_APIC_BASE);
	struct apic_view *v = &views[c->cpu];

	v->x2apic = (base & APIC_MODE_X2APIC) == APIC_MODE_X2APIC;
	if (v->x2apic) {
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
}

void apic_cpu_init(struct per_cpu *c)
{
	int err = 0;

	spin_lock(&apic_lock);
	if (!apic_mmio) {
		apic_phys = rdmsr(MSR_APIC_BASE) & APIC_BASE_ADDR;
		apic_mmio = mmio_map_uncached(apic_phys, PAGE_SIZE);
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
	record_view(c);
	__atomic_or_fetch(&known_cpus, 1ULL << c->cpu, __ATOMIC_RELEASE);
}

bool apic_root_base_write(struct per_cpu *c, u64 val)
{
	/*
	 * a moved APIC would answer outside the trapped page, unfiltered (the
	 * caller checked the value: apic_base_write_valid())
	 */
	if ((val & ~0xfffULL) != apic_phys)
		return false;
	wrmsr(MSR_APIC_BASE, val);
	/* the filter must read destinations the way the APIC now does */
	record_view(c);
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
 * A guest's IPI passed on as it was written finds its destination there.
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
	if (saved_hi >> 24 == dest) {
		apic_mmio_write(APIC_REG_ICR_LO, icr_lo);
		return;
	}
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

void apic_send_vector(unsigned int cpu, u8 vector)
{
	if (cpu < JH_MAX_CPUS && (known_cpus & (1ULL << cpu)))
		send_ipi(APIC_ICR_ASSERT | vector, views[cpu].id);
}

/*
 * IA32_APIC_BASE up to mode (xAPIC or x2APIC) along the SDM's only path:
 * down through disabled if needed, then disabled -> xAPIC -> x2APIC. A
 * write the CPU ignores (Bochs ignores every write while disabled) leaves
 * the mode short; callers look.
 */
static void apic_base_to(u64 base, u64 mode)
{
	u64 now = apic_mode();

	base &= ~(u64)APIC_MODE_X2APIC;
	if (now == mode)
		return;
	if (now == APIC_MODE_X2APIC || !(mode & APIC_BASE_EN))
		wrmsr(MSR_APIC_BASE, base);
	if (!(rdmsr(MSR_APIC_BASE) & APIC_BASE_EN) && (mode & APIC_BASE_EN))
		wrmsr(MSR_APIC_BASE, base | APIC_BASE_EN);
	if ((mode & APIC_BASE_EXTD) && apic_mode() == APIC_MODE_XAPIC)
		wrmsr(MSR_APIC_BASE, base | APIC_MODE_X2APIC);
}

void apic_cell_reset(void)
{
	/* LVTs in the order the version register's count adds them */
	static const u32 lvts[] = { 0x832, 0x835, 0x836, 0x837, 0x834, 0x833, 0x82f };
	struct per_cpu *c = this_cpu();
	u64 base = rdmsr(MSR_APIC_BASE);
	unsigned int i, n;

	if (!cpu_has_x2apic()) {
		printk("jh: CPU %u has no x2APIC: its cell keeps the xAPIC\n", c->cpu);
		return;
	}
	/* the root's mode, for destroy: a restart finds the cell's own */
	if (!root_base[c->cpu])
		root_base[c->cpu] = base;
	apic_base_to(base, APIC_MODE_X2APIC);
	record_view(c);
	if (apic_mode() != APIC_MODE_X2APIC) {
		printk("jh: CPU %u: its APIC did not enter x2APIC mode (IA32_APIC_BASE "
		       "0x%lx)\n", c->cpu, rdmsr(MSR_APIC_BASE));
		return;
	}
	/*
	 * Nothing of the last inmate (or of Linux) may survive a start, and
	 * only INIT or RESET clear an APIC (the disabled state does on some
	 * CPUs, and Bochs never leaves it): clear what software can. A vector
	 * already in IRR can only be taken, and reaches the new inmate.
	 */
	n = ((rdmsr(MSR_X2APIC_VERSION) >> 16) & 0xff) + 1;
	for (i = 0; i < n && i < ARRAY_SIZE(lvts); i++)
		wrmsr(lvts[i], APIC_LVT_MASKED);
	wrmsr(MSR_X2APIC_TIMER_INIT, 0);
	wrmsr(MSR_X2APIC_TIMER_DIV, 0);
	wrmsr(MSR_X2APIC_TPR, 0);
	wrmsr(MSR_X2APIC_ESR, 0);
	/* each EOI ends the highest vector in service */
	for (i = 0; i < 256; i++) {
		for (n = 0; n < 8 && !rdmsr(MSR_X2APIC_ISR0 + n); n++)
			;
		if (n == 8)
			break;
		wrmsr(MSR_X2APIC_EOI, 0);
	}
	wrmsr(MSR_X2APIC_SIVR, 0xff);	/* software-disabled, as after reset */
}

void apic_restore_root_mode(void)
{
	struct per_cpu *c = this_cpu();
	u64 root = root_base[c->cpu];

	/* never started: the APIC is still in the root's mode */
	if (!root)
		return;
	root_base[c->cpu] = 0;
	apic_base_to(root, root & APIC_MODE_X2APIC);
	record_view(c);
}

/* Known CPUs of a cell (as cpu_cell() has it: the root's are the rest) */
static u64 cell_cpus(const struct cell *cell)
{
	u64 known = __atomic_load_n(&known_cpus, __ATOMIC_ACQUIRE), taken = 0;
	const struct cell *other;
	unsigned int i;

	if (cell != &root_cell)
		return cells[cell->id] == cell ? known & cell->cpus : 0;
	for (i = 1; i < MAX_CELLS; i++)
		if ((other = cells[i]))
			taken |= other->cpus;
	return known & ~taken;
}

static void report_drop(struct per_cpu *c, u32 icr_lo, u32 dest, u64 foreign)
{
	unsigned int n;

	if (!report_allowed(&drops_reported))
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
 * INIT and SIPI reach no APIC: each target CPU under the hypervisor gets
 * a management request instead (mgmt.c), so that no root CPU ever runs
 * outside VMX and a cell's Linux brings up its own CPUs. The root's other
 * targets are dropped: another cell's CPU, or an APIC the hypervisor does
 * not know (a CPU that was offline at enable, which would run Linux
 * unconfined); a cell's fail it. A root CPU outside VMX gets the real IPI
 * once no cell exists (mgmt_init_sipi()). CPUs since the Pentium 4 ignore
 * an INIT level de-assert.
 */
static bool init_sipi(struct per_cpu *c, u32 icr_lo, u32 dest, bool x2apic)
{
	u64 known = __atomic_load_n(&known_cpus, __ATOMIC_ACQUIRE), targets, own;
	bool sipi = (icr_lo & APIC_ICR_DM_MASK) == APIC_ICR_DM_SIPI, others;
	unsigned int n;
	int res;

	if (!sipi && !(icr_lo & APIC_ICR_ASSERT))
		return true;
	targets = apic_ipi_targets(views, known, c->cpu, icr_lo, dest, x2apic,
				   &others);
	own = cell_cpus(c->cell);
	if (c->cell != &root_cell) {
		if (apic_ipi_verdict(targets, others, own, false, icr_lo, &own) ==
		    APIC_IPI_DENY)
			return false;
	} else if ((targets & ~own) || (others && !(icr_lo & APIC_ICR_SH_MASK))) {
		report_drop(c, icr_lo, dest, targets & ~own);
	}
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

/* dest in the format of the sender's live mode (the callers check it) */
static bool icr_filter(struct per_cpu *c, u32 icr_lo, u32 dest)
{
	u64 known = __atomic_load_n(&known_cpus, __ATOMIC_ACQUIRE);
	bool x2apic = x2apic_mode();
	bool root = c->cell == &root_cell, others;
	u64 targets, own, deliver;
	unsigned int n;
	u32 split_lo, mode = icr_lo & APIC_ICR_DM_MASK;

	if (mode == APIC_ICR_DM_INIT || mode == APIC_ICR_DM_SIPI)
		return init_sipi(c, icr_lo, dest, x2apic);
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

bool apic_cell_owns_destination(const struct cell *cell, u32 mode, u32 dest)
{
	u64 known = __atomic_load_n(&known_cpus, __ATOMIC_ACQUIRE), targets;
	u32 dm = mode & APIC_ICR_DM_MASK;
	bool others;

	/* no shorthand: the sending CPU does not matter */
	targets = apic_ipi_targets(views, known, 0,
				   mode & (APIC_ICR_DM_MASK | APIC_ICR_LOGICAL),
				   dest, false, &others);
	if (cell == &root_cell)
		return !(targets & ~cell_cpus(&root_cell));
	/* a cell's device interrupts: fixed or lowest priority, to its CPUs */
	return (dm == APIC_ICR_DM_FIXED || dm == APIC_ICR_DM_LOWEST) && targets &&
	       !others && !(targets & ~cell_cpus(cell));
}

bool apic_x2apic_icr_write(struct per_cpu *c, u64 value)
{
	return icr_filter(c, (u32)value, value >> 32);
}

bool apic_xapic_icr_write(struct per_cpu *c, u32 icr_lo, u32 icr_hi)
{
	return icr_filter(c, icr_lo, icr_hi >> 24);
}
