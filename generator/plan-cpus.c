// SPDX-License-Identifier: GPL-2.0
/*
 * RT CPU checks: CPU 0, presence, SMT siblings, shared caches, core types,
 * timer features. Each adds one finding (ok, warning or error) with the
 * reason and the fix; docs/plan.md lists them.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config-names.h"
#include "plan.h"

/* "2-3,6" -> sorted, unique CPU numbers */
int plan_parse_cpus(const char *arg, int *cpus, int max, char *reason,
		    size_t reason_size)
{
	static const char fix[] =
		"fix: give Linux CPU numbers as a list of numbers and ranges, e.g. --rt-cpus 2-3,6";
	bool seen[PLAN_MAX_CPUS] = { false };
	const char *s = arg;
	int n = 0, i;

	while (*s) {
		char *end;
		long a = strtol(s, &end, 10), b;

		if (end == s || a < 0 || a >= PLAN_MAX_CPUS)
			goto bad;
		b = a;
		if (*end == '-') {
			s = end + 1;
			b = strtol(s, &end, 10);
			if (end == s || b < a || b >= PLAN_MAX_CPUS)
				goto bad;
		}
		for (; a <= b; a++)
			seen[a] = true;
		if (*end == ',')
			end++;
		else if (*end)
			goto bad;
		s = end;
	}
	for (i = 0; i < PLAN_MAX_CPUS; i++) {
		if (!seen[i])
			continue;
		if (n == max) {
			snprintf(reason, reason_size,
				 "--rt-cpus %s: more than %d CPUs; fix: give fewer CPUs",
				 arg, max);
			return -EINVAL;
		}
		cpus[n++] = i;
	}
	if (!n)
		goto bad;
	return n;
bad:
	snprintf(reason, reason_size, "--rt-cpus \"%s\" is not a CPU list; %s",
		 arg, fix);
	return -EINVAL;
}

bool plan_has_cpu(const struct plan_request *r, int cpu)
{
	int i;

	for (i = 0; i < r->num_cpus; i++)
		if (r->cpus[i] == cpu)
			return true;
	return false;
}

int plan_siblings(const struct machine *m, int cpu, int *out, int max)
{
	const struct pm_cpu *c = machine_cpu(m, cpu);
	int i, n = 0;

	if (!c || c->core == PM_UNKNOWN)
		return 0;
	for (i = 0; i < m->num_cpus && n < max; i++) {
		const struct pm_cpu *o = &m->cpus[i];

		if (o != c && o->enabled && o->linux_cpu != PM_UNKNOWN &&
		    o->package == c->package && o->core == c->core)
			out[n++] = o->linux_cpu;
	}
	return n;
}

/* Root CPUs (not in the request) using cache instance id at level */
static int root_sharers(const struct plan *p, int level, int id, char *buf,
			size_t size)
{
	uint64_t set[PLAN_MAX_CPUS / 64] = { 0 };
	const struct machine *m = p->m;
	int i, n = 0;

	for (i = 0; i < m->num_cpus; i++) {
		const struct pm_cpu *c = &m->cpus[i];
		int cid = level == 2 ? c->l2 : c->l3;

		if (!c->enabled || c->linux_cpu < 0 ||
		    c->linux_cpu >= PLAN_MAX_CPUS || cid != id ||
		    plan_has_cpu(p->req, c->linux_cpu))
			continue;
		set[c->linux_cpu / 64] |= 1ULL << (c->linux_cpu % 64);
		n++;
	}
	jh_format_cpu_set(buf, size, set, PLAN_MAX_CPUS);
	return n;
}

