// SPDX-License-Identifier: GPL-2.0
/* The two memory helpers the compiler may also emit calls to */
#include "hv.h"

void *memset(void *dst, int c, unsigned long n)
{
	u8 *d = dst;

	while (n--)
		*d++ = c;
	return dst;
}

void *memcpy(void *dst, const void *src, unsigned long n)
{
	u8 *d = dst;
	const u8 *s = src;

	while (n--)
		*d++ = *s++;
	return dst;
}
