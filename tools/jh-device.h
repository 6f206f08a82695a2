/* SPDX-License-Identifier: GPL-2.0 */
/* Talking to the jh driver through /dev/jh (jh-device.c) */
#ifndef _JH_TOOLS_DEVICE_H
#define _JH_TOOLS_DEVICE_H

#include <stddef.h>

#include <jh/ioctl.h>

/* Opens /dev/jh; on failure prints why and the fix, returns -1 */
int jh_device_open(void);

/*
 * Runs one ioctl; on failure prints "jh CMD: REASON" (the driver's reason,
 * or the errno with a hint when the driver gave none) and returns -1.
 */
int jh_device_ioctl(int fd, unsigned long request, void *arg,
		    const char *reason, const char *cmd);

#endif /* _JH_TOOLS_DEVICE_H */
