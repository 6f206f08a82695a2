// SPDX-License-Identifier: GPL-2.0
/*
 * VMX on one CPU: VMXON, and a VMCS whose guest state is Linux exactly as
 * the driver captured it, so that the first VM entry resumes Linux at the
 * trampoline's return point as the root cell.
 */
#include "vmx-cpu.h"
#include "vmx.h"

#define BASIC_TRUE_CTLS		(1ULL << 55)
#define CPUID1_ECX_XSAVE	(1U << 26)

extern u8 vmx_exit[];

static u64 cr0_fixed0, cr0_fixed1, cr4_fixed0, cr4_fixed1;

u64 vmx_cr0_mask(void)
{
	/* unrestricted guest: PE and PG are the guest's */
	return cr0_fixed0 & ~(X86_CR0_PE | X86_CR0_PG) & 0xffffffffUL;
}

u64 vmx_cr4_mask(void)
{
	return cr4_fixed0 & 0xffffffffUL;
}

u64 vmx_cr0_fix(u64 val)
{
	return (val | vmx_cr0_mask()) & cr0_fixed1;
}

u64 vmx_cr4_fix(u64 val)
{
	return (val | cr4_fixed0) & cr4_fixed1;
}

/* Control value with the CPU's fixed bits; -1 if a wanted bit is missing */
static int controls(u32 msr, u32 true_msr, u32 want, u32 optional, u32 *out)
{
	u64 caps = rdmsr((rdmsr(MSR_VMX_BASIC) & BASIC_TRUE_CTLS) ? true_msr : msr);
	u32 allowed0 = caps, allowed1 = caps >> 32;

	*out = ((want | (optional & allowed1)) | allowed0) & allowed1;
	return (*out & want) == want ? 0 : -1;
}

/* What jh relies on beyond the controls (vmx_set_controls() checks those) */
static int vmx_caps_check(struct per_cpu *c)
{
	u64 missing = ~rdmsr(MSR_VMX_EPT_VPID_CAP) & EPT_VPID_CAP_NEEDED;
	const char *feature;

	if (missing)
		return set_status(-ENODEV, "CPU %u: EPT/VPID lacks what jh uses (4-level walk, "
				  "UC and WB types, 2 MiB pages, all-context INVEPT and "
				  "INVVPID): IA32_VMX_EPT_VPID_CAP misses 0x%lx", c->cpu,
				  missing);
	/* Linux may use it already and would #UD in VMX non-root operation */
	feature = cpuid_needs_missing(rdmsr(MSR_VMX_PROCBASED2) >> 32);
	if (feature)
		return set_status(-ENODEV, "CPU %u: the CPU has %s but VMX cannot let a guest "
				  "use it (secondary control missing): boot Linux without it "
				  "(e.g. clearcpuid=)", c->cpu, feature);
	return 0;
}

