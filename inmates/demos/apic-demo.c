// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * apic-demo: a periodic x2APIC TSC-deadline timer. For every tick it
 * measures the latency from the programmed deadline to the TSC read in the
 * library's interrupt entry, in TSC cycles, and
 * keeps min/avg/max and a histogram. It
 * prints a summary every `report` ticks, and at the end (after `ticks`
 * ticks, or on a shutdown request) the summary plus one machine-readable
 * line:  latency p50=<n> p99=<n> max=<n> samples=<n>
 *
 * With shmem=1 it also serves a shared-memory link with the root cell
 * (include/jh/shmem-demo.h, docs/shmem.md): it publishes the live
 * histogram in its section, takes a new period written by the root, and
 * answers pings (a doorbell, checked content) at once: `jh shmem stats`,
 * `jh shmem set`, `jh shmem ping` on the root side.
 */
#include <inmate/inmate.h>
#include <inmate/apic.h>
#include <inmate/comm.h>
#include <inmate/console.h>
#include <inmate/histogram.h>
#include <inmate/irq.h>
#include <inmate/shmem.h>
#include <jh/shmem-demo.h>
#include <inmate/timing.h>
#include <inmate/x86.h>

#define TIMER_VECTOR	0x40
#define MAX_ORDER	64

static uint64_t ticks;
static uint64_t period_us = 1000;
static uint64_t report_every = 1000;
static bool hold_lock;
static char idle[8] = "poll";
static bool use_shmem;
static uint64_t shmem_link_index, shmem_base = 0x400000, shmem_size = 0x10000;
static uint64_t shmem_vector = 0x50, stats_every = 100;

static const struct cmdline_param params[] = {
	CMDLINE_U64_PARAM("ticks", ticks, "ticks to run, then stop; 0 = until shut down"),
	CMDLINE_U64_PARAM("period_us", period_us, "timer period in microseconds"),
	CMDLINE_U64_PARAM("report", report_every,
			  "print a summary every this many ticks, 0 = never"),
	CMDLINE_BOOL_PARAM("lock", hold_lock, "refuse shutdown requests while running"),
	CMDLINE_STR_PARAM("idle", idle,
			  "wait for ticks by poll (no VM exits) or hlt (may exit)"),
	CMDLINE_BOOL_PARAM("shmem", use_shmem, "serve the shared-memory link with the root"),
	CMDLINE_U64_PARAM("shmem_link", shmem_link_index, "its index in the cell config"),
	CMDLINE_U64_PARAM("shmem_base", shmem_base, "guest address of its first section"),
	CMDLINE_U64_PARAM("shmem_size", shmem_size, "bytes per section"),
	CMDLINE_U64_PARAM("shmem_vector", shmem_vector, "its doorbell vector (config)"),
	CMDLINE_U64_PARAM("stats_every", stats_every, "publish the histogram every N ticks"),
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

static struct shmem_link link;
static uint64_t pongs;

/* The root's ping (answered at once) and command (a new period) */
static void serve_root(void)
{
	const struct jh_demo_root *root = (const void *)shmem_section(&link, 0);
	struct jh_demo_cell *me = (void *)shmem_mine(&link);
	uint64_t seq = root->ping_seq, cmd = root->cmd_seq, period;
	unsigned int i;

	if (seq != me->pong_seq) {
		for (i = 0; i < JH_DEMO_PAYLOAD; i++)
			me->payload[i] = jh_demo_pong_word(root->payload[i], seq);
		asm volatile("sfence" : : : "memory");
		me->pong_seq = seq;
		shmem_publish(&link);
		pongs++;
	}
	if (cmd != me->cmd_ack) {
		period = root->cmd_period_us;
		if (period) {
			period_us = period;
			period_cycles = tsc_from_us(period_us);
		}
		me->period_us = period_us;
		me->cmd_ack = cmd;
		printk("apic-demo: command %lu from the root: period %lu us\n",
		       (unsigned long)cmd, (unsigned long)period_us);
	}
}

/* The histogram into the cell's section, under an odd stats_seq */
static void publish_stats(const struct histogram *h)
{
	struct jh_demo_cell *me = (void *)shmem_mine(&link);
	unsigned int i;

	me->stats_seq++;
	asm volatile("sfence" : : : "memory");
	me->ticks = h->count;
	me->min = h->count ? h->min : 0;
	me->max = h->max;
	me->mean = hist_mean(h);
	me->p50 = hist_percentile(h, 500);
	me->p99 = hist_percentile(h, 990);
	me->overruns = overruns;
	for (i = 0; i < JH_DEMO_OCTAVES; i++)
		me->octave[i] = hist_octave_count(h, i);
	asm volatile("sfence" : : : "memory");
	me->stats_seq++;
}

static int shmem_setup(void)
{
	struct jh_demo_cell *me;
	int ret;

	if (shmem_size < sizeof(struct jh_demo_root) ||
	    shmem_size < sizeof(struct jh_demo_cell)) {
		printk("apic-demo: shmem_size=%lu is too small for the demo's data\n",
		       (unsigned long)shmem_size);
		return -1;
	}
	ret = shmem_map(&link, shmem_link_index, shmem_base, shmem_size, 1, 2,
			shmem_vector);
	if (ret) {
		printk("apic-demo: shmem link %lu at 0x%lx, vector 0x%lx: bad values\n",
		       (unsigned long)shmem_link_index, (unsigned long)shmem_base,
		       (unsigned long)shmem_vector);
		return ret;
	}
	me = (void *)shmem_mine(&link);
	me->pong_seq = ((const struct jh_demo_root *)shmem_section(&link, 0))->ping_seq;
	me->cmd_ack = ((const struct jh_demo_root *)shmem_section(&link, 0))->cmd_seq;
	me->period_us = period_us;
	me->magic = JH_DEMO_MAGIC;
	printk("apic-demo: shared memory at 0x%lx (2 sections of 0x%lx), peers up 0x%x\n",
	       (unsigned long)shmem_base, (unsigned long)shmem_size,
	       shmem_peers_up(&link));
	return 0;
}

static void take_snapshot(void)
{
	irq_disable();
	snapshot = latency;
	irq_enable();
}

/* Until a tick, or a doorbell of the link (which needs an answer) */
static void wait_for_tick(uint64_t seen, bool use_hlt)
{
	uint64_t bells = link.doorbells;

	if (use_hlt) {
		while (ticks_seen == seen && link.doorbells == bells)
			wait_for_interrupt();
	} else {
		irq_enable();
		while (ticks_seen == seen && link.doorbells == bells)
			cpu_relax();
	}
}

static int apic_demo_main(void)
{
	uint64_t next_report = report_every, next_stats = 0, seen;
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
	if (use_shmem && shmem_setup())
		return -1;
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
		if (use_shmem) {
			serve_root();
			if (seen >= next_stats) {
				next_stats = seen + (stats_every ? : 1);
				take_snapshot();
				publish_stats(&snapshot);
			}
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
	if (use_shmem) {
		publish_stats(&latency);
		printk("apic-demo: %lu pings answered\n", (unsigned long)pongs);
	}
	printk("latency p50=%lu p99=%lu max=%lu samples=%lu\n",
	       (unsigned long)hist_percentile(&latency, 500),
	       (unsigned long)hist_percentile(&latency, 990),
	       (unsigned long)latency.max, (unsigned long)latency.count);
	return 0;
}

INMATE("apic-demo", apic_demo_main, params);
