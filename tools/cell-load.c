// SPDX-License-Identifier: GPL-2.0
/* The load loop of `jh cell load` and `jh cell linux` (cell-load.h) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jh/config-walk.h>

#include "cell-list.h"
#include "cell-load.h"
#include "jh-device.h"

static int check_load_ranges(const struct jh_cell_desc *cell,
			     const struct jh_load_item *items, int n,
			     const char *verb)
{
	const struct jh_memory *m;
	uint32_t r;
	int i, found;

	for (i = 0; i < n; i++) {
		const struct jh_load_item *it = &items[i];

		if (it->address + it->size > it->address &&
		    jh_cell_loadable_region(cell, it->address, it->size))
			continue;
		fprintf(stderr, "jh cell %s: %s (%zu bytes) at 0x%llx-0x%llx is not "
			"inside one loadable region of cell %.*s (loadable:", verb,
			it->what, it->size, (unsigned long long)it->address,
			(unsigned long long)(it->address + it->size - 1),
			JH_CELL_NAME_LEN, cell->name);
		m = jh_cell_mem_regions(cell);
		for (r = 0, found = 0; r < cell->num_memory_regions; r++, m++)
			if (m->flags & JH_MEM_LOADABLE)
				fprintf(stderr, "%s 0x%llx-0x%llx", found++ ? "," : "",
					(unsigned long long)m->virt_start,
					(unsigned long long)(m->virt_start + m->size - 1));
		fprintf(stderr, "%s): choose another address with -a\n",
			found ? "" : " none");
		return -1;
	}
	return 0;
}

int jh_cell_load(const char *cell_arg, const struct jh_load_item *items, int n,
		 const char *verb)
{
	struct jh_cell_entry cell;
	struct jh_ioc_cell req;
	void *config = NULL;
	size_t config_size;
	char cmd[32];
	int i, fd = -1, ret = -1;

	snprintf(cmd, sizeof(cmd), "cell %s", verb);
	if (jh_cell_resolve(cell_arg, &cell, verb))
		return -1;
	fd = jh_device_open();
	if (fd < 0)
		return -1;
	if (cell.id != 0 &&
	    (jh_config_read(fd, cell.id, &config, &config_size, verb) ||
	     check_load_ranges(config, items, n, verb)))
		goto out;
	for (i = 0; i < n; i++) {
		memset(&req, 0, sizeof(req));
		req.cell_id = cell.id;
		req.image = (uintptr_t)items[i].data;
		req.image_size = items[i].size;
		req.load_address = items[i].address;
		if (jh_device_ioctl(fd, JH_IOCTL_CELL_LOAD, &req, req.reason, cmd))
			goto out;
		printf("loaded %s (%zu bytes) into cell %s at 0x%llx\n", items[i].what,
		       items[i].size, cell.name, (unsigned long long)items[i].address);
	}
	ret = 0;
out:
	close(fd);
	free(config);
	return ret;
}
