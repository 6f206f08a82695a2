// SPDX-License-Identifier: GPL-2.0
/* jh cell start, shutdown and stats */
#include <linux/io.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <asm/msr.h>

#include "jh-driver.h"

int jh_cell_start(struct jh_ioc_cell *req)
{
	struct jh_cell *cell = NULL;
	int err;

	mutex_lock(&jh_drv.lock);
	err = jh_cell_simple(req, JH_HC_CELL_START, "start", &cell);
	/*
	 * Started: the root lost its access to the loadable regions. A start
	 * that failed may have gone part of the way: what the hypervisor now
	 * says the cell is decides (jh_cell_loadable()).
	 */
	if (cell)
		cell->loadable = err >= 0 ? false : jh_cell_loadable(cell);
	mutex_unlock(&jh_drv.lock);
	return err < 0 ? err : 0;
}

int jh_cell_shutdown(struct jh_ioc_cell *req)
{
	int err;

	mutex_lock(&jh_drv.lock);
	err = jh_cell_simple(req, JH_HC_CELL_SHUTDOWN, "shutdown", NULL);
	mutex_unlock(&jh_drv.lock);
	return err < 0 ? err : 0;
}

/* Per-CPU counters, as the hypervisor keeps them; with the lock */
static void jh_cpu_exits(unsigned int cpu, struct jh_ioc_cpu_exits *out)
{
	unsigned int reason;
	long count;

	out->cpu = cpu;
	for (reason = 0; reason < JH_EXIT_REASONS; reason++) {
		count = jh_hypercall(JH_HC_CPU_GET_INFO, cpu,
				     JH_CPU_INFO_STAT_BASE + reason);
		out->count[reason] = count > 0 ? count : 0;
	}
}

/* The root's sum over its CPUs (its counters never reset) */
static void jh_root_sum(struct jh_cell_stats *sum, const struct jh_ioc_cpu_exits *cpus,
			unsigned int n)
{
	unsigned int i, reason;

	for (i = 0; i < n; i++) {
		for (reason = 0; reason < JH_EXIT_REASONS; reason++) {
			sum->per_reason[reason] += cpus[i].count[reason];
			sum->total += cpus[i].count[reason];
		}
	}
	sum->tsc = rdtsc_ordered();
}

int jh_cell_stats(struct jh_ioc_cell_stats *req)
{
	struct jh_ioc_cpu_exits *per_cpu = NULL;
	struct jh_cell_stats *sum;
	unsigned int cpu, n = 0;
	struct jh_cell *cell;
	const struct cpumask *cpus;
	char what[64];
	int err;

	if (req->flags || req->max_cpus > JH_MAX_CPUS || !req->stats) {
		jh_reason(req->reason, "cell stats: flags must be 0, max_cpus at most %d "
			  "and stats set", JH_MAX_CPUS);
		return -EINVAL;
	}
	sum = kzalloc(sizeof(*sum), GFP_KERNEL);
	per_cpu = kcalloc(JH_MAX_CPUS, sizeof(*per_cpu), GFP_KERNEL);
	if (!sum || !per_cpu) {
		err = -ENOMEM;
		jh_reason(req->reason, "cell stats: out of memory");
		goto free;
	}
	mutex_lock(&jh_drv.lock);
	err = jh_require_enabled(req->reason);
	if (err)
		goto unlock;
	if (req->cell_id == 0) {
		cpus = &jh_drv.cpus;
	} else {
		cell = jh_cell_find(req->cell_id);
		if (!cell) {
			jh_reason(req->reason, "cell stats: there is no cell with id %u: "
				  "see 'jh cell list'", req->cell_id);
			err = -ENOENT;
			goto unlock;
		}
		cpus = &cell->cpus;
		snprintf(what, sizeof(what), "cell stats %s", cell->name);
		err = jh_cell_hypercall(JH_HC_CELL_GET_STATS, cell->id,
					virt_to_phys(sum), what, req->reason);
		if (err < 0)
			goto unlock;
	}
	for_each_cpu(cpu, cpus) {
		if (n == JH_MAX_CPUS)
			break;
		jh_cpu_exits(cpu, &per_cpu[n++]);
	}
	if (req->cell_id == 0)
		jh_root_sum(sum, per_cpu, n);
	err = 0;
unlock:
	mutex_unlock(&jh_drv.lock);
	if (err)
		goto free;
	req->num_cpus = n;
	if (copy_to_user(u64_to_user_ptr(req->stats), sum, sizeof(*sum)) ||
	    copy_to_user(u64_to_user_ptr(req->cpus), per_cpu,
			 min(n, req->max_cpus) * sizeof(*per_cpu))) {
		jh_reason(req->reason, "cell stats: bad stats or cpus address");
		err = -EFAULT;
	}
free:
	kfree(sum);
	kfree(per_cpu);
	return err;
}
