// SPDX-License-Identifier: GPL-2.0
/*
 * jh enable / disable: check everything that can be checked in Linux, load
 * the hypervisor into its reserved memory and send every online CPU into
 * it; on any failure undo all of it and say why.
 */
#include <linux/cpu.h>
#include <linux/ioport.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <asm/special_insns.h>
#include <asm/tsc.h>

#include <config-check.h>
#include <jh/config-walk.h>

#include "host-check.h"
#include "jh-driver.h"

struct jh_check_ctx {
	char *reason;
	unsigned int errors;
};

static void jh_report_finding(const struct jh_finding *f, void *opaque)
{
	struct jh_check_ctx *ctx = opaque;

	if (f->severity != JH_SEV_ERROR)
		return;
	/* the first error is the one the user gets */
	if (!ctx->errors++)
		jh_finding_format(ctx->reason, JH_IOCTL_REASON, f);
}

static struct jh_system *jh_config_copy(const void __user *config, u32 size,
					char *reason)
{
	struct jh_config_blob blob = { .file = "system config", .size = size };
	struct jh_check_ctx ctx = { .reason = reason };
	struct jh_system *sys;

	sys = memdup_user(config, size);
	if (IS_ERR(sys)) {
		jh_reason(reason, "enable: cannot read the config from user memory");
		return sys;
	}
	blob.data = sys;
	if (jh_check_system(&blob, jh_report_finding, &ctx, NULL)) {
		kfree(sys);
		return ERR_PTR(-EINVAL);
	}
	return sys;
}

/* Paging mode, CPU count and RAM the hypervisor can handle (host-check.h) */
static int jh_check_host(char *reason)
{
	struct jh_host_facts facts = {
		.cr4 = __read_cr4(),
		.possible_cpus = nr_cpu_ids,
		/* up to the 52-bit physical address limit */
		.ram_above_limit = region_intersects(JH_DIRECT_MAP_LIMIT,
						     (1ULL << 52) - JH_DIRECT_MAP_LIMIT,
						     IORESOURCE_SYSTEM_RAM,
						     IORES_DESC_NONE) != REGION_DISJOINT,
	};

	return jh_host_check(&facts, reason, JH_IOCTL_REASON);
}

/* The root cell must be exactly the online CPUs: no CPU may escape */
static int jh_check_cpus(const struct jh_system *sys, char *reason)
{
	const struct jh_cell_desc *root = jh_sys_root_cell(sys);
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		bool in_root = jh_cell_has_cpu(root, cpu);

		if (cpu >= JH_MAX_CPUS && cpu_online(cpu)) {
			jh_reason(reason, "CPU %u is online but jh supports CPUs 0..%d only",
				  cpu, JH_MAX_CPUS - 1);
			return -E2BIG;
		}
		if (in_root && !cpu_online(cpu)) {
			jh_reason(reason, "CPU %u of the root cell is offline: bring it online "
				  "(echo 1 > /sys/devices/system/cpu/cpu%u/online) first",
				  cpu, cpu);
			return -EBUSY;
		}
		if (!in_root && cpu_online(cpu)) {
			jh_reason(reason, "CPU %u is online but not in the root cell's "
				  "cpu_set: add it to the system config", cpu);
			return -EINVAL;
		}
	}
	return 0;
}

static atomic_t jh_entered;

void jh_enter_cpu(void *unused)
{
	struct jh_hv_boot *boot = jh_drv.boot;
	const struct jh_hv_header *hdr = jh_drv.hv;
	unsigned int cpu = smp_processor_id();
	long ret;

	jh_capture_cpu_state(&boot->cpu[cpu]);
	ret = jh_tramp_enter(cpu, jh_drv.hv_phys + boot->tables_offset, hdr->entry);
	if (ret == 0)
		atomic_inc(&jh_entered);
	else if (boot->cpu_result[cpu] >= 0)
		boot->cpu_result[cpu] = ret;
}

static void jh_leave_cpu(void *unused)
{
	struct jh_hv_boot *boot = jh_drv.boot;
	unsigned int cpu = smp_processor_id();

	if (boot->cpu_result[cpu] != 1)
		return;
	if (jh_hypercall(JH_HC_DISABLE, 0, 0) == 0) {
		boot->cpu_result[cpu] = 0;
		atomic_dec(&jh_entered);
	}
}

/* The hypervisor let this CPU leave VMX from a cell, not jh_leave_cpu() */
void jh_cpu_released(unsigned int cpu)
{
	atomic_dec(&jh_entered);
}

