/* SPDX-License-Identifier: GPL-2.0 */
/*
 * jh-discover's in-memory machine model. Every source (ACPI tables, PCI,
 * memory maps, sysfs, CPUs) fills its part; the outputs (JSON, readiness
 * report, root-cell config) only read it. docs/machine-json.md is the JSON
 * form of this model.
 */
#ifndef _JH_DISCOVER_MACHINE_H
#define _JH_DISCOVER_MACHINE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vec.h"

#define DSC_NONE	(-1)	/* an integer field that could not be read */

/* One ACPI table as loaded (instance counts duplicates of a signature) */
struct acpi_table {
	char sig[5];
	uint8_t *data;
	uint32_t len;		/* bytes actually present */
	bool checksum_ok;
	int instance;
	char oem_id[7];
	char oem_table_id[9];
	uint8_t revision;
	uint64_t address;	/* physical address (acpidump), 0 if unknown */
};

struct dsc_warning {
	char source[64];
	long offset;		/* DSC_NONE if not about a byte offset */
	char *message;
};

struct dsc_limit {
	char *what, *why, *leaves_out;
};

struct dsc_cpu {
	uint32_t apic_id, acpi_id;
	bool enabled, online_capable, x2apic;
	int linux_cpu, online;
	int package, die, core, thread, node;
	int cache_id[4];	/* l1d, l1i, l2, l3 */
	char core_type[16];
};

/* Where an IOAPIC's pin count came from, most trusted first (ioapic-pins.h) */
enum dsc_pins_source {
	PINS_UNKNOWN, PINS_KERNEL_LOG, PINS_GSI_GAP, PINS_PCI_LINE, PINS_MADT_GSI,
	PINS_ASSUMED, PINS_NUM_SOURCES
};

struct dsc_ioapic {
	uint8_t id;
	uint64_t address;
	uint32_t gsi_base;
	int pins;		/* redirection entries; DSC_NONE until linked */
	enum dsc_pins_source pins_source;
	int bdf16;		/* DMAR/IVRS source id, DSC_NONE if unknown */
	int iommu;
};

/* A kernel log line "IOAPIC[i]: apic_id A, version V, address X, GSI B-E" */
struct dsc_klog_ioapic {
	unsigned int index, apic_id, version;
	uint64_t address;
	uint32_t gsi_base, gsi_end;
	long line;		/* 1-based line number in the log */
};

struct dsc_iso {
	uint8_t bus, source_irq;
	uint32_t gsi;
	uint16_t flags;
};

struct dsc_mmcfg {
	uint64_t base;
	uint16_t segment;
	uint8_t start_bus, end_bus;
};

#define DSC_SCOPE_MAX_PATH	16

/* DMAR device scope types (VT-d spec 8.3.1) */
#define DMAR_SCOPE_ENDPOINT	1
#define DMAR_SCOPE_BRIDGE	2
#define DMAR_SCOPE_IOAPIC	3
#define DMAR_SCOPE_HPET		4

struct dsc_scope {
	uint8_t type, enum_id, start_bus;
	uint8_t path_len;
	uint8_t path[DSC_SCOPE_MAX_PATH][2];
	int bdf16;		/* resolved, DSC_NONE if the walk failed */
};

VEC_TYPE(dsc_scope_vec, struct dsc_scope);

#define DSC_IOMMU_VTD	1
#define DSC_IOMMU_AMD	2

struct dsc_iommu {
	int type;
	uint64_t base, size;
	uint16_t segment;
	bool include_all;
	uint32_t flags;
	struct dsc_scope_vec scopes;
	/* AMD-Vi */
	int amd_bdf16;
	uint8_t amd_cap_offset, amd_ivhd_type;
	uint32_t amd_info;
	uint64_t amd_efr;
	bool amd_has_efr;
};

struct dsc_rmrr {
	uint16_t segment;
	uint64_t base, end;
	struct dsc_scope_vec scopes;
};

struct dsc_atsr {
	uint16_t segment;
	uint8_t flags;
	struct dsc_scope_vec scopes;
};

struct dsc_rhsa {
	uint64_t base;
	uint32_t domain;
};

struct dsc_andd {
	uint8_t device;
	char name[64];
};

struct dsc_ivhd_entry {
	uint8_t type;
	uint16_t devid;
	uint8_t data;
	bool has_source, has_special, has_ext;
	uint16_t source_devid;
	uint8_t handle, variety;	/* special: 1 IOAPIC, 2 HPET */
	uint32_t ext;
};

VEC_TYPE(dsc_ivhd_entry_vec, struct dsc_ivhd_entry);

