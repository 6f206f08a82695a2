// SPDX-License-Identifier: GPL-2.0
/*
 * Reading guest memory the way the guest sees it, to fetch the
 * instruction behind a trapped MMIO access: guest-linear -> guest-physical
 * through the guest's 4-level page tables (4 KiB, 2 MiB and 1 GiB pages)
 * with the one walker (<jh/paging.h>), every table and the final page
 * read through the cell's EPT, so a guest can never make the hypervisor
 * read memory outside its cell. Each CPU keeps the code pages its last
 * fetches translated: Linux's xAPIC EOIs, timer writes and IPIs come from a
 * few instructions on a few pages, and the five EPT walks of a fetch were
 * most of an xAPIC exit's cost (docs/performance.md).
 */
#include "insn.h"
#include "paging.h"

#define PTE_P		(1ULL << 0)
#define CR4_PAE		(1ULL << 5)
#define CR4_LA57	(1ULL << 12)
#define CODE_PAGES	8	/* kept per CPU, replaced in turn */

/* The hypervisor reaches guest memory only through its direct map */
static u64 *guest_ram(const u64 *gpa_root, u64 gpa)
{
	u64 hpa = gpa_to_hpa(gpa_root, gpa, JH_MEM_READ);

	return hpa == ~0ULL || hpa >= boot.direct_map_size ? NULL : direct_map(hpa);
}

/* The tables a walk went through, for the code page cache */
struct walk {
	const u64 *gpa_root;
	u64 *tables[4];
	unsigned int n;
};

/*
 * A code page's translation holds while the guest's entries on its path
 * are unchanged and no guest-physical table changed since (which also
 * keeps the guest tables read here the cell's own)
 */
static struct code_page {
	u64 cr3, page, generation, values[4];
	u64 *entries[4];
	const u64 *gpa_root;
	u8 *host;
} code_pages[JH_MAX_CPUS][CODE_PAGES];
static unsigned int code_page_next[JH_MAX_CPUS];

/* A guest table by its guest-physical address: ctx is the walk */
static u64 *guest_table(void *ctx, u64 gpa)
{
	struct walk *w = ctx;
	u64 *table = guest_ram(w->gpa_root, gpa);

	if (w->n < 4)
		w->tables[w->n++] = table;
	return table;
}

static const struct jh_paging guest_paging_64 = {
	.present = PTE_P,
	.large_levels = 1 << 2 | 1 << 3,
	.table = guest_table,
};

static int guest_walk(const struct guest_paging *pg, u64 gva, u64 *gpa,
		      const char **reason, struct walk *w)
{
	unsigned int level = 1;
	u64 *e;

	if (!(pg->cr0 & X86_CR0_PG)) {
		*gpa = gva;
		return 0;
	}
	if (!(pg->efer & EFER_LMA) || !(pg->cr4 & CR4_PAE) || (pg->cr4 & CR4_LA57)) {
		*reason = "guest paging mode other than 4-level is not supported";
		return -EINVAL;
	}
	e = guest_table(w, pg->cr3 & JH_PAGING_ADDR);
	e = e ? jh_paging_walk(&guest_paging_64, w, e, gva, &level, false) : NULL;
	if (!e) {
		*reason = "guest page table outside the cell's memory";
		return -EINVAL;
	}
	if (!(*e & PTE_P)) {
		*reason = "guest page not present";
		return -EINVAL;
	}
	*gpa = jh_paging_addr(*e, level, gva);
	return 0;
}

int guest_virt_to_phys(const struct guest_paging *pg, u64 gva, u64 *gpa,
		       const char **reason)
{
	struct walk w = { .gpa_root = pg->gpa_root };

	return guest_walk(pg, gva, gpa, reason, &w);
}

/* The host address of gva's page if this CPU's code page is still it */
static u8 *code_page_valid(struct code_page *cp, const struct guest_paging *pg,
			   u64 gva)
{
	unsigned int i;

	if (cp->page != (gva & ~(PAGE_SIZE - 1)) || !cp->host || cp->cr3 != pg->cr3 ||
	    !(pg->cr0 & X86_CR0_PG) || cp->gpa_root != pg->gpa_root ||
	    cp->generation != gpa_generation)
		return NULL;
	for (i = 0; i < 4 && cp->entries[i]; i++)
		if (*cp->entries[i] != cp->values[i])
			return NULL;
	return cp->host;
}

/* Remembers the walk that translated gva's page to host */
static void code_page_fill(struct code_page *cp, const struct guest_paging *pg,
			   u64 gva, const struct walk *w, u8 *host, u64 generation)
{
	unsigned int i;

	*cp = (struct code_page){ .cr3 = pg->cr3, .page = gva & ~(PAGE_SIZE - 1),
		.generation = generation, .gpa_root = pg->gpa_root, .host = host };
	for (i = 0; i < w->n; i++) {
		cp->entries[i] = &w->tables[i][(gva >> (39 - 9 * i)) & 511];
		cp->values[i] = *cp->entries[i];
	}
}

/* The host address of gva's page, kept for pg->cpu if keep; NULL if none */
static u8 *guest_page(const struct guest_paging *pg, u64 gva, bool keep)
{
	struct code_page *cp = code_pages[pg->cpu];
	u64 gpa, generation = __atomic_load_n(&gpa_generation, __ATOMIC_ACQUIRE);
	struct walk w = { .gpa_root = pg->gpa_root };
	const char *reason;
	unsigned int i;
	u8 *src;

	for (i = 0; i < CODE_PAGES; i++)
		if ((src = code_page_valid(&cp[i], pg, gva)))
			return src;
	/* generation read first: a table changing during the walk outdates it */
	if (guest_walk(pg, gva, &gpa, &reason, &w))
		return NULL;
	src = (u8 *)guest_ram(pg->gpa_root, gpa & ~(PAGE_SIZE - 1));
	if (src && keep && (pg->cr0 & X86_CR0_PG))
		code_page_fill(&cp[code_page_next[pg->cpu]++ % CODE_PAGES], pg, gva, &w,
			       src, generation);
	return src;
}

unsigned int guest_code(const struct guest_paging *pg, u64 gva, u64 code[2])
{
	unsigned int off = gva & (PAGE_SIZE - 1), first = PAGE_SIZE - off;
	u8 *page = guest_page(pg, gva, true), *next;

	if (!page)
		return 0;
	if (first >= 16) {
		__builtin_memcpy(code, page + off, 16);
		return 16;
	}
	/* across the page end (rare): 15 bytes at most, as far as both translate */
	memcpy(code, page + off, first);
	if (first >= MMIO_MAX_INSN || !(next = guest_page(pg, gva + first, false)))
		return first;
	memcpy((u8 *)code + first, next, MMIO_MAX_INSN - first);
	return MMIO_MAX_INSN;
}
