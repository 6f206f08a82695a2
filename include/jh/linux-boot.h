/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Booting a Linux kernel in a jh cell (`jh cell linux`, tools/cmd-cell-linux.c,
 * and its loader inmates/demos/linux-loader.c): the parts of Linux's x86
 * boot protocol (Documentation/x86/boot.rst) and of its Jailhouse guest
 * interface (SETUP_JAILHOUSE setup data, arch/x86/kernel/jailhouse.c) that
 * both use. Offsets are those of struct boot_params ("the zero page").
 */
#ifndef _JH_LINUX_BOOT_H
#define _JH_LINUX_BOOT_H

#include "types.h"

#define LINUX_BP_SIZE			0x1000
#define LINUX_BP_E820_ENTRIES		0x1e8	/* u8 */
#define LINUX_BP_HDR			0x1f1	/* the setup header */
#define LINUX_BP_SETUP_SECTS		0x1f1	/* u8: 512-byte sectors after the boot sector */
#define LINUX_BP_BOOT_FLAG		0x1fe	/* u16: 0xaa55 */
#define LINUX_BP_HEADER_MAGIC		0x202	/* u32: "HdrS" */
#define LINUX_BP_VERSION		0x206	/* u16: protocol version */
#define LINUX_BP_TYPE_OF_LOADER		0x210	/* u8 */
#define LINUX_BP_LOADFLAGS		0x211	/* u8 */
#define LINUX_BP_CODE32_START		0x214	/* u32: where the protected-mode kernel is */
#define LINUX_BP_RAMDISK_IMAGE		0x218	/* u32 */
#define LINUX_BP_RAMDISK_SIZE		0x21c	/* u32 */
#define LINUX_BP_CMD_LINE_PTR		0x228	/* u32 */
#define LINUX_BP_KERNEL_ALIGNMENT	0x230	/* u32 */
#define LINUX_BP_RELOCATABLE		0x234	/* u8 */
#define LINUX_BP_XLOADFLAGS		0x236	/* u16 */
#define LINUX_BP_CMDLINE_SIZE		0x238	/* u32: longest line, without its NUL */
#define LINUX_BP_SETUP_DATA		0x250	/* u64: first struct setup_data */
#define LINUX_BP_PREF_ADDRESS		0x258	/* u64 */
#define LINUX_BP_INIT_SIZE		0x260	/* u32: memory the kernel needs from its start */
#define LINUX_BP_HDR_END		0x268	/* what a loader copies from the image */
#define LINUX_BP_E820_TABLE		0x2d0	/* struct linux_e820[128] */

#define LINUX_HDR_MAGIC			0x53726448	/* "HdrS" */
#define LINUX_LOADFLAGS_LOADED_HIGH	0x01
#define LINUX_LOADFLAGS_CAN_USE_HEAP	0x80
#define LINUX_XLF_KERNEL_64		0x0001	/* the 64-bit entry at +0x200 */
#define LINUX_ENTRY64_OFFSET		0x200
#define LINUX_E820_MAX			128
#define LINUX_E820_RAM			1
#define LINUX_E820_RESERVED		2

struct linux_e820 {
	uint64_t addr;
	uint64_t size;
	uint32_t type;
} JH_PACKED;

#define LINUX_SETUP_JAILHOUSE		6
#define LINUX_JAILHOUSE_VERSION		2	/* with the UART flags */
#define LINUX_JAILHOUSE_COMPATIBLE	1
#define LINUX_JAILHOUSE_MAX_CPUS	255

/* struct setup_data with a SETUP_JAILHOUSE payload (version 2) */
struct linux_jailhouse_setup {
	uint64_t next;			/* guest-physical, 0: the last */
	uint32_t type;			/* LINUX_SETUP_JAILHOUSE */
	uint32_t len;			/* of what follows */
	uint16_t version;
	uint16_t compatible_version;
	uint16_t pm_timer_address;
	uint16_t num_cpus;
	uint64_t pci_mmconfig_base;
	uint32_t tsc_khz;
	uint32_t apic_khz;
	uint8_t standard_ioapic;
	uint8_t cpu_ids[LINUX_JAILHOUSE_MAX_CPUS];	/* APIC IDs */
	uint32_t flags;			/* bit n: legacy UART n (0x3f8, 0x2f8, 0x3e8, 0x2e8) */
} JH_PACKED;

_Static_assert(sizeof(struct linux_jailhouse_setup) == 16 + 284,
	       "SETUP_JAILHOUSE v2 layout");

#endif /* _JH_LINUX_BOOT_H */
