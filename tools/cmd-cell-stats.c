// SPDX-License-Identifier: GPL-2.0
/*
 * jh cell list and jh cell stats: the cells and their VM exits. A cell's
 * exits are counted from its start; the root cell's since enable.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jh/exit-names.h>
#include <jh/hv-boot.h>

#include "cell-list.h"
#include "command.h"
#include "jh-device.h"
#include "json-out.h"

static int cmd_cell_list(int argc, char **argv)
{
	struct jh_cell_entry cells[JH_CELLS_MAX];
	int json = jh_take_flag(&argc, argv, "--json");
	int i, n;

	if (argc != 1) {
		fprintf(stderr, "usage: jh cell list [--json]\n");
		return 2;
	}
	n = jh_cells_read(cells, JH_CELLS_MAX, "list");
	if (n < 0)
		return 1;
	if (json) {	/* docs/json.md, "jh-cells/1" */
		json_object *o = json_object_new_object(), *a = json_object_new_array();

		json_object_object_add(o, "schema", json_object_new_string("jh-cells/1"));
		for (i = 0; i < n; i++)
			json_object_array_add(a, jh_json_cell(&cells[i]));
		json_object_object_add(o, "cells", a);
		return jh_json_print(o);
	}
	printf("ID NAME STATE CPUS\n");
	for (i = 0; i < n; i++)
		printf("%u %s %s %s\n", cells[i].id, cells[i].name, cells[i].state,
		       cells[i].cpus);
	return 0;
}

JH_COMMAND(cell_list) = {
	.group = "cell",
	.name = "list",
	.args = "[--json]",
	.help = "list the cells (root included): id, name, state, CPUs",
	.run = cmd_cell_list,
};

struct stats_sample {
	struct jh_cell_stats sum;
	struct jh_ioc_cpu_exits cpus[JH_MAX_CPUS];
	unsigned int num_cpus;
	double when;		/* seconds, monotonic */
};

static int take_sample(int fd, unsigned int id, struct stats_sample *s)
{
	struct jh_ioc_cell_stats req;
	struct timespec ts;

	memset(&req, 0, sizeof(req));
	req.cell_id = id;
	req.stats = (uintptr_t)&s->sum;
	req.cpus = (uintptr_t)s->cpus;
	req.max_cpus = JH_MAX_CPUS;
	if (jh_device_ioctl(fd, JH_IOCTL_CELL_STATS, &req, req.reason, "cell stats"))
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	s->when = ts.tv_sec + ts.tv_nsec / 1e9;
	s->num_cpus = req.num_cpus < JH_MAX_CPUS ? req.num_cpus : JH_MAX_CPUS;
	return 0;
}

static void print_sample(const struct jh_cell_entry *cell, const struct stats_sample *s)
{
	unsigned int i, r;

	printf("cell %s id %u state %s cpus %s\n", cell->name, cell->id, cell->state,
	       cell->cpus);
	printf("total %llu\n", (unsigned long long)s->sum.total);
	for (i = 0; i < s->num_cpus; i++)
		for (r = 0; r < JH_EXIT_REASONS; r++)
			if (s->cpus[i].count[r])
				printf("cpu%u %s %llu\n", s->cpus[i].cpu, jh_exit_name(r),
				       (unsigned long long)s->cpus[i].count[r]);
}

/* Exits between two samples: the total, then per reason (all CPUs) */
static void print_rates(const struct stats_sample *a, const struct stats_sample *b)
{
	double secs = b->when - a->when;
	uint64_t delta;
	unsigned int r;

	delta = b->sum.total - a->sum.total;
	printf("total_delta %llu\n", (unsigned long long)delta);
	printf("total_per_s %.0f\n", delta / secs);
	for (r = 0; r < JH_EXIT_REASONS; r++) {
		delta = b->sum.per_reason[r] - a->sum.per_reason[r];
		if (delta)
			printf("per_s %s %.0f\n", jh_exit_name(r), delta / secs);
	}
}

