// SPDX-License-Identifier: GPL-2.0
/*
 * Memory layout of a plan: the memmap= reservation (reused when the
 * machine has one, else proposed), the hypervisor's part of it, and the
 * RT cell's RAM and shared memory in the rest. Sizes are rounded to what
 * EPT and VT-d map well: RT RAM to 2 MiB (large pages), the rest to 4 KiB.
 *
 *	reservation: [ hypervisor | RT RAM | shared memory | unused ]
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"

#define DEFAULT_HV_SIZE		(16 * MiB)
#define FOUR_GIB		0x100000000ULL

static uint64_t round_up(uint64_t x, uint64_t a)
{
	return (x + a - 1) / a * a;
}

static uint64_t round_down(uint64_t x, uint64_t a)
{
	return x / a * a;
}

int plan_parse_size(const char *s, uint64_t *out)
{
	char *end;
	uint64_t v;

	if (!s || !*s || *s == '-')
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s)
		return -EINVAL;
	switch (*end) {
	case 'k': case 'K':
		v *= 1024;
		end++;
		break;
	case 'm': case 'M':
		v *= MiB;
		end++;
		break;
	case 'g': case 'G':
		v *= 1024 * MiB;
		end++;
		break;
	}
	if (*end == 'i' && end[1] == 'B')
		end += 2;
	if (*end)
		return -EINVAL;
	*out = v;
	return 0;
}

void plan_format_size(char *buf, size_t size, uint64_t bytes)
{
	if (bytes && !(bytes % (1024 * MiB)))
		snprintf(buf, size, "%" PRIu64 "G", bytes / (1024 * MiB));
	else if (bytes && !(bytes % MiB))
		snprintf(buf, size, "%" PRIu64 "M", bytes / MiB);
	else if (bytes && !(bytes % 1024))
		snprintf(buf, size, "%" PRIu64 "K", bytes / 1024);
	else
		snprintf(buf, size, "0x%" PRIx64, bytes);
}

int plan_numa_node_of(const struct machine *m, uint64_t addr)
{
	int i;

	for (i = 0; i < m->num_numa_mem; i++)
		if (addr >= m->numa_mem[i].base &&
		    addr - m->numa_mem[i].base < m->numa_mem[i].size)
			return m->numa_mem[i].node;
	return PM_UNKNOWN;
}

static bool is_ram(const struct pm_range *r)
{
	return !strcmp(r->name, "System RAM");
}

/* The System RAM region holding [base, base + size), or NULL */
static const struct pm_range *ram_holding(const struct machine *m,
					  uint64_t base, uint64_t size)
{
	int i;

	for (i = 0; i < m->num_e820; i++) {
		const struct pm_range *r = &m->e820[i];

		if (is_ram(r) && base >= r->start && size &&
		    base + size - 1 <= r->end)
			return r;
	}
	return NULL;
}

/*
 * Where a new reservation of size bytes goes: the top of the highest RAM
 * region below 4 GiB that holds it (cells and inmates address the low
 * 4 GiB most easily), 2 MiB aligned. 0 if nothing fits.
 */
static uint64_t find_new_base(const struct machine *m, uint64_t size)
{
	uint64_t best = 0;
	int i;

	for (i = 0; i < m->num_e820; i++) {
		const struct pm_range *r = &m->e820[i];
		uint64_t end = r->end + 1, base;

		if (!is_ram(r) || r->start < MiB)
			continue;
		if (end > FOUR_GIB)
			end = FOUR_GIB;
		if (end < size)
			continue;
		base = round_down(end - size, PLAN_RAM_ALIGN);
		if (base >= r->start && base > best)
			best = base;
	}
	return best;
}

static void note_rounding(struct plan *p, const char *what, uint64_t asked,
			  uint64_t got, const char *why)
{
	char a[24], b[24];

	plan_format_size(a, sizeof(a), asked);
	plan_format_size(b, sizeof(b), got);
	if (asked != got)
		plan_add(p, PLAN_NOTE, "rounding", NULL,
			 "%s %s rounded up to %s (%s)", what, a, b, why);
}

