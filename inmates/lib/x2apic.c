// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Local APIC in x2APIC mode. In a jh cell the hypervisor passes the
 * TSC-deadline MSR, the EOI and the TPR straight through, so using them
 * costs no VM exit.
 */
#include <inmate/apic.h>
#include <inmate/console.h>
#include <inmate/errno.h>
#include <inmate/irq.h>
#include <inmate/x86.h>

#define CPUID1_ECX_X2APIC		(1 << 21)
#define CPUID1_ECX_TSC_DEADLINE		(1 << 24)

static bool x2apic_on;

int x2apic_init(void)
{
	uint64_t base;

	if (!(cpuid(1, 0).ecx & CPUID1_ECX_X2APIC)) {
		printk("x2apic: this CPU has no x2APIC (CPUID.1:ECX[21])\n");
		return -ENOTSUP;
	}
	/* disabled -> xAPIC -> x2APIC: the SDM forbids skipping a step */
	base = rdmsr(MSR_IA32_APIC_BASE);
	if (!(base & APIC_BASE_EN)) {
		base |= APIC_BASE_EN;
		wrmsr(MSR_IA32_APIC_BASE, base);
	}
	if (!(base & APIC_BASE_EXTD))
		wrmsr(MSR_IA32_APIC_BASE, base | APIC_BASE_EXTD);
	/* the legacy PIC's ExtINT (firmware routes it to LINT0) would arrive
	 * on vectors below 32, looking like exceptions */
	wrmsr(MSR_X2APIC_LVT_LINT0, APIC_LVT_MASKED);
	wrmsr(MSR_X2APIC_TPR, 0);
	wrmsr(MSR_X2APIC_SIVR, APIC_SIVR_ENABLE | IRQ_SPURIOUS_VECTOR);
	x2apic_on = true;
	return 0;
}

bool x2apic_enabled(void)
{
	return x2apic_on;
}

uint32_t x2apic_id(void)
{
	return rdmsr(MSR_X2APIC_ID);
}

void x2apic_eoi(void)
{
	wrmsr(MSR_X2APIC_EOI, 0);
}

void x2apic_send_ipi(uint32_t dest_apic_id, uint32_t icr_low)
{
	wrmsr(MSR_X2APIC_ICR, ((uint64_t)dest_apic_id << 32) | icr_low);
}

int tsc_deadline_init(unsigned int vector)
{
	if (!(cpuid(1, 0).ecx & CPUID1_ECX_TSC_DEADLINE)) {
		printk("x2apic: this CPU has no TSC-deadline timer (CPUID.1:ECX[24])\n");
		return -ENOTSUP;
	}
	wrmsr(MSR_X2APIC_LVT_TIMER, APIC_LVT_TSC_DEADLINE | vector);
	/* the SDM wants the mode switch ordered before the first deadline */
	asm volatile("mfence" : : : "memory");
	return 0;
}

void tsc_deadline_arm(uint64_t tsc)
{
	wrmsr(MSR_IA32_TSC_DEADLINE, tsc);
}

void tsc_deadline_stop(void)
{
	wrmsr(MSR_IA32_TSC_DEADLINE, 0);
	wrmsr(MSR_X2APIC_LVT_TIMER, APIC_LVT_MASKED);
}
