/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Names of config values, shared by `jh config show` and the validator's
 * messages so both speak the same words. Freestanding.
 *
 * The *_flags formatters write names joined by '|' ("READ|WRITE|DMA"),
 * unknown bits as a hex remainder ("READ|0x8000"), and "none" for 0.
 * All return jh_snprintf-style lengths and always NUL-terminate.
 */
#ifndef _JH_CONFIG_NAMES_H
#define _JH_CONFIG_NAMES_H

#include <jh/config.h>

struct jh_flag_name {
	uint64_t bit;
	const char *name;
};

/* Tables end with { 0, NULL } */
extern const struct jh_flag_name jh_mem_flag_names[];
extern const struct jh_flag_name jh_cell_flag_names[];
extern const struct jh_flag_name jh_sys_flag_names[];
extern const struct jh_flag_name jh_cache_flag_names[];
extern const struct jh_flag_name jh_pcicap_flag_names[];
extern const struct jh_flag_name jh_msi_flag_names[];
extern const struct jh_flag_name jh_iommu_flag_names[];

int jh_format_flags(char *buf, size_t size, uint64_t flags,
		    const struct jh_flag_name *names);

/* "0-3,6" (or "none"); only bits below nbits are looked at */
int jh_format_cpu_set(char *buf, size_t size, const uint64_t *set,
		      uint64_t nbits);

/* "0000:00:1f.2" */
int jh_format_bdf(char *buf, size_t size, uint16_t segment, uint16_t bdf);

/* Short descriptions; "unknown" for values outside the table */
const char *jh_pci_type_name(uint8_t type);
const char *jh_console_type_name(uint8_t type);
const char *jh_cache_type_name(uint8_t type);
const char *jh_iommu_type_name(uint8_t type);
const char *jh_arch_name(uint16_t arch);

/* What a memory region is, by its flags: "RAM", "loadable RAM", "MMIO", ... */
const char *jh_mem_region_kind(uint64_t flags);

#endif /* _JH_CONFIG_NAMES_H */
