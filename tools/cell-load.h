/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copying images into a stopped cell (JH_IOCTL_CELL_LOAD): the one load
 * loop of `jh cell load` and `jh cell linux` (cell-load.c).
 */
#ifndef _JH_TOOLS_CELL_LOAD_H
#define _JH_TOOLS_CELL_LOAD_H

#include <stddef.h>
#include <stdint.h>

/* One image or string to load */
struct jh_load_item {
	const char *what;	/* file name, or what it is ("the string") */
	void *data;
	size_t size;
	uint64_t address;
};

/*
 * Loads items[0..n) into the cell NAME|ID in order, after checking that
 * each lies inside one loadable region of a non-root cell's running
 * config; prints "loaded WHAT (N bytes) into cell NAME at ADDR" for each.
 * 0, or -1 with "jh cell VERB: reason" printed (earlier items stay loaded).
 */
int jh_cell_load(const char *cell_arg, const struct jh_load_item *items, int n,
		 const char *verb);

#endif /* _JH_TOOLS_CELL_LOAD_H */