static void check_presence(struct plan *p, bool *all_present)
{
	const struct plan_request *r = p->req;
	int i;

	*all_present = true;
	if (plan_has_cpu(r, 0))
		plan_add(p, PLAN_ERROR, "cpu0",
			 "fix: leave CPU 0 to Linux and pick others, e.g. run jh-plan without --rt-cpus for proposals",
			 "CPU 0 requested: it is the boot CPU, which Linux cannot take offline and which handles the root cell's housekeeping");
	else
		plan_add(p, PLAN_OK, "cpu0", NULL, "CPU 0 stays with Linux");

	for (i = 0; i < r->num_cpus; i++) {
		const struct pm_cpu *c = machine_cpu(p->m, r->cpus[i]);

		if (!c) {
			*all_present = false;
			plan_add(p, PLAN_ERROR, "cpu-present",
				 "fix: choose CPUs the machine has (see `jh-discover --report` or lscpu)",
				 "CPU %d does not exist on this machine (it has %d enabled CPUs)",
				 r->cpus[i], plan_count_enabled(p->m));
		} else if (!jhgen_cell_has_cpu(&p->m->root.root, (unsigned int)r->cpus[i])) {
			*all_present = false;
			plan_add(p, PLAN_ERROR, "cpu-present",
				 "fix: choose CPUs of the root cell, or discover the machine with its sysfs topology (jh-discover --root or live)",
				 "CPU %d is not a CPU of the root cell jh-discover decided (root_cell.cpus of the machine JSON): a cell can only take the root's CPUs",
				 r->cpus[i]);
		} else if (c->online == 0) {
			plan_add(p, PLAN_WARNING, "cpu-present",
				 "fix: bring it online before `jh enable`: echo 1 > /sys/devices/system/cpu/cpuN/online",
				 "CPU %d is offline in Linux; jh enable only takes over online CPUs, so it must be online then",
				 r->cpus[i]);
		}
	}
	if (*all_present)
		plan_add(p, PLAN_OK, "cpu-present", NULL,
			 "every RT CPU exists%s", p->m->linux_cpu_assumed ?
			 " (Linux CPU numbers assumed in firmware order: the input has no sysfs topology)" :
			 " and is online");
}

static void check_smt(struct plan *p)
{
	const struct plan_request *r = p->req;
	char left[256] = "";
	size_t len = 0;
	bool unknown = false;
	int i, j, sib[16], n;

	for (i = 0; i < r->num_cpus; i++) {
		const struct pm_cpu *c = machine_cpu(p->m, r->cpus[i]);

		if (c && c->core == PM_UNKNOWN)
			unknown = true;
		n = plan_siblings(p->m, r->cpus[i], sib, 16);
		for (j = 0; j < n; j++)
			if (!plan_has_cpu(r, sib[j]) && len < sizeof(left))
				len += (size_t)snprintf(left + len,
					sizeof(left) - len, "%sCPU %d (sibling of %d)",
					len ? ", " : "", sib[j], r->cpus[i]);
	}
	if (len) {
		char fix[320];

		snprintf(fix, sizeof(fix),
			 "fix: add the siblings to --rt-cpus, or boot with nosmt so the core runs one thread");
		plan_add(p, PLAN_WARNING, "smt-sibling", fix,
			 "SMT siblings stay in the root cell: %s; they share the core's execution units and L1/L2 with the RT CPU, so root load adds latency",
			 left);
	} else if (unknown) {
		plan_add(p, PLAN_WARNING, "smt-sibling",
			 "fix: run jh-discover on the live machine (sysfs topology) to check",
			 "SMT topology unknown (no core ids in the input); siblings could not be checked");
	} else {
		plan_add(p, PLAN_OK, "smt-sibling", NULL,
			 "no SMT sibling of an RT CPU stays in the root cell");
	}
}

