// SPDX-License-Identifier: GPL-2.0
/*
 * MSR accesses. Most MSRs pass straight through (the bitmaps are built
 * in msr-bitmap.c); what traps here is what isolation or hiding VMX needs:
 * VMX capability MSRs (hidden: #GP), FEATURE_CONTROL writes, APIC base,
 * MTRR and PAT writes, the x2APIC ICR, and MSRs outside the bitmap. A
 * non-root cell's trapped reads get #GP, its trapped writes fail it.
 */
#include <x86/apic.h>
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

	/*
	 * The x2APIC MSRs #GP unless the APIC is in x2APIC mode: never read
	 * an x2APIC destination for an xAPIC (the filter routes by the live
	 * mode, and 0x101 would reach APIC ID 1)
	 */
	if (msr == MSR_X2APIC_ICR && apic_mode() != APIC_MODE_X2APIC) {
		inject_exception(13, true, 0);
		return true;
	}
	if (c->cell != &root_cell) {
		if (msr == MSR_X2APIC_ICR && !apic_x2apic_icr_write(c, val))
			cell_fail(c, "ICR write 0x%x to APIC ID %u outside the cell at "
				  "MSR 0x830", (u32)val, (u32)(val >> 32));
		/* its APIC is in x2APIC mode already: only a no-op write passes */
		if (msr != MSR_X2APIC_ICR &&
		    (msr != MSR_APIC_BASE || val != rdmsr(MSR_APIC_BASE)))
			cell_fail(c, "write of 0x%lx at MSR 0x%x", val, msr);
		skip_instruction();
		return true;
	}
	if (msr == MSR_X2APIC_ICR) {
		apic_x2apic_icr_write(c, val);
	} else if (msr == MSR_PAT) {
		vmwrite(GUEST_IA32_PAT, val);
	} else if (msr == MSR_APIC_BASE) {
		/* its own APIC, but where the hypervisor traps it */
		if (!apic_root_base_write(c, val)) {
			inject_exception(13, true, 0);
			return true;
		}
	} else if (msr_is_mtrr(msr)) {
		/* the root cell owns the machine's caching */
		wrmsr(msr, val);
	} else {
		inject_exception(13, true, 0);
		return true;
	}
	skip_instruction();
	return true;
}
