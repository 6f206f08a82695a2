// SPDX-License-Identifier: GPL-2.0
/*
 * Handing CPUs from Linux to a cell and back. A CPU for a cell goes
 * offline in Linux with remove_cpu() and stays a VMX guest in play_dead,
 * so the hypervisor can stop it with an NMI and run the cell on it; the
 * prepare callback (hotplug.c) keeps Linux from onlining it meanwhile.
 * Coming back, add_cpu() restarts it: the hypervisor turns Linux's
 * INIT/SIPI into a start of the CPU as a root guest, whether it was given
 * back by a destroyed cell (parked, waiting for SIPI) or never taken.
 * jh_drv.cpus holds the root's CPUs under the hypervisor, online or not.
 *
 * Called with jh_drv.lock held and without the CPU hotplug lock, which
 * remove_cpu() and add_cpu() take; the hotplug callbacks never take
 * jh_drv.lock.
 */
#include <linux/cpu.h>

#include "jh-driver.h"

static void jh_offline_hint(char *reason, unsigned int cpu, int err)
{
	if (cpu == 0)
		jh_reason(reason, "Linux cannot take CPU 0 offline (error %d): the boot "
			  "CPU stays with the root cell; give the cell other CPUs", err);
	else
		jh_reason(reason, "Linux could not take CPU %u offline (error %d): see "
			  "dmesg (a task or interrupt pinned to it?); nothing was changed",
			  cpu, err);
}

int jh_cpus_hand_over(const struct cpumask *cpus, char *reason)
{
	cpumask_t done;
	unsigned int cpu;
	int err = 0;

	cpumask_clear(&done);
	for_each_cpu(cpu, cpus) {
		if (!cpumask_test_cpu(cpu, &jh_drv.cpus) || !cpu_online(cpu)) {
			jh_reason(reason, "CPU %u is not running Linux under the hypervisor "
				  "(offline, or another cell has it): bring it online or "
				  "destroy the cell that uses it", cpu);
			err = -EBUSY;
			break;
		}
		cpumask_set_cpu(cpu, &jh_drv.cell_cpus);
		err = remove_cpu(cpu);
		if (err) {
			cpumask_clear_cpu(cpu, &jh_drv.cell_cpus);
			jh_offline_hint(reason, cpu, err);
			err = err < 0 ? err : -EBUSY;
			break;
		}
		cpumask_clear_cpu(cpu, &jh_drv.cpus);
		cpumask_set_cpu(cpu, &done);
	}
	if (err)
		jh_cpus_take_back(&done, NULL);
	return err;
}

/*
 * Linux brings the CPUs online again; reason (may be NULL) gets failures.
 * A CPU the hypervisor let out of VMX (its APIC needed an INIT) waits
 * offline while another cell exists; the last destroy brings all of them.
 */
int jh_cpus_take_back(const struct cpumask *cpus, char *reason)
{
	cpumask_t back;
	unsigned int cpu;
	int err = 0, ret;

	cpumask_copy(&back, cpus);
	for_each_cpu(cpu, cpus) {
		cpumask_clear_cpu(cpu, &jh_drv.cell_cpus);
		if (jh_drv.boot->cpu_result[cpu] == 1)
			cpumask_set_cpu(cpu, &jh_drv.cpus);
		else if (!cpumask_test_and_set_cpu(cpu, &jh_drv.left_cpus))
			jh_cpu_released(cpu);
	}
	if (list_empty(&jh_drv.cells))
		cpumask_or(&back, &back, &jh_drv.left_cpus);
	else
		cpumask_andnot(&back, &back, &jh_drv.left_cpus);
	for_each_cpu(cpu, &back) {
		ret = add_cpu(cpu);
		if (ret < 0) {
			pr_err("jh: CPU %u did not come back online in Linux (error %d)\n",
			       cpu, ret);
			if (!err && reason)
				jh_reason_append(reason, "; CPU %u did not come back online "
						 "in Linux (error %d): see dmesg, then try "
						 "'echo 1 > /sys/devices/system/cpu/cpu%u/online'",
						 cpu, ret, cpu);
			err = err ? err : ret;
		}
	}
	return err;
}
