/* SPDX-License-Identifier: GPL-2.0 */
/* File helpers for jh-discover: whole-file reads, sysfs values, paths. */
#ifndef _JH_DISCOVER_UTIL_H
#define _JH_DISCOVER_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Reads a whole file (NUL-terminated, *len excludes the NUL); -errno */
int read_whole_file(const char *path, uint8_t **buf, size_t *len);
bool is_regular_file(const char *path);
bool is_directory(const char *path);
/* First line of a small text file without its newline; NULL if unreadable */
char *read_line_file(const char *path);
/* Integer in a sysfs file (decimal or 0x hex); -errno if unreadable */
int read_long_file(const char *path, long *val);

#endif /* _JH_DISCOVER_UTIL_H */
