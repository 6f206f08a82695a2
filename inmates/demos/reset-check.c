// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * reset-check: what a cell finds when it starts (tests/emu/scenarios/
 * harden-memory.sh). Prints one line with the registers VMX does not
 * switch (CR2, DR0-3, DR6, XCR0, the x87 control word, MXCSR, XMM0),
 * "clean" when each holds its value after INIT and FNINIT, and one line
 * with the number of non-zero 8-byte words of its RAM outside the image
 * (root data left there). Then it dirties all of those registers and
 * fills the page at `fill` with 0x5a, so that the next start or the root
 * after destroy can tell whether anything survived. With `watch` it then
 * runs until asked to shut down, checking that the page at `fill` keeps
 * its bytes (the hypervisor must never write into a running cell).
 */
#include <inmate/comm.h>
#include <inmate/console.h>
#include <inmate/inmate.h>
#include <inmate/layout.h>
#include <inmate/x86.h>

#define CR4_OSFXSR	(1UL << 9)
#define CR4_OSXSAVE	(1UL << 18)
#define PATTERN		0x5a5a5a5a5a5a5a5aULL

static uint64_t ram_end = 0x400000, fill = 0x300000;
static bool watch;

static const struct cmdline_param params[] = {
	CMDLINE_U64_PARAM("ram_end", ram_end, "end of the RAM to scan"),
	CMDLINE_U64_PARAM("fill", fill, "page to fill with 0x5a (0: none)"),
	CMDLINE_BOOL_PARAM("watch", watch, "run until shut down, watching the page"),
	CMDLINE_END
};

#define READ(insn) ({ uint64_t v; asm volatile(insn : "=r"(v)); v; })

/* Non-zero words in [INMATE_IMAGE_LIMIT, ram_end) but the comm region */
static uint64_t nonzero_words(void)
{
	uint64_t a, n = 0;

	for (a = INMATE_IMAGE_LIMIT; a < ram_end; a += 8)
		if ((a < COMM_REGION_ADDR || a >= COMM_REGION_ADDR + 0x1000) &&
		    *(volatile uint64_t *)a)
			n++;
	return n;
}

static bool fill_intact(void)
{
	uint64_t a;

	for (a = fill; a < fill + 0x1000; a += 8)
		if (*(volatile uint64_t *)a != PATTERN)
			return false;
	return true;
}

static int reset_check_main(void)
{
	bool xsave = cpuid(1, 0).ecx & (1U << 26), avx = cpuid(1, 0).ecx & (1U << 28);
	uint64_t cr2 = READ("mov %%cr2, %0"), dr[4], dr6 = READ("mov %%db6, %0");
	uint64_t xcr0 = 1, xmm0, a;
	uint32_t lo, hi, mxcsr;
	uint16_t fcw;
	bool clean;

	dr[0] = READ("mov %%db0, %0");
	dr[1] = READ("mov %%db1, %0");
	dr[2] = READ("mov %%db2, %0");
	dr[3] = READ("mov %%db3, %0");
	asm volatile("mov %0, %%cr4" : : "r"(READ("mov %%cr4, %0") | CR4_OSFXSR |
					     (xsave ? CR4_OSXSAVE : 0)));
	if (xsave) {
		asm volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
		xcr0 = lo | (uint64_t)hi << 32;
	}
	asm volatile("fnstcw %0; stmxcsr %1; movq %%xmm0, %2"
		     : "=m"(fcw), "=m"(mxcsr), "=r"(xmm0));
	clean = !cr2 && !(dr[0] | dr[1] | dr[2] | dr[3]) && dr6 == 0xffff0ff0 &&
		xcr0 == 1 && fcw == 0x37f && mxcsr == 0x1f80 && !xmm0;
	printk("reset-check: cr2 0x%lx dr0-3 0x%lx 0x%lx 0x%lx 0x%lx dr6 0x%lx "
	       "xcr0 0x%lx fcw 0x%x mxcsr 0x%x xmm0 0x%lx: %s\n", (unsigned long)cr2,
	       (unsigned long)dr[0], (unsigned long)dr[1], (unsigned long)dr[2],
	       (unsigned long)dr[3], (unsigned long)dr6, (unsigned long)xcr0, fcw,
	       mxcsr, (unsigned long)xmm0, clean ? "clean" : "DIRTY");
	printk("reset-check: %lu non-zero words in RAM 0x%x-0x%lx\n",
	       (unsigned long)nonzero_words(), INMATE_IMAGE_LIMIT, (unsigned long)ram_end);

	/* leave traces everywhere for the next start and for the root */
	asm volatile("mov %0, %%cr2" : : "r"(0xdead0000UL));
	asm volatile("mov %0, %%db0; mov %0, %%db1; mov %0, %%db2; mov %0, %%db3"
		     : : "r"(0x5a000UL));
	asm volatile("mov %0, %%db6" : : "r"(0xffff0ff1UL));
	mxcsr = 0x9f80;
	fcw = 0x27f;
	asm volatile("fldcw %0; ldmxcsr %1; movq %2, %%xmm0"
		     : : "m"(fcw), "m"(mxcsr), "r"(PATTERN));
	if (xsave && avx)
		asm volatile("xsetbv" : : "c"(0), "a"(7), "d"(0));
	for (a = fill; fill && a < fill + 0x1000; a += 8)
		*(volatile uint64_t *)a = PATTERN;
	printk("reset-check: registers dirtied, page 0x%lx filled\n",
	       (unsigned long)fill);
	while (watch && fill) {
		if (!fill_intact()) {
			printk("reset-check: PAGE 0x%lx CHANGED while running\n",
			       (unsigned long)fill);
			return 1;
		}
		if (comm_poll())
			break;
	}
	return 0;
}

INMATE("reset-check", reset_check_main, params);