/* VMXON, then this CPU's VMCS cleared and made current */
static int vmx_on(struct per_cpu *c)
{
	u64 fc = rdmsr(MSR_FEATURE_CONTROL), phys;
	u32 revision = rdmsr(MSR_VMX_BASIC) & 0x7fffffff, a, b, cx, d;
	u8 fail;

	cpuid(1, 0, &a, &b, &cx, &d);
	if (!(cx & (1U << 5)) || !(fc & 1) || !(fc & 4))
		return set_status(-ENODEV, "CPU %u: VMX not supported or disabled "
				  "(IA32_FEATURE_CONTROL 0x%lx)", c->cpu, fc);
	if (read_cr4() & X86_CR4_VMXE)
		return set_status(-EBUSY, "CPU %u: CR4.VMXE is already set: another "
				  "hypervisor (kvm_intel?) uses VMX; unload it", c->cpu);
	if (vmx_caps_check(c))
		return -ENODEV;
	cr0_fixed0 = rdmsr(MSR_VMX_CR0_FIXED0);
	cr0_fixed1 = rdmsr(MSR_VMX_CR0_FIXED1);
	cr4_fixed0 = rdmsr(MSR_VMX_CR4_FIXED0);
	cr4_fixed1 = rdmsr(MSR_VMX_CR4_FIXED1);
	if ((read_cr0() | cr0_fixed0) != read_cr0())
		return set_status(-EIO, "CPU %u: CR0 0x%lx lacks bits VMX needs (0x%lx)",
				  c->cpu, read_cr0(), cr0_fixed0);
	/* XSETBV for a guest needs OSXSAVE in the host, whatever Linux chose */
	write_cr4(read_cr4() | X86_CR4_VMXE | (cx & CPUID1_ECX_XSAVE ? X86_CR4_OSXSAVE : 0));
	*(u32 *)c->vcpu_pages[0] = revision;
	phys = hv_virt_to_phys(c->vcpu_pages[0]);
	asm volatile("vmxon %1; setna %0" : "=q"(fail) : "m"(phys) : "cc", "memory");
	if (fail) {
		write_cr4(read_cr4() & ~X86_CR4_VMXE);
		return set_status(-EIO, "CPU %u: VMXON failed", c->cpu);
	}
	c->vcpu_on = true;
	/* no field of a VMCS this CPU used before (its VM-instruction error) */
	memset(c->vcpu_pages[1], 0, PAGE_SIZE);
	*(u32 *)c->vcpu_pages[1] = revision;
	phys = hv_virt_to_phys(c->vcpu_pages[1]);
	asm volatile("vmclear %1; setna %0" : "=q"(fail) : "m"(phys) : "cc", "memory");
	if (!fail)
		asm volatile("vmptrld %1; setna %0" : "=q"(fail) : "m"(phys) : "cc", "memory");
	if (fail)
		return set_status(-EIO, "CPU %u: VMCLEAR/VMPTRLD failed", c->cpu);
	return 0;
}

void vcpu_cpu_off(struct per_cpu *c)
{
	if (!c->vcpu_on)
		return;
	asm volatile("vmxoff" : : : "cc", "memory");
	c->vcpu_on = false;
	write_cr4(read_cr4() & ~X86_CR4_VMXE);
}

static void guest_segment(enum vmx_seg s, const struct jh_segment *seg)
{
	vmwrite(GUEST_ES_SELECTOR + 2 * s, seg->selector);
	vmwrite(GUEST_ES_BASE + 2 * s, seg->base);
	vmwrite(GUEST_ES_LIMIT + 2 * s, seg->limit);
	vmwrite(GUEST_ES_AR + 2 * s, seg->ar);
}

static void vmcs_guest_state(struct per_cpu *c)
{
	const struct jh_linux_cpu *l = &boot.cpu[c->cpu];

	guest_segment(SEG_ES, &l->es);
	guest_segment(SEG_CS, &l->cs);
	guest_segment(SEG_SS, &l->ss);
	guest_segment(SEG_DS, &l->ds);
	guest_segment(SEG_FS, &l->fs);
	guest_segment(SEG_GS, &l->gs);
	guest_segment(SEG_LDTR, &l->ldtr);
	guest_segment(SEG_TR, &l->tr);
	vmwrite(GUEST_GDTR_BASE, l->gdt.base);
	vmwrite(GUEST_GDTR_LIMIT, l->gdt.limit);
	vmwrite(GUEST_IDTR_BASE, l->idt.base);
	vmwrite(GUEST_IDTR_LIMIT, l->idt.limit);

	vmwrite(GUEST_CR0, vmx_cr0_fix(l->cr0));
	vmwrite(CR0_READ_SHADOW, l->cr0);
	vmwrite(CR0_GUEST_HOST_MASK, vmx_cr0_mask());
	vmwrite(GUEST_CR3, l->cr3);
	vmwrite(GUEST_CR4, vmx_cr4_fix(l->cr4));
	vmwrite(CR4_READ_SHADOW, l->cr4);
	vmwrite(CR4_GUEST_HOST_MASK, vmx_cr4_mask());
	vmwrite(GUEST_DR7, l->dr7);
	vmwrite(GUEST_IA32_DEBUGCTL, l->debugctl);
	vmwrite(GUEST_IA32_PAT, l->pat);
	vmwrite(GUEST_IA32_EFER, l->efer);
	vmwrite(GUEST_SYSENTER_CS, l->sysenter_cs);
	vmwrite(GUEST_SYSENTER_ESP, l->sysenter_esp);
	vmwrite(GUEST_SYSENTER_EIP, l->sysenter_eip);

	/* Linux continues where the trampoline would have returned */
	vmwrite(GUEST_RSP, c->linux_rsp);
	vmwrite(GUEST_RIP, boot.tramp_entry_return);
	vmwrite(GUEST_RFLAGS, l->rflags | 2);
	vmwrite(GUEST_ACTIVITY_STATE, ACTIVITY_ACTIVE);
	vmwrite(GUEST_INTERRUPTIBILITY, 0);
	vmwrite(GUEST_PENDING_DBG_EXCEPTIONS, 0);
	vmwrite(VMCS_LINK_POINTER, ~0ULL);
}

