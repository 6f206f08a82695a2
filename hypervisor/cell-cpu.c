// SPDX-License-Identifier: GPL-2.0
/*
 * A CPU entering and leaving a non-root cell, run on that CPU from its
 * park loop (mgmt.c). Entering: the cell's EPT, VPID and bitmaps, the
 * state after INIT with CS:IP at the config's cpu_reset_address, its APIC
 * in x2APIC mode. Leaving (destroy): xAPIC mode back, VMX off, and a halt
 * loop outside VMX that Linux's INIT/SIPI ends when it onlines the CPU.
 */
#include "apic.h"
#include "vmx-cpu.h"
#include "vmx.h"

void cell_cpu_reset(struct per_cpu *c)
{
	static const u32 linux_msrs[] = {
		MSR_KERNEL_GS_BASE, MSR_STAR, MSR_LSTAR, MSR_CSTAR, MSR_FMASK,
		MSR_TSC_DEADLINE, MSR_TSC_AUX,
	};
	u64 addr = c->cell->config->cpu_reset_address;
	unsigned int i;

	vmx_set_controls(c);
	vmx_reset_real_mode(addr & ~0xffffULL, (addr >> 4) & 0xf000, addr & 0xffff);
	/* a cell with the same VPID, or EPT at the same address, ran before */
	vmx_flush_translations();
	apic_enter_x2apic();
	/* nothing of Linux's survives in the registers the cell owns */
	for (i = 0; i < ARRAY_SIZE(linux_msrs); i++)
		wrmsr(linux_msrs[i], 0);
	c->exits_total = 0;
	memset(c->exits, 0, sizeof(c->exits));
}

void cell_cpu_leave(struct per_cpu *c)
{
	u64 vmcs = hv_virt_to_phys(c->vmcs);

	apic_restore_xapic();
	asm volatile("vmclear %0" : : "m"(vmcs) : "cc", "memory");
	vmx_cpu_off(c);
	c->cell = &root_cell;
	c->mode = CPU_OFF;
	boot.cpu_result[c->cpu] = 0;
	printk("jh: CPU %u left the hypervisor for Linux to online it\n", c->cpu);
	__atomic_store_n(&c->mgmt_request, MGMT_NONE, __ATOMIC_RELEASE);
	/* Linux's INIT resets this CPU; NMIs just return here */
	for (;;)
		asm volatile("cli; hlt" : : : "memory");
}
