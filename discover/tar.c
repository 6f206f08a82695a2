// SPDX-License-Identifier: GPL-2.0
/* ustar (POSIX.1-1988) headers, written and read by hand. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tar.h"

#define BLOCK	512

struct ustar {
	char name[100], mode[8], uid[8], gid[8], size[12], mtime[12];
	char chksum[8], typeflag, linkname[100], magic[6], version[2];
	char uname[32], gname[32], devmajor[8], devminor[8], prefix[155];
	char pad[12];
};

_Static_assert(sizeof(struct ustar) == BLOCK, "ustar header is one block");

static unsigned int header_sum(const struct ustar *h)
{
	const unsigned char *p = (const unsigned char *)h;
	unsigned int sum = 0;

	for (int i = 0; i < BLOCK; i++)
		sum += (i >= 148 && i < 156) ? ' ' : p[i];
	return sum;
}

int tar_add_file(gzFile gz, const char *name, const void *data, size_t len)
{
	static const char zeros[BLOCK];
	struct ustar h;
	size_t n = strlen(name);

	memset(&h, 0, sizeof(h));
	if (n < sizeof(h.name)) {
		memcpy(h.name, name, n);
	} else {
		const char *slash = name + n;

		/* split at a '/' so that prefix and name each fit */
		while (slash > name && (*slash != '/' || slash - name > 154 ||
					name + n - slash - 1 > 99))
			slash--;
		if (slash == name)
			return -ENAMETOOLONG;
		memcpy(h.prefix, name, slash - name);
		memcpy(h.name, slash + 1, name + n - slash - 1);
	}
	snprintf(h.mode, sizeof(h.mode), "%07o", 0644);
	snprintf(h.uid, sizeof(h.uid), "%07o", 0);
	snprintf(h.gid, sizeof(h.gid), "%07o", 0);
	snprintf(h.size, sizeof(h.size), "%011llo", (unsigned long long)len);
	snprintf(h.mtime, sizeof(h.mtime), "%011o", 0);
	h.typeflag = '0';
	memcpy(h.magic, "ustar", 6);
	memcpy(h.version, "00", 2);
	snprintf(h.chksum, sizeof(h.chksum), "%06o", header_sum(&h));
	h.chksum[7] = ' ';
	if (gzwrite(gz, &h, BLOCK) != BLOCK)
		return -EIO;
	if (len && gzwrite(gz, data, len) != (int)len)
		return -EIO;
	if (len % BLOCK && gzwrite(gz, zeros, BLOCK - len % BLOCK) !=
			   (int)(BLOCK - len % BLOCK))
		return -EIO;
	return 0;
}

int tar_finish(gzFile gz)
{
	static const char zeros[2 * BLOCK];

	return gzwrite(gz, zeros, sizeof(zeros)) == sizeof(zeros) ? 0 : -EIO;
}

static uint64_t octal(const char *s, size_t n, bool *ok)
{
	uint64_t v = 0;
	size_t i = 0;

	while (i < n && s[i] == ' ')
		i++;
	for (; i < n && s[i] >= '0' && s[i] <= '7'; i++)
		v = v * 8 + (s[i] - '0');
	if (i < n && s[i] != ' ' && s[i] != '\0')
		*ok = false;
	return v;
}

int tar_next(gzFile gz, struct tar_entry *e, char *reason, size_t size)
{
	struct ustar h;
	bool ok = true;
	int n = gzread(gz, &h, BLOCK);
	unsigned int sum;

	if (n == 0)
		return 0;
	if (n != BLOCK) {
		snprintf(reason, size, "archive truncated inside a header");
		return -EINVAL;
	}
	if (!h.name[0] && !memcmp(&h, &(struct ustar){ 0 }, BLOCK))
		return 0;	/* end-of-archive block */
	sum = octal(h.chksum, sizeof(h.chksum), &ok);
	if (!ok || sum != header_sum(&h)) {
		snprintf(reason, size, "header checksum mismatch: not a tar archive, or damaged");
		return -EINVAL;
	}
	e->size = octal(h.size, sizeof(h.size), &ok);
	if (!ok || e->size > TAR_MAX_FILE) {
		snprintf(reason, size, "entry size field invalid or over %u MiB",
			 TAR_MAX_FILE >> 20);
		return -EINVAL;
	}
	e->type = h.typeflag ? h.typeflag : '0';
	if (h.prefix[0] && !memcmp(h.magic, "ustar", 5))
		snprintf(e->name, sizeof(e->name), "%.155s/%.100s", h.prefix,
			 h.name);
	else
		snprintf(e->name, sizeof(e->name), "%.100s", h.name);
	return 1;
}

int tar_read_data(gzFile gz, const struct tar_entry *e, uint8_t *buf)
{
	char pad[BLOCK];
	size_t rest = e->size % BLOCK ? BLOCK - e->size % BLOCK : 0;

	if (e->size && gzread(gz, buf, e->size) != (int)e->size)
		return -EINVAL;
	if (rest && gzread(gz, pad, rest) != (int)rest)
		return -EINVAL;
	return 0;
}

int tar_skip_data(gzFile gz, const struct tar_entry *e)
{
	uint64_t total = (e->size + BLOCK - 1) / BLOCK * BLOCK;
	char buf[BLOCK];

	for (uint64_t i = 0; i < total; i += BLOCK)
		if (gzread(gz, buf, BLOCK) != BLOCK)
			return -EINVAL;
	return 0;
}
