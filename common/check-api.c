// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * The validator's entry points (config-check.h): layout first, then the
 * rules of each scope. No allocation: cells are re-walked when a rule
 * needs them again, with a silent checker so nothing is reported twice.
 */
#include "check-internal.h"

static int finish(const struct chk *c, struct jh_check_result *result)
{
	if (result) {
		result->errors = c->errors;
		result->warnings = c->warnings;
	}
	return (int)c->errors;
}

/* Layout of a cell that was reported on before: no second report */
static bool quiet_cell_ref(const struct jh_config_blob *blob,
			   struct cell_ref *ref)
{
	struct chk quiet = { 0 };

	return chk_cell_layout(&quiet, blob, ref);
}

static void chk_unknown_kind(struct chk *c, const struct jh_config_blob *b)
{
	chk_error(c, "signature", b->file, "signature",
		  "not a jh config (%llu bytes, no JHSYSCFG/JHCELCFG signature); "
		  "fix: give a .cell file compiled from a configs/*.c config",
		  (unsigned long long)b->size);
}

int jh_check_blob(const struct jh_config_blob *blob, jh_report_fn report,
		  void *opaque, struct jh_check_result *result)
{
	struct chk c = { .report = report, .opaque = opaque };
	struct sys_ref sys;
	struct cell_ref cell;

	switch (jh_config_kind(blob->data, blob->size)) {
	case JH_CONFIG_SYSTEM:
		chk_system_layout(&c, blob, &sys);
		break;
	case JH_CONFIG_CELL:
		chk_cell_layout(&c, blob, &cell);
		break;
	default:
		chk_unknown_kind(&c, blob);
		break;
	}
	return finish(&c, result);
}

/* System rules and the root cell's own rules; false if not walkable */
static bool chk_whole_system(struct chk *c, const struct jh_config_blob *blob,
			     struct sys_ref *sys)
{
	if (!chk_system_layout(c, blob, sys))
		return false;
	chk_system(c, sys);
	chk_cpu_limit(c, sys);
	chk_cell(c, &sys->root, sys);
	chk_intercepted(c, sys, &sys->root);
	return true;
}

/* A non-root cell's own rules and its rules against the system */
static void chk_cell_in_system(struct chk *c, const struct cell_ref *cell,
			       const struct sys_ref *sys)
{
	chk_cell(c, cell, sys);
	if (!sys)
		return;
	chk_intercepted(c, sys, cell);
	chk_cell_vs_root(c, sys, cell);
}

/* Does any walkable cell of the list (or extra) have the CPU? */
static bool cpu_taken(uint64_t cpu, const struct jh_config_blob *cells,
		      unsigned int n, const struct cell_ref *extra)
{
	struct cell_ref r;
	unsigned int i;

	if (extra && cell_has_cpu(extra->desc, cpu))
		return true;
	for (i = 0; i < n; i++)
		if (quiet_cell_ref(&cells[i], &r) && cell_has_cpu(r.desc, cpu))
			return true;
	return false;
}

/* Rules that see all cells at once: root keeps a CPU, memory is enough */
static void chk_all_cells(struct chk *c, const struct sys_ref *sys,
			  const struct jh_config_blob *cells, unsigned int n,
			  const struct cell_ref *extra)
{
	bool iommu = sys->sys->platform.num_iommus > 0;
	unsigned int i, num = extra ? 1 : 0;
	uint64_t cpu, paging = extra ?
		jh_cell_paging_bytes(extra->desc, iommu) : 0;
	struct cell_ref r;
	bool root_keeps = false;

	for (i = 0; i < n; i++) {
		if (!quiet_cell_ref(&cells[i], &r))
			continue;
		paging += jh_cell_paging_bytes(r.desc, iommu);
		num++;
	}
	chk_hv_memory_size(c, sys, paging, num);
	if (!num)
		return;
	cell_for_each_cpu(cpu, sys->root.desc) {
		if (!cpu_taken(cpu, cells, n, extra)) {
			root_keeps = true;
			break;
		}
	}
	if (!root_keeps)
		chk_error(c, "root-cpu-left", sys->file, "root.cpus",
			  "the cells take every CPU of the root cell; "
			  "fix: leave at least one CPU (e.g. CPU 0) to the root cell");
}

int jh_check_system(const struct jh_config_blob *blob, jh_report_fn report,
		    void *opaque, struct jh_check_result *result)
{
	struct chk c = { .report = report, .opaque = opaque };
	struct sys_ref sys;

	if (jh_config_kind(blob->data, blob->size) == JH_CONFIG_UNKNOWN &&
	    blob->size >= JH_SIGNATURE_SIZE)
		chk_unknown_kind(&c, blob);
	else if (chk_whole_system(&c, blob, &sys))
		chk_all_cells(&c, &sys, NULL, 0, NULL);
	return finish(&c, result);
}

int jh_check_cells(const struct jh_config_blob *sys_blob,
		   const struct jh_config_blob *cells, unsigned int num_cells,
		   jh_report_fn report, void *opaque,
		   struct jh_check_result *result)
{
	struct chk c = { .report = report, .opaque = opaque };
	struct cell_ref a, b;
	struct sys_ref sys;
	bool sys_ok;
	unsigned int i, j;

	if (jh_config_kind(sys_blob->data, sys_blob->size) == JH_CONFIG_UNKNOWN &&
	    sys_blob->size >= JH_SIGNATURE_SIZE) {
		chk_unknown_kind(&c, sys_blob);
		sys_ok = false;
	} else {
		sys_ok = chk_whole_system(&c, sys_blob, &sys);
	}
	for (i = 0; i < num_cells; i++) {
		if (jh_config_kind(cells[i].data, cells[i].size) ==
		    JH_CONFIG_UNKNOWN && cells[i].size >= JH_SIGNATURE_SIZE)
			chk_unknown_kind(&c, &cells[i]);
		else if (chk_cell_layout(&c, &cells[i], &b))
			chk_cell_in_system(&c, &b, sys_ok ? &sys : NULL);
	}
	for (i = 0; i < num_cells; i++) {
		if (!quiet_cell_ref(&cells[i], &b))
			continue;
		for (j = 0; j < i; j++)
			if (quiet_cell_ref(&cells[j], &a))
				chk_cell_pair(&c, &a, &b);
	}
	if (sys_ok)
		chk_all_cells(&c, &sys, cells, num_cells, NULL);
	return finish(&c, result);
}

int jh_check_new_cell(const struct jh_config_blob *sys_blob,
		      const struct jh_config_blob *existing,
		      unsigned int num_existing,
		      const struct jh_config_blob *new_cell,
		      jh_report_fn report, void *opaque,
		      struct jh_check_result *result)
{
	struct chk c = { .report = report, .opaque = opaque };
	struct cell_ref cell, old;
	struct sys_ref sys;
	unsigned int i;

	/* the system was checked at enable: only its layout matters here */
	if (!chk_system_layout(&c, sys_blob, &sys) ||
	    !chk_cell_layout(&c, new_cell, &cell))
		return finish(&c, result);
	chk_cell_in_system(&c, &cell, &sys);
	for (i = 0; i < num_existing; i++)
		if (quiet_cell_ref(&existing[i], &old))
			chk_cell_pair(&c, &old, &cell);
	chk_all_cells(&c, &sys, existing, num_existing, &cell);
	return finish(&c, result);
}
