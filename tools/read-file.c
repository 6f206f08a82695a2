// SPDX-License-Identifier: GPL-2.0
/*
 * Reading a whole file into memory, with a user-facing reason on failure.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "read-file.h"

int jh_read_file(const char *path, void **data, size_t *size, char *reason,
		 size_t reason_size)
{
	struct stat st;
	FILE *f;
	void *buf;
	int err;

	f = fopen(path, "rb");
	if (!f) {
		err = -errno;
		snprintf(reason, reason_size, "%s: cannot open: %s; fix: check the path and its permissions",
			 path, strerror(errno));
		return err;
	}
	if (fstat(fileno(f), &st) < 0 || !S_ISREG(st.st_mode)) {
		err = -EINVAL;
		snprintf(reason, reason_size, "%s: not a regular file; fix: give the path of a file",
			 path);
		goto out_close;
	}
	if (st.st_size > JH_READ_FILE_MAX) {
		err = -EFBIG;
		snprintf(reason, reason_size, "%s: %lld bytes, more than the %u MiB limit; fix: is this the right file?",
			 path, (long long)st.st_size, JH_READ_FILE_MAX >> 20);
		goto out_close;
	}
	/* at least one byte, so an empty file still gets a buffer */
	buf = malloc(st.st_size ? (size_t)st.st_size : 1);
	if (!buf) {
		err = -ENOMEM;
		snprintf(reason, reason_size, "%s: out of memory reading %lld bytes",
			 path, (long long)st.st_size);
		goto out_close;
	}
	if (fread(buf, 1, (size_t)st.st_size, f) != (size_t)st.st_size) {
		err = -EIO;
		snprintf(reason, reason_size, "%s: read error: %s; fix: check the file system",
			 path, strerror(errno));
		free(buf);
		goto out_close;
	}
	fclose(f);
	*data = buf;
	*size = (size_t)st.st_size;
	return 0;

out_close:
	fclose(f);
	return err;
}
