/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * What an inmate application provides to the library, and what the
 * library tells it about where it runs. An application is one C file
 * that ends with INMATE(name, main function, parameter table).
 */
#ifndef _INMATE_INMATE_H
#define _INMATE_INMATE_H

#include <jh/types.h>
#include <jh/hypercall.h>
#include <inmate/cmdline.h>

struct inmate_app {
	const char *name;
	/* Runs on the first CPU with interrupts disabled, after the console,
	 * the comm region and the command line are set up. Its return value
	 * is printed; then the cell reports itself shut down (in a cell) or
	 * the machine halts or powers off (bare metal). */
	int (*main)(void);
	const struct cmdline_param *params;	/* NULL-name terminated, or NULL */
};

#define INMATE(app_name, app_main, app_params)				\
	const struct inmate_app inmate_app = {				\
		.name = app_name,					\
		.main = app_main,					\
		.params = app_params,					\
	}

extern const struct inmate_app inmate_app;

/* Set by the entry code: BOOT_CELL or BOOT_MULTIBOOT (layout.h) */
extern uint32_t boot_kind;

/* The comm region when running in a jh cell (its signature checked),
 * else NULL: on bare metal, or in a cell without one. */
struct jh_comm_region *comm_region(void);

static inline bool inmate_in_cell(void)
{
	return comm_region() != NULL;
}

/* True when jh's CPUID leaf is there: only then is VMCALL safe */
bool inmate_under_jh(void);

/* What returning from main does (also from inside an interrupt handler):
 * reports the end, the cell shut down, and halts this CPU */
void __attribute__((noreturn)) inmate_finish(int status);

/* Weak hook for CPUs other than the first; the default parks them. */
void inmate_secondary_main(unsigned int cpu);

#endif /* _INMATE_INMATE_H */
