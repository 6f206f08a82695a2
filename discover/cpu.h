/* SPDX-License-Identifier: GPL-2.0 */
/* CPU and VMX facts (cpu.c) and their decoding for the JSON and report. */
#ifndef _JH_DISCOVER_CPU_H
#define _JH_DISCOVER_CPU_H

#include "machine.h"

#define CPU_MAP_MAX	4096

/* What a cpuinfo says of each Linux CPU it lists (-1: not said) */
struct cpu_map {
	int apic_of[CPU_MAP_MAX];	/* "apicid" (else "initial apicid") */
	int package_of[CPU_MAP_MAX];	/* "physical id" */
	int core_of[CPU_MAP_MAX];	/* "core id" */
	int n;				/* highest Linux CPU listed + 1 */
	bool read;			/* a cpuinfo file was read */
};

struct dsc_sources;

/*
 * Linux CPU numbers, online state, topology and cache sharing of m->cpus
 * from the map and the sources' sysfs tree (cpu-topology.c); sets
 * m->cpu_topology and says in m->limits what is unknown.
 */
void cpu_topology_read(struct machine *m, const struct dsc_sources *src,
		       const struct cpu_map *map);
/* "sysfs", "cpuinfo", NULL for TOPO_NONE */
const char *cpu_topology_name(enum dsc_topology t);

extern const uint32_t vmx_msr_index[VMX_NUM_MSRS];

/* One VMX capability: -1 unknown (MSRs unread), 0 no, 1 yes */
enum vmx_cap {
	VMXC_EPT, VMXC_EPT_2M, VMXC_EPT_1G, VMXC_VPID, VMXC_UNRESTRICTED,
	VMXC_PREEMPTION_TIMER, VMXC_POSTED_INTR, VMXC_APIC_REG_VIRT,
	VMXC_VIRT_INTR_DELIVERY, VMXC_X2APIC_VIRT, VMXC_NUM
};

extern const char *const vmx_cap_names[VMXC_NUM];
int vmx_cap(const struct machine *m, enum vmx_cap cap);
/* FEATURE_CONTROL: -1 unknown, else the bit */
int feature_control_locked(const struct machine *m);
int feature_control_vmx_outside_smx(const struct machine *m);

#endif /* _JH_DISCOVER_CPU_H */
