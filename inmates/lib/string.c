// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* The memory functions the compiler may call on its own, even freestanding
 * (struct copies and initializers). */
#include <jh/types.h>

void *memset(void *s, int c, size_t n);
void *memcpy(void *dest, const void *src, size_t n);

void *memset(void *s, int c, size_t n)
{
	unsigned char *p = s;

	while (n--)
		*p++ = c;
	return s;
}

void *memcpy(void *dest, const void *src, size_t n)
{
	unsigned char *d = dest;
	const unsigned char *s = src;

	while (n--)
		*d++ = *s++;
	return dest;
}
