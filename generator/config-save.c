// SPDX-License-Identifier: GPL-2.0
/* Writes a config's C source and blob to files (see config-writer.h) */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "config-writer.h"

static int save_blob(const char *path, const void *blob, size_t size,
		     char *reason, size_t reason_size)
{
	FILE *f = fopen(path, "wb");

	if (!f) {
		snprintf(reason, reason_size, "%s: cannot create: %s", path,
			 strerror(errno));
		return -errno;
	}
	if (fwrite(blob, 1, size, f) != size || fclose(f)) {
		snprintf(reason, reason_size, "%s: write failed: %s", path,
			 strerror(errno));
		return -EIO;
	}
	return 0;
}

typedef int (*write_c_fn)(void *cfg, FILE *f, const char *description);
typedef int (*blob_fn)(void *cfg, void **blob, size_t *size);

static int save(void *cfg, write_c_fn write_c, blob_fn make_blob,
		const char *description, const char *c_path,
		const char *cell_path, char *reason, size_t reason_size)
{
	void *blob = NULL;
	size_t size;
	FILE *f;
	int err;

	f = fopen(c_path, "w");
	if (!f) {
		err = -errno;
		snprintf(reason, reason_size, "%s: cannot create: %s", c_path,
			 strerror(errno));
		return err;
	}
	err = write_c(cfg, f, description);
	if (fclose(f) && !err)
		err = -EIO;
	if (err) {
		snprintf(reason, reason_size, "%s: writing the C source failed: %s",
			 c_path, strerror(-err));
		return err;
	}
	if (!cell_path)
		return 0;
	err = make_blob(cfg, &blob, &size);
	if (err) {
		snprintf(reason, reason_size, "%s: building the blob failed: %s",
			 cell_path, strerror(-err));
		return err;
	}
	err = save_blob(cell_path, blob, size, reason, reason_size);
	free(blob);
	return err;
}

int jhgen_system_save(struct jhgen_system *s, const char *description,
		      const char *c_path, const char *cell_path,
		      char *reason, size_t reason_size)
{
	return save(s, (write_c_fn)jhgen_system_write_c,
		    (blob_fn)jhgen_system_blob, description, c_path, cell_path,
		    reason, reason_size);
}

int jhgen_cell_save(struct jhgen_cell *c, const char *description,
		    const char *c_path, const char *cell_path,
		    char *reason, size_t reason_size)
{
	return save(c, (write_c_fn)jhgen_cell_write_c, (blob_fn)jhgen_cell_blob,
		    description, c_path, cell_path, reason, reason_size);
}
