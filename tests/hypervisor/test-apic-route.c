// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the IPI router (hypervisor/apic-route.c) on the host:
 * which CPUs each ICR form reaches, and what the filter does with it for
 * the root cell and for a cell, with the root's xAPIC beside a cell's
 * x2APIC; which IA32_APIC_BASE writes are valid. Machine: CPUs 0-3 with
 * APIC IDs 0, 1, 2, 3; CPU 1 (and in some tests CPU 3) belongs to a cell;
 * APIC ID 7 is a CPU the hypervisor never saw.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "apic.h"

#define FLAT		0xffffffffU
#define CLUSTER		0x0fffffffU
#define ALL		0xfULL
#define CPU(n)		(1ULL << (n))
#define ROOT_CPUS	(CPU(0) | CPU(2) | CPU(3))
#define CELL_CPUS	CPU(1)

/* Linux's flat logical mode: LDR bit n for CPU n */
static const struct apic_view flat[4] = {
	{ 0, 0x01000000, FLAT, false }, { 1, 0x02000000, FLAT, false },
	{ 2, 0x04000000, FLAT, false }, { 3, 0x08000000, FLAT, false },
};

/* the same with CPU 1 in a cell, its APIC switched to x2APIC mode */
static const struct apic_view mixed[4] = {
	{ 0, 0x01000000, FLAT, false }, { 1, 0, 0, true },
	{ 2, 0x04000000, FLAT, false }, { 3, 0x08000000, FLAT, false },
};

/* cluster model: CPUs 0, 1 in cluster 0; CPUs 2, 3 in cluster 1 */
static const struct apic_view cluster[4] = {
	{ 0, 0x01000000, CLUSTER, false }, { 1, 0x02000000, CLUSTER, false },
	{ 2, 0x11000000, CLUSTER, false }, { 3, 0x12000000, CLUSTER, false },
};

static u64 targets(const struct apic_view *v, unsigned int self, u32 lo, u32 dest,
		   bool x2apic, bool *others)
{
	return apic_ipi_targets(v, ALL, self, lo, dest, x2apic, others);
}

static void test_targets_xapic(void **state)
{
	bool others;

	(void)state;
	/* physical */
	assert_int_equal(targets(flat, 0, 0xfd, 2, false, &others), CPU(2));
	assert_false(others);
	assert_int_equal(targets(flat, 0, 0xfd, 7, false, &others), 0);
	assert_true(others);
	assert_int_equal(targets(flat, 0, 0xfd, 0xff, false, &others), ALL);
	assert_true(others);
	/* flat logical */
	assert_int_equal(targets(flat, 0, APIC_ICR_LOGICAL | 0xfb, 0x0a, false, &others),
			 CPU(1) | CPU(3));
	assert_false(others);
	assert_int_equal(targets(flat, 0, APIC_ICR_LOGICAL | 0xfb, 0x30, false, &others),
			 0);
	assert_true(others);	/* bits 4, 5: CPUs the hypervisor never saw */
	/* cluster logical: cluster 1, members 0 and 1 */
	assert_int_equal(targets(cluster, 0, APIC_ICR_LOGICAL, 0x13, false, &others),
			 CPU(2) | CPU(3));
	assert_false(others);
	assert_int_equal(targets(cluster, 0, APIC_ICR_LOGICAL, 0x02, false, &others),
			 CPU(1));
	assert_int_equal(targets(cluster, 0, APIC_ICR_LOGICAL, 0xf1, false, &others),
			 CPU(0) | CPU(2));
	/* shorthands */
	assert_int_equal(targets(flat, 2, APIC_ICR_SH_SELF, 0, false, &others), CPU(2));
	assert_false(others);
	assert_int_equal(targets(flat, 2, APIC_ICR_SH_ALL, 0, false, &others), ALL);
	assert_true(others);
	assert_int_equal(targets(flat, 2, APIC_ICR_SH_OTHERS, 0, false, &others),
			 ALL & ~CPU(2));
}

