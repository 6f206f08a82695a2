// SPDX-License-Identifier: GPL-2.0
/*
 * MSR accesses that trap (the bitmaps are built in msr-bitmap.c). The
 * root cell: reads outside its allow-list get #GP, as on a CPU without
 * them; writes the hypervisor must check (APIC base, PAT, MTRRs, IA32_XSS,
 * the x2APIC ICR) are checked and done, every other one gets #GP. A
 * non-root cell's trapped reads get #GP, its trapped writes fail it, but
 * for the ICR (filtered), IA32_XSS (checked) and the APIC's SVR: while
 * its APIC is software-disabled, a HLT stops the CPU (vmx-cell.c).
 */
#include <x86/apic.h>
#include "vmx-cpu.h"
#include "vmx.h"

#define XSS_PT			(1ULL << 8)	/* PT state: host-physical output */
/*
 * MISC_ENABLE bits Linux sets up on each CPU it brings up (fast strings,
 * automatic thermal control, MONITOR/MWAIT, the CPUID limit, XD disable);
 * the others are the firmware's or package-wide and stay as they are
 */
#define MISC_ENABLE_ROOT	(1ULL << 0 | 1ULL << 3 | 1ULL << 18 | 1ULL << 22 | \
				 1ULL << 34)

bool handle_rdmsr(struct per_cpu *c, struct guest_regs *regs)
{
	/* only hidden or unknown MSRs trap on reads: as on a CPU without them */
	return inject_exception(13, true, 0);
}

/* The root cell's trapped write: false if it gets #GP */
static bool root_wrmsr(struct per_cpu *c, u32 msr, u64 val)
{
	switch (msr) {
	case MSR_X2APIC_ICR:
		apic_x2apic_icr_write(c, val);
		return true;
	case MSR_PAT:
		/* an invalid PAT in the VMCS would fail the VM entry */
		if (!pat_valid(val))
			return false;
		vmwrite(GUEST_IA32_PAT, val);
		return true;
	case MSR_APIC_BASE:
		/* its own APIC, but where the hypervisor traps it */
		return apic_base_write_valid(rdmsr(MSR_APIC_BASE), val,
					     cpu_maxphyaddr(), cpu_has_x2apic()) &&
		       apic_root_base_write(c, val);
	case MSR_MISC_ENABLE:
		return !((val ^ rdmsr(msr)) & ~MISC_ENABLE_ROOT) && !wrmsr_safe(msr, val);
	case MSR_XSS:
		/* XRSTORS of PT state would load PT's host-physical output */
		return !(val & XSS_PT) && !wrmsr_safe(msr, val);
	}
	if (root_msr_write_ignored(msr))
		return true;
	/* the root cell owns the machine's caching */
	return mtrr_write_valid(msr, val, rdmsr(MSR_MTRR_CAP), cpu_maxphyaddr()) &&
	       !wrmsr_safe(msr, val);
}

/* A non-root cell's trapped write: false if it fails the cell */
static bool cell_wrmsr(struct per_cpu *c, u32 msr, u64 val)
{
	switch (msr) {
	case MSR_X2APIC_ICR:
		return apic_x2apic_icr_write(c, val);
	case MSR_X2APIC_SIVR:
		if (wrmsr_safe(msr, val))
			return false;
		vmx_halt_exits(!(val & APIC_SIVR_ENABLE));
		return true;
	case MSR_XSS:
		/* its own CPU's, as the root's (below); Linux sets it up on each CPU */
		return !(val & XSS_PT) && !wrmsr_safe(msr, val);
	case MSR_APIC_BASE:
		/* its APIC is in x2APIC mode already: only a no-op write passes */
		return val == rdmsr(MSR_APIC_BASE);
	}
	return false;
}

bool handle_wrmsr(struct per_cpu *c, struct guest_regs *regs)
{
	u32 msr = *guest_reg(regs, REG_RCX);
	u64 val = (u32)*guest_reg(regs, REG_RAX) | (*guest_reg(regs, REG_RDX) << 32);

	/*
	 * The x2APIC MSRs #GP unless the APIC is in x2APIC mode: never read
	 * an x2APIC destination for an xAPIC (the filter routes by the live
	 * mode, and 0x101 would reach APIC ID 1)
	 */
	if (msr == MSR_X2APIC_ICR && apic_mode() != APIC_MODE_X2APIC)
		return inject_exception(13, true, 0);
	if (c->cell != &root_cell) {
		if (!cell_wrmsr(c, msr, val))
			cell_fail(c, "write of 0x%lx at MSR 0x%x", val, msr);
	} else if (!root_wrmsr(c, msr, val)) {
		return inject_exception(13, true, 0);
	}
	return skip_instruction();
}
