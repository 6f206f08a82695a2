/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel log as a source: Linux reads each IOAPIC's version register
 * at boot and logs its GSI range, the one place a user-space tool learns
 * how many pins (redirection entries) an IOAPIC has.
 */
#ifndef _JH_DISCOVER_KERNEL_LOG_H
#define _JH_DISCOVER_KERNEL_LOG_H

#include <stddef.h>

#include "machine.h"

/* Pin counts outside 1..KLOG_MAX_PINS are not an IOAPIC's */
#define KLOG_MAX_PINS	240

/*
 * One log line (len bytes, no newline needed): 1 and *out filled for an
 * IOAPIC registration line, 0 for any other line, -EINVAL for a line that
 * starts like one but does not parse or names an implausible GSI range.
 * Prefixes before "IOAPIC[" (syslog level, timestamp, journal host) are
 * skipped.
 */
int klog_parse_ioapic_line(const char *line, size_t len,
			   struct dsc_klog_ioapic *out);

/*
 * Every IOAPIC line of a log into m->klog_ioapics; malformed ones become
 * warnings naming source and line. A later line for the same address
 * (a second boot in the same file) replaces an earlier one.
 */
void klog_parse_text(struct machine *m, const char *text, size_t len,
		     const char *source);

/* The live kernel log (klogctl), NUL-terminated in a malloc'd *text; -errno */
int klog_read_live(char **text, size_t *len);

#endif /* _JH_DISCOVER_KERNEL_LOG_H */
