// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the CPU isolation decisions (hypervisor/x86/cpu-flush.c,
 * cpu-smt.c) on the host: which flushes a CPU gets at a handover for
 * which CPUID leaf 7 EDX bits and IA32_ARCH_CAPABILITIES, and which CPUs
 * share a core with a cell by their APIC IDs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "hv.h"

#define MD_CLEAR	(1U << 10)
#define IBPB		(1U << 26)
#define L1D_FLUSH	(1U << 28)
#define ARCH_CAPS	(1U << 29)
#define RDCL_NO		(1ULL << 0)
#define SKIP_L1DFL	(1ULL << 3)
#define CPU(n)		(1ULL << (n))

/* cpu-flush.c reports its decision once */
void printk(const char *fmt, ...)
{
	(void)fmt;
}

static void test_flush_none(void **state)
{
	(void)state;
	/* a CPU that offers nothing gets nothing (Bochs' skylake_x) */
	assert_int_equal(cpu_flush_needs(0, 0), 0);
	/* ARCH_CAPABILITIES alone is no flush */
	assert_int_equal(cpu_flush_needs(ARCH_CAPS, RDCL_NO), 0);
}

static void test_flush_each(void **state)
{
	(void)state;
	assert_int_equal(cpu_flush_needs(IBPB, 0), CPU_FLUSH_IBPB);
	assert_int_equal(cpu_flush_needs(L1D_FLUSH, 0), CPU_FLUSH_L1D);
	assert_int_equal(cpu_flush_needs(MD_CLEAR, 0), CPU_FLUSH_VERW);
}

static void test_flush_l1d_covers_verw(void **state)
{
	(void)state;
	/* Skylake-class: all three offered; the L1D flush clears the buffers */
	assert_int_equal(cpu_flush_needs(IBPB | L1D_FLUSH | MD_CLEAR, 0),
			 CPU_FLUSH_IBPB | CPU_FLUSH_L1D);
}

static void test_flush_arch_caps(void **state)
{
	unsigned int all = IBPB | L1D_FLUSH | MD_CLEAR | ARCH_CAPS;

	(void)state;
	/* not affected by L1TF: no L1D flush, but VERW for the buffers */
	assert_int_equal(cpu_flush_needs(all, RDCL_NO),
			 CPU_FLUSH_IBPB | CPU_FLUSH_VERW);
	/* nested: the VMM below flushes L1D at its VM entry */
	assert_int_equal(cpu_flush_needs(all, SKIP_L1DFL),
			 CPU_FLUSH_IBPB | CPU_FLUSH_VERW);
	/* capabilities the CPU does not enumerate are not believed */
	assert_int_equal(cpu_flush_needs(all & ~ARCH_CAPS, RDCL_NO),
			 CPU_FLUSH_IBPB | CPU_FLUSH_L1D);
}

/* 4 cores x 2 threads: APIC IDs 0-7, CPU n has APIC ID n, shift 1 */
static u32 smt_ids[JH_MAX_CPUS] = { 0, 1, 2, 3, 4, 5, 6, 7 };

static void test_smt_siblings(void **state)
{
	u64 known = 0xff, inside;

	(void)state;
	/* CPU 3 alone: its sibling CPU 2 stays outside */
	assert_int_equal(cpu_smt_shared(smt_ids, known, CPU(3), 1, &inside), CPU(2));
	assert_int_equal(inside, CPU(3));
	/* the whole core: nothing shared */
	assert_int_equal(cpu_smt_shared(smt_ids, known, CPU(2) | CPU(3), 1, &inside), 0);
	assert_int_equal(inside, 0);
	/* two half cores */
	assert_int_equal(cpu_smt_shared(smt_ids, known, CPU(1) | CPU(4), 1, &inside),
			 CPU(0) | CPU(5));
	assert_int_equal(inside, CPU(1) | CPU(4));
	/* a sibling the hypervisor never saw is not running anything of it */
	assert_int_equal(cpu_smt_shared(smt_ids, known & ~CPU(2), CPU(3), 1, &inside), 0);
}

static void test_smt_none(void **state)
{
	u64 inside;

	(void)state;
	/* shift 0: every CPU is a core of its own */
	assert_int_equal(cpu_smt_shared(smt_ids, 0xff, CPU(3), 0, &inside), 0);
	assert_int_equal(inside, 0);
}

static void test_smt_sparse_ids(void **state)
{
	/* APIC IDs need not follow CPU numbers: Linux enumerates threads last */
	u32 ids[JH_MAX_CPUS] = { 0, 2, 4, 6, 1, 3, 5, 7 };
	u64 inside;

	(void)state;
	assert_int_equal(cpu_smt_shared(ids, 0xff, CPU(1), 1, &inside), CPU(5));
	assert_int_equal(inside, CPU(1));
	assert_int_equal(cpu_smt_shared(ids, 0xff, CPU(1) | CPU(5), 1, &inside), 0);
	/* 4 threads per core (shift 2): CPUs 0, 1, 4, 5 are one core */
	assert_int_equal(cpu_smt_shared(ids, 0xff, CPU(1) | CPU(5), 2, &inside),
			 CPU(0) | CPU(4));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flush_none),
		cmocka_unit_test(test_flush_each),
		cmocka_unit_test(test_flush_l1d_covers_verw),
		cmocka_unit_test(test_flush_arch_caps),
		cmocka_unit_test(test_smt_siblings),
		cmocka_unit_test(test_smt_none),
		cmocka_unit_test(test_smt_sparse_ids),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
