// SPDX-License-Identifier: GPL-2.0
/*
 * CPUs: identification and features (cpuid live, /proc/cpuinfo offline),
 * topology and cache sharing from sys/devices/system/cpu, and the VMX
 * capability MSRs (live: /dev/cpu/0/msr; offline: the jh-msr file that
 * --collect writes).
 */
#include <cpuid.h>
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cpu.h"
#include "sources.h"
#include "util.h"

extern char **environ;

const uint32_t vmx_msr_index[VMX_NUM_MSRS] = {
	[VMX_BASIC] = 0x480, [VMX_PINBASED] = 0x481, [VMX_PROCBASED] = 0x482,
	[VMX_PROCBASED2] = 0x48b, [VMX_EXIT] = 0x483, [VMX_ENTRY] = 0x484,
	[VMX_EPT_VPID] = 0x48c, [VMX_MISC] = 0x485,
	[VMX_FEATURE_CONTROL] = 0x3a,
};

static void cpuid_features(struct dsc_cpuinfo *c)
{
	unsigned int a = 0, b = 0, cx = 0, d = 0, max = 0;

	if (!__get_cpuid(0, &max, &b, &cx, &d))
		return;
	memcpy(c->vendor, &b, 4);
	memcpy(c->vendor + 4, &d, 4);
	memcpy(c->vendor + 8, &cx, 4);
	c->vendor[12] = '\0';
	c->known = true;
	__get_cpuid(1, &a, &b, &cx, &d);
	c->family = (a >> 8) & 0xf;
	c->model = (a >> 4) & 0xf;
	if (c->family == 0xf)
		c->family += (a >> 20) & 0xff;
	if (c->family >= 6)
		c->model |= ((a >> 16) & 0xf) << 4;
	c->stepping = a & 0xf;
	c->vmx = !!(cx & (1u << 5));
	c->x2apic = !!(cx & (1u << 21));
	c->tsc_deadline = !!(cx & (1u << 24));
	c->hypervisor = !!(cx & (1u << 31));
	c->svm = 0;
	if (__get_cpuid(0x80000001, &a, &b, &cx, &d))
		c->svm = !!(cx & (1u << 2));
	c->invariant_tsc = 0;
	if (__get_cpuid(0x80000007, &a, &b, &cx, &d))
		c->invariant_tsc = !!(d & (1u << 8));
	c->hybrid = 0;
	c->cat_l3_bits = c->cat_l2_bits = DSC_NONE;
	if (max >= 7) {
		__cpuid_count(7, 0, a, b, cx, d);
		c->hybrid = !!(d & (1u << 15));
		if ((b & (1u << 15)) && max >= 0x10) {
			unsigned int res;

			__cpuid_count(0x10, 0, a, res, cx, d);
			if (res & 2) {
				__cpuid_count(0x10, 1, a, b, cx, d);
				c->cat_l3_bits = (a & 0x1f) + 1;
				c->cat_l3_closids = (d & 0xffff) + 1;
				c->cat_l3_cdp = !!(cx & 4);
			}
			if (res & 4) {
				__cpuid_count(0x10, 2, a, b, cx, d);
				c->cat_l2_bits = (a & 0x1f) + 1;
				c->cat_l2_closids = (d & 0xffff) + 1;
			}
		}
	}
	if (__get_cpuid(0x80000000, &max, &b, &cx, &d) && max >= 0x80000004) {
		unsigned int r[12];

		for (int i = 0; i < 3; i++)
			__get_cpuid(0x80000002 + i, &r[4 * i], &r[4 * i + 1],
				    &r[4 * i + 2], &r[4 * i + 3]);
		memcpy(c->model_name, r, 48);
		c->model_name[48] = '\0';
	}
}

