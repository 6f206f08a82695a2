/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Sample real-time cell for the emulator machines: CPU 1, 4 MiB of RAM,
 * the comm region, COM2 and nothing else. An inmate (inmates/) is loaded
 * at guest-physical 0 and its CPU starts there in real mode.
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
		/* may print through the hypervisor's console hypercall */
		.flags = JH_CELL_VIRTUAL_CONSOLE,
		.name = "rt",
		.cpu_set_size = sizeof(config.cpus),
		.num_memory_regions = ARRAY_SIZE(config.mem_regions),
		.num_pio_regions = ARRAY_SIZE(config.pio_regions),
		/* real mode CS:IP = 0000:0000, the inmate's first byte */
		.cpu_reset_address = 0,
		/* how long a shutdown request waits for the inmate's answer */
		.msg_reply_timeout = 100,
		/* for the user's information: where the inmate prints */
		.console = {
			.type = JH_CON_8250_PIO,
			.address = 0x2f8,
			.divider = 1,		/* 115200 baud */
		},
	},

	/* bit 1: CPU 1 (CPU 0 stays with Linux) */
	.cpus = { 1ULL << 1 },

	/*
	 * The cell's 4 MiB (the first 4 MiB of the cell pool) appear at
	 * guest 0-0x3fffff, with the comm region's page at guest 0x100000
	 * in between; the pool's page behind it stays unused.
	 */
	.mem_regions = {
		/*
		 * 0: RAM at guest 0, where the inmate image goes. LOADABLE:
		 * the root may write into it while the cell is stopped.
		 */
		{ .phys_start = 0x3e000000, .virt_start = 0x0, .size = 0x100000,
		  .flags = JH_MEM_READ | JH_MEM_WRITE | JH_MEM_EXECUTE |
			   JH_MEM_LOADABLE },
		/*
		 * 1: the comm region (struct jh_comm_region): one page the
		 * hypervisor provides (so phys_start is 0), at guest 0x100000
		 */
		{ .phys_start = 0, .virt_start = 0x100000, .size = 0x1000,
		  .flags = JH_MEM_READ | JH_MEM_WRITE | JH_MEM_COMM_REGION },
		/* 2: the rest of the RAM, above the comm region */
		{ .phys_start = 0x3e101000, .virt_start = 0x101000,
		  .size = 0x2ff000,
		  .flags = JH_MEM_READ | JH_MEM_WRITE | JH_MEM_EXECUTE |
			   JH_MEM_LOADABLE },
	},

	/* COM2, the inmate's UART (its IRQ 3 is not used: it polls) */
	.pio_regions = {
		{ .base = 0x2f8, .length = 8 },
	},
};
