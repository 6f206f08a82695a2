/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Command-line parsing: "key=value key2=value2 flag" against tables of
 * declared parameters. Pure code, also built for the host unit tests.
 */
#ifndef _INMATE_CMDLINE_H
#define _INMATE_CMDLINE_H

#include <jh/types.h>

enum cmdline_type {
	CMDLINE_U64,	/* decimal or 0x-hex, into uint64_t */
	CMDLINE_BOOL,	/* bare "key", or key=1/0/yes/no/on/off, into bool */
	CMDLINE_STR,	/* copied into a char array of str_size bytes */
};

struct cmdline_param {
	const char *name;
	enum cmdline_type type;
	void *value;
	size_t str_size;	/* CMDLINE_STR only */
	const char *help;	/* shown by "help" and in error messages */
};

#define CMDLINE_U64_PARAM(n, var, h) \
	{ .name = n, .type = CMDLINE_U64, .value = &(var), .help = h }
#define CMDLINE_BOOL_PARAM(n, var, h) \
	{ .name = n, .type = CMDLINE_BOOL, .value = &(var), .help = h }
#define CMDLINE_STR_PARAM(n, var, h) \
	{ .name = n, .type = CMDLINE_STR, .value = (var), \
	  .str_size = sizeof(var), .help = h }
#define CMDLINE_END { .name = NULL }

/*
 * Parses cmdline against the NULL-terminated list of tables. Every token
 * must name a parameter of one of them. Returns 0, or -EINVAL with a
 * message naming the token and the fix in err (always NUL-terminated).
 * Values parsed before the error stay set.
 */
int cmdline_parse(const char *cmdline, const struct cmdline_param *const *tables,
		  char *err, size_t err_size);

/* Parses a whole number (decimal or 0x-hex); false if s is not one */
bool cmdline_parse_u64(const char *s, size_t len, uint64_t *out);

/* True if a and b are the same string: a CMDLINE_STR value against a word */
bool str_equal(const char *a, const char *b);

/* The first whitespace-separated word removed (a multiboot loader puts
 * the image's file name there) */
const char *cmdline_skip_word(const char *cmdline);

#endif /* _INMATE_CMDLINE_H */
