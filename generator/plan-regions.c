// SPDX-License-Identifier: GPL-2.0
/* Region sets: overlapping sources -> disjoint page regions (see header) */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan-regions.h"

#define PAGE	0x1000ULL

static int push(struct rs_region **arr, int *n, int *cap,
		const struct rs_region *r)
{
	if (*n == *cap) {
		int ncap = *cap ? *cap * 2 : 64;
		struct rs_region *g = realloc(*arr, (size_t)ncap * sizeof(*g));

		if (!g)
			return -ENOMEM;
		*arr = g;
		*cap = ncap;
	}
	(*arr)[(*n)++] = *r;
	return 0;
}

int rs_add(struct region_set *s, uint64_t start, uint64_t size,
	   uint64_t flags, int prio, enum rs_round round, const char *fmt, ...)
{
	struct rs_region r = { .flags = flags, .prio = prio };
	uint64_t end = start + size;
	va_list ap;

	if (!size || end < start)
		return 0;
	if (round == RS_INWARD) {
		r.start = (start + PAGE - 1) & ~(PAGE - 1);
		r.end = end & ~(PAGE - 1);
	} else {
		r.start = start & ~(PAGE - 1);
		r.end = (end + PAGE - 1) & ~(PAGE - 1);
	}
	if (r.end <= r.start)
		return 0;
	va_start(ap, fmt);
	vsnprintf(r.comment, sizeof(r.comment), fmt, ap);
	va_end(ap);
	return push(&s->r, &s->n, &s->cap, &r);
}

int rs_hole(struct region_set *s, uint64_t start, uint64_t size)
{
	struct rs_region h = {
		.start = start & ~(PAGE - 1),
		.end = (start + size + PAGE - 1) & ~(PAGE - 1),
	};

	if (!size)
		return 0;
	return push(&s->holes, &s->num_holes, &s->holes_cap, &h);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static bool in_hole(const struct region_set *s, uint64_t a, uint64_t b)
{
	int i;

	for (i = 0; i < s->num_holes; i++)
		if (a < s->holes[i].end && b > s->holes[i].start)
			return true;
	return false;
}

/* Source of [a, b): highest priority, first added on ties; -1 none */
static int winner(const struct region_set *s, uint64_t a, uint64_t b)
{
	int i, best = -1;

	for (i = 0; i < s->n; i++) {
		const struct rs_region *r = &s->r[i];

		if (a >= r->start && b <= r->end &&
		    (best < 0 || r->prio > s->r[best].prio))
			best = i;
	}
	return best;
}

static int emit_one(const struct region_set *s, struct jhgen_cell *c, int src,
		    uint64_t start, uint64_t end)
{
	int r = jhgen_cell_add_mem(c, &(struct jh_memory){
		.phys_start = start, .virt_start = start, .size = end - start,
		.flags = s->r[src].flags }, "%s", s->r[src].comment);

	return r < 0 ? r : 0;
}

int rs_emit(struct region_set *s, struct jhgen_cell *c)
{
	size_t nb = (size_t)(s->n + s->num_holes) * 2, i, k = 0;
	uint64_t *b = malloc((nb ? nb : 1) * sizeof(*b));
	uint64_t run_start = 0, run_end = 0;
	int run = -1, err = 0;

	if (!b)
		return -ENOMEM;
	for (i = 0; i < (size_t)s->n; i++) {
		b[k++] = s->r[i].start;
		b[k++] = s->r[i].end;
	}
	for (i = 0; i < (size_t)s->num_holes; i++) {
		b[k++] = s->holes[i].start;
		b[k++] = s->holes[i].end;
	}
	qsort(b, k, sizeof(*b), cmp_u64);
	for (i = 0; i + 1 < k && !err; i++) {
		uint64_t x = b[i], y = b[i + 1];
		int w;

		if (x == y)
			continue;
		w = in_hole(s, x, y) ? -1 : winner(s, x, y);
		if (w >= 0 && run >= 0 && run_end == x &&
		    (w == run || (s->r[w].flags == s->r[run].flags &&
				  !strcmp(s->r[w].comment, s->r[run].comment)))) {
			run_end = y;
			continue;
		}
		if (run >= 0)
			err = emit_one(s, c, run, run_start, run_end);
		run = w;
		run_start = x;
		run_end = y;
	}
	if (run >= 0 && !err)
		err = emit_one(s, c, run, run_start, run_end);
	free(b);
	return err;
}

void rs_free(struct region_set *s)
{
	free(s->r);
	free(s->holes);
	memset(s, 0, sizeof(*s));
}
