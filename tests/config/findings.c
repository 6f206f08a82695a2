// SPDX-License-Identifier: GPL-2.0
/*
 * Collecting the validator's findings for assertions.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "tests.h"

#define MAX_FINDINGS	64

struct stored {
	enum jh_severity sev;
	char rule[32];
	char file[64];
	char field[JH_FINDING_FIELD];
	char message[JH_FINDING_TEXT * 2];
	char fix[JH_FINDING_TEXT * 2];
	char line[JH_FINDING_TEXT * 4];
};

static struct stored found[MAX_FINDINGS];
static unsigned int num_found;

void findings_collect(const struct jh_finding *f, void *opaque)
{
	struct stored *s;

	(void)opaque;
	if (num_found == MAX_FINDINGS)
		return;
	s = &found[num_found++];
	s->sev = f->severity;
	snprintf(s->rule, sizeof(s->rule), "%s", f->rule ? f->rule : "");
	snprintf(s->file, sizeof(s->file), "%s", f->file);
	snprintf(s->field, sizeof(s->field), "%s", f->field);
	snprintf(s->message, sizeof(s->message), "%s", f->message);
	snprintf(s->fix, sizeof(s->fix), "%s", f->fix);
	jh_finding_format(s->line, sizeof(s->line), f);
}

void findings_reset(void)
{
	num_found = 0;
}

void findings_print(void)
{
	unsigned int i;

	for (i = 0; i < num_found; i++)
		print_message("# [%s] %s\n", found[i].rule, found[i].line);
}

void findings_assert_well_formed(void)
{
	unsigned int i;

	for (i = 0; i < num_found; i++) {
		if (!found[i].rule[0] || !found[i].file[0] ||
		    !found[i].message[0] || !found[i].fix[0]) {
			findings_print();
			fail_msg("finding %u lacks a rule, file, message or fix", i);
		}
	}
}

void findings_assert_has(enum jh_severity sev, const char *rule,
			 const char *field)
{
	unsigned int i;

	for (i = 0; i < num_found; i++)
		if (found[i].sev == sev && !strcmp(found[i].rule, rule) &&
		    (!field || strstr(found[i].field, field)))
			return;
	findings_print();
	fail_msg("no %s '%s' finding on field '%s'",
		 sev == JH_SEV_ERROR ? "error" : "warning", rule,
		 field ? field : "(any)");
}
