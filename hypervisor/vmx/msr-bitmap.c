// SPDX-License-Identifier: GPL-2.0
/*
 * A cell's intercept bitmaps. MSR bitmaps: which RDMSR/WRMSR exit; the
 * root cell's traps only what isolation or hiding VMX needs, a non-root
 * cell's passes only what it owns outright. I/O bitmaps: a set bit traps
 * the port. Pure, so that unit-hypervisor checks them on the host.
 */
#include <x86/apic.h>
#include "vmx-cpu.h"

/* Read bitmap: low MSRs at byte 0, high (0xc0000000...) at 1024; writes + 2048 */
static void msr_bitmap_set(u8 *bitmap, u32 msr, bool read, bool write, bool trap)
{
	u64 bit = (msr & 0x1fff) + (msr >= 0xc0000000 ? 1024 * 8 : 0);

	if (read)
		bitmap_assign((u64 *)bitmap, bit, 1, trap);
	if (write)
		bitmap_assign((u64 *)bitmap, bit + 2048 * 8, 1, trap);
}

/*
 * A non-root cell traps every MSR but those it owns outright: its x2APIC
 * (but ICR writes, which must stay inside the cell, and SVR writes, which
 * may stop the CPU), TSC deadline, TSC, PAT, EFER and SYSENTER (switched
 * by VMX), segment bases and SYSCALL setup, its speculation controls
 * (Linux sets them again on a CPU it gets back) and the microcode
 * revision (written 0 to read it).
 */
void cell_msr_bitmap_init(u8 *bitmap)
{
	static const u32 pass[] = {
		MSR_TSC, MSR_TSC_DEADLINE, MSR_PAT, MSR_EFER, MSR_STAR, MSR_LSTAR,
		MSR_CSTAR, MSR_FMASK, MSR_FS_BASE, MSR_GS_BASE, MSR_KERNEL_GS_BASE,
		MSR_TSC_AUX, MSR_SYSENTER_CS, MSR_SYSENTER_ESP, MSR_SYSENTER_EIP,
		MSR_SPEC_CTRL, MSR_PRED_CMD, MSR_UCODE_REV,
	};
	unsigned int i;
	u32 msr;

	memset(bitmap, 0xff, PAGE_SIZE);
	for (i = 0; i < ARRAY_SIZE(pass); i++)
		msr_bitmap_set(bitmap, pass[i], true, true, false);
	for (msr = MSR_X2APIC_FIRST; msr <= MSR_X2APIC_LAST; msr++)
		msr_bitmap_set(bitmap, msr, true,
			       msr != MSR_X2APIC_ICR && msr != MSR_X2APIC_SIVR, false);
	msr_bitmap_set(bitmap, MSR_APIC_BASE, true, false, false);
	/* read by Linux's first CPU check, before it can take a #GP */
	msr_bitmap_set(bitmap, MSR_MISC_ENABLE, true, false, false);
}

/*
 * The root cell: an allow-list. What a Linux kernel uses on its own CPU
 * passes (per-thread state, its own performance counters, machine-check
 * banks: the root handles RAS; reads of thermal, energy and frequency
 * status). Writes that must be checked trap to exit-msr.c (APIC base,
 * PAT, MTRRs, IA32_XSS, the x2APIC ICR). Everything else traps: a read
 * gets #GP, a write #GP. Kept out on purpose: VMX capabilities (hidden),
 * Intel PT (its output addresses are host-physical), microcode update
 * (0x79), package power limits, P-state and C-state control, uncore
 * counters, cache allocation (CAT masks, PQR_ASSOC), PEBS, SMM and SGX
 * MSRs. docs/hypervisor.md has the table with the reasons.
 *
 * I: uncore PMU boxes, machine-wide counters that Linux programs with
 * plain WRMSR as each CPU comes online (under the hypervisor, since CPU
 * hotplug keeps CPUs in VMX). They stay trapped; the root's writes there
 * are dropped instead of #GP, so Linux does not fault on every CPU it
 * brings up. Not uncore: HWP (0x770-0x777), the debug interface (0xc80),
 * CAT and QoS (0xc8d-0xd8f).
 */
#define R	1	/* reads pass */
#define W	2	/* writes pass */
#define I	4	/* writes trap and are dropped (see below) */

