/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading a whole (config, image) file for the `jh` commands.
 */
#ifndef _JH_TOOLS_READ_FILE_H
#define _JH_TOOLS_READ_FILE_H

#include <stddef.h>

/* Largest file read: configs and inmate images are far smaller */
#define JH_READ_FILE_MAX	(64u << 20)

/*
 * Reads path into a malloc()ed buffer (*data, free() it) of *size bytes.
 * Returns 0, or a negative errno with a sentence naming the file, the
 * problem and the fix in reason.
 */
int jh_read_file(const char *path, void **data, size_t *size, char *reason,
		 size_t reason_size);

#endif /* _JH_TOOLS_READ_FILE_H */
