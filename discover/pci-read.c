// SPDX-License-Identifier: GPL-2.0
/*
 * PCI sources: libpci live (linux-sysfs access), libpci's dump access for
 * `lspci -xxxx` files, and the sys/bus/pci tree of an offline collection
 * (config + resource files, read directly: such trees lack the other
 * sysfs attributes libpci insists on). Names come from libpci's pci.ids
 * lookup in every mode.
 */
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <pci/pci.h>

#include "pci-decode.h"
#include "sources.h"
#include "util.h"

static jmp_buf pci_jmp;
static char pci_error_msg[512];

/* libpci's error callback must not return: jump back to the caller */
static void __attribute__((noreturn)) pci_error_cb(char *msg, ...)
{
	va_list ap;

	va_start(ap, msg);
	vsnprintf(pci_error_msg, sizeof(pci_error_msg), msg, ap);
	va_end(ap);
	longjmp(pci_jmp, 1);
}

static void pci_quiet_cb(char *msg, ...)
{
	(void)msg;
}

static struct pci_access *pci_access_new(void)
{
	struct pci_access *a = pci_alloc();

	if (!a)
		return NULL;
	a->error = pci_error_cb;
	a->warning = pci_quiet_cb;
	a->debug = pci_quiet_cb;
	return a;
}

static void lookup_names(struct pci_access *a, struct dsc_pci *d)
{
	uint16_t vid = cfg16(d, 0), did = cfg16(d, 2);
	uint32_t cls = cfg32(d, 8) >> 8;
	char *n;

	if (!a)
		return;
	n = pci_lookup_name(a, d->vendor_name, sizeof(d->vendor_name),
			    PCI_LOOKUP_VENDOR | PCI_LOOKUP_NO_NUMBERS, vid);
	if (!n)
		d->vendor_name[0] = '\0';
	n = pci_lookup_name(a, d->device_name, sizeof(d->device_name),
			    PCI_LOOKUP_DEVICE | PCI_LOOKUP_NO_NUMBERS, vid, did);
	if (!n)
		d->device_name[0] = '\0';
	n = pci_lookup_name(a, d->class_name, sizeof(d->class_name),
			    PCI_LOOKUP_CLASS | PCI_LOOKUP_NO_NUMBERS, cls >> 8);
	if (!n)
		d->class_name[0] = '\0';
}

static struct dsc_pci *new_dev(struct machine *m, unsigned int seg,
			       unsigned int bus, unsigned int dev,
			       unsigned int fn)
{
	struct dsc_pci **slot, *d = calloc(1, sizeof(*d));

	if (!d)
		return NULL;
	slot = vec_push(&m->pci);
	if (!slot) {
		free(d);
		return NULL;
	}
	*slot = d;
	d->segment = seg;
	d->bus = bus;
	d->dev = dev;
	d->fn = fn;
	d->iommu_group = DSC_NONE;
	d->iommu = DSC_NONE;
	d->irq = DSC_NONE;
	d->dma_alias = DSC_NONE;
	return d;
}

/* libpci live or dump access */
static int read_libpci(struct machine *m, struct pci_access *a, bool live)
{
	struct pci_dev *p;
	volatile unsigned int short_cfg = 0;

	if (setjmp(pci_jmp))
		return -EIO;
	pci_init(a);
	pci_scan_bus(a);
	for (p = a->devices; p; p = p->next) {
		struct dsc_pci *d = new_dev(m, p->domain, p->bus, p->dev, p->func);
		static const unsigned int sizes[] = { 4096, 256, 64 };

		if (!d)
			return -ENOMEM;
		for (unsigned int i = 0; i < 3; i++) {
			if (pci_read_block(p, 0, d->cfg, sizes[i])) {
				d->cfg_size = sizes[i];
				break;
			}
		}
		if (d->cfg_size < 256)
			short_cfg++;
		if (live) {
			pci_fill_info(p, PCI_FILL_BASES | PCI_FILL_SIZES |
				      PCI_FILL_ROM_BASE | PCI_FILL_IRQ);
			/* Linux's IRQ: where INTx really arrives (ACPI may
			 * have routed it past the interrupt line register) */
			if (p->irq > 0)
				d->irq = p->irq;
			for (int i = 0; i < 6; i++) {
				if (!p->size[i])
					continue;
				/* bit 0 flags I/O, whose ports are 4-aligned */
				d->res_start[i] = p->base_addr[i] &
						  (p->base_addr[i] & 1 ? PCI_ADDR_IO_MASK :
						   PCI_ADDR_MEM_MASK);
				d->res_end[i] = d->res_start[i] + p->size[i] - 1;
				d->has_res = true;
			}
			if (p->rom_size) {
				d->res_start[6] = p->rom_base_addr & PCI_ADDR_MEM_MASK;
				d->res_end[6] = d->res_start[6] + p->rom_size - 1;
			}
		}
	}
	if (short_cfg)
		dsc_limit(m, "PCI configuration space beyond 64 bytes",
			  "the kernel shows the full config space to root only",
			  "capabilities, MSI/MSI-X vectors and tables, bridge windows and extended capabilities (run as root)");
	return 0;
}

static int parse_resource_file(struct dsc_pci *d, const char *path)
{
	uint8_t *buf;
	size_t len;
	char *line, *save;
	int i = 0;

	if (read_whole_file(path, &buf, &len) < 0)
		return -errno;
	for (line = strtok_r((char *)buf, "\n", &save); line && i < 7;
	     line = strtok_r(NULL, "\n", &save), i++) {
		unsigned long long s, e, f;

		if (sscanf(line, "%llx %llx %llx", &s, &e, &f) != 3)
			continue;
		d->res_start[i] = s;
		d->res_end[i] = e;
		if (e > s)
			d->has_res = true;
	}
	free(buf);
	return 0;
}

