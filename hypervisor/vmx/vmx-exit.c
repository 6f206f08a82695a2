// SPDX-License-Identifier: GPL-2.0
/*
 * VM exits: the table of handlers, indexed by basic exit reason. An exit
 * without a handler, or one its handler refuses, is fatal for the cell on
 * that CPU: a register dump on the console and the CPU stops.
 */
#include <jh/exit-names.h>

#include "vmx-cpu.h"
#include "vmx.h"

enum exit_reason {
	EXIT_NMI		= 0,
	EXIT_INIT_SIGNAL	= 3,
	EXIT_CPUID		= 10,
	EXIT_VMCALL		= 18,
	EXIT_CR_ACCESS		= 28,
	EXIT_IO			= 30,
	EXIT_RDMSR		= 31,
	EXIT_WRMSR		= 32,
	EXIT_EPT_VIOLATION	= 48,
	EXIT_XSETBV		= 55,
};

/* A management request (mgmt.c), or an NMI for the root cell's Linux */
static bool handle_nmi(struct per_cpu *c, struct guest_regs *regs)
{
	if ((vmread(EXIT_INTR_INFO) & INTR_TYPE_MASK) != INTR_TYPE_NMI)
		return false;
	c->nmi_pending = true;
	/* the NMI exit left NMIs blocked (Bochs keeps them so into the guest) */
	nmi_unblock();
	return true;
}

static bool handle_ept_violation(struct per_cpu *c, struct guest_regs *regs)
{
	u64 qual = vmread(EXIT_QUALIFICATION), gpa = vmread(GUEST_PHYSICAL_ADDRESS);

	if (mmio_access(c, regs, gpa, qual & 2) == 1)
		return true;
	if (c->cell != &root_cell)
		cell_fail(c, "%s access outside its memory at guest-physical 0x%lx",
			  qual & 4 ? "instruction fetch" : qual & 2 ? "write" : "read",
			  gpa);
	/* the root: an access the emulation refused (reason on the console) */
	inject_exception(13, true, 0);
	return true;
}

static bool handle_vmx_instruction(struct per_cpu *c, struct guest_regs *regs)
{
	/* VMX is hidden from cells: behave like a CPU without it */
	inject_exception(6, false, 0);
	return true;
}

/* VMCALL: code in RAX, arguments in RDI and RSI, result in RAX */
static bool handle_vmcall(struct per_cpu *c, struct guest_regs *regs)
{
	u64 *rax = guest_reg(regs, REG_RAX);

	*rax = guest_cpl() ? -EPERM :
	       hypercall(c, regs, *rax, *guest_reg(regs, REG_RDI),
			 *guest_reg(regs, REG_RSI));
	skip_instruction();
	return true;
}

static const exit_handler_t exit_handlers[JH_EXIT_REASONS] = {
	[EXIT_NMI]		= handle_nmi,
	[EXIT_INIT_SIGNAL]	= handle_init_signal,
	[EXIT_CPUID]		= handle_cpuid,
	[EXIT_VMCALL]		= handle_vmcall,
	[19 ... 27]		= handle_vmx_instruction,	/* VMCLEAR..VMXON */
	[EXIT_CR_ACCESS]	= handle_cr_access,
	[EXIT_IO]		= handle_io,
	[EXIT_RDMSR]		= handle_rdmsr,
	[EXIT_WRMSR]		= handle_wrmsr,
	[50]			= handle_vmx_instruction,	/* INVEPT */
	[EXIT_EPT_VIOLATION]	= handle_ept_violation,
	[53]			= handle_vmx_instruction,	/* INVVPID */
	[EXIT_XSETBV]		= handle_xsetbv,
};

void skip_instruction(void)
{
	vmwrite(GUEST_RIP, vmread(GUEST_RIP) + vmread(EXIT_INSTRUCTION_LEN));
}

void inject_exception(unsigned int vector, bool has_code, u32 code)
{
	vmwrite(ENTRY_INTR_INFO, INTR_INFO_VALID | INTR_TYPE_HW_EXCEPTION | vector |
		(has_code ? INTR_DELIVER_CODE : 0));
	if (has_code)
		vmwrite(ENTRY_EXCEPTION_ERROR_CODE, code);
}

void vcpu_get_state(struct vcpu_state *s)
{
	u32 cs_ar = vmread(GUEST_ES_AR + 2 * SEG_CS);

	*s = (struct vcpu_state){
		.rip = vmread(GUEST_RIP), .rsp = vmread(GUEST_RSP),
		.cr0 = vmread(GUEST_CR0), .cr3 = vmread(GUEST_CR3),
		.cr4 = vmread(GUEST_CR4), .efer = vmread(GUEST_IA32_EFER),
		.cs_base = vmread(GUEST_ES_BASE + 2 * SEG_CS),
		.cs_long = cs_ar & (1U << 13), .cs_32 = cs_ar & (1U << 14),
	};
}