static void jh_save_console(void)
{
	if (!jh_drv.console_copy)
		jh_drv.console_copy = kmalloc(sizeof(*jh_drv.console_copy),
					      GFP_KERNEL);
	if (jh_drv.console_copy && jh_drv.boot)
		memcpy(jh_drv.console_copy, &jh_drv.boot->console,
		       sizeof(*jh_drv.console_copy));
}

static void jh_boot_fill(const struct jh_system *sys, u32 config_size)
{
	struct jh_hv_boot *boot = jh_drv.boot;
	unsigned int cpu;

	boot->phys_base = jh_drv.hv_phys;
	boot->mem_size = jh_drv.hv_size;
	boot->config_size = config_size;
	boot->linux_base = (u64)jh_drv.hv;
	boot->tramp_resume = (u64)jh_tramp_resume;
	boot->tramp_entry_return = (u64)jh_tramp_entry_return;
	boot->tsc_khz = sys->platform.tsc_khz ? sys->platform.tsc_khz : tsc_khz;
	/* Linux does not export its APIC timer rate: 0 = unknown */
	boot->apic_khz = sys->platform.apic_khz;
	boot->cpu_mask = 0;
	boot->num_cpus = 0;
	for_each_online_cpu(cpu) {
		boot->cpu_mask |= 1ULL << cpu;
		boot->num_cpus++;
	}
}

/* Sends every online CPU in; on failure takes the others back out */
static int jh_enter_all(char *reason)
{
	struct jh_hv_boot *boot = jh_drv.boot;
	unsigned int cpu;
	int err = 0;

	atomic_set(&jh_entered, 0);
	on_each_cpu(jh_enter_cpu, NULL, 1);
	for_each_online_cpu(cpu) {
		if (boot->cpu_result[cpu] == 1)
			continue;
		err = boot->cpu_result[cpu] ? boot->cpu_result[cpu] : -EIO;
		break;
	}
	if (!err) {
		cpumask_copy(&jh_drv.cpus, cpu_online_mask);
		return 0;
	}
	if (boot->status.reason[0])
		jh_reason(reason, "%.*s", JH_REASON_SIZE, boot->status.reason);
	else
		jh_reason(reason, "CPU %u did not enter the hypervisor (error %d); "
			  "see jh console", cpu, err);
	on_each_cpu(jh_leave_cpu, NULL, 1);
	if (atomic_read(&jh_entered)) {
		/* cannot happen unless a hypercall failed: keep memory claimed */
		pr_crit("jh: %d CPUs still in the hypervisor after a failed enable\n",
			atomic_read(&jh_entered));
		return -EIO;
	}
	return err;
}

int jh_enable(const void __user *config, u32 size, char *reason)
{
	struct jh_system *sys;
	int err;

	mutex_lock(&jh_drv.lock);
	/* first: once enabled, CPUID no longer shows VMX to Linux */
	if (jh_drv.enabled) {
		jh_reason(reason, "the hypervisor is already enabled: run 'jh disable' first");
		mutex_unlock(&jh_drv.lock);
		return -EBUSY;
	}
	err = jh_vmx_check(reason);
	if (!err)
		err = jh_check_host(reason);
	if (err) {
		mutex_unlock(&jh_drv.lock);
		return err;
	}
	sys = jh_config_copy(config, size, reason);
	if (IS_ERR(sys)) {
		mutex_unlock(&jh_drv.lock);
		return PTR_ERR(sys);
	}

	cpus_read_lock();
	err = jh_check_cpus(sys, reason);
	if (err)
		goto out;
	err = jh_hv_memory_claim(sys, reason);
	if (err)
		goto out;
	err = jh_hv_image_load(reason);
	if (err)
		goto release;
	jh_drv.boot->config_offset =
		PAGE_ALIGN(((struct jh_hv_header *)jh_drv.hv)->core_size);
	if (jh_drv.boot->config_offset + size > jh_drv.hv_size) {
		jh_reason(reason, "hypervisor memory (%lluM) is too small for jh.bin and the config",
			  jh_drv.hv_size >> 20);
		err = -ENOSPC;
		goto release;
	}
	memcpy(jh_drv.hv + jh_drv.boot->config_offset, sys, size);
	jh_drv.boot->tables_offset = PAGE_ALIGN(jh_drv.boot->config_offset + size);
	jh_boot_fill(sys, size);
	err = jh_hv_tables_build(sys, reason);
	if (err)
		goto release;
	err = jh_enter_all(reason);
	if (err == -EIO && atomic_read(&jh_entered))
		goto out;	/* not safe to give the memory back */
	if (err)
		goto release;
	err = jh_hotplug_register(reason);
	if (err) {
		on_each_cpu(jh_leave_cpu, NULL, 1);
		goto release;
	}
	jh_drv.sys_flags = sys->flags;
	/* kept: cells are checked against it, `jh cell` reads it back */
	jh_drv.sys_config = sys;
	jh_drv.sys_config_size = size;
	sys = NULL;
	jh_drv.enabled = true;
	jh_shmem_start();
	__module_get(THIS_MODULE);
	pr_info("jh: hypervisor enabled on %u CPUs\n", cpumask_weight(&jh_drv.cpus));
	goto out;

release:
	jh_save_console();
	jh_hv_memory_release();
out:
	cpus_read_unlock();
	mutex_unlock(&jh_drv.lock);
	kfree(sys);
	return err;
}

