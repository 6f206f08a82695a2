// SPDX-License-Identifier: GPL-2.0
/*
 * CPUID (VMX and what the guest may not use hidden, hypervisor leaf
 * added) and XSETBV
 */
#include "vmx-cpu.h"
#include "vmx.h"

#define CPUID_HV_BASE		JH_CPUID_LEAF	/* include/jh/hypercall.h */
/*
 * Linux's Jailhouse guest interface (CONFIG_JAILHOUSE_GUEST) scans the
 * hypervisor bases 0x40000000 + n * 0x100 for "Jailhouse\0\0\0"; cells
 * find it at the second one, and "jh" stays at the first for inmates
 */
#define CPUID_JAILHOUSE_BASE	(JH_CPUID_LEAF + 0x100)

#define CPUID1_ECX_OSXSAVE	(1U << 27)
#define CPUID7_ECX_OSPKE	(1U << 4)

enum { EAX, EBX, ECX, EDX };

/*
 * Feature bits hidden from guests: VMX and SMX (their instructions #UD),
 * Intel PT (its MSRs trap: the output is host-physical), and those whose
 * instructions #UD in VMX non-root operation unless a secondary control
 * is on (vmx_set_controls() sets each one the CPU has; enable is refused
 * when Linux may already use one the CPU lacks: cpuid_needs_missing()).
 */
static const struct {
	u32 leaf, sub;
	u8 reg;
	u32 bit, control;	/* control 0: always hidden */
	const char *name;
} cpuid_hidden[] = {
	{ 1, 0, ECX, 1U << 5, 0, "VMX" },
	{ 1, 0, ECX, 1U << 6, 0, "SMX" },
	{ 7, 0, EBX, 1U << 25, 0, "Intel PT" },
	{ 7, 0, EBX, 1U << 10, PROC2_INVPCID, "INVPCID" },
	{ 7, 0, ECX, 1U << 5, PROC2_USER_WAIT, "WAITPKG" },
	{ 7, 0, ECX, 1U << 22, PROC2_RDTSCP, "RDPID" },
	{ 7, 0, EDX, 1U << 18, 0, "PCONFIG" },	/* memory encryption keys */
	{ 0xd, 1, EAX, 1U << 3, PROC2_XSAVES, "XSAVES" },
	{ 0x80000001, 0, EDX, 1U << 27, PROC2_RDTSCP, "RDTSCP" },
};

/*
 * Hidden from non-root cells only: the package's power and thermal control
 * and the performance counters are the root's (their MSRs trap), so a
 * cell's Linux must not look for them
 */
static const struct { u32 leaf; u8 reg; u32 bits; } cell_hidden[] = {
	{ 1, EDX, 1U << 22 | 1U << 29 },	/* ACPI thermal monitor, TM */
	{ 6, EAX, ~0U }, { 6, ECX, ~0U },	/* thermal and power management */
	{ 0xa, EAX, ~0U },			/* architectural PMU */
};

const char *cpuid_needs_missing(u32 proc2_allowed)
{
	unsigned int i;
	u32 r[4];

	for (i = 0; i < ARRAY_SIZE(cpuid_hidden); i++) {
		if (!cpuid_hidden[i].control || (proc2_allowed & cpuid_hidden[i].control))
			continue;
		cpuid(cpuid_hidden[i].leaf, cpuid_hidden[i].sub, &r[EAX], &r[EBX],
		      &r[ECX], &r[EDX]);
		if (r[cpuid_hidden[i].reg] & cpuid_hidden[i].bit)
			return cpuid_hidden[i].name;
	}
	return NULL;
}

bool handle_cpuid(struct per_cpu *c, struct guest_regs *regs)
{
	u32 leaf = *guest_reg(regs, REG_RAX), sub = *guest_reg(regs, REG_RCX);
	u32 r[4], s = leaf == 7 || leaf == 0xd ? sub : 0;
	unsigned int i;

	if ((leaf & 0xffffff00) == CPUID_HV_BASE) {
		/* "jh" signature; no further leaves */
		r[EAX] = leaf == CPUID_HV_BASE ? CPUID_HV_BASE : 0;
		r[EBX] = leaf == CPUID_HV_BASE ? JH_CPUID_SIGNATURE : 0;
		r[ECX] = r[EDX] = 0;
	} else if ((leaf & 0xffffff00) == CPUID_JAILHOUSE_BASE && c->cell != &root_cell) {
		/* the highest leaf; 0x40000101 (features) is all zeros */
		memset(r, 0, sizeof(r));
		if (leaf == CPUID_JAILHOUSE_BASE) {
			r[EAX] = CPUID_JAILHOUSE_BASE + 1;
			memcpy(&r[EBX], "Jailhouse\0\0\0", 12);
		}
	} else {
		cpuid(leaf, sub, &r[EAX], &r[EBX], &r[ECX], &r[EDX]);
		/* a hypervisor is present; OSXSAVE and OSPKE are the guest's CR4 */
		if (leaf == 1)
			r[ECX] = (r[ECX] & ~CPUID1_ECX_OSXSAVE) | 1U << 31 |
				 (vmread(GUEST_CR4) & X86_CR4_OSXSAVE ? CPUID1_ECX_OSXSAVE : 0);
		if (leaf == 7 && !sub)
			r[ECX] = (r[ECX] & ~CPUID7_ECX_OSPKE) |
				 (vmread(GUEST_CR4) & X86_CR4_PKE ? CPUID7_ECX_OSPKE : 0);
		for (i = 0; i < ARRAY_SIZE(cpuid_hidden); i++)
			if (cpuid_hidden[i].leaf == leaf && cpuid_hidden[i].sub == s &&
			    (!cpuid_hidden[i].control ||
			     !(vmread(PROC_BASED_CONTROLS2) & cpuid_hidden[i].control)))
				r[cpuid_hidden[i].reg] &= ~cpuid_hidden[i].bit;
		for (i = 0; c->cell != &root_cell && i < ARRAY_SIZE(cell_hidden); i++)
			if (cell_hidden[i].leaf == leaf)
				r[cell_hidden[i].reg] &= ~cell_hidden[i].bits;
	}
	*guest_reg(regs, REG_RAX) = r[EAX];
	*guest_reg(regs, REG_RBX) = r[EBX];
	*guest_reg(regs, REG_RCX) = r[ECX];
	*guest_reg(regs, REG_RDX) = r[EDX];
	return skip_instruction();
}

/* XCR0 only: what the CPU supports, in the combinations the SDM allows */
bool handle_xsetbv(struct per_cpu *c, struct guest_regs *regs)
{
	u64 val = (u32)*guest_reg(regs, REG_RAX) | (*guest_reg(regs, REG_RDX) << 32);
	u32 a, b, cx, d;

	cpuid(0xd, 0, &a, &b, &cx, &d);
	if (guest_cpl() || (u32)*guest_reg(regs, REG_RCX) != 0 ||
	    !xcr0_valid(val, a | ((u64)d << 32)))
		return inject_exception(13, true, 0);
	if (xsetbv_safe(0, val)) {
		/* the CPU refused what the rules let through */
		if (c->cell != &root_cell)
			cell_fail(c, "XSETBV of XCR0 0x%lx faulted in the hypervisor", val);
		return inject_exception(13, true, 0);
	}
	return skip_instruction();
}
