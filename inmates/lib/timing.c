// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * TSC frequency and PM timer. Sources, first found wins:
 *   TSC: tsc_khz= on the command line, the comm region, calibration
 *        against the PM timer;
 *   PM timer: pmtimer= on the command line, the comm region, the FADT
 *        (bare metal only: a cell must not scan the root's firmware).
 * CPUID 0x15/0x16 is never trusted: emulators report a nominal frequency
 * there that has nothing to do with how fast their TSC runs.
 */
#include <inmate/timing.h>
#include <inmate/acpi.h>
#include <inmate/console.h>
#include <inmate/errno.h>
#include <inmate/inmate.h>
#include <inmate/x86.h>

#define CALIBRATION_PM_TICKS	(PM_TIMER_HZ / 50)	/* 20 ms */
/* a PM timer ticks every 279 ns; no port read is that much faster */
#define PM_EDGE_MAX_READS	1000000

uint64_t opt_tsc_khz;
uint64_t opt_pm_timer_port;

static uint32_t tsc_rate_khz;
static uint16_t pm_port;
static uint32_t pm_mask = 0xffffff;

uint16_t pm_timer_port(void)
{
	return pm_port;
}

uint32_t pm_timer_read(void)
{
	return inl(pm_port) & pm_mask;
}

static uint32_t pm_ticks_since(uint32_t start)
{
	return (pm_timer_read() - start) & pm_mask;
}

/* 0 if the PM timer does not count (a wrong port, or no timer) */
static uint32_t calibrate_tsc_khz(void)
{
	uint32_t pm_start, ticks, reads = 0;
	uint64_t tsc_start, tsc_end;

	/* start on a PM timer edge so the first partial tick does not count */
	pm_start = pm_timer_read();
	while (pm_timer_read() == pm_start)
		if (++reads == PM_EDGE_MAX_READS)
			return 0;
	pm_start = pm_timer_read();
	tsc_start = rdtsc();
	do {
		ticks = pm_ticks_since(pm_start);
	} while (ticks < CALIBRATION_PM_TICKS);
	tsc_end = rdtsc();
	return (tsc_end - tsc_start) * PM_TIMER_HZ / ticks / 1000;
}

static const char *find_pm_timer(void)
{
	struct jh_comm_region *comm = comm_region();
	struct acpi_facts facts;

	if (opt_pm_timer_port) {
		pm_port = opt_pm_timer_port;
		return "command line";
	}
	if (comm) {
		pm_port = comm->pm_timer_port;
		return "comm region";
	}
	if (acpi_read_facts(&facts) == 0 && facts.pm_timer_port) {
		pm_port = facts.pm_timer_port;
		if (facts.pm_timer_32bit)
			pm_mask = 0xffffffff;
		return "ACPI FADT";
	}
	return "nowhere";
}

int timing_init(void)
{
	struct jh_comm_region *comm = comm_region();
	const char *pm_source = find_pm_timer(), *tsc_source;

	if (opt_tsc_khz) {
		tsc_rate_khz = opt_tsc_khz;
		tsc_source = "command line";
	} else if (comm && comm->tsc_khz) {
		tsc_rate_khz = comm->tsc_khz;
		tsc_source = "comm region";
	} else if (pm_port) {
		tsc_rate_khz = calibrate_tsc_khz();
		tsc_source = "calibrated against the PM timer";
		if (!tsc_rate_khz) {
			printk("timing: the PM timer at port 0x%x (%s) does not count; "
			       "pass tsc_khz=<kHz> or the right pmtimer=<port>\n",
			       pm_port, pm_source);
			return -ENODEV;
		}
	} else {
		printk("timing: no TSC frequency: none in the comm region and no PM timer "
		       "to calibrate against; pass tsc_khz=<kHz> or pmtimer=<port>\n");
		return -ENODEV;
	}
	printk("timing: TSC %u kHz (%s), PM timer port 0x%x (%s)\n",
	       tsc_rate_khz, tsc_source, pm_port, pm_source);
	return 0;
}

uint32_t tsc_khz(void)
{
	return tsc_rate_khz;
}

uint64_t tsc_from_us(uint64_t us)
{
	return us * tsc_rate_khz / 1000;
}

uint64_t tsc_to_ns(uint64_t cycles)
{
	return cycles * 1000000 / tsc_rate_khz;
}

void delay_us(uint64_t us)
{
	uint64_t end = rdtsc() + tsc_from_us(us);

	while (rdtsc() < end)
		cpu_relax();
}