static void test_targets_x2apic(void **state)
{
	struct apic_view v[4] = { { .id = 0, .x2apic = true }, { .id = 1, .x2apic = true },
				  { .id = 17, .x2apic = true }, { .id = 33, .x2apic = true } };
	bool others;

	(void)state;
	assert_int_equal(targets(v, 1, 0, 17, true, &others), CPU(2));
	assert_int_equal(targets(v, 1, 0, 0xffffffff, true, &others), ALL);
	assert_true(others);
	/* x2APIC physical IDs are 32 bits: 0x101 is not ID 1 */
	assert_int_equal(targets(v, 1, 0, 0x101, true, &others), 0);
	assert_true(others);
	/* logical: cluster in 31:16, a bit per ID % 16 in 15:0 */
	assert_int_equal(targets(v, 1, APIC_ICR_LOGICAL, 0x00000003, true, &others),
			 CPU(0) | CPU(1));
	assert_false(others);
	assert_int_equal(targets(v, 1, APIC_ICR_LOGICAL, 0x00010002, true, &others),
			 CPU(2));
	assert_false(others);
	assert_int_equal(targets(v, 1, APIC_ICR_LOGICAL, 0x00020006, true, &others),
			 CPU(3));
	assert_true(others);	/* bit 2 of cluster 2: ID 34, unknown */
}

static enum apic_verdict verdict(u64 t, bool others, bool root, u32 lo, u64 *deliver)
{
	return apic_ipi_verdict(t, others, root ? ROOT_CPUS : CELL_CPUS, root, lo,
				deliver);
}

static void test_verdict_root(void **state)
{
	u64 deliver;
	bool others;
	u64 t;

	(void)state;
	/* to its own CPUs, and to CPUs outside the hypervisor: as written */
	assert_int_equal(verdict(CPU(2), false, true, 0xfd, &deliver), APIC_IPI_FORWARD);
	assert_int_equal(verdict(0, true, true, APIC_ICR_DM_INIT, &deliver),
			 APIC_IPI_FORWARD);
	/* to a cell's CPU: dropped */
	assert_int_equal(verdict(CPU(1), false, true, APIC_ICR_DM_INIT, &deliver),
			 APIC_IPI_DROP);
	assert_int_equal(verdict(CPU(1), false, true, APIC_ICR_DM_NMI, &deliver),
			 APIC_IPI_DROP);
	/* Linux's all-but-self broadcast with CPU 1 in a cell: 2 and 3 only */
	t = targets(flat, 0, APIC_ICR_SH_OTHERS | 0xfb, 0, false, &others);
	assert_int_equal(verdict(t, others, true, APIC_ICR_SH_OTHERS | 0xfb, &deliver),
			 APIC_IPI_SPLIT);
	assert_int_equal(deliver, CPU(2) | CPU(3));
	/* a flat logical mask including the cell's CPU */
	t = targets(flat, 0, APIC_ICR_LOGICAL | 0xfb, 0x0e, false, &others);
	assert_int_equal(verdict(t, others, true, APIC_ICR_LOGICAL | 0xfb, &deliver),
			 APIC_IPI_SPLIT);
	assert_int_equal(deliver, CPU(2) | CPU(3));
	/* after the cell is destroyed CPU 1 is the root's again: INIT passes */
	assert_int_equal(apic_ipi_verdict(CPU(1), false, ALL, true, APIC_ICR_DM_INIT,
					  &deliver), APIC_IPI_FORWARD);
}

