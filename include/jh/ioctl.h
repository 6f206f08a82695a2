/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * /dev/jh ioctl ABI between the `jh` CLI and the driver.
 *
 * Every request carries a reason buffer: when an ioctl fails, the driver
 * copies the request back with a NUL-terminated explanation (which check,
 * which value, the fix) in reason[], so the CLI never has to print a bare
 * errno. User pointers travel as uint64_t; every size is bounded below.
 */
#ifndef _JH_IOCTL_H
#define _JH_IOCTL_H

#include "types.h"
#include "config-walk.h"
#include "hypercall.h"

#ifdef __KERNEL__
#include <linux/ioctl.h>
#else
#include <sys/ioctl.h>
#endif

#define JH_DEVICE		"/dev/jh"
#define JH_IOCTL_REASON		256
#define JH_CONFIG_MAX_SIZE	(1024 * 1024)	/* largest config the driver copies */
#define JH_IMAGE_MAX_SIZE	(64 * 1024 * 1024)
#define JH_CONSOLE_READ_MAX	16384	/* = JH_CONSOLE_RING */

struct jh_ioc_enable {
	uint64_t config;	/* user pointer to the system config blob */
	uint32_t config_size;
	uint32_t flags;		/* 0 */
	char reason[JH_IOCTL_REASON];
} JH_PACKED;

struct jh_ioc_disable {
	uint32_t flags;		/* 0 */
	uint32_t reserved;
	char reason[JH_IOCTL_REASON];
} JH_PACKED;

/*
 * Cell management: create takes a config, the others a cell id. Load
 * copies image_size bytes from image to guest-physical load_address of the
 * cell, which must lie inside one of its JH_MEM_LOADABLE regions.
 */
struct jh_ioc_cell {
	uint64_t config;	/* create: user pointer to the cell config */
	uint32_t config_size;
	uint32_t cell_id;	/* create: out; others: in */
	uint64_t image;		/* load: user pointer to the image */
	uint64_t image_size;
	uint64_t load_address;	/* load: guest-physical address in the cell */
	char reason[JH_IOCTL_REASON];
} JH_PACKED;

struct jh_ioc_info {
	uint32_t enabled;		/* 1 if the hypervisor runs */
	uint32_t num_cpus;		/* CPUs under the hypervisor */
	uint64_t cpu_mask;		/* which (Linux CPU numbers) */
	uint64_t mem_pool_size;		/* bytes of hypervisor memory for tables */
	uint64_t mem_pool_used;
	uint32_t num_cells;		/* root cell included */
	uint32_t hv_image_size;		/* bytes of jh.bin loaded */
	uint64_t hv_phys_base;
	uint64_t hv_mem_size;
	char reason[JH_IOCTL_REASON];
} JH_PACKED;

/* Reads the hypervisor console ring from byte `offset` (total written) */
struct jh_ioc_console {
	uint64_t buffer;	/* user pointer */
	uint32_t size;		/* of buffer, at most JH_CONSOLE_RING */
	uint32_t length;	/* out: bytes copied */
	uint64_t offset;	/* in: first byte wanted; out: the next one */
	uint64_t written;	/* out: total bytes ever written */
	char reason[JH_IOCTL_REASON];
} JH_PACKED;

/*
 * The LOADABLE region of cell config c that holds guest range
 * [addr, addr + size), or NULL: the rule JH_IOCTL_CELL_LOAD enforces (the
 * CLI checks it first to name the image in its message).
 */
static inline const struct jh_memory *
jh_cell_loadable_region(const struct jh_cell_desc *c, uint64_t addr, uint64_t size)
{
	const struct jh_memory *m = jh_cell_mem_regions(c);
	uint32_t i;

	for (i = 0; i < c->num_memory_regions; i++, m++) {
		if (!(m->flags & JH_MEM_LOADABLE))
			continue;
		if (addr >= m->virt_start && size <= m->size &&
		    addr - m->virt_start <= m->size - size)
			return m;
	}
	return NULL;
}

/* VM exits of one CPU since its cell started, per basic exit reason */
struct jh_ioc_cpu_exits {
	uint32_t cpu;
	uint32_t reserved;
	uint64_t count[JH_EXIT_REASONS];
} JH_PACKED;

