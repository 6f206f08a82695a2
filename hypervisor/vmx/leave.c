// SPDX-License-Identifier: GPL-2.0
/*
 * Giving a CPU back to Linux for good: after a failed entry (with the
 * state the driver captured) or on disable (with the guest state in the
 * VMCS). The registers only the hypervisor can reach are restored here;
 * the rest (CR3, descriptor tables, TR, segments, GPRs) by the trampoline.
 */
#include "vmx-cpu.h"
#include "vmx.h"

void jump_to_linux(u64 record, u64 cr3, u64 trampoline) __attribute__((noreturn));

/* struct jh_resume slot of each register number (RSP is separate) */
static const u8 resume_slot[16] = {
	[0] = JH_RS_RAX, [1] = JH_RS_RCX, [2] = JH_RS_RDX, [3] = JH_RS_RBX,
	[5] = JH_RS_RBP, [6] = JH_RS_RSI, [7] = JH_RS_RDI, [8] = JH_RS_R8,
	[9] = JH_RS_R9, [10] = JH_RS_R10, [11] = JH_RS_R11, [12] = JH_RS_R12,
	[13] = JH_RS_R13, [14] = JH_RS_R14, [15] = JH_RS_R15,
};

/*
 * Linux continues with the state l at rip and rsp, its GPRs from regs
 * (NULL: zero) and RAX = result. The VM exit that brought this CPU here
 * loaded host values into the registers VMX switches: Linux's come back.
 */
static void __attribute__((noreturn)) resume_linux(struct per_cpu *c,
						   const struct jh_linux_cpu *l,
						   struct guest_regs *regs, u64 rip,
						   u64 rsp, int result)
{
	struct jh_resume *rs = &boot.resume[c->cpu];
	unsigned int r;

	memset(rs, 0, sizeof(*rs));
	for (r = 0; regs && r < 16; r++)
		if (r != REG_RSP)
			rs->slot[resume_slot[r]] = *guest_reg(regs, r);
	rs->slot[JH_RS_RAX] = (u64)(long)result;
	rs->slot[JH_RS_RIP] = rip;
	rs->slot[JH_RS_RSP] = rsp;
	rs->slot[JH_RS_RFLAGS] = l->rflags;
	/* the GDT and IDT slots are LGDT/LIDT operands */
	*(struct dtr *)&rs->slot[JH_RS_GDT] = (struct dtr){ l->gdt.limit, l->gdt.base };
	*(struct dtr *)&rs->slot[JH_RS_IDT] = (struct dtr){ l->idt.limit, l->idt.base };
	rs->slot[JH_RS_TR] = l->tr.selector;
	rs->slot[JH_RS_DS] = l->ds.selector;
	rs->slot[JH_RS_ES] = l->es.selector;
	rs->slot[JH_RS_FS] = l->fs.selector;
	rs->slot[JH_RS_GS] = l->gs.selector;
	rs->slot[JH_RS_SS] = l->ss.selector;
	rs->slot[JH_RS_FS_BASE] = l->fs.base;
	rs->slot[JH_RS_GS_BASE] = l->gs.base;

	vcpu_cpu_off(c);
	write_cr0(l->cr0);
	write_cr4(l->cr4);
	wrmsr(MSR_EFER, l->efer);
	wrmsr(MSR_PAT, l->pat);
	wrmsr(MSR_DEBUGCTL, l->debugctl);
	wrmsr(MSR_SYSENTER_CS, l->sysenter_cs);
	wrmsr(MSR_SYSENTER_ESP, l->sysenter_esp);
	wrmsr(MSR_SYSENTER_EIP, l->sysenter_eip);
	asm volatile("mov %0, %%dr7" : : "r"(l->dr7));
	boot.cpu_result[c->cpu] = result;
	jump_to_linux(boot.linux_base + ((u64)rs - JH_HV_LINK_BASE), l->cr3,
		      boot.tramp_resume);
}

/* With the state the driver captured, returning err from the entry */
void leave_from_entry(struct per_cpu *c, int err)
{
	resume_linux(c, &boot.cpu[c->cpu], NULL, boot.tramp_entry_return, c->linux_rsp, err);
}

/* The selector and base of a guest segment */
static struct jh_segment vmcs_segment(enum vmx_seg s)
{
	return (struct jh_segment){
		.selector = vmread(GUEST_ES_SELECTOR + 2 * s),
		.base = vmread(GUEST_ES_BASE + 2 * s),
	};
}

/* After the disable hypercall: the guest state, past the VMCALL, RAX = 0 */
void leave_from_guest(struct per_cpu *c, struct guest_regs *regs)
{
	struct jh_linux_cpu l = {
		.cr0 = (vmread(GUEST_CR0) & ~vmx_cr0_mask()) |
		       (vmread(CR0_READ_SHADOW) & vmx_cr0_mask()),
		.cr3 = vmread(GUEST_CR3),
		.cr4 = (vmread(GUEST_CR4) & ~vmx_cr4_mask()) |
		       (vmread(CR4_READ_SHADOW) & vmx_cr4_mask()),
		.efer = vmread(GUEST_IA32_EFER), .pat = vmread(GUEST_IA32_PAT),
		.debugctl = vmread(GUEST_IA32_DEBUGCTL), .dr7 = vmread(GUEST_DR7),
		.rflags = vmread(GUEST_RFLAGS),
		.sysenter_cs = vmread(GUEST_SYSENTER_CS),
		.sysenter_esp = vmread(GUEST_SYSENTER_ESP),
		.sysenter_eip = vmread(GUEST_SYSENTER_EIP),
		.gdt = { vmread(GUEST_GDTR_BASE), vmread(GUEST_GDTR_LIMIT) },
		.idt = { vmread(GUEST_IDTR_BASE), vmread(GUEST_IDTR_LIMIT) },
		.ss = vmcs_segment(SEG_SS), .ds = vmcs_segment(SEG_DS),
		.es = vmcs_segment(SEG_ES), .fs = vmcs_segment(SEG_FS),
		.gs = vmcs_segment(SEG_GS), .tr = vmcs_segment(SEG_TR),
	};

	resume_linux(c, &l, regs, vmread(GUEST_RIP) + vmread(EXIT_INSTRUCTION_LEN),
		     vmread(GUEST_RSP), 0);
}
