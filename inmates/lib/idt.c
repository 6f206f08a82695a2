// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* The IDT: every vector goes to its stub in irq-entry.S, then here. */
#include <inmate/irq.h>
#include <inmate/apic.h>
#include <inmate/console.h>
#include <inmate/layout.h>

#define IDT_VECTORS		256
#define IRQ_STUB_SIZE		16
#define GATE_INTERRUPT_PRESENT	0x8e

struct idt_gate {
	uint16_t offset_low;
	uint16_t selector;
	uint8_t ist;
	uint8_t type;
	uint16_t offset_mid;
	uint32_t offset_high;
	uint32_t reserved;
} JH_PACKED;

struct idt_pointer {
	uint16_t limit;
	uint64_t base;
} JH_PACKED;

extern const char irq_stubs[];

static struct idt_gate idt[IDT_VECTORS] __attribute__((aligned(16)));
static irq_handler_t handlers[IDT_VECTORS];
static exception_fixup_t exception_fixup;

void idt_load(void)
{
	struct idt_pointer ptr = {
		.limit = sizeof(idt) - 1,
		.base = (uint64_t)idt,
	};

	asm volatile("lidt %0" : : "m"(ptr));
}

void idt_init(void)
{
	unsigned int v;

	for (v = 0; v < IDT_VECTORS; v++) {
		uint64_t addr = (uint64_t)irq_stubs + v * IRQ_STUB_SIZE;

		idt[v] = (struct idt_gate) {
			.offset_low = addr & 0xffff,
			.selector = GDT_CODE64,
			.type = GATE_INTERRUPT_PRESENT,
			.offset_mid = (addr >> 16) & 0xffff,
			.offset_high = addr >> 32,
		};
	}
	idt_load();
}

void irq_set_handler(unsigned int vector, irq_handler_t fn)
{
	if (vector >= IRQ_FIRST_EXTERNAL && vector < IDT_VECTORS)
		handlers[vector] = fn;
}

void exception_set_fixup(exception_fixup_t fn)
{
	exception_fixup = fn;
}

void irq_dispatch(struct irq_frame *frame)
{
	unsigned int vector = frame->vector;

	if (vector < IRQ_FIRST_EXTERNAL) {
		if (exception_fixup && exception_fixup(frame))
			return;
		exception_report(frame);
	}
	if (vector == IRQ_SPURIOUS_VECTOR)
		return;		/* no EOI for spurious interrupts */
	if (handlers[vector])
		handlers[vector](frame);
	else
		printk("unexpected interrupt, vector %u\n", vector);
	if (x2apic_enabled())
		x2apic_eoi();
}
