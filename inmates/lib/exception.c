// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Reports a CPU exception with everything needed to find its cause, then
 * halts this CPU. */
#include <inmate/irq.h>
#include <inmate/comm.h>
#include <inmate/console.h>
#include <inmate/x86.h>

static const char *const exception_names[IRQ_FIRST_EXTERNAL] = {
	[0] = "#DE divide error",
	[1] = "#DB debug",
	[2] = "NMI",
	[3] = "#BP breakpoint",
	[4] = "#OF overflow",
	[5] = "#BR bound range",
	[6] = "#UD invalid opcode",
	[7] = "#NM device not available",
	[8] = "#DF double fault",
	[10] = "#TS invalid TSS",
	[11] = "#NP segment not present",
	[12] = "#SS stack fault",
	[13] = "#GP general protection",
	[14] = "#PF page fault",
	[16] = "#MF x87 error",
	[17] = "#AC alignment check",
	[18] = "#MC machine check",
	[19] = "#XM SIMD error",
	[20] = "#VE virtualization exception",
	[21] = "#CP control protection",
};

static uint64_t read_cr2(void)
{
	uint64_t cr2;

	asm volatile("mov %%cr2, %0" : "=r"(cr2));
	return cr2;
}

void exception_report(const struct irq_frame *f)
{
	static bool reporting;
	const char *name = exception_names[f->vector];

	/* a fault while printing (a broken console) must not recurse */
	if (reporting)
		halt_forever();
	reporting = true;

	printk("\nFATAL: exception %lu (%s), error code 0x%lx\n",
	       (unsigned long)f->vector, name ? name : "reserved",
	       (unsigned long)f->error);
	printk("RIP 0x%016lx CS 0x%lx RFLAGS 0x%lx CR2 0x%016lx\n",
	       (unsigned long)f->rip, (unsigned long)f->cs,
	       (unsigned long)f->rflags, (unsigned long)read_cr2());
	printk("RAX 0x%016lx RBX 0x%016lx RCX 0x%016lx\n",
	       (unsigned long)f->rax, (unsigned long)f->rbx, (unsigned long)f->rcx);
	printk("RDX 0x%016lx RSI 0x%016lx RDI 0x%016lx\n",
	       (unsigned long)f->rdx, (unsigned long)f->rsi, (unsigned long)f->rdi);
	printk("RBP 0x%016lx RSP 0x%016lx R8  0x%016lx\n",
	       (unsigned long)f->rbp, (unsigned long)f->rsp, (unsigned long)f->r8);
	printk("R9  0x%016lx R10 0x%016lx R11 0x%016lx\n",
	       (unsigned long)f->r9, (unsigned long)f->r10, (unsigned long)f->r11);
	printk("R12 0x%016lx R13 0x%016lx R14 0x%016lx\n",
	       (unsigned long)f->r12, (unsigned long)f->r13, (unsigned long)f->r14);
	printk("R15 0x%016lx\nCPU halted\n", (unsigned long)f->r15);
	comm_report_failed();
	halt_forever();
}
