/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Time sources: the TSC frequency (from the comm region, the command line
 * or calibrated against the ACPI PM timer) and the PM timer itself.
 */
#ifndef _INMATE_TIMING_H
#define _INMATE_TIMING_H

#include <jh/types.h>

#define PM_TIMER_HZ		3579545

/* Decides both sources once; prints where each came from. 0 or -ENODEV
 * (printed, with the parameter that fixes it). */
int timing_init(void);
/* Requires a successful timing_init() */
uint32_t tsc_khz(void);
uint64_t tsc_from_us(uint64_t us);
uint64_t tsc_to_ns(uint64_t cycles);
void delay_us(uint64_t us);

/* The PM timer port, 0 when there is none */
uint16_t pm_timer_port(void);
uint32_t pm_timer_read(void);

/* Overrides from the command line (0 = not given), set before timing_init */
extern uint64_t opt_tsc_khz;
extern uint64_t opt_pm_timer_port;

#endif /* _INMATE_TIMING_H */
