// SPDX-License-Identifier: GPL-2.0
/* The default output: the root-cell config as C source. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../generator/config-writer.h"
#include "discover.h"
#include "root-policy.h"

/* The cell name: DMI product, else "root" (only [a-z0-9-] kept) */
static void cell_name(const struct machine *m, char *buf, size_t size)
{
	const char *src = m->dmi.field[1] ? m->dmi.field[1] : "root";
	size_t n = 0;

	for (; *src && n + 1 < size && n < 24; src++) {
		char c = *src;

		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			buf[n++] = c;
		else if (n && buf[n - 1] != '-')
			buf[n++] = '-';
	}
	while (n && buf[n - 1] == '-')
		n--;
	buf[n] = '\0';
	if (!n)
		snprintf(buf, size, "root");
}

static int write_blob(struct jhgen_system *sys, const char *path,
		      char *reason, size_t reason_size)
{
	void *blob;
	size_t size;
	FILE *f;
	int ret = jhgen_system_blob(sys, &blob, &size);

	if (ret) {
		snprintf(reason, reason_size, "building the binary config: %s",
			 strerror(-ret));
		return ret;
	}
	f = fopen(path, "wb");
	if (!f || fwrite(blob, 1, size, f) != size) {
		snprintf(reason, reason_size, "cannot write %s: %s", path,
			 strerror(errno));
		ret = -EIO;
	}
	if (f && fclose(f) && !ret) {
		snprintf(reason, reason_size, "cannot write %s: %s", path,
			 strerror(errno));
		ret = -EIO;
	}
	free(blob);
	return ret;
}

int discover_write_config(struct machine *m, FILE *f, const char *cell_path,
			  char *reason, size_t reason_size)
{
	struct jhgen_system sys;
	char name[32], desc[1024];
	int ret;

	cell_name(m, name, sizeof(name));
	jhgen_system_init(&sys, name);
	ret = root_policy_build(m, &sys, reason, reason_size);
	if (ret)
		goto out;
	snprintf(desc, sizeof(desc),
		 "Root-cell config of %s%s%s, written by jh-discover from %s.\n"
		 "The policy that chose every region is in discover/root-policy.c;\n"
		 "docs/discover.md explains it. %zu warning(s) about the input\n"
		 "(jh-discover --report lists them).",
		 m->dmi.field[0] ? m->dmi.field[0] : "this machine",
		 m->dmi.field[1] ? " " : "", m->dmi.field[1] ? m->dmi.field[1] : "",
		 m->offline ? "offline data" : "the running machine",
		 m->warnings.n);
	ret = jhgen_system_write_c(&sys, f, desc);
	if (ret)
		snprintf(reason, reason_size, "writing the config: %s",
			 strerror(-ret));
	else if (cell_path)
		ret = write_blob(&sys, cell_path, reason, reason_size);
	if (!ret && !m->reservation.present) {
		struct hv_memory_plan p;

		hv_memory_plan(m, &p);
		fprintf(stderr,
			"jh-discover: no memmap= reservation yet: the config uses the proposal %s.\n"
			"  Add it to the kernel command line (in /etc/default/grub: GRUB_CMDLINE_LINUX=\"... %s\", then update-grub), reboot, and run jh-discover again.\n",
			p.kernel_param, p.grub_param);
	}
out:
	jhgen_system_free(&sys);
	return ret;
}