/*
 * The root's offline CPUs are VMX guests in play_dead, parked in the
 * hypervisor, or halted in its memory (left_cpus): they come online first,
 * so that every CPU leaves VMX through JH_HC_DISABLE and none stays in
 * memory that is about to be released.
 * Called without the CPU hotplug lock, which add_cpu() takes.
 */
static int jh_online_root_cpus(cpumask_t *onlined, char *reason)
{
	cpumask_t all;
	unsigned int cpu;
	int err;

	cpumask_clear(onlined);
	cpumask_or(&all, &jh_drv.cpus, &jh_drv.left_cpus);
	for_each_cpu(cpu, &all) {
		if (cpu_online(cpu))
			continue;
		err = add_cpu(cpu);
		if (err) {
			jh_reason(reason, "CPU %u is offline under the hypervisor and did "
				  "not come online for the disable (error %d): see dmesg "
				  "and jh console", cpu, err);
			return err;
		}
		cpumask_set_cpu(cpu, onlined);
	}
	return 0;
}

int jh_disable(char *reason)
{
	cpumask_t onlined;
	unsigned int cpu;
	bool links_stopped = false;
	int err = 0;

	mutex_lock(&jh_drv.lock);
	if (!jh_drv.enabled) {
		jh_reason(reason, "the hypervisor is not enabled");
		err = -EINVAL;
		goto unlock;
	}
	if (!list_empty(&jh_drv.cells)) {
		struct jh_cell *cell = list_first_entry(&jh_drv.cells, struct jh_cell,
							entry);

		jh_reason(reason, "cell %s still exists: destroy cell %s first "
			  "(jh cell destroy %s)", cell->name, cell->name, cell->name);
		err = -EBUSY;
		goto unlock;
	}
	jh_shmem_stop();	/* no more doorbells, nor rings without hypervisor */
	links_stopped = true;
	err = jh_online_root_cpus(&onlined, reason);
	if (err)
		goto offline_again;
	cpus_read_lock();
	for_each_cpu(cpu, &jh_drv.cpus) {
		if (!cpu_online(cpu)) {
			jh_reason(reason, "CPU %u went offline during the disable: try "
				  "again", cpu);
			err = -EBUSY;
			goto out;
		}
	}
	links_stopped = false;	/* CPUs leave: no hypercall from here on */
	on_each_cpu(jh_leave_cpu, NULL, 1);
	if (atomic_read(&jh_entered)) {
		jh_reason(reason, "%d CPUs refused to leave the hypervisor: %.*s",
			  atomic_read(&jh_entered), JH_REASON_SIZE,
			  jh_drv.boot->status.reason);
		err = -EBUSY;
		goto out;
	}
	jh_hotplug_unregister();
	jh_drv.enabled = false;
	cpumask_clear(&jh_drv.cpus);
	cpumask_clear(&jh_drv.left_cpus);
	kfree(jh_drv.sys_config);
	jh_drv.sys_config = NULL;
	jh_save_console();
	jh_hv_memory_release();
	module_put(THIS_MODULE);
	pr_info("jh: hypervisor disabled\n");
out:
	cpus_read_unlock();
offline_again:
	/* as the user had them (natively now, or still under the hypervisor) */
	for_each_cpu(cpu, &onlined)
		remove_cpu(cpu);
unlock:
	if (err && links_stopped)
		jh_shmem_start();	/* the hypervisor stays: so do its links */
	mutex_unlock(&jh_drv.lock);
	return err;
}
