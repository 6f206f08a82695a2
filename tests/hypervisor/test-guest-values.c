// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the rules for guest-written privileged values
 * (hypervisor/x86/guest-values.c): XCR0, PAT, MTRRs, IA32_APIC_BASE and
 * CR0. Each refused value is one the hypervisor used to hand to the CPU
 * in VMX root operation, where its #GP stopped the CPU (or, in the VMCS,
 * failed the VM entry).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "processor.h"

/* x87 SSE AVX MPX(2) AVX-512(3) PKRU AMX(2) */
#define XCR0_ALL	(0x2ffULL | (3ULL << 17))

static void test_xcr0(void **state)
{
	(void)state;
	assert_true(xcr0_valid(0x1, XCR0_ALL));
	assert_true(xcr0_valid(0x7, XCR0_ALL));			/* x87 SSE AVX */
	assert_true(xcr0_valid(0xe7, XCR0_ALL));		/* + AVX-512 */
	assert_true(xcr0_valid(0x1f, XCR0_ALL));		/* + MPX */
	assert_true(xcr0_valid(0x60007, XCR0_ALL));		/* + AMX */
	assert_true(xcr0_valid(0x207, XCR0_ALL));		/* + PKRU */
	assert_false(xcr0_valid(0x0, XCR0_ALL));		/* x87 always */
	assert_false(xcr0_valid(0x6, XCR0_ALL));
	assert_false(xcr0_valid(0x5, XCR0_ALL));		/* AVX without SSE */
	assert_false(xcr0_valid(0x27, XCR0_ALL));		/* opmask alone */
	assert_false(xcr0_valid(0x67, XCR0_ALL));		/* AVX-512 part */
	assert_false(xcr0_valid(0xc7, XCR0_ALL));
	assert_false(xcr0_valid(0xe3, XCR0_ALL));		/* AVX-512 w/o AVX */
	assert_false(xcr0_valid(0x0f, XCR0_ALL));		/* BNDREGS alone */
	assert_false(xcr0_valid(0x17, XCR0_ALL));		/* BNDCSR alone */
	assert_false(xcr0_valid(0x20007, XCR0_ALL));		/* TILECFG alone */
	assert_false(xcr0_valid(0x40007, XCR0_ALL));		/* TILEDATA alone */
	assert_false(xcr0_valid(0x7, 0x3));			/* not supported */
	assert_false(xcr0_valid(0x103, XCR0_ALL));		/* PT: XSS only */
	assert_false(xcr0_valid(0x3 | (1ULL << 63), ~0ULL >> 1));
}

static void test_pat(void **state)
{
	(void)state;
	assert_true(pat_valid(0x0007040600070406ULL));		/* power-on */
	assert_true(pat_valid(0x0407050600070106ULL));		/* Linux */
	assert_false(pat_valid(0x0007040600070402ULL));		/* type 2 */
	assert_false(pat_valid(0x0307040600070406ULL));		/* type 3 */
	assert_false(pat_valid(0x0007040608070406ULL));		/* type 8 */
}

#define CAP	(0x500 | 8)	/* WC, fixed, 8 variable */
#define NOWC	(0x100 | 8)

static void test_mtrr(void **state)
{
	(void)state;
	/* default type: type, FE, E; FE needs fixed-range support */
	assert_true(mtrr_write_valid(0x2ff, 0xc06, CAP, 36));
	assert_true(mtrr_write_valid(0x2ff, 0x800, CAP, 36));
	assert_false(mtrr_write_valid(0x2ff, 0xc02, CAP, 36));	/* type 2 */
	assert_false(mtrr_write_valid(0x2ff, 0xc07, CAP, 36));	/* type 7 */
	assert_false(mtrr_write_valid(0x2ff, 0x1c06, CAP, 36));	/* bit 12 */
	assert_false(mtrr_write_valid(0x2ff, 0x406, 8, 36));	/* FE, no FIX */
	assert_false(mtrr_write_valid(0x2ff, 0x801, NOWC, 36));	/* WC, no WC */
	/* variable ranges: base/mask within MAXPHYADDR, only VCNT of them */
	assert_true(mtrr_write_valid(0x200, 0xc0000000, CAP, 36));
	assert_true(mtrr_write_valid(0x201, 0xfc0000800ULL, CAP, 36));
	assert_true(mtrr_write_valid(0x20f, 0xfc0000800ULL, CAP, 36));
	assert_false(mtrr_write_valid(0x210, 0xfc0000800ULL, CAP, 36));	/* VCNT */
	assert_false(mtrr_write_valid(0x200, 0x1000000000ULL, CAP, 36));
	assert_true(mtrr_write_valid(0x200, 0x1000000000ULL, CAP, 39));
	assert_false(mtrr_write_valid(0x200, 0xc0000100, CAP, 36));	/* bit 8 */
	assert_false(mtrr_write_valid(0x200, 0xc0000003, CAP, 36));	/* type 3 */
	assert_false(mtrr_write_valid(0x201, 0xfc0000801ULL, CAP, 36));
	assert_false(mtrr_write_valid(0x201, 0x1fc0000800ULL, CAP, 36));
	/* fixed ranges: 8 type bytes */
	assert_true(mtrr_write_valid(0x250, 0x0606060606060606ULL, CAP, 36));
	assert_true(mtrr_write_valid(0x26f, 0x0505050505050505ULL, CAP, 36));
	assert_false(mtrr_write_valid(0x258, 0x0606060606060206ULL, CAP, 36));
	assert_false(mtrr_write_valid(0x268, 0x0606060606060606ULL, 0x8, 36));
	assert_false(mtrr_write_valid(0x251, 0, CAP, 36));	/* not an MTRR */
	assert_false(mtrr_write_valid(0x277, 0x0007040600070406ULL, CAP, 36));
}

