// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * violate-insn: executes one privileged instruction with a value or in a
 * way the hypervisor must handle for the cell (tests/emu/scenarios/
 * harden-exits.sh). op= picks it:
 *   xsetbv  XSETBV of value= into XCR0 (x87|SSE = 3 is valid; the
 *           hypervisor checks the SDM's rules and answers #GP otherwise)
 *   wrmsr   WRMSR of value= to msr= (an MTRR by default: the root's)
 *   cr0     MOV to CR0 of the current value with NW set and CD clear
 *           (#GP on hardware) and NE flipped, so that it exits
 *   invd, getsec   the instructions themselves
 *   xmm     leaves value= in XMM0-15 and ends (no violation: a secret a
 *           destroyed cell must not leave to the root, harden-audit.sh)
 * It prints what it is about to do first; on success it says so and
 * returns 0 (the cell shuts down). A #GP or #UD ends it through
 * the library's exception report (the cell fails); the hypervisor may
 * also stop the cell first, with the reason on its console.
 */
#include <inmate/inmate.h>
#include <inmate/console.h>
#include <inmate/x86.h>

#define CR0_NE		(1UL << 5)
#define CR0_NW		(1UL << 29)
#define CR0_CD		(1UL << 30)
#define CR4_OSFXSR	(1UL << 9)
#define CR4_OSXSAVE	(1UL << 18)

static char op[8] = "xsetbv";
static uint64_t value = 3, msr = 0x2ff;

static const struct cmdline_param params[] = {
	CMDLINE_STR_PARAM("op", op, "xsetbv, wrmsr, cr0, invd, getsec or xmm"),
	CMDLINE_U64_PARAM("value", value, "XCR0 or MSR value"),
	CMDLINE_U64_PARAM("msr", msr, "MSR for op=wrmsr"),
	CMDLINE_END
};

static int violate_insn_main(void)
{
	unsigned long cr;

	if (str_equal(op, "xsetbv")) {
		asm volatile("mov %%cr4, %0" : "=r"(cr));
		asm volatile("mov %0, %%cr4" : : "r"(cr | CR4_OSXSAVE));
		printk("violate-insn: about to XSETBV XCR0 0x%lx\n", (unsigned long)value);
		asm volatile("xsetbv" : : "c"(0), "a"((uint32_t)value),
			     "d"((uint32_t)(value >> 32)));
	} else if (str_equal(op, "wrmsr")) {
		printk("violate-insn: about to WRMSR 0x%lx to MSR 0x%lx\n",
		       (unsigned long)value, (unsigned long)msr);
		wrmsr(msr, value);
	} else if (str_equal(op, "cr0")) {
		asm volatile("mov %%cr0, %0" : "=r"(cr));
		cr = ((cr ^ CR0_NE) | CR0_NW) & ~CR0_CD;
		printk("violate-insn: about to MOV 0x%lx to CR0\n", cr);
		asm volatile("mov %0, %%cr0" : : "r"(cr) : "memory");
	} else if (str_equal(op, "invd")) {
		printk("violate-insn: about to INVD\n");
		asm volatile("invd" : : : "memory");
	} else if (str_equal(op, "getsec")) {
		printk("violate-insn: about to GETSEC\n");
		asm volatile("getsec" : : "a"(0) : "rbx", "rcx", "rdx");
	} else if (str_equal(op, "xmm")) {
		asm volatile("mov %%cr4, %0" : "=r"(cr));
		asm volatile("mov %0, %%cr4" : : "r"(cr | CR4_OSFXSR));
		asm volatile("movq %0, %%xmm0; movq %0, %%xmm1; movq %0, %%xmm2;"
			     "movq %0, %%xmm3; movq %0, %%xmm4; movq %0, %%xmm5;"
			     "movq %0, %%xmm6; movq %0, %%xmm7; movq %0, %%xmm8;"
			     "movq %0, %%xmm9; movq %0, %%xmm10; movq %0, %%xmm11;"
			     "movq %0, %%xmm12; movq %0, %%xmm13; movq %0, %%xmm14;"
			     "movq %0, %%xmm15" : : "r"(value));
		printk("violate-insn: 0x%lx left in XMM0-15\n", (unsigned long)value);
	} else {
		printk("violate-insn: op=%s: use xsetbv, wrmsr, cr0, invd, getsec or xmm\n", op);
		return -1;
	}
	printk("violate-insn: op=%s done\n", op);
	return 0;
}

INMATE("violate-insn", violate_insn_main, params);
