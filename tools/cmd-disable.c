// SPDX-License-Identifier: GPL-2.0
/* jh disable: every CPU leaves the hypervisor; Linux owns the machine again */
#include <stdio.h>
#include <unistd.h>

#include "command.h"
#include "jh-device.h"

static int cmd_disable(int argc, char **argv)
{
	struct jh_ioc_disable req = { 0 };
	int fd, ret = 1;

	(void)argv;
	if (argc != 1) {
		fprintf(stderr, "usage: jh disable\n");
		return 2;
	}
	fd = jh_device_open();
	if (fd < 0)
		return 1;
	if (jh_device_ioctl(fd, JH_IOCTL_DISABLE, &req, req.reason, "disable") == 0) {
		printf("jh: hypervisor disabled\n");
		ret = 0;
	}
	close(fd);
	return ret;
}

JH_COMMAND(disable) = {
	.name = "disable",
	.args = "",
	.help = "stop the hypervisor and give every CPU back to Linux",
	.run = cmd_disable,
};
