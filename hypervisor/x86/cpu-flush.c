// SPDX-License-Identifier: GPL-2.0
/*
 * Flushing what a CPU keeps of its last owner when it changes hands (root
 * to cell at start, cell to Linux at destroy): IBPB so branch predictions
 * trained by one cannot steer the other (Spectre v2), an L1D flush so the
 * next one cannot read the last one's cached data (L1TF), VERW so the
 * store, fill and load-port buffers are empty (MDS). CPUID leaf 7 and
 * IA32_ARCH_CAPABILITIES say which of them the CPU has and needs.
 */
#include "hv.h"

#define CPUID7_EDX_MD_CLEAR	(1U << 10)
#define CPUID7_EDX_IBPB		(1U << 26)
#define CPUID7_EDX_L1D_FLUSH	(1U << 28)
#define CPUID7_EDX_ARCH_CAPS	(1U << 29)
#define ARCH_CAPS_RDCL_NO	(1ULL << 0)	/* no L1TF */
#define ARCH_CAPS_SKIP_L1DFL	(1ULL << 3)	/* a VMM below us flushes L1D */
#define MSR_ARCH_CAPS		0x10a
#define MSR_FLUSH_CMD		0x10b

unsigned int cpu_flush_needs(u32 cpuid7_edx, u64 arch_caps)
{
	unsigned int needs = 0;

	if (!(cpuid7_edx & CPUID7_EDX_ARCH_CAPS))
		arch_caps = 0;
	if (cpuid7_edx & CPUID7_EDX_IBPB)
		needs |= CPU_FLUSH_IBPB;
	if ((cpuid7_edx & CPUID7_EDX_L1D_FLUSH) &&
	    !(arch_caps & (ARCH_CAPS_RDCL_NO | ARCH_CAPS_SKIP_L1DFL)))
		needs |= CPU_FLUSH_L1D;
	/* where MD_CLEAR is enumerated, the L1D flush clears the buffers too */
	if ((cpuid7_edx & CPUID7_EDX_MD_CLEAR) && !(needs & CPU_FLUSH_L1D))
		needs |= CPU_FLUSH_VERW;
	return needs;
}

void cpu_handover_flush(void)
{
	static const u16 verw_sel = HOST_DS;
	static u32 reported;
	u32 a, b, c, d;
	u64 caps = 0;
	unsigned int needs;

	cpuid(0, 0, &a, &b, &c, &d);
	d = 0;
	if (a >= 7)
		cpuid(7, 0, &a, &b, &c, &d);
	if (d & CPUID7_EDX_ARCH_CAPS)
		caps = rdmsr(MSR_ARCH_CAPS);
	needs = cpu_flush_needs(d, caps);
	if (!__atomic_exchange_n(&reported, 1, __ATOMIC_RELAXED))
		printk("jh: CPU handover flush:%s%s%s%s (CPUID.7.EDX 0x%x, "
		       "ARCH_CAPABILITIES 0x%lx)\n",
		       needs & CPU_FLUSH_IBPB ? " IBPB" : "",
		       needs & CPU_FLUSH_L1D ? " L1D" : "",
		       needs & CPU_FLUSH_VERW ? " VERW" : "",
		       needs ? "" : " none offered", d, caps);
	if (needs & CPU_FLUSH_IBPB)
		wrmsr(MSR_PRED_CMD, 1);
	if (needs & CPU_FLUSH_L1D)
		wrmsr(MSR_FLUSH_CMD, 1);
	if (needs & CPU_FLUSH_VERW)
		asm volatile("verw %0" : : "m"(verw_sel) : "cc");
}
