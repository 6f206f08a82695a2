/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * jh_snprintf: the one freestanding formatter of jh. The validator's
 * messages, the hypervisor's printk and the inmates' printing all use it;
 * do not write another.
 *
 * Conversions: %s %c %d %i %u %x %X %p %%, with the length modifiers l and
 * ll (%ld %lld %lu %llu %lx %llx) and z (%zu), a field width, '0' (zero pad) and '-'
 * (left align). Always NUL-terminates when size > 0 and returns the length
 * the full output would have had, like C99 snprintf.
 */
#ifndef _JH_FORMAT_H
#define _JH_FORMAT_H

#include <jh/types.h>

/* The compiler's own va_list, so no libc or kernel header is needed */
typedef __builtin_va_list jh_va_list;
#define jh_va_start(ap, last)	__builtin_va_start(ap, last)
#define jh_va_end(ap)		__builtin_va_end(ap)
#define jh_va_arg(ap, type)	__builtin_va_arg(ap, type)
#define jh_va_copy(d, s)	__builtin_va_copy(d, s)

int jh_vsnprintf(char *buf, size_t size, const char *fmt, jh_va_list ap)
	__attribute__((format(printf, 3, 0)));
int jh_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif /* _JH_FORMAT_H */
