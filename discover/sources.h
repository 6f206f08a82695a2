/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where jh-discover reads from. Live mode reads the running machine; any
 * offline option (--root, --from, --acpidump, --pci-dump, --iomem,
 * --ioports, --dmesg, ...) switches to offline mode, where nothing live is
 * read and each source not given on the command line is taken from the
 * --root tree or left out (and `limits` says so). Offline, no path of
 * this machine is ever read: src_path() names nothing without a tree.
 */
#ifndef _JH_DISCOVER_SOURCES_H
#define _JH_DISCOVER_SOURCES_H

#include "machine.h"

struct dsc_sources {
	bool offline;
	const char *root;	/* tree with sys/ and proc/ ("" = live "/") */
	const char *acpi_dir;	/* binary tables */
	const char *acpidump;	/* acpidump text */
	const char *pci_dump;	/* lspci -xxxx text */
	const char *iomem, *ioports, *cmdline, *cpuinfo;
	const char *dmesg;	/* kernel log text (dmesg, journalctl -k) */
	bool archive;		/* root is a --from archive extracted to /tmp */
	char root_buf[4096], acpi_buf[4096];
};

/* Finds the tree layout under --root (a collect tree or corpus raw/) */
int sources_resolve(struct dsc_sources *src, char *reason, size_t reason_size);
/* Live ("/"), or offline with a collected tree (--root, --from) */
bool src_has_tree(const struct dsc_sources *src);
/*
 * "ROOT/rel" into buf (rel starts without '/'); "" (a path no file has)
 * offline without a tree, so that no source reads this machine's own
 */
const char *src_path(const struct dsc_sources *src, char *buf, size_t size,
		     const char *rel);

/* Each source fills its part of the machine; they warn, never fail hard */
void read_acpi(struct machine *m, const struct dsc_sources *src);
void read_pci(struct machine *m, const struct dsc_sources *src);
void read_memory(struct machine *m, const struct dsc_sources *src);
void read_sysfs(struct machine *m, const struct dsc_sources *src);
void read_cpus(struct machine *m, const struct dsc_sources *src);
/* IOAPIC lines of the kernel log (kernel-log.h); m->klog_why if none */
void read_kernel_log(struct machine *m, const struct dsc_sources *src);

/* Links the parts once all are read: scopes, IOMMU of each device, ... */
void machine_link(struct machine *m);
/* m->pm_timer from the FADT, else /proc/ioports; a limit when neither */
void pm_timer_assign(struct machine *m);

#endif /* _JH_DISCOVER_SOURCES_H */
