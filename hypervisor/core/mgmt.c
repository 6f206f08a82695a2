// SPDX-License-Identifier: GPL-2.0
/*
 * Management requests: one CPU writes a request into another's per-CPU
 * word and sends it an NMI. NMI exiting is on in every VMCS, so the target
 * exits, acts and clears the word (the acknowledgement). An NMI that
 * arrives while the target is in the hypervisor is lost (the host IDT
 * entry just returns), so the sender re-sends until the word is clear,
 * and every CPU also looks at its word before it resumes its guest.
 * Parked CPUs halt in VMX root with interrupts off; an NMI wakes them.
 *
 * A root CPU never leaves VMX before disable: the root's INIT and SIPI
 * IPIs become requests (x86/apic.c), so an offline CPU waits for its SIPI
 * parked here (wait_sipi), as does a CPU given back by a destroyed cell
 * (unless its APIC needs an INIT: vcpu_cell_leave()). The VMX
 * wait-for-SIPI activity state is not used: Bochs 2.7 never runs a CPU
 * that left it.
 */
#include "hv.h"

#define MGMT_RESEND_MS		10
#define MGMT_TIMEOUT_MS		2000

u64 ms_to_tsc(u64 ms)
{
	/* the driver passes Linux's TSC rate; 1 GHz if it did not */
	return ms * (boot.tsc_khz ? boot.tsc_khz : 1000000);
}

static void ack(struct per_cpu *c)
{
	__atomic_store_n(&c->mgmt_request, MGMT_NONE, __ATOMIC_RELEASE);
}

static void send_nmi(unsigned int cpu)
{
	__atomic_fetch_add(&per_cpu[cpu].nmis_sent, 1, __ATOMIC_RELEASE);
	apic_send_nmi(cpu);
}

