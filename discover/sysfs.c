// SPDX-License-Identifier: GPL-2.0
/*
 * sysfs and udev facts: serial ports (/sys/class/tty), the driver bound to
 * each PCI device and its IOMMU group, DMI strings. Live, devices are
 * found through libudev; offline, the same attributes are read from the
 * collected tree.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libudev.h>

#include "sources.h"
#include "util.h"

/* serial8250 io_type values (UPIO_*) */
static const struct {
	bool mmio;
	uint8_t width;
} uart_io_types[] = {
	[0] = { false, 1 }, [1] = { false, 1 }, [2] = { true, 1 },
	[3] = { true, 4 }, [4] = { true, 4 }, [5] = { true, 4 },
	[6] = { true, 4 }, [7] = { true, 2 },
};

static bool port_claimed_by_serial(const struct machine *m, uint32_t port)
{
	for (size_t i = 0; i < m->ioports.n; i++)
		if (m->ioports.v[i].start <= port && m->ioports.v[i].end >= port &&
		    strstr(m->ioports.v[i].name, "serial"))
			return true;
	return false;
}

static void add_serial(struct machine *m, const char *name, const char *dir)
{
	char p[4300];
	struct dsc_serial *s;
	long v, type = -1, io_type = 0;

	s = vec_push(&m->serials);
	if (!s)
		return;
	snprintf(s->name, sizeof(s->name), "%s", name);
	snprintf(p, sizeof(p), "%s/port", dir);
	if (!read_long_file(p, &v))
		s->port = v;
	snprintf(p, sizeof(p), "%s/iomem_base", dir);
	if (!read_long_file(p, &v))
		s->address = (unsigned long)v;
	snprintf(p, sizeof(p), "%s/iomem_reg_shift", dir);
	s->reg_shift = read_long_file(p, &v) ? 0 : v;
	snprintf(p, sizeof(p), "%s/io_type", dir);
	if (!read_long_file(p, &v))
		io_type = v;
	snprintf(p, sizeof(p), "%s/irq", dir);
	s->irq = read_long_file(p, &v) ? DSC_NONE : v;
	snprintf(p, sizeof(p), "%s/uartclk", dir);
	s->uartclk = read_long_file(p, &v) ? DSC_NONE : v;
	snprintf(p, sizeof(p), "%s/type", dir);
	if (!read_long_file(p, &v))
		type = v;
	if (io_type < 0 || io_type > 7)
		io_type = 0;
	s->mmio = uart_io_types[io_type].mmio;
	s->reg_width = uart_io_types[io_type].width;
	/* 8250 registers ttyS0-3 even without a UART: type 0 is "none" */
	if (type >= 0)
		s->in_use = type != 0;
	else
		s->in_use = s->mmio ? s->address != 0 :
			    (s->port && port_claimed_by_serial(m, s->port));
}

static int cmp_serial(const void *a, const void *b)
{
	const struct dsc_serial *x = a, *y = b;
	size_t lx = strlen(x->name), ly = strlen(y->name);

	/* ttyS2 before ttyS10 */
	return lx != ly ? (lx < ly ? -1 : 1) : strcmp(x->name, y->name);
}

static void read_serial_tree(struct machine *m, const struct dsc_sources *src)
{
	char dir[4096], p[4400];
	struct dirent *de;
	DIR *d;

	src_path(src, dir, sizeof(dir), "sys/class/tty");
	d = opendir(dir);
	if (!d)
		return;
	while ((de = readdir(d))) {
		if (strncmp(de->d_name, "ttyS", 4))
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, de->d_name);
		add_serial(m, de->d_name, p);
	}
	closedir(d);
}

static void read_udev(struct machine *m)
{
	struct udev *u = udev_new();
	struct udev_enumerate *en;
	struct udev_list_entry *e;

	if (!u) {
		dsc_limit(m, "udev", "udev_new() failed",
			  "PCI drivers, IOMMU groups and serial ports");
		return;
	}
	en = udev_enumerate_new(u);
	if (en) {
		udev_enumerate_add_match_subsystem(en, "tty");
		udev_enumerate_add_match_sysname(en, "ttyS*");
		udev_enumerate_scan_devices(en);
		udev_list_entry_foreach(e, udev_enumerate_get_list_entry(en)) {
			const char *path = udev_list_entry_get_name(e);
			const char *name = strrchr(path, '/');

			add_serial(m, name ? name + 1 : path, path);
		}
		udev_enumerate_unref(en);
	}
	for (size_t i = 0; i < m->pci.n; i++) {
		struct dsc_pci *pd = m->pci.v[i];
		struct udev_device *dev;
		const char *v;
		char name[16];

		snprintf(name, sizeof(name), "%04x:%02x:%02x.%x", pd->segment,
			 pd->bus, pd->dev, pd->fn);
		dev = udev_device_new_from_subsystem_sysname(u, "pci", name);
		if (!dev)
			continue;
		v = udev_device_get_driver(dev);
		if (v)
			snprintf(pd->driver, sizeof(pd->driver), "%s", v);
		/* a symlink attribute reads as its target's last component */
		v = udev_device_get_sysattr_value(dev, "iommu_group");
		if (v)
			pd->iommu_group = atoi(v);
		udev_device_unref(dev);
	}
	udev_unref(u);
}

static void read_dmi(struct machine *m, const struct dsc_sources *src)
{
	char p[4096], rel[128];

	if (src->offline && !src->root)
		return;
	for (int i = 0; i < 7; i++) {
		snprintf(rel, sizeof(rel), "sys/class/dmi/id/%s", dsc_dmi_fields[i]);
		m->dmi.field[i] = read_line_file(src_path(src, p, sizeof(p), rel));
		/* emulators leave fields empty: treat as unknown */
		if (m->dmi.field[i] && !m->dmi.field[i][strspn(m->dmi.field[i], " ")]) {
			free(m->dmi.field[i]);
			m->dmi.field[i] = NULL;
		}
	}
}

void read_sysfs(struct machine *m, const struct dsc_sources *src)
{
	if (!src->offline)
		read_udev(m);
	else if (src->root)
		read_serial_tree(m, src);
	if (m->serials.n)
		qsort(m->serials.v, m->serials.n, sizeof(*m->serials.v),
		      cmp_serial);
	read_dmi(m, src);
}