static void propose_reservation(struct plan *p, uint64_t need)
{
	const struct machine *m = p->m;
	char sz[24], fix[240];

	p->res_size = round_up(need, PLAN_RAM_ALIGN);
	p->res_base = 0;
	/* jh-discover's proposal first, if it is big enough */
	if (m->res_base && ram_holding(m, m->res_base, p->res_size))
		p->res_base = m->res_base;
	if (!p->res_base)
		p->res_base = find_new_base(m, p->res_size);
	p->res_new = true;
	plan_format_size(sz, sizeof(sz), p->res_size);
	if (!m->num_e820) {
		plan_add(p, PLAN_ERROR, "reservation",
			 "fix: run jh-discover on the machine itself, or give it --iomem FILE (a copy of /proc/iomem)",
			 "the input has no memory map (e820 or /proc/iomem): no place for the hypervisor and the RT cell can be chosen");
		return;
	}
	if (!p->res_base) {
		snprintf(fix, sizeof(fix),
			 "fix: ask for less (--rt-mem, --shmem, --hv-mem) or free RAM below 4 GiB");
		plan_add(p, PLAN_ERROR, "reservation", fix,
			 "no System RAM region below 4 GiB has %s free for the hypervisor and the RT cell",
			 sz);
		return;
	}
	if (m->res_present) {
		char old[24];

		plan_format_size(old, sizeof(old), m->res_size);
		snprintf(fix, sizeof(fix),
			 "fix: replace memmap=%s$0x%" PRIx64 " with memmap=%s$0x%" PRIx64 " (cmdline.txt) and reboot before `jh enable`",
			 old, m->res_base, sz, p->res_base);
	} else {
		snprintf(fix, sizeof(fix),
			 "fix: add memmap=%s$0x%" PRIx64 " to the kernel command line (cmdline.txt) and reboot before `jh enable`",
			 sz, p->res_base);
	}
	plan_add(p, PLAN_WARNING, "reservation", fix,
		 "%s: the plan reserves %s at 0x%" PRIx64 "; a reboot is needed",
		 m->res_present ? "the memmap= reservation is too small" :
				  "no memmap= reservation on this machine",
		 sz, p->res_base);
}

int plan_layout_memory(struct plan *p)
{
	const struct plan_request *r = p->req;
	const struct machine *m = p->m;
	uint64_t need;
	char a[24], b[24];

	p->rt_size = round_up(r->rt_mem, PLAN_RAM_ALIGN);
	note_rounding(p, "RT RAM", r->rt_mem, p->rt_size,
		      "2 MiB, so EPT and VT-d can map it with large pages");
	/* two sections of whole pages: the root's, then the cell's */
	p->shmem_size = round_up(r->shmem, 2 * PAGE_SIZE);
	note_rounding(p, "shared memory", r->shmem, p->shmem_size,
		      "4 KiB pages");

	if (r->hv_mem)
		p->hv_size = round_up(r->hv_mem, MiB);
	else if (p->hv_size)
		;	/* sized by the formula on an earlier attempt */
	else if (m->res_present && m->res_hv_size)
		p->hv_size = round_up(m->res_hv_size, MiB);
	else
		p->hv_size = DEFAULT_HV_SIZE;
	if (r->hv_mem)
		note_rounding(p, "hypervisor memory", r->hv_mem, p->hv_size,
			      "whole MiB");

	need = p->hv_size + p->rt_size + p->shmem_size;
	if (m->res_present && m->res_size) {
		uint64_t hv_base = m->res_hv_base ? m->res_hv_base : m->res_base;
		uint64_t end = m->res_base + m->res_size;
		uint64_t rt = round_up(hv_base + p->hv_size, PLAN_RAM_ALIGN);
		/* after the RAM of cells planned before, without growing */
		uint64_t others = round_up(plan_others_end(p, m->res_base, end),
					   PLAN_RAM_ALIGN);

		if (others > rt)
			rt = others;

		if (rt + p->rt_size + p->shmem_size <= end &&
		    hv_base >= m->res_base) {
			p->res_base = m->res_base;
			p->res_size = m->res_size;
			p->hv_base = hv_base;
			p->rt_base = rt;
			if (m->res_hv_size && p->hv_size != m->res_hv_size) {
				plan_format_size(a, sizeof(a), m->res_hv_size);
				plan_format_size(b, sizeof(b), p->hv_size);
				plan_add(p, PLAN_NOTE, "hv-memory", NULL,
					 "hypervisor part of the reservation: %s instead of jh-discover's %s (the formula below)",
					 b, a);
			}
			plan_format_size(a, sizeof(a), p->res_size);
			plan_format_size(b, sizeof(b), need);
			plan_add(p, PLAN_OK, "reservation", NULL,
				 "reusing the existing reservation memmap=%s$0x%" PRIx64 " (the plan needs %s of it)",
				 a, p->res_base, b);
			goto placed;
		}
		/* grow it in place if the RAM after it allows */
		need = rt + p->rt_size + p->shmem_size - m->res_base;
		if (ram_holding(m, m->res_base, round_up(need, PLAN_RAM_ALIGN))) {
			p->res_base = m->res_base;
			p->res_size = round_up(need, PLAN_RAM_ALIGN);
			p->res_new = true;
			p->hv_base = hv_base;
			p->rt_base = rt;
			plan_format_size(a, sizeof(a), m->res_size);
			plan_format_size(b, sizeof(b), p->res_size);
			{
				char fix[200];

				snprintf(fix, sizeof(fix),
					 "fix: replace memmap=%s$0x%" PRIx64 " with memmap=%s$0x%" PRIx64 " (cmdline.txt) and reboot",
					 a, p->res_base, b, p->res_base);
				plan_add(p, PLAN_WARNING, "reservation", fix,
					 "not enough reserved memory: memmap=%s$0x%" PRIx64 " is smaller than the %s the plan needs; a reboot is needed",
					 a, p->res_base, b);
			}
			goto placed;
		}
	}
	if (p->num_others) {
		plan_add(p, PLAN_ERROR, "other-cells",
			 "fix: boot with the reservation of the first plan before planning more cells, or delete the other cells' files and plan again",
			 "the memory reservation would move, away from the RAM of the %d cell(s) planned before in this directory",
			 p->num_others);
		return -ENOSPC;
	}
	propose_reservation(p, need);
	if (!p->res_base)
		return -ENOSPC;
	p->hv_base = p->res_base;
	p->rt_base = round_up(p->hv_base + p->hv_size, PLAN_RAM_ALIGN);
placed:
	p->shmem_base = p->rt_base + p->rt_size;
	p->numa_node_mem = plan_numa_node_of(m, p->rt_base);
	return 0;
}

