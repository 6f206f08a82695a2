// SPDX-License-Identifier: GPL-2.0
/* jh console [-f]: print the hypervisor's console ring (and follow it) */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "command.h"
#include "jh-device.h"

static int cmd_console(int argc, char **argv)
{
	static char buf[JH_CONSOLE_READ_MAX];
	struct jh_ioc_console req;
	uint64_t offset = 0;
	int fd, follow = 0;

	if (argc == 2 && !strcmp(argv[1], "-f"))
		follow = 1;
	else if (argc != 1) {
		fprintf(stderr, "usage: jh console [-f]\n");
		return 2;
	}
	fd = jh_device_open();
	if (fd < 0)
		return 1;
	for (;;) {
		memset(&req, 0, sizeof(req));
		req.buffer = (uintptr_t)buf;
		req.size = sizeof(buf);
		req.offset = offset;
		if (jh_device_ioctl(fd, JH_IOCTL_CONSOLE, &req, req.reason, "console")) {
			close(fd);
			return 1;
		}
		fwrite(buf, 1, req.length, stdout);
		offset = req.offset;
		if (req.length == sizeof(buf))
			continue;
		if (!follow)
			break;
		fflush(stdout);
		usleep(200000);
	}
	close(fd);
	return 0;
}

JH_COMMAND(console) = {
	.name = "console",
	.args = "[-f]",
	.help = "print the hypervisor's console; -f keeps following it",
	.run = cmd_console,
};
