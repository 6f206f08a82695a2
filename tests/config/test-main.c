// SPDX-License-Identifier: GPL-2.0
/*
 * unit-config: the validator's rules, the formatter and the name tables,
 * as one cmocka group (CMOCKA_MESSAGE_OUTPUT=TAP for the test runner).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "tests.h"

#define MAX_TESTS	256

int main(void)
{
	static struct CMUnitTest tests[MAX_TESTS];
	size_t n = 0;

	n += format_tests(tests + n, MAX_TESTS - n);
	n += rule_tests(tests + n, MAX_TESTS - n);
	return _cmocka_run_group_tests("unit-config", tests, n, NULL, NULL);
}
