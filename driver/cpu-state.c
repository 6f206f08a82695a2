// SPDX-License-Identifier: GPL-2.0
/*
 * Linux's state of the calling CPU, in the form the hypervisor's VMCS
 * wants it (guest state = Linux exactly as it was), and the VMX check.
 */
#include <linux/kernel.h>
#include <linux/percpu.h>
#include <asm/processor.h>
#include <asm/special_insns.h>
#include <asm/desc.h>
#include <asm/msr.h>
#include <asm/debugreg.h>

#include "jh-driver.h"

#define AR_UNUSABLE	0x10000

static u64 jh_descriptor_base(const struct desc_ptr *gdt, u16 sel, bool system)
{
	const u32 *d = (const u32 *)(gdt->address + (sel & ~7));
	u64 base;

	base = (d[0] >> 16) | ((u64)(d[1] & 0xff) << 16) | ((u64)(d[1] >> 24) << 24);
	if (system)	/* 16-byte descriptor in long mode */
		base |= (u64)d[2] << 32;
	return base;
}

static void jh_capture_segment(struct jh_segment *s, u16 sel,
			       const struct desc_ptr *gdt, bool system)
{
	u32 ar, limit;
	bool valid;

	memset(s, 0, sizeof(*s));
	s->selector = sel;
	if (!(sel & ~3) || (sel & 4) || (sel | 7) > gdt->size) {
		s->ar = AR_UNUSABLE;
		return;
	}
	asm("lar %k[sel], %[ar]\n\tsetz %[valid]"
	    : [ar] "=r"(ar), [valid] "=qm"(valid) : [sel] "r"((u32)sel));
	if (!valid) {
		s->ar = AR_UNUSABLE;
		return;
	}
	asm("lsl %k[sel], %[limit]" : [limit] "=r"(limit) : [sel] "r"((u32)sel));
	s->ar = (ar >> 8) & 0xf0ff;
	s->limit = limit;
	s->base = jh_descriptor_base(gdt, sel, system);
}

void jh_capture_cpu_state(struct jh_linux_cpu *st)
{
	struct desc_ptr gdt, idt;
	u16 sel;

	native_store_gdt(&gdt);
	store_idt(&idt);
	st->gdt.base = gdt.address;
	st->gdt.limit = gdt.size;
	st->idt.base = idt.address;
	st->idt.limit = idt.size;

	st->cr0 = read_cr0();
	st->cr3 = __read_cr3();
	st->cr4 = __read_cr4();
	rdmsrl(MSR_EFER, st->efer);
	rdmsrl(MSR_IA32_CR_PAT, st->pat);
	rdmsrl(MSR_IA32_DEBUGCTLMSR, st->debugctl);
	rdmsrl(MSR_IA32_SYSENTER_CS, st->sysenter_cs);
	rdmsrl(MSR_IA32_SYSENTER_ESP, st->sysenter_esp);
	rdmsrl(MSR_IA32_SYSENTER_EIP, st->sysenter_eip);
	st->dr7 = native_get_debugreg(7);
	st->rflags = native_save_fl();

	savesegment(cs, sel);
	jh_capture_segment(&st->cs, sel, &gdt, false);
	savesegment(ss, sel);
	jh_capture_segment(&st->ss, sel, &gdt, false);
	savesegment(ds, sel);
	jh_capture_segment(&st->ds, sel, &gdt, false);
	savesegment(es, sel);
	jh_capture_segment(&st->es, sel, &gdt, false);
	savesegment(fs, sel);
	jh_capture_segment(&st->fs, sel, &gdt, false);
	savesegment(gs, sel);
	jh_capture_segment(&st->gs, sel, &gdt, false);
	/* in 64-bit mode only FS and GS have real bases: the MSRs */
	rdmsrl(MSR_FS_BASE, st->fs.base);
	rdmsrl(MSR_GS_BASE, st->gs.base);
	st->cs.base = st->ss.base = st->ds.base = st->es.base = 0;
	asm("str %0" : "=r"(sel));
	jh_capture_segment(&st->tr, sel, &gdt, true);
	asm("sldt %0" : "=r"(sel));
	jh_capture_segment(&st->ldtr, sel, &gdt, true);
}

int jh_vmx_check(char *reason)
{
	u64 feature_control;

	if (boot_cpu_data.x86_vendor != X86_VENDOR_INTEL ||
	    !(cpuid_ecx(1) & BIT(5))) {
		jh_reason(reason, "VMX not supported by this CPU: jh needs an Intel CPU "
			  "with VT-x (in emulation: Bochs with cpu model corei7_skylake_x)");
		return -ENODEV;
	}
	rdmsrl(MSR_IA32_FEAT_CTL, feature_control);
	if ((feature_control & FEAT_CTL_LOCKED) &&
	    !(feature_control & FEAT_CTL_VMX_ENABLED_OUTSIDE_SMX)) {
		jh_reason(reason, "VMX is disabled by the firmware (IA32_FEATURE_CONTROL "
			  "= 0x%llx): enable VT-x in the BIOS setup", feature_control);
		return -ENODEV;
	}
	if (!(feature_control & FEAT_CTL_LOCKED)) {
		jh_reason(reason, "IA32_FEATURE_CONTROL is not locked (0x%llx): enable "
			  "VT-x in the BIOS setup", feature_control);
		return -ENODEV;
	}
	return 0;
}
