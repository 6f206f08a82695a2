/* SPDX-License-Identifier: GPL-2.0 */
/* A minimal ustar writer and reader over zlib's gzFile. */
#ifndef _JH_DISCOVER_TAR_H
#define _JH_DISCOVER_TAR_H

#include <stddef.h>
#include <stdint.h>

#include <zlib.h>

#define TAR_MAX_FILE	(64u << 20)

/* Appends a regular file; mtime 0 and uid 0 keep archives reproducible */
int tar_add_file(gzFile gz, const char *name, const void *data, size_t len);
int tar_finish(gzFile gz);

struct tar_entry {
	char name[257];
	char type;		/* '0' file, '5' directory, other: skipped */
	uint64_t size;
};

/* Reads the next header: 1 entry, 0 end of archive, -errno on damage */
int tar_next(gzFile gz, struct tar_entry *e, char *reason, size_t size);
/* Reads an entry's data (e->size bytes plus padding) */
int tar_read_data(gzFile gz, const struct tar_entry *e, uint8_t *buf);
int tar_skip_data(gzFile gz, const struct tar_entry *e);

#endif /* _JH_DISCOVER_TAR_H */
