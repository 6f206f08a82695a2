// SPDX-License-Identifier: GPL-2.0
/*
 * VM exits: the table of handlers, indexed by basic exit reason. Every
 * exit a guest can cause has a defined outcome: a non-root cell that does
 * what it may not fails (its CPUs stop, the reason on the console); the
 * root cell gets what hardware would give it (#GP, #UD), never a stopped
 * CPU. Only a failed VM entry (a hypervisor bug) or a triple fault of the
 * root (its Linux is gone) still dumps the registers and stops the CPU.
 */
#include <jh/exit-names.h>

#include "vmx-cpu.h"
#include "vmx.h"

#define EXIT_ENTRY_MCE		41	/* a machine check during VM entry */

/*
 * What the guest did has no place here: a cell fails with why, the root
 * gets the exception hardware would raise (#GP with error code 0)
 */
static bool refuse(struct per_cpu *c, unsigned int vector, const char *why)
{
	if (c->cell != &root_cell)
		cell_fail(c, "%s", why);
	return inject_exception(vector, vector == 13, 0);
}

/*
 * A management request (mgmt.c), or an NMI for the root cell's Linux (the
 * exception bitmap is 0: no exception exits here)
 */
static bool handle_nmi(struct per_cpu *c, struct guest_regs *regs)
{
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
			  qual & 4 ? "instruction fetch" : qual & 2 ? "write" : "read", gpa);
	/* the root: an access the emulation refused (reason on the console) */
	return inject_exception(13, true, 0);
}

static bool handle_vmx_instruction(struct per_cpu *c, struct guest_regs *regs)
{
	/* VMX is hidden from cells: behave like a CPU without it */
	return inject_exception(6, false, 0);
}

/* A shutdown: a cell fails; the root's Linux is gone on this CPU */
static bool handle_triple_fault(struct per_cpu *c, struct guest_regs *regs)
{
	guest_fatal(c, regs, "triple fault");
}

/* An NMI waited for the guest to unblock NMIs (vcpu_inject_nmi()) */
static bool handle_nmi_window(struct per_cpu *c, struct guest_regs *regs)
{
	vmwrite(PROC_BASED_CONTROLS, vmread(PROC_BASED_CONTROLS) & ~PROC_NMI_WINDOW);
	vcpu_inject_nmi();
	return true;
}

/* SMX is hidden: GETSEC is #UD as on a CPU without it */
static bool handle_getsec(struct per_cpu *c, struct guest_regs *regs)
{
	return refuse(c, 6, "GETSEC");
}

/* The root's task switch (a 32-bit task gate): not emulated, #GP */
static bool handle_task_switch(struct per_cpu *c, struct guest_regs *regs)
{
	return refuse(c, 13, "task switch");
}

/*
 * INVD would drop dirty lines of every cell's memory: the root gets
 * WBINVD instead, which keeps the data and is what Linux means anyway
 */
static bool handle_invd(struct per_cpu *c, struct guest_regs *regs)
{
	if (c->cell != &root_cell)
		return refuse(c, 13, "INVD");
	asm volatile("wbinvd" : : : "memory");
	return skip_instruction();
}

/* A hypervisor bug in the EPT; the guest's access cannot complete */
static bool handle_ept_misconfig(struct per_cpu *c, struct guest_regs *regs)
{
	printk("jh: CPU %u: EPT misconfiguration at guest-physical 0x%lx\n",
	       c->cpu, vmread(GUEST_PHYSICAL_ADDRESS));
	return refuse(c, 13, "EPT misconfiguration");
}

/* Only a cell CPU with its APIC software-disabled halts here (vmx-cell.c) */
static bool handle_hlt(struct per_cpu *c, struct guest_regs *regs)
{
	cell_cpu_stopped(c);
}

/* VMCALL: code in RAX, arguments in RDI and RSI, result in RAX */
static bool handle_vmcall(struct per_cpu *c, struct guest_regs *regs)
{
	u64 *rax = guest_reg(regs, REG_RAX);

	*rax = guest_cpl() ? -EPERM :
	       hypercall(c, regs, *rax, *guest_reg(regs, REG_RDI),
			 *guest_reg(regs, REG_RSI));
	return skip_instruction();
}

/* By basic exit reason (Intel SDM Vol. 3, Appendix C; <jh/exit-names.h>) */
static const exit_handler_t exit_handlers[JH_EXIT_REASONS] = {
	[0]		= handle_nmi,
	[2]		= handle_triple_fault,
	[3]		= handle_init_signal,
	[8]		= handle_nmi_window,
	[9]		= handle_task_switch,
	[10]		= handle_cpuid,
	[11]		= handle_getsec,
	[12]		= handle_hlt,
	[13]		= handle_invd,
	[18]		= handle_vmcall,
	[19 ... 27]	= handle_vmx_instruction,	/* VMCLEAR..VMXON */
	[28]		= handle_cr_access,
	[30]		= handle_io,
	[31]		= handle_rdmsr,
	[32]		= handle_wrmsr,
	[48]		= handle_ept_violation,
	[49]		= handle_ept_misconfig,
	[50]		= handle_vmx_instruction,	/* INVEPT */
	[53]		= handle_vmx_instruction,	/* INVVPID */
	[55]		= handle_xsetbv,
};

bool skip_instruction(void)
{
	vmwrite(GUEST_RIP, vmread(GUEST_RIP) + vmread(EXIT_INSTRUCTION_LEN));
	return true;
}

