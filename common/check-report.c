// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Turning a rule violation into a finding: format the text once, split it
 * into message and fix, count it, hand it to the caller's callback.
 */
#include "check-internal.h"

static const char *const severity_names[] = {
	[JH_SEV_ERROR] = "error",
	[JH_SEV_WARNING] = "warning",
};

static const char fix_marker[] = "; fix: ";

/* Position of "; fix: " in s, or NULL */
static char *find_fix(char *s)
{
	size_t n = sizeof(fix_marker) - 1;
	size_t i;

	for (; *s; s++) {
		for (i = 0; i < n && s[i] == fix_marker[i]; i++)
			;
		if (i == n)
			return s;
	}
	return NULL;
}

void chk_report(struct chk *c, enum jh_severity sev, const char *rule,
		const char *file, const char *field, const char *fmt, ...)
{
	char text[2 * JH_FINDING_TEXT];
	struct jh_finding f = {
		.severity = sev,
		.rule = rule,
		.file = file ? file : "(unnamed)",
		.field = field ? field : "",
		.message = text,
		.fix = "",
	};
	jh_va_list ap;
	char *fix;

	if (sev == JH_SEV_ERROR)
		c->errors++;
	else
		c->warnings++;
	if (!c->report)
		return;
	jh_va_start(ap, fmt);
	jh_vsnprintf(text, sizeof(text), fmt, ap);
	jh_va_end(ap);
	fix = find_fix(text);
	if (fix) {
		*fix = '\0';
		f.fix = fix + sizeof(fix_marker) - 1;
	}
	c->report(&f, c->opaque);
}

int jh_finding_format(char *buf, size_t size, const struct jh_finding *f)
{
	const char *sev = (unsigned int)f->severity < ARRAY_LEN(severity_names) ?
		severity_names[f->severity] : "finding";

	return jh_snprintf(buf, size, "%s: %s: %s%s%s%s%s", sev, f->file,
			   f->field, f->field[0] ? ": " : "", f->message,
			   f->fix[0] ? fix_marker : "", f->fix);
}
