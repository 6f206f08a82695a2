// SPDX-License-Identifier: GPL-2.0
/*
 * Candidate plans when no --rt-cpus is given: one candidate per physical
 * core that does not hold CPU 0, always with all of its SMT siblings.
 * The score (docs/plan.md) adds up what makes a core a quiet RT core:
 *
 *	 40  base
 *	+20  private L2: no CPU outside the candidate uses its L2
 *	+10  L3 not shared with any root CPU, or
 *	 +5  L3 shared but CAT available to partition it
 *	+10  performance core on a hybrid CPU / -20 efficiency core
 *	 +5  in the NUMA node of the memory reservation (or single node)
 *	-10  a CPU of it is offline in Linux
 *
 * Ties go to the higher CPU number: Linux's default IRQ and housekeeping
 * work lands on the low CPUs. Equal input gives the same order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"

static bool in_set(const int *set, int n, int cpu)
{
	int i;

	for (i = 0; i < n; i++)
		if (set[i] == cpu)
			return true;
	return false;
}

/* CPUs outside the candidate that use cache id at level */
static int outside_sharers(const struct machine *m, const int *set, int n,
			   int level, int id)
{
	int i, k = 0;

	for (i = 0; i < m->num_cpus; i++) {
		const struct pm_cpu *c = &m->cpus[i];

		if (c->enabled && c->linux_cpu >= 0 &&
		    (level == 2 ? c->l2 : c->l3) == id &&
		    !in_set(set, n, c->linux_cpu))
			k++;
	}
	return k;
}

static void score_one(const struct machine *m, struct plan_candidate *c)
{
	const struct pm_cpu *first = machine_cpu(m, c->cpus[0]);
	int res_node = m->res_base ? plan_numa_node_of(m, m->res_base) :
				     PM_UNKNOWN;
	size_t len = 0;
	int i;

#define WHY(...) (len += (size_t)snprintf(c->why + len,			\
	len < sizeof(c->why) ? sizeof(c->why) - len : 0, __VA_ARGS__))

	c->score = 40;
	WHY("CPU %d", c->cpus[0]);
	if (c->num_cpus > 1) {
		WHY(" with its SMT sibling%s", c->num_cpus > 2 ? "s" : "");
		for (i = 1; i < c->num_cpus; i++)
			WHY("%s %d", i > 1 ? "," : "", c->cpus[i]);
	}
	if (first->l2 == PM_UNKNOWN) {
		WHY(", L2 sharing unknown");
	} else if (!outside_sharers(m, c->cpus, c->num_cpus, 2, first->l2)) {
		c->score += 20;
		WHY(", private L2");
	} else {
		WHY(", L2 shared with root");
	}
	if (first->l3 == PM_UNKNOWN) {
		WHY(", L3 sharing unknown");
	} else if (!outside_sharers(m, c->cpus, c->num_cpus, 3, first->l3)) {
		c->score += 10;
		WHY(", private L3");
	} else if (m->cat_l3_bits) {
		c->score += 5;
		WHY(", L3 shared, CAT available");
	} else {
		WHY(", L3 shared%s", m->cat_known ? ", no CAT" : "");
	}
	if (!strcmp(first->core_type, "performance")) {
		c->score += 10;
		WHY(", P-core");
	} else if (!strcmp(first->core_type, "efficiency")) {
		c->score -= 20;
		WHY(", E-core");
	}
	if (res_node == PM_UNKNOWN || first->node == PM_UNKNOWN ||
	    first->node == res_node) {
		c->score += 5;
		if (first->node != PM_UNKNOWN && res_node != PM_UNKNOWN)
			WHY(", NUMA node %d like the reservation", first->node);
	} else {
		WHY(", NUMA node %d (reservation in %d)", first->node, res_node);
	}
	for (i = 0; i < c->num_cpus; i++) {
		const struct pm_cpu *u = machine_cpu(m, c->cpus[i]);

		if (u && u->online == 0) {
			c->score -= 10;
			WHY(", CPU %d offline", c->cpus[i]);
			break;
		}
	}
#undef WHY
}

static int cmp_candidates(const void *a, const void *b)
{
	const struct plan_candidate *x = a, *y = b;

	if (x->score != y->score)
		return y->score - x->score;
	return y->cpus[0] - x->cpus[0];
}

static int cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

int plan_candidates(const struct machine *m, struct plan_candidate *out,
		    int max)
{
	struct plan_candidate *all;
	bool *done = calloc((size_t)m->num_cpus + 1, sizeof(*done));
	int i, j, n = 0, zero_sib[16], nzero;

	all = calloc((size_t)m->num_cpus + 1, sizeof(*all));
	if (!all || !done) {
		free(all);
		free(done);
		return -1;
	}
	nzero = plan_siblings(m, 0, zero_sib, 16);
	for (i = 0; i < m->num_cpus; i++) {
		const struct pm_cpu *c = &m->cpus[i];
		struct plan_candidate *cand = &all[n];
		int sib[8], ns;

		if (done[i] || !c->enabled || c->linux_cpu <= 0 ||
		    in_set(zero_sib, nzero, c->linux_cpu) ||
		    !jhgen_cell_has_cpu(&m->root.root, (unsigned int)c->linux_cpu))
			continue;
		memset(cand, 0, sizeof(*cand));
		cand->cpus[cand->num_cpus++] = c->linux_cpu;
		ns = plan_siblings(m, c->linux_cpu, sib, 7);
		for (j = 0; j < ns; j++)
			cand->cpus[cand->num_cpus++] = sib[j];
		qsort(cand->cpus, (size_t)cand->num_cpus, sizeof(int), cmp_int);
		for (j = 0; j < m->num_cpus; j++)
			if (in_set(cand->cpus, cand->num_cpus, m->cpus[j].linux_cpu))
				done[j] = true;
		score_one(m, cand);
		n++;
	}
	qsort(all, (size_t)n, sizeof(*all), cmp_candidates);
	if (n > max)
		n = max;
	memcpy(out, all, (size_t)n * sizeof(*all));
	free(all);
	free(done);
	return n;
}
