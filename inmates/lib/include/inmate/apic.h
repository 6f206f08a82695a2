/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* The local APIC in x2APIC mode (MSR access only) and its TSC-deadline timer. */
#ifndef _INMATE_APIC_H
#define _INMATE_APIC_H

#include <jh/types.h>

#define MSR_IA32_APIC_BASE	0x1b
#define APIC_BASE_EXTD		(1 << 10)
#define APIC_BASE_EN		(1 << 11)
#define MSR_IA32_TSC_DEADLINE	0x6e0
#define MSR_X2APIC_ID		0x802
#define MSR_X2APIC_TPR		0x808
#define MSR_X2APIC_EOI		0x80b
#define MSR_X2APIC_SIVR		0x80f
#define MSR_X2APIC_ICR		0x830
#define MSR_X2APIC_LVT_TIMER	0x832
#define MSR_X2APIC_LVT_LINT0	0x835

#define APIC_SIVR_ENABLE	(1 << 8)
#define APIC_LVT_MASKED		(1 << 16)
#define APIC_LVT_TSC_DEADLINE	(2 << 17)

#define APIC_ICR_INIT		(5 << 8)
#define APIC_ICR_LEVEL_ASSERT	(1 << 14)

/* Switches this CPU's local APIC to x2APIC mode and software-enables it.
 * Returns 0, or -ENOTSUP (with a message printed) if the CPU lacks it. */
int x2apic_init(void);
bool x2apic_enabled(void);
uint32_t x2apic_id(void);
void x2apic_eoi(void);
void x2apic_send_ipi(uint32_t dest_apic_id, uint32_t icr_low);

/* TSC-deadline timer: -ENOTSUP if the CPU has no such mode */
int tsc_deadline_init(unsigned int vector);
void tsc_deadline_arm(uint64_t tsc);
void tsc_deadline_stop(void);

#endif /* _INMATE_APIC_H */
