// SPDX-License-Identifier: GPL-2.0
/*
 * A cell's intercept bitmaps. MSR bitmaps: which RDMSR/WRMSR exit; the
 * root cell's traps only what isolation or hiding VMX needs, a non-root
 * cell's passes only what it owns outright. I/O bitmaps: a set bit traps
 * the port. Pure, so that unit-hypervisor checks them on the host.
 */
#include "vmx-cpu.h"

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

/* The root cell: VMX hidden, the machine's caching and APIC moderated */
void root_msr_bitmap_init(u8 *bitmap)
{
	static const u32 trap_writes[] = {
		MSR_APIC_BASE, MSR_FEATURE_CONTROL, MSR_X2APIC_ICR,
	};
	unsigned int i;
	u32 msr;

	for (i = 0; i < ARRAY_SIZE(trap_writes); i++)
		msr_bitmap_set(bitmap, trap_writes[i], false, true, true);
	for (msr = MSR_MTRR_PHYS_BASE0; msr <= MSR_MTRR_DEF_TYPE; msr++)
		msr_bitmap_set(bitmap, msr, false, true, true);
	for (msr = MSR_VMX_BASIC; msr <= MSR_VMX_LAST; msr++)
		msr_bitmap_set(bitmap, msr, true, true, true);
}
