/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Template expansion for the config emitter. A template is text with
 * @NAME@ placeholders (NAME: upper-case letters, digits, '_'); each is
 * replaced by its value. A placeholder standing alone on a line whose
 * value is empty removes the whole line, so optional blocks leave no gap.
 * The templates live in templates/ and are built into the library
 * (templates.S), so the tools need no data files at run time.
 */
#ifndef _JH_GENERATOR_TEMPLATE_H
#define _JH_GENERATOR_TEMPLATE_H

#include <stddef.h>
#include <stdio.h>

struct jhgen_tpl_var {
	const char *name;
	const char *value;
};

/* The embedded templates, NUL-terminated */
extern const char jhgen_tpl_system[];
extern const char jhgen_tpl_cell[];
extern const char jhgen_tpl_cell_desc[];

/*
 * Writes tpl to f with every placeholder replaced. -EINVAL if tpl names a
 * variable that is not in vars (a bug in the caller, reported as such),
 * -EIO on a write error.
 */
int jhgen_tpl_expand(FILE *f, const char *tpl,
		     const struct jhgen_tpl_var *vars, size_t num_vars);

/* Like jhgen_tpl_expand, into a malloc()ed string; NULL on failure */
char *jhgen_tpl_expand_str(const char *tpl, const struct jhgen_tpl_var *vars,
			   size_t num_vars);

#endif
