// SPDX-License-Identifier: GPL-2.0
/* jh info: state of the hypervisor, its memory, cells and VM exits */
#include <stdio.h>
#include <unistd.h>

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

static int cmd_info(int argc, char **argv)
{
	struct jh_ioc_info info = { 0 };
	int fd, cpu;

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
	close(fd);
	if (!info.enabled) {
		printf("hypervisor: disabled\n");
		return 0;
	}
	printf("hypervisor: enabled\n");
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
	return 0;
}

JH_COMMAND(info) = {
	.name = "info",
	.args = "",
	.help = "show the hypervisor's state, memory, cells and VM exit counts",
	.run = cmd_info,
};
