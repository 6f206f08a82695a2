/* SPDX-License-Identifier: GPL-2.0 */
/*
 * `jh` sub-commands. Each command file defines its entries with
 * JH_COMMAND(); the linker gathers them into one table, so adding a command
 * touches no central list.
 */
#ifndef _JH_TOOLS_COMMAND_H
#define _JH_TOOLS_COMMAND_H

struct jh_command {
	const char *group;	/* "config", "cell", or NULL for top-level */
	const char *name;
	const char *args;	/* usage, after "jh [group] name" */
	const char *help;	/* one line */
	/* argv[0] is the command name; returns the process exit status */
	int (*run)(int argc, char **argv);
};

#define JH_COMMAND(id)							\
	static const struct jh_command jh_cmd_##id			\
	__attribute__((used, section("jh_commands"), aligned(8)))

/*
 * The command "jh GROUP NAME" (group NULL: "jh NAME"), as main() finds
 * it; NULL if there is none
 */
const struct jh_command *jh_command_lookup(const char *group, const char *name);

#endif /* _JH_TOOLS_COMMAND_H */
