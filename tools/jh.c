// SPDX-License-Identifier: GPL-2.0
/*
 * jh: the command-line front end of the jh hypervisor.
 * Dispatches "jh [GROUP] COMMAND ARGS..." to the JH_COMMAND() table.
 */
#include <stdio.h>
#include <string.h>

#include "command.h"

extern const struct jh_command __start_jh_commands[];
extern const struct jh_command __stop_jh_commands[];

static void usage(FILE *out)
{
	const struct jh_command *c;

	fprintf(out, "usage: jh [GROUP] COMMAND [ARGS...]\n\n");
	for (c = __start_jh_commands; c < __stop_jh_commands; c++) {
		char head[64];

		snprintf(head, sizeof(head), "%s%s%s", c->group ? c->group : "",
			 c->group ? " " : "", c->name);
		fprintf(out, "  jh %s %s\n      %s\n", head, c->args, c->help);
	}
}

static const struct jh_command *lookup(const char *group, const char *name)
{
	const struct jh_command *c;

	for (c = __start_jh_commands; c < __stop_jh_commands; c++) {
		if (!name || strcmp(c->name, name))
			continue;
		if ((group == NULL) == (c->group == NULL) &&
		    (!group || !strcmp(c->group, group)))
			return c;
	}
	return NULL;
}

static int is_group(const char *word)
{
	const struct jh_command *c;

	for (c = __start_jh_commands; c < __stop_jh_commands; c++)
		if (c->group && !strcmp(c->group, word))
			return 1;
	return 0;
}

static int cmd_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	usage(stdout);
	return 0;
}

JH_COMMAND(help) = {
	.name = "help",
	.args = "",
	.help = "list the commands",
	.run = cmd_help,
};

int main(int argc, char **argv)
{
	const struct jh_command *cmd;

	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (is_group(argv[1])) {
		cmd = lookup(argv[1], argc > 2 ? argv[2] : NULL);
		if (!cmd) {
			fprintf(stderr, "jh %s: unknown or missing command%s%s; "
				"see 'jh --help'\n", argv[1],
				argc > 2 ? " " : "", argc > 2 ? argv[2] : "");
			return 2;
		}
		return cmd->run(argc - 2, argv + 2);
	}
	cmd = lookup(NULL, argv[1]);
	if (!cmd) {
		fprintf(stderr, "jh: unknown command '%s'; see 'jh --help'\n",
			argv[1]);
		return 2;
	}
	return cmd->run(argc - 1, argv + 1);
}
