// SPDX-License-Identifier: GPL-2.0
/* --collect and --from (see collect.h). */
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "collect.h"
#include "cpu.h"
#include "kernel-log.h"
#include "tar.h"
#include "util.h"

struct collector {
	gzFile gz;
	int files, unreadable;
	int err;
};

/* Stores a live file under its path without the leading '/' */
static void add_path(struct collector *c, const char *path)
{
	char target[4096];
	uint8_t *buf;
	size_t len;
	ssize_t n;

	if (c->err)
		return;
	n = readlink(path, target, sizeof(target) - 1);
	if (n > 0) {
		c->err = tar_add_file(c->gz, path + 1, target, n);
		c->files++;
		return;
	}
	if (!is_regular_file(path))
		return;
	if (read_whole_file(path, &buf, &len) < 0) {
		c->unreadable++;
		return;
	}
	c->err = tar_add_file(c->gz, path + 1, buf, len);
	c->files++;
	free(buf);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Calls fn for each entry of dir matching prefix, in sorted order */
static void for_each_entry(struct collector *c, const char *dir,
			   const char *prefix,
			   void (*fn)(struct collector *c, const char *path))
{
	struct str_vec names = { 0 };
	struct dirent *de;
	DIR *d = opendir(dir);

	if (!d)
		return;
	while ((de = readdir(d))) {
		char **slot;

		if (de->d_name[0] == '.' ||
		    strncmp(de->d_name, prefix, strlen(prefix)))
			continue;
		slot = vec_push(&names);
		if (slot)
			*slot = strdup(de->d_name);
	}
	closedir(d);
	if (names.n)
		qsort(names.v, names.n, sizeof(*names.v), cmp_str);
	for (size_t i = 0; i < names.n; i++) {
		char p[4096];

		snprintf(p, sizeof(p), "%s/%s", dir, names.v[i]);
		fn(c, p);
		free(names.v[i]);
	}
	vec_free(&names);
}

static void add_files_of(struct collector *c, const char *dir,
			 const char *const *files)
{
	char p[4200];

	for (; *files; files++) {
		snprintf(p, sizeof(p), "%s/%s", dir, *files);
		add_path(c, p);
	}
}

static void add_pci_dev(struct collector *c, const char *dir)
{
	/* irq: where Linux routed INTx (jh-plan's pins come from it) */
	static const char *const f[] = { "config", "resource", "driver",
					 "iommu_group", "irq", NULL };
	add_files_of(c, dir, f);
}

static void add_memmap_entry(struct collector *c, const char *dir)
{
	static const char *const f[] = { "start", "end", "type", NULL };
	add_files_of(c, dir, f);
}

static void add_tty(struct collector *c, const char *dir)
{
	static const char *const f[] = { "port", "iomem_base", "iomem_reg_shift",
					 "io_type", "irq", "type", "uartclk",
					 NULL };
	add_files_of(c, dir, f);
}

static void add_cache_index(struct collector *c, const char *dir)
{
	static const char *const f[] = { "level", "type", "shared_cpu_list",
					 "id", NULL };
	add_files_of(c, dir, f);
}

static void add_cpu(struct collector *c, const char *dir)
{
	static const char *const f[] = { "online", "topology/physical_package_id",
					 "topology/die_id", "topology/core_id",
					 "topology/thread_siblings_list", NULL };
	char p[4200];

	if (!strchr("0123456789", dir[strlen(dir) - 1]))
		return;
	add_files_of(c, dir, f);
	snprintf(p, sizeof(p), "%s/cache", dir);
	for_each_entry(c, p, "index", add_cache_index);
}

static void add_tables(struct collector *c, const char *path)
{
	add_path(c, path);
}

/* MSR values the report needs, as "INDEX VALUE" lines (jh-msr) */
static void add_msrs(struct collector *c)
{
	char text[1024];
	size_t len = 0;
	int fd = open("/dev/cpu/0/msr", O_RDONLY);

	if (fd < 0)
		return;
	for (int i = 0; i < VMX_NUM_MSRS; i++) {
		uint64_t v;

		if (pread(fd, &v, 8, vmx_msr_index[i]) == 8)
			len += snprintf(text + len, sizeof(text) - len,
					"0x%x 0x%llx\n", vmx_msr_index[i],
					(unsigned long long)v);
	}
	close(fd);
	if (len && !c->err)
		c->err = tar_add_file(c->gz, "jh-msr", text, len);
}

/* The kernel log (jh-dmesg): its IOAPIC lines give the pin counts */
static void add_kernel_log(struct collector *c)
{
	char *text;
	size_t len;

	if (c->err)
		return;
	if (klog_read_live(&text, &len) < 0) {
		c->unreadable++;
		return;
	}
	c->err = tar_add_file(c->gz, "jh-dmesg", text, len);
	c->files++;
	free(text);
}

int collect_write(const char *path, char *reason, size_t reason_size)
{
	static const char *const procs[] = { "/proc/iomem", "/proc/ioports",
					     "/proc/cmdline", "/proc/cpuinfo",
					     NULL };
	struct collector c = { 0 };
	char p[256];

	c.gz = gzopen(path, "wb9");
	if (!c.gz) {
		snprintf(reason, reason_size, "cannot create %s: %s", path,
			 strerror(errno ? errno : ENOMEM));
		return -EIO;
	}
	for_each_entry(&c, "/sys/firmware/acpi/tables", "", add_tables);
	for_each_entry(&c, "/sys/firmware/memmap", "", add_memmap_entry);
	for (int i = 0; procs[i]; i++)
		add_path(&c, procs[i]);
	for_each_entry(&c, "/sys/bus/pci/devices", "", add_pci_dev);
	for_each_entry(&c, "/sys/class/tty", "ttyS", add_tty);
	for_each_entry(&c, "/sys/devices/system/cpu", "cpu", add_cpu);
	add_path(&c, "/sys/devices/cpu_core/cpus");	/* hybrid core types */
	add_path(&c, "/sys/devices/cpu_atom/cpus");
	for (int i = 0; i < 7; i++) {
		snprintf(p, sizeof(p), "/sys/class/dmi/id/%s", dsc_dmi_fields[i]);
		add_path(&c, p);
	}
	add_msrs(&c);
	add_kernel_log(&c);
	if (!c.err)
		c.err = tar_finish(c.gz);
	if (gzclose(c.gz) != Z_OK && !c.err)
		c.err = -EIO;
	if (c.err) {
		snprintf(reason, reason_size, "write error on %s", path);
		return c.err;
	}
	if (c.unreadable)
		fprintf(stderr, "jh-discover: %d file(s) were not readable%s; the collection lacks them\n",
			c.unreadable, geteuid() ? " (run as root for ACPI tables, full PCI config space, MSRs and the kernel log)" : "");
	return 0;
}

/* Only plain relative paths below the extraction directory */
static bool safe_name(const char *n)
{
	const char *p = n;

	if (!*n || *n == '/')
		return false;
	while (*p) {
		size_t len = strcspn(p, "/");

		if ((len == 2 && !strncmp(p, "..", 2)) || len == 0)
			return false;
		p += len;
		if (*p == '/')
			p++;
	}
	return true;
}

static int make_parents(char *path)
{
	for (char *s = strchr(path + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = '\0';
		if (mkdir(path, 0755) && errno != EEXIST) {
			*s = '/';
			return -errno;
		}
		*s = '/';
	}
	return 0;
}

int collect_extract(const char *path, const char *dir, char *reason,
		    size_t reason_size)
{
	struct tar_entry e;
	char why[4700], full[4400];
	gzFile gz = gzopen(path, "rb");
	int ret, files = 0;

	if (!gz) {
		snprintf(reason, reason_size, "%s: cannot open: %s", path,
			 strerror(errno ? errno : ENOMEM));
		return -EIO;
	}
	while ((ret = tar_next(gz, &e, why, sizeof(why))) > 0) {
		uint8_t *buf;
		int fd;

		if (e.type != '0' || !safe_name(e.name)) {
			if (tar_skip_data(gz, &e)) {
				snprintf(why, sizeof(why), "archive truncated in %s", e.name);
				ret = -EINVAL;
				break;
			}
			continue;
		}
		buf = malloc(e.size ? e.size : 1);
		if (!buf) {
			ret = -ENOMEM;
			snprintf(why, sizeof(why), "out of memory");
			break;
		}
		if (tar_read_data(gz, &e, buf)) {
			free(buf);
			snprintf(why, sizeof(why), "archive truncated in %s", e.name);
			ret = -EINVAL;
			break;
		}
		snprintf(full, sizeof(full), "%s/%s", dir, e.name);
		ret = make_parents(full);
		fd = ret ? -1 : open(full, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW,
				     0644);
		if (fd < 0 || write(fd, buf, e.size) != (ssize_t)e.size) {
			snprintf(why, sizeof(why), "cannot write %s: %s", full,
				 strerror(errno));
			ret = -EIO;
			if (fd >= 0)
				close(fd);
			free(buf);
			break;
		}
		close(fd);
		free(buf);
		files++;
	}
	gzclose(gz);
	if (ret < 0) {
		snprintf(reason, reason_size, "%s: %s", path, why);
		return ret;
	}
	if (!files) {
		snprintf(reason, reason_size,
			 "%s: no files in the archive (make one with jh-discover --collect)",
			 path);
		return -EINVAL;
	}
	return 0;
}

static int remove_entry(const char *path, const struct stat *st, int flag,
			struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

void collect_remove_tree(const char *dir)
{
	nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}