static void test_apic_base(void **state)
{
	uint64_t xapic = 0xfee00900, x2apic = 0xfee00d00, off = 0xfee00100;

	(void)state;
	assert_true(apic_base_write_valid(xapic, xapic, 36, true));
	assert_true(apic_base_write_valid(xapic, x2apic, 36, true));
	assert_true(apic_base_write_valid(xapic, off, 36, true));
	assert_true(apic_base_write_valid(off, xapic, 36, true));
	assert_true(apic_base_write_valid(x2apic, off, 36, true));
	assert_true(apic_base_write_valid(xapic, 0xfee00800, 36, true));	/* AP */
	assert_false(apic_base_write_valid(x2apic, xapic, 36, true));	/* x2 -> x */
	assert_false(apic_base_write_valid(off, x2apic, 36, true));	/* off -> x2 */
	assert_false(apic_base_write_valid(xapic, 0xfee00500, 36, true));	/* EXTD only */
	assert_false(apic_base_write_valid(xapic, x2apic, 36, false));	/* no x2APIC */
	assert_false(apic_base_write_valid(xapic, 0xfee00b00, 36, true));	/* bit 9 */
	assert_false(apic_base_write_valid(xapic, 0xfee00901, 36, true));	/* bit 0 */
	assert_false(apic_base_write_valid(xapic, 0x10fee00900ULL, 36, true));
	assert_true(apic_base_write_valid(xapic, 0x10fee00900ULL, 39, true));
}

#define PE	X86_CR0_PE
#define PG	X86_CR0_PG
#define LINUX	(PE | X86_CR0_NE | X86_CR0_WP | PG | 0x32)

static void test_cr0(void **state)
{
	(void)state;
	assert_true(cr0_write_valid(LINUX, LINUX, 0x20, EFER_LME | EFER_LMA, true));
	assert_true(cr0_write_valid(LINUX, LINUX | X86_CR0_CD, 0, 0, true));
	assert_true(cr0_write_valid(LINUX, LINUX | X86_CR0_CD | X86_CR0_NW, 0, 0, true));
	assert_false(cr0_write_valid(LINUX, LINUX | (1ULL << 32), 0, 0, true));
	assert_false(cr0_write_valid(LINUX, LINUX | X86_CR0_NW, 0, 0, true));
	assert_false(cr0_write_valid(PE, PG, 0, 0, false));		/* PG without PE */
	assert_false(cr0_write_valid(LINUX, LINUX & ~X86_CR0_WP, X86_CR4_CET, 0, true));
	assert_true(cr0_write_valid(LINUX, LINUX & ~X86_CR0_WP, 0, 0, true));
	/* long mode: paging on needs PAE, and 64-bit code cannot turn it off */
	assert_false(cr0_write_valid(PE, PE | PG, 0, EFER_LME, false));
	assert_true(cr0_write_valid(PE, PE | PG, X86_CR4_PAE, EFER_LME, false));
	assert_false(cr0_write_valid(LINUX, LINUX & ~PG, 0x20, EFER_LME | EFER_LMA, true));
	assert_true(cr0_write_valid(LINUX, LINUX & ~PG, 0x20, EFER_LME | EFER_LMA, false));
	/* the SDM's #GP, not a VM entry that fails: PCIDE on at paging off, CS.L at on */
	assert_false(cr0_write_valid(LINUX, LINUX & ~PG, 0x20 | X86_CR4_PCIDE,
				     EFER_LME | EFER_LMA, false));
	assert_false(cr0_write_valid(PE, PE | PG, X86_CR4_PAE, EFER_LME, true));
	assert_true(cr0_write_valid(PE, PE | PG, X86_CR4_PAE, 0, true));	/* legacy: L unused */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xcr0),
		cmocka_unit_test(test_pat),
		cmocka_unit_test(test_mtrr),
		cmocka_unit_test(test_apic_base),
		cmocka_unit_test(test_cr0),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