static void vmcs_host_state(struct per_cpu *c)
{
	struct dtr idtr;

	asm volatile("sidt %0" : "=m"(idtr));	/* host_cpu_init() loaded it */
	vmwrite(HOST_CR0, read_cr0());
	vmwrite(HOST_CR3, read_cr3());
	vmwrite(HOST_CR4, read_cr4());
	vmwrite(HOST_CS_SELECTOR, HOST_CS);
	vmwrite(HOST_SS_SELECTOR, HOST_DS);
	vmwrite(HOST_DS_SELECTOR, HOST_DS);
	vmwrite(HOST_ES_SELECTOR, HOST_DS);
	vmwrite(HOST_FS_SELECTOR, 0);
	vmwrite(HOST_GS_SELECTOR, 0);
	vmwrite(HOST_TR_SELECTOR, HOST_TR);
	vmwrite(HOST_FS_BASE, 0);
	vmwrite(HOST_GS_BASE, 0);
	vmwrite(HOST_TR_BASE, (u64)&c->tss);
	vmwrite(HOST_GDTR_BASE, (u64)c->gdt);
	vmwrite(HOST_IDTR_BASE, idtr.base);
	vmwrite(HOST_SYSENTER_CS, 0);
	vmwrite(HOST_SYSENTER_ESP, 0);
	vmwrite(HOST_SYSENTER_EIP, 0);
	vmwrite(HOST_IA32_PAT, rdmsr(MSR_PAT));
	vmwrite(HOST_IA32_EFER, rdmsr(MSR_EFER));
	vmwrite(HOST_RSP, (u64)c->stack + STACK_SIZE);
	vmwrite(HOST_RIP, (u64)vmx_exit);
}

