// SPDX-License-Identifier: GPL-2.0
/*
 * The in-memory config model: growable lists of ABI structs with comments.
 * See config-writer.h.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config-writer.h"

static void list_init(struct jhgen_list *l, size_t elem_size)
{
	memset(l, 0, sizeof(*l));
	l->elem_size = elem_size;
}

static void list_free(struct jhgen_list *l)
{
	size_t i;

	for (i = 0; i < l->count; i++)
		free(l->comments[i]);
	free(l->comments);
	free(l->items);
	list_init(l, l->elem_size);
}

static int list_grow(struct jhgen_list *l)
{
	size_t cap = l->cap ? l->cap * 2 : 16;
	void *items;
	char **comments;

	items = realloc(l->items, cap * l->elem_size);
	if (!items)
		return -ENOMEM;
	l->items = items;
	comments = realloc(l->comments, cap * sizeof(*comments));
	if (!comments)
		return -ENOMEM;
	l->comments = comments;
	l->cap = cap;
	return 0;
}

/* Appends elem; comment is taken over (freed on failure) */
static int list_add(struct jhgen_list *l, const void *elem, char *comment)
{
	int err;

	if (l->count == l->cap) {
		err = list_grow(l);
		if (err) {
			free(comment);
			return err;
		}
	}
	memcpy((char *)l->items + l->count * l->elem_size, elem, l->elem_size);
	l->comments[l->count] = comment;
	return (int)l->count++;
}

void jhgen_list_remove(struct jhgen_list *l, size_t i)
{
	char *base = l->items;

	if (i >= l->count)
		return;
	free(l->comments[i]);
	memmove(base + i * l->elem_size, base + (i + 1) * l->elem_size,
		(l->count - i - 1) * l->elem_size);
	memmove(&l->comments[i], &l->comments[i + 1],
		(l->count - i - 1) * sizeof(l->comments[0]));
	l->count--;
}

/* NULL format gives an empty comment; returns NULL only on -ENOMEM */
static char *format_comment(const char *fmt, va_list ap)
{
	char *s;

	if (!fmt)
		return strdup("");
	if (vasprintf(&s, fmt, ap) < 0)
		return NULL;
	return s;
}

#define DEFINE_ADD(fn, owner_type, list_member, elem_type)		\
int fn(owner_type *o, const elem_type *elem, const char *fmt, ...)	\
{									\
	va_list ap;							\
	char *comment;							\
									\
	va_start(ap, fmt);						\
	comment = format_comment(fmt, ap);				\
	va_end(ap);							\
	if (!comment)							\
		return -ENOMEM;						\
	return list_add(&o->list_member, elem, comment);		\
}

DEFINE_ADD(jhgen_cell_add_mem, struct jhgen_cell, mem, struct jh_memory)
DEFINE_ADD(jhgen_cell_add_cache, struct jhgen_cell, cache, struct jh_cache)
DEFINE_ADD(jhgen_cell_add_irqchip, struct jhgen_cell, irqchips,
	   struct jh_irqchip)
DEFINE_ADD(jhgen_cell_add_pio, struct jhgen_cell, pio, struct jh_pio)
DEFINE_ADD(jhgen_cell_add_link, struct jhgen_cell, links, struct jh_shmem_link)
DEFINE_ADD(jhgen_system_add_mmconfig, struct jhgen_system, mmconfig,
	   struct jh_pci_mmconfig)
DEFINE_ADD(jhgen_system_add_iommu, struct jhgen_system, iommus,
	   struct jh_iommu)
DEFINE_ADD(jhgen_system_add_ioapic, struct jhgen_system, ioapics,
	   struct jh_ioapic)

/* Index of an existing identical capability run, or -1 */
static int find_caps(const struct jhgen_cell *c,
		     const struct jh_pci_capability *caps, unsigned int n)
{
	const struct jh_pci_capability *have = c->caps.items;
	size_t i;

	if (!n || c->caps.count < n)
		return -1;
	for (i = 0; i + n <= c->caps.count; i++)
		if (!memcmp(&have[i], caps, n * sizeof(*caps)))
			return (int)i;
	return -1;
}

int jhgen_cell_add_pci(struct jhgen_cell *c, const struct jh_pci_device *elem,
		       const struct jh_pci_capability *caps,
		       unsigned int num_caps, const char *const *cap_comments,
		       const char *fmt, ...)
{
	struct jh_pci_device dev = *elem;
	va_list ap;
	char *comment;
	unsigned int i;
	int start, err;

	start = find_caps(c, caps, num_caps);
	if (start < 0 && num_caps) {
		start = (int)c->caps.count;
		for (i = 0; i < num_caps; i++) {
			char *cc = strdup(cap_comments && cap_comments[i] ?
					  cap_comments[i] : "");

			if (!cc)
				return -ENOMEM;
			err = list_add(&c->caps, &caps[i], cc);
			if (err < 0)
				return err;
		}
	}
	if (start > 0xffff || num_caps > 0xffff)
		return -EINVAL;
	dev.caps_start = start < 0 ? 0 : (uint16_t)start;
	dev.num_caps = (uint16_t)num_caps;

	va_start(ap, fmt);
	comment = format_comment(fmt, ap);
	va_end(ap);
	if (!comment)
		return -ENOMEM;
	return list_add(&c->pci, &dev, comment);
}

