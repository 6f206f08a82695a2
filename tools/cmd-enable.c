// SPDX-License-Identifier: GPL-2.0
/*
 * jh enable SYSCONFIG.cell: checks the config with the shared validator
 * (so errors name the file), then asks the driver to start the hypervisor.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "command.h"
#include "config-check.h"
#include "jh-device.h"
#include "read-file.h"

static void print_finding(const struct jh_finding *f, void *opaque)
{
	char line[2 * JH_FINDING_TEXT + JH_FINDING_FIELD + 64];

	(void)opaque;
	jh_finding_format(line, sizeof(line), f);
	fprintf(stderr, "jh enable: %s\n", line);
}

static int cmd_enable(int argc, char **argv)
{
	struct jh_ioc_enable req = { 0 };
	struct jh_config_blob blob;
	char reason[512];
	void *config;
	size_t size;
	int fd, ret = 1;

	if (argc != 2) {
		fprintf(stderr, "usage: jh enable SYSCONFIG.cell\n");
		return 2;
	}
	if (jh_read_file(argv[1], &config, &size, reason, sizeof(reason))) {
		fprintf(stderr, "jh enable: %s\n", reason);
		return 1;
	}
	blob = (struct jh_config_blob){ .file = argv[1], .data = config, .size = size };
	if (jh_config_kind(config, size) != JH_CONFIG_SYSTEM) {
		fprintf(stderr, "jh enable: %s is not a system config (no JHSYSCFG "
			"signature): pass the root cell's .cell file\n", argv[1]);
		goto out;
	}
	if (jh_check_system(&blob, print_finding, NULL, NULL)) {
		fprintf(stderr, "jh enable: %s is not valid; nothing was changed\n",
			argv[1]);
		goto out;
	}
	fd = jh_device_open();
	if (fd < 0)
		goto out;
	req.config = (uintptr_t)config;
	req.config_size = size;
	if (jh_device_ioctl(fd, JH_IOCTL_ENABLE, &req, req.reason, "enable") == 0) {
		printf("jh: hypervisor enabled with %s\n", argv[1]);
		ret = 0;
	}
	close(fd);
out:
	free(config);
	return ret;
}

JH_COMMAND(enable) = {
	.name = "enable",
	.args = "SYSCONFIG.cell",
	.help = "start the hypervisor; the running Linux becomes the root cell",
	.run = cmd_enable,
};
