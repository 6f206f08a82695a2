/* SPDX-License-Identifier: GPL-2.0 */
/*
 * jh-plan's view of a machine: the parts of the machine description JSON
 * (docs/machine-json.md, "jh-machine/1") that planning needs, loaded with
 * json-c into plain structs. A value the JSON gives as null is -1 (ints)
 * or false/absent (flags), so the checks can say "unknown".
 */
#ifndef _JH_PLAN_MACHINE_H
#define _JH_PLAN_MACHINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config-writer.h"

#define PM_UNKNOWN	(-1)

struct pm_cpu {
	uint32_t apic_id;
	bool enabled;
	int linux_cpu;		/* PM_UNKNOWN: assumed, see linux_cpu_assumed */
	int online;		/* 1, 0, PM_UNKNOWN */
	int package, core, thread, node;
	int l2, l3;		/* cache instance ids */
	char core_type[16];	/* "performance", "efficiency", "" */
};

struct pm_range {
	uint64_t start, end;	/* inclusive */
	char name[64];
	int depth;
};

struct pm_bar {
	int index;
	uint64_t address, size;
	char type[8];		/* mem32, mem64, mem1m, io */
	uint32_t mask;
	bool prefetchable;
};

struct pm_cap {
	uint16_t id, offset, length;
	char name[48];
};

struct pm_pci {
	char bdf[16];		/* "0000:00:1f.3" */
	uint16_t segment, bdf16;
	int bus;
	uint32_t vendor_id, device_id, class_code;
	char name[96];		/* vendor + device name, or class name */
	int header_type;
	char pcie_type[24];
	struct pm_bar bars[6];
	int num_bars;
	struct pm_cap *caps;	/* standard, then extended (id | 0x8000) */
	int num_caps;
	int msi_vectors;	/* 0: no MSI */
	bool msi_64bit, msi_maskable;
	int msix_vectors;	/* 0: no MSI-X */
	uint64_t msix_table, msix_pba;
	int msix_table_bar;
	int secondary_bus, subordinate_bus;	/* bridges, else -1 */
	int interrupt_pin, interrupt_line;
	int gsi;	/* INTx's GSI: Linux's irq when the input has it, else
			 * interrupt_line (the firmware's value) */
	int iommu_group;
	int iommu;		/* index into iommus, -1 none */
	char driver[32];
};

struct pm_scope {
	char type[16];		/* endpoint, bridge, ioapic, ... */
	int bdf16;		/* -1 unresolved */
};

struct pm_iommu {
	bool amd;
	uint64_t base, size;
	uint16_t segment;
	bool include_all;
	struct pm_scope *scopes;
	int num_scopes;
	int amd_bdf16, amd_cap;
};

struct pm_rmrr {
	uint64_t base, end;
	struct pm_scope *scopes;
	int num_scopes;
};

/* An IVRS alias: requests of devid arrive as source_devid */
struct pm_alias {
	int devid, source_devid;
};

struct pm_ioapic {
	int id;
	uint64_t address;
	uint32_t gsi_base;
	int pins;		/* PM_UNKNOWN: 24 assumed */
	char pins_source[16];	/* jh-discover's: "assumed" is a guess too */
	int bdf16, iommu;
};

struct pm_serial {
	char name[16];
	int port;		/* PM_UNKNOWN for MMIO */
	int irq;
	bool in_use;
};

struct pm_numa_mem {
	uint64_t base, size;
	int node;
};

struct machine {
	char path[256];		/* where it was read from, for messages */
	char title[160];	/* vendor and product, for comments */
	char cpu_vendor[16];
	bool hybrid, x2apic, tsc_deadline, smt;
	int cat_l3_bits, cat_l2_bits;	/* 0: no CAT (or unknown) */
	bool cat_known;
	bool linux_cpu_assumed;	/* numbering taken from MADT order */

	struct pm_cpu *cpus;
	int num_cpus;
	struct pm_ioapic *ioapics;
	int num_ioapics;
	struct pm_iommu *iommus;
	int num_iommus;
	struct pm_rmrr *rmrrs;
	int num_rmrrs;
	struct pm_alias *aliases;
	int num_aliases;
	struct pm_range *e820;
	int num_e820;
	struct pm_pci *pci;
	int num_pci;
	struct pm_serial *serials;
	int num_serials;
	struct pm_numa_mem *numa_mem;
	int num_numa_mem;

	/* memmap= reservation, as jh-discover found or proposed it */
	bool res_present;
	uint64_t res_base, res_size;
	uint64_t res_hv_base, res_hv_size;

	/* root_cell: the root cell jh-discover's policy decided, or why not */
	bool has_root;
	struct jhgen_system root;
	char root_problem[200];
};

/*
 * Loads path ("-" is stdin). On failure returns a negative errno and
 * reason says which file, which member and why.
 */
int machine_load(struct machine *m, const char *path, char *reason,
		 size_t reason_size);
/* The same from JSON text in memory; name is used in messages */
int machine_parse(struct machine *m, const char *text, const char *name,
		  char *reason, size_t reason_size);
void machine_free(struct machine *m);

const struct pm_cpu *machine_cpu(const struct machine *m, int linux_cpu);
/* "0000:03:00.0" or "03:00.0" (segment 0); NULL if absent or malformed */
const struct pm_pci *machine_pci(const struct machine *m, const char *bdf);
bool machine_parse_bdf(const char *s, unsigned int *seg, unsigned int *bdf16);
bool machine_iommu_present(const struct machine *m);

#endif /* _JH_PLAN_MACHINE_H */
