// SPDX-License-Identifier: GPL-2.0
/*
 * CPU hotplug while the hypervisor runs: a CPU going offline leaves the
 * hypervisor first (Linux then parks it itself), and a CPU coming online
 * enters it from its first hotplug callback. So no CPU ever waits for a
 * SIPI inside VMX, which Bochs does not emulate correctly.
 *
 * CPUs handed to a cell (jh_drv.cell_cpus, cell-cpus.c) are different:
 * they go offline as VMX guests, so the hypervisor can take them, and
 * Linux may not bring them online while a cell has them.
 *
 * The callbacks must not take jh_drv.lock: enable, disable and the cell
 * ioctls hold it while they wait for the CPU hotplug lock. Enable and
 * disable register and unregister the callbacks with that lock held, so
 * no hotplug runs concurrently.
 */
#include <linux/cpuhotplug.h>
#include <linux/irqflags.h>

#include "jh-driver.h"

static int jh_hotplug_state = -1;
static int jh_prepare_state = -1;

/* On the CPU that brings `cpu` up, before it is started */
static int jh_cpu_prepare(unsigned int cpu)
{
	if (!cpumask_test_cpu(cpu, &jh_drv.cell_cpus))
		return 0;
	pr_warn("jh: CPU %u belongs to a cell: it comes back online when the cell "
		"is destroyed (jh cell destroy)\n", cpu);
	return -EBUSY;
}

static int jh_cpu_online(unsigned int cpu)
{
	unsigned long flags;
	int result;

	/*
	 * Back from a cell: still a guest if the hypervisor never took it
	 * (cpu_result 1), else it left VMX there (cpu_result 0) and enters
	 * again like any CPU coming online.
	 */
	if (cpumask_test_and_clear_cpu(cpu, &jh_drv.vmx_offline)) {
		if (jh_drv.boot->cpu_result[cpu] == 1) {
			cpumask_set_cpu(cpu, &jh_drv.cpus);
			return 0;
		}
		jh_cpu_released(cpu);
	}
	local_irq_save(flags);
	jh_enter_cpu(NULL);
	result = jh_drv.boot->cpu_result[cpu];
	local_irq_restore(flags);
	if (result != 1) {
		pr_err("jh: CPU %u came online but could not enter the hypervisor "
		       "(error %d): %.*s\n", cpu, result, JH_REASON_SIZE,
		       jh_drv.boot->status.reason);
		return -EIO;
	}
	cpumask_set_cpu(cpu, &jh_drv.cpus);
	return 0;
}

static int jh_cpu_offline(unsigned int cpu)
{
	unsigned long flags;

	if (cpumask_test_cpu(cpu, &jh_drv.cell_cpus)) {
		/* for a cell: Linux parks it as a guest, the hypervisor takes it */
		cpumask_set_cpu(cpu, &jh_drv.vmx_offline);
		cpumask_clear_cpu(cpu, &jh_drv.cpus);
		return 0;
	}
	local_irq_save(flags);
	jh_leave_cpu(NULL);
	local_irq_restore(flags);
	if (jh_drv.boot->cpu_result[cpu] == 1) {
		pr_err("jh: CPU %u could not leave the hypervisor\n", cpu);
		return -EBUSY;
	}
	cpumask_clear_cpu(cpu, &jh_drv.cpus);
	return 0;
}

int jh_hotplug_register(char *reason)
{
	int state;

	state = cpuhp_setup_state_nocalls_cpuslocked(CPUHP_BP_PREPARE_DYN, "jh:prepare",
						     jh_cpu_prepare, NULL);
	if (state < 0) {
		jh_reason(reason, "cannot register CPU hotplug callbacks (error %d)",
			  state);
		return state;
	}
	jh_prepare_state = state;
	state = cpuhp_setup_state_nocalls_cpuslocked(CPUHP_AP_ONLINE_DYN, "jh:online",
						     jh_cpu_online, jh_cpu_offline);
	if (state < 0) {
		jh_reason(reason, "cannot register CPU hotplug callbacks (error %d)",
			  state);
		jh_hotplug_unregister();
		return state;
	}
	jh_hotplug_state = state;
	return 0;
}

void jh_hotplug_unregister(void)
{
	if (jh_hotplug_state >= 0)
		cpuhp_remove_state_nocalls_cpuslocked(jh_hotplug_state);
	if (jh_prepare_state >= 0)
		cpuhp_remove_state_nocalls_cpuslocked(jh_prepare_state);
	jh_hotplug_state = -1;
	jh_prepare_state = -1;
}
