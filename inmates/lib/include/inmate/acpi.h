/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The few ACPI facts a bare-metal inmate wants from the firmware's tables:
 * the PM timer and the S5 (soft-off) register values. Cells get theirs
 * from the comm region instead and never read these tables.
 */
#ifndef _INMATE_ACPI_H
#define _INMATE_ACPI_H

#include <jh/types.h>

struct acpi_facts {
	uint16_t pm_timer_port;
	bool pm_timer_32bit;
	uint16_t pm1a_control_port;
	uint16_t pm1b_control_port;
	bool have_s5;
	uint8_t s5_type_a, s5_type_b;
};

/* 0, or -ENOENT when no RSDP or FADT was found */
int acpi_read_facts(struct acpi_facts *facts);
/* ACPI soft-off; returns -ENOENT if the tables do not say how */
int acpi_power_off(void);

#endif /* _INMATE_ACPI_H */
