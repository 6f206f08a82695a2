// SPDX-License-Identifier: GPL-2.0
/* Talking to the jh driver through /dev/jh */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "jh-device.h"

int jh_device_open(void)
{
	int fd = open(JH_DEVICE, O_RDWR | O_CLOEXEC);

	if (fd >= 0)
		return fd;
	if (errno == ENOENT || errno == ENXIO || errno == ENODEV)
		fprintf(stderr, "jh: %s: %s: load the driver first "
			"(insmod jh.ko or modprobe jh)\n", JH_DEVICE, strerror(errno));
	else if (errno == EACCES || errno == EPERM)
		fprintf(stderr, "jh: %s: %s: only root may use jh\n", JH_DEVICE,
			strerror(errno));
	else
		fprintf(stderr, "jh: %s: %s\n", JH_DEVICE, strerror(errno));
	return -1;
}

int jh_device_ioctl(int fd, unsigned long request, void *arg,
		    const char *reason, const char *cmd)
{
	if (ioctl(fd, request, arg) == 0)
		return 0;
	if (reason && reason[0])
		fprintf(stderr, "jh %s: %s\n", cmd, reason);
	else if (errno == EPERM)
		fprintf(stderr, "jh %s: %s: needs CAP_SYS_ADMIN (run as root)\n",
			cmd, strerror(errno));
	else if (errno == ENOTTY)
		fprintf(stderr, "jh %s: the loaded jh driver does not know this "
			"request: load the jh.ko built with this jh\n", cmd);
	else
		fprintf(stderr, "jh %s: %s (the driver gave no reason; see dmesg)\n",
			cmd, strerror(errno));
	return -1;
}
