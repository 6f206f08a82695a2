// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel log source (kernel-log.h): live through klogctl(), offline
 * from --dmesg FILE or the jh-dmesg file of a --collect tree.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>

#include "kernel-log.h"
#include "sources.h"
#include "util.h"

/* klogctl() actions (syslog(2)); glibc has no names for them */
#define KLOG_READ_ALL		3
#define KLOG_SIZE_BUFFER	10

static const char *lit(const char *p, const char *end, const char *s)
{
	size_t n = strlen(s);

	return p && (size_t)(end - p) >= n && !memcmp(p, s, n) ? p + n : NULL;
}

/* An unsigned number of at most max (base 10 or 16); NULL if none */
static const char *number(const char *p, const char *end, unsigned int base,
			  uint64_t max, uint64_t *v)
{
	uint64_t x = 0;
	const char *start = p;

	if (!p)
		return NULL;
	for (; p < end; p++) {
		unsigned int d;

		if (*p >= '0' && *p <= '9')
			d = *p - '0';
		else if (base == 16 && *p >= 'a' && *p <= 'f')
			d = *p - 'a' + 10;
		else if (base == 16 && *p >= 'A' && *p <= 'F')
			d = *p - 'A' + 10;
		else
			break;
		if (x > (max - d) / base)
			return NULL;
		x = x * base + d;
	}
	if (p == start)
		return NULL;
	*v = x;
	return p;
}

/* "IOAPIC[" where a message starts: line start or after a log prefix */
static const char *find_tag(const char *line, const char *end)
{
	const char *p = line;

	while ((p = memmem(p, end - p, "IOAPIC[", 7))) {
		if (p == line || memchr(" \t>]", p[-1], 4))
			return p;
		p++;
	}
	return NULL;
}

int klog_parse_ioapic_line(const char *line, size_t len,
			   struct dsc_klog_ioapic *out)
{
	const char *end = line + len, *p = find_tag(line, end);
	uint64_t idx, id, ver, addr, base, last;

	if (!p)
		return 0;
	p = number(lit(p, end, "IOAPIC["), end, 10, 0xffff, &idx);
	p = lit(lit(p, end, "]: "), end, "apic_id ");
	if (!p)
		return 0;	/* another IOAPIC message (routing, errors) */
	p = number(p, end, 10, 0xffffffff, &id);
	p = number(lit(p, end, ", version "), end, 10, 0xffffffff, &ver);
	p = number(lit(p, end, ", address 0x"), end, 16, UINT64_MAX, &addr);
	p = number(lit(p, end, ", GSI "), end, 10, 0xffffffff, &base);
	p = number(lit(p, end, "-"), end, 10, 0xffffffff, &last);
	if (!p)
		return -EINVAL;
	while (p < end && memchr(" \t\r\n", *p, 4))
		p++;
	if (p != end || last < base || last - base + 1 > KLOG_MAX_PINS)
		return -EINVAL;
	*out = (struct dsc_klog_ioapic){
		.index = idx, .apic_id = id, .version = ver, .address = addr,
		.gsi_base = base, .gsi_end = last,
	};
	return 1;
}

static void add_entry(struct machine *m, const struct dsc_klog_ioapic *e,
		      const char *source)
{
	struct dsc_klog_ioapic *slot = NULL;

	for (size_t i = 0; i < m->klog_ioapics.n && !slot; i++)
		if (m->klog_ioapics.v[i].address == e->address)
			slot = &m->klog_ioapics.v[i];
	if (slot && (slot->gsi_base != e->gsi_base ||
		     slot->gsi_end != e->gsi_end))
		dsc_warn(m, "kernel log", DSC_NONE,
			 "%s line %ld: IOAPIC at 0x%llx has GSI %u-%u, line %ld said %u-%u (two boots in one log?); the later line is used",
			 source, e->line, (unsigned long long)e->address,
			 e->gsi_base, e->gsi_end, slot->line, slot->gsi_base,
			 slot->gsi_end);
	if (!slot)
		slot = vec_push(&m->klog_ioapics);
	if (slot)
		*slot = *e;
}

void klog_parse_text(struct machine *m, const char *text, size_t len,
		     const char *source)
{
	const char *p = text, *end = text + len;
	long line = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', end - p);
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		struct dsc_klog_ioapic e;
		int r = klog_parse_ioapic_line(p, n, &e);

		line++;
		if (r > 0) {
			e.line = line;
			add_entry(m, &e, source);
		} else if (r < 0) {
			dsc_warn(m, "kernel log", DSC_NONE,
				 "%s line %ld: IOAPIC line not understood (expected \"IOAPIC[i]: apic_id A, version V, address 0xADDR, GSI B-E\" with at most %d pins): %.*s",
				 source, line, KLOG_MAX_PINS, (int)(n < 120 ? n : 120), p);
		}
		p += n + 1;
	}
}

int klog_read_live(char **text, size_t *len)
{
	int size = klogctl(KLOG_SIZE_BUFFER, NULL, 0), n;
	char *buf;

	if (size < 0)
		return -errno;
	if (size == 0)
		size = 1 << 20;
	buf = malloc((size_t)size + 1);
	if (!buf)
		return -ENOMEM;
	n = klogctl(KLOG_READ_ALL, buf, size);
	if (n < 0) {
		int err = -errno;

		free(buf);
		return err;
	}
	buf[n] = '\0';
	*text = buf;
	*len = (size_t)n;
	return 0;
}

static void set_why(struct machine *m, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void set_why(struct machine *m, const char *fmt, ...)
{
	char why[4400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	free(m->klog_why);
	m->klog_why = strdup(why);
}

void read_kernel_log(struct machine *m, const struct dsc_sources *src)
{
	char p[4096], *text = NULL;
	const char *path = src->dmesg;
	size_t len = 0;
	int ret;

	if (!path && src->offline) {
		if (!src->root) {
			set_why(m, "no --dmesg given (offline mode)");
			return;
		}
		path = src_path(src, p, sizeof(p), "jh-dmesg");
		if (!is_regular_file(path)) {
			set_why(m, "the offline tree has no jh-dmesg file (jh-discover --collect stores it when run as root)");
			return;
		}
	}
	if (path) {
		ret = read_whole_file(path, (uint8_t **)&text, &len);
		if (ret < 0) {
			set_why(m, "%s: %s", path, strerror(-ret));
			return;
		}
	} else {
		path = "kernel log (klogctl)";
		ret = klog_read_live(&text, &len);
		if (ret == -EPERM || ret == -EACCES) {
			set_why(m, "reading it needs root or CAP_SYSLOG (kernel.dmesg_restrict)");
			return;
		}
		if (ret < 0) {
			set_why(m, "klogctl: %s", strerror(-ret));
			return;
		}
	}
	m->klog_source = strdup(path);
	klog_parse_text(m, text, len, path);
	free(text);
}