int vmx_set_controls(struct per_cpu *c)
{
	struct cell *cell = c->cell;
	u32 pin, proc, proc2, exit, entry, pt_gpa;

	/*
	 * NMIs carry management requests (mgmt.c); virtual NMIs and the NMI
	 * window for the guest's. Intel PT: the hypervisor concealed, the
	 * guest's RTIT_CTL cleared at entry (its PT MSRs trap), its output
	 * through EPT where the CPU can.
	 */
	if (controls(MSR_VMX_PINBASED, MSR_VMX_TRUE_PINBASED,
		     PIN_NMI_EXITING | PIN_VIRTUAL_NMI, 0, &pin) ||
	    controls(MSR_VMX_PROCBASED, MSR_VMX_TRUE_PROCBASED,
		     PROC_USE_IO_BITMAPS | PROC_USE_MSR_BITMAPS | PROC_SECONDARY |
		     PROC_NMI_WINDOW, 0, &proc) ||
	    controls(MSR_VMX_EXIT, MSR_VMX_TRUE_EXIT,
		     EXIT_HOST_64 | EXIT_SAVE_PAT | EXIT_LOAD_PAT | EXIT_SAVE_EFER |
		     EXIT_LOAD_EFER | EXIT_SAVE_DEBUG,
		     EXIT_CONCEAL_PT | EXIT_CLEAR_RTIT, &exit) ||
	    controls(MSR_VMX_ENTRY, MSR_VMX_TRUE_ENTRY,
		     ENTRY_IA32E | ENTRY_LOAD_PAT | ENTRY_LOAD_EFER | ENTRY_LOAD_DEBUG,
		     ENTRY_CONCEAL_PT | ENTRY_LOAD_RTIT, &entry))
		goto missing;
	/* PT through EPT needs RTIT_CTL loaded at entry and cleared at exit */
	pt_gpa = (exit & EXIT_CLEAR_RTIT) && (entry & ENTRY_LOAD_RTIT) ? PROC2_PT_GPA : 0;
	if (controls(MSR_VMX_PROCBASED2, MSR_VMX_PROCBASED2,
		     PROC2_EPT | PROC2_VPID | PROC2_UNRESTRICTED,
		     PROC2_RDTSCP | PROC2_INVPCID | PROC2_XSAVES | PROC2_USER_WAIT |
		     PROC2_CONCEAL_PT | pt_gpa, &proc2))
		goto missing;
	vmwrite(PIN_BASED_CONTROLS, pin);
	/* the NMI window opens only while an NMI for the guest waits */
	vmwrite(PROC_BASED_CONTROLS, proc & ~PROC_NMI_WINDOW);
	vmwrite(PROC_BASED_CONTROLS2, proc2);
	vmwrite(EXIT_CONTROLS, exit);
	vmwrite(ENTRY_CONTROLS, entry);
	if (entry & ENTRY_LOAD_RTIT)
		vmwrite(GUEST_IA32_RTIT_CTL, 0);
	if (proc2 & PROC2_XSAVES)
		vmwrite(XSS_EXIT_BITMAP, 0);
	vmwrite(EXCEPTION_BITMAP, 0);
	vmwrite(CR3_TARGET_COUNT, 0);
	vmwrite(EXIT_MSR_STORE_COUNT, 0);
	vmwrite(EXIT_MSR_LOAD_COUNT, 0);
	vmwrite(ENTRY_MSR_LOAD_COUNT, 0);
	vmwrite(ENTRY_INTR_INFO, 0);
	vmwrite(IO_BITMAP_A, hv_virt_to_phys(cell->io_bitmap));
	vmwrite(IO_BITMAP_B, hv_virt_to_phys(cell->io_bitmap + PAGE_SIZE));
	vmwrite(MSR_BITMAP, hv_virt_to_phys(cell->msr_bitmap));
	vmwrite(EPT_POINTER, ept_pointer(cell->gpa_root));
	vmwrite(VPID, cell->vpid);
	return 0;
missing:
	return set_status(-ENODEV, "CPU %u: VMX lacks EPT, VPID, unrestricted guest, virtual "
			  "NMIs, the NMI window or PAT/EFER switching, which jh needs",
			  c->cpu);
}

/* Drops every EPT and VPID translation a previous run may have left */
void vmx_flush_translations(void)
{
	struct { u64 a, b; } desc = { 0, 0 };

	gpa_flush_all();
	asm volatile("invvpid %0, %1" : : "m"(desc), "r"(2UL) : "cc", "memory");
}

int vcpu_cpu_init(struct per_cpu *c)
{
	u64 error;
	int err;

	err = vmx_on(c);
	if (err)
		return err;
	vmx_flush_translations();
	err = vmx_set_controls(c);
	if (err)
		return err;
	vmcs_guest_state(c);
	vmcs_host_state(c);
	error = vmread(VM_INSTRUCTION_ERROR);
	if (error)
		return set_status(-EIO, "CPU %u: VMCS setup failed, VM-instruction error %lu",
				  c->cpu, error);
	return 0;
}

/* VMLAUNCH or VMRESUME refused the VMCS (VMfail): nothing ran */
void vmx_entry_failed(void)
{
	struct per_cpu *c = this_cpu();
	u64 error = vmread(VM_INSTRUCTION_ERROR);

	if (c->cell != &root_cell)
		cell_fail(c, "VMRESUME failed, VM-instruction error %lu", error);
	if (boot.cpu_result[c->cpu] == 1 && c->entered) {
		printk("FATAL: CPU %u: VMRESUME failed, VM-instruction error %lu\n",
		       c->cpu, error);
		cpu_park();
	}
	leave_from_entry(c, set_status(-EIO, "CPU %u: VMLAUNCH failed, VM-instruction "
				       "error %lu", c->cpu, error));
}
