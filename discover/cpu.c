// SPDX-License-Identifier: GPL-2.0
/*
 * CPUs: identification and features (cpuid live, /proc/cpuinfo offline),
 * the cpuinfo's Linux CPU -> APIC id and topology lines (cpu-topology.c
 * joins them to the MADT), and the VMX capability MSRs (live:
 * /dev/cpu/0/msr; offline: the jh-msr file that --collect writes).
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

/* A cpuinfo number in 0..max; false if the value is not one */
static bool cpuinfo_int(const char *v, long max, int *out)
{
	char *end;
	long x = strtol(v, &end, 10);

	if (end == v || x < 0 || x > max)
		return false;
	*out = (int)x;
	return true;
}

/* The topology lines of one processor block into the map */
static void cpuinfo_topology(char *line, int proc, struct cpu_map *map)
{
	char v[64];
	int x;

	if (proc < 0 || proc >= CPU_MAP_MAX)
		return;
	if (cpuinfo_value(line, "apicid", v, sizeof(v)) &&
	    cpuinfo_int(v, UINT32_MAX >> 1, &x))
		map->apic_of[proc] = x;
	else if (cpuinfo_value(line, "initial apicid", v, sizeof(v)) &&
		 map->apic_of[proc] < 0 && cpuinfo_int(v, UINT32_MAX >> 1, &x))
		map->apic_of[proc] = x;
	else if (cpuinfo_value(line, "physical id", v, sizeof(v)) &&
		 cpuinfo_int(v, INT32_MAX, &x))
		map->package_of[proc] = x;
	else if (cpuinfo_value(line, "core id", v, sizeof(v)) &&
		 cpuinfo_int(v, INT32_MAX, &x))
		map->core_of[proc] = x;
	else
		return;
	if (proc + 1 > map->n)
		map->n = proc + 1;
}

/*
 * /proc/cpuinfo: features when cpuid is not ours to run (offline), and in
 * every mode each Linux CPU's APIC id, package and core.
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
	map->read = true;
	for (line = strtok_r((char *)buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (cpuinfo_value(line, "processor", v, sizeof(v))) {
			if (!cpuinfo_int(v, CPU_MAP_MAX - 1, &proc))
				proc = -1;
			continue;
		}
		cpuinfo_topology(line, proc, map);
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

void read_cpus(struct machine *m, const struct dsc_sources *src)
{
	static struct cpu_map map;
	char p[4096];

	memset(&map, 0xff, sizeof(map));
	map.n = 0;
	map.read = false;
	m->cpu.vmx = m->cpu.svm = m->cpu.x2apic = DSC_NONE;
	m->cpu.tsc_deadline = m->cpu.invariant_tsc = DSC_NONE;
	m->cpu.hypervisor = m->cpu.hybrid = DSC_NONE;
	m->cpu.cat_l3_bits = m->cpu.cat_l2_bits = DSC_NONE;
	if (!src->offline)
		cpuid_features(&m->cpu);
	if (src->cpuinfo || src_has_tree(src)) {
		const char *path = src->cpuinfo ? src->cpuinfo :
				   src_path(src, p, sizeof(p), "proc/cpuinfo");

		read_cpuinfo(m, path, src->offline, &map);
	}
	if (!m->cpu.known)
		dsc_limit(m, "CPU identification and features",
			  "offline mode without a cpuinfo file",
			  "VMX, x2APIC, TSC-deadline and CAT facts");

	/* Linux CPU numbers and topology, joined to the MADT by APIC id */
	cpu_topology_read(m, src, &map);
	for (size_t i = 0; i < m->srat_cpus.n; i++) {
		const struct dsc_srat_cpu *s = &m->srat_cpus.v[i];

		for (size_t k = 0; s->enabled && k < m->cpus.n; k++)
			if (m->cpus.v[k].apic_id == s->apic_id) {
				m->cpus.v[k].node = s->node;
				break;
			}
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