static void read_link_name(const char *path, char *out, size_t size)
{
	char target[4096];
	ssize_t n = readlink(path, target, sizeof(target) - 1);
	const char *base;

	out[0] = '\0';
	if (n <= 0) {
		/* --collect stores links as files holding the target */
		char *s = read_line_file(path);

		if (!s)
			return;
		snprintf(target, sizeof(target), "%s", s);
		free(s);
	} else {
		target[n] = '\0';
	}
	base = strrchr(target, '/');
	snprintf(out, size, "%.63s", base ? base + 1 : target);
}

/* sys/bus/pci/devices/SSSS:BB:DD.F/{config,resource,driver,iommu_group} */
static int read_sysfs_tree(struct machine *m, const struct dsc_sources *src,
			   bool *short_cfg)
{
	char dir[4096], p[4400];
	struct dirent *de;
	DIR *dd;

	src_path(src, dir, sizeof(dir), "sys/bus/pci/devices");
	dd = opendir(dir);
	if (!dd)
		return -errno;
	while ((de = readdir(dd))) {
		unsigned int seg, bus, dev, fn;
		struct dsc_pci *d;
		uint8_t *buf;
		size_t len;
		char grp[32];
		long irq;

		if (sscanf(de->d_name, "%x:%x:%x.%x", &seg, &bus, &dev, &fn) != 4)
			continue;
		snprintf(p, sizeof(p), "%s/%s/config", dir, de->d_name);
		if (read_whole_file(p, &buf, &len) < 0) {
			dsc_warn(m, p, DSC_NONE, "cannot read: %s", strerror(errno));
			continue;
		}
		if (len < 64) {
			dsc_warn(m, p, len, "config space is %zu bytes, needs 64; device skipped",
				 len);
			free(buf);
			continue;
		}
		d = new_dev(m, seg, bus & 0xff, dev & 0x1f, fn & 7);
		if (!d) {
			free(buf);
			break;
		}
		d->cfg_size = len >= 4096 ? 4096 : len >= 256 ? 256 : 64;
		memcpy(d->cfg, buf, d->cfg_size);
		free(buf);
		if (d->cfg_size < 256)
			*short_cfg = true;
		snprintf(p, sizeof(p), "%s/%s/resource", dir, de->d_name);
		parse_resource_file(d, p);
		snprintf(p, sizeof(p), "%s/%s/driver", dir, de->d_name);
		read_link_name(p, d->driver, sizeof(d->driver));
		snprintf(p, sizeof(p), "%s/%s/iommu_group", dir, de->d_name);
		read_link_name(p, grp, sizeof(grp));
		if (grp[0])
			d->iommu_group = atoi(grp);
		/* the IRQ Linux routed INTx to; the interrupt line register
		 * holds the firmware's choice, which ACPI may have changed */
		snprintf(p, sizeof(p), "%s/%s/irq", dir, de->d_name);
		if (!read_long_file(p, &irq) && irq >= 0 && irq <= INT_MAX)
			d->irq = (int)irq;
	}
	closedir(dd);
	return 0;
}

void read_pci(struct machine *m, const struct dsc_sources *src)
{
	struct pci_access *names = pci_access_new();
	int ret = 0;

	if (src->pci_dump) {
		struct pci_access *a = pci_access_new();

		if (!a)
			return;
		a->method = PCI_ACCESS_DUMP;
		pci_set_param(a, "dump.name", (char *)src->pci_dump);
		if (!is_regular_file(src->pci_dump)) {
			dsc_limit(m, "PCI devices", "--pci-dump file cannot be opened",
				  "every PCI device, BAR and capability");
		} else if ((ret = read_libpci(m, a, false))) {
			dsc_warn(m, src->pci_dump, DSC_NONE,
				 "libpci could not read the dump (%s); the devices read before that are kept",
				 pci_error_msg);
		}
		if (setjmp(pci_jmp) == 0)
			pci_cleanup(a);
		m->pci_read = true;
	} else if (src->offline) {
		bool short_cfg = false;

		if (!src->root || read_sysfs_tree(m, src, &short_cfg)) {
			dsc_limit(m, "PCI devices",
				  "no --pci-dump given and the offline tree has no sys/bus/pci/devices",
				  "every PCI device, BAR and capability");
		} else {
			m->pci_read = true;
		}
		if (short_cfg)
			dsc_limit(m, "PCI configuration space beyond 64 bytes",
				  "the collected config files were read without root",
				  "capabilities, MSI/MSI-X and bridge windows");
	} else {
		struct pci_access *a = pci_access_new();

		if (!a)
			return;
		if (read_libpci(m, a, true))
			dsc_limit(m, "PCI devices", pci_error_msg,
				  "every PCI device, BAR and capability");
		else
			m->pci_read = true;
		if (setjmp(pci_jmp) == 0)
			pci_cleanup(a);
	}
	if (m->pci.n)
		qsort(m->pci.v, m->pci.n, sizeof(*m->pci.v), machine_cmp_pci);
	/*
	 * Names need only pci.ids: no pci_init(), whose access method probe
	 * would look at this machine's PCI (/sys/bus/pci) even offline
	 */
	if (names && setjmp(pci_jmp) == 0) {
		for (size_t i = 0; i < m->pci.n; i++)
			lookup_names(names, m->pci.v[i]);
	}
	for (size_t i = 0; i < m->pci.n; i++)
		pci_decode_bars(m->pci.v[i]);
	if (names && setjmp(pci_jmp) == 0)
		pci_cleanup(names);
}
