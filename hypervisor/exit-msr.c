// SPDX-License-Identifier: GPL-2.0
/*
 * MSR accesses. Most MSRs pass straight through (the bitmap is built in
 * cell-root.c); what traps here is what isolation or hiding VMX needs:
 * VMX capability MSRs (hidden: #GP), FEATURE_CONTROL writes, APIC base,
 * MTRR and PAT writes, the x2APIC ICR, and MSRs outside the bitmap.
 */
#include "vmx-cpu.h"
#include "vmx.h"

static bool msr_is_mtrr(u32 msr)
{
	u32 vcnt = rdmsr(MSR_MTRR_CAP) & 0xff;

	return (msr >= MSR_MTRR_PHYS_BASE0 && msr < MSR_MTRR_PHYS_BASE0 + 2 * vcnt) ||
	       msr == MSR_MTRR_FIX64K || msr == MSR_MTRR_FIX16K_80000 ||
	       msr == MSR_MTRR_FIX16K_A0000 ||
	       (msr >= MSR_MTRR_FIX4K_C0000 && msr <= MSR_MTRR_FIX4K_F8000) ||
	       msr == MSR_MTRR_DEF_TYPE;
}

static u64 msr_value(struct guest_regs *regs)
{
	return (u32)*guest_reg(regs, REG_RAX) | (*guest_reg(regs, REG_RDX) << 32);
}

void msr_bitmap_init(u8 *bitmap)
{
	static const u32 trap_writes[] = {
		MSR_APIC_BASE, MSR_FEATURE_CONTROL, MSR_X2APIC_ICR,
	};
	unsigned int i;
	u32 msr;

	for (i = 0; i < ARRAY_SIZE(trap_writes); i++)
		bitmap[2048 + trap_writes[i] / 8] |= 1 << (trap_writes[i] % 8);
	for (msr = MSR_MTRR_PHYS_BASE0; msr <= MSR_MTRR_DEF_TYPE; msr++)
		bitmap[2048 + msr / 8] |= 1 << (msr % 8);
	for (msr = MSR_VMX_BASIC; msr <= MSR_VMX_LAST; msr++) {
		bitmap[msr / 8] |= 1 << (msr % 8);
		bitmap[2048 + msr / 8] |= 1 << (msr % 8);
	}
}

bool handle_rdmsr(struct per_cpu *c, struct guest_regs *regs)
{
	/* only hidden or unknown MSRs trap on reads: as on a CPU without them */
	inject_exception(13, true, 0);
	return true;
}

bool handle_wrmsr(struct per_cpu *c, struct guest_regs *regs)
{
	u32 msr = *guest_reg(regs, REG_RCX);
	u64 val = msr_value(regs);

	if (msr == MSR_PAT) {
		vmwrite(GUEST_IA32_PAT, val);
	} else if (msr_is_mtrr(msr) || msr == MSR_APIC_BASE ||
		   msr == MSR_X2APIC_ICR) {
		/* the root cell owns the machine's caching and its own APIC */
		wrmsr(msr, val);
	} else {
		inject_exception(13, true, 0);
		return true;
	}
	skip_instruction();
	return true;
}
