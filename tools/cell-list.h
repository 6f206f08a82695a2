/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the `jh cell` commands need from the running system: the cells as
 * /sys/devices/jh/cells lists them (NAME|ID resolution) and their configs
 * (JH_IOCTL_CONFIG_GET). Every function prints "jh cell VERB: reason" on
 * failure.
 */
#ifndef _JH_TOOLS_CELL_LIST_H
#define _JH_TOOLS_CELL_LIST_H

#include <stddef.h>
#include <stdint.h>

#include <jh/config.h>

#define JH_SYSFS_DIR		"/sys/devices/jh"
#define JH_CELLS_MAX		64

/* One line of /sys/devices/jh/cells: "id name state cpus" */
struct jh_cell_entry {
	unsigned int id;
	char name[JH_CELL_NAME_LEN + 1];
	char state[32];
	char cpus[256];
};

/*
 * Reads the cell list, root first; returns the count, or -1 when the
 * driver is not loaded or the hypervisor not enabled (said why).
 */
int jh_cells_read(struct jh_cell_entry *cells, int max, const char *verb);

/* NAME or ID to the cell's entry; 0, or -1 (said why) */
int jh_cell_resolve(const char *arg, struct jh_cell_entry *out, const char *verb);

/*
 * Reads the running config of cell id (0: the system config) into a
 * malloc()ed buffer; 0, or -1 (said why).
 */
int jh_config_read(int fd, unsigned int id, void **config, size_t *size,
		   const char *verb);

#endif /* _JH_TOOLS_CELL_LIST_H */
