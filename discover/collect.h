/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Offline collections: --collect writes what discovery reads into a
 * .tar.gz (ustar + zlib, no shell or tar program needed on the target);
 * --from extracts one into a private directory that --root then reads.
 * Symlinks (a device's driver, iommu_group) are stored as small regular
 * files holding the link target, so extraction never creates links.
 */
#ifndef _JH_DISCOVER_COLLECT_H
#define _JH_DISCOVER_COLLECT_H

#include <stddef.h>

int collect_write(const char *path, char *reason, size_t reason_size);
int collect_extract(const char *path, const char *dir, char *reason,
		    size_t reason_size);
void collect_remove_tree(const char *dir);

#endif /* _JH_DISCOVER_COLLECT_H */
