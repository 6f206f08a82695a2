/* SPDX-License-Identifier: GPL-2.0 */
/*
 * jh-plan: turns a machine description into an RT partition plan (root
 * cell + one RT cell), checks it and writes it. docs/plan.md is the user's
 * view. Files:
 *	plan-main.c	options, input, output directory
 *	plan-machine.c	the machine JSON (plan-json.c: typed access)
 *	plan-machine-root.c its root_cell: jh-discover's root cell
 *	plan-findings.c	the checks' results (plan.txt lists every one)
 *	plan-cpus.c	RT CPU checks
 *	plan-memory.c	reservation, layout, hypervisor memory
 *	plan-regions.c	page-granular region sets (RT device BARs)
 *	plan-root.c	the root cell: jh-discover's, with the plan's memory
 *	plan-rt.c	the RT cell config
 *	plan-devices.c	device checks and device entries
 *	plan-others.c	cells planned before into the same directory
 *	plan-score.c	candidate plans without --rt-cpus
 *	plan-output.c	plan.txt, cmdline.txt, configs
 */
#ifndef _JH_PLAN_H
#define _JH_PLAN_H

#include "config-writer.h"
#include "plan-machine.h"

#define PLAN_MAX_CPUS		1024
#define PLAN_MAX_DEVICES	32
#define MiB			((uint64_t)1 << 20)
#define PAGE_SIZE		0x1000ULL
/* RT RAM is rounded to this so EPT and VT-d can use 2 MiB pages */
#define PLAN_RAM_ALIGN		(2 * MiB)
#define PLAN_COMM_REGION	0x100000ULL	/* guest-physical, one page */
#define PLAN_LOW_RAM		0x100000ULL	/* RAM below the comm region */
#define PLAN_HIGH_RAM		0x101000ULL	/* guest address of the rest */
#define PLAN_DMA_SIZE		0x40000ULL	/* identity-mapped, for devices */
#define PLAN_SHMEM_GUEST	0x40000000ULL	/* guest address of shmem */
#define PLAN_SHMEM_LINK_ID	1		/* the link's id in both configs */
#define PLAN_SHMEM_VECTOR	0x50		/* the cell's doorbell vector */

struct plan_request {
	const char *cpus_arg;		/* --rt-cpus as given, NULL: propose */
	int cpus[PLAN_MAX_CPUS];
	int num_cpus;
	uint64_t rt_mem;		/* as requested, before rounding */
	uint64_t shmem;
	uint64_t hv_mem;		/* 0: from the reservation or formula */
	const char *devices[PLAN_MAX_DEVICES];
	int num_devices;
	int console_port;		/* -1: none */
	const char *name;
	const char *out_dir;
	const char *command_line;	/* for the configs' header comments */
	bool no_dma_isolation;		/* set JH_SYS_NO_DMA_ISOLATION */
	bool linux_cell;		/* the cell boots Linux (jh cell linux) */
};

/* A Linux cell: the kernel decompresses to 16 MiB, needs ~16 MiB above, plus an initrd */
#define PLAN_LINUX_MIN_RAM	(64ULL << 20)
#define PLAN_LINUX_DEFAULT_RAM	(128ULL << 20)

enum plan_severity {
	PLAN_OK,
	PLAN_NOTE,		/* not a problem; what the plan did */
	PLAN_WARNING,
	PLAN_ERROR,
};

/* A cell an earlier run planned into the same --out directory */
struct plan_other_cell {
	char file[256];
	void *blob;
	size_t size;
};

struct plan_finding {
	enum plan_severity severity;
	char check[24];		/* stable id, docs/plan.md */
	char *message;
	char *fix;		/* NULL for ok and notes */
};

struct plan {
	const struct machine *m;
	const struct plan_request *req;
	struct plan_finding *findings;
	int num_findings;

	/* memory layout (physical) */
	uint64_t res_base, res_size;	/* the memmap= the plan needs */
	bool res_new;			/* not on the command line yet */
	uint64_t hv_base, hv_size;
	uint64_t hv_need;		/* by the formula, once validated */
	uint64_t rt_base, rt_size;	/* RT RAM, rounded */
	uint64_t shmem_base, shmem_size;
	int numa_node_mem;		/* node of RT RAM, PM_UNKNOWN */

	/* cells planned before in the same directory: kept, planned around */
	const struct plan_other_cell *others;
	int num_others;
	uint64_t others_end;		/* end of their RAM in the reservation */

	struct jhgen_system sys;
	struct jhgen_cell rt;
	bool built;
};

/* plan-findings.c */
void plan_add(struct plan *p, enum plan_severity sev, const char *check,
	      const char *fix, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
int plan_count(const struct plan *p, enum plan_severity sev);
const char *plan_severity_name(enum plan_severity sev);
void plan_free(struct plan *p);

/* plan-cpus.c */
int plan_parse_cpus(const char *arg, int *cpus, int max, char *reason,
		    size_t reason_size);
void plan_check_cpus(struct plan *p);
bool plan_has_cpu(const struct plan_request *r, int cpu);
int plan_count_enabled(const struct machine *m);
/* Linux CPUs sharing a core (SMT siblings) with cpu, into out; count */
int plan_siblings(const struct machine *m, int cpu, int *out, int max);

/* plan-memory.c */
int plan_layout_memory(struct plan *p);
void plan_check_hv_memory(struct plan *p, uint64_t need, const char *formula);
int plan_numa_node_of(const struct machine *m, uint64_t addr);
void plan_check_numa(struct plan *p);
/* "32M", "1G", "0x1000" -> bytes; -EINVAL */
int plan_parse_size(const char *s, uint64_t *out);
/* "32M" if whole MiB, else "0x..." */
void plan_format_size(char *buf, size_t size, uint64_t bytes);

/* plan-root.c */
int plan_build_root(struct plan *p);

/* plan-rt.c */
int plan_build_rt(struct plan *p);

/* plan-devices.c */
void plan_check_devices(struct plan *p);
int plan_add_devices(struct plan *p);
struct region_set;
/* Keeps the MSI-X table pages out of a region set (intercepted) */
int plan_msix_hole(struct region_set *rs, const struct pm_pci *d);

/* plan-score.c */
struct plan_candidate {
	int cpus[8];
	int num_cpus;
	int score;
	char why[256];
};
int plan_candidates(const struct machine *m, struct plan_candidate *out,
		    int max);

/* plan-others.c */
int plan_load_others(const char *dir, const char *name,
		     struct plan_other_cell **out, int *num);
void plan_free_others(struct plan_other_cell *o, int num);
void plan_check_others(struct plan *p);
uint64_t plan_others_end(const struct plan *p, uint64_t res_base,
			 uint64_t res_end);
int plan_add_others_to_root(struct plan *p);

/* plan-output.c */
int plan_validate(struct plan *p);
int plan_write(struct plan *p, const char *dir);
void plan_print_summary(const struct plan *p, FILE *f);

#endif /* _JH_PLAN_H */
