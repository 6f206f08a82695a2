// SPDX-License-Identifier: GPL-2.0
/* jh info: state of the hypervisor, its memory, cells and VM exits */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cell-list.h"
#include "command.h"
#include "jh-device.h"

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
 * DMA isolation said plainly when there is none: the system flag
 * NO_DMA_ISOLATION, or no IOMMU unit at all (then even the root's devices
 * reach the hypervisor's memory); -1 on error
 */
static int print_dma_isolation(int fd)
{
	const struct jh_system *sys;
	void *config;
	size_t size;

	if (jh_config_read(fd, 0, &config, &size, "info"))
		return -1;
	sys = config;
	if (size >= sizeof(*sys) && (sys->flags & JH_SYS_NO_DMA_ISOLATION))
		printf("DMA isolation: NONE (system flag NO_DMA_ISOLATION): devices given to "
		       "cells can DMA into any memory, the hypervisor's and other cells' included\n");
	else if (size >= sizeof(*sys) && !sys->platform.num_iommus)
		printf("DMA isolation: NONE (no IOMMU units in the system config): the root "
		       "cell's devices can DMA into any memory, the hypervisor's included\n");
	free(config);
	return 0;
}

static int cmd_info(int argc, char **argv)
{
	struct jh_ioc_info info = { 0 };
	int fd, cpu, err = 0;

	(void)argv;
	if (argc != 1) {
		fprintf(stderr, "usage: jh info\n");
		return 2;
	}
	fd = jh_device_open();
	if (fd < 0)
		return 1;
	if (jh_device_ioctl(fd, JH_IOCTL_INFO, &info, info.reason, "info")) {
		close(fd);
		return 1;
	}
	if (!info.enabled) {
		close(fd);
		printf("hypervisor: disabled\n");
		return 0;
	}
	printf("hypervisor: enabled\n");
	err = print_dma_isolation(fd);
	close(fd);
	printf("memory: 0x%llx+%lluM, image %u bytes\n",
	       (unsigned long long)info.hv_phys_base,
	       (unsigned long long)info.hv_mem_size >> 20, info.hv_image_size);
	printf("memory pool: %llu of %llu KiB used\n",
	       (unsigned long long)info.mem_pool_used >> 10,
	       (unsigned long long)info.mem_pool_size >> 10);
	printf("cpus: %u (", info.num_cpus);
	for (cpu = 0; cpu < 64; cpu++)
		if (info.cpu_mask & (1ULL << cpu))
			printf(" %d", cpu);
	printf(" )\ncells: %u\n", info.num_cells);
	print_sysfs("cells (id name state cpus)", JH_SYSFS "/cells");
	print_sysfs("vm exits (cpu reason count)", JH_SYSFS "/exit_stats");
	return err ? 1 : 0;
}

JH_COMMAND(info) = {
	.name = "info",
	.args = "",
	.help = "show the hypervisor's state, memory, cells and VM exit counts",
	.run = cmd_info,
};