void plan_check_numa(struct plan *p)
{
	const struct plan_request *r = p->req;
	int i;

	if (p->numa_node_mem == PM_UNKNOWN) {
		plan_add(p, PLAN_OK, "numa", NULL,
			 "no NUMA information (SRAT) for the RT RAM: a single-node machine");
		return;
	}
	for (i = 0; i < r->num_cpus; i++) {
		const struct pm_cpu *c = machine_cpu(p->m, r->cpus[i]);

		if (c && c->node != PM_UNKNOWN && c->node != p->numa_node_mem) {
			char fix[160];

			snprintf(fix, sizeof(fix),
				 "fix: pick RT CPUs of node %d, or reserve the RT RAM in node %d's memory",
				 p->numa_node_mem, c->node);
			plan_add(p, PLAN_WARNING, "numa", fix,
				 "RT RAM at 0x%" PRIx64 " is in NUMA node %d but CPU %d is in node %d: every access crosses the interconnect",
				 p->rt_base, p->numa_node_mem, r->cpus[i], c->node);
			return;
		}
	}
	plan_add(p, PLAN_OK, "numa", NULL,
		 "RT RAM and RT CPUs are in NUMA node %d", p->numa_node_mem);
}

void plan_check_hv_memory(struct plan *p, uint64_t need, const char *formula)
{
	char a[24], b[24];

	p->hv_need = need;
	plan_format_size(a, sizeof(a), p->hv_size);
	snprintf(b, sizeof(b), "0x%" PRIx64, need);
	if (need > p->hv_size) {
		char fix[160];

		snprintf(fix, sizeof(fix),
			 "fix: run again with --hv-mem %" PRIu64 "M or more",
			 (need + MiB - 1) / MiB);
		plan_add(p, PLAN_ERROR, "hv-memory", fix,
			 "hypervisor memory %s is less than the %s (%" PRIu64 " KiB) it needs: %s",
			 a, b, need / 1024, formula);
	} else {
		plan_add(p, PLAN_OK, "hv-memory", NULL,
			 "hypervisor memory %s at 0x%" PRIx64 " covers the %" PRIu64 " KiB it needs: %s",
			 a, p->hv_base, need / 1024, formula);
	}
}