static void test_verdict_cell(void **state)
{
	struct apic_view v[4] = { { .id = 0, .x2apic = true }, { .id = 1, .x2apic = true },
				  { .id = 2, .x2apic = true }, { .id = 3, .x2apic = true } };
	u64 deliver, t;
	bool others;

	(void)state;
	/* to itself: physical, logical, shorthand self */
	t = targets(v, 1, APIC_ICR_DM_FIXED | 0x40, 1, true, &others);
	assert_int_equal(verdict(t, others, false, 0x40, &deliver), APIC_IPI_FORWARD);
	t = targets(v, 1, APIC_ICR_LOGICAL | 0x40, 0x2, true, &others);
	assert_int_equal(verdict(t, others, false, APIC_ICR_LOGICAL | 0x40, &deliver),
			 APIC_IPI_FORWARD);
	assert_int_equal(verdict(CPU(1), false, false, APIC_ICR_SH_SELF | 0x40, &deliver),
			 APIC_IPI_FORWARD);
	assert_int_equal(verdict(CPU(1), false, false, APIC_ICR_DM_NMI, &deliver),
			 APIC_IPI_FORWARD);
	/* to the root's CPU 0: INIT, SIPI, NMI, fixed all denied */
	t = targets(v, 1, APIC_ICR_DM_INIT, 0, true, &others);
	assert_int_equal(verdict(t, others, false, APIC_ICR_DM_INIT, &deliver),
			 APIC_IPI_DENY);
	assert_int_equal(verdict(CPU(0), false, false, APIC_ICR_DM_SIPI, &deliver),
			 APIC_IPI_DENY);
	assert_int_equal(verdict(CPU(0), false, false, APIC_ICR_DM_NMI, &deliver),
			 APIC_IPI_DENY);
	/* an APIC the hypervisor does not know, and a mask reaching past it */
	t = targets(v, 1, 0x40, 9, true, &others);
	assert_int_equal(verdict(t, others, false, 0x40, &deliver), APIC_IPI_DENY);
	t = targets(v, 1, APIC_ICR_LOGICAL | 0x40, 0x3, true, &others);
	assert_int_equal(verdict(t, others, false, APIC_ICR_LOGICAL | 0x40, &deliver),
			 APIC_IPI_DENY);
	/* SMI and ExtINT never, even to itself */
	assert_int_equal(verdict(CPU(1), false, false, APIC_ICR_DM_SMI, &deliver),
			 APIC_IPI_DENY);
	assert_int_equal(verdict(CPU(1), false, false, APIC_ICR_DM_EXTINT, &deliver),
			 APIC_IPI_DENY);
	/* broadcasts stay inside the cell */
	t = targets(v, 1, 0x40, 0xffffffff, true, &others);
	assert_int_equal(verdict(t, others, false, 0x40, &deliver), APIC_IPI_SPLIT);
	assert_int_equal(deliver, CPU(1));
	t = targets(v, 1, APIC_ICR_SH_OTHERS | 0x40, 0, true, &others);
	assert_int_equal(verdict(t, others, false, APIC_ICR_SH_OTHERS | 0x40, &deliver),
			 APIC_IPI_SPLIT);
	assert_int_equal(deliver, 0);
}

/*
 * Issue 10 item 1: an x2APIC destination from a sender whose APIC is in
 * xAPIC mode reads as its low 8 bits: 0x101 reaches APIC ID 1. The
 * hypervisor #GPs that write now, and the router counts the xAPIC
 * reading too.
 */
static void test_mixed_root(void **state)
{
	u64 deliver, t;
	bool others;

	(void)state;
	t = targets(flat, 0, APIC_ICR_DM_INIT, 0x101, true, &others);
	assert_int_equal(t, CPU(1));
	assert_true(others);		/* no APIC has the ID 0x101 itself */
	assert_int_equal(verdict(t, others, true, APIC_ICR_DM_INIT, &deliver),
			 APIC_IPI_DROP);
	/* xAPIC physical 1 reaches the cell's x2APIC with ID 1 */
	t = targets(mixed, 0, APIC_ICR_DM_NMI, 1, false, &others);
	assert_int_equal(t, CPU(1));
	assert_int_equal(verdict(t, others, true, APIC_ICR_DM_NMI, &deliver),
			 APIC_IPI_DROP);
	/* xAPIC flat logical 0x02 reads as x2APIC cluster 0, bit 1: ID 1 */
	t = targets(mixed, 0, APIC_ICR_LOGICAL, 0x02, false, &others);
	assert_int_equal(t, CPU(1));
	/* a root CPU that copies the cell CPU's old LDR bit: both reached */
	{
		struct apic_view v[4];

		memcpy(v, mixed, sizeof(v));
		v[0].ldr = 0x03000000;
		t = targets(v, 2, APIC_ICR_LOGICAL | 0x40, 0x02, false, &others);
		assert_int_equal(t, CPU(0) | CPU(1));
		assert_int_equal(verdict(t, others, true, APIC_ICR_LOGICAL | 0x40,
					 &deliver), APIC_IPI_SPLIT);
		assert_int_equal(deliver, CPU(0));
	}
	/* an x2APIC 0x1ff reaches every xAPIC (low byte 0xff) */
	t = targets(flat, 0, 0x40, 0x1ff, true, &others);
	assert_int_equal(t, ALL);
}

