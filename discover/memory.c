// SPDX-License-Identifier: GPL-2.0
/*
 * Memory and port maps: /sys/firmware/memmap (the e820 table as the
 * firmware gave it), /proc/iomem, /proc/ioports and the memmap= hypervisor
 * reservation on /proc/cmdline.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sources.h"
#include "util.h"

static int cmp_range(const void *a, const void *b)
{
	const struct dsc_range *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->end < y->end ? -1 : x->end > y->end;
}

static void read_e820(struct machine *m, const struct dsc_sources *src)
{
	char dir[4096], p[4400];
	struct dirent *de;
	DIR *d;

	src_path(src, dir, sizeof(dir), "sys/firmware/memmap");
	d = opendir(dir);
	if (!d) {
		dsc_limit(m, "firmware memory map (sys/firmware/memmap)",
			  src->offline ? "not in the offline tree" : strerror(errno),
			  "the e820 view; RAM and reserved regions come from iomem alone");
		return;
	}
	while ((de = readdir(d))) {
		struct dsc_range *r;
		char *type;
		long s, e;

		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		snprintf(p, sizeof(p), "%s/%s/start", dir, de->d_name);
		if (read_long_file(p, &s))
			continue;
		snprintf(p, sizeof(p), "%s/%s/end", dir, de->d_name);
		if (read_long_file(p, &e))
			continue;
		snprintf(p, sizeof(p), "%s/%s/type", dir, de->d_name);
		type = read_line_file(p);
		r = vec_push(&m->e820);
		if (!r) {
			free(type);
			break;
		}
		r->start = (unsigned long)s;
		r->end = (unsigned long)e;
		r->name = type ? type : strdup("unknown");
	}
	closedir(d);
	if (m->e820.n)
		qsort(m->e820.v, m->e820.n, sizeof(*m->e820.v), cmp_range);
}

/*
 * "  0000a000-0000ffff : name" lines; two spaces of indent per level.
 * Returns the number of lines whose addresses were all zero (what a
 * non-root reader sees).
 */
static int parse_range_file(struct machine *m, const char *path,
			    struct dsc_range_vec *out, int *bad)
{
	uint8_t *buf;
	size_t len;
	char *line, *save;
	int zeros = 0, lineno = 0;

	*bad = 0;
	if (read_whole_file(path, &buf, &len) < 0)
		return -errno;
	for (line = strtok_r((char *)buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		unsigned long long s, e;
		struct dsc_range *r;
		int indent = 0, n = 0;
		char *name;

		lineno++;
		while (line[indent] == ' ')
			indent++;
		if (sscanf(line + indent, "%llx-%llx : %n", &s, &e, &n) != 2 || !n) {
			if (!*bad)
				dsc_warn(m, path, lineno,
					 "line %d is not \"START-END : name\"; skipped",
					 lineno);
			(*bad)++;
			continue;
		}
		if (e < s) {
			dsc_warn(m, path, lineno, "line %d: end below start; skipped",
				 lineno);
			continue;
		}
		name = line + indent + n;
		r = vec_push(out);
		if (!r)
			break;
		r->start = s;
		r->end = e;
		r->depth = indent / 2;
		r->name = strdup(name);
		if (!s && !e)
			zeros++;
	}
	free(buf);
	return zeros;
}

static void read_map(struct machine *m, const struct dsc_sources *src,
		     const char *given, const char *rel, const char *what,
		     struct dsc_range_vec *out, const char *leaves_out)
{
	char p[4096];
	const char *path = given;
	int zeros, bad;

	if (!path) {
		if (src->offline && !src->root) {
			dsc_limit(m, what, "not given (offline mode)", leaves_out);
			return;
		}
		path = src_path(src, p, sizeof(p), rel);
	}
	zeros = parse_range_file(m, path, out, &bad);
	if (zeros < 0) {
		char why[4200];

		snprintf(why, sizeof(why), "%s: %s", path, strerror(-zeros));
		dsc_limit(m, what, why, leaves_out);
		return;
	}
	if (zeros > 1 && zeros * 2 > (int)out->n) {
		for (size_t i = 0; i < out->n; i++)
			free(out->v[i].name);
		out->n = 0;
		dsc_limit(m, what, "addresses read as zero: the kernel shows them to root only",
			  leaves_out);
	}
}

/* "32M", "0x2000000", "1G" */
static bool parse_size(const char *s, char **end, uint64_t *v)
{
	unsigned long long x;

	errno = 0;
	x = strtoull(s, end, 0);
	if (*end == s || errno)
		return false;
	switch (**end) {
	case 'G': case 'g': x <<= 10; /* fall through */
	case 'M': case 'm': x <<= 10; /* fall through */
	case 'K': case 'k': x <<= 10; (*end)++; break;
	}
	*v = x;
	return true;
}

/* memmap=SIZE$BASE (also written with \$ by GRUB users) */
static void find_reservation(struct machine *m)
{
	const char *p = m->cmdline;

	while (p && (p = strstr(p, "memmap="))) {
		uint64_t size, base;
		char *end;

		p += 7;
		if (!parse_size(p, &end, &size))
			continue;
		if (*end == '\\')
			end++;
		if (*end != '$')
			continue;
		if (!parse_size(end + 1, &end, &base))
			continue;
		if (m->reservation.present) {
			dsc_warn(m, "cmdline", DSC_NONE,
				 "more than one memmap=...$... reservation; the first one is used");
			break;
		}
		m->reservation.present = true;
		m->reservation.base = base;
		m->reservation.size = size;
	}
}

void read_memory(struct machine *m, const struct dsc_sources *src)
{
	char p[4096];

	if (!src->offline || src->root)
		read_e820(m, src);
	else
		dsc_limit(m, "firmware memory map (sys/firmware/memmap)",
			  "not given (offline mode)",
			  "the e820 view; RAM and reserved regions come from iomem alone");
	read_map(m, src, src->iomem, "proc/iomem", "/proc/iomem", &m->iomem,
		 "RAM, reserved and device MMIO regions of the root cell (run as root, or give --iomem)");
	read_map(m, src, src->ioports, "proc/ioports", "/proc/ioports",
		 &m->ioports,
		 "the ports Linux drivers claimed; the root cell gets FADT and PCI ports only");

	if (src->cmdline || !src->offline || src->root) {
		const char *path = src->cmdline ? src->cmdline :
				   src_path(src, p, sizeof(p), "proc/cmdline");

		m->cmdline = read_line_file(path);
	}
	if (m->cmdline)
		find_reservation(m);
}
