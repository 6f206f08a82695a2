// SPDX-License-Identifier: GPL-2.0
/*
 * jh-plan: proposes and writes RT partition plans (docs/plan.md).
 *
 *	jh-plan --rt-cpus 2-3 [--rt-mem 4M] [--rt-devices BDF,...]
 *		[--rt-console PORT|none] [--shmem SIZE] [--name rt]
 *		[--hv-mem SIZE] [--no-dma-isolation] [--out DIR]
 *		[MACHINE.json | discovery options]
 *	jh-plan [--pick N] ...	without --rt-cpus: ranked proposals
 *
 * Without MACHINE.json it runs jh-discover --json (next to this program,
 * else from PATH) with the discovery options given (--root, --from,
 * --acpidump, --acpi-dir, --pci-dump, --iomem, --ioports, --cmdline,
 * --cpuinfo, --dmesg), on the live system if none.
 * Exit: 0 plan written (warnings allowed), 1 the plan has errors,
 * 2 bad usage or unreadable input.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "plan.h"

#define MAX_CANDIDATES		8
#define MAX_DISCOVER_ARGS	16

enum {
	OPT_RT_CPUS = 256, OPT_RT_MEM, OPT_RT_DEVICES, OPT_RT_CONSOLE,
	OPT_SHMEM, OPT_NAME, OPT_HV_MEM, OPT_OUT, OPT_PICK, OPT_NO_DMA_ISOLATION,
	OPT_LINUX_CELL,
	OPT_DISCOVER,		/* passed on to jh-discover */
};

static const struct option options[] = {
	{ "rt-cpus", required_argument, NULL, OPT_RT_CPUS },
	{ "rt-mem", required_argument, NULL, OPT_RT_MEM },
	{ "rt-devices", required_argument, NULL, OPT_RT_DEVICES },
	{ "rt-console", required_argument, NULL, OPT_RT_CONSOLE },
	{ "shmem", required_argument, NULL, OPT_SHMEM },
	{ "name", required_argument, NULL, OPT_NAME },
	{ "hv-mem", required_argument, NULL, OPT_HV_MEM },
	{ "out", required_argument, NULL, OPT_OUT },
	{ "pick", required_argument, NULL, OPT_PICK },
	{ "no-dma-isolation", no_argument, NULL, OPT_NO_DMA_ISOLATION },
	{ "linux-cell", no_argument, NULL, OPT_LINUX_CELL },
	{ "root", required_argument, NULL, OPT_DISCOVER },
	{ "from", required_argument, NULL, OPT_DISCOVER },
	{ "acpidump", required_argument, NULL, OPT_DISCOVER },
	{ "pci-dump", required_argument, NULL, OPT_DISCOVER },
	{ "iomem", required_argument, NULL, OPT_DISCOVER },
	{ "ioports", required_argument, NULL, OPT_DISCOVER },
	{ "acpi-dir", required_argument, NULL, OPT_DISCOVER },
	{ "cmdline", required_argument, NULL, OPT_DISCOVER },
	{ "cpuinfo", required_argument, NULL, OPT_DISCOVER },
	{ "dmesg", required_argument, NULL, OPT_DISCOVER },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: jh-plan --rt-cpus LIST [--rt-mem SIZE] [--rt-devices BDF,...]\n"
		"               [--rt-console PORT|none] [--shmem SIZE] [--name NAME]\n"
		"               [--hv-mem SIZE] [--no-dma-isolation] [--linux-cell] [--out DIR]\n"
		"               [MACHINE.json | DISCOVERY OPTIONS]\n"
		"       jh-plan [--pick N] [--out DIR] ...   (no --rt-cpus: ranked proposals)\n"
		"Discovery options (passed to jh-discover): --root DIR, --from FILE.tar.gz,\n"
		"  --acpidump FILE, --acpi-dir DIR, --pci-dump FILE, --iomem FILE,\n"
		"  --ioports FILE, --cmdline FILE, --cpuinfo FILE, --dmesg FILE\n"
		"Defaults: --rt-mem 4M, --rt-console 0x2f8, --name rt, --shmem 0.\n"
		"--no-dma-isolation: on a machine without IOMMU, accept that devices given\n"
		"  to cells (--rt-devices) can DMA into any memory (JH_SYS_NO_DMA_ISOLATION).\n"
		"--linux-cell: the cell boots Linux (jh cell linux, docs/linux-cell.md):\n"
		"  --rt-mem default 128M, at least 64M; a UART for its console.\n"
		"Without --out the plan is printed, nothing is written. See docs/plan.md.\n"
		"-h, --help; --version. Exit: 0 planned, 1 refused (plan.txt says why),\n"
		"2 bad usage or unreadable input.\n");
}

