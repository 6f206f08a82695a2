// SPDX-License-Identifier: GPL-2.0
/*
 * jh cell create | load | start | shutdown | destroy: the life of a cell.
 * Each command checks what it can here first (the shared validator against
 * the running configs, the load ranges) so refusals name the file; then
 * the driver and the hypervisor decide. Exit status: 0 done, 1 refused or
 * failed, 2 usage or unreadable file.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cell-list.h"
#include "cell-load.h"
#include "command.h"
#include "config-check.h"
#include "config-names.h"
#include "jh-device.h"
#include "read-file.h"

static void print_finding(const struct jh_finding *f, void *opaque)
{
	char line[2 * JH_FINDING_TEXT + JH_FINDING_FIELD + 64];

	(void)opaque;
	jh_finding_format(line, sizeof(line), f);
	fprintf(stderr, "jh cell create: %s\n", line);
}

/* The new cell against the running system config and every cell */
static int check_new_cell(int fd, const struct jh_config_blob *new_cell,
			  const struct jh_cell_entry *cells, int n)
{
	struct jh_config_blob sys = { .file = "the running system config" };
	struct jh_config_blob existing[JH_CELLS_MAX];
	void *data;
	size_t size;
	int i, num = 0, errors = -1;

	if (jh_config_read(fd, 0, &data, &size, "create"))
		return -1;
	sys.data = data;
	sys.size = size;
	for (i = 0; i < n; i++) {
		if (cells[i].id == 0)
			continue;
		if (jh_config_read(fd, cells[i].id, &data, &size, "create"))
			goto out;
		/* findings then say: cell 'rt' (running) */
		existing[num].file = "running";
		existing[num].data = data;
		existing[num++].size = size;
	}
	errors = jh_check_new_cell(&sys, existing, num, new_cell, print_finding,
				   NULL, NULL);
	if (errors)
		fprintf(stderr, "jh cell create: %s cannot be created next to the "
			"running cells; nothing was changed\n", new_cell->file);
out:
	for (i = 0; i < num; i++)
		free((void *)existing[i].data);
	free((void *)sys.data);
	return errors ? -1 : 0;
}

static int cmd_cell_create(int argc, char **argv)
{
	struct jh_cell_entry cells[JH_CELLS_MAX];
	struct jh_ioc_cell req;
	struct jh_config_blob blob;
	const struct jh_cell_desc *cell;
	char reason[512], cpus[256];
	void *config;
	size_t size;
	int n, fd = -1, ret = 1;

	if (argc != 2) {
		fprintf(stderr, "usage: jh cell create CELL.cell\n");
		return 2;
	}
	if (jh_read_file(argv[1], &config, &size, reason, sizeof(reason))) {
		fprintf(stderr, "jh cell create: %s\n", reason);
		return 2;
	}
	if (jh_config_kind(config, size) != JH_CONFIG_CELL) {
		fprintf(stderr, "jh cell create: %s is not a cell config (no JHCELCFG "
			"signature): pass a cell's .cell file (a system config goes to "
			"'jh enable')\n", argv[1]);
		goto out;
	}
	blob = (struct jh_config_blob){ .file = argv[1], .data = config, .size = size };
	if (jh_check_blob(&blob, print_finding, NULL, NULL)) {
		fprintf(stderr, "jh cell create: %s is not valid; nothing was changed\n",
			argv[1]);
		goto out;
	}
	n = jh_cells_read(cells, JH_CELLS_MAX, "create");
	if (n < 0)
		goto out;
	fd = jh_device_open();
	if (fd < 0 || check_new_cell(fd, &blob, cells, n))
		goto out;
	memset(&req, 0, sizeof(req));
	req.config = (uintptr_t)config;
	req.config_size = size;
	if (jh_device_ioctl(fd, JH_IOCTL_CELL_CREATE, &req, req.reason, "cell create"))
		goto out;
	cell = config;
	jh_format_cpu_set(cpus, sizeof(cpus), jh_cell_cpu_set(cell),
			  jh_cell_cpu_set_bits(cell));
	printf("created cell %.*s (id %u) on CPUs %s\n", JH_CELL_NAME_LEN, cell->name,
	       req.cell_id, cpus);
	ret = 0;
out:
	if (fd >= 0)
		close(fd);
	free(config);
	return ret;
}

JH_COMMAND(cell_create) = {
	.group = "cell",
	.name = "create",
	.args = "CELL.cell",
	.help = "create a cell: its CPUs leave Linux, its memory and devices leave the root cell",
	.run = cmd_cell_create,
};

static int parse_address(const char *s, uint64_t *out)
{
	char *end;

	errno = 0;
	*out = strtoull(s, &end, 0);
	return errno || !*s || *end || *s == '-' ? -1 : 0;
}

static void load_usage(void)
{
	fprintf(stderr, "usage: jh cell load NAME|ID IMAGE [-a ADDR] [IMAGE [-a ADDR]]... "
		"[-s STRING -a ADDR]...\n");
}

/*
 * argv: what follows NAME|ID; fills items, returns their count, -1 for a
 * usage error, -2 for an unreadable file (said why)
 */
