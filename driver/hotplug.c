// SPDX-License-Identifier: GPL-2.0
/*
 * CPU hotplug while the hypervisor runs. Every CPU Linux had at enable
 * stays under the hypervisor until disable, online or not: going offline
 * it parks in Linux's play_dead as a VMX guest, and coming online it is
 * started by the hypervisor from Linux's INIT/SIPI, which never reach a
 * real APIC (hypervisor/x86/apic.c). So the prepare callback only refuses
 * CPUs that must not come online:
 *
 * - CPUs handed to a cell (jh_drv.cell_cpus, cell-cpus.c), until the cell
 *   is destroyed;
 * - CPUs that were offline at enable: the hypervisor drops INIT/SIPI to
 *   them (they would run Linux outside its control), so Linux would only
 *   time out;
 * - CPUs a destroyed cell gave back outside VMX (jh_drv.left_cpus: their
 *   APIC needed an INIT to leave x2APIC mode, as in Bochs) while another
 *   cell exists: they would run Linux natively beside it. Once no cell
 *   exists the real INIT/SIPI reaches them, and the online callback sends
 *   them into the hypervisor again.
 *
 * The callbacks must not take jh_drv.lock: enable, disable and the cell
 * ioctls hold it while they wait for the CPU hotplug lock. Enable and
 * disable register and unregister them with that lock held, so no hotplug
 * runs concurrently.
 */
#include <linux/cpuhotplug.h>
#include <linux/irqflags.h>

#include "jh-driver.h"

static int jh_prepare_state = -1;
static int jh_online_state = -1;

/* On the CPU that brings `cpu` up, before it is started */
static int jh_cpu_prepare(unsigned int cpu)
{
	if (cpumask_test_cpu(cpu, &jh_drv.cell_cpus)) {
		pr_warn("jh: CPU %u belongs to a cell: it comes back online when the "
			"cell is destroyed (jh cell destroy)\n", cpu);
		return -EBUSY;
	}
	if (cpu >= JH_MAX_CPUS || !(jh_drv.boot->cpu_mask & (1ULL << cpu))) {
		pr_warn("jh: CPU %u was offline when the hypervisor was enabled: it can "
			"come online only after 'jh disable'\n", cpu);
		return -EBUSY;
	}
	if (cpumask_test_cpu(cpu, &jh_drv.left_cpus) && !list_empty(&jh_drv.cells)) {
		pr_warn("jh: CPU %u is outside the hypervisor (its APIC needs an INIT): "
			"it comes back online when the last cell is destroyed\n", cpu);
		return -EBUSY;
	}
	return 0;
}

/* A CPU back from a cell outside VMX enters the hypervisor again */
static int jh_cpu_online(unsigned int cpu)
{
	unsigned long flags;
	int result;

	if (!cpumask_test_cpu(cpu, &jh_drv.left_cpus))
		return 0;
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
	cpumask_clear_cpu(cpu, &jh_drv.left_cpus);
	cpumask_set_cpu(cpu, &jh_drv.cpus);
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
						     jh_cpu_online, NULL);
	if (state < 0) {
		jh_reason(reason, "cannot register CPU hotplug callbacks (error %d)",
			  state);
		jh_hotplug_unregister();
		return state;
	}
	jh_online_state = state;
	return 0;
}

void jh_hotplug_unregister(void)
{
	if (jh_online_state >= 0)
		cpuhp_remove_state_nocalls_cpuslocked(jh_online_state);
	if (jh_prepare_state >= 0)
		cpuhp_remove_state_nocalls_cpuslocked(jh_prepare_state);
	jh_online_state = -1;
	jh_prepare_state = -1;
}
