/* SPDX-License-Identifier: GPL-2.0 */
/* --report: whether this machine can run jh, and what to change if not. */
#ifndef _JH_DISCOVER_REPORT_H
#define _JH_DISCOVER_REPORT_H

#include <stdio.h>

#include "machine.h"

enum check_state { CHECK_OK, CHECK_WARNING, CHECK_MISSING, CHECK_UNKNOWN };

struct check {
	const char *name;
	enum check_state state;
	char detail[320];	/* what we found and, if not ok, what to do */
};

#define REPORT_CHECKS	13

/* Evaluates every readiness check; returns how many were filled */
int report_checks(struct machine *m, struct check *out);
int report_write(struct machine *m, FILE *f);

#endif /* _JH_DISCOVER_REPORT_H */
