// SPDX-License-Identifier: GPL-2.0
/*
 * MSR accesses. Most MSRs pass straight through (the bitmap is built in
 * cell-root.c); what traps here is what isolation or hiding VMX needs:
 * VMX capability MSRs (hidden: #GP), FEATURE_CONTROL writes, APIC base,
 * MTRR and PAT writes, the x2APIC ICR, and MSRs outside the bitmap. A
 * non-root cell's trapped reads get #GP, its trapped writes fail it.
 */
#include "apic.h"
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

/* Read bitmap: low MSRs at 0, high (0xc0000000...) at 1024; writes + 2048 */
void msr_bitmap_set(u8 *bitmap, u32 msr, bool read, bool write, bool trap)
{
	unsigned int off = (msr & 0x1fff) / 8, bit = 1 << (msr % 8);

	if (msr >= 0xc0000000)
		off += 1024;
	if (read)
		bitmap[off] = trap ? bitmap[off] | bit : bitmap[off] & ~bit;
	if (write)
		bitmap[off + 2048] = trap ? bitmap[off + 2048] | bit :
				     bitmap[off + 2048] & ~bit;
}

/*
 * A non-root cell traps every MSR but those it owns outright: its x2APIC
 * (but ICR writes, which must stay inside the cell), TSC deadline, TSC,
 * PAT and EFER (switched by VMX), segment bases and SYSCALL setup.
 */
void cell_msr_bitmap_init(u8 *bitmap)
{
	static const u32 pass[] = {
		MSR_TSC, MSR_TSC_DEADLINE, MSR_PAT, MSR_EFER, MSR_STAR, MSR_LSTAR,
		MSR_CSTAR, MSR_FMASK, MSR_FS_BASE, MSR_GS_BASE, MSR_KERNEL_GS_BASE,
		MSR_TSC_AUX,
	};
	unsigned int i;
	u32 msr;

	memset(bitmap, 0xff, PAGE_SIZE);
	for (i = 0; i < ARRAY_SIZE(pass); i++)
		msr_bitmap_set(bitmap, pass[i], true, true, false);
	for (msr = MSR_X2APIC_FIRST; msr <= MSR_X2APIC_LAST; msr++)
		msr_bitmap_set(bitmap, msr, true, msr != MSR_X2APIC_ICR, false);
	msr_bitmap_set(bitmap, MSR_APIC_BASE, true, false, false);
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

	if (c->cell != &root_cell) {
		if (msr == MSR_X2APIC_ICR && !apic_x2apic_icr_write(c, val))
			cell_fail(c, "IPI (ICR 0x%x) to APIC ID %u outside the cell at "
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
	} else if (msr_is_mtrr(msr) || msr == MSR_APIC_BASE) {
		/* the root cell owns the machine's caching and its own APIC */
		wrmsr(msr, val);
	} else {
		inject_exception(13, true, 0);
		return true;
	}
	skip_instruction();
	return true;
}