/* docs/json.md, "jh-cell-stats/1": b is the sample printed, a the one before */
static int print_json(const struct jh_cell_entry *cell, const struct stats_sample *a,
		      const struct stats_sample *b)
{
	json_object *o = json_object_new_object(), *arr = json_object_new_array();
	unsigned int i, r;

	json_object_object_add(o, "schema", json_object_new_string("jh-cell-stats/1"));
	json_object_object_add(o, "cell", jh_json_cell(cell));
	json_object_object_add(o, "total", json_object_new_int64(b->sum.total));
	for (i = 0; i < b->num_cpus; i++) {
		for (r = 0; r < JH_EXIT_REASONS; r++) {
			json_object *e;

			if (!b->cpus[i].count[r])
				continue;
			e = json_object_new_object();
			json_object_object_add(e, "cpu", json_object_new_int64(b->cpus[i].cpu));
			json_object_object_add(e, "reason", json_object_new_string(jh_exit_name(r)));
			json_object_object_add(e, "count",
					       json_object_new_int64(b->cpus[i].count[r]));
			json_object_array_add(arr, e);
		}
	}
	json_object_object_add(o, "exits", arr);
	if (a) {
		double secs = b->when - a->when;
		json_object *iv = json_object_new_object(), *per = json_object_new_object();
		uint64_t delta = b->sum.total - a->sum.total;

		json_object_object_add(iv, "seconds", json_object_new_double(secs));
		json_object_object_add(iv, "total_delta", json_object_new_int64(delta));
		json_object_object_add(iv, "total_per_s", json_object_new_double(delta / secs));
		for (r = 0; r < JH_EXIT_REASONS; r++) {
			delta = b->sum.per_reason[r] - a->sum.per_reason[r];
			if (delta)
				json_object_object_add(per, jh_exit_name(r),
						       json_object_new_double(delta / secs));
		}
		json_object_object_add(iv, "per_s", per);
		json_object_object_add(o, "interval", iv);
	}
	return jh_json_print(o);
}

static int parse_interval(const char *s, double *out)
{
	char *end;

	*out = strtod(s, &end);
	return !*s || *end || !(*out > 0 && *out <= 3600) ? -1 : 0;
}

static int cmd_cell_stats(int argc, char **argv)
{
	static struct stats_sample first, second;
	struct jh_cell_entry cell;
	int json = jh_take_flag(&argc, argv, "--json");
	double interval = 0;
	int fd, ret = 1;

	if (argc == 4 && !strcmp(argv[2], "-i")) {
		if (parse_interval(argv[3], &interval)) {
			fprintf(stderr, "jh cell stats: -i needs SECONDS between 0 and 3600, "
				"not '%s'\n", argv[3]);
			return 2;
		}
	} else if (argc != 2) {
		fprintf(stderr, "usage: jh cell stats NAME|ID [-i SECONDS] [--json]\n");
		return 2;
	}
	if (jh_cell_resolve(argv[1], &cell, "stats"))
		return 1;
	fd = jh_device_open();
	if (fd < 0)
		return 1;
	if (take_sample(fd, cell.id, &first))
		goto out;
	if (interval > 0) {
		usleep((useconds_t)(interval * 1e6));
		if (take_sample(fd, cell.id, &second))
			goto out;
		if (json) {
			ret = print_json(&cell, &first, &second);
			goto out;
		}
		print_sample(&cell, &second);
		print_rates(&first, &second);
	} else if (json) {
		ret = print_json(&cell, NULL, &first);
		goto out;
	} else {
		print_sample(&cell, &first);
	}
	ret = 0;
out:
	close(fd);
	return ret;
}

JH_COMMAND(cell_stats) = {
	.group = "cell",
	.name = "stats",
	.args = "NAME|ID [-i SECONDS] [--json]",
	.help = "VM exits of a cell since its start, per CPU and reason; -i adds rates",
	.run = cmd_cell_stats,
};
