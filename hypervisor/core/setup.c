// SPDX-License-Identifier: GPL-2.0
/*
 * CPU entry from the driver's trampoline. The first CPU in sets up what
 * all share (console, page pool, the root cell); every CPU then turns VMX
 * on and resumes Linux as its guest. Any failure sends the CPU straight
 * back to Linux with the reason in boot.status.
 */
#include <config-check.h>

#include "hv.h"
#include "pci.h"

const struct jh_system *sys_config;
static spinlock_t init_lock;
static int init_state;	/* 0: not yet, 1: done, < 0: failed */

/* The validator's errors become the status reason (the first one wins) */
void report_finding(const struct jh_finding *f, void *opaque)
{
	char line[2 * JH_FINDING_TEXT];

	if (f->severity != JH_SEV_ERROR)
		return;
	jh_finding_format(line, sizeof(line), f);
	set_status(-EINVAL, "%s", line);
}

static int global_init(void)
{
	struct jh_config_blob blob = { .file = "system config", .size = boot.config_size };

	sys_config = hv_phys_to_virt(boot.phys_base + boot.config_offset);
	console_init(&sys_config->debug_console);
	printk("\njh: hypervisor starting on %u CPUs, memory 0x%lx+%luM\n",
	       boot.num_cpus, boot.phys_base, boot.mem_size >> 20);
	/* the driver checked it too, but the hypervisor trusts nobody */
	blob.data = sys_config;
	if (jh_check_system(&blob, report_finding, NULL, NULL))
		return -EINVAL;
	if (sys_config->flags & JH_SYS_NO_DMA_ISOLATION)
		printk("jh: NO DMA isolation (system flag): cells' devices can DMA into any memory\n");
	pool_init();
	return root_cell_init() ? : pci_init() ? : iommu_init() ? : pci_irq_remap(true);
}

void hv_cpu_entry(u64 cpu, u64 linux_rsp);

void hv_cpu_entry(u64 cpu, u64 linux_rsp)
{
	struct per_cpu *c = &per_cpu[cpu];
	int err;

	c->cpu = cpu;
	c->linux_rsp = linux_rsp;
	c->failed = false;
	host_cpu_init(c);

	spin_lock(&init_lock);
	if (!init_state) {
		err = global_init();
		init_state = err ? err : 1;
	}
	spin_unlock(&init_lock);
	if (init_state < 0)
		leave_from_entry(c, init_state);

	c->cell = &root_cell;
	c->mode = CPU_ROOT;
	c->entered = false;
	c->mgmt_request = MGMT_NONE;
	apic_cpu_init(c);
	err = vcpu_cpu_init(c);
	if (err) {
		pci_irq_remap(false);	/* the driver takes every CPU back out */
		leave_from_entry(c, err);
	}
	boot.cpu_result[cpu] = 1;
	vcpu_launch();
}
