// SPDX-License-Identifier: GPL-2.0
/* The results of jh-plan's checks; plan.txt lists every one of them. */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"

static const char *const severity_names[] = {
	[PLAN_OK] = "ok",
	[PLAN_NOTE] = "note",
	[PLAN_WARNING] = "warning",
	[PLAN_ERROR] = "error",
};

const char *plan_severity_name(enum plan_severity sev)
{
	return severity_names[sev];
}

void plan_add(struct plan *p, enum plan_severity sev, const char *check,
	      const char *fix, const char *fmt, ...)
{
	struct plan_finding *f, *grown;
	va_list ap;

	grown = realloc(p->findings, (size_t)(p->num_findings + 1) * sizeof(*f));
	if (!grown) {
		fprintf(stderr, "jh-plan: out of memory\n");
		exit(2);
	}
	p->findings = grown;
	f = &p->findings[p->num_findings++];
	memset(f, 0, sizeof(*f));
	f->severity = sev;
	snprintf(f->check, sizeof(f->check), "%s", check);
	va_start(ap, fmt);
	if (vasprintf(&f->message, fmt, ap) < 0)
		f->message = NULL;
	va_end(ap);
	f->fix = fix ? strdup(fix) : NULL;
}

int plan_count(const struct plan *p, enum plan_severity sev)
{
	int i, n = 0;

	for (i = 0; i < p->num_findings; i++)
		n += p->findings[i].severity == sev;
	return n;
}

void plan_free(struct plan *p)
{
	int i;

	for (i = 0; i < p->num_findings; i++) {
		free(p->findings[i].message);
		free(p->findings[i].fix);
	}
	free(p->findings);
	p->findings = NULL;
	p->num_findings = 0;
	if (p->built) {
		jhgen_system_free(&p->sys);
		jhgen_cell_free(&p->rt);
		p->built = false;
	}
}