static bool has_flag(const char *flags, const char *f)
{
	size_t n = strlen(f);

	for (const char *p = flags; (p = strstr(p, f)); p += n)
		if ((p == flags || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
			return true;
	return false;
}

/* "key : value" lines: copies the value and returns true if line is key's */
static bool cpuinfo_value(char *line, const char *key, char *out, size_t size)
{
	size_t n = strlen(key);
	char *v = line + n;

	if (strncmp(line, key, n))
		return false;
	/* "model" must not match "model name": only blanks before ':' */
	while (*v == ' ' || *v == '\t')
		v++;
	if (*v != ':')
		return false;
	v++;
	while (*v == ' ')
		v++;
	snprintf(out, size, "%s", v);
	return true;
}

/*
 * /proc/cpuinfo: features when cpuid is not ours to run (offline), and in
 * every mode the Linux CPU number -> APIC id map.
 */
static void read_cpuinfo(struct machine *m, const char *path, bool features,
			 struct cpu_map *map)
{
	struct dsc_cpuinfo *c = &m->cpu;
	uint8_t *buf;
	size_t len;
	char *line, *save;
	char v[4096] = "";
	int proc = -1;

	if (read_whole_file(path, &buf, &len) < 0)
		return;
	for (line = strtok_r((char *)buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (cpuinfo_value(line, "processor", v, sizeof(v))) {
			proc = atoi(v);
			continue;
		}
		if (cpuinfo_value(line, "apicid", v, sizeof(v))) {
			if (proc >= 0 && proc < CPU_MAP_MAX) {
				map->apic_of[proc] = atoi(v);
				if (proc + 1 > map->n)
					map->n = proc + 1;
			}
			continue;
		}
		if (!features || proc > 0)
			continue;
		if (cpuinfo_value(line, "vendor_id", v, sizeof(v))) {
			snprintf(c->vendor, sizeof(c->vendor), "%s", v);
			c->known = true;
		} else if (cpuinfo_value(line, "cpu family", v, sizeof(v))) {
			c->family = atoi(v);
		} else if (cpuinfo_value(line, "model", v, sizeof(v))) {
			c->model = atoi(v);
		} else if (cpuinfo_value(line, "stepping", v, sizeof(v))) {
			c->stepping = atoi(v);
		} else if (cpuinfo_value(line, "model name", v, sizeof(v))) {
			snprintf(c->model_name, sizeof(c->model_name), "%s", v);
		} else if (cpuinfo_value(line, "flags", v, sizeof(v))) {
			c->vmx = has_flag(v, "vmx");
			c->svm = has_flag(v, "svm");
			c->x2apic = has_flag(v, "x2apic");
			c->tsc_deadline = has_flag(v, "tsc_deadline_timer");
			c->invariant_tsc = has_flag(v, "constant_tsc") &&
					   has_flag(v, "nonstop_tsc");
			c->hypervisor = has_flag(v, "hypervisor");
			c->hybrid = has_flag(v, "hybrid_cpu");
			c->cat_l3_cdp = has_flag(v, "cdp_l3");
			/* widths are not in cpuinfo: known present, size unknown */
			c->cat_l3_bits = has_flag(v, "cat_l3") ? 0 : DSC_NONE;
			c->cat_l2_bits = has_flag(v, "cat_l2") ? 0 : DSC_NONE;
		}
	}
	free(buf);
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

static void read_topology(struct machine *m, const struct dsc_sources *src,
			  struct dsc_cpu *c, int n)
{
	char base[4096], p[4300];
	long v;
	char *s;

	snprintf(p, sizeof(p), "sys/devices/system/cpu/cpu%d", n);
	src_path(src, base, sizeof(base), p);
	if (!is_directory(base))
		return;
	c->linux_cpu = n;
	snprintf(p, sizeof(p), "%s/online", base);
	c->online = read_long_file(p, &v) ? (n == 0 ? 1 : DSC_NONE) : (int)v;
	snprintf(p, sizeof(p), "%s/topology/physical_package_id", base);
	if (!read_long_file(p, &v))
		c->package = v;
	snprintf(p, sizeof(p), "%s/topology/die_id", base);
	if (!read_long_file(p, &v))
		c->die = v;
	snprintf(p, sizeof(p), "%s/topology/core_id", base);
	if (!read_long_file(p, &v))
		c->core = v;
	snprintf(p, sizeof(p), "%s/topology/thread_siblings_list", base);
	s = read_line_file(p);
	c->thread = index_in_list(s, n);
	free(s);
	for (int i = 0; i < 8; i++) {
		char *type, *lvl, *shared;
		int slot = -1;

		snprintf(p, sizeof(p), "%s/cache/index%d/level", base, i);
		lvl = read_line_file(p);
		if (!lvl)
			break;
		snprintf(p, sizeof(p), "%s/cache/index%d/type", base, i);
		type = read_line_file(p);
		snprintf(p, sizeof(p), "%s/cache/index%d/shared_cpu_list", base, i);
		shared = read_line_file(p);
		if (atoi(lvl) == 1 && type && !strcmp(type, "Data"))
			slot = 0;
		else if (atoi(lvl) == 1 && type && !strcmp(type, "Instruction"))
			slot = 1;
		else if (atoi(lvl) == 2)
			slot = 2;
		else if (atoi(lvl) == 3)
			slot = 3;
		/* the lowest CPU sharing it names a cache instance uniquely */
		if (slot >= 0)
			c->cache_id[slot] = lowest_in_list(shared);
		free(lvl);
		free(type);
		free(shared);
	}
	(void)m;
}

static int msr_read(int cpu, uint32_t index, uint64_t *val)
{
	char path[64];
	int fd, ret = 0;

	snprintf(path, sizeof(path), "/dev/cpu/%d/msr", cpu);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	if (pread(fd, val, 8, index) != 8)
		ret = -EIO;
	close(fd);
	return ret;
}

static void load_msr_module(void)
{
	char *argv[] = { "modprobe", "-q", "msr", NULL };
	pid_t pid;
	int status;

	if (posix_spawnp(&pid, "modprobe", NULL, NULL, argv, environ) == 0)
		waitpid(pid, &status, 0);
}

static void read_vmx_live(struct machine *m)
{
	uint64_t v;
	int ret;

	if (access("/dev/cpu/0/msr", F_OK) && geteuid() == 0)
		load_msr_module();
	ret = msr_read(0, vmx_msr_index[VMX_FEATURE_CONTROL], &v);
	if (ret == -EACCES || ret == -EPERM || ret == -ENOENT || ret == -ENXIO) {
		dsc_limit(m, "model-specific registers (/dev/cpu/0/msr)",
			  ret == -ENOENT || ret == -ENXIO ?
			  "the msr driver is not loaded (modprobe msr, as root)" :
			  "reading MSRs needs root",
			  "IA32_FEATURE_CONTROL and the VMX capabilities: EPT, unrestricted guest, preemption timer, VPID");
		return;
	}
	if (!ret) {
		m->vmx.msr[VMX_FEATURE_CONTROL] = v;
		m->vmx.msr_valid[VMX_FEATURE_CONTROL] = true;
	}
	if (m->cpu.vmx != 1)
		return;
	for (int i = 0; i < VMX_NUM_MSRS; i++) {
		if (i == VMX_FEATURE_CONTROL)
			continue;
		if (msr_read(0, vmx_msr_index[i], &v) == 0) {
			m->vmx.msr[i] = v;
			m->vmx.msr_valid[i] = true;
		}
	}
}

/* "0x480 0xda040000000012" lines, as --collect writes them */
static void read_vmx_file(struct machine *m, const char *path)
{
	uint8_t *buf;
	size_t len;
	char *line, *save;

	if (read_whole_file(path, &buf, &len) < 0) {
		dsc_limit(m, "model-specific registers",
			  "the offline tree has no jh-msr file (it was not made by jh-discover --collect as root)",
			  "IA32_FEATURE_CONTROL and the VMX capabilities: EPT, unrestricted guest, preemption timer, VPID");
		return;
	}
	for (line = strtok_r((char *)buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		unsigned long long idx, val;

		if (sscanf(line, "%llx %llx", &idx, &val) != 2)
			continue;
		for (int i = 0; i < VMX_NUM_MSRS; i++)
			if (vmx_msr_index[i] == idx) {
				m->vmx.msr[i] = val;
				m->vmx.msr_valid[i] = true;
			}
	}
	free(buf);
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
	char p[4096];

	for (int k = 0; k < 2; k++) {
		char *list = read_line_file(src_path(src, p, sizeof(p), pmus[k][0]));

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
	}
}

static struct dsc_cpu *cpu_by_apic(struct machine *m, uint32_t apic)
{
	for (size_t i = 0; i < m->cpus.n; i++)
		if (m->cpus.v[i].apic_id == apic)
			return &m->cpus.v[i];
	return NULL;
}

void read_cpus(struct machine *m, const struct dsc_sources *src)
{
	static struct cpu_map map;
	char p[4096];

	memset(&map, 0xff, sizeof(map.apic_of));
	map.n = 0;
	m->cpu.vmx = m->cpu.svm = m->cpu.x2apic = DSC_NONE;
	m->cpu.tsc_deadline = m->cpu.invariant_tsc = DSC_NONE;
	m->cpu.hypervisor = m->cpu.hybrid = DSC_NONE;
	m->cpu.cat_l3_bits = m->cpu.cat_l2_bits = DSC_NONE;
	if (!src->offline)
		cpuid_features(&m->cpu);
	if (src->cpuinfo || !src->offline || src->root) {
		const char *path = src->cpuinfo ? src->cpuinfo :
				   src_path(src, p, sizeof(p), "proc/cpuinfo");

		read_cpuinfo(m, path, src->offline, &map);
	}
	if (!m->cpu.known)
		dsc_limit(m, "CPU identification and features",
			  "offline mode without a cpuinfo file",
			  "VMX, x2APIC, TSC-deadline and CAT facts");

	/* Linux CPU numbers and topology, joined to the MADT by APIC id */
	for (int n = 0; n < map.n; n++) {
		struct dsc_cpu *c;

		if (map.apic_of[n] < 0)
			continue;
		c = cpu_by_apic(m, map.apic_of[n]);
		if (c)
			read_topology(m, src, c, n);
	}
	read_core_types(m, src);
	for (size_t i = 0; i < m->srat_cpus.n; i++) {
		struct dsc_cpu *c = cpu_by_apic(m, m->srat_cpus.v[i].apic_id);

		if (c && m->srat_cpus.v[i].enabled)
			c->node = m->srat_cpus.v[i].node;
	}

	if (!src->offline) {
		read_vmx_live(m);
	} else if (src->root) {
		read_vmx_file(m, src_path(src, p, sizeof(p), "jh-msr"));
	} else {
		dsc_limit(m, "model-specific registers", "offline mode without a collected tree",
			  "IA32_FEATURE_CONTROL and the VMX capabilities");
	}
}
