// SPDX-License-Identifier: GPL-2.0
/*
 * The freestanding formatter (common/format.c), compared with libc's
 * snprintf where both define the result, and the name tables.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <limits.h>
#include <cmocka.h>

#include "config-names.h"
#include "format.h"
#include "tests.h"

/* jh_snprintf and libc agree on text and return value */
#define SAME(fmt, ...)							\
	do {								\
		char a[128], b[128];					\
		int na = jh_snprintf(a, sizeof(a), fmt, __VA_ARGS__);	\
		int nb = snprintf(b, sizeof(b), fmt, __VA_ARGS__);	\
		assert_string_equal(a, b);				\
		assert_int_equal(na, nb);				\
	} while (0)

static void format_integers(void **state)
{
	(void)state;
	SAME("%d %d %d", 0, -1, INT_MAX);
	SAME("%d", INT_MIN);
	SAME("%i|%u", -42, 4000000000u);
	SAME("%ld %lu", LONG_MIN, ULONG_MAX);
	SAME("%lld %llu", LLONG_MIN, ULLONG_MAX);
	SAME("%x %X %lx %llx", 0xbeefu, 0xbeefu, 0x123456789abcUL,
	     0xfedcba9876543210ULL);
	SAME("%zu", sizeof(struct jh_system));
}

static void format_widths(void **state)
{
	(void)state;
	SAME("[%5d][%-5d][%05d]", 42, 42, 42);
	SAME("[%08llx][%-8x|]", 0x3d000000ULL, 0xabu);
	SAME("[%05d]", -42);
	SAME("[%3s][%-6s][%s]", "ab", "cd", "");
	SAME("[%c%c][%3c]", 'j', 'h', 'x');
	SAME("%04x:%02x:%02x.%x", 0, 0x1f, 2, 3);
	SAME("100%% %s", "sure");
}

static void format_pointer_and_null(void **state)
{
	const char *volatile nothing = NULL;	/* hidden from -Wformat */
	char buf[64];

	(void)state;
	jh_snprintf(buf, sizeof(buf), "%p", (void *)0xfee00000UL);
	assert_string_equal(buf, "0xfee00000");
	jh_snprintf(buf, sizeof(buf), "%s", nothing);
	assert_string_equal(buf, "(null)");
}

static void format_truncates(void **state)
{
	char buf[8];
	int n;

	(void)state;
	memset(buf, 'x', sizeof(buf));
	n = jh_snprintf(buf, sizeof(buf), "0123456789%d", 42);
	assert_int_equal(n, 12);
	assert_string_equal(buf, "0123456");
	n = jh_snprintf(NULL, 0, "%s", "abc");
	assert_int_equal(n, 3);
	n = jh_snprintf(buf, 1, "%d", 12345);
	assert_int_equal(n, 5);
	assert_string_equal(buf, "");
}

static void names_flags(void **state)
{
	char buf[128];

	(void)state;
	jh_format_flags(buf, sizeof(buf), JH_MEM_READ | JH_MEM_WRITE | JH_MEM_DMA,
			jh_mem_flag_names);
	assert_string_equal(buf, "READ|WRITE|DMA");
	jh_format_flags(buf, sizeof(buf), JH_MEM_READ | (1ULL << 40),
			jh_mem_flag_names);
	assert_string_equal(buf, "READ|0x10000000000");
	jh_format_flags(buf, sizeof(buf), 0, jh_mem_flag_names);
	assert_string_equal(buf, "none");
	/* truncated but terminated, and the would-be length is returned */
	assert_int_equal(jh_format_flags(buf, 6, JH_MEM_READ | JH_MEM_WRITE,
					 jh_mem_flag_names), 10);
	assert_string_equal(buf, "READ|");
}

static void names_cpu_sets(void **state)
{
	uint64_t set[2] = { 0x4f, 0 };
	char buf[64];

	(void)state;
	jh_format_cpu_set(buf, sizeof(buf), set, 128);
	assert_string_equal(buf, "0-3,6");
	set[0] = 1ULL << 63;
	set[1] = 0x3;
	jh_format_cpu_set(buf, sizeof(buf), set, 128);
	assert_string_equal(buf, "63-65");
	set[0] = set[1] = 0;
	jh_format_cpu_set(buf, sizeof(buf), set, 128);
	assert_string_equal(buf, "none");
	set[1] = 1ULL << 63;
	jh_format_cpu_set(buf, sizeof(buf), set, 128);
	assert_string_equal(buf, "127");
}

static void names_values(void **state)
{
	char buf[32];

	(void)state;
	jh_format_bdf(buf, sizeof(buf), 1, JH_PCI_BDF(0x3a, 0x1f, 6));
	assert_string_equal(buf, "0001:3a:1f.6");
	assert_string_equal(jh_pci_type_name(JH_PCI_TYPE_IVSHMEM), "ivshmem");
	assert_string_equal(jh_pci_type_name(200), "unknown");
	assert_string_equal(jh_console_type_name(JH_CON_8250_PIO), "8250 port I/O");
	assert_string_equal(jh_iommu_type_name(JH_IOMMU_AMD), "AMD-Vi");
	assert_string_equal(jh_cache_type_name(0), "unknown");
	assert_string_equal(jh_mem_region_kind(JH_MEM_READ | JH_MEM_COMM_REGION),
			    "comm region");
	assert_string_equal(jh_mem_region_kind(JH_MEM_READ | JH_MEM_WRITE |
					       JH_MEM_LOADABLE), "loadable RAM");
	assert_string_equal(jh_mem_region_kind(JH_MEM_READ | JH_MEM_WRITE | JH_MEM_IO),
			    "MMIO");
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(format_integers),
	cmocka_unit_test(format_widths),
	cmocka_unit_test(format_pointer_and_null),
	cmocka_unit_test(format_truncates),
	cmocka_unit_test(names_flags),
	cmocka_unit_test(names_cpu_sets),
	cmocka_unit_test(names_values),
};

size_t format_tests(struct CMUnitTest *out, size_t max)
{
	size_t i;

	for (i = 0; i < sizeof(tests) / sizeof(tests[0]) && i < max; i++)
		out[i] = tests[i];
	return i;
}
