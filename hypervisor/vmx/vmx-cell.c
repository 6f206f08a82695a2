// SPDX-License-Identifier: GPL-2.0
/*
 * A cell from the VMX side: its intercept bitmaps (policies in
 * msr-bitmap.c), and a CPU entering and leaving a non-root cell, run on
 * that CPU from its park loop (core/mgmt.c). Entering: the cell's EPT,
 * VPID and bitmaps, the state after INIT with CS:IP at the config's cpu_reset_address, its APIC
 * reset in x2APIC mode. Leaving (destroy): the root's APIC mode and
 * controls back; the CPU then waits for the root's SIPI in the hypervisor
 * (or, when its APIC cannot come back enabled inside VMX, outside VMX for
 * Linux's INIT/SIPI).
 */
#include <x86/apic.h>
#include "vmx-cpu.h"
#include "vmx.h"

#define MSR_XFD		0x1c4	/* extended feature disable */

void vcpu_cell_ports(struct cell *cell, u32 port, u32 len, bool allow)
{
	if (port < 0x10000)	/* a set bit traps the port */
		bitmap_assign((u64 *)cell->io_bitmap, port,
			      len < 0x10000 - port ? len : 0x10000 - port, !allow);
}

int vcpu_cell_init(struct cell *cell)
{
	cell->io_bitmap = page_alloc(2);
	cell->msr_bitmap = page_alloc(1);
	if (!cell->io_bitmap || !cell->msr_bitmap)
		return -ENOMEM;
	memset(cell->io_bitmap, 0xff, 2 * PAGE_SIZE);
	if (cell == &root_cell)
		root_msr_bitmap_init(cell->msr_bitmap);
	else
		cell_msr_bitmap_init(cell->msr_bitmap);
	return 0;
}

void vcpu_cell_exit(struct cell *cell)
{
	if (cell->io_bitmap)
		page_free(cell->io_bitmap, 2);
	if (cell->msr_bitmap)
		page_free(cell->msr_bitmap, 1);
	cell->io_bitmap = cell->msr_bitmap = NULL;
}

/*
 * The registers VMX does not switch, to their state after INIT: x87, SSE,
 * AVX and every other XSAVE component (an XRSTOR of the init state with
 * every component XCR0 can hold enabled, then XCR0 = 1), CR2, DR0-3, DR6,
 * and the MSRs a cell owns that Linux sets up itself. Nothing of Linux or
 * of the cell's previous run survives a start, nothing of the cell a
 * destroy (a key in an XMM register).
 */
static void cpu_regs_reset(void)
{
	static const u32 linux_msrs[] = {
		MSR_KERNEL_GS_BASE, MSR_STAR, MSR_LSTAR, MSR_CSTAR, MSR_FMASK,
		MSR_TSC_DEADLINE, MSR_TSC_AUX,
	};
	static const u8 init[576] __attribute__((aligned(64))) = {
		[0] = 0x7f, [1] = 0x03,		/* FCW */
		[24] = 0x80, [25] = 0x1f,	/* MXCSR */
	};
	u32 a, b, ecx, d, i;
	u64 cr4 = read_cr4();

	cpuid(1, 0, &a, &b, &ecx, &d);
	if (ecx & (1U << 26)) {			/* XSAVE */
		cpuid(0xd, 0, &a, &b, &ecx, &d);
		xsetbv_safe(0, a | (u64)d << 32);
		cpuid(0xd, 1, &a, &b, &ecx, &d);
		if (a & (1U << 4))		/* XFD at reset: nothing armed */
			wrmsr(MSR_XFD, 0);
		write_cr4(cr4 | X86_CR4_OSXSAVE);
		asm volatile("xrstor %0" : : "m"(init), "a"(~0U), "d"(~0U));
		write_cr4(cr4);
		xsetbv_safe(0, 1);
	} else {
		asm volatile("fxrstor %0" : : "m"(init));
	}
	write_cr2(0);
	asm volatile("mov %0, %%db0; mov %0, %%db1; mov %0, %%db2; mov %0, %%db3"
		     : : "r"(0UL));
	asm volatile("mov %0, %%db6" : : "r"(0xffff0ff0UL));
	for (i = 0; i < ARRAY_SIZE(linux_msrs); i++)
		wrmsr(linux_msrs[i], 0);
}

/*
 * HLT exits only while a cell CPU's APIC is software-disabled (SVR writes
 * switch it): no interrupt can end such a halt, so the CPU has stopped for
 * good, as Linux's do at halt, power-off and panic (cell_cpu_stopped())
 */
void vmx_halt_exits(bool on)
{
	u32 proc = vmread(PROC_BASED_CONTROLS);

	vmwrite(PROC_BASED_CONTROLS, on ? proc | PROC_HLT_EXITING : proc & ~PROC_HLT_EXITING);
}

void vcpu_cell_reset(struct per_cpu *c)
{
	u64 addr = c->cell->config->cpu_reset_address;

	vmx_set_controls(c);
	vmx_reset_real_mode(addr & ~0xffffULL, (addr >> 4) & 0xf000, addr & 0xffff);
	/* a cell with the same VPID, or EPT at the same address, ran before */
	vmx_flush_translations();
	cpu_handover_flush();	/* nothing of the last owner's in caches, buffers */
	apic_cell_reset();
	vmx_halt_exits(true);	/* the APIC starts software-disabled */
	cpu_regs_reset();
	c->exits_total = 0;
	memset(c->exits, 0, sizeof(c->exits));
}

void vcpu_cell_leave(struct per_cpu *c)
{
	u64 vmcs = hv_virt_to_phys(c->vcpu_pages[1]);

	apic_restore_root_mode();
	cpu_regs_reset();
	cpu_handover_flush();	/* nothing of the cell's reaches the root */
	c->cell = &root_cell;
	if (rdmsr(MSR_APIC_BASE) & APIC_BASE_EN) {
		vmx_set_controls(c);	/* vcpu_sipi() flushes before the root runs */
		return;
	}
	/*
	 * Bochs 2.7 ignores the re-enable after the x2APIC -> disabled step
	 * the SDM prescribes: only an INIT brings the APIC back, and INIT is
	 * blocked in VMX. Leave VMX and halt for Linux's INIT/SIPI, which the
	 * root may send only once no cell exists (x86/apic.c).
	 */
	asm volatile("vmclear %0" : : "m"(vmcs) : "cc", "memory");
	c->mode = CPU_OFF;
	boot.cpu_result[c->cpu] = 0;
	printk("jh: CPU %u left the hypervisor: its APIC needs an INIT to leave "
	       "x2APIC mode\n", c->cpu);
	/*
	 * Answer before VMXOFF: an INIT held pending in VMX root (Bochs keeps
	 * the one behind an INIT exit) resets the CPU at VMXOFF, into the
	 * wait-for-SIPI that Linux's INIT/SIPI ends as it ends the halt below
	 */
	__atomic_store_n(&c->mgmt_request, MGMT_NONE, __ATOMIC_RELEASE);
	vcpu_cpu_off(c);
	for (;;)
		asm volatile("cli; hlt" : : : "memory");
}
