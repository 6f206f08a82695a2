// SPDX-License-Identifier: GPL-2.0
/*
 * The `acpidump` text format, as users paste it into bug reports:
 *
 *	APIC @ 0x00000000BFFE0000
 *	    0000: 41 50 49 43 BC 00 00 00 01 3A 48 50 51 4F 45 4D  APIC.....:HPQOEM
 *
 * Each table starts with a "SIG @ 0xADDR" line; data lines carry a hex
 * offset, up to 16 hex bytes and an ASCII column (which may itself look
 * like hex, so bytes are taken only up to the two-space gap). Lines that
 * fit neither form (headers, blank lines, mail quoting) are skipped.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acpi.h"
#include "util.h"

struct dump_table {
	char name[8];
	uint64_t address;
	uint8_t *buf;
	size_t len, cap;
	long line;
};

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* "SIG @ 0x..." : returns true, the name and the address */
static bool is_header(const char *l, size_t n, char *name, uint64_t *address)
{
	const char *at = memchr(l, '@', n);
	size_t k = 0;

	if (!at || n < 6 || isspace((unsigned char)l[0]))
		return false;
	if (at + 4 > l + n || at[1] != ' ' || at[2] != '0' ||
	    (at[3] != 'x' && at[3] != 'X'))
		return false;
	while (l + k < at && k < 7 && !isspace((unsigned char)l[k])) {
		name[k] = l[k];
		k++;
	}
	name[k] = '\0';
	*address = 0;
	for (const char *p = at + 4; p < l + n && hexval(*p) >= 0 &&
	     p < at + 4 + 16; p++)
		*address = *address << 4 | hexval(*p);
	return k > 0;
}

static int put_byte(struct dump_table *t, size_t off, uint8_t b)
{
	if (off >= (1u << 24))
		return -EFBIG;	/* no real table is 16 MiB */
	if (off >= t->cap) {
		size_t ncap = t->cap ? t->cap : 256;
		uint8_t *nb;

		while (ncap <= off)
			ncap *= 2;
		nb = realloc(t->buf, ncap);
		if (!nb)
			return -ENOMEM;
		memset(nb + t->cap, 0, ncap - t->cap);
		t->buf = nb;
		t->cap = ncap;
	}
	t->buf[off] = b;
	if (off + 1 > t->len)
		t->len = off + 1;
	return 0;
}

/* "    0010: 31 37 ...  ascii": returns bytes stored, or -1 if not data */
static int parse_data_line(struct dump_table *t, const char *l, size_t n)
{
	size_t i = 0, off = 0;
	int digits = 0, count = 0;

	while (i < n && isspace((unsigned char)l[i]))
		i++;
	if (i == 0)
		return -1;
	while (i < n && hexval(l[i]) >= 0 && digits < 8) {
		off = off << 4 | hexval(l[i++]);
		digits++;
	}
	if (!digits || i >= n || l[i] != ':')
		return -1;
	i++;
	while (count < 16 && i + 3 <= n && l[i] == ' ' &&
	       hexval(l[i + 1]) >= 0 && hexval(l[i + 2]) >= 0 &&
	       (i + 3 == n || l[i + 3] == ' ' || l[i + 3] == '\r')) {
		if (put_byte(t, off + count, hexval(l[i + 1]) << 4 |
			     hexval(l[i + 2])) < 0)
			return -1;
		count++;
		i += 3;
	}
	return count;
}

static void flush(struct machine *m, struct dump_table *t, const char *source)
{
	char where[128];

	if (t->name[0] && t->len) {
		snprintf(where, sizeof(where), "%s line %ld", source, t->line);
		if (acpi_add_table(m, t->buf, t->len, where) == 0)
			m->tables.v[m->tables.n - 1].address = t->address;
	} else if (t->name[0]) {
		dsc_warn(m, source, DSC_NONE, "table %s at line %ld has no data",
			 t->name, t->line);
	}
	t->name[0] = '\0';
	t->len = 0;
}

int acpi_load_dump_text(struct machine *m, const char *text, size_t len,
			const char *source)
{
	struct dump_table t = { 0 };
	const char *p = text, *end = text + len;
	long line = 0;
	int tables = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', end - p);
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char name[8];
		uint64_t address;

		line++;
		if (is_header(p, n, name, &address)) {
			flush(m, &t, source);
			memcpy(t.name, name, sizeof(name));
			t.address = address;
			t.line = line;
			tables++;
		} else if (t.name[0]) {
			parse_data_line(&t, p, n);
		}
		p += n + 1;
	}
	flush(m, &t, source);
	free(t.buf);
	if (!tables)
		dsc_warn(m, source, DSC_NONE,
			 "no \"SIG @ 0xADDRESS\" table headers: not an acpidump text dump");
	return tables;
}

int acpi_load_dump_file(struct machine *m, const char *path, char *reason,
			size_t reason_size)
{
	uint8_t *buf;
	size_t len;
	int ret;

	ret = read_whole_file(path, &buf, &len);
	if (ret < 0) {
		snprintf(reason, reason_size, "%s: %s", path, strerror(-ret));
		return ret;
	}
	acpi_load_dump_text(m, (char *)buf, len, path);
	free(buf);
	return 0;
}
