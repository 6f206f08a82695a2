/* SPDX-License-Identifier: GPL-2.0 */
/* The whole discovery run and the root-cell config output. */
#ifndef _JH_DISCOVER_DISCOVER_H
#define _JH_DISCOVER_DISCOVER_H

#include <stdio.h>

#include "sources.h"

/* Reads every source into m (which machine_init() prepared) */
void discover_machine(struct machine *m, const struct dsc_sources *src,
		      const char *from);
/*
 * Root-cell config as C source (generator/config-writer.h); with
 * cell_path, also the binary blob (what the config compiler makes of it)
 */
int discover_write_config(struct machine *m, FILE *f, const char *cell_path,
			  char *reason, size_t reason_size);

#endif /* _JH_DISCOVER_DISCOVER_H */
