// SPDX-License-Identifier: GPL-2.0
/*
 * jh-cpuid LEAF [SUBLEAF]: prints "eax ebx ecx edx" of one CPUID leaf as
 * the calling CPU sees it right now (/proc/cpuinfo only shows what the
 * kernel saw at boot, before the hypervisor started).
 */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	unsigned int a, b, c, d;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: jh-cpuid LEAF [SUBLEAF]\n");
		return 2;
	}
	a = strtoul(argv[1], NULL, 0);
	c = argc == 3 ? strtoul(argv[2], NULL, 0) : 0;
	asm volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	printf("0x%08x 0x%08x 0x%08x 0x%08x\n", a, b, c, d);
	return 0;
}
