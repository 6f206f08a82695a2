// SPDX-License-Identifier: GPL-2.0
/* The two memory helpers the compiler may also emit calls to */
#include "hv.h"

/* rep stosb: fast enough to scrub a cell's RAM */
void *memset(void *dst, int c, unsigned long n)
{
	void *d = dst;

	asm volatile("rep stosb" : "+D"(d), "+c"(n) : "a"(c) : "memory");
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
