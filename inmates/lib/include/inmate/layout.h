/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Fixed guest-physical layout of an inmate, shared by the entry assembly
 * and the C library. docs/inmates.md draws the whole map.
 */
#ifndef _INMATE_LAYOUT_H
#define _INMATE_LAYOUT_H

/* The image is linked at 0: a cell's loadable RAM starts at guest 0 and
 * the sample cells reset there. */
#define INMATE_LINK_BASE	0x0

/* Command line: a zeroed buffer inside the image that `jh cell load
 * -s "..." -a 0x1000` overwrites; the multiboot entry copies the boot
 * loader's command line into it. */
#define CMDLINE_ADDR		0x1000
#define CMDLINE_SIZE		0x1000

/* The cell's struct jh_comm_region (one page) */
#define COMM_REGION_ADDR	0x100000

/* Where a multiboot loader puts the image before the entry moves it to
 * INMATE_LINK_BASE (the BIOS keeps the first 0x510 bytes reserved, so
 * loaders refuse to load there directly). */
#define MULTIBOOT_LOAD_ADDR	0x200000

/* Everything the image occupies, bss and stacks included, stays below
 * this so it fits under the comm region and the EBDA on bare metal. */
#define INMATE_IMAGE_LIMIT	0x9f000

#define INMATE_MAX_CPUS		4
#define INMATE_STACK_SIZE	0x4000

/* Identity-mapped with 2 MiB pages by the entry code */
#define INMATE_MAPPED_GIB	4

/* GDT selectors set up by the entry code */
#define GDT_CODE32		0x08
#define GDT_DATA		0x10
#define GDT_CODE64		0x18

/* How the image was started, in boot_kind */
#define BOOT_CELL		0
#define BOOT_MULTIBOOT		1

#endif /* _INMATE_LAYOUT_H */