struct dsc_ivhd {
	uint8_t type, flags;
	uint16_t bdf16;
	uint16_t cap_offset;
	uint64_t base;
	uint16_t segment;
	uint16_t info;
	uint32_t attributes;
	uint64_t efr;
	bool has_efr;
	struct dsc_ivhd_entry_vec entries;
};

struct dsc_ivmd {
	uint8_t type, flags;
	uint16_t devid, aux;
	uint64_t base, size;
};

struct dsc_hpet {
	uint32_t block_id;
	uint64_t address;
	uint8_t sequence, flags;
	uint16_t min_ticks;
};

/* A generic address structure (ACPI GAS) */
struct dsc_gas {
	uint8_t space_id, bit_width, bit_offset, access_width;
	uint64_t address;
};

enum fadt_block {
	FADT_PM1A_EVT, FADT_PM1B_EVT, FADT_PM1A_CNT, FADT_PM1B_CNT,
	FADT_PM2_CNT, FADT_PM_TMR, FADT_GPE0, FADT_GPE1, FADT_NUM_BLOCKS
};

struct dsc_fadt {
	bool present;
	uint8_t revision;
	bool hw_reduced, pm_timer_32bit;
	uint16_t sci;
	uint32_t smi_cmd;
	uint32_t block[FADT_NUM_BLOCKS];	/* I/O port, 0 if none */
	uint16_t block_len[FADT_NUM_BLOCKS];
	bool has_reset;
	struct dsc_gas reset_reg;
	uint8_t reset_value;
	uint16_t boot_flags;
	uint32_t flags;
};

/* The ACPI PM timer: the FADT's block, else the port /proc/ioports names */
enum dsc_pm_timer_source { PM_TIMER_NONE, PM_TIMER_FADT, PM_TIMER_IOPORTS };

struct dsc_pm_timer {
	enum dsc_pm_timer_source source;
	uint16_t port;		/* 0 if none is known */
	bool is_32bit;		/* FADT TMR_VAL_EXT; 24-bit when not known */
};

struct dsc_srat_cpu {
	uint32_t apic_id, node;
	bool enabled;
};

struct dsc_srat_mem {
	uint64_t base, size;
	uint32_t node;
	bool enabled, hotplug, nonvolatile;
};

struct dsc_range {
	uint64_t start, end;	/* inclusive */
	char *name;
	int depth;
};

VEC_TYPE(dsc_range_vec, struct dsc_range);

#define PCI_CFG_MAX	4096

struct dsc_bar {
	uint64_t address, size;	/* size 0: unknown or unused */
	uint32_t mask;		/* raw BAR mask as the hypervisor sees it */
	bool used, is_io, is_64, prefetch, below_1m, size_known;
};

struct dsc_pci {
	uint16_t segment;
	uint8_t bus, dev, fn;
	uint8_t cfg[PCI_CFG_MAX];
	unsigned int cfg_size;	/* bytes valid in cfg: 64, 256 or 4096 */
	struct dsc_bar bar[6];
	uint64_t res_start[7], res_end[7];	/* sysfs resource file, 0 if none */
	bool has_res;
	char vendor_name[128], device_name[128], class_name[128];
	int iommu_group;
	char driver[64];
	int iommu;
	int irq;	/* Linux's IRQ (sysfs irq, live only): DSC_NONE if unknown */
	int dma_alias;	/* the other requester id of its DMA (link.c); DSC_NONE */
};

struct dsc_serial {
	char name[16];
	bool mmio, in_use;
	uint32_t port;
	uint64_t address;
	int irq, reg_shift, reg_width;
	long uartclk;
};

struct dsc_cpuinfo {
	char vendor[16];
	int family, model, stepping;
	char model_name[80];
	int vmx, svm, x2apic, tsc_deadline, invariant_tsc, hypervisor, hybrid;
	int cat_l3_bits, cat_l3_closids, cat_l3_cdp;
	int cat_l2_bits, cat_l2_closids;
	bool known;		/* anything read at all */
};

/* Where the CPUs' topology came from, weakest source used for any CPU */
enum dsc_topology { TOPO_NONE, TOPO_CPUINFO, TOPO_SYSFS };

enum vmx_msr {
	VMX_BASIC, VMX_PINBASED, VMX_PROCBASED, VMX_PROCBASED2, VMX_EXIT,
	VMX_ENTRY, VMX_EPT_VPID, VMX_MISC, VMX_FEATURE_CONTROL, VMX_NUM_MSRS
};

struct dsc_vmx {
	bool msr_valid[VMX_NUM_MSRS];
	uint64_t msr[VMX_NUM_MSRS];
};

