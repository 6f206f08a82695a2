// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Rules of shared-memory links (docs/shmem.md): a link's sections are
 * memory regions of each peer, its own writable, the others read-only;
 * every peer's config must describe the same link (the same peers count,
 * the same physical sections) under its own peer number.
 */
#include "check-internal.h"

#define SHMEM_FIX_PLAN	"write both sides with jh-plan --shmem"

static const struct jh_memory *section(const struct cell_ref *r,
				       const struct jh_shmem_link *l, unsigned int k)
{
	return &jh_cell_mem_regions(r->desc)[l->mem_start + k];
}

/* One link of one cell */
static void chk_link(struct chk *c, const struct cell_ref *r,
		     const struct jh_shmem_link *l, const char *field)
{
	const struct jh_memory *m;
	unsigned int k;
	bool own;

	if (!l->id || l->flags || l->reserved || l->num_peers < 2 ||
	    l->num_peers > JH_SHMEM_MAX_PEERS || l->peer >= l->num_peers) {
		chk_error(c, "shmem-link", r->file, field,
			  "id %u, peer %u of %u peers, flags 0x%x: the id must not be 0, "
			  "2 to %u peers, the peer number below their count, flags and "
			  "reserved 0; fix: " SHMEM_FIX_PLAN, l->id, l->peer, l->num_peers,
			  l->flags, JH_SHMEM_MAX_PEERS);
		return;
	}
	if ((uint64_t)l->mem_start + l->num_peers > r->desc->num_memory_regions) {
		chk_error(c, "shmem-link", r->file, field,
			  "sections memory[%u..%u] beyond the cell's %u memory regions; "
			  "fix: point mem_start at the link's %u regions",
			  l->mem_start, l->mem_start + l->num_peers - 1,
			  r->desc->num_memory_regions, l->num_peers);
		return;
	}
	if (r->is_root ? l->vector != 0 : l->vector < 32)
		chk_error(c, "shmem-link", r->file, field,
			  "doorbell vector %u; fix: %s", l->vector, r->is_root ?
			  "set 0 in the root cell: its driver registers a vector" :
			  "pick a vector from 32 to 255 that the inmate handles");
	for (k = 0; k < l->num_peers; k++) {
		m = section(r, l, k);
		own = k == l->peer;
		if ((m->flags & (JH_MEM_COMM_REGION | JH_MEM_IO | JH_MEM_LOADABLE)) ||
		    !(m->flags & JH_MEM_READ) || !!(m->flags & JH_MEM_WRITE) != own ||
		    (!r->is_root && !(m->flags & JH_MEM_ROOTSHARED)))
			chk_error(c, "shmem-link", r->file, field,
				  "section %u (%smemory[%u], flags 0x%llx) must be RAM with "
				  "READ%s%s, no COMM_REGION, IO or LOADABLE; fix: %s",
				  k, r->prefix, l->mem_start + k, (unsigned long long)m->flags,
				  own ? " | WRITE (it is this cell's own)" :
				  " and no WRITE (another peer writes it)",
				  r->is_root ? "" : " | ROOTSHARED",
				  own ? "only its writer may write a section" : SHMEM_FIX_PLAN);
	}
}

void chk_shmem(struct chk *c, const struct cell_ref *r)
{
	const struct jh_shmem_link *l = jh_cell_shmem_links(r->desc);
	char field[JH_FINDING_FIELD];
	unsigned int i, j;

	if (r->desc->num_shmem_links > JH_SHMEM_MAX_LINKS)
		chk_error(c, "shmem-link", r->file, "num_shmem_links",
			  "%u links; fix: at most %u per cell", r->desc->num_shmem_links,
			  JH_SHMEM_MAX_LINKS);
	for (i = 0; i < r->desc->num_shmem_links; i++) {
		jh_snprintf(field, sizeof(field), "%sshmem_links[%u]", r->prefix, i);
		chk_link(c, r, &l[i], field);
		for (j = 0; j < i; j++)
			if (l[j].id == l[i].id)
				chk_error(c, "shmem-duplicate", r->file, field,
					  "link id %u is also shmem_links[%u]; fix: declare "
					  "each link once per cell", l[i].id, j);
	}
}

