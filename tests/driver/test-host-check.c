// SPDX-License-Identifier: GPL-2.0
/*
 * driver/host-check.h in user space: the host facts that make `jh enable`
 * refuse (5-level paging, more than 64 possible CPUs, RAM beyond the
 * hypervisor's direct map) and the facts it accepts, with the reason and
 * its fix. TAP output.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "host-check.h"

static int n, failed;

static void check(const char *what, const struct jh_host_facts *f, int want_err,
		  const char *want_text)
{
	char reason[256] = "";
	int err = jh_host_check(f, reason, sizeof(reason));
	bool ok = err == want_err && (!want_text || strstr(reason, want_text));

	printf("%s %d - %s\n", ok ? "ok" : "not ok", ++n, what);
	if (!ok) {
		printf("# got %d \"%s\", want %d with \"%s\"\n", err, reason,
		       want_err, want_text ? want_text : "");
		failed++;
	}
}

int main(void)
{
	const struct jh_host_facts good = { .cr4 = 0x3706f0, .possible_cpus = 8 };
	struct jh_host_facts f;

	check("a 4-level, 8-CPU machine below 512 GiB is accepted", &good, 0, NULL);
	f = good;
	f.possible_cpus = JH_MAX_CPUS;
	check("exactly 64 possible CPUs are accepted", &f, 0, NULL);

	f = good;
	f.cr4 |= JH_CR4_LA57;
	check("CR4.LA57 is refused", &f, -EOPNOTSUPP, "5-level paging (CR4.LA57)");
	check("the LA57 reason gives the fix", &f, -EOPNOTSUPP, "boot with no5lvl");

	f = good;
	f.possible_cpus = JH_MAX_CPUS + 1;
	check("65 possible CPUs are refused", &f, -E2BIG, "may bring up 65 CPUs");
	check("the CPU reason gives the fix", &f, -E2BIG, "nr_cpus=64");

	f = good;
	f.ram_above_limit = true;
	check("RAM at or above 512 GiB is refused", &f, -E2BIG, "RAM at or above 512 GiB");
	check("the RAM reason gives the fix", &f, -E2BIG, "mem=512G");

	f = good;
	f.cr4 |= JH_CR4_LA57;
	f.possible_cpus = 4096;
	f.ram_above_limit = true;
	check("with every problem the paging mode is named first", &f, -EOPNOTSUPP, "LA57");

	printf("1..%d\n", n);
	return failed ? 1 : 0;
}
