// SPDX-License-Identifier: GPL-2.0
/*
 * jh-ioctl-fuzz: feeds /dev/jh malformed ioctl arguments (bad pointers,
 * sizes, flags, unknown requests, a corrupted config, random bytes) and
 * checks that each is refused with the expected errno, and with a reason
 * where the driver promises one. Prints one line per check; exits 1 if
 * any check failed. The kernel must stay healthy (the scenario checks
 * dmesg afterwards). With "novmx" (QEMU), enable stops at the VMX check
 * before it reads the config: those cases then expect ENODEV. With
 * "cells ID" the hypervisor runs and cell ID exists (created, not
 * started): cell requests with bad ids, ranges and pointers are refused
 * and the cell is left as it was.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <jh/config.h>
#include <jh/ioctl.h>

static int failures;

static void expect(const char *what, int ret, int want_errno, const char *reason)
{
	int ok = ret == -1 && errno == want_errno;

	if (ok && reason && !reason[0])
		ok = 0;
	printf("%s - %s (ret %d, errno %d%s%s)\n", ok ? "ok" : "FAIL", what, ret,
	       ret ? errno : 0, reason && reason[0] ? ", reason: " : "",
	       reason && reason[0] ? reason : "");
	failures += !ok;
}

/* a request that must succeed, with a condition on what it returned */
static void check(const char *what, int ok)
{
	printf("%s - %s (errno %d)\n", ok ? "ok" : "FAIL", what, ok ? 0 : errno);
	failures += !ok;
}

/* the reason must also contain `text` */
static void expect_text(const char *what, int ret, int want_errno,
			const char *reason, const char *text)
{
	char line[512];

	if (ret == -1 && errno == want_errno && !strstr(reason, text)) {
		snprintf(line, sizeof(line), "%s: reason lacks \"%s\"", what, text);
		expect(line, 0, want_errno, reason);
		return;
	}
	expect(what, ret, want_errno, reason);
}

/*
 * Cell requests while the hypervisor is not enabled: argument checks
 * first, then "not enabled" for well-formed requests.
 */