/* Posts req once the target's word is free; false after the timeout */
static bool post(struct per_cpu *t, u32 req, u64 deadline)
{
	u32 none = MGMT_NONE;

	while (!__atomic_compare_exchange_n(&t->mgmt_request, &none, req, false,
					    __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		if (rdtsc() > deadline)
			return false;
		none = MGMT_NONE;
		cpu_relax();
	}
	return true;
}

int mgmt_request(unsigned int cpu, u32 req)
{
	struct per_cpu *t = &per_cpu[cpu];
	u64 deadline = rdtsc() + ms_to_tsc(MGMT_TIMEOUT_MS), last = 0, now;

	if (!post(t, req, deadline))
		return -ETIMEDOUT;
	while (__atomic_load_n(&t->mgmt_request, __ATOMIC_ACQUIRE) == req) {
		now = rdtsc();
		if (now > deadline) {
			/* withdraw it, unless the target took it just now */
			if (__atomic_compare_exchange_n(&t->mgmt_request, &req, MGMT_NONE, false,
							__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
				return -ETIMEDOUT;
			break;
		}
		if (!last || now - last > ms_to_tsc(MGMT_RESEND_MS)) {
			send_nmi(cpu);
			last = now;
		}
		cpu_relax();
	}
	return 0;
}

/* Without waiting: a failing cell stops its other CPUs this way */
void mgmt_request_async(unsigned int cpu, u32 req)
{
	if (post(&per_cpu[cpu], req, rdtsc()))
		send_nmi(cpu);
}

/*
 * Every CPU still running the root cell drops its cached translations;
 * then no CPU can walk a root table freed since, and they go to the pool
 * (CPUs outside the root flush all when they enter a guest again)
 */
int mgmt_flush_root_ept(void)
{
	unsigned int cpu, self = this_cpu()->cpu;
	int err;

	gpa_flush_all();
	for (cpu = 0; cpu < JH_MAX_CPUS; cpu++) {
		if (cpu == self || !(boot.cpu_mask & (1ULL << cpu)) ||
		    per_cpu[cpu].mode != CPU_ROOT || boot.cpu_result[cpu] != 1)
			continue;
		err = mgmt_request(cpu, MGMT_FLUSH_EPT);
		if (err)
			return set_status(err, "CPU %u does not answer the hypervisor's "
					  "NMI (EPT flush): the root cell's memory map may "
					  "be stale", cpu);
	}
	pool_release_deferred();
	return 0;
}

/* Each NMI the senders counted is ours; any other is the guest's */
static bool nmi_is_ours(struct per_cpu *c)
{
	u32 sent = __atomic_load_n(&c->nmis_sent, __ATOMIC_ACQUIRE);

	if (sent == c->nmis_seen && c->mgmt_request == MGMT_NONE)
		return false;
	c->nmis_seen = sent;	/* NMIs sent close together arrive as one */
	return true;
}

/*
 * An NMI arrived (NMI exit, or in the hypervisor). A management request
 * is handled by mgmt_check() next; other NMIs belong to the root cell's
 * Linux and are injected once it can take one (cells get none).
 */
void nmi_dispatch(struct per_cpu *c)
{
	c->nmi_pending = false;
	if (nmi_is_ours(c) || c->cell != &root_cell)
		return;
	vcpu_inject_nmi();
}

/* Called on an NMI exit and before every VM entry */
void mgmt_check(struct per_cpu *c)
{
	u32 req = __atomic_load_n(&c->mgmt_request, __ATOMIC_ACQUIRE);

	if (req == MGMT_NONE)
		return;		/* every exit: the short way */
	if (req == MGMT_PARK || req == MGMT_INIT)
		mgmt_park(c);
	if (req == MGMT_FLUSH_EPT)
		gpa_flush_all();
	ack(c);		/* START and SIPI are only for parked CPUs */
}

static void __attribute__((noreturn)) resume_reset(struct per_cpu *c, u32 mode)
{
	memset(c->regs, 0, sizeof(*c->regs));
	c->wait_sipi = false;
	c->nmi_pending = false;
	c->mode = mode;
	ack(c);
	vcpu_resume(c->regs);
}

void mgmt_park(struct per_cpu *c)
{
	u32 req;

	c->mode = CPU_PARKED;
	nmi_unblock();
	for (;;) {
		req = __atomic_load_n(&c->mgmt_request, __ATOMIC_ACQUIRE);
		if (req == MGMT_INIT) {
			if (c->cell != &root_cell)
				vcpu_cell_leave(c);
			c->wait_sipi = true;
		}
		if (req == MGMT_SIPI && c->wait_sipi) {
			vcpu_sipi(c, c->sipi_vector);
			resume_reset(c, c->cell == &root_cell ? CPU_ROOT : CPU_CELL);
		}
		if (req == MGMT_START && c->cell != &root_cell &&
		    c->cell->state != JH_CELL_FAILED) {
			vcpu_cell_reset(c);
			resume_reset(c, CPU_CELL);
		}
		if (req == MGMT_FLUSH_EPT)
			gpa_flush_all();
		if (req != MGMT_NONE)
			ack(c);
		/* IF is 0 in the hypervisor: only an NMI (or INIT) wakes us */
		asm volatile("hlt" : : : "memory");
	}
}

/*
 * A cell's INIT or SIPI to one of its own CPUs other than the sender
 * (the APIC filter traps both), under the management lock: no create
 * takes the CPU meanwhile, and no disable runs. A non-root cell's INIT
 * parks the CPU until a SIPI; it stays the cell's. 0: done; for a target
 * outside VMX (vcpu_cell_leave()), 1: no cell exists, the caller sends it
 * for real (a create refuses while a CPU is outside VMX), -1: dropped.
 */
int mgmt_init_sipi(struct per_cpu *c, unsigned int cpu, bool sipi, u8 vector)
{
	struct per_cpu *t = &per_cpu[cpu];
	bool root = c->cell == &root_cell;
	int res = 0;

	cell_lock(c);
	if (t->mode == CPU_OFF) {
		res = root && cell_count() == 1 ? 1 : -1;
	} else if (cpu != c->cpu && cpu_cell(cpu) == c->cell) {
		t->sipi_vector = vector;
		if (!sipi && !root)
			t->wait_sipi = true;
		if (mgmt_request(cpu, sipi ? MGMT_SIPI : root ? MGMT_INIT : MGMT_PARK))
			printk("jh: CPU %u does not answer the hypervisor's NMI: the "
			       "%s to it from cell %s is lost\n", cpu,
			       sipi ? "SIPI" : "INIT", c->cell->config->name);
	}
	cell_unlock();
	return res;
}
