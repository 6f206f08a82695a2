// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * The one freestanding formatter (see format.h for what it supports).
 * Output goes through a bounded writer that keeps counting past the end of
 * the buffer, so callers learn the size they would have needed.
 */
#include "format.h"

struct out {
	char *buf;
	size_t size;
	size_t len;
};

static void put(struct out *o, char c)
{
	if (o->size && o->len < o->size - 1)
		o->buf[o->len] = c;
	o->len++;
}

static void pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

struct spec {
	bool left;
	bool zero;
	int width;
};

/* Emits sign/prefix, then the digits, padded to the field width */
static void put_field(struct out *o, const struct spec *sp, const char *prefix,
		      const char *digits, int ndigits)
{
	int plen = 0, fill;

	while (prefix[plen])
		plen++;
	fill = sp->width - plen - ndigits;
	if (!sp->left && !sp->zero)
		pad(o, ' ', fill);
	while (*prefix)
		put(o, *prefix++);
	if (!sp->left && sp->zero)
		pad(o, '0', fill);
	while (ndigits-- > 0)
		put(o, *digits++);
	if (sp->left)
		pad(o, ' ', fill);
}

static void put_number(struct out *o, const struct spec *sp,
		       unsigned long long v, unsigned int base, bool upper,
		       bool negative, const char *prefix)
{
	const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int i = sizeof(tmp);

	do {
		tmp[--i] = set[v % base];
		v /= base;
	} while (v);
	put_field(o, sp, negative ? "-" : prefix, tmp + i, sizeof(tmp) - i);
}

static void put_string(struct out *o, const struct spec *sp, const char *s)
{
	struct spec plain = *sp;
	int n = 0;

	if (!s)
		s = "(null)";
	while (s[n])
		n++;
	plain.zero = false;
	put_field(o, &plain, "", s, n);
}

/* Reads the integer argument of a conversion with `longs` l modifiers */
static unsigned long long get_unsigned(jh_va_list *ap, int longs)
{
	if (longs >= 2)
		return jh_va_arg(*ap, unsigned long long);
	if (longs == 1)
		return jh_va_arg(*ap, unsigned long);
	return jh_va_arg(*ap, unsigned int);
}

static long long get_signed(jh_va_list *ap, int longs)
{
	if (longs >= 2)
		return jh_va_arg(*ap, long long);
	if (longs == 1)
		return jh_va_arg(*ap, long);
	return jh_va_arg(*ap, int);
}

static void convert(struct out *o, const struct spec *sp, char conv,
		    int longs, jh_va_list *ap)
{
	long long s;
	char c;

	switch (conv) {
	case 'd':
	case 'i':
		s = get_signed(ap, longs);
		/* negate in unsigned arithmetic: LLONG_MIN has no positive twin */
		put_number(o, sp, s < 0 ? 0ULL - (unsigned long long)s :
			   (unsigned long long)s, 10, false, s < 0, "");
		break;
	case 'u':
		put_number(o, sp, get_unsigned(ap, longs), 10, false, false, "");
		break;
	case 'x':
	case 'X':
		put_number(o, sp, get_unsigned(ap, longs), 16, conv == 'X',
			   false, "");
		break;
	case 'p':
		put_number(o, sp, (unsigned long long)(uintptr_t)
			   jh_va_arg(*ap, void *), 16, false, false, "0x");
		break;
	case 's':
		put_string(o, sp, jh_va_arg(*ap, const char *));
		break;
	case 'c':
		c = (char)jh_va_arg(*ap, int);
		put_field(o, sp, "", &c, 1);
		break;
	default:
		/* unknown conversion: show it verbatim rather than guess */
		put(o, '%');
		put(o, conv);
		break;
	}
}

int jh_vsnprintf(char *buf, size_t size, const char *fmt, jh_va_list ap)
{
	struct out o = { .buf = buf, .size = size };
	jh_va_list args;

	jh_va_copy(args, ap);
	while (*fmt) {
		struct spec sp = { 0 };
		int longs = 0;

		if (*fmt != '%') {
			put(&o, *fmt++);
			continue;
		}
		fmt++;
		if (*fmt == '%') {
			put(&o, *fmt++);
			continue;
		}
		for (;; fmt++) {
			if (*fmt == '-')
				sp.left = true;
			else if (*fmt == '0')
				sp.zero = true;
			else
				break;
		}
		while (*fmt >= '0' && *fmt <= '9' && sp.width < 4096)
			sp.width = sp.width * 10 + (*fmt++ - '0');
		while (*fmt == 'l' && longs < 2) {
			longs++;
			fmt++;
		}
		if (*fmt == 'z' && !longs) {	/* size_t is unsigned long here */
			longs = 1;
			fmt++;
		}
		if (!*fmt)
			break;
		convert(&o, &sp, *fmt++, longs, &args);
	}
	jh_va_end(args);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int jh_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	jh_va_list ap;
	int n;

	jh_va_start(ap, fmt);
	n = jh_vsnprintf(buf, size, fmt, ap);
	jh_va_end(ap);
	return n;
}
