// SPDX-License-Identifier: GPL-2.0
/* One discovery run: every source in dependency order. */
#include <string.h>

#include "discover.h"

static void note_input(struct machine *m, const char *kind, const char *path)
{
	char **slot;
	char buf[4200];

	if (!path)
		return;
	snprintf(buf, sizeof(buf), "%s: %s", kind, path);
	slot = vec_push(&m->inputs);
	if (slot)
		*slot = strdup(buf);
}

void discover_machine(struct machine *m, const struct dsc_sources *src,
		      const char *from)
{
	m->offline = src->offline;
	if (!src->offline) {
		note_input(m, "live", "/");
	} else {
		note_input(m, "from", from);
		note_input(m, "root", from ? NULL : src->root);
		note_input(m, "acpi-dir", src->acpi_dir);
		note_input(m, "acpidump", src->acpidump);
		note_input(m, "pci-dump", src->pci_dump);
		note_input(m, "iomem", src->iomem);
		note_input(m, "ioports", src->ioports);
		note_input(m, "cmdline", src->cmdline);
		note_input(m, "cpuinfo", src->cpuinfo);
		note_input(m, "dmesg", src->dmesg);
	}
	read_acpi(m, src);
	read_memory(m, src);	/* before PCI: dumps take BAR sizes from it */
	read_pci(m, src);
	read_sysfs(m, src);
	read_cpus(m, src);
	read_kernel_log(m, src);
	machine_link(m);
}
