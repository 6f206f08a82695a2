// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

int read_whole_file(const char *path, uint8_t **buf, size_t *len)
{
	size_t cap = 4096, n = 0;
	uint8_t *b = malloc(cap + 1), *nb;
	FILE *f = fopen(path, "rb");
	size_t r;

	if (!f || !b) {
		int err = f ? ENOMEM : errno;

		free(b);
		if (f)
			fclose(f);
		errno = err;
		return -err;
	}
	/* sysfs and proc files report size 0: read until EOF */
	while ((r = fread(b + n, 1, cap - n, f)) > 0) {
		n += r;
		if (n == cap) {
			nb = realloc(b, cap * 2 + 1);
			if (!nb) {
				free(b);
				fclose(f);
				errno = ENOMEM;
				return -ENOMEM;
			}
			b = nb;
			cap *= 2;
		}
	}
	if (ferror(f)) {
		int err = errno ? errno : EIO;

		free(b);
		fclose(f);
		errno = err;
		return -err;
	}
	fclose(f);
	b[n] = '\0';
	*buf = b;
	*len = n;
	return 0;
}

bool is_regular_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

bool is_directory(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

char *read_line_file(const char *path)
{
	uint8_t *buf;
	size_t len;

	if (read_whole_file(path, &buf, &len) < 0)
		return NULL;
	buf[strcspn((char *)buf, "\n")] = '\0';
	return (char *)buf;
}

int read_long_file(const char *path, long *val)
{
	char *s = read_line_file(path), *end;

	if (!s)
		return -errno;
	errno = 0;
	*val = strtol(s, &end, 0);
	if (end == s || errno) {
		free(s);
		return -EINVAL;
	}
	free(s);
	return 0;
}
