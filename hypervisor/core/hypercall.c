// SPDX-License-Identifier: GPL-2.0
/*
 * The hypercalls of include/jh/hypercall.h (the vendor backend's exit
 * handler passes code and arguments; only a guest kernel at CPL 0 gets
 * here). Management calls only from the root cell, one at a time (the
 * management lock), each with a fresh status reason. Other cells may only
 * ring their shared-memory doorbells (shmem.c) and print, the latter only
 * with JH_CELL_VIRTUAL_CONSOLE.
 */
#include "pci.h"

/* Every hypercall in this shape: cell*.c's and shmem.c's directly */
typedef long (*hypercall_fn)(struct per_cpu *c, struct guest_regs *regs, u64 arg1, u64 arg2);

/*
 * Under the management lock, so that no create runs meanwhile; once one
 * CPU left (CPU_OFF) no cell can be created. A root CPU parked offline
 * would stay in VMX with no hypervisor: Linux onlines it first.
 */
static long hc_disable(struct per_cpu *c, struct guest_regs *regs, u64 a1, u64 a2)
{
	unsigned int cpu;

	if (cell_count() > 1)
		return set_status(-EBUSY, "%u cells besides the root exist: destroy them "
				  "first", cell_count() - 1);
	for (cpu = 0; cpu < JH_MAX_CPUS; cpu++) {
		if ((boot.cpu_mask & (1ULL << cpu)) && per_cpu[cpu].mode == CPU_PARKED)
			return set_status(-EBUSY, "CPU %u is offline, parked in the hypervisor: "
					  "bring it online first", cpu);
	}
	printk("jh: CPU %u leaves the hypervisor\n", c->cpu);
	pci_irq_remap(false);	/* the first CPU out: devices reach all memory again */
	c->mode = CPU_OFF;
	cell_unlock();
	leave_from_guest(c, regs);
}

static long hc_get_info(struct per_cpu *c, struct guest_regs *regs, u64 what, u64 a2)
{
	switch (what) {
	case JH_INFO_MEM_POOL_SIZE:
		return pool_size();
	case JH_INFO_MEM_POOL_USED:
		return pool_used();
	case JH_INFO_NUM_CELLS:
		return cell_count();
	default:
		return -EINVAL;
	}
}

static long hc_cpu_get_info(struct per_cpu *c, struct guest_regs *regs, u64 cpu, u64 what)
{
	struct per_cpu *target;

	if (cpu >= JH_MAX_CPUS || !(boot.cpu_mask & (1ULL << cpu)))
		return -EINVAL;
	target = &per_cpu[cpu];
	if (what == JH_CPU_INFO_STATE)
		return target->failed ? JH_CPU_FAILED : JH_CPU_RUNNING;
	if (what >= JH_CPU_INFO_STAT_BASE && what < JH_CPU_INFO_STAT_BASE + JH_EXIT_REASONS)
		return target->exits[what - JH_CPU_INFO_STAT_BASE] & 0x7fffffffffffffffULL;
	return -EINVAL;
}

static long hc_console_putc(struct per_cpu *c, struct guest_regs *regs, u64 ch, u64 a2)
{
	console_putc(ch);
	return 0;
}

static long hc_cell_get_state(struct per_cpu *c, struct guest_regs *regs, u64 id, u64 a2)
{
	return cell_get_state(id);
}

static const hypercall_fn hypercalls[JH_HC_NUM] = {
	[JH_HC_DISABLE]			= hc_disable,
	[JH_HC_CELL_CREATE]		= cell_create,
	[JH_HC_CELL_START]		= cell_start,
	[JH_HC_CELL_SET_LOADABLE]	= cell_set_loadable,
	[JH_HC_CELL_DESTROY]		= cell_destroy,
	[JH_HC_HYPERVISOR_GET_INFO]	= hc_get_info,
	[JH_HC_CELL_GET_STATE]		= hc_cell_get_state,
	[JH_HC_CPU_GET_INFO]		= hc_cpu_get_info,
	[JH_HC_DEBUG_CONSOLE_PUTC]	= hc_console_putc,
	[JH_HC_CELL_SHUTDOWN]		= cell_shutdown,
	[JH_HC_CELL_GET_STATS]		= cell_get_stats,
	[JH_HC_SHMEM_RING]		= shmem_ring,
	[JH_HC_SHMEM_ROOT_IRQ]		= shmem_root_irq,
};

/*
 * Hypercalls that change or read the cells run under the management lock;
 * those that may fail with a reason start with a clear status. GET_STATE
 * (polled by sysfs readers) leaves the status alone.
 */
enum { UNLOCKED, LOCKED, LOCKED_NEW_STATUS };

static const u8 managed[JH_HC_NUM] = {
	[JH_HC_DISABLE] = LOCKED_NEW_STATUS,	/* unlocks before it leaves */
	[JH_HC_CELL_CREATE] = LOCKED_NEW_STATUS,
	[JH_HC_CELL_START] = LOCKED_NEW_STATUS,
	[JH_HC_CELL_SET_LOADABLE] = LOCKED_NEW_STATUS,
	[JH_HC_CELL_DESTROY] = LOCKED_NEW_STATUS,
	[JH_HC_CELL_SHUTDOWN] = LOCKED_NEW_STATUS,
	[JH_HC_CELL_GET_STATS] = LOCKED_NEW_STATUS,
	[JH_HC_CELL_GET_STATE] = LOCKED,
	[JH_HC_SHMEM_ROOT_IRQ] = LOCKED_NEW_STATUS,
};

long hypercall(struct per_cpu *c, struct guest_regs *regs, u64 code, u64 a1, u64 a2)
{
	bool root = c->cell == &root_cell;
	long ret;

	if (code >= JH_HC_NUM || !hypercalls[code])
		return -ENOSYS;
	if (!root && code != JH_HC_SHMEM_RING && (code != JH_HC_DEBUG_CONSOLE_PUTC ||
		      !(c->cell->config->flags & JH_CELL_VIRTUAL_CONSOLE)))
		return -EPERM;
	if (managed[code] == UNLOCKED)
		return hypercalls[code](c, regs, a1, a2);
	cell_lock(c);
	iommu_poll_faults();
	if (managed[code] == LOCKED_NEW_STATUS)
		status_clear();
	ret = hypercalls[code](c, regs, a1, a2);
	if (managed[code] == LOCKED_NEW_STATUS)
		shmem_update();		/* a cell may have gone up or down */
	cell_unlock();
	return ret;
}
