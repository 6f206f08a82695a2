/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Interrupt and exception entry: the IDT, handlers per vector. */
#ifndef _INMATE_IRQ_H
#define _INMATE_IRQ_H

#include <jh/types.h>

/* What irq-entry.S leaves on the stack, lowest address first */
struct irq_frame {
	uint64_t entry_tsc;	/* read right after the registers were saved */
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rdi, rsi, rbp, rbx, rdx, rcx, rax;
	uint64_t vector, error;
	/* pushed by the CPU */
	uint64_t rip, cs, rflags, rsp, ss;
};

#define IRQ_FIRST_EXTERNAL	32
#define IRQ_SPURIOUS_VECTOR	0xff

typedef void (*irq_handler_t)(struct irq_frame *frame);
/* Returns true if it dealt with the exception (e.g. moved frame->rip past
 * the faulting instruction); false lets the library report it and halt */
typedef bool (*exception_fixup_t)(struct irq_frame *frame);

/* The first CPU fills the one IDT and loads it; the others only load it */
void idt_init(void);
void idt_load(void);
/* Handles vector (>= 32) with fn; the library sends the EOI after it */
void irq_set_handler(unsigned int vector, irq_handler_t fn);
/* Offers every exception (vectors 0-31, NMI included) to fn first; for
 * inmates that provoke faults on purpose (fuzz-hostile) */
void exception_set_fixup(exception_fixup_t fn);

/* Called by irq-entry.S */
void irq_dispatch(struct irq_frame *frame);
/* Prints vector, error code, RIP, CR2 and every register, then halts */
void __attribute__((noreturn)) exception_report(const struct irq_frame *frame);

#endif /* _INMATE_IRQ_H */
