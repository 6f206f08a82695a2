// SPDX-License-Identifier: GPL-2.0
/* The running cells and their configs, for the `jh cell` commands */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cell-list.h"
#include "jh-device.h"

static int jh_enabled(const char *verb)
{
	FILE *f = fopen(JH_SYSFS_DIR "/enabled", "r");
	int enabled = 0;

	if (!f) {
		fprintf(stderr, "jh cell %s: the jh driver is not loaded (no %s): load "
			"it first (insmod jh.ko or modprobe jh)\n", verb, JH_SYSFS_DIR);
		return -1;
	}
	if (fscanf(f, "%d", &enabled) != 1)
		enabled = 0;
	fclose(f);
	if (!enabled) {
		fprintf(stderr, "jh cell %s: the hypervisor is not enabled: run 'jh enable "
			"SYSCONFIG.cell' first\n", verb);
		return -1;
	}
	return 0;
}

int jh_cells_read(struct jh_cell_entry *cells, int max, const char *verb)
{
	char line[512];
	FILE *f;
	int n = 0;

	if (jh_enabled(verb))
		return -1;
	f = fopen(JH_SYSFS_DIR "/cells", "r");
	if (!f) {
		fprintf(stderr, "jh cell %s: %s/cells: %s%s\n", verb, JH_SYSFS_DIR,
			strerror(errno), errno == EACCES ?
			": it asks the hypervisor, so only root may read it; run as root" : "");
		return -1;
	}
	while (n < max && fgets(line, sizeof(line), f)) {
		struct jh_cell_entry *c = &cells[n];

		if (sscanf(line, "%u %32s %31s %255s", &c->id, c->name, c->state,
			   c->cpus) == 4)
			n++;
	}
	fclose(f);
	return n;
}

static int jh_is_number(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

int jh_cell_resolve(const char *arg, struct jh_cell_entry *out, const char *verb)
{
	struct jh_cell_entry cells[JH_CELLS_MAX];
	int i, n = jh_cells_read(cells, JH_CELLS_MAX, verb);
	int by_id = jh_is_number(arg);

	if (n < 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (by_id ? cells[i].id == strtoul(arg, NULL, 10) :
			    !strcmp(cells[i].name, arg)) {
			*out = cells[i];
			return 0;
		}
	}
	fprintf(stderr, "jh cell %s: there is no cell %s %s: see 'jh cell list'\n",
		verb, by_id ? "with id" : "named", arg);
	return -1;
}

int jh_config_read(int fd, unsigned int id, void **config, size_t *size,
		   const char *verb)
{
	struct jh_ioc_config req;
	char cmd[32];
	void *buf;

	memset(&req, 0, sizeof(req));
	req.cell_id = id;
	/* size 0 first: the driver says how long the config is */
	if (ioctl(fd, JH_IOCTL_CONFIG_GET, &req) == 0 || errno != ENOSPC) {
		fprintf(stderr, "jh cell %s: cannot read the running config of cell %u: "
			"%s\n", verb, id, req.reason[0] ? req.reason : strerror(errno));
		return -1;
	}
	buf = malloc(req.length ? req.length : 1);
	if (!buf) {
		fprintf(stderr, "jh cell %s: out of memory\n", verb);
		return -1;
	}
	req.buffer = (uintptr_t)buf;
	req.size = req.length;
	snprintf(cmd, sizeof(cmd), "cell %s", verb);
	if (jh_device_ioctl(fd, JH_IOCTL_CONFIG_GET, &req, req.reason, cmd)) {
		free(buf);
		return -1;
	}
	*config = buf;
	*size = req.length;
	return 0;
}
