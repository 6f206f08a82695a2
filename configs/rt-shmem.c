/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * rt.c with a shared-memory link to the root cell (docs/shmem.md), for
 * bochs-shmem.c: CPU 1, 4 MiB of RAM, the comm region, COM2, and link 1's
 * two 64 KiB sections at guest 0x400000 (the root's, read-only here) and
 * 0x410000 (this cell's, which only it writes). Doorbells from the root
 * arrive as vector 0x50 on CPU 1.
 */
#include <jh/config.h>

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

struct {
	struct jh_cell_desc cell;
	uint64_t cpus[1];
	struct jh_memory mem_regions[5];
	struct jh_pio pio_regions[1];
	struct jh_shmem_link shmem_links[1];
} JH_PACKED config = {
	.cell = {
		.signature = JH_CELL_SIGNATURE,
		.revision = JH_CONFIG_REVISION,
		.architecture = JH_ARCH_X86_64,
		.flags = JH_CELL_VIRTUAL_CONSOLE,
		.name = "rt-shmem",
		.cpu_set_size = sizeof(config.cpus),
		.num_memory_regions = ARRAY_SIZE(config.mem_regions),
		.num_pio_regions = ARRAY_SIZE(config.pio_regions),
		.num_shmem_links = ARRAY_SIZE(config.shmem_links),
		.cpu_reset_address = 0,
		.msg_reply_timeout = 100,
		.console = {
			.type = JH_CON_8250_PIO,
			.address = 0x2f8,
			.divider = 1,
		},
	},

	.cpus = { 1ULL << 1 },

	.mem_regions = {
		{ .phys_start = 0x3e000000, .virt_start = 0x0, .size = 0x100000,
		  .flags = JH_MEM_READ | JH_MEM_WRITE | JH_MEM_EXECUTE |
			   JH_MEM_LOADABLE },
		{ .phys_start = 0, .virt_start = 0x100000, .size = 0x1000,
		  .flags = JH_MEM_READ | JH_MEM_WRITE | JH_MEM_COMM_REGION },
		{ .phys_start = 0x3e101000, .virt_start = 0x101000,
		  .size = 0x2ff000,
		  .flags = JH_MEM_READ | JH_MEM_WRITE | JH_MEM_EXECUTE |
			   JH_MEM_LOADABLE },
		/*
		 * 3, 4: link 1's sections: the root's (peer 0), read-only here,
		 * and this cell's (peer 1). ROOTSHARED: the root keeps its view.
		 */
		{ .phys_start = 0x3ef00000, .virt_start = 0x400000, .size = 0x10000,
		  .flags = JH_MEM_READ | JH_MEM_ROOTSHARED },
		{ .phys_start = 0x3ef10000, .virt_start = 0x410000, .size = 0x10000,
		  .flags = JH_MEM_READ | JH_MEM_WRITE | JH_MEM_ROOTSHARED },
	},

	.pio_regions = {
		{ .base = 0x2f8, .length = 8 },
	},

	.shmem_links = {
		{ .id = 1, .mem_start = 3, .peer = 1, .num_peers = 2, .vector = 0x50 },
	},
};
