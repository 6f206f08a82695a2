// SPDX-License-Identifier: GPL-2.0
/*
 * INIT and SIPI. The root's INIT/SIPI IPIs never reach an APIC (x86/apic.c
 * turns them into management requests), so an INIT exit comes from some
 * other source: a root CPU then waits for SIPI parked in the hypervisor
 * (core/mgmt.c), a cell's fails the cell. No guest is ever put into the
 * wait-for-SIPI activity state, so there is no SIPI exit. A SIPI starts the
 * root CPU in real mode at vector * 4 KiB, which unrestricted guest runs
 * natively.
 */
#include "vmx-cpu.h"
#include "vmx.h"

bool handle_init_signal(struct per_cpu *c, struct guest_regs *regs)
{
	if (c->cell != &root_cell)
		cell_fail(c, "INIT signal");
	c->wait_sipi = true;
	mgmt_park(c);
}

static void real_mode_segment(enum vmx_seg s, u16 sel, u32 ar)
{
	vmwrite(GUEST_ES_SELECTOR + 2 * s, sel);
	vmwrite(GUEST_ES_BASE + 2 * s, (u64)sel << 4);
	vmwrite(GUEST_ES_LIMIT + 2 * s, 0xffff);
	vmwrite(GUEST_ES_AR + 2 * s, ar);
}

/* Architectural state after INIT, with CS:IP where execution starts */
void vmx_reset_real_mode(u64 cs_base, u16 cs_sel, u64 ip)
{
	enum vmx_seg s;

	for (s = SEG_ES; s <= SEG_GS; s++)
		real_mode_segment(s, 0, 0x93);
	real_mode_segment(SEG_CS, cs_sel, 0x9b);
	vmwrite(GUEST_ES_BASE + 2 * SEG_CS, cs_base);
	real_mode_segment(SEG_LDTR, 0, 0x82);
	real_mode_segment(SEG_TR, 0, 0x8b);
	vmwrite(GUEST_GDTR_BASE, 0);
	vmwrite(GUEST_GDTR_LIMIT, 0xffff);
	vmwrite(GUEST_IDTR_BASE, 0);
	vmwrite(GUEST_IDTR_LIMIT, 0xffff);

	/* the reset values of CR0 (CD, NW, ET), CR4, EFER and PAT */
	vmwrite(CR0_READ_SHADOW, X86_CR0_CD | X86_CR0_NW | 0x10);
	vmwrite(GUEST_CR0, vmx_cr0_fix(X86_CR0_CD | X86_CR0_NW | 0x10));
	vmwrite(CR4_READ_SHADOW, 0);
	vmwrite(GUEST_CR4, vmx_cr4_fix(0));
	vmwrite(GUEST_CR3, 0);
	vmwrite(GUEST_IA32_EFER, 0);
	vmwrite(GUEST_IA32_PAT, 0x0007040600070406ULL);
	vmwrite(ENTRY_CONTROLS, vmread(ENTRY_CONTROLS) & ~ENTRY_IA32E);
	vmwrite(GUEST_DR7, 0x400);
	vmwrite(GUEST_IA32_DEBUGCTL, 0);
	vmwrite(GUEST_SYSENTER_CS, 0);
	vmwrite(GUEST_SYSENTER_ESP, 0);
	vmwrite(GUEST_SYSENTER_EIP, 0);
	vmwrite(GUEST_RSP, 0);
	vmwrite(GUEST_RIP, ip);
	vmwrite(GUEST_RFLAGS, 2);
	vmwrite(GUEST_INTERRUPTIBILITY, 0);
	vmwrite(GUEST_PENDING_DBG_EXCEPTIONS, 0);
	vmwrite(GUEST_ACTIVITY_STATE, ACTIVITY_ACTIVE);
	vmwrite(ENTRY_INTR_INFO, 0);
}

void vcpu_sipi(struct per_cpu *c, u8 vector)
{
	vmx_reset_real_mode((u64)vector << 12, vector << 8, 0);
	/* the root's memory map changed while this CPU did not run it */
	vmx_flush_translations();
}