void vcpu_set_rip(u64 rip)
{
	vmwrite(GUEST_RIP, rip);
}

void vcpu_set_rsp(u64 rsp)
{
	vmwrite(GUEST_RSP, rsp);
}

bool vcpu_inject_nmi(void)
{
	if ((vmread(ENTRY_INTR_INFO) & INTR_INFO_VALID) ||
	    (vmread(GUEST_INTERRUPTIBILITY) & INTERRUPTIBILITY_NMI))
		return false;
	vmwrite(ENTRY_INTR_INFO, INTR_INFO_VALID | INTR_TYPE_NMI | 2);
	return true;
}

unsigned int guest_cpl(void)
{
	return (vmread(GUEST_ES_AR + 2 * SEG_SS) >> 5) & 3;
}

void guest_fatal(struct per_cpu *c, struct guest_regs *regs, const char *why)
{
	u32 reason = vmread(EXIT_REASON);
	unsigned int i;
	static const char *const names[16] = {
		"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
		"r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
	};

	if (c->cell != &root_cell)
		cell_fail(c, "%s: exit %u (%s), qualification 0x%lx", why,
			  reason & 0xffff, jh_exit_name(reason & 0xffff),
			  vmread(EXIT_QUALIFICATION));
	printk("FATAL: CPU %u: %s: exit %u (%s), qualification 0x%lx\n",
	       c->cpu, why, reason & 0xffff, jh_exit_name(reason & 0xffff),
	       vmread(EXIT_QUALIFICATION));
	printk("  rip 0x%lx rsp 0x%lx rflags 0x%lx cs 0x%lx cpl %u\n",
	       vmread(GUEST_RIP), vmread(GUEST_RSP), vmread(GUEST_RFLAGS),
	       vmread(GUEST_ES_SELECTOR + 2 * SEG_CS), guest_cpl());
	printk("  cr0 0x%lx cr3 0x%lx cr4 0x%lx efer 0x%lx\n",
	       vmread(CR0_READ_SHADOW), vmread(GUEST_CR3), vmread(CR4_READ_SHADOW),
	       vmread(GUEST_IA32_EFER));
	printk("  guest-phys 0x%lx linear 0x%lx interruptibility 0x%lx activity %lu\n",
	       vmread(GUEST_PHYSICAL_ADDRESS), vmread(GUEST_LINEAR_ADDRESS),
	       vmread(GUEST_INTERRUPTIBILITY), vmread(GUEST_ACTIVITY_STATE));
	for (i = 0; i < 16; i += 4)
		if (i != REG_RSP)
			printk("  %s 0x%lx %s 0x%lx %s 0x%lx %s 0x%lx\n",
			       names[i], *guest_reg(regs, i), names[i + 1],
			       *guest_reg(regs, i + 1), names[i + 2],
			       *guest_reg(regs, i + 2), names[i + 3],
			       *guest_reg(regs, i + 3));
		else
			printk("  rsp - rbp 0x%lx rsi 0x%lx rdi 0x%lx\n",
			       *guest_reg(regs, 5), *guest_reg(regs, 6),
			       *guest_reg(regs, 7));
	printk("  CPU %u of cell '%s' stopped\n", c->cpu, c->cell->config->name);
	c->failed = true;
	cpu_park();
}

void vmx_handle_exit(struct guest_regs *regs)
{
	struct per_cpu *c = this_cpu();
	u32 reason = vmread(EXIT_REASON);
	u32 basic = reason & 0xffff;
	exit_handler_t handler = NULL;

	c->regs = regs;
	if (reason & (1U << 31)) {
		/* the very first entry may fail on guest state: give Linux back */
		if (!c->entered && c->cell == &root_cell) {
			set_status(-EIO, "CPU %u: VM entry failed (exit reason %u, "
				   "qualification 0x%lx)", c->cpu, basic,
				   vmread(EXIT_QUALIFICATION));
			leave_from_entry(c, -EIO);
		}
		guest_fatal(c, regs, "VM entry failed");
	}
	c->entered = true;
	c->exits_total++;
	if (basic < JH_EXIT_REASONS) {
		c->exits[basic]++;
		handler = exit_handlers[basic];
	}
	if (!handler)
		guest_fatal(c, regs, "unhandled VM exit");
	if (!handler(c, regs))
		guest_fatal(c, regs, "VM exit refused");
	if (c->nmi_pending)
		nmi_dispatch(c);
	mgmt_check(c);
}
