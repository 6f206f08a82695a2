// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Command-line parsing against declared parameter tables. No quoting: a
 * value is everything up to the next blank.
 */
#include <inmate/cmdline.h>
#include <inmate/errno.h>
#include <format.h>

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool word_equals(const char *word, size_t len, const char *s)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] != word[i])
			return false;
	return s[len] == '\0';
}

bool str_equal(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

bool cmdline_parse_u64(const char *s, size_t len, uint64_t *out)
{
	unsigned int base = 10, digit;
	uint64_t val = 0;
	size_t i = 0;

	if (len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		i = 2;
	}
	if (i == len)
		return false;
	for (; i < len; i++) {
		char c = s[i];

		if (c >= '0' && c <= '9')
			digit = c - '0';
		else if (base == 16 && c >= 'a' && c <= 'f')
			digit = c - 'a' + 10;
		else if (base == 16 && c >= 'A' && c <= 'F')
			digit = c - 'A' + 10;
		else
			return false;
		if (val > (UINT64_MAX - digit) / base)
			return false;
		val = val * base + digit;
	}
	*out = val;
	return true;
}

const char *cmdline_skip_word(const char *cmdline)
{
	while (is_blank(*cmdline))
		cmdline++;
	while (*cmdline && !is_blank(*cmdline))
		cmdline++;
	return cmdline;
}

/* The formatter has no %.*s: error messages quote tokens through this */
#define TOKEN_QUOTE_MAX	64

static const char *quote(char *buf, const char *word, size_t len)
{
	size_t i;

	if (len >= TOKEN_QUOTE_MAX)
		len = TOKEN_QUOTE_MAX - 1;
	for (i = 0; i < len; i++)
		buf[i] = word[i];
	buf[len] = '\0';
	return buf;
}

static const struct cmdline_param *
find_param(const struct cmdline_param *const *tables, const char *key, size_t len)
{
	const struct cmdline_param *p;

	for (; *tables; tables++)
		for (p = *tables; p->name; p++)
			if (word_equals(key, len, p->name))
				return p;
	return NULL;
}

static bool parse_bool(const char *s, size_t len, bool *out)
{
	static const struct {
		const char *word;
		bool value;
	} words[] = {
		{ "1", true }, { "yes", true }, { "on", true }, { "true", true },
		{ "0", false }, { "no", false }, { "off", false }, { "false", false },
	};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		if (word_equals(s, len, words[i].word)) {
			*out = words[i].value;
			return true;
		}
	}
	return false;
}

static int unknown_param(const struct cmdline_param *const *tables,
			 const char *key, size_t len, char *err, size_t err_size)
{
	const struct cmdline_param *p;
	char q[TOKEN_QUOTE_MAX];
	int n;

	n = jh_snprintf(err, err_size, "unknown parameter '%s'; known:",
			quote(q, key, len));
	for (; *tables; tables++)
		for (p = *tables; p->name; p++)
			if (n >= 0 && (size_t)n < err_size)
				n += jh_snprintf(err + n, err_size - n, " %s", p->name);
	return -EINVAL;
}

static int set_value(const struct cmdline_param *p, const char *val, size_t len,
		     bool has_value, char *err, size_t err_size)
{
	char q[TOKEN_QUOTE_MAX];
	char *str;
	size_t i;

	quote(q, val, len);
	switch (p->type) {
	case CMDLINE_BOOL:
		if (!has_value) {
			*(bool *)p->value = true;
			return 0;
		}
		if (parse_bool(val, len, p->value))
			return 0;
		jh_snprintf(err, err_size, "%s=%s: not a yes/no value; write %s=1 or %s=0 (%s)",
			    p->name, q, p->name, p->name, p->help);
		return -EINVAL;
	case CMDLINE_U64:
		if (has_value && cmdline_parse_u64(val, len, p->value))
			return 0;
		jh_snprintf(err, err_size,
			    "%s=%s: not a number; write it in decimal or 0x-hex, e.g. %s=100 (%s)",
			    p->name, q, p->name, p->help);
		return -EINVAL;
	case CMDLINE_STR:
		if (has_value && len < p->str_size) {
			str = p->value;
			for (i = 0; i < len; i++)
				str[i] = val[i];
			str[len] = '\0';
			return 0;
		}
		jh_snprintf(err, err_size, "%s=%s: %s; give at most %lu characters (%s)",
			    p->name, q, has_value ? "too long" : "needs a value",
			    (unsigned long)(p->str_size - 1), p->help);
		return -EINVAL;
	}
	jh_snprintf(err, err_size, "%s: parameter has an unknown type %d", p->name, p->type);
	return -EINVAL;
}

int cmdline_parse(const char *cmdline, const struct cmdline_param *const *tables,
		  char *err, size_t err_size)
{
	const struct cmdline_param *p;
	const char *key, *val;
	char q[TOKEN_QUOTE_MAX];
	size_t key_len, val_len;
	bool has_value;
	int ret;

	if (err_size)
		err[0] = '\0';
	for (;;) {
		while (is_blank(*cmdline))
			cmdline++;
		if (!*cmdline)
			return 0;
		key = cmdline;
		while (*cmdline && !is_blank(*cmdline) && *cmdline != '=')
			cmdline++;
		key_len = cmdline - key;
		has_value = *cmdline == '=';
		val = has_value ? ++cmdline : cmdline;
		while (*cmdline && !is_blank(*cmdline))
			cmdline++;
		val_len = cmdline - val;

		if (key_len == 0) {
			jh_snprintf(err, err_size,
				    "'=%s': a value without a name; write name=value",
				    quote(q, val, val_len));
			return -EINVAL;
		}
		p = find_param(tables, key, key_len);
		if (!p)
			return unknown_param(tables, key, key_len, err, err_size);
		ret = set_value(p, val, val_len, has_value, err, err_size);
		if (ret)
			return ret;
	}
}
