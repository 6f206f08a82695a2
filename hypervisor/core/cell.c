// SPDX-License-Identifier: GPL-2.0
/*
 * The cell table and what is asked of it without changing it: lookups,
 * the management lock, states, exit statistics, and a cell's failure.
 */
#include <format.h>

#include "hv.h"

struct cell *cells[MAX_CELLS];
static spinlock_t mgmt_lock;

/* The holder may be waiting for this CPU's acknowledgement: answer it */
void cell_lock(struct per_cpu *c)
{
	while (__atomic_exchange_n(&mgmt_lock.locked, 1, __ATOMIC_ACQUIRE)) {
		mgmt_check(c);
		cpu_relax();
	}
}

void cell_unlock(void)
{
	spin_unlock(&mgmt_lock);
}

struct cell *cpu_cell(unsigned int cpu)
{
	unsigned int i;

	for (i = 1; i < MAX_CELLS; i++)
		if (cells[i] && cpu < 64 && (cells[i]->cpus & (1ULL << cpu)))
			return cells[i];
	return &root_cell;
}

unsigned int cell_count(void)
{
	unsigned int i, n = 1;

	for (i = 1; i < MAX_CELLS; i++)
		n += cells[i] != NULL;
	return n;
}

/* A non-root cell by id, or NULL with the reason; what: "started" etc. */
struct cell *cell_get(u64 id, const char *what)
{
	if (id == 0) {
		set_status(-EINVAL, "the root cell (id 0) cannot be %s", what);
		return NULL;
	}
	if (id >= MAX_CELLS || !cells[id]) {
		set_status(-ESRCH, "there is no cell with id %lu: 'jh cell list' shows "
			   "the cells", id);
		return NULL;
	}
	return cells[id];
}

/* req to each CPU of the cell in turn; -EIO with the reason if one is mute */
int cell_request_cpus(struct cell *cell, u32 req)
{
	u64 cpu;

	for (cpu = 0; cpu < JH_MAX_CPUS; cpu++)
		if ((cell->cpus & (1ULL << cpu)) && mgmt_request(cpu, req))
			return set_status(-EIO, "CPU %lu of cell %s does not answer the "
					  "hypervisor's NMI (see 'jh console')", cpu,
					  cell->config->name);
	return 0;
}

long cell_get_state(u64 id)
{
	struct cell *cell;
	u32 s;

	if (id == 0)
		return JH_CELL_RUNNING;
	if (id >= MAX_CELLS || !(cell = cells[id]))
		return -ESRCH;
	/* a running inmate may report itself locked, shut down or failed */
	s = cell->comm->cell_state;
	if (cell->state == JH_CELL_RUNNING &&
	    (s == JH_CELL_RUNNING_LOCKED || s == JH_CELL_SHUT_DOWN || s == JH_CELL_FAILED))
		return s;
	return cell->state;
}

/* Into the root's buffer, which must be its own writable RAM (root_copy) */
long cell_get_stats(struct per_cpu *c, struct guest_regs *r, u64 id, u64 stats_gpa)
{
	struct jh_cell_stats st;
	struct cell *cell = id ? cell_get(id, "asked for statistics") : &root_cell;
	unsigned int cpu, reason;

	if (!cell)
		return -ESRCH;
	memset(&st, 0, sizeof(st));
	for (cpu = 0; cpu < JH_MAX_CPUS; cpu++) {
		if (!(boot.cpu_mask & (1ULL << cpu)) || cpu_cell(cpu) != cell ||
		    (cell == &root_cell && per_cpu[cpu].mode != CPU_ROOT))
			continue;
		st.total += per_cpu[cpu].exits_total;
		for (reason = 0; reason < JH_EXIT_REASONS; reason++)
			st.per_reason[reason] += per_cpu[cpu].exits[reason];
	}
	st.tsc = rdtsc();
	if (root_copy(stats_gpa, &st, sizeof(st), true))
		return set_status(-EINVAL, "statistics buffer 0x%lx+0x%lx is not "
				  "writable RAM of the root cell (a cell's, the "
				  "hypervisor's or device memory): the driver must pass "
				  "its own buffer", stats_gpa, sizeof(st));
	return 0;
}

/*
 * A cell broke its isolation or crashed: tell the console, mark it failed
 * (the root cell and the other cells go on), stop all its CPUs.
 */
void cell_fail(struct per_cpu *c, const char *fmt, ...)
{
	struct cell *cell = c->cell;
	struct vcpu_state st;
	char what[192];
	unsigned int cpu;
	jh_va_list ap;

	jh_va_start(ap, fmt);
	jh_vsnprintf(what, sizeof(what), fmt, ap);
	jh_va_end(ap);
	vcpu_get_state(&st);
	if (cell == &root_cell) {
		printk("FATAL: CPU %u of the root cell: %s (RIP 0x%lx)\n", c->cpu, what,
		       st.rip);
		cpu_park();
	}
	printk("jh: cell %s failed on CPU %u: %s (RIP 0x%lx)\n", cell->config->name,
	       c->cpu, what, st.rip);
	cell->state = JH_CELL_FAILED;
	cell->comm->cell_state = JH_CELL_FAILED;
	cell_lock(c);
	shmem_update();		/* its peers learn it, by doorbell too */
	cell_unlock();
	for (cpu = 0; cpu < JH_MAX_CPUS; cpu++)
		if (cpu != c->cpu && (cell->cpus & (1ULL << cpu)))
			mgmt_request_async(cpu, MGMT_PARK);
	mgmt_park(c);
}

/*
 * A cell's CPU stopped itself for good (it halted with its APIC
 * software-disabled, as a cell's Linux does at halt, power-off and
 * panic): it parks, and once every CPU of the cell is parked the cell is
 * shut down, or failed if it said so in its comm region.
 */
void cell_cpu_stopped(struct per_cpu *c)
{
	struct cell *cell = c->cell;
	unsigned int cpu;

	c->mode = CPU_PARKED;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	for (cpu = 0; cpu < JH_MAX_CPUS; cpu++)
		if ((cell->cpus & (1ULL << cpu)) && per_cpu[cpu].mode != CPU_PARKED)
			break;
	if (cpu == JH_MAX_CPUS && cell->state == JH_CELL_RUNNING) {
		/* an inmate that reported itself failed before it stopped stays failed */
		cell->state = cell->comm->cell_state == JH_CELL_FAILED ?
			      JH_CELL_FAILED : JH_CELL_SHUT_DOWN;
		cell->comm->cell_state = cell->state;
		printk("jh: cell %s %s: all its CPUs stopped\n", cell->config->name,
		       cell->state == JH_CELL_FAILED ? "failed (it said so)" : "shut down");
	}
	mgmt_park(c);
}
