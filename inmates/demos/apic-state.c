// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * apic-state: prints the local APIC as the cell got it, before touching
 * it, in one line (isr/irr: the highest vector set, 0 for none):
 *   apic-state: isr=V irr=V tpr=N svr=N lvt-timer=N init-count=N
 *               lvt-lint0=N lvt-error=N
 * A cell start must hand over a clean APIC (nothing in service, timer
 * stopped and masked, TPR 0) whatever the last inmate left. With dirty=1
 * it then leaves a dirty one on purpose: a periodic timer running at
 * vector 0x50, TPR 0x20, and vector 0x60 in service (its handler reports
 * the cell shut down and halts without an EOI).
 */
#include <inmate/inmate.h>
#include <inmate/apic.h>
#include <inmate/console.h>
#include <inmate/irq.h>
#include <inmate/x86.h>

#define MSR_X2APIC_ISR0		0x810
#define MSR_X2APIC_IRR0		0x820
#define MSR_X2APIC_LVT_ERROR	0x837
#define MSR_X2APIC_TIMER_INIT	0x838
#define MSR_X2APIC_TIMER_DIV	0x83e
#define MSR_X2APIC_SELF_IPI	0x83f
#define LVT_PERIODIC		(1 << 17)
#define TIMER_VECTOR		0x50
#define STUCK_VECTOR		0x60

static bool dirty;

static const struct cmdline_param params[] = {
	CMDLINE_BOOL_PARAM("dirty", dirty, "leave a dirty APIC behind"),
	CMDLINE_END
};

/* The highest vector set in ISR or IRR (8 MSRs of 32 bits from first) */
static unsigned int top_vector(uint32_t first)
{
	unsigned int v;

	for (v = 256; v-- > 0;)
		if (rdmsr(first + v / 32) & (1U << (v % 32)))
			return v;
	return 0;
}

/* In service from here on: the inmate ends inside the handler, no EOI */
static void stuck(struct irq_frame *frame)
{
	(void)frame;
	printk("apic-state: vector 0x%x left in service, timer running\n", STUCK_VECTOR);
	inmate_finish(0);
}

static void tick(struct irq_frame *frame)
{
	(void)frame;
}

static int apic_state_main(void)
{
	uint64_t base = rdmsr(MSR_IA32_APIC_BASE);

	if (!(base & APIC_BASE_EXTD)) {
		printk("apic-state: the APIC is not in x2APIC mode (base 0x%lx)\n",
		       (unsigned long)base);
		return -1;
	}
	printk("apic-state: isr=%x irr=%x tpr=%x svr=%x lvt-timer=%x init-count=%x "
	       "lvt-lint0=%x lvt-error=%x\n", top_vector(MSR_X2APIC_ISR0),
	       top_vector(MSR_X2APIC_IRR0), (uint32_t)rdmsr(MSR_X2APIC_TPR),
	       (uint32_t)rdmsr(MSR_X2APIC_SIVR),
	       (uint32_t)rdmsr(MSR_X2APIC_LVT_TIMER),
	       (uint32_t)rdmsr(MSR_X2APIC_TIMER_INIT),
	       (uint32_t)rdmsr(MSR_X2APIC_LVT_LINT0),
	       (uint32_t)rdmsr(MSR_X2APIC_LVT_ERROR));
	if (!dirty)
		return 0;
	irq_set_handler(TIMER_VECTOR, tick);
	irq_set_handler(STUCK_VECTOR, stuck);
	wrmsr(MSR_X2APIC_SIVR, APIC_SIVR_ENABLE | IRQ_SPURIOUS_VECTOR);
	wrmsr(MSR_X2APIC_TIMER_DIV, 0xb);	/* divide by 1 */
	wrmsr(MSR_X2APIC_LVT_TIMER, LVT_PERIODIC | TIMER_VECTOR);
	wrmsr(MSR_X2APIC_TIMER_INIT, 100000);
	wrmsr(MSR_X2APIC_LVT_ERROR, 0xfe);
	wrmsr(MSR_X2APIC_TPR, 0x20);
	wrmsr(MSR_X2APIC_SELF_IPI, STUCK_VECTOR);
	irq_enable();
	for (;;)
		cpu_relax();
}

INMATE("apic-state", apic_state_main, params);
