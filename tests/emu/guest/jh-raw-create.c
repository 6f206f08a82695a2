// SPDX-License-Identifier: GPL-2.0
/*
 * jh-raw-create CELL.cell: JH_IOCTL_CELL_CREATE straight to /dev/jh, with
 * none of the CLI's own checks, so a scenario sees what the driver (and
 * behind it the hypervisor) decides. Prints "created cell ID" or
 * "refused (ERRNO): REASON"; exits 0 when created, 1 when refused.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <jh/ioctl.h>

static unsigned char config[JH_CONFIG_MAX_SIZE];

int main(int argc, char **argv)
{
	struct jh_ioc_cell req;
	ssize_t size;
	int fd;

	if (argc != 2) {
		fprintf(stderr, "usage: jh-raw-create CELL.cell\n");
		return 2;
	}
	fd = open(argv[1], O_RDONLY);
	size = fd < 0 ? -1 : read(fd, config, sizeof(config));
	if (size <= 0) {
		fprintf(stderr, "jh-raw-create: cannot read %s\n", argv[1]);
		return 2;
	}
	close(fd);
	fd = open(JH_DEVICE, O_RDWR);
	if (fd < 0) {
		fprintf(stderr, "jh-raw-create: cannot open " JH_DEVICE ": %s\n",
			strerror(errno));
		return 2;
	}
	memset(&req, 0, sizeof(req));
	req.config = (uintptr_t)config;
	req.config_size = size;
	if (ioctl(fd, JH_IOCTL_CELL_CREATE, &req)) {
		printf("refused (%s): %s\n", strerror(errno), req.reason);
		return 1;
	}
	printf("created cell %u\n", req.cell_id);
	return 0;
}
