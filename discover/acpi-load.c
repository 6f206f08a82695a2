// SPDX-License-Identifier: GPL-2.0
/*
 * Loading ACPI tables: from a directory of binary tables, with checks of
 * the header length and checksum. A table that fails a check is kept
 * (firmware with bad checksums is common and Linux uses such tables too),
 * with a warning.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acpi.h"
#include "util.h"

static uint8_t sum8(const uint8_t *p, size_t len)
{
	uint8_t s = 0;

	while (len--)
		s += *p++;
	return s;
}

static void copy_str(char *dst, const uint8_t *src, size_t n)
{
	for (size_t i = 0; i < n; i++)
		dst[i] = (src[i] >= 0x20 && src[i] < 0x7f) ? src[i] : '?';
	dst[n] = '\0';
}

/* RSDP: checksum over 20 bytes, extended checksum over its length (v2+) */
static void check_rsdp(struct machine *m, struct acpi_table *t)
{
	t->checksum_ok = t->len >= 20 && sum8(t->data, 20) == 0;
	if (t->len >= 20)
		t->revision = t->data[15];
	if (t->len >= 15)
		copy_str(t->oem_id, t->data + 9, 6);
	if (t->checksum_ok && t->revision >= 2) {
		uint32_t xlen = t->len >= 24 ? rd32(t->data + 20) : 0;

		if (xlen < 36 || xlen > t->len)
			t->checksum_ok = false;
		else
			t->checksum_ok = sum8(t->data, xlen) == 0;
	}
	if (!t->checksum_ok)
		dsc_warn(m, "RSDP", 0, "checksum mismatch");
}