static void check_caches(struct plan *p)
{
	const struct plan_request *r = p->req;
	const struct machine *m = p->m;
	char who[128];
	int level;

	for (level = 2; level <= 3; level++) {
		const char *check = level == 2 ? "cache-l2" : "cache-l3";
		int cat_bits = level == 2 ? m->cat_l2_bits : m->cat_l3_bits;
		bool shared = false, unknown = false;
		char shared_with[160] = "";
		int i, sharers = 0;

		for (i = 0; i < r->num_cpus; i++) {
			const struct pm_cpu *c = machine_cpu(m, r->cpus[i]);
			int id = !c ? PM_UNKNOWN : level == 2 ? c->l2 : c->l3;

			if (!c)
				continue;
			if (id == PM_UNKNOWN) {
				unknown = true;
				continue;
			}
			sharers = root_sharers(p, level, id, who, sizeof(who));
			if (sharers) {
				shared = true;
				snprintf(shared_with, sizeof(shared_with),
					 "CPU %d shares it with root CPUs %s",
					 r->cpus[i], who);
				break;
			}
		}
		if (shared && cat_bits) {
			char fix[200];

			snprintf(fix, sizeof(fix),
				 "fix: give the cell its own L%d ways with a cache region (CAT, %d-bit masks): add a JH_CACHE_L%d region to the cell config",
				 level, cat_bits, level);
			plan_add(p, PLAN_WARNING, check, fix,
				 "L%d cache shared with the root cell: %s; CAT is available to partition it",
				 level, shared_with);
		} else if (shared) {
			plan_add(p, PLAN_WARNING, check,
				 level == 2 ? "fix: pick CPUs whose L2 no root CPU uses (see the proposals without --rt-cpus)" :
					      "fix: none on this CPU (no CAT reported); expect root load to evict the RT cell's data, measure worst-case latency under load",
				 "L%d cache shared with the root cell: %s%s", level,
				 shared_with, m->cat_known ? ", and the CPU has no CAT for it" :
				 "; CAT availability unknown");
		} else if (unknown) {
			plan_add(p, PLAN_WARNING, check,
				 "fix: run jh-discover on the live machine (sysfs cache ids) to check",
				 "L%d cache topology unknown in the input", level);
		} else {
			plan_add(p, PLAN_OK, check, NULL,
				 "L%d cache not shared with root CPUs", level);
		}
	}
}

static void check_core_types(struct plan *p)
{
	const struct plan_request *r = p->req;
	const char *first = NULL;
	int i;

	for (i = 0; i < r->num_cpus; i++) {
		const struct pm_cpu *c = machine_cpu(p->m, r->cpus[i]);

		if (!c || !c->core_type[0])
			continue;
		if (!first) {
			first = c->core_type;
		} else if (strcmp(first, c->core_type)) {
			plan_add(p, PLAN_WARNING, "core-types",
				 "fix: use only performance cores (or only efficiency cores) for one RT cell",
				 "RT CPUs mix %s and %s cores: their speed differs, so timing differs by CPU",
				 first, c->core_type);
			return;
		}
	}
	plan_add(p, PLAN_OK, "core-types", NULL, "%s",
		 p->m->hybrid ? "RT CPUs are all of one core type" :
				"not a hybrid CPU: all cores alike");
}

static void check_timer_features(struct plan *p)
{
	const struct machine *m = p->m;

	if (m->x2apic)
		plan_add(p, PLAN_OK, "x2apic", NULL,
			 "x2APIC available: the RT cell programs its APIC through MSRs");
	else
		plan_add(p, PLAN_WARNING, "x2apic",
			 "fix: enable x2APIC in the firmware setup if it offers it; otherwise the cell uses the xAPIC, trapped by the hypervisor",
			 "x2APIC not reported by the CPU: APIC accesses of the RT cell cause VM exits");
	if (m->tsc_deadline)
		plan_add(p, PLAN_OK, "tsc-deadline", NULL,
			 "TSC-deadline timer available: exit-free timer interrupts");
	else
		plan_add(p, PLAN_WARNING, "tsc-deadline",
			 "fix: none in software; use the APIC timer in one-shot mode and expect more jitter",
			 "TSC-deadline timer not reported by the CPU");
}

int plan_count_enabled(const struct machine *m)
{
	int i, n = 0;

	for (i = 0; i < m->num_cpus; i++)
		n += m->cpus[i].enabled;
	return n;
}

void plan_check_cpus(struct plan *p)
{
	bool present;

	check_presence(p, &present);
	check_smt(p);
	check_caches(p);
	check_core_types(p);
	check_timer_features(p);
}