static int parse_load_items(int argc, char **argv, struct jh_load_item *items, int max)
{
	char reason[512];
	int i = 0, n = 0;

	while (i < argc) {
		struct jh_load_item *it = &items[n];

		if (n == max) {
			fprintf(stderr, "jh cell load: at most %d images and strings\n", max);
			return -1;
		}
		if (!strcmp(argv[i], "-a")) {
			fprintf(stderr, "jh cell load: -a %s must follow an image or a "
				"-s STRING\n", i + 1 < argc ? argv[i + 1] : "");
			return -1;
		}
		memset(it, 0, sizeof(*it));
		if (!strcmp(argv[i], "-s")) {
			if (i + 1 >= argc) {
				fprintf(stderr, "jh cell load: -s needs a STRING\n");
				return -1;
			}
			it->what = "the string";
			/* with its NUL: the inmate's command line buffer ends there */
			it->size = strlen(argv[i + 1]) + 1;
			it->data = strdup(argv[i + 1]);
			i += 2;
		} else {
			it->what = argv[i];
			if (jh_read_file(argv[i], &it->data, &it->size, reason,
					 sizeof(reason))) {
				fprintf(stderr, "jh cell load: %s\n", reason);
				return -2;
			}
			if (!it->size) {
				fprintf(stderr, "jh cell load: %s is empty: nothing to load\n",
					argv[i]);
				free(it->data);
				return -2;
			}
			i++;
		}
		n++;
		if (!it->data) {
			fprintf(stderr, "jh cell load: out of memory\n");
			return -1;
		}
		if (i < argc && !strcmp(argv[i], "-a")) {
			if (i + 1 >= argc || parse_address(argv[i + 1], &it->address)) {
				fprintf(stderr, "jh cell load: -a needs an address (e.g. "
					"0x1000), not '%s'\n", i + 1 < argc ? argv[i + 1] : "");
				return -1;
			}
			i += 2;
		}
	}
	return n;
}

#define LOAD_ITEMS_MAX	16

static int cmd_cell_load(int argc, char **argv)
{
	struct jh_load_item items[LOAD_ITEMS_MAX];
	int i, n, ret;

	if (argc < 3) {
		load_usage();
		return 2;
	}
	n = parse_load_items(argc - 2, argv + 2, items, LOAD_ITEMS_MAX);
	if (n < 0) {
		if (n == -1)
			load_usage();
		return 2;
	}
	ret = jh_cell_load(argv[1], items, n, "load") ? 1 : 0;
	for (i = 0; i < n; i++)
		free(items[i].data);
	return ret;
}

JH_COMMAND(cell_load) = {
	.group = "cell",
	.name = "load",
	.args = "NAME|ID IMAGE [-a ADDR] [-s STRING -a ADDR]...",
	.help = "copy images or strings into a stopped cell's loadable memory (ADDR default 0)",
	.run = cmd_cell_load,
};

/* start, shutdown, destroy: one cell, one ioctl */
static int cell_by_id(int argc, char **argv, const char *verb, unsigned long request,
		      struct jh_cell_entry *cell)
{
	struct jh_ioc_cell req;
	char cmd[32];
	int fd, err;

	if (argc != 2) {
		fprintf(stderr, "usage: jh cell %s NAME|ID\n", verb);
		return 2;
	}
	if (jh_cell_resolve(argv[1], cell, verb))
		return 1;
	fd = jh_device_open();
	if (fd < 0)
		return 1;
	memset(&req, 0, sizeof(req));
	req.cell_id = cell->id;
	snprintf(cmd, sizeof(cmd), "cell %s", verb);
	err = jh_device_ioctl(fd, request, &req, req.reason, cmd);
	close(fd);
	return err ? 1 : 0;
}

static int cmd_cell_start(int argc, char **argv)
{
	struct jh_cell_entry cell;
	int ret = cell_by_id(argc, argv, "start", JH_IOCTL_CELL_START, &cell);

	if (!ret)
		printf("started cell %s on CPUs %s\n", cell.name, cell.cpus);
	return ret;
}

JH_COMMAND(cell_start) = {
	.group = "cell",
	.name = "start",
	.args = "NAME|ID",
	.help = "start a cell's CPUs at its reset address",
	.run = cmd_cell_start,
};

static int cmd_cell_shutdown(int argc, char **argv)
{
	struct jh_cell_entry cell;
	int ret = cell_by_id(argc, argv, "shutdown", JH_IOCTL_CELL_SHUTDOWN, &cell);

	if (!ret)
		printf("cell %s is shut down\n", cell.name);
	return ret;
}

JH_COMMAND(cell_shutdown) = {
	.group = "cell",
	.name = "shutdown",
	.args = "NAME|ID",
	.help = "ask a cell to stop (it may refuse while running locked)",
	.run = cmd_cell_shutdown,
};

static int cmd_cell_destroy(int argc, char **argv)
{
	struct jh_cell_entry cell;
	int ret = cell_by_id(argc, argv, "destroy", JH_IOCTL_CELL_DESTROY, &cell);

	if (!ret)
		printf("destroyed cell %s: CPUs %s back in Linux\n", cell.name, cell.cpus);
	return ret;
}

JH_COMMAND(cell_destroy) = {
	.group = "cell",
	.name = "destroy",
	.args = "NAME|ID",
	.help = "stop a cell and give its CPUs, memory and devices back to Linux",
	.run = cmd_cell_destroy,
};
