// SPDX-License-Identifier: GPL-2.0
/*
 * CPU hotplug while the hypervisor runs: a CPU going offline leaves the
 * hypervisor first (Linux then parks it itself), and a CPU coming online
 * enters it from its first hotplug callback. So no CPU ever waits for a
 * SIPI inside VMX, which Bochs does not emulate correctly.
 *
 * The callbacks must not take jh_drv.lock: enable and disable hold it
 * while they wait for the CPU hotplug lock. They register and unregister
 * the callbacks with that lock held, so no hotplug runs concurrently.
 */
#include <linux/cpuhotplug.h>
#include <linux/irqflags.h>

#include "jh-driver.h"

static int jh_hotplug_state = -1;

static int jh_cpu_online(unsigned int cpu)
{
	unsigned long flags;
	int result;

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

	state = cpuhp_setup_state_nocalls_cpuslocked(CPUHP_AP_ONLINE_DYN, "jh:online",
						     jh_cpu_online, jh_cpu_offline);
	if (state < 0) {
		jh_reason(reason, "cannot register CPU hotplug callbacks (error %d)",
			  state);
		return state;
	}
	jh_hotplug_state = state;
	return 0;
}

void jh_hotplug_unregister(void)
{
	if (jh_hotplug_state >= 0)
		cpuhp_remove_state_nocalls_cpuslocked(jh_hotplug_state);
	jh_hotplug_state = -1;
}