/*
 * Exit statistics of a cell: the sum over its CPUs (struct jh_cell_stats,
 * with the TSC of the sample) and, if max_cpus > 0, one jh_ioc_cpu_exits
 * per CPU of the cell, in CPU order.
 */
struct jh_ioc_cell_stats {
	uint32_t cell_id;
	uint32_t max_cpus;	/* entries at cpus; 0 = no per-CPU counts */
	uint64_t stats;		/* user pointer: struct jh_cell_stats */
	uint64_t cpus;		/* user pointer: struct jh_ioc_cpu_exits[max_cpus] */
	uint32_t num_cpus;	/* out: CPUs of the cell (entries filled) */
	uint32_t flags;		/* 0 */
	char reason[JH_IOCTL_REASON];
} JH_PACKED;

/*
 * Reads a running config: cell_id 0 is the system config given to enable
 * (root cell included), N the config cell N was created with. length is
 * set to the config's size; a buffer smaller than that fails with ENOSPC
 * (call with size 0 first to learn the length).
 */
struct jh_ioc_config {
	uint64_t buffer;	/* user pointer */
	uint32_t size;		/* of buffer */
	uint32_t cell_id;
	uint32_t length;	/* out */
	uint32_t flags;		/* 0 */
	char reason[JH_IOCTL_REASON];
} JH_PACKED;

#define JH_IOCTL_MAGIC		0xf4
#define JH_IOCTL_ENABLE		_IOWR(JH_IOCTL_MAGIC, 0, struct jh_ioc_enable)
#define JH_IOCTL_DISABLE	_IOWR(JH_IOCTL_MAGIC, 1, struct jh_ioc_disable)
#define JH_IOCTL_CELL_CREATE	_IOWR(JH_IOCTL_MAGIC, 2, struct jh_ioc_cell)
#define JH_IOCTL_CELL_LOAD	_IOWR(JH_IOCTL_MAGIC, 3, struct jh_ioc_cell)
#define JH_IOCTL_CELL_START	_IOWR(JH_IOCTL_MAGIC, 4, struct jh_ioc_cell)
#define JH_IOCTL_CELL_DESTROY	_IOWR(JH_IOCTL_MAGIC, 5, struct jh_ioc_cell)
#define JH_IOCTL_INFO		_IOWR(JH_IOCTL_MAGIC, 6, struct jh_ioc_info)
#define JH_IOCTL_CONSOLE	_IOWR(JH_IOCTL_MAGIC, 7, struct jh_ioc_console)
#define JH_IOCTL_CELL_SHUTDOWN	_IOWR(JH_IOCTL_MAGIC, 8, struct jh_ioc_cell)
#define JH_IOCTL_CELL_STATS	_IOWR(JH_IOCTL_MAGIC, 9, struct jh_ioc_cell_stats)
#define JH_IOCTL_CONFIG_GET	_IOWR(JH_IOCTL_MAGIC, 10, struct jh_ioc_config)

/*
 * /dev/jh-shmemID: one character device per shared-memory link of the root
 * cell (docs/shmem.md), while the hypervisor is enabled. mmap: the link's
 * sections one after another (section k at the sum of the sizes before
 * it), shared; only the root's own section may be mapped writable. read:
 * blocks until a doorbell came since this file's last read (or poll says
 * POLLIN), then gives the doorbell count (uint64_t). The ioctls below.
 */
#define JH_SHMEM_DEVICE		"/dev/jh-shmem"

struct jh_shmem_info {
	uint32_t id;		/* the link's id in the configs */
	uint8_t peer;		/* the root's peer number: its section */
	uint8_t num_peers;
	uint16_t index;		/* in the root cell config's shmem_links[] */
	uint32_t peers_up;	/* bit p: peer p is up (running) */
	uint16_t irq_cpu;	/* where the doorbells reach Linux */
	uint16_t irq_vector;
	uint64_t doorbells;	/* received since enable */
	uint64_t section_size[JH_SHMEM_MAX_PEERS];
} JH_PACKED;

#define JH_SHMEM_IOCTL_INFO	_IOR(JH_IOCTL_MAGIC, 0x20, struct jh_shmem_info)
#define JH_SHMEM_IOCTL_RING	_IO(JH_IOCTL_MAGIC, 0x21)	/* doorbell to the peers */

#endif /* _JH_IOCTL_H */
