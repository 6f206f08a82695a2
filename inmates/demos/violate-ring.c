// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * violate-ring: a cell with a shared-memory link rings what is not its
 * own and watches for interrupts it should not get. It handles its
 * link's doorbell vector and no other: any other vector arriving on its
 * CPU is printed by the library ("unexpected interrupt, vector N"). It
 * rings link indexes it does not have (bad, and the largest u64), each
 * printed as "violate-ring: ring N = RET" (-22 expected); then its own
 * link rings times: each is a doorbell to the root, which the root may
 * have aimed at this very CPU (it must not arrive). It prints "ready",
 * waits up to wait_s seconds for one doorbell of its own (the root rings
 * the link), prints the count, then sends itself the unhandled vector
 * control (the check that a stray vector would be seen and printed) and
 * prints "done".
 */
#include <inmate/inmate.h>
#include <inmate/apic.h>
#include <inmate/console.h>
#include <inmate/irq.h>
#include <inmate/timing.h>
#include <inmate/x86.h>

static uint64_t link, vector = 0x50, bad = 1, rings = 100, wait_s = 60, control = 0x52;
static volatile uint64_t doorbells;

static const struct cmdline_param params[] = {
	CMDLINE_U64_PARAM("link", link, "the cell's link index"),
	CMDLINE_U64_PARAM("vector", vector, "its doorbell vector (config)"),
	CMDLINE_U64_PARAM("bad", bad, "a link index the cell does not have"),
	CMDLINE_U64_PARAM("rings", rings, "how often it rings its own link"),
	CMDLINE_U64_PARAM("wait_s", wait_s, "how long it waits for the root's doorbell"),
	CMDLINE_U64_PARAM("control", control, "a vector it sends itself at the end (0: none)"),
	CMDLINE_END
};

static long ring(uint64_t index)
{
	long ret;

	asm volatile("vmcall" : "=a"(ret) : "a"((long)JH_HC_SHMEM_RING), "D"(index)
		     : "memory");
	return ret;
}

static void doorbell(struct irq_frame *frame __attribute__((unused)))
{
	doorbells++;
}

static int violate_ring_main(void)
{
	uint64_t i, end;

	if (x2apic_init() || timing_init())
		return 1;
	irq_set_handler(vector, doorbell);
	irq_enable();
	printk("violate-ring: ring %lu = %ld\n", (unsigned long)bad, ring(bad));
	printk("violate-ring: ring %lu = %ld\n", ~0UL, ring(~0ULL));
	printk("violate-ring: ring %lu = %ld\n", (unsigned long)link, ring(link));
	for (i = 1; i < rings; i++)
		ring(link);
	delay_us(100000);	/* a doorbell sent astray would be here by now */
	printk("violate-ring: ready\n");
	end = rdtsc() + tsc_from_us(wait_s * 1000000);
	while (!doorbells && rdtsc() < end)
		cpu_relax();
	delay_us(100000);
	printk("violate-ring: doorbells = %lu\n", (unsigned long)doorbells);
	if (control) {
		x2apic_send_ipi(x2apic_id(), control);
		delay_us(100000);
	}
	printk("violate-ring: done\n");
	return 0;
}

INMATE("violate-ring", violate_ring_main, params);
