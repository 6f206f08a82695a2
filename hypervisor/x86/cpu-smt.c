// SPDX-License-Identifier: GPL-2.0
/*
 * SMT siblings: CPUs whose APIC IDs differ only in the SMT bits share one
 * core, its L1, buffers and branch predictors, at the same time; no flush
 * separates them. CPUID leaf 0xB says how many low APIC ID bits select
 * the thread.
 */
#include "hv.h"

#define CPUID_TOPO_LEVEL_SMT	1

unsigned int cpu_smt_shift(void)
{
	u32 a, b, c, d;

	cpuid(0, 0, &a, &b, &c, &d);
	if (a < 0xb)
		return 0;	/* before Nehalem, which has no EPT anyway */
	cpuid(0xb, 0, &a, &b, &c, &d);
	if (!b || ((c >> 8) & 0xff) != CPUID_TOPO_LEVEL_SMT)
		return 0;
	return a & 0x1f;
}

u64 cpu_smt_shared(const u32 *apic_ids, u64 known, u64 cpus, unsigned int shift, u64 *inside)
{
	u64 outside = 0;
	unsigned int i, j;

	*inside = 0;
	for (i = 0; i < JH_MAX_CPUS; i++) {
		if (!(known & cpus & (1ULL << i)))
			continue;
		for (j = 0; j < JH_MAX_CPUS; j++) {
			if (!(known & ~cpus & (1ULL << j)) ||
			    apic_ids[i] >> shift != apic_ids[j] >> shift)
				continue;
			outside |= 1ULL << j;
			*inside |= 1ULL << i;
		}
	}
	return outside;
}