static void cell_checks(int fd, unsigned char *junk, size_t junk_size)
{
	static const struct {
		const char *name;
		unsigned long req;
	} by_id[] = {
		{ "start", JH_IOCTL_CELL_START },
		{ "shutdown", JH_IOCTL_CELL_SHUTDOWN },
		{ "destroy", JH_IOCTL_CELL_DESTROY },
	};
	struct jh_cell_stats stats;
	struct jh_ioc_cell_stats st;
	struct jh_ioc_config cfg;
	struct jh_ioc_cell cell;
	char what[128];
	unsigned int i;

	memset(&cell, 0, sizeof(cell));
	expect("cell create with config size 0",
	       ioctl(fd, JH_IOCTL_CELL_CREATE, &cell), EINVAL, cell.reason);
	memset(&cell, 0, sizeof(cell));
	cell.config = (uintptr_t)junk;
	cell.config_size = JH_CONFIG_MAX_SIZE + 1;
	expect("cell create with an oversized config",
	       ioctl(fd, JH_IOCTL_CELL_CREATE, &cell), EINVAL, cell.reason);
	memset(&cell, 0, sizeof(cell));
	cell.config = (uintptr_t)junk;
	cell.config_size = junk_size;
	cell.image_size = 1;
	expect("cell create with an image", ioctl(fd, JH_IOCTL_CELL_CREATE, &cell),
	       EINVAL, cell.reason);
	memset(&cell, 0, sizeof(cell));
	cell.config = 0x10;
	cell.config_size = junk_size;
	expect("cell create with an unmapped config pointer",
	       ioctl(fd, JH_IOCTL_CELL_CREATE, &cell), EFAULT, cell.reason);
	memset(&cell, 0, sizeof(cell));
	cell.config = (uintptr_t)junk;
	cell.config_size = junk_size;
	expect_text("cell create while the hypervisor is not enabled",
		    ioctl(fd, JH_IOCTL_CELL_CREATE, &cell), EINVAL, cell.reason,
		    "not enabled");

	memset(&cell, 0, sizeof(cell));
	cell.cell_id = 1;
	cell.image = (uintptr_t)junk;
	expect("cell load with image size 0", ioctl(fd, JH_IOCTL_CELL_LOAD, &cell),
	       EINVAL, cell.reason);
	cell.image_size = 0xffffffffffffULL;
	expect("cell load with a 256 TiB image", ioctl(fd, JH_IOCTL_CELL_LOAD, &cell),
	       EINVAL, cell.reason);
	cell.image_size = 16;
	cell.load_address = ~0ULL - 8;
	expect("cell load whose range wraps around",
	       ioctl(fd, JH_IOCTL_CELL_LOAD, &cell), EINVAL, cell.reason);
	cell.load_address = 0;
	cell.config_size = 8;
	expect("cell load with a config size", ioctl(fd, JH_IOCTL_CELL_LOAD, &cell),
	       EINVAL, cell.reason);
	cell.config_size = 0;
	expect_text("cell load while the hypervisor is not enabled",
		    ioctl(fd, JH_IOCTL_CELL_LOAD, &cell), EINVAL, cell.reason,
		    "not enabled");

	for (i = 0; i < sizeof(by_id) / sizeof(by_id[0]); i++) {
		memset(&cell, 0, sizeof(cell));
		cell.cell_id = 1;
		cell.image = (uintptr_t)junk;
		snprintf(what, sizeof(what), "cell %s with an image", by_id[i].name);
		expect(what, ioctl(fd, by_id[i].req, &cell), EINVAL, cell.reason);
		memset(&cell, 0, sizeof(cell));
		cell.cell_id = 0xffffffff;
		snprintf(what, sizeof(what), "cell %s while the hypervisor is not enabled",
			 by_id[i].name);
		expect_text(what, ioctl(fd, by_id[i].req, &cell), EINVAL, cell.reason,
			    "not enabled");
		snprintf(what, sizeof(what), "cell %s with a NULL argument",
			 by_id[i].name);
		expect(what, ioctl(fd, by_id[i].req, NULL), EFAULT, NULL);
	}

	memset(&st, 0, sizeof(st));
	st.stats = (uintptr_t)&stats;
	st.flags = 1;
	expect("cell stats with flags", ioctl(fd, JH_IOCTL_CELL_STATS, &st), EINVAL,
	       st.reason);
	st.flags = 0;
	st.max_cpus = 100000;
	expect("cell stats with 100000 CPUs", ioctl(fd, JH_IOCTL_CELL_STATS, &st),
	       EINVAL, st.reason);
	st.max_cpus = 0;
	st.stats = 0;
	expect("cell stats without a stats buffer",
	       ioctl(fd, JH_IOCTL_CELL_STATS, &st), EINVAL, st.reason);
	st.stats = (uintptr_t)&stats;
	expect_text("cell stats while the hypervisor is not enabled",
		    ioctl(fd, JH_IOCTL_CELL_STATS, &st), EINVAL, st.reason,
		    "not enabled");

	memset(&cfg, 0, sizeof(cfg));
	cfg.flags = 2;
	expect("config get with flags", ioctl(fd, JH_IOCTL_CONFIG_GET, &cfg), EINVAL,
	       cfg.reason);
	cfg.flags = 0;
	cfg.buffer = (uintptr_t)junk;
	cfg.size = junk_size;
	expect_text("config get while the hypervisor is not enabled",
		    ioctl(fd, JH_IOCTL_CONFIG_GET, &cfg), EINVAL, cfg.reason,
		    "not enabled");
	expect("config get with a NULL argument",
	       ioctl(fd, JH_IOCTL_CONFIG_GET, NULL), EFAULT, NULL);
}

