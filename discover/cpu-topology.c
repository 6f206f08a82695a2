// SPDX-License-Identifier: GPL-2.0
/*
 * Linux CPU numbers and topology of the MADT's CPUs. A cpuinfo names each
 * Linux CPU with its APIC id, which joins it to its MADT entry; package,
 * die, core, SMT thread and cache sharing then come from the best source
 * the run has, CPU by CPU:
 *   1. sys/devices/system/cpu/cpuN/{topology,cache}: live, or a tree made
 *      by jh-discover --collect;
 *   2. the cpuinfo's "physical id" and "core id" (trees of `jailhouse
 *      config collect`, which keep only cpuN/uevent; --cpuinfo): packages,
 *      cores and SMT siblings, no dies and no cache sharing;
 *   3. nothing: no cpuinfo, so no Linux numbers either (the root policy
 *      then numbers the MADT's enabled entries in order).
 * Offline, src_path() never names a file of this machine: its own /sys
 * cannot stand in for the other machine's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu.h"
#include "sources.h"
#include "util.h"

#define CPU_DIR	"sys/devices/system/cpu/cpu%d/%s"

const char *cpu_topology_name(enum dsc_topology t)
{
	static const char *const names[] = {
		[TOPO_NONE] = NULL, [TOPO_CPUINFO] = "cpuinfo",
		[TOPO_SYSFS] = "sysfs",
	};

	return names[t];
}

static int lowest_in_list(const char *list)
{
	return list ? atoi(list) : DSC_NONE;
}

/* Position of cpu in a "0,4" or "0-1" sibling list */
static int index_in_list(const char *list, int cpu)
{
	int idx = 0;

	for (const char *p = list; p && *p;) {
		char *end;
		long a = strtol(p, &end, 10), b = a;

		if (end == p)
			break;
		if (*end == '-')
			b = strtol(end + 1, &end, 10);
		if (cpu >= a && cpu <= b)
			return idx + (cpu - a);
		idx += b - a + 1;
		p = *end == ',' ? end + 1 : end;
		if (*end != ',')
			break;
	}
	return DSC_NONE;
}

/* The file "rel" of Linux CPU n in the sources' sysfs tree */
static const char *cpu_file(const struct dsc_sources *src, char *buf,
			    size_t size, int n, const char *rel)
{
	char p[256];

	snprintf(p, sizeof(p), CPU_DIR, n, rel);
	return src_path(src, buf, size, p);
}

/* Cache instances: the lowest CPU sharing one names it uniquely */
static void caches_from_sysfs(const struct dsc_sources *src,
			      struct dsc_cpu *c, int n)
{
	char p[4096], rel[64];

	for (int i = 0; i < 8; i++) {
		char *type, *lvl, *shared;
		int slot = -1;

		snprintf(rel, sizeof(rel), "cache/index%d/level", i);
		lvl = read_line_file(cpu_file(src, p, sizeof(p), n, rel));
		if (!lvl)
			break;
		snprintf(rel, sizeof(rel), "cache/index%d/type", i);
		type = read_line_file(cpu_file(src, p, sizeof(p), n, rel));
		snprintf(rel, sizeof(rel), "cache/index%d/shared_cpu_list", i);
		shared = read_line_file(cpu_file(src, p, sizeof(p), n, rel));
		if (atoi(lvl) == 1 && type && !strcmp(type, "Data"))
			slot = 0;
		else if (atoi(lvl) == 1 && type && !strcmp(type, "Instruction"))
			slot = 1;
		else if (atoi(lvl) == 2)
			slot = 2;
		else if (atoi(lvl) == 3)
			slot = 3;
		if (slot >= 0)
			c->cache_id[slot] = lowest_in_list(shared);
		free(lvl);
		free(type);
		free(shared);
	}
}

/* false if the tree has no topology for CPU n (core_id is the one needed) */
static bool topology_from_sysfs(const struct dsc_sources *src,
				struct dsc_cpu *c, int n)
{
	char p[4096];
	char *s;
	long v;

	if (read_long_file(cpu_file(src, p, sizeof(p), n, "topology/core_id"), &v))
		return false;
	c->core = v;
	if (!read_long_file(cpu_file(src, p, sizeof(p), n,
				     "topology/physical_package_id"), &v))
		c->package = v;
	if (!read_long_file(cpu_file(src, p, sizeof(p), n, "topology/die_id"), &v))
		c->die = v;
	s = read_line_file(cpu_file(src, p, sizeof(p), n,
				    "topology/thread_siblings_list"));
	c->thread = index_in_list(s, n);
	free(s);
	caches_from_sysfs(src, c, n);
	return true;
}

/* The SMT thread is CPU n's rank among the CPUs of its package and core */
static bool topology_from_cpuinfo(const struct cpu_map *map, struct dsc_cpu *c,
				  int n)
{
	int thread = 0;

	if (map->package_of[n] < 0 || map->core_of[n] < 0)
		return false;
	for (int k = 0; k < n; k++)
		thread += map->apic_of[k] >= 0 &&
			  map->package_of[k] == map->package_of[n] &&
			  map->core_of[k] == map->core_of[n];
	c->package = map->package_of[n];
	c->core = map->core_of[n];
	c->thread = thread;
	return true;
}

/*
 * Hybrid parts: the kernel lists P-cores and E-cores as the CPUs of the
 * cpu_core and cpu_atom PMUs
 */
