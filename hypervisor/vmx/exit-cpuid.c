// SPDX-License-Identifier: GPL-2.0
/* CPUID (VMX hidden, hypervisor leaf added) and XSETBV */
#include "vmx-cpu.h"

#define CPUID_HV_BASE		JH_CPUID_LEAF	/* include/jh/hypercall.h */
#define CPUID_1_ECX_VMX		(1U << 5)
#define CPUID_1_ECX_HYPERVISOR	(1U << 31)

bool handle_cpuid(struct per_cpu *c, struct guest_regs *regs)
{
	u32 leaf = *guest_reg(regs, REG_RAX), sub = *guest_reg(regs, REG_RCX);
	u32 a, b, cx, d;

	if ((leaf & 0xffffff00) == CPUID_HV_BASE) {
		/* "jh" signature; no further leaves */
		a = leaf == CPUID_HV_BASE ? CPUID_HV_BASE : 0;
		b = leaf == CPUID_HV_BASE ? JH_CPUID_SIGNATURE : 0;
		cx = d = 0;
	} else {
		cpuid(leaf, sub, &a, &b, &cx, &d);
		if (leaf == 1)
			cx = (cx & ~CPUID_1_ECX_VMX) | CPUID_1_ECX_HYPERVISOR;
	}
	*guest_reg(regs, REG_RAX) = a;
	*guest_reg(regs, REG_RBX) = b;
	*guest_reg(regs, REG_RCX) = cx;
	*guest_reg(regs, REG_RDX) = d;
	skip_instruction();
	return true;
}

/* XCR0: only what the CPU supports, x87 always on, AVX only with SSE */
bool handle_xsetbv(struct per_cpu *c, struct guest_regs *regs)
{
	u64 val = (u32)*guest_reg(regs, REG_RAX) |
		  (*guest_reg(regs, REG_RDX) << 32);
	u32 a, b, cx, d;

	cpuid(0xd, 0, &a, &b, &cx, &d);
	if ((u32)*guest_reg(regs, REG_RCX) != 0 || !(val & 1) ||
	    (val & ~(a | ((u64)d << 32))) || ((val & 4) && !(val & 2))) {
		inject_exception(13, true, 0);
		return true;
	}
	vmx_xsetbv(val);
	skip_instruction();
	return true;
}
