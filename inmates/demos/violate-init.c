// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * violate-init: sends an INIT IPI (x2APIC ICR) to a CPU outside the cell,
 * by default APIC ID 0, the root cell's boot CPU. In a jh cell the
 * hypervisor must stop the cell there; the line printed first names the
 * target.
 */
#include <inmate/inmate.h>
#include <inmate/apic.h>
#include <inmate/console.h>

static uint64_t target;

static const struct cmdline_param params[] = {
	CMDLINE_U64_PARAM("target", target, "x2APIC ID to send the INIT to"),
	CMDLINE_END
};

static int violate_init_main(void)
{
	int ret = x2apic_init();

	if (ret)
		return ret;
	if (target == x2apic_id()) {
		/* bare metal on CPU 0: this would reset the demo itself */
		printk("violate-init: target=%lu is this CPU; give another APIC ID\n",
		       (unsigned long)target);
		return -1;
	}
	printk("violate-init: about to send INIT to APIC ID %lu (from APIC ID %u)\n",
	       (unsigned long)target, x2apic_id());
	x2apic_send_ipi(target, APIC_ICR_INIT | APIC_ICR_LEVEL_ASSERT);
	printk("violate-init: VIOLATION NOT STOPPED: INIT to APIC ID %lu was sent\n",
	       (unsigned long)target);
	return 1;
}

INMATE("violate-init", violate_init_main, params);