static void test_mixed_cell(void **state)
{
	u64 deliver, t;
	bool others;

	(void)state;
	/* cluster 0, IDs 0 and 1: the root's xAPIC CPU 0 (LDR bit 0) too */
	t = targets(mixed, 1, APIC_ICR_LOGICAL | 0x40, 0x3, true, &others);
	assert_int_equal(t, CPU(0) | CPU(1));
	assert_int_equal(verdict(t, others, false, APIC_ICR_LOGICAL | 0x40, &deliver),
			 APIC_IPI_DENY);
	/* 0x1ff: no such x2APIC, every xAPIC: denied, not a broadcast */
	t = targets(mixed, 1, 0x40, 0x1ff, true, &others);
	assert_int_equal(t, CPU(0) | CPU(2) | CPU(3));
	assert_int_equal(verdict(t, others, false, 0x40, &deliver), APIC_IPI_DENY);
	/* the real broadcast stays inside the cell */
	t = targets(mixed, 1, 0x40, 0xffffffff, true, &others);
	assert_int_equal(verdict(t, others, false, 0x40, &deliver), APIC_IPI_SPLIT);
	assert_int_equal(deliver, CPU(1));
	/* to itself */
	t = targets(mixed, 1, 0x40, 1, true, &others);
	assert_int_equal(verdict(t, others, false, 0x40, &deliver), APIC_IPI_FORWARD);
}

/* Lowest priority split by the filter goes to one CPU, not to each */
static void test_lowest_priority(void **state)
{
	u64 deliver, t;
	bool others;

	(void)state;
	t = targets(flat, 0, APIC_ICR_LOGICAL | APIC_ICR_DM_LOWEST | 0x41, 0x0e, false,
		    &others);
	assert_int_equal(verdict(t, others, true, APIC_ICR_LOGICAL | APIC_ICR_DM_LOWEST,
				 &deliver), APIC_IPI_SPLIT);
	assert_int_equal(deliver, CPU(2));
}

static void test_apic_base(void **state)
{
	const u64 base = 0xfee00000, en = APIC_BASE_EN, x2 = APIC_MODE_X2APIC;

	(void)state;
	assert_true(apic_base_write_valid(base | en, base | en, 39, true));
	assert_true(apic_base_write_valid(base | en, base | x2, 39, true));
	assert_true(apic_base_write_valid(base | en, base, 39, true));
	assert_true(apic_base_write_valid(base | x2, base, 39, true));
	assert_true(apic_base_write_valid(base, base | en, 39, true));
	assert_true(apic_base_write_valid(base | en | 0x100, base | en | 0x100, 39, true));
	/* x2APIC -> xAPIC, disabled -> x2APIC, EXTD alone: #GP */
	assert_false(apic_base_write_valid(base | x2, base | en, 39, true));
	assert_false(apic_base_write_valid(base, base | x2, 39, true));
	assert_false(apic_base_write_valid(base | en, base | APIC_BASE_EXTD, 39, true));
	/* reserved bits; x2APIC on a CPU without it */
	assert_false(apic_base_write_valid(base | en, base | en | 0x200, 39, true));
	assert_false(apic_base_write_valid(base | en, base | en | 0x1, 39, true));
	assert_false(apic_base_write_valid(base | en, base | x2, 39, false));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_targets_xapic),
		cmocka_unit_test(test_targets_x2apic),
		cmocka_unit_test(test_verdict_root),
		cmocka_unit_test(test_verdict_cell),
		cmocka_unit_test(test_mixed_root),
		cmocka_unit_test(test_mixed_cell),
		cmocka_unit_test(test_lowest_priority),
		cmocka_unit_test(test_apic_base),
	};

	return cmocka_run_group_tests_name("apic-route", tests, NULL, NULL);
}
