/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Internals of the config validator (config-check.h is the interface).
 * The rules are split by scope: check-layout.c (bytes: header, sizes,
 * counts), check-cell.c (one cell), check-pci-bars.c (a cell's devices
 * against its memory), check-system.c (platform, hypervisor
 * memory, intercepted pages), check-cross.c (cells against each other and
 * against the root cell); check-api.c strings them together.
 */
#ifndef _JH_CHECK_INTERNAL_H
#define _JH_CHECK_INTERNAL_H

#include <jh/config-walk.h>
#include "config-check.h"
#include "config-names.h"
#include "format.h"

#define ARRAY_LEN(a)	(sizeof(a) / sizeof((a)[0]))

/* Fixed addresses the hypervisor owns on every x86 machine */
#define JH_XAPIC_BASE		0xfee00000ULL
#define JH_XAPIC_SIZE		0x1000ULL
#define JH_IOAPIC_WINDOW	0x1000ULL	/* page trapped per IOAPIC */
#define JH_MMCONFIG_BUS_SIZE	0x100000ULL	/* ECAM: 1 MiB per bus */
#define JH_PCI_CONFIG_PORTS	0xcf8
#define JH_PCI_CONFIG_PORTS_END	0xd00
#define JH_PCI_CFG_SPACE	0x100		/* standard config space */
#define JH_PCI_EXT_CFG_SPACE	0x1000		/* with PCIe extended space */

struct chk {
	jh_report_fn report;
	void *opaque;
	unsigned int errors;
	unsigned int warnings;
};

/* A cell whose layout was checked: its arrays may be walked */
struct cell_ref {
	const char *file;
	const char *prefix;	/* "root." inside a system config, else "" */
	const struct jh_cell_desc *desc;
	bool is_root;
};

/* A system config whose layout was checked, with its root cell */
struct sys_ref {
	const char *file;
	const struct jh_system *sys;
	struct cell_ref root;
};

/*
 * fmt gives "what is wrong, values; fix: how" in one string; the report
 * splits it at "; fix: " into message and fix.
 */
void chk_report(struct chk *c, enum jh_severity sev, const char *rule,
		const char *file, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

#define chk_error(c, rule, file, field, ...) \
	chk_report(c, JH_SEV_ERROR, rule, file, field, __VA_ARGS__)
#define chk_warn(c, rule, file, field, ...) \
	chk_report(c, JH_SEV_WARNING, rule, file, field, __VA_ARGS__)

/* Half-open range [start, end); end == 0 with start != 0 never happens */
static inline bool ranges_overlap(uint64_t s1, uint64_t e1, uint64_t s2,
				  uint64_t e2)
{
	return s1 < e2 && s2 < e1;
}

/* Byte-wise CPU bit test: blobs need not be 8-byte aligned */
static inline bool cell_has_cpu(const struct jh_cell_desc *c, uint64_t cpu)
{
	const uint8_t *set = (const uint8_t *)jh_cell_cpu_set(c);

	if (cpu >= jh_cell_cpu_set_bits(c))
		return false;
	return (set[cpu / 8] >> (cpu % 8)) & 1;
}

/* First CPU of the cell at or after cpu; the set's size in bits if none */
static inline uint64_t cell_next_cpu(const struct jh_cell_desc *c, uint64_t cpu)
{
	const uint8_t *set = (const uint8_t *)jh_cell_cpu_set(c);
	uint64_t bits = jh_cell_cpu_set_bits(c);

	while (cpu < bits) {
		if (!set[cpu / 8])
			cpu = (cpu | 7) + 1;	/* skip empty bytes whole */
		else if ((set[cpu / 8] >> (cpu % 8)) & 1)
			return cpu;
		else
			cpu++;
	}
	return bits;
}

#define cell_for_each_cpu(cpu, cell)					\
	for ((cpu) = cell_next_cpu(cell, 0);				\
	     (cpu) < jh_cell_cpu_set_bits(cell);			\
	     (cpu) = cell_next_cpu(cell, (cpu) + 1))

/* Number of CPUs the cell has */
uint64_t cell_cpu_count(const struct jh_cell_desc *c);

/* Region end, or 0 when the region is empty or wraps (reported elsewhere) */
uint64_t mem_phys_end(const struct jh_memory *m);
uint64_t mem_virt_end(const struct jh_memory *m);

/* The comm region's page comes from the hypervisor, not from phys_start */
static inline bool mem_has_phys(const struct jh_memory *m)
{
	return !(m->flags & JH_MEM_COMM_REGION);
}

/* check-pci-bars.c: BARs mapped, MSI-X table not (non-root cells) */
void chk_pci_memory(struct chk *c, const struct cell_ref *r,
		    const char *field, const struct jh_pci_device *d);

/* check-layout.c: true when the blob may be walked; fills the ref */
bool chk_cell_layout(struct chk *c, const struct jh_config_blob *blob,
		     struct cell_ref *ref);
bool chk_system_layout(struct chk *c, const struct jh_config_blob *blob,
		       struct sys_ref *ref);

/* check-cell.c: rules inside one cell; sys may be NULL (cell alone) */
void chk_cell(struct chk *c, const struct cell_ref *cell,
	      const struct sys_ref *sys);

/* A cell's or the system's console (check-cell.c) */
void chk_console(struct chk *c, const char *file, const char *field,
		 const struct jh_console *con);

/* check-system.c */
void chk_system(struct chk *c, const struct sys_ref *sys);
void chk_intercepted(struct chk *c, const struct sys_ref *sys,
		     const struct cell_ref *cell);
/* cells_paging: jh_cell_paging_bytes() summed over the non-root cells */
void chk_hv_memory_size(struct chk *c, const struct sys_ref *sys,
			uint64_t cells_paging, unsigned int num_cells);
void chk_cpu_limit(struct chk *c, const struct sys_ref *sys);

/*
 * check-cross.c: a non-root cell against the root cell (resources it takes
 * must be the root's, names differ), and a pair of non-root cells
 */
void chk_cell_vs_root(struct chk *c, const struct sys_ref *sys,
		       const struct cell_ref *cell);
void chk_cell_pair(struct chk *c, const struct cell_ref *a,
		   const struct cell_ref *b);

/* check-shmem.c: a cell's shared-memory links, and two cells' against each other */
void chk_shmem(struct chk *c, const struct cell_ref *r);
void chk_shmem_pair(struct chk *c, const struct cell_ref *a,
		    const struct cell_ref *b);

#endif /* _JH_CHECK_INTERNAL_H */