/* With the hypervisor enabled and cell `id` created */
static void enabled_cell_checks(int fd, uint32_t id)
{
	static const unsigned long by_id[] = {
		JH_IOCTL_CELL_START, JH_IOCTL_CELL_SHUTDOWN, JH_IOCTL_CELL_DESTROY,
	};
	static struct jh_ioc_cpu_exits cpus[4];
	unsigned char junk[4096], *cfg;
	struct jh_cell_desc *desc;
	struct jh_cell_stats stats;
	struct jh_ioc_cell_stats st;
	struct jh_ioc_config get;
	struct jh_ioc_disable dis;
	struct jh_ioc_cell cell;
	unsigned int i;

	srand(2);
	for (i = 0; i < sizeof(junk); i++)
		junk[i] = rand();
	memset(&cell, 0, sizeof(cell));
	cell.config = (uintptr_t)junk;
	cell.config_size = sizeof(junk);
	expect_text("cell create with random bytes: the validator refuses",
		    ioctl(fd, JH_IOCTL_CELL_CREATE, &cell), EINVAL, cell.reason,
		    "error: cell config");
	memset(junk, 0, sizeof(junk));
	desc = (struct jh_cell_desc *)junk;
	memcpy(desc->signature, JH_CELL_SIGNATURE, JH_SIGNATURE_SIZE);
	desc->revision = JH_CONFIG_REVISION;
	desc->architecture = JH_ARCH_X86_64;
	desc->cpu_set_size = 8;
	desc->num_memory_regions = 0x7fffffff;
	expect_text("cell create whose counts overrun it: the validator refuses",
		    ioctl(fd, JH_IOCTL_CELL_CREATE, &cell), EINVAL, cell.reason,
		    "error: cell config");

	for (i = 0; i < sizeof(by_id) / sizeof(by_id[0]); i++) {
		memset(&cell, 0, sizeof(cell));
		expect_text("cell request for id 0 (the root)",
			    ioctl(fd, by_id[i], &cell), EINVAL, cell.reason, "root cell");
		cell.cell_id = 999;
		expect_text("cell request for id 999", ioctl(fd, by_id[i], &cell),
			    ENOENT, cell.reason, "no cell with id 999");
	}
	memset(&cell, 0, sizeof(cell));
	cell.cell_id = id;
	cell.image = (uintptr_t)junk;
	cell.image_size = 16;
	cell.load_address = 0x7ffffffffff0ULL;
	expect_text("cell load outside every loadable region",
		    ioctl(fd, JH_IOCTL_CELL_LOAD, &cell), ERANGE, cell.reason,
		    "not inside one loadable region");
	cell.load_address = 0;
	cell.cell_id = 999;
	expect_text("cell load into id 999", ioctl(fd, JH_IOCTL_CELL_LOAD, &cell),
		    ENOENT, cell.reason, "no cell with id 999");
	cell.cell_id = id;
	cell.image = 0x10;
	expect("cell load from an unmapped image", ioctl(fd, JH_IOCTL_CELL_LOAD, &cell),
	       EFAULT, cell.reason);

	memset(&st, 0, sizeof(st));
	st.cell_id = 999;
	st.stats = (uintptr_t)&stats;
	expect_text("cell stats of id 999", ioctl(fd, JH_IOCTL_CELL_STATS, &st),
		    ENOENT, st.reason, "no cell with id 999");
	st.cell_id = id;
	st.stats = 0x10;
	expect("cell stats into an unmapped buffer", ioctl(fd, JH_IOCTL_CELL_STATS, &st),
	       EFAULT, st.reason);
	st.stats = (uintptr_t)&stats;
	st.cpus = (uintptr_t)cpus;
	st.max_cpus = 4;
	check("cell stats of the created cell: 1 CPU",
	      ioctl(fd, JH_IOCTL_CELL_STATS, &st) == 0 && st.num_cpus == 1);

	memset(&get, 0, sizeof(get));
	get.cell_id = id;
	check("config get with no buffer: ENOSPC and the length",
	      ioctl(fd, JH_IOCTL_CONFIG_GET, &get) == -1 && errno == ENOSPC &&
	      get.length >= sizeof(*desc));
	cfg = malloc(get.length);
	get.buffer = (uintptr_t)cfg;
	get.size = get.length;
	check("config get of the cell returns its config",
	      cfg && ioctl(fd, JH_IOCTL_CONFIG_GET, &get) == 0 &&
	      !memcmp(cfg, JH_CELL_SIGNATURE, JH_SIGNATURE_SIZE));
	free(cfg);
	get.buffer = 0x10;
	expect("config get into an unmapped buffer", ioctl(fd, JH_IOCTL_CONFIG_GET, &get),
	       EFAULT, get.reason);
	get.cell_id = 999;
	expect_text("config get of id 999", ioctl(fd, JH_IOCTL_CONFIG_GET, &get), ENOENT,
		    get.reason, "no cell with id 999");

	memset(&dis, 0, sizeof(dis));
	expect_text("disable while a cell exists", ioctl(fd, JH_IOCTL_DISABLE, &dis),
		    EBUSY, dis.reason, "first");
}

