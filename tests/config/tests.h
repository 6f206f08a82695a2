/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared pieces of the config unit tests: the findings collector and the
 * test lists each file contributes to the one cmocka run.
 */
#ifndef _JH_TEST_CONFIG_TESTS_H
#define _JH_TEST_CONFIG_TESTS_H

#include <stdbool.h>
#include <stddef.h>

#include "config-check.h"

struct CMUnitTest;

/* Report callback storing every finding (copied) for the assertions */
void findings_collect(const struct jh_finding *f, void *opaque);
void findings_reset(void);
void findings_print(void);
/* Every finding has a rule, a file, a message and a fix */
void findings_assert_well_formed(void);
/* A finding of that severity and rule whose field contains field (if set) */
void findings_assert_has(enum jh_severity sev, const char *rule,
			 const char *field);

/* Each fills tests[] with up to max tests and returns how many */
size_t rule_tests(struct CMUnitTest *tests, size_t max);
size_t format_tests(struct CMUnitTest *tests, size_t max);

#endif /* _JH_TEST_CONFIG_TESTS_H */
