/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The jh config validator: the ONE place that decides whether a system or
 * cell config is acceptable. Freestanding (no libc, no allocation), so the
 * same code runs in the `jh` CLI, the driver and the hypervisor.
 *
 * The caller hands in blobs (bytes + the file name to blame) and a report
 * callback. Every finding names the file, the field and what to do about
 * it; the entry points return the number of errors (0 = acceptable).
 * Warnings never make a config unacceptable.
 *
 * Callers:
 *	jh_check_system()	one system config alone (root cell included)
 *	jh_check_cells()	a system config plus any number of cells, as
 *				`jh config check SYS.cell A.cell B.cell` does
 *	jh_check_new_cell()	the hypervisor at cell create: one new cell
 *				against the system and the cells that exist
 *	jh_check_blob()		structure only (header, sizes, counts) of a
 *				blob of either kind; run before decoding it
 * Once a blob passed jh_check_blob() without errors, the config-walk.h
 * helpers may be used on it.
 */
#ifndef _JH_CONFIG_CHECK_H
#define _JH_CONFIG_CHECK_H

#include <jh/config.h>

enum jh_severity {
	JH_SEV_ERROR = 0,
	JH_SEV_WARNING = 1,
};

/* Longest text of one finding, message and fix each (longer is cut). */
#define JH_FINDING_TEXT		256
#define JH_FINDING_FIELD	64

struct jh_finding {
	enum jh_severity severity;
	const char *rule;	/* stable rule id, e.g. "mem-overlap" (docs/config.md) */
	const char *file;	/* the blob's name as given by the caller */
	const char *field;	/* "memory[2]", "root.pio[0]", "platform.iommu[1]", "" */
	const char *message;	/* what is wrong, with the values */
	const char *fix;	/* how to fix it */
};

/*
 * Called once per finding; the strings live only during the call.
 * Printed as "error: FILE: FIELD: MESSAGE; fix: FIX" (jh_finding_format).
 */
typedef void (*jh_report_fn)(const struct jh_finding *finding, void *opaque);

struct jh_config_blob {
	const char *file;	/* name used in findings, e.g. "rt.cell" */
	const void *data;
	uint64_t size;		/* bytes available at data */
};

/* Summary a caller may want besides the error count */
struct jh_check_result {
	unsigned int errors;
	unsigned int warnings;
};

enum jh_config_kind {
	JH_CONFIG_UNKNOWN = 0,
	JH_CONFIG_SYSTEM,	/* "JHSYSCFG" */
	JH_CONFIG_CELL,		/* "JHCELCFG" */
};

/* Kind by signature only (size >= 8); says nothing about validity. */
enum jh_config_kind jh_config_kind(const void *data, uint64_t size);

/*
 * Each returns the number of errors found; result (may be NULL) also gets
 * the warning count. report may be NULL to just count.
 */
int jh_check_blob(const struct jh_config_blob *blob, jh_report_fn report,
		  void *opaque, struct jh_check_result *result);

int jh_check_system(const struct jh_config_blob *sys, jh_report_fn report,
		    void *opaque, struct jh_check_result *result);

int jh_check_cells(const struct jh_config_blob *sys,
		   const struct jh_config_blob *cells, unsigned int num_cells,
		   jh_report_fn report, void *opaque,
		   struct jh_check_result *result);

/*
 * existing: the cells already created (their configs as accepted then);
 * only new_cell's own rules and its conflicts with the system and the
 * existing cells are reported. The system config is trusted here (it was
 * checked at enable) but still walked safely.
 */
int jh_check_new_cell(const struct jh_config_blob *sys,
		      const struct jh_config_blob *existing,
		      unsigned int num_existing,
		      const struct jh_config_blob *new_cell,
		      jh_report_fn report, void *opaque,
		      struct jh_check_result *result);

/* "error: FILE: FIELD: MESSAGE; fix: FIX" into buf; returns jh_snprintf's value */
int jh_finding_format(char *buf, size_t size, const struct jh_finding *f);

/*
 * Hypervisor memory needed (bytes), the formula docs/config.md states:
 *	JH_HV_MEM_FIXED
 *	+ JH_HV_MEM_PER_CPU * max(CPUs, JH_MAX_CPUS): the image holds the
 *	  per-CPU areas of all JH_MAX_CPUS (include/jh/hv-boot.h) statically
 *	+ per cell, root included: JH_HV_MEM_PER_CELL + jh_cell_paging_bytes()
 * jh_cell_paging_bytes() counts the page tables of the cell's regions as
 * hypervisor/ept.c maps them (2 MiB pages where the alignment allows,
 * 4 KiB otherwise), doubled for DMA regions when the system has IOMMUs.
 */
#define JH_HV_MEM_FIXED		(1024ULL * 1024)	/* code, data, console ring, config, own page tables */
#define JH_HV_MEM_PER_CPU	(64ULL * 1024)		/* stack, VMXON, VMCS, per-CPU data */
#define JH_HV_MEM_PER_CELL	(64ULL * 1024)		/* cell struct, I/O + MSR bitmaps, comm page */

uint64_t jh_cell_paging_bytes(const struct jh_cell_desc *cell, bool iommu);

#endif /* _JH_CONFIG_CHECK_H */
