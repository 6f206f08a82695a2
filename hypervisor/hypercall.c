// SPDX-License-Identifier: GPL-2.0
/*
 * VMCALL: the hypercall ABI of include/jh/hypercall.h. Code in RAX,
 * arguments in RDI and RSI, result in RAX. Only a cell's kernel (CPL 0)
 * may call; management calls only from the root cell.
 */
#include "vmx-cpu.h"
#include "vmx.h"

typedef long (*hypercall_fn)(struct per_cpu *c, struct guest_regs *regs,
			     u64 arg1, u64 arg2);

static long hc_disable(struct per_cpu *c, struct guest_regs *regs, u64 a1, u64 a2)
{
	/* only the root cell exists: this CPU simply leaves */
	printk("jh: CPU %u leaves the hypervisor\n", c->cpu);
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
		return 1;
	default:
		return -EINVAL;
	}
}

static long hc_cpu_get_info(struct per_cpu *c, struct guest_regs *regs, u64 cpu,
			    u64 what)
{
	struct per_cpu *target;

	if (cpu >= JH_MAX_CPUS || !(boot.cpu_mask & (1ULL << cpu)))
		return -EINVAL;
	target = &per_cpu[cpu];
	if (what == JH_CPU_INFO_STATE)
		return target->failed ? JH_CPU_FAILED : JH_CPU_RUNNING;
	if (what >= JH_CPU_INFO_STAT_BASE &&
	    what < JH_CPU_INFO_STAT_BASE + JH_EXIT_REASONS)
		return target->exits[what - JH_CPU_INFO_STAT_BASE] & 0x7fffffffffffffffULL;
	return -EINVAL;
}

static long hc_console_putc(struct per_cpu *c, struct guest_regs *regs, u64 ch,
			    u64 a2)
{
	console_putc(ch);
	return 0;
}

static const hypercall_fn hypercalls[JH_HC_NUM] = {
	[JH_HC_DISABLE]			= hc_disable,
	[JH_HC_HYPERVISOR_GET_INFO]	= hc_get_info,
	[JH_HC_CPU_GET_INFO]		= hc_cpu_get_info,
	[JH_HC_DEBUG_CONSOLE_PUTC]	= hc_console_putc,
};

bool handle_vmcall(struct per_cpu *c, struct guest_regs *regs)
{
	u64 code = *guest_reg(regs, REG_RAX);
	long ret;

	if (guest_cpl() != 0)
		ret = -EPERM;
	else if (code >= JH_HC_NUM || !hypercalls[code])
		ret = -ENOSYS;
	else
		ret = hypercalls[code](c, regs, *guest_reg(regs, REG_RDI),
				       *guest_reg(regs, REG_RSI));
	*guest_reg(regs, REG_RAX) = ret;
	skip_instruction();
	return true;
}
