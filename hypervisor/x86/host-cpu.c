// SPDX-License-Identifier: GPL-2.0
/*
 * The hypervisor's own GDT, TSS and IDT. The GDT uses Linux's kernel
 * selectors (CS 0x10, DS 0x18, TR 0x40), so loading it at entry needs no
 * segment reload and going back needs none either. An exception in the
 * hypervisor is a bug: it is reported and that CPU stops. Three are not:
 * an NMI (a management request or the root's: noted for the next VM
 * entry), a fault of an instruction in the exception table (a guest's
 * value the CPU refused: it resumes at its fixup), and a machine check
 * (the root's Linux handles it: noted for the next VM entry).
 */
#include "hv.h"

struct idt_gate {
	u16 offset0;
	u16 selector;
	u16 flags;	/* IST, type 0xe (interrupt gate), present */
	u16 offset1;
	u32 offset2;
	u32 reserved;
} JH_PACKED;

struct exc_frame {
	u64 r11, r10, r9, r8, rdi, rsi, rbp, rbx, rdx, rcx, rax;
	u64 vector, error;
	u64 rip, cs, rflags, rsp, ss;
};

/* EX_TABLE() entries (processor.h), gathered by jh.lds */
struct ex_entry {
	u64 insn, fixup;
};

#define MCG_STATUS_RIPV		(1ULL << 0)	/* the interrupted code may go on */

extern const u8 exc_stubs[];
extern const struct ex_entry __ex_table_start[], __ex_table_end[];
static bool machine_check[JH_MAX_CPUS];
static struct idt_gate idt[32];
static const struct dtr idtr = { .limit = sizeof(idt) - 1, .base = (u64)idt };

void host_cpu_init(struct per_cpu *c)
{
	u64 tss = (u64)&c->tss, handler;
	struct dtr gdtr = { .limit = sizeof(c->gdt) - 1, .base = (u64)c->gdt };
	int v;

	/* every CPU fills the shared IDT with the same values */
	for (v = 0; v < 32; v++) {
		handler = (u64)exc_stubs + 16 * v;
		idt[v] = (struct idt_gate){
			.offset0 = handler,
			.selector = HOST_CS,
			.flags = 0x8e00,
			.offset1 = handler >> 16,
			.offset2 = handler >> 32,
		};
	}
	memset(c->gdt, 0, sizeof(c->gdt));
	c->gdt[HOST_CS / 8] = 0x00af9b000000ffffULL;	/* 64-bit code */
	c->gdt[HOST_DS / 8] = 0x00cf93000000ffffULL;	/* data */
	c->gdt[HOST_TR / 8] = (sizeof(c->tss) - 1) | ((tss & 0xffffff) << 16) |
			      (0x89ULL << 40) | (((tss >> 24) & 0xff) << 56);
	c->gdt[HOST_TR / 8 + 1] = tss >> 32;
	c->tss.iomap_base = sizeof(c->tss);
	asm volatile("lgdt %0" : : "m"(gdtr));
	asm volatile("lidt %0" : : "m"(idtr));
}

/* From the exception stubs (entry.S) */
void host_exception(struct exc_frame *f);

void host_exception(struct exc_frame *f)
{
	struct per_cpu *c = this_cpu();
	const struct ex_entry *e;

	/* an NMI in the hypervisor: noted for the next VM entry (mgmt.c) */
	if (f->vector == 2) {
		c->nmi_pending = true;
		return;
	}
	for (e = __ex_table_start; e < __ex_table_end; e++)
		if (e->insn == f->rip) {
			f->rip = e->fixup;
			return;
		}
	if (f->vector == 18 && (rdmsr(MSR_MCG_STATUS) & MCG_STATUS_RIPV)) {
		__atomic_store_n(&machine_check[c->cpu], true, __ATOMIC_RELEASE);
		return;
	}
	printk("FATAL: CPU %u: exception %lu (error 0x%lx) in the hypervisor "
	       "at rip 0x%lx, cr2 0x%lx, rsp 0x%lx\n", c->cpu, f->vector,
	       f->error, f->rip, read_cr2(), f->rsp);
	printk("  rax 0x%lx rbx 0x%lx rcx 0x%lx rdx 0x%lx rsi 0x%lx rdi 0x%lx\n",
	       f->rax, f->rbx, f->rcx, f->rdx, f->rsi, f->rdi);
	cpu_park();
}

bool host_machine_check(unsigned int cpu)
{
	/* a plain read first: no locked instruction on every exit */
	return __atomic_load_n(&machine_check[cpu], __ATOMIC_RELAXED) &&
	       __atomic_exchange_n(&machine_check[cpu], false, __ATOMIC_ACQ_REL);
}

/* An IRET to the next instruction ends NMI blocking (see arch.h) */
void nmi_unblock(void)
{
	asm volatile("mov %%rsp, %%rax\n\t"
		     "push %0\n\t"
		     "push %%rax\n\t"
		     "pushf\n\t"
		     "push %1\n\t"
		     "lea 1f(%%rip), %%rax\n\t"
		     "push %%rax\n\t"
		     "iretq\n"
		     "1:"
		     : : "i"((u64)HOST_DS), "i"((u64)HOST_CS) : "rax", "memory", "cc");
}

void cpu_park(void)
{
	this_cpu()->failed = true;
	for (;;)
		asm volatile("cli; hlt");
}