int jhgen_system_set_hv_comment(struct jhgen_system *s, const char *fmt, ...)
{
	va_list ap;
	char *comment;

	va_start(ap, fmt);
	comment = format_comment(fmt, ap);
	va_end(ap);
	if (!comment)
		return -ENOMEM;
	free(s->hv_comment);
	s->hv_comment = comment;
	return 0;
}

int jhgen_cell_add_cpu(struct jhgen_cell *c, unsigned int cpu)
{
	size_t words = cpu / 64 + 1;

	if (words > c->cpu_words) {
		uint64_t *cpus = realloc(c->cpus, words * sizeof(*cpus));

		if (!cpus)
			return -ENOMEM;
		memset(cpus + c->cpu_words, 0,
		       (words - c->cpu_words) * sizeof(*cpus));
		c->cpus = cpus;
		c->cpu_words = words;
	}
	c->cpus[cpu / 64] |= 1ULL << (cpu % 64);
	return 0;
}

bool jhgen_cell_has_cpu(const struct jhgen_cell *c, unsigned int cpu)
{
	if (cpu / 64 >= c->cpu_words)
		return false;
	return (c->cpus[cpu / 64] >> (cpu % 64)) & 1;
}

unsigned int jhgen_cell_num_cpus(const struct jhgen_cell *c)
{
	unsigned int n = 0;
	size_t i;

	for (i = 0; i < c->cpu_words; i++)
		n += (unsigned int)__builtin_popcountll(c->cpus[i]);
	return n;
}

static int cmp_mem(const void *a, const void *b)
{
	const struct jh_memory *x = a, *y = b;

	if (x->phys_start != y->phys_start)
		return x->phys_start < y->phys_start ? -1 : 1;
	if (x->virt_start != y->virt_start)
		return x->virt_start < y->virt_start ? -1 : 1;
	return 0;
}

/*
 * Insertion sort of items and comments together: lists are short, and a
 * stable sort keeps output deterministic for equal keys.
 */
void jhgen_cell_sort_mem(struct jhgen_cell *c)
{
	struct jh_memory *m = c->mem.items;
	size_t i, j;

	for (i = 1; i < c->mem.count; i++) {
		struct jh_memory key = m[i];
		char *key_comment = c->mem.comments[i];

		for (j = i; j > 0 && cmp_mem(&m[j - 1], &key) > 0; j--) {
			m[j] = m[j - 1];
			c->mem.comments[j] = c->mem.comments[j - 1];
		}
		m[j] = key;
		c->mem.comments[j] = key_comment;
	}
}

void jhgen_cell_init(struct jhgen_cell *c, const char *name)
{
	memset(c, 0, sizeof(*c));
	memcpy(c->desc.signature, JH_CELL_SIGNATURE, JH_SIGNATURE_SIZE);
	c->desc.revision = JH_CONFIG_REVISION;
	c->desc.architecture = JH_ARCH_X86_64;
	c->desc.msg_reply_timeout = 100;
	snprintf(c->desc.name, sizeof(c->desc.name), "%s", name);
	list_init(&c->mem, sizeof(struct jh_memory));
	list_init(&c->cache, sizeof(struct jh_cache));
	list_init(&c->irqchips, sizeof(struct jh_irqchip));
	list_init(&c->pio, sizeof(struct jh_pio));
	list_init(&c->pci, sizeof(struct jh_pci_device));
	list_init(&c->caps, sizeof(struct jh_pci_capability));
	list_init(&c->links, sizeof(struct jh_shmem_link));
}

void jhgen_cell_free(struct jhgen_cell *c)
{
	free(c->cpus);
	c->cpus = NULL;
	c->cpu_words = 0;
	list_free(&c->mem);
	list_free(&c->cache);
	list_free(&c->irqchips);
	list_free(&c->pio);
	list_free(&c->pci);
	list_free(&c->caps);
	list_free(&c->links);
}

void jhgen_system_init(struct jhgen_system *s, const char *root_name)
{
	memset(s, 0, sizeof(*s));
	memcpy(s->header.signature, JH_SYSTEM_SIGNATURE, JH_SIGNATURE_SIZE);
	s->header.revision = JH_CONFIG_REVISION;
	s->header.architecture = JH_ARCH_X86_64;
	list_init(&s->mmconfig, sizeof(struct jh_pci_mmconfig));
	list_init(&s->iommus, sizeof(struct jh_iommu));
	list_init(&s->ioapics, sizeof(struct jh_ioapic));
	jhgen_cell_init(&s->root, root_name);
}

void jhgen_system_free(struct jhgen_system *s)
{
	free(s->hv_comment);
	s->hv_comment = NULL;
	list_free(&s->mmconfig);
	list_free(&s->iommus);
	list_free(&s->ioapics);
	jhgen_cell_free(&s->root);
}