struct args {
	struct plan_request req;
	const char *machine;
	const char *discover[MAX_DISCOVER_ARGS];
	int num_discover;
	int pick;
	char *devices_copy;
	char command_line[1024];
};

static int bad_size(const char *opt, const char *val)
{
	fprintf(stderr, "jh-plan: %s \"%s\" is not a size; fix: give bytes with an optional K, M or G suffix, e.g. %s 4M\n",
		opt, val, opt);
	return 2;
}

static bool valid_name(const char *s)
{
	size_t i, n = strlen(s);

	if (!n || n >= JH_CELL_NAME_LEN || !strcmp(s, "sysconfig"))
		return false;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
		      s[i] == '-' || s[i] == '_'))
			return false;
	return true;
}

/* The request as words for the configs' comments (no --out: same plan) */
static void record_command(struct args *a, int argc, char **argv)
{
	size_t len = 0;
	int i;

	len += (size_t)snprintf(a->command_line, sizeof(a->command_line), "jh-plan");
	for (i = 1; i < argc && len < sizeof(a->command_line); i++) {
		if (!strcmp(argv[i], "--out") && i + 1 < argc) {
			i++;
			continue;
		}
		if (!strncmp(argv[i], "--out=", 6))
			continue;
		len += (size_t)snprintf(a->command_line + len,
					sizeof(a->command_line) - len, " %s",
					argv[i]);
	}
}

