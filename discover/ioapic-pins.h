/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How many pins each IOAPIC has, from the most trusted source that knows:
 * the kernel log (Linux read the version register), else the MADT's GSI
 * layout (the gap to the next IOAPIC's GSI base; for the last IOAPIC the
 * highest GSI the MADT routes to it), else the usual 24, marked assumed.
 * A count that is not the gap or the log's is raised to cover the highest
 * PCI interrupt line routed to the IOAPIC: devices use those pins.
 */
#ifndef _JH_DISCOVER_IOAPIC_PINS_H
#define _JH_DISCOVER_IOAPIC_PINS_H

#include "machine.h"

/* The count every IOAPIC had before server chipsets: used when unknown */
#define IOAPIC_PINS_ASSUMED	24

/* Sets pins and pins_source of every IOAPIC; warns, adds a limit if needed */
void ioapic_assign_pins(struct machine *m);

/* "kernel-log", "gsi-gap", "pci-line", "madt-gsi", "assumed" (pins_source) */
const char *ioapic_pins_source_name(enum dsc_pins_source s);
/* Why the count is what it is, for config comments and the report */
const char *ioapic_pins_source_why(enum dsc_pins_source s);
/*
 * A count that may be short of the IOAPIC's real one (a lower bound or a
 * guess): only its version register knows, which the kernel and the
 * hypervisor can read but jh-discover cannot (the kernel owns the page)
 */
bool ioapic_pins_may_be_more(enum dsc_pins_source s);

#endif /* _JH_DISCOVER_IOAPIC_PINS_H */
