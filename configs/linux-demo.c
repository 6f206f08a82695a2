/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Sample Linux cell for the 4-CPU emulator machines (docs/linux-cell.md):
 * CPUs 2 and 3, 64 MiB of RAM, the comm region, COM2 and nothing else.
 * `jh cell linux build/configs/linux-demo.cell bzImage -i INITRD` boots a
 * kernel built with CONFIG_JAILHOUSE_GUEST=y in it. Its RAM is the root's
 * 0x38000000-0x3c000000, which Linux must leave alone: boot the root with
 * memmap=64M$0x38000000 (the e2e-linux-cell suite does).
 *
 * A cell config is a jh_cell_desc header followed by its arrays, in the
 * order of include/jh/config.h; the header counts each array. Everything
 * a cell gets is taken from the root cell while the cell exists, so every
 * resource here must be one the root cell owns (configs/bochs.c does).
 * Build: `make` -> build/configs/rt.cell; check it with
 *	jh config check build/configs/bochs.cell build/configs/rt.cell
 */
#include <jh/config.h>

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

struct {
	struct jh_cell_desc cell;
	uint64_t cpus[1];
	struct jh_memory mem_regions[3];
	struct jh_pio pio_regions[1];
} JH_PACKED config = {
	.cell = {
		.signature = JH_CELL_SIGNATURE,
		.revision = JH_CONFIG_REVISION,
		.architecture = JH_ARCH_X86_64,
		/* Linux does not answer comm-region messages: shutdown stops it */
		.flags = JH_CELL_PASSIVE_COMMREG,
		.name = "linux",
		.cpu_set_size = sizeof(config.cpus),
		.num_memory_regions = ARRAY_SIZE(config.mem_regions),
		.num_pio_regions = ARRAY_SIZE(config.pio_regions),
		/* real mode CS:IP = 0000:0000, the loader's first byte */
		.cpu_reset_address = 0,
		/* how long a shutdown request waits for the inmate's answer */
		.msg_reply_timeout = 100,
		/* the kernel's console (ttyS1) */
		.console = {
			.type = JH_CON_8250_PIO,
			.address = 0x2f8,
			.divider = 1,		/* 115200 baud */
		},
	},

	/* CPUs 2 and 3 (0 and 1 stay with the root's Linux) */
	.cpus = { 1ULL << 2 | 1ULL << 3 },

	/*
	 * 64 MiB at guest 0-0x3ffffff, with the comm region's page at guest
	 * 0x100000 in between (an e820 hole for the kernel): the loader and
	 * boot_params below it, the kernel from 2 MiB (it decompresses to
	 * 16 MiB), the initrd at the top. All LOADABLE for jh cell linux.
	 */
	.mem_regions = {
		{ .phys_start = 0x38000000, .virt_start = 0x0, .size = 0x100000,
		  .flags = JH_MEM_READ | JH_MEM_WRITE | JH_MEM_EXECUTE |
			   JH_MEM_LOADABLE },
		{ .phys_start = 0, .virt_start = 0x100000, .size = 0x1000,
		  .flags = JH_MEM_READ | JH_MEM_WRITE | JH_MEM_COMM_REGION },
		{ .phys_start = 0x38101000, .virt_start = 0x101000,
		  .size = 0x3eff000,
		  .flags = JH_MEM_READ | JH_MEM_WRITE | JH_MEM_EXECUTE |
			   JH_MEM_LOADABLE },
	},

	/* COM2, the kernel's console (no IOAPIC pin: it polls) */
	.pio_regions = {
		{ .base = 0x2f8, .length = 8 },
	},
};
