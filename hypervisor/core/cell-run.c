// SPDX-License-Identifier: GPL-2.0
/*
 * Running a cell: making it loadable (its CPUs parked, LOADABLE regions
 * back in the root cell for the driver to write), starting it (the
 * regions taken again, the comm region set up, each CPU reset to the
 * config's cpu_reset_address) and shutting it down through its comm
 * region, which a cell may refuse while it runs locked.
 */
#include <config-names.h>

#include "hv.h"

#define DEFAULT_REPLY_MS	100
#define MAX_REPLY_MS		1000	/* the asking root CPU waits in here */

/* 0: the cell may be stopped (it agreed, or cannot answer) */
static int ask_shutdown(struct cell *cell)
{
	struct jh_comm_region *comm = cell->comm;
	const char *name = cell->config->name;
	u64 ms = cell->config->msg_reply_timeout ? : DEFAULT_REPLY_MS;
	u64 deadline;
	u32 reply;

	if (ms > MAX_REPLY_MS)
		ms = MAX_REPLY_MS;
	deadline = rdtsc() + ms_to_tsc(ms);

	if (cell->state != JH_CELL_RUNNING ||
	    (cell->config->flags & JH_CELL_PASSIVE_COMMREG) ||
	    comm->cell_state == JH_CELL_FAILED || comm->cell_state == JH_CELL_SHUT_DOWN)
		return 0;
	comm->reply_from_cell = JH_MSG_REPLY_NONE;
	__atomic_store_n(&comm->msg_to_cell, JH_MSG_SHUTDOWN_REQUEST, __ATOMIC_RELEASE);
	while ((reply = comm->reply_from_cell) == JH_MSG_REPLY_NONE && rdtsc() < deadline)
		cpu_relax();
	comm->msg_to_cell = JH_MSG_NONE;
	if (reply == JH_MSG_REQUEST_APPROVED)
		return 0;
	if (reply == JH_MSG_REQUEST_DENIED)
		return set_status(-EPERM, "cell %s refused the shutdown request (it is "
				  "running locked); it must unlock first, or destroy it",
				  name);
	return set_status(-ETIMEDOUT, "cell %s did not answer the shutdown request "
			  "within %lu ms (msg_reply_timeout): destroy it instead", name, ms);
}

/* Asks the cell, then parks its CPUs */
static int cell_stop(struct cell *cell)
{
	return ask_shutdown(cell) ? : cell_request_cpus(cell, MGMT_PARK);
}

long cell_shutdown(struct per_cpu *c, struct guest_regs *r, u64 id, u64 a2)
{
	struct cell *cell = cell_get(id, "shut down");
	int err;

	if (!cell)
		return boot.status.last_error;
	if (cell->state == JH_CELL_CREATED || cell->state == JH_CELL_SHUT_DOWN)
		return 0;	/* nothing runs */
	err = cell_stop(cell);
	if (err)
		return err;
	if (cell->state != JH_CELL_FAILED) {
		cell->state = JH_CELL_SHUT_DOWN;
		cell->comm->cell_state = JH_CELL_SHUT_DOWN;
	}
	printk("jh: cell %s shut down\n", cell->config->name);
	return 0;
}

/*
 * Stops the cell and maps its loadable regions into the root (zeroed if
 * the cell ran since: nothing of the cell reaches the root). If the root
 * cannot get them all, the cell keeps them and stays stopped.
 */
long cell_set_loadable(struct per_cpu *c, struct guest_regs *r, u64 id, u64 a2)
{
	struct cell *cell = cell_get(id, "loaded");
	int err;

	if (!cell)
		return boot.status.last_error;
	err = cell_stop(cell);
	if (err)
		return err;
	cell->state = JH_CELL_CREATED;
	if (cell->loadable)
		return 0;
	err = cell->started ? cell_scrub(cell, true) : 0;
	if (err)
		return err;
	cell->started = false;
	err = cell_return_to_root(cell, true);
	if (err) {
		/* the merged tables back to the pool first: the splits need them */
		mgmt_flush_root_ept();
		if (!cell_take_from_root(cell, true))
			mgmt_flush_root_ept();
		return set_status(err, "out of hypervisor memory to map cell %s's "
				  "loadable regions into the root cell: the cell keeps "
				  "them, stopped; " MORE_MEMORY, cell->config->name);
	}
	cell->loadable = true;
	return 0;
}

static void comm_init(struct cell *cell)
{
	struct jh_comm_region *comm = cell->comm;
	const struct jh_cell_desc *cfg = cell->config;
	u64 cpus;

	memset(comm, 0, PAGE_SIZE);	/* no message, no reply */
	memcpy(comm->signature, JH_COMM_SIGNATURE, JH_SIGNATURE_SIZE);
	comm->revision = JH_COMM_REVISION;
	comm->cell_state = JH_CELL_RUNNING;
	comm->flags = cfg->flags;
	for (cpus = cell->cpus; cpus; cpus &= cpus - 1)
		comm->num_cpus++;
	comm->tsc_khz = boot.tsc_khz;
	comm->apic_khz = boot.apic_khz;
	comm->pm_timer_port = sys_config->platform.pm_timer_port;
	comm->console = cfg->console;
}

long cell_start(struct per_cpu *c, struct guest_regs *r, u64 id, u64 a2)
{
	struct cell *cell = cell_get(id, "started");
	char list[64];
	long state;
	int err;

	if (!cell)
		return boot.status.last_error;
	/* an inmate that reported itself shut down or failed may be restarted */
	state = cell_get_state(id);
	if (state == JH_CELL_RUNNING || state == JH_CELL_RUNNING_LOCKED)
		return set_status(-EBUSY, "cell %s runs already: shut it down first",
				  cell->config->name);
	err = cell_request_cpus(cell, MGMT_PARK);
	if (err)
		return err;
	if (cell->loadable) {
		/* the root must not keep writing into a running cell */
		err = cell_take_from_root(cell, true);
		if (!err && mgmt_flush_root_ept()) {
			err = -EIO;	/* a root CPU may still write: give them back */
			cell_return_to_root(cell, true);
		}
		if (err)
			return err;
		cell->loadable = false;
	}
	cell->started = true;
	comm_init(cell);
	cell->state = JH_CELL_RUNNING;
	err = cell_request_cpus(cell, MGMT_START);
	if (err) {
		cell->state = JH_CELL_FAILED;
		cell_request_cpus(cell, MGMT_PARK);
		return err;
	}
	jh_format_cpu_set(list, sizeof(list), &cell->cpus, 64);
	printk("jh: cell %s started on CPUs %s at 0x%lx\n", cell->config->name, list,
	       cell->config->cpu_reset_address);
	return 0;
}
