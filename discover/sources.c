// SPDX-License-Identifier: GPL-2.0
/* Layout of offline trees, and the ACPI source. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "acpi.h"
#include "sources.h"
#include "util.h"

bool src_has_tree(const struct dsc_sources *src)
{
	return !src->offline || src->root;
}

const char *src_path(const struct dsc_sources *src, char *buf, size_t size,
		     const char *rel)
{
	if (!src_has_tree(src))
		snprintf(buf, size, "%s", "");
	else
		snprintf(buf, size, "%s/%s", src->root ? src->root : "", rel);
	return buf;
}

/*
 * --root DIR accepts a collect tree (DIR/sys, DIR/proc) and the corpus
 * layout raw/{jailhouse-collect,acpi}: DIR may be raw/ or its
 * jailhouse-collect/ child. An extracted --from archive is looked at
 * inside only: its parent is this machine's /tmp.
 */
int sources_resolve(struct dsc_sources *src, char *reason, size_t reason_size)
{
	char p[4096];

	if (!src->root)
		return 0;
	if (!is_directory(src->root)) {
		snprintf(reason, reason_size,
			 "--root %s: not a directory (give the top of a collected tree, with sys/ and proc/)",
			 src->root);
		return -ENOENT;
	}
	snprintf(p, sizeof(p), "%s/jailhouse-collect", src->root);
	if (is_directory(p)) {
		snprintf(src->root_buf, sizeof(src->root_buf), "%s", p);
		if (!src->acpi_dir && !src->acpidump) {
			snprintf(src->acpi_buf, sizeof(src->acpi_buf), "%s/acpi",
				 src->root);
			if (is_directory(src->acpi_buf))
				src->acpi_dir = src->acpi_buf;
		}
		src->root = src->root_buf;
	}
	if (!src->acpi_dir && !src->acpidump) {
		static const char *const tries[] = {
			"%s/sys/firmware/acpi/tables", "%s/acpi", "%s/../acpi",
		};

		for (size_t i = 0; i < (src->archive ? 2 : 3); i++) {
			snprintf(src->acpi_buf, sizeof(src->acpi_buf), tries[i],
				 src->root);
			if (is_directory(src->acpi_buf)) {
				src->acpi_dir = src->acpi_buf;
				break;
			}
		}
	}
	return 0;
}

void read_acpi(struct machine *m, const struct dsc_sources *src)
{
	char reason[4200];

	if (src->acpidump) {
		if (acpi_load_dump_file(m, src->acpidump, reason, sizeof(reason)))
			dsc_limit(m, "ACPI tables", reason,
				  "CPUs, IOAPICs, MMCONFIG, IOMMUs, HPET, PM timer and FADT ports");
	} else if (src->acpi_dir || !src->offline) {
		const char *dir = src->acpi_dir ? src->acpi_dir :
				  "/sys/firmware/acpi/tables";

		if (acpi_load_dir(m, dir, reason, sizeof(reason)))
			dsc_limit(m, "ACPI tables", reason,
				  "CPUs, IOAPICs, MMCONFIG, IOMMUs, HPET, PM timer and FADT ports");
		else if (!m->tables.n && !src->offline)
			dsc_limit(m, "ACPI tables",
				  "/sys/firmware/acpi/tables is readable by root only",
				  "CPUs, IOAPICs, MMCONFIG, IOMMUs, HPET, PM timer and FADT ports (run as root)");
	} else {
		dsc_limit(m, "ACPI tables",
			  "no --acpidump given and the offline tree has none",
			  "CPUs, IOAPICs, MMCONFIG, IOMMUs, HPET, PM timer and FADT ports");
	}
	acpi_parse_all(m);
}
