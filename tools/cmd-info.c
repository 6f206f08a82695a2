// SPDX-License-Identifier: GPL-2.0
/* jh info: state of the hypervisor, its memory, cells and VM exits */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cell-list.h"
#include "command.h"
#include "jh-device.h"
#include "json-out.h"

#define JH_SYSFS "/sys/devices/jh"

static void print_sysfs(const char *title, const char *file)
{
	char line[256];
	FILE *f = fopen(file, "r");

	if (!f)
		return;
	printf("%s:\n", title);
	while (fgets(line, sizeof(line), f))
		printf("  %s", line);
	fclose(f);
}

/*
 * Why DMA is not isolated, from the running system config: 1 the system
 * flag NO_DMA_ISOLATION, 2 no IOMMU unit at all (then even the root's
 * devices reach the hypervisor's memory), 0 isolated, -1 on error
 */
static int dma_isolation_off(int fd)
{
	const struct jh_system *sys;
	void *config;
	size_t size;
	int off;

	if (jh_config_read(fd, 0, &config, &size, "info"))
		return -1;
	sys = config;
	off = size < sizeof(*sys) ? 0 : (sys->flags & JH_SYS_NO_DMA_ISOLATION) ? 1 :
	      !sys->platform.num_iommus ? 2 : 0;
	free(config);
	return off;
}

static void print_text(const struct jh_ioc_info *info, int dma_off)
{
	int cpu;

	printf("hypervisor: enabled\n");
	if (dma_off == 1)
		printf("DMA isolation: NONE (system flag NO_DMA_ISOLATION): devices given to "
		       "cells can DMA into any memory, the hypervisor's and other cells' included\n");
	else if (dma_off == 2)
		printf("DMA isolation: NONE (no IOMMU units in the system config): the root "
		       "cell's devices can DMA into any memory, the hypervisor's included\n");
	printf("memory: 0x%llx+%lluM, image %u bytes\n",
	       (unsigned long long)info->hv_phys_base,
	       (unsigned long long)info->hv_mem_size >> 20, info->hv_image_size);
	printf("memory pool: %llu of %llu KiB used\n",
	       (unsigned long long)info->mem_pool_used >> 10,
	       (unsigned long long)info->mem_pool_size >> 10);
	printf("cpus: %u (", info->num_cpus);
	for (cpu = 0; cpu < 64; cpu++)
		if (info->cpu_mask & (1ULL << cpu))
			printf(" %d", cpu);
	printf(" )\ncells: %u\n", info->num_cells);
	print_sysfs("cells (id name state cpus)", JH_SYSFS "/cells");
	print_sysfs("vm exits (cpu reason count)", JH_SYSFS "/exit_stats");
}

/* /sys/devices/jh/exit_stats ("cpuN reason count" lines) as an array */
static json_object *json_exits(void)
{
	json_object *exits = json_object_new_array();
	FILE *f = fopen(JH_SYSFS "/exit_stats", "r");
	unsigned long long count;
	char line[256], reason[64];
	unsigned int cpu;

	while (f && fgets(line, sizeof(line), f)) {
		json_object *e;

		if (sscanf(line, "cpu%u %63s %llu", &cpu, reason, &count) != 3)
			continue;
		e = json_object_new_object();
		json_object_object_add(e, "cpu", json_object_new_int64(cpu));
		json_object_object_add(e, "reason", json_object_new_string(reason));
		json_object_object_add(e, "count", json_object_new_int64(count));
		json_object_array_add(exits, e);
	}
	if (f)
		fclose(f);
	return exits;
}

/* The fields of docs/json.md, "jh-info/1" */
static int print_json(const struct jh_ioc_info *info, int dma_off)
{
	struct jh_cell_entry cells[JH_CELLS_MAX];
	json_object *o = json_object_new_object(), *a;
	int cpu, i, n;

	json_object_object_add(o, "schema", json_object_new_string("jh-info/1"));
	json_object_object_add(o, "enabled", json_object_new_boolean(info->enabled));
	if (!info->enabled)
		return jh_json_print(o);
	/* null: the running config could not be read (said on stderr) */
	json_object_object_add(o, "dma_isolation",
			       dma_off < 0 ? NULL : json_object_new_boolean(dma_off == 0));
	a = json_object_new_object();
	json_object_object_add(a, "phys_base", json_object_new_int64(info->hv_phys_base));
	json_object_object_add(a, "size", json_object_new_int64(info->hv_mem_size));
	json_object_object_add(a, "image_size", json_object_new_int64(info->hv_image_size));
	json_object_object_add(o, "memory", a);
	a = json_object_new_object();
	json_object_object_add(a, "size", json_object_new_int64(info->mem_pool_size));
	json_object_object_add(a, "used", json_object_new_int64(info->mem_pool_used));
	json_object_object_add(o, "memory_pool", a);
	a = json_object_new_array();
	for (cpu = 0; cpu < 64; cpu++)
		if (info->cpu_mask & (1ULL << cpu))
			json_object_array_add(a, json_object_new_int64(cpu));
	json_object_object_add(o, "cpus", a);
	n = jh_cells_read(cells, JH_CELLS_MAX, "list");
	if (n < 0) {
		json_object_put(o);
		return 1;
	}
	a = json_object_new_array();
	for (i = 0; i < n; i++)
		json_object_array_add(a, jh_json_cell(&cells[i]));
	json_object_object_add(o, "cells", a);
	json_object_object_add(o, "exits", json_exits());
	return jh_json_print(o);
}

static int cmd_info(int argc, char **argv)
{
	struct jh_ioc_info info = { 0 };
	int json = jh_take_flag(&argc, argv, "--json");
	int fd, dma_off = 0;

	if (argc != 1) {
		fprintf(stderr, "usage: jh info [--json]\n");
		return 2;
	}
	fd = jh_device_open();
	if (fd < 0)
		return 1;
	if (jh_device_ioctl(fd, JH_IOCTL_INFO, &info, info.reason, "info")) {
		close(fd);
		return 1;
	}
	if (info.enabled)
		dma_off = dma_isolation_off(fd);
	close(fd);
	if (json)
		return print_json(&info, dma_off) || dma_off < 0 ? 1 : 0;
	if (!info.enabled) {
		printf("hypervisor: disabled\n");
		return 0;
	}
	print_text(&info, dma_off);
	return dma_off < 0 ? 1 : 0;
}

JH_COMMAND(info) = {
	.name = "info",
	.args = "[--json]",
	.help = "show the hypervisor's state, memory, cells and VM exit counts",
	.run = cmd_info,
};
