// SPDX-License-Identifier: GPL-2.0
/* Placeholder expansion for the emitter's templates (see template.h) */
#include <errno.h>
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>

#include "template.h"

static size_t name_len(const char *s)
{
	size_t n = 0;

	while ((s[n] >= 'A' && s[n] <= 'Z') || (s[n] >= '0' && s[n] <= '9') ||
	       s[n] == '_')
		n++;
	return n;
}

static const char *lookup(const struct jhgen_tpl_var *vars, size_t num_vars,
			  const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < num_vars; i++)
		if (strlen(vars[i].name) == len &&
		    !strncmp(vars[i].name, name, len))
			return vars[i].value;
	return NULL;
}

int jhgen_tpl_expand(FILE *f, const char *tpl,
		     const struct jhgen_tpl_var *vars, size_t num_vars)
{
	const char *p = tpl;

	while (*p) {
		const char *at = strchr(p, '@');
		const char *value;
		size_t len;
		bool alone;

		if (!at) {
			fputs(p, f);
			break;
		}
		len = name_len(at + 1);
		if (!len || at[len + 1] != '@') {
			/* a lone '@' is text */
			fwrite(p, 1, (size_t)(at - p) + 1, f);
			p = at + 1;
			continue;
		}
		value = lookup(vars, num_vars, at + 1, len);
		if (!value) {
			fprintf(stderr, "jhgen: template variable @%.*s@ is not set (bug)\n",
				(int)len, at + 1);
			return -EINVAL;
		}
		alone = (at == tpl || at[-1] == '\n') && at[len + 2] == '\n';
		fwrite(p, 1, (size_t)(at - p), f);
		fputs(value, f);
		p = at + len + 2;
		if (alone && !*value)
			p++;	/* drop the empty line */
	}
	return ferror(f) ? -EIO : 0;
}

char *jhgen_tpl_expand_str(const char *tpl, const struct jhgen_tpl_var *vars,
			   size_t num_vars)
{
	char *buf = NULL;
	size_t size;
	FILE *f = open_memstream(&buf, &size);
	int err;

	if (!f)
		return NULL;
	err = jhgen_tpl_expand(f, tpl, vars, num_vars);
	if (fclose(f) || err) {
		free(buf);
		return NULL;
	}
	return buf;
}