int acpi_add_table(struct machine *m, const uint8_t *data, size_t len,
		   const char *source)
{
	struct acpi_table *t;
	uint32_t hdr_len;

	if (len < 4) {
		dsc_warn(m, source, 0, "%zu bytes, too short for an ACPI table",
			 len);
		return -EINVAL;
	}
	t = vec_push(&m->tables);
	if (!t)
		return -ENOMEM;
	t->data = malloc(len);
	if (!t->data) {
		m->tables.n--;
		return -ENOMEM;
	}
	memcpy(t->data, data, len);
	t->len = len;

	if (len >= 8 && !memcmp(data, "RSD PTR ", 8)) {
		strcpy(t->sig, "RSDP");
	} else {
		copy_str(t->sig, data, 4);
	}
	for (size_t i = 0; i + 1 < m->tables.n; i++)
		if (!strcmp(m->tables.v[i].sig, t->sig))
			t->instance++;

	if (!strcmp(t->sig, "RSDP")) {
		check_rsdp(m, t);
		return 0;
	}
	if (!strcmp(t->sig, "FACS")) {
		/* no checksum; the length is all there is to check */
		t->checksum_ok = true;
		return 0;
	}
	if (len < ACPI_HEADER_LEN) {
		dsc_warn(m, t->sig, 0,
			 "%zu bytes, shorter than the 36-byte table header (from %s)",
			 len, source);
		return 0;
	}
	hdr_len = rd32(data + 4);
	if (hdr_len > len) {
		dsc_warn(m, t->sig, len,
			 "header length %u is past the end of the %zu bytes present (from %s); decoding what is there",
			 hdr_len, len, source);
	} else if (hdr_len < ACPI_HEADER_LEN) {
		dsc_warn(m, t->sig, 4, "header length %u is shorter than the header",
			 hdr_len);
	} else {
		t->len = hdr_len;
	}
	t->revision = data[8];
	copy_str(t->oem_id, data + 10, 6);
	copy_str(t->oem_table_id, data + 16, 8);
	t->checksum_ok = hdr_len <= len && sum8(data, hdr_len) == 0;
	if (!t->checksum_ok)
		dsc_warn(m, t->sig, 9, "checksum mismatch (from %s)", source);
	return 0;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int acpi_load_dir(struct machine *m, const char *dir, char *reason,
		  size_t reason_size)
{
	struct str_vec names = { 0 };
	struct dirent *de;
	DIR *d;
	int ret = 0;

	d = opendir(dir);
	if (!d) {
		snprintf(reason, reason_size, "%s: %s", dir, strerror(errno));
		return -errno;
	}
	while ((de = readdir(d))) {
		char **slot;

		if (de->d_name[0] == '.')
			continue;
		slot = vec_push(&names);
		if (!slot || !(*slot = strdup(de->d_name))) {
			ret = -ENOMEM;
			break;
		}
	}
	closedir(d);
	/* directory order is arbitrary: sort for stable output */
	if (names.n)
		qsort(names.v, names.n, sizeof(*names.v), cmp_name);
	for (size_t i = 0; i < names.n; i++) {
		char path[4096];
		uint8_t *buf;
		size_t len;

		snprintf(path, sizeof(path), "%s/%s", dir, names.v[i]);
		if (!is_regular_file(path))
			continue;
		if (read_whole_file(path, &buf, &len) < 0) {
			/* without root: one limit says it, not one per table */
			if (errno != EACCES)
				dsc_warn(m, path, DSC_NONE, "cannot read: %s",
					 strerror(errno));
			continue;
		}
		acpi_add_table(m, buf, len, path);
		free(buf);
	}
	for (size_t i = 0; i < names.n; i++)
		free(names.v[i]);
	vec_free(&names);
	if (ret)
		snprintf(reason, reason_size, "%s: out of memory", dir);
	return ret;
}

const struct acpi_table *acpi_find(const struct machine *m, const char *sig,
				   int nth)
{
	for (size_t i = 0; i < m->tables.n; i++)
		if (!strcmp(m->tables.v[i].sig, sig) && nth-- == 0)
			return &m->tables.v[i];
	return NULL;
}

/* Is address listed by the XSDT (or, without one, the RSDT)? -1: unknown */
static int in_root_table(const struct machine *m, uint64_t address)
{
	const struct acpi_table *x = acpi_find(m, "XSDT", 0);
	unsigned int entry = 8;

	if (!x) {
		x = acpi_find(m, "RSDT", 0);
		entry = 4;
	}
	if (!x || !address)
		return -1;
	for (uint32_t off = ACPI_HEADER_LEN; off + entry <= x->len; off += entry)
		if ((entry == 8 ? rd64(x->data + off) : rd32(x->data + off)) == address)
			return 1;
	return 0;
}

/*
 * Which of several tables with one signature to decode: firmware that
 * carries two MADTs or FADTs (old Apple and Phoenix BIOSes) lists one in
 * the XSDT, and Linux uses that one; without addresses, the first.
 */
static const struct acpi_table *pick(struct machine *m, const char *sig)
{
	const struct acpi_table *t, *first = acpi_find(m, sig, 0);

	if (!first || !acpi_find(m, sig, 1))
		return first;
	for (int n = 0; (t = acpi_find(m, sig, n)); n++)
		if (in_root_table(m, t->address) == 1)
			return t;
	return first;
}

void acpi_parse_all(struct machine *m)
{
	static const struct {
		const char *sig;
		void (*parse)(struct machine *m, const struct acpi_table *t);
		bool all;	/* every instance (several HPET blocks) */
	} parsers[] = {
		{ .sig = "APIC", .parse = acpi_parse_madt },
		{ .sig = "MCFG", .parse = acpi_parse_mcfg },
		{ .sig = "DMAR", .parse = acpi_parse_dmar },
		{ .sig = "IVRS", .parse = acpi_parse_ivrs },
		{ .sig = "HPET", .parse = acpi_parse_hpet, .all = true },
		{ .sig = "FACP", .parse = acpi_parse_fadt },
		{ .sig = "SRAT", .parse = acpi_parse_srat },
		{ .sig = "SLIT", .parse = acpi_parse_slit },
	};

	for (size_t i = 0; i < sizeof(parsers) / sizeof(parsers[0]); i++) {
		const struct acpi_table *t, *use = pick(m, parsers[i].sig);

		for (int n = 0; (t = acpi_find(m, parsers[i].sig, n)); n++) {
			if (t != use && !parsers[i].all) {
				dsc_warn(m, t->sig, DSC_NONE,
					 "instance %d ignored: %s the %s table at 0x%llx is used",
					 n, use->address ? "the XSDT/RSDT lists" : "as Linux does,",
					 t->sig, (unsigned long long)use->address);
				continue;
			}
			if (t->len < ACPI_HEADER_LEN)
				continue;
			parsers[i].parse(m, t);
		}
	}
}
