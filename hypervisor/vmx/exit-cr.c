// SPDX-License-Identifier: GPL-2.0
/*
 * MOV to CR0/CR4 and LMSW on bits the hypervisor owns (CR0.NE, CR4.VMXE
 * and whatever else VMX fixes). The guest's view lives in the read
 * shadow; the real register keeps the fixed bits. Paging switches made
 * here must update EFER.LMA and the IA-32e entry control ourselves. A
 * value hardware would refuse gets #GP: put into the VMCS, it would fail
 * the VM entry instead.
 */
#include "vmx-cpu.h"
#include "vmx.h"

#define CR_ACCESS_MOV_TO	0
#define CR_ACCESS_LMSW		3

static bool set_cr0(u64 val)
{
	u64 old = vmread(GUEST_CR0), efer = vmread(GUEST_IA32_EFER);
	u64 entry = vmread(ENTRY_CONTROLS);
	bool lma;

	if (!cr0_write_valid(old, val, vmread(GUEST_CR4), efer,
			     vmread(GUEST_ES_AR + 2 * SEG_CS) & (1U << 13)))
		return false;

	if (((val ^ old) & X86_CR0_PG) && (efer & EFER_LME)) {
		lma = val & X86_CR0_PG;
		vmwrite(GUEST_IA32_EFER, lma ? efer | EFER_LMA : efer & ~EFER_LMA);
		vmwrite(ENTRY_CONTROLS, lma ? entry | ENTRY_IA32E : entry & ~ENTRY_IA32E);
	}
	vmwrite(CR0_READ_SHADOW, val);
	vmwrite(GUEST_CR0, vmx_cr0_fix(val));
	return true;
}

bool handle_cr_access(struct per_cpu *c, struct guest_regs *regs)
{
	u64 qual = vmread(EXIT_QUALIFICATION);
	unsigned int cr = qual & 15, type = (qual >> 4) & 3, reg = (qual >> 8) & 15;
	u64 val;
	bool ok;

	if (type == CR_ACCESS_LMSW) {
		/* LMSW writes PE, MP, EM, TS and cannot clear PE */
		val = vmread(CR0_READ_SHADOW);
		val = (val & ~0xeULL) | ((qual >> 16) & 0xf) | (val & X86_CR0_PE);
		ok = set_cr0(val);
	} else if (type != CR_ACCESS_MOV_TO || (cr != 0 && cr != 4)) {
		/* jh asks for no other CR exit (no CR3/CR8 exiting, no CLTS) */
		return inject_exception(6, false, 0);
	} else {
		val = vcpu_gpr(regs, reg);
		/* VMX stays hidden; bits VMX cannot set are reserved */
		ok = cr == 0 ? set_cr0(val) :
		     !(val & X86_CR4_VMXE) && !(val & ~vmx_cr4_fix(~0ULL));
		if (ok && cr == 4) {
			vmwrite(CR4_READ_SHADOW, val);
			vmwrite(GUEST_CR4, vmx_cr4_fix(val));
		}
	}
	return ok ? skip_instruction() : inject_exception(13, true, 0);
}