static void read_core_types(struct machine *m, const struct dsc_sources *src)
{
	static const char *const pmus[2][2] = {
		{ "sys/devices/cpu_core/cpus", "performance" },
		{ "sys/devices/cpu_atom/cpus", "efficiency" },
	};
	bool found = false;
	char p[4096];

	for (int k = 0; k < 2; k++) {
		char *list = src_has_tree(src) ?
			     read_line_file(src_path(src, p, sizeof(p), pmus[k][0])) : NULL;

		if (!list)
			continue;
		for (size_t i = 0; i < m->cpus.n; i++) {
			struct dsc_cpu *c = &m->cpus.v[i];

			if (c->linux_cpu != DSC_NONE &&
			    index_in_list(list, c->linux_cpu) != DSC_NONE)
				snprintf(c->core_type, sizeof(c->core_type), "%s",
					 pmus[k][1]);
		}
		free(list);
		found = true;
	}
	if (!found && m->cpu.hybrid == 1)
		dsc_limit(m, "hybrid core types (sys/devices/cpu_core/cpus, cpu_atom/cpus)",
			  !src->offline ? "not readable" : src->root ?
			  "not in the offline tree" : "offline data without a collected tree",
			  "which CPUs are performance and which efficiency cores");
}

static struct dsc_cpu *cpu_by_apic(struct machine *m, uint32_t apic)
{
	for (size_t i = 0; i < m->cpus.n; i++)
		if (m->cpus.v[i].apic_id == apic)
			return &m->cpus.v[i];
	return NULL;
}

/* No CPU of the cpuinfo could be joined to the MADT: why */
static void no_cpu_numbers(struct machine *m, const struct dsc_sources *src,
			   const struct cpu_map *map, bool listed)
{
	const char *why;

	if (listed)
		why = m->cpus.n ? "no APIC id of the cpuinfo is in the MADT" :
		      "no MADT was read to match the cpuinfo's CPUs to";
	else if (map->read)
		why = "no processor of the cpuinfo has a valid apicid line to match it to the MADT";
	else if (src->offline)
		why = "the offline data has no cpuinfo (give --cpuinfo FILE, a copy of the target's /proc/cpuinfo, or collect with jh-discover --collect)";
	else
		why = "/proc/cpuinfo is not readable";
	dsc_limit(m, "Linux CPU numbers and CPU topology", why,
		  "which MADT entry is which Linux CPU (the root cell takes the MADT's enabled entries, numbered in MADT order as Linux numbers them), SMT siblings, cores, packages and cache sharing");
}

/* One warning for all cpuinfo CPUs the MADT lacks (another machine's?) */
static void warn_unmatched(struct machine *m, int count, int first, int apic)
{
	if (count && m->cpus.n)
		dsc_warn(m, "cpuinfo", DSC_NONE,
			 "%d CPU(s) of the cpuinfo have an APIC id the MADT lacks (first: CPU %d, APIC id %d; a cpuinfo of another machine?); they are left out",
			 count, first, apic);
}

void cpu_topology_read(struct machine *m, const struct dsc_sources *src,
		       const struct cpu_map *map)
{
	int used[3] = { 0 }, unmatched = 0, first = -1;
	bool tree = src_has_tree(src);
	char p[4096], why[256];
	long v;

	m->cpu_topology = TOPO_NONE;
	for (int n = 0; n < map->n; n++) {
		struct dsc_cpu *c;

		if (map->apic_of[n] < 0)
			continue;
		c = cpu_by_apic(m, map->apic_of[n]);
		if (!c) {
			if (!unmatched++)
				first = n;
			continue;
		}
		c->linux_cpu = n;
		/* a cpuinfo lists online CPUs only */
		c->online = !tree || read_long_file(cpu_file(src, p, sizeof(p), n,
							      "online"), &v) ?
			    1 : v != 0;
		if (tree && topology_from_sysfs(src, c, n))
			used[TOPO_SYSFS]++;
		else if (topology_from_cpuinfo(map, c, n))
			used[TOPO_CPUINFO]++;
		else
			used[TOPO_NONE]++;
	}
	warn_unmatched(m, unmatched, first, first >= 0 ? map->apic_of[first] : 0);
	read_core_types(m, src);

	if (!used[TOPO_NONE] && !used[TOPO_CPUINFO] && !used[TOPO_SYSFS]) {
		no_cpu_numbers(m, src, map, unmatched > 0);
	} else if (used[TOPO_NONE]) {
		snprintf(why, sizeof(why),
			 "%d CPU(s) have neither sysfs topology files nor physical id and core id lines in the cpuinfo",
			 used[TOPO_NONE]);
		dsc_limit(m, "CPU topology (sys/devices/system/cpu)", why,
			  "their SMT siblings, cores, packages and cache sharing");
	} else if (used[TOPO_CPUINFO]) {
		m->cpu_topology = TOPO_CPUINFO;
		snprintf(why, sizeof(why),
			 "not in the %s data: packages, cores and SMT siblings of %d CPU(s) come from the cpuinfo's physical id, core id and apicid",
			 src->offline ? "offline" : "live", used[TOPO_CPUINFO]);
		dsc_limit(m, "CPU topology and cache sharing (sys/devices/system/cpu)",
			  why, "which CPUs share an L1, L2 or L3 cache, and dies");
	} else if (used[TOPO_SYSFS]) {
		m->cpu_topology = TOPO_SYSFS;
	}
}
