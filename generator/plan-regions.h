/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Region sets: an RT device's BARs become the cell's memory regions minus
 * the holes the hypervisor keeps (the MSI-X table pages). A set collects
 * possibly overlapping sources and holes and resolves them into
 * non-overlapping page-granular regions: in each page the source of
 * highest priority wins, holes win over everything, and neighbouring
 * pages of the same source merge.
 */
#ifndef _JH_PLAN_REGIONS_H
#define _JH_PLAN_REGIONS_H

#include "config-writer.h"

struct rs_region {
	uint64_t start, end;	/* page-aligned, end exclusive */
	uint64_t flags;
	int prio;
	char comment[112];
};

struct region_set {
	struct rs_region *r;
	int n, cap;
	struct rs_region *holes;
	int num_holes, holes_cap;
};

/* RAM rounds inward (never maps a partial page), MMIO outward */
enum rs_round { RS_INWARD, RS_OUTWARD };

int rs_add(struct region_set *s, uint64_t start, uint64_t size,
	   uint64_t flags, int prio, enum rs_round round, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));
int rs_hole(struct region_set *s, uint64_t start, uint64_t size);
/* Adds the resolved regions to c, identity-mapped, in address order */
int rs_emit(struct region_set *s, struct jhgen_cell *c);
void rs_free(struct region_set *s);

#endif
