// SPDX-License-Identifier: GPL-2.0
/*
 * Binary writer: lays the model out exactly as include/jh/config.h
 * describes, the same bytes the config compiler makes of the C source.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config-internal.h"

/* Lists longer than a 32-bit count are a caller bug */
static bool too_long(const struct jhgen_list *l)
{
	return l->count > UINT32_MAX;
}

int jhgen_cell_finalize(struct jhgen_cell *c)
{
	struct jh_cell_desc *d = &c->desc;

	if (too_long(&c->mem) || too_long(&c->cache) ||
	    too_long(&c->irqchips) || too_long(&c->pio) ||
	    too_long(&c->pci) || too_long(&c->caps) || too_long(&c->links))
		return -EINVAL;
	d->cpu_set_size = (uint32_t)(jhgen_cpu_words(c) * sizeof(uint64_t));
	d->num_memory_regions = (uint32_t)c->mem.count;
	d->num_cache_regions = (uint32_t)c->cache.count;
	d->num_irqchips = (uint32_t)c->irqchips.count;
	d->num_pio_regions = (uint32_t)c->pio.count;
	d->num_pci_devices = (uint32_t)c->pci.count;
	d->num_pci_caps = (uint32_t)c->caps.count;
	d->num_shmem_links = (uint32_t)c->links.count;
	return 0;
}

int jhgen_system_finalize(struct jhgen_system *s)
{
	struct jh_platform *p = &s->header.platform;

	if (too_long(&s->mmconfig) || too_long(&s->iommus) ||
	    too_long(&s->ioapics))
		return -EINVAL;
	p->num_pci_mmconfig = (uint32_t)s->mmconfig.count;
	p->num_iommus = (uint32_t)s->iommus.count;
	p->num_ioapics = (uint32_t)s->ioapics.count;
	return jhgen_cell_finalize(&s->root);
}

static size_t list_bytes(const struct jhgen_list *l)
{
	return l->count * l->elem_size;
}

static size_t cell_bytes(const struct jhgen_cell *c)
{
	return sizeof(c->desc) + jhgen_cpu_words(c) * sizeof(uint64_t) +
	       list_bytes(&c->mem) + list_bytes(&c->cache) +
	       list_bytes(&c->irqchips) + list_bytes(&c->pio) +
	       list_bytes(&c->pci) + list_bytes(&c->caps) + list_bytes(&c->links);
}

static char *put(char *p, const void *src, size_t n)
{
	if (n)
		memcpy(p, src, n);
	return p + n;
}

static char *put_list(char *p, const struct jhgen_list *l)
{
	return put(p, l->items, list_bytes(l));
}

static char *put_cell(char *p, const struct jhgen_cell *c)
{
	uint64_t empty = 0;

	p = put(p, &c->desc, sizeof(c->desc));
	p = c->cpu_words ? put(p, c->cpus, c->cpu_words * sizeof(uint64_t)) :
			   put(p, &empty, sizeof(empty));
	p = put_list(p, &c->mem);
	p = put_list(p, &c->cache);
	p = put_list(p, &c->irqchips);
	p = put_list(p, &c->pio);
	p = put_list(p, &c->pci);
	p = put_list(p, &c->caps);
	return put_list(p, &c->links);
}

int jhgen_cell_blob(struct jhgen_cell *c, void **blob, size_t *size)
{
	int err = jhgen_cell_finalize(c);
	char *buf;

	if (err)
		return err;
	*size = cell_bytes(c);
	buf = calloc(1, *size);
	if (!buf)
		return -ENOMEM;
	put_cell(buf, c);
	*blob = buf;
	return 0;
}

int jhgen_system_blob(struct jhgen_system *s, void **blob, size_t *size)
{
	int err = jhgen_system_finalize(s);
	char *buf, *p;

	if (err)
		return err;
	*size = sizeof(s->header) + list_bytes(&s->mmconfig) +
		list_bytes(&s->iommus) + list_bytes(&s->ioapics) +
		cell_bytes(&s->root);
	buf = calloc(1, *size);
	if (!buf)
		return -ENOMEM;
	p = put(buf, &s->header, sizeof(s->header));
	p = put_list(p, &s->mmconfig);
	p = put_list(p, &s->iommus);
	p = put_list(p, &s->ioapics);
	put_cell(p, &s->root);
	*blob = buf;
	return 0;
}
