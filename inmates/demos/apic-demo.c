// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * apic-demo: a periodic x2APIC TSC-deadline timer. For every tick it
 * measures the latency from the programmed deadline to the TSC read in the
 * library's interrupt entry, in TSC cycles, and
 * keeps min/avg/max and a histogram. It
 * prints a summary every `report` ticks, and at the end (after `ticks`
 * ticks, or on a shutdown request) the summary plus one machine-readable
 * line:  latency p50=<n> p99=<n> max=<n> samples=<n>
 */
#include <inmate/inmate.h>
#include <inmate/apic.h>
#include <inmate/comm.h>
#include <inmate/console.h>
#include <inmate/histogram.h>
#include <inmate/irq.h>
#include <inmate/timing.h>
#include <inmate/x86.h>

#define TIMER_VECTOR	0x40
#define MAX_ORDER	64

static uint64_t ticks;
static uint64_t period_us = 1000;
static uint64_t report_every = 1000;
static bool hold_lock;
static char idle[8] = "poll";

static const struct cmdline_param params[] = {
	CMDLINE_U64_PARAM("ticks", ticks, "ticks to run, then stop; 0 = until shut down"),
	CMDLINE_U64_PARAM("period_us", period_us, "timer period in microseconds"),
	CMDLINE_U64_PARAM("report", report_every,
			  "print a summary every this many ticks, 0 = never"),
	CMDLINE_BOOL_PARAM("lock", hold_lock, "refuse shutdown requests while running"),
	CMDLINE_STR_PARAM("idle", idle,
			  "wait for ticks by poll (no VM exits) or hlt (may exit)"),
	CMDLINE_END
};

static struct histogram latency;
static struct histogram snapshot;
static uint64_t period_cycles;
static uint64_t deadline;
static volatile uint64_t ticks_seen;
static uint64_t overruns;

static void timer_tick(struct irq_frame *frame)
{
	uint64_t now = frame->entry_tsc;

	hist_add(&latency, now > deadline ? now - deadline : 0);
	deadline += period_cycles;
	/* a tick that came later than a whole period: skip what was missed */
	while (deadline <= now) {
		deadline += period_cycles;
		overruns++;
	}
	ticks_seen++;
	if (!ticks || ticks_seen < ticks)
		tsc_deadline_arm(deadline);
}

static void print_summary(const struct histogram *h, const char *when)
{
	unsigned int order;
	uint64_t n;

	printk("apic-demo: %s: %lu ticks of %lu us, latency in TSC cycles: "
	       "min %lu avg %lu max %lu (max %lu ns), overruns %lu\n", when,
	       (unsigned long)h->count, (unsigned long)period_us,
	       (unsigned long)(h->count ? h->min : 0), (unsigned long)hist_mean(h),
	       (unsigned long)h->max, (unsigned long)tsc_to_ns(h->max),
	       (unsigned long)overruns);
	for (order = 0; order < MAX_ORDER; order++) {
		n = hist_octave_count(h, order);
		if (n)
			printk("apic-demo:   %10lu..%-10lu %8lu\n",
			       order ? 1UL << order : 0UL, (2UL << order) - 1,
			       (unsigned long)n);
	}
}

static void take_snapshot(void)
{
	irq_disable();
	snapshot = latency;
	irq_enable();
}

static void wait_for_tick(uint64_t seen, bool use_hlt)
{
	if (use_hlt) {
		while (ticks_seen == seen)
			wait_for_interrupt();
	} else {
		irq_enable();
		while (ticks_seen == seen)
			cpu_relax();
	}
}

static int apic_demo_main(void)
{
	uint64_t next_report = report_every, seen;
	bool use_hlt, stop_requested = false;
	int ret;

	if (!period_us) {
		printk("apic-demo: period_us=0: give a period of at least 1 us\n");
		return -1;
	}
	if (idle[0] != 'p' && idle[0] != 'h') {
		printk("apic-demo: idle=%s: use idle=poll or idle=hlt\n", idle);
		return -1;
	}
	use_hlt = idle[0] == 'h';
	ret = timing_init();
	if (ret)
		return ret;
	ret = x2apic_init();
	if (ret)
		return ret;
	ret = tsc_deadline_init(TIMER_VECTOR);
	if (ret)
		return ret;
	hist_init(&latency);
	irq_set_handler(TIMER_VECTOR, timer_tick);
	period_cycles = tsc_from_us(period_us);
	comm_set_locked(hold_lock);
	printk("apic-demo: TSC-deadline timer, period %lu us = %lu cycles, waiting by %s\n",
	       (unsigned long)period_us, (unsigned long)period_cycles,
	       use_hlt ? "hlt" : "polling");
	if (ticks)
		printk("apic-demo: running %lu ticks\n", (unsigned long)ticks);
	else
		printk("apic-demo: running until shut down\n");

	deadline = rdtsc() + period_cycles;
	tsc_deadline_arm(deadline);
	for (;;) {
		/* read once: a tick during the checks ends the wait at once */
		seen = ticks_seen;
		if (ticks && seen >= ticks)
			break;
		if (report_every && seen >= next_report) {
			next_report += report_every;
			take_snapshot();
			print_summary(&snapshot, "so far");
		}
		if (comm_poll()) {
			stop_requested = true;
			break;
		}
		wait_for_tick(seen, use_hlt);
	}
	irq_disable();
	tsc_deadline_stop();
	comm_set_locked(false);
	if (stop_requested)
		printk("apic-demo: shutdown requested, stopping\n");
	print_summary(&latency, "summary");
	printk("latency p50=%lu p99=%lu max=%lu samples=%lu\n",
	       (unsigned long)hist_percentile(&latency, 500),
	       (unsigned long)hist_percentile(&latency, 990),
	       (unsigned long)latency.max, (unsigned long)latency.count);
	return 0;
}

INMATE("apic-demo", apic_demo_main, params);