struct dsc_reservation {
	bool present;
	uint64_t base, size;
};

struct dsc_dmi {
	char *field[7];
};

VEC_TYPE(acpi_table_vec, struct acpi_table);
VEC_TYPE(dsc_warning_vec, struct dsc_warning);
VEC_TYPE(dsc_limit_vec, struct dsc_limit);
VEC_TYPE(dsc_cpu_vec, struct dsc_cpu);
VEC_TYPE(dsc_ioapic_vec, struct dsc_ioapic);
VEC_TYPE(dsc_iso_vec, struct dsc_iso);
VEC_TYPE(dsc_klog_ioapic_vec, struct dsc_klog_ioapic);
VEC_TYPE(u32_vec, uint32_t);
VEC_TYPE(dsc_mmcfg_vec, struct dsc_mmcfg);
VEC_TYPE(dsc_iommu_vec, struct dsc_iommu);
VEC_TYPE(dsc_rmrr_vec, struct dsc_rmrr);
VEC_TYPE(dsc_atsr_vec, struct dsc_atsr);
VEC_TYPE(dsc_rhsa_vec, struct dsc_rhsa);
VEC_TYPE(dsc_andd_vec, struct dsc_andd);
VEC_TYPE(dsc_ivhd_vec, struct dsc_ivhd);
VEC_TYPE(dsc_ivmd_vec, struct dsc_ivmd);
VEC_TYPE(dsc_hpet_vec, struct dsc_hpet);
VEC_TYPE(dsc_srat_cpu_vec, struct dsc_srat_cpu);
VEC_TYPE(dsc_srat_mem_vec, struct dsc_srat_mem);
VEC_TYPE(dsc_pci_vec, struct dsc_pci *);
VEC_TYPE(dsc_serial_vec, struct dsc_serial);
VEC_TYPE(str_vec, char *);

struct machine {
	bool offline;
	struct str_vec inputs;

	struct acpi_table_vec tables;
	struct dsc_warning_vec warnings;
	struct dsc_limit_vec limits;

	/* MADT */
	bool have_madt;
	uint64_t lapic_address;
	bool pcat_compat;
	struct dsc_cpu_vec cpus;
	struct dsc_ioapic_vec ioapics;
	struct dsc_iso_vec isos;
	struct u32_vec nmi_gsis;	/* GSIs of MADT NMI source entries */
	/* kernel log: IOAPIC registration lines; klog_why: why it was not read */
	struct dsc_klog_ioapic_vec klog_ioapics;
	char *klog_source, *klog_why;
	/* MCFG */
	struct dsc_mmcfg_vec mmcfg;
	/* DMAR + IVRS */
	bool have_dmar;
	uint8_t dmar_haw, dmar_flags;
	struct dsc_iommu_vec iommus;
	struct dsc_rmrr_vec rmrrs;
	struct dsc_atsr_vec atsrs, satcs;
	struct dsc_rhsa_vec rhsas;
	struct dsc_andd_vec andds;
	bool have_ivrs;
	uint32_t iv_info;
	struct dsc_ivhd_vec ivhds;
	struct dsc_ivmd_vec ivmds;
	/* timers, power management, NUMA */
	struct dsc_hpet_vec hpets;
	struct dsc_fadt fadt;
	struct dsc_pm_timer pm_timer;	/* machine_link(): FADT or ioports */
	struct dsc_srat_cpu_vec srat_cpus;
	struct dsc_srat_mem_vec srat_mem;
	unsigned int slit_nodes;
	uint8_t *slit;

	struct dsc_range_vec e820, iomem, ioports;
	struct dsc_pci_vec pci;
	bool pci_read;
	struct dsc_serial_vec serials;
	struct dsc_cpuinfo cpu;
	enum dsc_topology cpu_topology;
	struct dsc_vmx vmx;
	struct dsc_reservation reservation;
	uint64_t hv_need;	/* cache of hv_memory_needed() */
	char *cmdline;
	struct dsc_dmi dmi;
};

extern const char *const dsc_dmi_fields[7];

void machine_init(struct machine *m);
void machine_free(struct machine *m);

/* Problems in the input: named by source (table or file) and byte offset */
void dsc_warn(struct machine *m, const char *source, long offset,
	      const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Something that could not be read at all, and what its absence costs */
void dsc_limit(struct machine *m, const char *what, const char *why,
	       const char *leaves_out);

struct dsc_pci *machine_find_pci(const struct machine *m, uint16_t segment,
				 uint8_t bus, uint8_t dev, uint8_t fn);
int machine_cmp_pci(const void *a, const void *b);

#endif /* _JH_DISCOVER_MACHINE_H */