int main(int argc, char **argv)
{
	struct jh_ioc_enable en;
	struct jh_ioc_disable dis;
	struct jh_ioc_console con;
	struct jh_system *sys;
	unsigned char junk[4096];
	unsigned int i;
	int fd, cfg_errno;

	cfg_errno = argc > 1 && !strcmp(argv[1], "novmx") ? ENODEV : EINVAL;
	fd = open(JH_DEVICE, O_RDWR);
	if (fd < 0) {
		perror(JH_DEVICE);
		return 1;
	}
	if (argc == 3 && !strcmp(argv[1], "cells")) {
		enabled_cell_checks(fd, strtoul(argv[2], NULL, 0));
		printf("%s - %d checks failed\n", failures ? "FAIL" : "ok", failures);
		close(fd);
		return failures ? 1 : 0;
	}

	expect("unknown request", ioctl(fd, _IOWR(JH_IOCTL_MAGIC, 99, int), junk),
	       ENOTTY, NULL);
	expect("enable with a NULL argument", ioctl(fd, JH_IOCTL_ENABLE, NULL),
	       EFAULT, NULL);
	expect("enable with an unmapped argument",
	       ioctl(fd, JH_IOCTL_ENABLE, (void *)8), EFAULT, NULL);

	memset(&en, 0, sizeof(en));
	en.config = (uintptr_t)junk;
	en.config_size = 0;
	expect("enable with config size 0", ioctl(fd, JH_IOCTL_ENABLE, &en),
	       EINVAL, en.reason);
	en.config_size = 0xffffffff;
	expect("enable with config size 4 GiB", ioctl(fd, JH_IOCTL_ENABLE, &en),
	       EINVAL, en.reason);
	memset(&en, 0, sizeof(en));
	en.config_size = sizeof(struct jh_system) + 64;
	en.config = 0x10;
	expect("enable with an unmapped config pointer",
	       ioctl(fd, JH_IOCTL_ENABLE, &en),
	       cfg_errno == EINVAL ? EFAULT : cfg_errno, en.reason);
	memset(&en, 0, sizeof(en));
	en.flags = 0x80;
	en.config = (uintptr_t)junk;
	en.config_size = sizeof(junk);
	expect("enable with unknown flags", ioctl(fd, JH_IOCTL_ENABLE, &en),
	       EINVAL, en.reason);

	/* a config that claims far more arrays than it carries */
	memset(junk, 0, sizeof(junk));
	sys = (struct jh_system *)junk;
	memcpy(sys->signature, JH_SYSTEM_SIGNATURE, JH_SIGNATURE_SIZE);
	sys->revision = JH_CONFIG_REVISION;
	sys->architecture = JH_ARCH_X86_64;
	sys->platform.num_ioapics = 0x7fffffff;
	memset(&en, 0, sizeof(en));
	en.config = (uintptr_t)junk;
	en.config_size = sizeof(junk);
	expect("enable with a config whose counts overrun it",
	       ioctl(fd, JH_IOCTL_ENABLE, &en), cfg_errno, en.reason);
	srand(1);
	for (i = 0; i < sizeof(junk); i++)
		junk[i] = rand();
	memset(&en, 0, sizeof(en));
	en.config = (uintptr_t)junk;
	en.config_size = sizeof(junk);
	expect("enable with random bytes as config",
	       ioctl(fd, JH_IOCTL_ENABLE, &en), cfg_errno, en.reason);

	memset(&dis, 0, sizeof(dis));
	dis.flags = 1;
	expect("disable with flags", ioctl(fd, JH_IOCTL_DISABLE, &dis), EINVAL,
	       dis.reason);

	memset(&con, 0, sizeof(con));
	con.size = JH_CONSOLE_READ_MAX + 1;
	con.buffer = (uintptr_t)junk;
	expect("console with an oversized buffer", ioctl(fd, JH_IOCTL_CONSOLE, &con),
	       EINVAL, con.reason);

	cell_checks(fd, junk, sizeof(junk));

	/* every request number of ours with garbage and with a bad pointer */
	for (i = 0; i < 16; i++) {
		unsigned long req = _IOWR(JH_IOCTL_MAGIC, i, char[sizeof(junk)]);
		int ret = ioctl(fd, req, junk);

		if (ret == 0 || (errno != ENOTTY && errno != EINVAL)) {
			printf("FAIL - request %u with the wrong size: ret %d errno %d\n",
			       i, ret, errno);
			failures++;
		}
	}
	printf("%s - %d checks failed\n", failures ? "FAIL" : "ok", failures);
	close(fd);
	return failures ? 1 : 0;
}