static const struct { u32 first, last; u8 pass; } root_msrs[] = {
	{ 0x010, 0x010, R | W },	/* TSC */
	{ 0x017, 0x017, R },		/* PLATFORM_ID */
	{ 0x01b, 0x01b, R },		/* APIC_BASE: writes checked */
	{ 0x02a, 0x02a, R },		/* EBL_CR_POWERON */
	{ 0x033, 0x033, R | W },	/* TEST_CTRL: split-lock detection */
	{ 0x034, 0x035, R },		/* SMI count, core/thread count */
	{ 0x03a, 0x03a, R },		/* FEATURE_CONTROL (locked) */
	{ 0x03b, 0x03b, R | W },	/* TSC_ADJUST */
	{ 0x048, 0x049, R | W },	/* SPEC_CTRL, PRED_CMD */
	{ 0x08b, 0x08b, R | W },	/* microcode revision (written 0 to read) */
	{ 0x0c1, 0x0c8, R | W },	/* PMC0-7 */
	{ 0x0ce, 0x0ce, R },		/* PLATFORM_INFO */
	{ 0x0e1, 0x0e1, R | W },	/* UMWAIT_CONTROL */
	{ 0x0e2, 0x0e2, R },		/* PKG_CST_CONFIG_CONTROL */
	{ 0x0e7, 0x0e8, R },		/* MPERF, APERF */
	{ 0x0fe, 0x0fe, R },		/* MTRRCAP */
	{ 0x10a, 0x10b, R | W },	/* ARCH_CAPABILITIES (RO), FLUSH_CMD */
	{ 0x10f, 0x10f, R },		/* TSX_FORCE_ABORT */
	{ 0x122, 0x123, R },		/* TSX_CTRL, MCU_OPT_CTRL */
	{ 0x140, 0x140, R | W },	/* MISC_FEATURES_ENABLES (CPUID faulting) */
	{ 0x174, 0x176, R | W },	/* SYSENTER */
	{ 0x179, 0x17b, R | W },	/* MCG_CAP (RO), MCG_STATUS, MCG_CTL */
	{ 0x186, 0x18d, R | W },	/* PERFEVTSEL0-7 */
	{ 0x198, 0x199, R },		/* PERF_STATUS, PERF_CTL */
	{ 0x19b, 0x19c, R | W },	/* THERM_INTERRUPT, THERM_STATUS (log bits) */
	{ 0x1a0, 0x1a0, R },		/* MISC_ENABLE */
	{ 0x1a2, 0x1a2, R },		/* TEMPERATURE_TARGET */
	{ 0x1a4, 0x1a4, R },		/* MISC_FEATURE_CONTROL (prefetchers) */
	{ 0x1a6, 0x1a7, R | W },	/* OFFCORE_RSP */
	{ 0x1ad, 0x1ad, R },		/* TURBO_RATIO_LIMIT */
	{ 0x1b0, 0x1b0, R },		/* ENERGY_PERF_BIAS */
	{ 0x1b1, 0x1b2, R | W },	/* PACKAGE_THERM_STATUS, _INTERRUPT */
	{ 0x1c8, 0x1c9, R | W },	/* LBR_SELECT, LBR_TOS */
	{ 0x1d9, 0x1d9, R | W },	/* DEBUGCTL (switched by the VMCS) */
	{ 0x1dd, 0x1de, R | W },	/* LER from/to */
	{ 0x200, 0x27f, R },		/* MTRRs (writes checked), PAT */
	{ 0x280, 0x29f, R | W },	/* MCi_CTL2: CMCI */
	{ 0x2ff, 0x2ff, R },		/* MTRR_DEF_TYPE */
	{ 0x309, 0x30b, R | W },	/* FIXED_CTR0-2 */
	{ 0x329, 0x329, R | W },	/* PERF_METRICS */
	{ 0x345, 0x345, R },		/* PERF_CAPABILITIES */
	{ 0x38d, 0x392, R | W },	/* fixed-counter control, global ctrl/status */
	{ 0x394, 0x396, I },		/* client uncore global control */
	{ 0x3f1, 0x3f1, R },		/* PEBS_ENABLE */
	{ 0x3f2, 0x3f2, R | W },	/* PEBS_DATA_CFG */
	{ 0x3f6, 0x3f7, R | W },	/* PEBS_LD_LAT, PEBS_FRONTEND */
	{ 0x3f8, 0x3fe, R },		/* C-state residency */
	{ 0x400, 0x47f, R | W },	/* MCi_CTL/STATUS/ADDR/MISC */
	{ 0x4c1, 0x4c8, R | W },	/* full-width PMC0-7 */
	{ 0x600, 0x600, R | W },	/* DS_AREA (guest-linear) */
	{ 0x606, 0x606, R },		/* RAPL_POWER_UNIT */
	{ 0x60d, 0x60d, R },		/* PKG_C2_RESIDENCY */
	{ 0x611, 0x611, R },		/* PKG_ENERGY_STATUS */
	{ 0x613, 0x614, R },		/* PKG_PERF_STATUS, PKG_POWER_INFO */
	{ 0x619, 0x619, R },		/* DRAM_ENERGY_STATUS */
	{ 0x630, 0x632, R },		/* PKG_C8-C10 residency */
	{ 0x639, 0x639, R },		/* PP0_ENERGY_STATUS */
	{ 0x641, 0x641, R },		/* PP1_ENERGY_STATUS */
	{ 0x64d, 0x64f, R },		/* platform energy, PPERF, limit reasons */
	{ 0x680, 0x69f, R | W },	/* LBR from */
	{ 0x6a0, 0x6a8, R | W },	/* CET: U_CET, S_CET, PLn_SSP, ISST */
	{ 0x6c0, 0x6df, R | W },	/* LBR to */
	{ 0x6e0, 0x6e0, R | W },	/* TSC_DEADLINE */
	{ 0x700, 0x76f, I },		/* client CBo/ARB, server UBox/PCU */
	{ 0x771, 0x771, R },		/* HWP_CAPABILITIES */
	{ 0x773, 0x774, R | W },	/* HWP_INTERRUPT, HWP_REQUEST (this thread) */
	{ 0x777, 0x777, R | W },	/* HWP_STATUS */
	{ 0x778, 0x7ff, I },		/* uncore */
	{ 0x800, 0x8ff, R | W },	/* x2APIC (its own; ICR writes filtered) */
	{ 0xa00, 0xbff, I },		/* server IIO, IRP, M2M boxes */
	{ 0xc00, 0xc7f, I },		/* SNB/IVB-EP boxes */
	{ 0xc8d, 0xc8e, R },		/* QM_EVTSEL, QM_CTR */
	{ 0xd90, 0xd90, R | W },	/* BNDCFGS */
	{ 0xd93, 0xd93, R | W },	/* PASID */
	{ 0xda0, 0xda0, R },		/* XSS: writes checked */
	{ 0xdc0, 0xddf, R | W },	/* LBR_INFO */
	{ 0xe00, 0xeff, I },		/* HSX/SKX CHA boxes */
	{ 0x14ce, 0x14cf, R | W },	/* arch LBR control, depth */
	{ 0x1200, 0x123f, R | W },	/* arch LBR info */
	{ 0x1500, 0x153f, R | W },	/* arch LBR from */
	{ 0x1600, 0x163f, R | W },	/* arch LBR to */
	{ 0x1c00, 0x2fff, I },		/* ICX/SPR boxes */
	{ 0xc0000080, 0xc0000084, R | W },	/* EFER, SYSCALL */
	{ 0xc0000100, 0xc0000103, R | W },	/* FS/GS bases, TSC_AUX */
};

bool root_msr_write_ignored(u32 msr)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(root_msrs); i++)
		if (msr >= root_msrs[i].first && msr <= root_msrs[i].last)
			return root_msrs[i].pass & I;
	return false;
}

void root_msr_bitmap_init(u8 *bitmap)
{
	unsigned int i;
	u32 msr;

	memset(bitmap, 0xff, PAGE_SIZE);
	for (i = 0; i < ARRAY_SIZE(root_msrs); i++)
		for (msr = root_msrs[i].first; msr <= root_msrs[i].last; msr++)
			msr_bitmap_set(bitmap, msr, root_msrs[i].pass & R,
				       root_msrs[i].pass & W, false);
	msr_bitmap_set(bitmap, MSR_X2APIC_ICR, false, true, true);
}
