// SPDX-License-Identifier: GPL-2.0
/*
 * jh config check SYSCONFIG.cell [CELL.cell ...]
 * jh config show FILE.cell
 *
 * Both read the files whole and hand them to the one validator in common/;
 * show refuses what the validator cannot walk. Exit status: 0 no errors,
 * 1 errors in the configs, 2 usage or a file that cannot be read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "config-check.h"
#include "config-show.h"
#include "read-file.h"

#define EXIT_FINDINGS	1
#define EXIT_INPUT	2

static void print_finding(const struct jh_finding *f, void *opaque)
{
	char line[2 * JH_FINDING_TEXT + 128];

	(void)opaque;
	jh_finding_format(line, sizeof(line), f);
	fprintf(stderr, "%s\n", line);
}

/* Reads every file; on failure prints why and frees what was read */
static int read_blobs(int n, char **paths, struct jh_config_blob *blobs)
{
	char reason[512];
	void *data;
	size_t size;
	int i;

	for (i = 0; i < n; i++) {
		if (jh_read_file(paths[i], &data, &size, reason, sizeof(reason))) {
			fprintf(stderr, "jh config: %s\n", reason);
			while (i--)
				free((void *)blobs[i].data);
			return -1;
		}
		blobs[i] = (struct jh_config_blob){
			.file = paths[i], .data = data, .size = size,
		};
	}
	return 0;
}

static void free_blobs(int n, struct jh_config_blob *blobs)
{
	while (n--)
		free((void *)blobs[n].data);
}

static int cmd_check(int argc, char **argv)
{
	struct jh_check_result res;
	struct jh_config_blob *blobs;
	int n = argc - 1;

	if (n < 1) {
		fprintf(stderr, "usage: jh config check SYSCONFIG.cell [CELL.cell ...]\n");
		return EXIT_INPUT;
	}
	blobs = calloc((size_t)n, sizeof(*blobs));
	if (!blobs || read_blobs(n, argv + 1, blobs)) {
		free(blobs);
		return EXIT_INPUT;
	}
	jh_check_cells(&blobs[0], blobs + 1, (unsigned int)n - 1, print_finding,
		       NULL, &res);
	printf("%s: %u error%s, %u warning%s in %d file%s\n",
	       res.errors ? "FAILED" : "OK", res.errors, res.errors == 1 ? "" : "s",
	       res.warnings, res.warnings == 1 ? "" : "s", n, n == 1 ? "" : "s");
	free_blobs(n, blobs);
	free(blobs);
	return res.errors ? EXIT_FINDINGS : 0;
}

static int cmd_show(int argc, char **argv)
{
	struct jh_config_blob blob;
	struct jh_check_result res;
	enum jh_config_kind kind;

	if (argc != 2) {
		fprintf(stderr, "usage: jh config show FILE.cell\n");
		return EXIT_INPUT;
	}
	if (read_blobs(1, argv + 1, &blob))
		return EXIT_INPUT;
	if (jh_check_blob(&blob, print_finding, NULL, &res)) {
		fprintf(stderr, "jh config show: %s cannot be decoded (see above)\n",
			blob.file);
		free_blobs(1, &blob);
		return EXIT_FINDINGS;
	}
	kind = jh_config_kind(blob.data, blob.size);
	printf("%s: %s config, %llu bytes, revision %u, x86-64\n", blob.file,
	       kind == JH_CONFIG_SYSTEM ? "system" : "cell",
	       (unsigned long long)blob.size, JH_CONFIG_REVISION);
	if (kind == JH_CONFIG_SYSTEM)
		jh_show_system(stdout, blob.data);
	else
		jh_show_cell(stdout, blob.data, "");
	free_blobs(1, &blob);
	return 0;
}

JH_COMMAND(config_check) = {
	.group = "config",
	.name = "check",
	.args = "SYSCONFIG.cell [CELL.cell ...]",
	.help = "validate a system config and cells against it (0 ok, 1 errors, 2 bad input)",
	.run = cmd_check,
};

JH_COMMAND(config_show) = {
	.group = "config",
	.name = "show",
	.args = "FILE.cell",
	.help = "print a system or cell config in readable form",
	.run = cmd_show,
};