bool inject_exception(unsigned int vector, bool has_code, u32 code)
{
	/* real mode pushes no error code (a VM entry with one fails, CPUs before CET) */
	has_code = has_code && (vmread(GUEST_CR0) & X86_CR0_PE);
	vmwrite(ENTRY_INTR_INFO, INTR_INFO_VALID | INTR_TYPE_HW_EXCEPTION | vector |
		(has_code ? INTR_DELIVER_CODE : 0));
	vmwrite(ENTRY_EXCEPTION_ERROR_CODE, code);	/* unused without the bit */
	return true;
}

void vcpu_get_state(struct vcpu_state *s)
{
	u32 cs_ar = vmread(GUEST_ES_AR + 2 * SEG_CS);

	*s = (struct vcpu_state){
		.rip = vmread(GUEST_RIP),
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

/* RSP is in the VMCS, the others where the exit stub pushed them */
u64 vcpu_gpr(struct guest_regs *regs, unsigned int n)
{
	return n == REG_RSP ? vmread(GUEST_RSP) : *guest_reg(regs, n);
}

void vcpu_set_gpr(struct guest_regs *regs, unsigned int n, u64 val)
{
	if (n == REG_RSP)
		vmwrite(GUEST_RSP, val);
	else
		*guest_reg(regs, n) = val;
}

/*
 * An NMI cannot be injected over another event, nor while the guest
 * blocks NMIs (STI and MOV SS shadows, an NMI handler running): the VM
 * entry would fail. Then the NMI window exit injects it when it can.
 */
void vcpu_inject_nmi(void)
{
	if ((vmread(ENTRY_INTR_INFO) & INTR_INFO_VALID) ||
	    (vmread(GUEST_INTERRUPTIBILITY) & (INTERRUPTIBILITY_STI |
		INTERRUPTIBILITY_MOV_SS | INTERRUPTIBILITY_NMI)))
		vmwrite(PROC_BASED_CONTROLS, vmread(PROC_BASED_CONTROLS) | PROC_NMI_WINDOW);
	else
		vmwrite(ENTRY_INTR_INFO, INTR_INFO_VALID | INTR_TYPE_NMI | 2);
}

/*
 * A machine check that hit this CPU in the hypervisor (host-cpu.c) or
 * during a VM entry belongs to the root's Linux (its handler and the
 * rendezvous of all its CPUs): inject it. A cell cannot handle one: fail.
 */
static void reflect_machine_check(struct per_cpu *c)
{
	if (c->cell != &root_cell)
		cell_fail(c, "machine check");
	inject_exception(18, false, 0);
}

unsigned int guest_cpl(void)
{
	return (vmread(GUEST_ES_AR + 2 * SEG_SS) >> 5) & 3;
}

void guest_fatal(struct per_cpu *c, struct guest_regs *regs, const char *why)
{
	u32 reason = vmread(EXIT_REASON) & 0xffff;
	u64 qual = vmread(EXIT_QUALIFICATION);
	unsigned int i;
	static const char *const names[16] = {
		"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
		"r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
	};

	if (c->cell != &root_cell)
		cell_fail(c, "%s: exit %u (%s), qualification 0x%lx", why, reason,
			  jh_exit_name(reason), qual);
	printk("FATAL: CPU %u: %s: exit %u (%s), qualification 0x%lx\n", c->cpu, why,
	       reason, jh_exit_name(reason), qual);
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
		printk("  %s 0x%lx %s 0x%lx %s 0x%lx %s 0x%lx\n",
		       names[i], vcpu_gpr(regs, i), names[i + 1], vcpu_gpr(regs, i + 1),
		       names[i + 2], vcpu_gpr(regs, i + 2), names[i + 3],
		       vcpu_gpr(regs, i + 3));
	printk("  CPU %u of cell '%s' stopped\n", c->cpu, c->cell->config->name);
	cpu_park();
}

void vmx_handle_exit(struct guest_regs *regs)
{
	struct per_cpu *c = this_cpu();
	u32 reason = vmread(EXIT_REASON);
	u32 basic = reason & 0xffff;
	exit_handler_t handler = NULL;

	c->regs = regs;
	if (reason & (1U << 31) && basic == EXIT_ENTRY_MCE) {
		reflect_machine_check(c);
		return;
	}
	if (reason & (1U << 31)) {
		/* the very first entry may fail on guest state: give Linux back */
		if (!c->entered && c->cell == &root_cell)
			leave_from_entry(c, set_status(-EIO, "CPU %u: VM entry failed (exit "
						       "reason %u, qualification 0x%lx)",
						       c->cpu, basic,
						       vmread(EXIT_QUALIFICATION)));
		guest_fatal(c, regs, "VM entry failed");
	}
	c->entered = true;
	c->exits_total++;
	if (basic < JH_EXIT_REASONS) {
		c->exits[basic]++;
		handler = exit_handlers[basic];
	}
	if (!handler) {
		/* an exit jh never asks for: what a CPU without the feature does */
		printk("jh: CPU %u: unexpected VM exit %u (%s)\n", c->cpu, basic,
		       jh_exit_name(basic));
		refuse(c, 6, "unexpected VM exit");
	} else if (!handler(c, regs)) {
		guest_fatal(c, regs, "VM exit refused");
	}
	if (host_machine_check(c->cpu))
		reflect_machine_check(c);
	if (c->nmi_pending)
		nmi_dispatch(c);
	mgmt_check(c);
}
