// SPDX-License-Identifier: GPL-2.0
/*
 * Several RT cells: each jh-plan run plans one cell, and the cells an
 * earlier run wrote into the same --out directory (NAME.cell files) are
 * kept: their CPUs and devices are taken, their RAM in the reservation is
 * planned around, and the new sysconfig gives the root all of it until
 * each cell is created. The validator then checks all cells together.
 */
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jh/config-walk.h>

#include "config-check.h"
#include "plan.h"

#define RAM_FLAGS	(JH_MEM_READ | JH_MEM_WRITE | JH_MEM_EXECUTE | JH_MEM_DMA)

static int cmp_others(const void *a, const void *b)
{
	return strcmp(((const struct plan_other_cell *)a)->file,
		      ((const struct plan_other_cell *)b)->file);
}

static int read_blob(const char *path, void **blob, size_t *size)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, n;

	if (!f)
		return -errno;
	for (;;) {
		char *g = realloc(buf, len + 65536);

		if (!g) {
			free(buf);
			fclose(f);
			return -ENOMEM;
		}
		buf = g;
		n = fread(buf + len, 1, 65536, f);
		len += n;
		if (n < 65536)
			break;
	}
	fclose(f);
	*blob = buf;
	*size = len;
	return 0;
}

int plan_load_others(const char *dir, const char *name,
		     struct plan_other_cell **out, int *num)
{
	char own[64];
	struct dirent *e;
	DIR *d = opendir(dir);
	int n = 0, err = 0;

	*out = NULL;
	*num = 0;
	if (!d)
		return 0;	/* a new directory: no other cells */
	snprintf(own, sizeof(own), "%s.cell", name);
	while ((e = readdir(d)) && !err) {
		size_t len = strlen(e->d_name);
		struct plan_other_cell *o, *g;

		if (len < 6 || strcmp(e->d_name + len - 5, ".cell") ||
		    !strcmp(e->d_name, "sysconfig.cell") || !strcmp(e->d_name, own))
			continue;
		g = realloc(*out, (size_t)(n + 1) * sizeof(*o));
		if (!g) {
			err = -ENOMEM;
			break;
		}
		*out = g;
		o = &g[n];
		memset(o, 0, sizeof(*o));
		snprintf(o->file, sizeof(o->file), "%s/%s", dir, e->d_name);
		err = read_blob(o->file, &o->blob, &o->size);
		if (err) {
			fprintf(stderr, "jh-plan: %s: cannot read: %s; fix: remove it from %s or make it readable\n",
				o->file, strerror(-err), dir);
			break;
		}
		n++;
		if (jh_config_kind(o->blob, o->size) != JH_CONFIG_CELL ||
		    jh_check_blob(&(struct jh_config_blob){ o->file, o->blob, o->size },
				  NULL, NULL, NULL)) {
			fprintf(stderr, "jh-plan: %s: not a valid cell config; fix: remove it from %s (jh config check says why)\n",
				o->file, dir);
			err = -EINVAL;
		}
	}
	closedir(d);
	*num = n;
	if (!err && n > 1)
		qsort(*out, (size_t)n, sizeof(**out), cmp_others);
	return err;
}

void plan_free_others(struct plan_other_cell *o, int num)
{
	int i;

	for (i = 0; i < num; i++)
		free(o[i].blob);
	free(o);
}

static const struct jh_cell_desc *desc_of(const struct plan_other_cell *o)
{
	return o->blob;
}

void plan_check_others(struct plan *p)
{
	const struct plan_request *r = p->req;
	int i, k, taken = 0;

	for (i = 0; i < p->num_others; i++) {
		const struct jh_cell_desc *c = desc_of(&p->others[i]);
		const struct jh_pci_device *dev = jh_cell_pci_devices(c);
		uint32_t j;

		for (k = 0; k < r->num_cpus; k++) {
			if (!jh_cell_has_cpu(c, (uint64_t)r->cpus[k]))
				continue;
			plan_add(p, PLAN_ERROR, "other-cells",
				 "fix: choose other CPUs, or delete that cell's files to plan it anew",
				 "CPU %d belongs to cell \"%.32s\" (%s)", r->cpus[k],
				 c->name, p->others[i].file);
			taken++;
		}
		for (j = 0; j < c->num_pio_regions && r->console_port >= 0; j++) {
			const struct jh_pio *io = &jh_cell_pio(c)[j];

			if ((uint32_t)r->console_port + 8 <= io->base ||
			    (uint32_t)r->console_port >= (uint32_t)io->base + io->length)
				continue;
			plan_add(p, PLAN_ERROR, "other-cells",
				 "fix: give this cell another UART (--rt-console PORT) or none (--rt-console none)",
				 "console ports 0x%x-0x%x belong to cell \"%.32s\"",
				 r->console_port, r->console_port + 7, c->name);
			taken++;
		}
		for (j = 0; j < c->num_pci_devices; j++)
			for (k = 0; k < r->num_devices; k++) {
				const struct pm_pci *d =
					machine_pci(p->m, r->devices[k]);

				if (d && d->bdf16 == dev[j].bdf &&
				    d->segment == dev[j].segment) {
					plan_add(p, PLAN_ERROR, "other-cells",
						 "fix: choose another device, or delete that cell's files",
						 "device %s belongs to cell \"%.32s\"",
						 d->bdf, c->name);
					taken++;
				}
			}
	}
	if (p->num_others && !taken)
		plan_add(p, PLAN_OK, "other-cells", NULL,
			 "%d cell(s) planned before in this directory keep their CPUs, devices and RAM",
			 p->num_others);
}

static bool is_cell_ram(const struct jh_memory *m)
{
	return !(m->flags & (JH_MEM_COMM_REGION | JH_MEM_IO)) && m->size;
}

uint64_t plan_others_end(const struct plan *p, uint64_t res_base,
			 uint64_t res_end)
{
	uint64_t end = 0;
	int i;

	for (i = 0; i < p->num_others; i++) {
		const struct jh_cell_desc *c = desc_of(&p->others[i]);
		const struct jh_memory *m = jh_cell_mem_regions(c);
		uint32_t j;

		for (j = 0; j < c->num_memory_regions; j++)
			if (is_cell_ram(&m[j]) && m[j].phys_start >= res_base &&
			    m[j].phys_start < res_end &&
			    m[j].phys_start + m[j].size > end)
				end = m[j].phys_start + m[j].size;
	}
	return end;
}

/* The other cells' RAM and shared memory in the reservation, for the root */
int plan_add_others_to_root(struct plan *p)
{
	int i, err = 0;

	for (i = 0; i < p->num_others && err >= 0; i++) {
		const struct jh_cell_desc *c = desc_of(&p->others[i]);
		const struct jh_memory *m = jh_cell_mem_regions(c);
		uint32_t j;

		for (j = 0; j < c->num_memory_regions && err >= 0; j++) {
			bool shared = m[j].flags & JH_MEM_ROOTSHARED;

			if (!is_cell_ram(&m[j]) || m[j].phys_start < p->res_base ||
			    m[j].phys_start >= p->res_base + p->res_size)
				continue;
			err = jhgen_cell_add_mem(&p->sys.root, &(struct jh_memory){
				.phys_start = m[j].phys_start,
				.virt_start = m[j].phys_start, .size = m[j].size,
				.flags = shared ? JH_MEM_READ | JH_MEM_WRITE :
						  RAM_FLAGS },
				"%s of cell \"%.32s\" (planned before)",
				shared ? "memory shared with the root" : "RAM",
				c->name);
		}
	}
	return err < 0 ? err : 0;
}
