// SPDX-License-Identifier: GPL-2.0
/*
 * Which CPUs an IPI reaches, and whether the sender may reach them; which
 * IA32_APIC_BASE writes are valid. Pure functions on recorded APIC IDs,
 * modes and logical destinations, so that the host unit test
 * (tests/hypervisor/test-apic-route.c) checks every destination form and
 * mode mix without an APIC.
 */
#include "apic.h"

#define XAPIC_BROADCAST		0xffU
#define X2APIC_BROADCAST	0xffffffffU
#define DFR_FLAT		0xf0000000U

/*
 * Logical destination match of one CPU in its own mode (an 8-bit dest
 * reaching an x2APIC reads as cluster 0); *covered collects the bits of
 * dest a known CPU in the sender's mode answers to, so that uncovered
 * bits can be reported as reaching APICs the hypervisor does not know.
 */
static bool logical_match(const struct apic_view *v, u32 dest, bool x2apic,
			  u32 *covered)
{
	u32 bits, ldr;

	if (v->x2apic) {
		/* x2APIC LDR: cluster (ID / 16) in 31:16, bit ID % 16 in 15:0 */
		if ((dest >> 16) != (v->id >> 4))
			return false;
		bits = dest & (1U << (v->id & 0xf));
	} else {
		ldr = v->ldr >> 24;
		dest &= 0xff;
		if ((v->dfr & DFR_FLAT) == DFR_FLAT) {
			bits = dest & ldr;
		} else {
			/* cluster model: cluster in 7:4 (15 = all), members in 3:0 */
			if ((dest >> 4) != (ldr >> 4) && (dest >> 4) != 0xf)
				return false;
			bits = dest & ldr & 0xf;
			bits |= bits ? dest & 0xf0 : 0;
		}
	}
	if (v->x2apic == x2apic)
		*covered |= bits;
	return bits != 0;
}

/* Physical: an xAPIC receiver sees the low 8 bits (0xff: everyone) */
static bool physical_match(const struct apic_view *v, u32 dest)
{
	if (v->x2apic)
		return v->id == dest;
	return v->id == (dest & 0xff) || (dest & 0xff) == XAPIC_BROADCAST;
}

static u32 logical_mask_bits(u32 dest, bool x2apic, bool flat)
{
	if (x2apic)
		return dest & 0xffff;
	return flat ? dest & 0xff : dest & 0xf;
}

u64 apic_ipi_targets(const struct apic_view *cpus, u64 known, unsigned int self,
		     u32 icr_lo, u32 dest, bool x2apic, bool *others)
{
	u32 broadcast = x2apic ? X2APIC_BROADCAST : XAPIC_BROADCAST;
	u64 self_bit = self < 64 ? 1ULL << self : 0;
	bool flat = true, exact = false;
	u32 covered = 0;
	u64 hit = 0, left;
	unsigned int n;

	*others = false;
	switch (icr_lo & APIC_ICR_SH_MASK) {
	case APIC_ICR_SH_SELF:
		return known & self_bit;
	case APIC_ICR_SH_ALL:
		*others = true;
		return known;
	case APIC_ICR_SH_OTHERS:
		*others = true;
		return known & ~self_bit;
	}
	if (!x2apic)
		dest &= XAPIC_BROADCAST;
	if (dest == broadcast) {
		*others = true;
		return known;
	}
	/* the known CPUs only: an ICR write is on every IPI's path */
	for (left = known; left; left &= left - 1) {
		n = __builtin_ctzll(left);
		if (icr_lo & APIC_ICR_LOGICAL) {
			if (!cpus[n].x2apic && !x2apic)
				flat = (cpus[n].dfr & DFR_FLAT) == DFR_FLAT;
			if (logical_match(&cpus[n], dest, x2apic, &covered))
				hit |= 1ULL << n;
		} else if (physical_match(&cpus[n], dest)) {
			hit |= 1ULL << n;
			exact |= cpus[n].id == dest;
		}
	}
	if (icr_lo & APIC_ICR_LOGICAL)
		*others = (logical_mask_bits(dest, x2apic, flat) & ~covered) != 0;
	else
		*others = !exact;
	return hit;
}

enum apic_verdict apic_ipi_verdict(u64 targets, bool others, u64 own, bool root,
				   u32 icr_lo, u64 *deliver)
{
	u32 mode = icr_lo & APIC_ICR_DM_MASK;
	bool broadcast = (icr_lo & APIC_ICR_SH_MASK) == APIC_ICR_SH_ALL ||
			 (icr_lo & APIC_ICR_SH_MASK) == APIC_ICR_SH_OTHERS;

	*deliver = targets & own;
	/* lowest priority goes to one CPU: the first the sender may reach */
	if (mode == APIC_ICR_DM_LOWEST)
		*deliver &= -*deliver;
	if (root) {
		/* unknown APICs are Linux's own CPUs outside the hypervisor */
		if (!(targets & ~own))
			return APIC_IPI_FORWARD;
		return *deliver ? APIC_IPI_SPLIT : APIC_IPI_DROP;
	}
	/* a cell never sends SMIs or ExtINT: they would reach past its CPUs */
	if (mode == APIC_ICR_DM_SMI || mode == APIC_ICR_DM_EXTINT || mode == 0x300)
		return APIC_IPI_DENY;
	/*
	 * A broadcast (shorthand, or the all-ones physical ID: the only
	 * physical form reaching unknown APICs and the cell's own CPUs at
	 * once) means "every CPU the cell has".
	 */
	if (broadcast || (others && !(icr_lo & APIC_ICR_LOGICAL) && (targets & own)))
		return APIC_IPI_SPLIT;
	if (others || (targets & ~own))
		return APIC_IPI_DENY;
	return APIC_IPI_FORWARD;
}
