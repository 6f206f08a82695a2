/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The root-cell policy (root-policy.c): which memory regions, ports, PCI
 * devices, IOAPICs and IOMMUs the root cell gets, and where the hypervisor
 * lives.
 */
#ifndef _JH_DISCOVER_ROOT_POLICY_H
#define _JH_DISCOVER_ROOT_POLICY_H

#include "machine.h"

/* Hypervisor memory: the first HV_MEM_SIZE bytes of the memmap= area */
#define HV_MEM_SIZE		(16ull << 20)
/* What we propose to reserve when there is no memmap= yet */
#define HV_PROPOSED_RESERVATION	(32ull << 20)

struct hv_memory_plan {
	bool present;		/* an existing memmap= reservation */
	bool usable;		/* large enough and inside RAM */
	uint64_t base, size;	/* the (existing or proposed) reservation */
	uint64_t hv_base, hv_size;
	char kernel_param[64];	/* memmap=32M$0x3d000000 */
	char grub_param[64];	/* same, with $ escaped for /etc/default/grub */
	char problem[160];	/* why it is not usable, for the report */
};

/*
 * Hypervisor memory this machine needs: at least HV_MEM_SIZE, more when
 * the root cell's page tables need it (common/config-check.h's formula,
 * with one more cell's worth of room). Computed once, cached in m.
 */
uint64_t hv_memory_needed(struct machine *m);
void hv_memory_plan(struct machine *m, struct hv_memory_plan *p);

/* Interrupt-remapping table entries: a power of two from 256 to 65536 */
#define IR_TABLE_MIN		256u
#define IR_TABLE_MAX		65536u

/*
 * Remapping entries the machine's interrupt sources use at once: MSI and
 * MSI-X vectors of all PCI functions, IOAPIC pins, HPET comparators
 */
unsigned int root_ir_vectors(const struct machine *m);
/* The table size for them with headroom; 0 without interrupt remapping */
uint32_t root_ir_table_size(const struct machine *m);

struct jhgen_system;
/* Builds the root cell and platform description; reason on failure */
int root_policy_build(struct machine *m, struct jhgen_system *sys,
		      char *reason, size_t reason_size);

#endif /* _JH_DISCOVER_ROOT_POLICY_H */