static int parse_args(struct args *a, int argc, char **argv)
{
	struct plan_request *r = &a->req;
	bool rt_mem_given = false;
	char reason[256];
	int opt, n;

	memset(a, 0, sizeof(*a));
	r->rt_mem = 4 * MiB;
	r->console_port = 0x2f8;
	r->name = "rt";
	record_command(a, argc, argv);
	r->command_line = a->command_line;

	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (opt) {
		case OPT_RT_CPUS:
			n = plan_parse_cpus(optarg, r->cpus, PLAN_MAX_CPUS,
					    reason, sizeof(reason));
			if (n < 0) {
				fprintf(stderr, "jh-plan: %s\n", reason);
				return 2;
			}
			r->num_cpus = n;
			r->cpus_arg = optarg;
			break;
		case OPT_RT_MEM:
			if (plan_parse_size(optarg, &r->rt_mem) || !r->rt_mem)
				return bad_size("--rt-mem", optarg);
			rt_mem_given = true;
			break;
		case OPT_SHMEM:
			if (plan_parse_size(optarg, &r->shmem))
				return bad_size("--shmem", optarg);
			break;
		case OPT_HV_MEM:
			if (plan_parse_size(optarg, &r->hv_mem) || !r->hv_mem)
				return bad_size("--hv-mem", optarg);
			break;
		case OPT_RT_DEVICES: {
			char *tok, *save = NULL;

			free(a->devices_copy);
			a->devices_copy = strdup(optarg);
			r->num_devices = 0;
			for (tok = strtok_r(a->devices_copy, ",", &save); tok;
			     tok = strtok_r(NULL, ",", &save)) {
				if (r->num_devices == PLAN_MAX_DEVICES) {
					fprintf(stderr, "jh-plan: --rt-devices: more than %d devices; fix: give fewer\n",
						PLAN_MAX_DEVICES);
					return 2;
				}
				r->devices[r->num_devices++] = tok;
			}
			break;
		}
		case OPT_RT_CONSOLE: {
			char *end;
			long port;

			if (!strcmp(optarg, "none")) {
				r->console_port = -1;
				break;
			}
			port = strtol(optarg, &end, 0);
			if (end == optarg || *end || port <= 0 || port > 0xfff8) {
				fprintf(stderr, "jh-plan: --rt-console \"%s\" is not an I/O port; fix: give the UART's base port, e.g. --rt-console 0x2f8, or none\n",
					optarg);
				return 2;
			}
			r->console_port = (int)port;
			break;
		}
		case OPT_NAME:
			if (!valid_name(optarg)) {
				fprintf(stderr, "jh-plan: --name \"%s\": fix: use 1-%d characters of a-z, 0-9, '-' and '_' (not \"sysconfig\")\n",
					optarg, JH_CELL_NAME_LEN - 1);
				return 2;
			}
			r->name = optarg;
			break;
		case OPT_OUT:
			r->out_dir = optarg;
			break;
		case OPT_NO_DMA_ISOLATION:
			r->no_dma_isolation = true;
			break;
		case OPT_LINUX_CELL:
			r->linux_cell = true;
			break;
		case OPT_PICK: {
			char *end;

			a->pick = (int)strtol(optarg, &end, 10);
			if (end == optarg || *end || a->pick < 1) {
				fprintf(stderr, "jh-plan: --pick \"%s\": fix: give the number of a proposal, 1 for the best\n",
					optarg);
				return 2;
			}
			break;
		}
		case OPT_DISCOVER:
			if (a->num_discover + 2 > MAX_DISCOVER_ARGS) {
				fprintf(stderr, "jh-plan: too many discovery options\n");
				return 2;
			}
			/* getopt_long leaves the option itself at optind - 2 */
			a->discover[a->num_discover++] = argv[optind - 2];
			a->discover[a->num_discover++] = optarg;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		case 'V':
			printf("jh-plan %s\n", JH_VERSION);
			exit(0);
		default:
			usage(stderr);
			return 2;
		}
	}
	if (r->linux_cell && !rt_mem_given)
		r->rt_mem = PLAN_LINUX_DEFAULT_RAM;
	if (r->linux_cell && r->rt_mem < PLAN_LINUX_MIN_RAM) {
		fprintf(stderr, "jh-plan: --linux-cell with --rt-mem below 64M: the kernel "
			"decompresses to 16 MiB and needs its own size above that, plus "
			"the initrd; fix: --rt-mem 64M or more (default 128M)\n");
		return 2;
	}
	if (optind < argc)
		a->machine = argv[optind++];
	if (optind < argc) {
		fprintf(stderr, "jh-plan: unexpected argument \"%s\"; fix: give one machine file\n",
			argv[optind]);
		return 2;
	}
	if (a->machine && a->num_discover) {
		fprintf(stderr, "jh-plan: both %s and discovery options given; fix: give one input\n",
			a->machine);
		return 2;
	}
	if (a->pick && r->cpus_arg) {
		fprintf(stderr, "jh-plan: --pick chooses among proposals; fix: drop --pick or --rt-cpus\n");
		return 2;
	}
	return 0;
}

/* jh-discover beside this program, else the one in PATH */
static void discover_path(char *buf, size_t size)
{
	char self[2048];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	char *slash;

	if (n > 0) {
		self[n] = '\0';
		slash = strrchr(self, '/');
		if (slash) {
			*slash = '\0';
			snprintf(buf, size, "%s/jh-discover", self);
			if (!access(buf, X_OK))
				return;
		}
	}
	snprintf(buf, size, "jh-discover");
}

