// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE
/*
 * The machine model's life cycle, warnings and limits.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machine.h"

const char *const dsc_dmi_fields[7] = {
	"sys_vendor", "product_name", "board_vendor", "board_name",
	"bios_vendor", "bios_version", "bios_date",
};

void *vec_grow(void **v, size_t *n, size_t *cap, size_t elem_size)
{
	char *p;

	if (*n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 8;

		p = realloc(*v, ncap * elem_size);
		if (!p)
			return NULL;
		*v = p;
		*cap = ncap;
	}
	p = (char *)*v + *n * elem_size;
	memset(p, 0, elem_size);
	(*n)++;
	return p;
}

void machine_init(struct machine *m)
{
	memset(m, 0, sizeof(*m));
}

static void free_ranges(struct dsc_range_vec *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->v[i].name);
	vec_free(r);
}

void machine_free(struct machine *m)
{
	size_t i;

	for (i = 0; i < m->tables.n; i++)
		free(m->tables.v[i].data);
	for (i = 0; i < m->warnings.n; i++)
		free(m->warnings.v[i].message);
	for (i = 0; i < m->limits.n; i++) {
		free(m->limits.v[i].what);
		free(m->limits.v[i].why);
		free(m->limits.v[i].leaves_out);
	}
	for (i = 0; i < m->iommus.n; i++)
		vec_free(&m->iommus.v[i].scopes);
	for (i = 0; i < m->rmrrs.n; i++)
		vec_free(&m->rmrrs.v[i].scopes);
	for (i = 0; i < m->atsrs.n; i++)
		vec_free(&m->atsrs.v[i].scopes);
	for (i = 0; i < m->satcs.n; i++)
		vec_free(&m->satcs.v[i].scopes);
	for (i = 0; i < m->ivhds.n; i++)
		vec_free(&m->ivhds.v[i].entries);
	for (i = 0; i < m->pci.n; i++)
		free(m->pci.v[i]);
	for (i = 0; i < m->inputs.n; i++)
		free(m->inputs.v[i]);
	for (i = 0; i < 7; i++)
		free(m->dmi.field[i]);
	free_ranges(&m->e820);
	free_ranges(&m->iomem);
	free_ranges(&m->ioports);
	vec_free(&m->tables);
	vec_free(&m->warnings);
	vec_free(&m->limits);
	vec_free(&m->cpus);
	vec_free(&m->ioapics);
	vec_free(&m->isos);
	vec_free(&m->nmi_gsis);
	vec_free(&m->klog_ioapics);
	free(m->klog_source);
	free(m->klog_why);
	vec_free(&m->mmcfg);
	vec_free(&m->iommus);
	vec_free(&m->rmrrs);
	vec_free(&m->atsrs);
	vec_free(&m->satcs);
	vec_free(&m->rhsas);
	vec_free(&m->andds);
	vec_free(&m->ivhds);
	vec_free(&m->ivmds);
	vec_free(&m->hpets);
	vec_free(&m->srat_cpus);
	vec_free(&m->srat_mem);
	vec_free(&m->pci);
	vec_free(&m->serials);
	vec_free(&m->inputs);
	free(m->slit);
	free(m->cmdline);
}

void dsc_warn(struct machine *m, const char *source, long offset,
	      const char *fmt, ...)
{
	struct dsc_warning *w;
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	/* the root policy may run twice (sizing, then output): warn once */
	for (size_t i = 0; msg && i < m->warnings.n; i++)
		if (m->warnings.v[i].offset == offset &&
		    !strcmp(m->warnings.v[i].source, source) &&
		    !strcmp(m->warnings.v[i].message, msg)) {
			free(msg);
			return;
		}
	w = vec_push(&m->warnings);
	if (!w || !msg) {
		free(msg);
		return;
	}
	snprintf(w->source, sizeof(w->source), "%s", source);
	w->offset = offset;
	w->message = msg;
}

void dsc_limit(struct machine *m, const char *what, const char *why,
	       const char *leaves_out)
{
	struct dsc_limit *l = vec_push(&m->limits);

	if (!l)
		return;
	l->what = strdup(what);
	l->why = strdup(why);
	l->leaves_out = strdup(leaves_out);
}

struct dsc_pci *machine_find_pci(const struct machine *m, uint16_t segment,
				 uint8_t bus, uint8_t dev, uint8_t fn)
{
	for (size_t i = 0; i < m->pci.n; i++) {
		struct dsc_pci *d = m->pci.v[i];

		if (d->segment == segment && d->bus == bus && d->dev == dev &&
		    d->fn == fn)
			return d;
	}
	return NULL;
}

int machine_cmp_pci(const void *a, const void *b)
{
	const struct dsc_pci *x = *(struct dsc_pci *const *)a;
	const struct dsc_pci *y = *(struct dsc_pci *const *)b;
	uint64_t kx = (uint64_t)x->segment << 16 | x->bus << 8 | x->dev << 3 | x->fn;
	uint64_t ky = (uint64_t)y->segment << 16 | y->bus << 8 | y->dev << 3 | y->fn;

	return kx < ky ? -1 : kx > ky;
}