/* b's link lb against a's link la of the same id */
static void chk_link_pair(struct chk *c, const struct cell_ref *a,
			  const struct jh_shmem_link *la, const struct cell_ref *b,
			  const struct jh_shmem_link *lb, const char *field)
{
	const struct jh_memory *sa, *sb;
	unsigned int k;

	if (la->num_peers != lb->num_peers) {
		chk_error(c, "shmem-mismatch", b->file, field,
			  "link %u has %u peers here, %u in %s; fix: " SHMEM_FIX_PLAN,
			  lb->id, lb->num_peers, la->num_peers, a->file);
		return;
	}
	if (la->peer == lb->peer)
		chk_error(c, "shmem-duplicate", b->file, field,
			  "peer %u of link %u is also cell '%s' (%s); fix: give each peer "
			  "its own number", lb->peer, lb->id, a->desc->name, a->file);
	for (k = 0; k < lb->num_peers; k++) {
		sa = section(a, la, k);
		sb = section(b, lb, k);
		if (sa->phys_start != sb->phys_start || sa->size != sb->size)
			chk_error(c, "shmem-mismatch", b->file, field,
				  "section %u of link %u is phys 0x%llx+0x%llx here, "
				  "0x%llx+0x%llx in %s; fix: " SHMEM_FIX_PLAN, k, lb->id,
				  (unsigned long long)sb->phys_start,
				  (unsigned long long)sb->size,
				  (unsigned long long)sa->phys_start,
				  (unsigned long long)sa->size, a->file);
	}
}

static bool link_ok(const struct cell_ref *r, const struct jh_shmem_link *l)
{
	return l->num_peers >= 2 && l->num_peers <= JH_SHMEM_MAX_PEERS &&
	       l->peer < l->num_peers &&
	       (uint64_t)l->mem_start + l->num_peers <= r->desc->num_memory_regions;
}

/* The id of the link whose section memory region i of r is, or 0 */
static uint32_t section_of(const struct cell_ref *r, unsigned int i)
{
	const struct jh_shmem_link *l = jh_cell_shmem_links(r->desc);
	unsigned int j;

	for (j = 0; j < r->desc->num_shmem_links; j++)
		if (link_ok(r, &l[j]) && i >= l[j].mem_start &&
		    i < l[j].mem_start + l[j].num_peers)
			return l[j].id;
	return 0;
}

static void chk_reach(struct chk *c, const struct cell_ref *a,
		      const struct cell_ref *b);

/*
 * b's links against a's (a may be the root): the same link the same way;
 * and neither cell maps a section of the other's links but as a section
 * of that link (the root's regions excepted: a root config may map all RAM)
 */
void chk_shmem_pair(struct chk *c, const struct cell_ref *a,
		    const struct cell_ref *b)
{
	const struct jh_shmem_link *la = jh_cell_shmem_links(a->desc);
	const struct jh_shmem_link *lb = jh_cell_shmem_links(b->desc);
	char field[JH_FINDING_FIELD];
	unsigned int i, j;

	for (i = 0; i < b->desc->num_shmem_links; i++) {
		jh_snprintf(field, sizeof(field), "shmem_links[%u]", i);
		for (j = 0; j < a->desc->num_shmem_links; j++)
			if (la[j].id == lb[i].id && link_ok(a, &la[j]) &&
			    link_ok(b, &lb[i]))
				chk_link_pair(c, a, &la[j], b, &lb[i], field);
	}
	chk_reach(c, a, b);
	if (!a->is_root)
		chk_reach(c, b, a);
}

/* No region of b reaches a section of a's link L but as a section of L */
static void chk_reach(struct chk *c, const struct cell_ref *a,
		      const struct cell_ref *b)
{
	const struct jh_memory *ma = jh_cell_mem_regions(a->desc);
	const struct jh_memory *mb = jh_cell_mem_regions(b->desc);
	char field[JH_FINDING_FIELD];
	unsigned int i, j;
	uint32_t link;

	for (i = 0; i < b->desc->num_memory_regions; i++) {
		if (!mem_has_phys(&mb[i]) || !mem_phys_end(&mb[i]))
			continue;
		for (j = 0; j < a->desc->num_memory_regions; j++) {
			link = section_of(a, j);
			if (!link || link == section_of(b, i) || !mem_phys_end(&ma[j]) ||
			    !ranges_overlap(mb[i].phys_start, mem_phys_end(&mb[i]),
					    ma[j].phys_start, mem_phys_end(&ma[j])))
				continue;
			jh_snprintf(field, sizeof(field), "memory[%u]", i);
			chk_error(c, "shmem-mismatch", b->file, field,
				  "phys 0x%llx+0x%llx reaches memory[%u], a section of "
				  "shared-memory link %u of cell '%s' (%s); fix: map it only "
				  "as a section of link %u, declared in shmem_links",
				  (unsigned long long)mb[i].phys_start,
				  (unsigned long long)mb[i].size, j, link, a->desc->name,
				  a->file, link);
		}
	}
}
