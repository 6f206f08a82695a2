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

static void set_dtr(struct jh_resume *rs, unsigned int slot, u64 base, u16 limit)
{
	struct dtr *d = (struct dtr *)&rs->slot[slot];

	d->limit = limit;
	d->base = base;
}

static void __attribute__((noreturn)) go(struct per_cpu *c, struct jh_resume *rs,
					 u64 cr3)
{
	u64 record = boot.linux_base + ((u64)rs - JH_HV_LINK_BASE);

	jump_to_linux(record, cr3, boot.tramp_resume);
}

void leave_from_entry(struct per_cpu *c, int err)
{
	const struct jh_linux_cpu *l = &boot.cpu[c->cpu];
	struct jh_resume *rs = &boot.resume[c->cpu];

	vcpu_cpu_off(c);
	write_cr4(l->cr4);
	boot.cpu_result[c->cpu] = err;
	memset(rs, 0, sizeof(*rs));
	rs->slot[JH_RS_RAX] = (u64)(long)err;
	rs->slot[JH_RS_RIP] = boot.tramp_entry_return;
	rs->slot[JH_RS_RSP] = c->linux_rsp;
	rs->slot[JH_RS_RFLAGS] = l->rflags;
	set_dtr(rs, JH_RS_GDT, l->gdt.base, l->gdt.limit);
	set_dtr(rs, JH_RS_IDT, l->idt.base, l->idt.limit);
	rs->slot[JH_RS_TR] = l->tr.selector;
	rs->slot[JH_RS_DS] = l->ds.selector;
	rs->slot[JH_RS_ES] = l->es.selector;
	rs->slot[JH_RS_FS] = l->fs.selector;
	rs->slot[JH_RS_GS] = l->gs.selector;
	rs->slot[JH_RS_SS] = l->ss.selector;
	rs->slot[JH_RS_FS_BASE] = l->fs.base;
	rs->slot[JH_RS_GS_BASE] = l->gs.base;
	go(c, rs, l->cr3);
}

/* struct jh_resume slot of each register number (RSP is separate) */
static const u8 resume_slot[16] = {
	[0] = JH_RS_RAX, [1] = JH_RS_RCX, [2] = JH_RS_RDX, [3] = JH_RS_RBX,
	[5] = JH_RS_RBP, [6] = JH_RS_RSI, [7] = JH_RS_RDI, [8] = JH_RS_R8,
	[9] = JH_RS_R9, [10] = JH_RS_R10, [11] = JH_RS_R11, [12] = JH_RS_R12,
	[13] = JH_RS_R13, [14] = JH_RS_R14, [15] = JH_RS_R15,
};

static u64 guest_selector(enum vmx_seg s)
{
	return vmread(GUEST_ES_SELECTOR + 2 * s);
}

void leave_from_guest(struct per_cpu *c, struct guest_regs *regs)
{
	struct jh_resume *rs = &boot.resume[c->cpu];
	u64 cr0, cr4, cr3 = vmread(GUEST_CR3);
	u64 efer = vmread(GUEST_IA32_EFER), pat = vmread(GUEST_IA32_PAT);
	u64 debugctl = vmread(GUEST_IA32_DEBUGCTL), dr7 = vmread(GUEST_DR7);
	u64 sysenter_cs = vmread(GUEST_SYSENTER_CS);
	u64 sysenter_esp = vmread(GUEST_SYSENTER_ESP);
	u64 sysenter_eip = vmread(GUEST_SYSENTER_EIP);
	unsigned int r;

	cr0 = (vmread(GUEST_CR0) & ~vmx_cr0_mask()) |
	      (vmread(CR0_READ_SHADOW) & vmx_cr0_mask());
	cr4 = (vmread(GUEST_CR4) & ~vmx_cr4_mask()) |
	      (vmread(CR4_READ_SHADOW) & vmx_cr4_mask());
	memset(rs, 0, sizeof(*rs));
	for (r = 0; r < 16; r++)
		if (r != REG_RSP)
			rs->slot[resume_slot[r]] = *guest_reg(regs, r);
	rs->slot[JH_RS_RAX] = 0;	/* the hypercall's result */
	rs->slot[JH_RS_RIP] = vmread(GUEST_RIP) + vmread(EXIT_INSTRUCTION_LEN);
	rs->slot[JH_RS_RSP] = vmread(GUEST_RSP);
	rs->slot[JH_RS_RFLAGS] = vmread(GUEST_RFLAGS);
	set_dtr(rs, JH_RS_GDT, vmread(GUEST_GDTR_BASE), vmread(GUEST_GDTR_LIMIT));
	set_dtr(rs, JH_RS_IDT, vmread(GUEST_IDTR_BASE), vmread(GUEST_IDTR_LIMIT));
	rs->slot[JH_RS_TR] = guest_selector(SEG_TR);
	rs->slot[JH_RS_DS] = guest_selector(SEG_DS);
	rs->slot[JH_RS_ES] = guest_selector(SEG_ES);
	rs->slot[JH_RS_FS] = guest_selector(SEG_FS);
	rs->slot[JH_RS_GS] = guest_selector(SEG_GS);
	rs->slot[JH_RS_SS] = guest_selector(SEG_SS);
	rs->slot[JH_RS_FS_BASE] = vmread(GUEST_ES_BASE + 2 * SEG_FS);
	rs->slot[JH_RS_GS_BASE] = vmread(GUEST_ES_BASE + 2 * SEG_GS);

	vcpu_cpu_off(c);
	write_cr0(cr0);
	write_cr4(cr4);
	wrmsr(MSR_EFER, efer);
	wrmsr(MSR_PAT, pat);
	wrmsr(MSR_DEBUGCTL, debugctl);
	wrmsr(MSR_SYSENTER_CS, sysenter_cs);
	wrmsr(MSR_SYSENTER_ESP, sysenter_esp);
	wrmsr(MSR_SYSENTER_EIP, sysenter_eip);
	asm volatile("mov %0, %%dr7" : : "r"(dr7));
	boot.cpu_result[c->cpu] = 0;
	go(c, rs, cr3);
}
