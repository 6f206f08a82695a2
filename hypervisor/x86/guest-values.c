// SPDX-License-Identifier: GPL-2.0
/*
 * The rules hardware applies to values a guest writes into privileged
 * registers the hypervisor writes for it (XSETBV, trapped WRMSRs, CR0).
 * A value these refuse gets the guest the #GP hardware would raise; one
 * they pass that the CPU still refuses is caught by the exception table
 * (wrmsr_safe()). Pure, so that unit-guest-values checks them on the host.
 */
#include "processor.h"

#define XCR0_X87		(1ULL << 0)
#define XCR0_SSE		(1ULL << 1)
#define XCR0_AVX		(1ULL << 2)
#define XCR0_MPX		(3ULL << 3)	/* BNDREGS, BNDCSR */
#define XCR0_AVX512		(7ULL << 5)	/* opmask, ZMM_Hi256, Hi16_ZMM */
#define XCR0_AMX		(3ULL << 17)	/* TILECFG, TILEDATA */

#define MTRRCAP_FIX		(1ULL << 8)
#define MTRRCAP_WC		(1ULL << 10)
#define MTRR_DEF_FE		(1ULL << 10)
#define MTRR_DEF_E		(1ULL << 11)
#define MTRR_MASK_VALID		(1ULL << 11)

/* Components that come in groups: none of the group, or all of it */
static bool all_or_none(u64 val, u64 group)
{
	return !(val & group) || (val & group) == group;
}

bool xcr0_valid(u64 val, u64 supported)
{
	return (val & XCR0_X87) && !(val & ~supported) &&
	       (!(val & XCR0_AVX) || (val & XCR0_SSE)) &&
	       all_or_none(val, XCR0_AVX512) &&
	       (!(val & XCR0_AVX512) || (val & XCR0_AVX)) &&
	       all_or_none(val, XCR0_MPX) && all_or_none(val, XCR0_AMX);
}

/* PAT entries: UC, WC, WT, WP, WB, UC- (2, 3 and above 7 are reserved) */
bool pat_valid(u64 val)
{
	unsigned int i;
	u8 t;

	for (i = 0; i < 64; i += 8) {
		t = val >> i;
		if (t == 2 || t == 3 || t > 7)
			return false;
	}
	return true;
}

/* MTRR types: UC, WT, WP, WB, and WC if MTRRCAP says so */
static bool mtrr_type_valid(u8 t, u64 cap)
{
	return t == 0 || t == 4 || t == 5 || t == 6 || (t == 1 && (cap & MTRRCAP_WC));
}

static bool mtrr_is_fixed(u32 msr)
{
	return msr == MSR_MTRR_FIX64K || msr == MSR_MTRR_FIX16K_80000 ||
	       msr == MSR_MTRR_FIX16K_A0000 ||
	       (msr >= MSR_MTRR_FIX4K_C0000 && msr <= MSR_MTRR_FIX4K_F8000);
}

bool mtrr_write_valid(u32 msr, u64 val, u64 cap, unsigned int maxphyaddr)
{
	u64 addr = ((1ULL << (maxphyaddr < 52 ? maxphyaddr : 52)) - 1) & ~0xfffULL;
	unsigned int i;

	if (msr == MSR_MTRR_DEF_TYPE)
		return !(val & ~(0xffULL | MTRR_DEF_FE | MTRR_DEF_E)) &&
		       mtrr_type_valid(val, cap) &&
		       (!(val & MTRR_DEF_FE) || (cap & MTRRCAP_FIX));
	if (msr >= MSR_MTRR_PHYS_BASE0 && msr < MSR_MTRR_PHYS_BASE0 + 2 * (cap & 0xff)) {
		if (msr & 1)	/* PHYSMASKn: the mask and the valid bit */
			return !(val & ~(addr | MTRR_MASK_VALID));
		return !(val & ~(addr | 0xff)) && mtrr_type_valid(val, cap);
	}
	if (!mtrr_is_fixed(msr) || !(cap & MTRRCAP_FIX))
		return false;
	for (i = 0; i < 64; i += 8)
		if (!mtrr_type_valid(val >> i, cap))
			return false;
	return true;
}

/*
 * IA32_APIC_BASE: no reserved bit (0-7, 9, above MAXPHYADDR; EXTD without
 * x2APIC), and only the transitions the SDM allows: disabled <-> xAPIC,
 * xAPIC -> x2APIC, x2APIC -> disabled
 */
bool apic_base_write_valid(u64 old, u64 val, unsigned int maxphyaddr, bool x2apic)
{
	u64 reserved = ~((1ULL << (maxphyaddr < 52 ? maxphyaddr : 52)) - 1) | 0x2ff |
		       (x2apic ? 0 : APIC_BASE_EXTD);

	if (val & reserved)
		return false;
	if ((val & APIC_BASE_EXTD) && !(val & APIC_BASE_EN))
		return false;
	if ((old & APIC_BASE_EXTD) && (val & APIC_BASE_EN) && !(val & APIC_BASE_EXTD))
		return false;
	return !(val & APIC_BASE_EXTD) || (old & APIC_BASE_EN);
}

bool cr0_write_valid(u64 old, u64 val, u64 cr4, u64 efer, bool cs_long)
{
	bool pg_on = (val & X86_CR0_PG) && !(old & X86_CR0_PG);
	bool pg_off = !(val & X86_CR0_PG) && (old & X86_CR0_PG);

	return !(val >> 32) &&
	       (!(val & X86_CR0_NW) || (val & X86_CR0_CD)) &&
	       (!(val & X86_CR0_PG) || (val & X86_CR0_PE)) &&
	       (!(cr4 & X86_CR4_CET) || (val & X86_CR0_WP)) &&
	       /* long mode needs PAE and no CS.L yet; off only from 32-bit code, no PCIDE */
	       !(pg_on && (efer & EFER_LME) && (!(cr4 & X86_CR4_PAE) || cs_long)) &&
	       !(pg_off && (cs_long || (cr4 & X86_CR4_PCIDE)));
}
