// SPDX-License-Identifier: GPL-2.0
/*
 * jh: the command-line front end of the jh hypervisor.
 * Dispatches "jh [GROUP] COMMAND ARGS..." to the JH_COMMAND() table.
 * Exit status (docs/man/jh.8): 0 done, 1 failed (the reason on
 * stderr), 2 bad usage or unreadable input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"

extern const struct jh_command __start_jh_commands[];
extern const struct jh_command __stop_jh_commands[];

/*
 * The order of `jh help`: the hypervisor's commands in the order a user
 * runs them, then the groups. A command not named here comes after the
 * named ones of its group, by name; so a new command needs no entry.
 */
static const char *const help_order[] = {
	"enable", "disable", "info", "console",
	"cell create", "cell load", "cell start", "cell list", "cell stats",
	"cell shutdown", "cell destroy",
	"config check", "config show",
};

static void command_title(const struct jh_command *c, char *buf, size_t size)
{
	snprintf(buf, size, "%s%s%s", c->group ? c->group : "", c->group ? " " : "",
		 c->name);
}

/* the position in help_order; commands not there after those that are */
static int help_rank(const struct jh_command *c)
{
	char title[64];
	size_t i;

	command_title(c, title, sizeof(title));
	for (i = 0; i < sizeof(help_order) / sizeof(help_order[0]); i++)
		if (!strcmp(title, help_order[i]))
			return i;
	return 1000;
}

/* top-level commands (0), then the groups (1), help last of all (2) */
static int help_section(const struct jh_command *c)
{
	if (c->group)
		return 1;
	return strcmp(c->name, "help") ? 0 : 2;
}

static int help_cmp(const void *pa, const void *pb)
{
	const struct jh_command *a = *(const struct jh_command *const *)pa;
	const struct jh_command *b = *(const struct jh_command *const *)pb;
	int d = help_section(a) - help_section(b);

	if (d)
		return d;
	if (a->group && (d = strcmp(a->group, b->group)))
		return d;
	d = help_rank(a) - help_rank(b);
	return d ? d : strcmp(a->name, b->name);
}

static void usage(FILE *out)
{
	size_t i, n = __stop_jh_commands - __start_jh_commands;
	const struct jh_command **sorted = calloc(n, sizeof(*sorted));

	fprintf(out, "usage: jh [GROUP] COMMAND [ARGS...]\n"
		"       jh --version\n\n");
	if (!sorted)
		return;
	for (i = 0; i < n; i++)
		sorted[i] = &__start_jh_commands[i];
	qsort(sorted, n, sizeof(*sorted), help_cmp);
	for (i = 0; i < n; i++) {
		char title[64];

		command_title(sorted[i], title, sizeof(title));
		fprintf(out, "  jh %s%s%s\n      %s\n", title, *sorted[i]->args ? " " : "",
			sorted[i]->args, sorted[i]->help);
	}
	fprintf(out, "\nExit status: 0 done, 1 failed (the reason on stderr), "
		"2 bad usage or input.\n");
	free(sorted);
}

const struct jh_command *jh_command_lookup(const char *group, const char *name)
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
	if (!strcmp(argv[1], "--version")) {
		printf("jh %s\n", JH_VERSION);
		return 0;
	}
	if (is_group(argv[1])) {
		cmd = jh_command_lookup(argv[1], argc > 2 ? argv[2] : NULL);
		if (!cmd) {
			fprintf(stderr, "jh %s: unknown or missing command%s%s; "
				"see 'jh --help'\n", argv[1],
				argc > 2 ? " " : "", argc > 2 ? argv[2] : "");
			return 2;
		}
		return cmd->run(argc - 2, argv + 2);
	}
	cmd = jh_command_lookup(NULL, argv[1]);
	if (!cmd) {
		fprintf(stderr, "jh: unknown command '%s'; see 'jh --help'\n",
			argv[1]);
		return 2;
	}
	return cmd->run(argc - 1, argv + 1);
}