/* Runs jh-discover --json and returns its output (malloc()ed) */
static char *run_discover(const struct args *a)
{
	const char *argv[MAX_DISCOVER_ARGS + 3];
	char prog[4096], *out = NULL;
	size_t len = 0, cap = 0;
	int fds[2], status, i, n = 0;
	pid_t pid;

	discover_path(prog, sizeof(prog));
	argv[n++] = prog;
	argv[n++] = "--json";
	for (i = 0; i < a->num_discover; i++)
		argv[n++] = a->discover[i];
	argv[n] = NULL;
	if (pipe(fds))
		return NULL;
	pid = fork();
	if (pid < 0)
		return NULL;
	if (!pid) {
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execvp(prog, (char **)argv);
		fprintf(stderr, "jh-plan: cannot run %s: %s; fix: build it (make) or give a machine JSON file\n",
			prog, strerror(errno));
		_exit(127);
	}
	close(fds[1]);
	for (;;) {
		ssize_t got;

		if (len + 65536 + 1 > cap) {
			char *g = realloc(out, cap + 65536 * 4);

			if (!g)
				break;
			out = g;
			cap += 65536 * 4;
		}
		got = read(fds[0], out + len, cap - len - 1);
		if (got <= 0)
			break;
		len += (size_t)got;
	}
	close(fds[0]);
	waitpid(pid, &status, 0);
	if (!out || !WIFEXITED(status) || WEXITSTATUS(status)) {
		fprintf(stderr, "jh-plan: %s --json failed (status %d); fix: see its message above, or give a machine JSON file\n",
			prog, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		free(out);
		return NULL;
	}
	out[len] = '\0';
	return out;
}

static int load_machine(struct machine *m, const struct args *a)
{
	char reason[512];
	char *text;
	int err;

	if (a->machine) {
		err = machine_load(m, a->machine, reason, sizeof(reason));
	} else {
		text = run_discover(a);
		if (!text)
			return 2;
		err = machine_parse(m, text, "jh-discover --json", reason,
				    sizeof(reason));
		free(text);
	}
	if (err) {
		fprintf(stderr, "jh-plan: %s\n", reason);
		return 2;
	}
	return 0;
}

static int propose(struct args *a, const struct machine *m)
{
	struct plan_candidate c[MAX_CANDIDATES];
	int n, i;

	/* an empty root cell has no CPU to propose: say why it is empty */
	if (!m->has_root) {
		fprintf(stderr, "jh-plan: %s: the machine JSON has no root cell (root_cell is null): %s; fix: run jh-discover where it reads the memory map (as root on the target, or with --iomem), then jh-plan on its output\n",
			m->path, m->root_problem);
		return 1;
	}
	n = plan_candidates(m, c, MAX_CANDIDATES);
	if (n <= 0) {
		fprintf(stderr, "jh-plan: %s: no CPU besides CPU 0 and its siblings; fix: an RT cell needs a machine with at least two cores\n",
			m->path);
		return 1;
	}
	if (!a->pick) {
		printf("RT CPU proposals for %s (best first; score: docs/plan.md):\n",
		       m->title);
		for (i = 0; i < n; i++) {
			char cpus[64];
			size_t len = 0;
			int j;

			for (j = 0; j < c[i].num_cpus; j++)
				len += (size_t)snprintf(cpus + len, sizeof(cpus) - len,
							"%s%d", j ? "," : "", c[i].cpus[j]);
			printf("%2d. score %3d  --rt-cpus %-8s %s\n", i + 1,
			       c[i].score, cpus, c[i].why);
		}
		printf("Write one with --pick N --out DIR, or give --rt-cpus.\n");
		return 0;
	}
	if (a->pick > n) {
		fprintf(stderr, "jh-plan: --pick %d: there are only %d proposals; fix: pick 1-%d\n",
			a->pick, n, n);
		return 2;
	}
	memcpy(a->req.cpus, c[a->pick - 1].cpus,
	       (size_t)c[a->pick - 1].num_cpus * sizeof(int));
	a->req.num_cpus = c[a->pick - 1].num_cpus;
	return -1;	/* go on with this request */
}

/*
 * Builds and checks the plan. Unless --hv-mem is given, the hypervisor part
 * is sized by the formula: built once with the existing part (or 16 MiB),
 * then, if the formula asks for more, again with that much.
 */
static int make_plan(struct plan *p)
{
	uint64_t hv_size = 0;
	bool auto_size;
	int err, attempt;

	for (attempt = 0; attempt < 3; attempt++) {
		plan_free(p);
		p->hv_size = hv_size;
		p->hv_need = 0;
		plan_check_cpus(p);
		plan_check_others(p);
		if (plan_layout_memory(p))
			return 0;	/* the reservation error is recorded */
		plan_check_numa(p);
		plan_check_devices(p);
		if (!p->m->has_root) {
			plan_add(p, PLAN_ERROR, "root-cell",
				 "fix: run jh-discover where it reads the memory map (as root on the target, or with --iomem), then jh-plan on its output",
				 "the machine JSON has no root cell (root_cell is null): %s",
				 p->m->root_problem);
			return 0;
		}
		p->built = true;
		err = plan_build_root(p);
		if (p->req->no_dma_isolation)
			p->sys.header.flags |= JH_SYS_NO_DMA_ISOLATION;
		err = err ?: plan_build_rt(p);
		err = err ?: plan_validate(p);
		/* sized by the formula unless given */
		auto_size = !p->req->hv_mem;
		if (err || !auto_size || p->hv_need <= p->hv_size)
			return err;
		hv_size = (p->hv_need + 2 * MiB - 1) & ~(2 * MiB - 1);
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct plan_other_cell *others = NULL;
	struct plan plan = { 0 };
	struct machine m;
	struct args a;
	int ret, errors, num_others = 0;

	ret = parse_args(&a, argc, argv);
	if (!ret)
		ret = load_machine(&m, &a);
	if (ret) {
		free(a.devices_copy);
		return ret;
	}
	if (!a.req.cpus_arg) {
		ret = propose(&a, &m);
		if (ret >= 0)
			goto out;
	}
	plan.m = &m;
	plan.req = &a.req;
	if (a.req.out_dir &&
	    plan_load_others(a.req.out_dir, a.req.name, &others, &num_others)) {
		ret = 2;
		goto out;
	}
	plan.others = others;
	plan.num_others = num_others;
	ret = make_plan(&plan);
	if (ret) {
		fprintf(stderr, "jh-plan: building the configs failed: %s\n",
			strerror(-ret));
		ret = 2;
		goto out;
	}
	errors = plan_count(&plan, PLAN_ERROR);
	if (a.req.out_dir) {
		if (plan_write(&plan, a.req.out_dir)) {
			ret = 2;
			goto out;
		}
		printf("jh-plan: %s: %d errors, %d warnings; see %s/plan.txt\n",
		       errors ? "plan has errors, no configs written" :
				"plan written",
		       errors, plan_count(&plan, PLAN_WARNING), a.req.out_dir);
	} else {
		plan_print_summary(&plan, stdout);
		printf("\n(dry run: --out DIR writes the configs)\n");
	}
	if (errors) {
		int i;

		for (i = 0; i < plan.num_findings; i++)
			if (plan.findings[i].severity == PLAN_ERROR)
				fprintf(stderr, "error: %s: %s; %s\n",
					plan.findings[i].check,
					plan.findings[i].message,
					plan.findings[i].fix ?: "");
	}
	ret = errors ? 1 : 0;
out:
	plan_free(&plan);
	plan_free_others(others, num_others);
	machine_free(&m);
	free(a.devices_copy);
	return ret;
}
