// SPDX-License-Identifier: GPL-2.0
/*
 * The image header (first bytes of jh.bin, read by the driver) and the
 * data the driver fills in before any CPU enters.
 */
#include "hv.h"

extern u8 __core_end[];
void hv_entry(void);

/* on pages of its own (jh.lds): the root cell may read them */
struct jh_hv_boot boot __attribute__((section(".bss.boot"), aligned(4096)));
struct per_cpu per_cpu[JH_MAX_CPUS];

const struct jh_hv_header header __attribute__((section(".header"), used)) = {
	.signature = JH_HV_SIGNATURE,
	.abi_version = JH_HV_ABI_VERSION,
	.max_cpus = JH_MAX_CPUS,
	.link_base = JH_HV_LINK_BASE,
	.entry = (u64)hv_entry,
	.core_size = (u64)__core_end - JH_HV_LINK_BASE,
	.boot_offset = (u64)&boot - JH_HV_LINK_BASE,
};
