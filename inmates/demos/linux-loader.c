// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * linux-loader: the first code of a Linux cell (`jh cell linux`,
 * docs/linux-cell.md). The tool loads the kernel, the initrd and
 * boot_params with its SETUP_JAILHOUSE setup data into the cell, this
 * image at the reset address and "bp=ADDR" as its command line. Every CPU
 * of the cell starts here: each writes its x2APIC ID into the setup
 * data; the others then halt until the kernel wakes them with INIT and
 * SIPI, and the first fills in what the comm region says (TSC and APIC
 * timer rates, PM timer port; it measures the APIC timer against the
 * TSC when the system config gives no rate, as Linux needs it without
 * TSC-deadline mode) and jumps to the kernel's 64-bit entry with RSI =
 * boot_params, in long mode on the library's identity map.
 */
#include <jh/linux-boot.h>
#include <inmate/apic.h>
#include <inmate/comm.h>
#include <inmate/console.h>
#include <inmate/inmate.h>
#include <inmate/layout.h>
#include <inmate/x86.h>

#define MSR_X2APIC_TMICT	0x838	/* timer initial count */
#define MSR_X2APIC_TMCCT	0x839	/* timer current count */
#define MSR_X2APIC_TDCR		0x83e	/* timer divide configuration */
#define TDCR_DIVIDE_BY_1	0xb
#define CALIBRATION_MS		10

static uint64_t bp;
static struct linux_jailhouse_setup *setup;
static volatile uint32_t registered;

static const struct cmdline_param params[] = {
	CMDLINE_U64_PARAM("bp", bp, "guest-physical address of boot_params"),
	CMDLINE_END
};

extern char __bss_end[];

static void register_cpu(unsigned int slot)
{
	setup->cpu_ids[slot] = rdmsr(MSR_X2APIC_ID);
	__atomic_fetch_add(&registered, 1, __ATOMIC_RELEASE);
}

/* The kernel wakes these by INIT and SIPI (the hypervisor keeps both in the cell) */
void inmate_secondary_main(unsigned int cpu)
{
	while (!setup)
		cpu_relax();
	register_cpu(cpu);
	halt_forever();
}

/* The APIC timer's undivided rate in kHz, counted over CALIBRATION_MS of TSC */
static uint32_t apic_timer_khz(uint32_t tsc_khz)
{
	uint64_t end;
	uint32_t left;

	if (!tsc_khz)
		return 0;
	wrmsr(MSR_X2APIC_SIVR, APIC_SIVR_ENABLE | 0xff);
	wrmsr(MSR_X2APIC_LVT_TIMER, APIC_LVT_MASKED);
	wrmsr(MSR_X2APIC_TDCR, TDCR_DIVIDE_BY_1);
	wrmsr(MSR_X2APIC_TMICT, ~0U);
	end = rdtsc() + (uint64_t)tsc_khz * CALIBRATION_MS;
	while (rdtsc() < end)
		cpu_relax();
	left = rdmsr(MSR_X2APIC_TMCCT);
	wrmsr(MSR_X2APIC_TMICT, 0);
	return (~0U - left) / CALIBRATION_MS;
}

static int linux_loader_main(void)
{
	struct jh_comm_region *comm = comm_region();
	uint8_t *zero_page = (uint8_t *)(uintptr_t)bp;
	struct linux_jailhouse_setup *s;
	uint64_t next, entry;
	unsigned int cpus, i;

	if (!comm || bp < (uintptr_t)__bss_end || bp >= COMM_REGION_ADDR) {
		printk("linux-loader: needs a jh cell and bp= between the loader's "
		       "end 0x%lx and 0x%x (jh cell linux passes it)\n",
		       (unsigned long)(uintptr_t)__bss_end, COMM_REGION_ADDR);
		return 1;
	}
	for (next = *(uint64_t *)(zero_page + LINUX_BP_SETUP_DATA); next; next = s->next) {
		s = (struct linux_jailhouse_setup *)(uintptr_t)next;
		if (s->type == LINUX_SETUP_JAILHOUSE)
			break;
	}
	if (!next) {
		printk("linux-loader: no SETUP_JAILHOUSE setup data at boot_params 0x%lx\n",
		       (unsigned long)bp);
		return 1;
	}
	cpus = comm->num_cpus < INMATE_MAX_CPUS ? comm->num_cpus : INMATE_MAX_CPUS;
	s->num_cpus = cpus;
	s->tsc_khz = comm->tsc_khz;
	s->apic_khz = comm->apic_khz ? comm->apic_khz : apic_timer_khz(comm->tsc_khz);
	s->pm_timer_address = comm->pm_timer_port;
	__atomic_store_n(&setup, s, __ATOMIC_RELEASE);
	register_cpu(0);
	while (__atomic_load_n(&registered, __ATOMIC_ACQUIRE) < cpus)
		cpu_relax();

	entry = *(uint32_t *)(zero_page + LINUX_BP_CODE32_START) + LINUX_ENTRY64_OFFSET;
	printk("linux-loader: %u CPUs, APIC IDs", cpus);
	for (i = 0; i < cpus; i++)
		printk(" %u", s->cpu_ids[i]);
	printk("; TSC %u kHz, APIC timer %u kHz, PM timer port 0x%x; kernel entry "
	       "0x%lx\n", s->tsc_khz, s->apic_khz, s->pm_timer_address,
	       (unsigned long)entry);
	irq_disable();
	asm volatile("jmp *%0" : : "r"(entry), "S"(bp) : "memory");
	return 1;
}

INMATE("linux-loader", linux_loader_main, params);
