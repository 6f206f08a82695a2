// SPDX-License-Identifier: GPL-2.0
/*
 * Reading guest memory the way the guest sees it, to fetch the
 * instruction behind a trapped MMIO access: guest-linear -> guest-physical
 * through the guest's 4-level page tables (4 KiB, 2 MiB and 1 GiB pages)
 * with the one walker (<jh/paging.h>), every table and the final page
 * read through the cell's EPT, so a guest can never make the hypervisor
 * read memory outside its cell. Each CPU keeps its last instructions
 * fetched and decoded: Linux's xAPIC EOIs, timer writes and IPIs come from
 * a few instructions, and the five EPT walks of a fetch and the decode
 * were most of an xAPIC exit's cost (docs/performance.md).
 */
#include "insn.h"
#include "paging.h"

#define PTE_P		(1ULL << 0)
#define CR4_PAE		(1ULL << 5)
#define CR4_LA57	(1ULL << 12)
#define KEPT		8	/* instructions kept per CPU, replaced in turn */

/* The hypervisor reaches guest memory only through its direct map */
static u64 *guest_ram(const u64 *gpa_root, u64 gpa)
{
	u64 hpa = gpa_to_hpa(gpa_root, gpa, JH_MEM_READ);

	return hpa == ~0ULL || hpa >= boot.direct_map_size ? NULL : direct_map(hpa);
}

/* The tables a walk went through, for the kept instructions */
struct walk {
	const u64 *gpa_root;
	u64 *tables[4];
	unsigned int n;
};

/*
 * Each CPU's recent MMIO instructions: the guest entries on the path to
 * the code page, the bytes' host address, the 16 bytes and their decode.
 * One is reused for the same linear address, paging registers (CR0, CR3,
 * CR4, EFER), mode and cell while the guest's entries are unchanged, no
 * guest-physical table changed since (which also keeps the guest memory
 * read here the cell's own) and the 16 bytes at RIP still equal the kept
 * ones (equal bytes decode equally; an instruction rewritten in place is
 * decoded again).
 */
static struct kept_insn {
	u64 gva, cr0, cr3, cr4, efer, generation, values[4], code[2];
	u64 *entries[4];
	const u64 *gpa_root;
	const u8 *host;
	enum mmio_cpu_mode mode;
	struct mmio_insn insn;
} kept[JH_MAX_CPUS][KEPT];
static unsigned int kept_next[JH_MAX_CPUS];

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

	if (!(pg->st.cr0 & X86_CR0_PG)) {
		*gpa = gva;
		return 0;
	}
	if (!(pg->st.efer & EFER_LMA) || !(pg->st.cr4 & CR4_PAE) || (pg->st.cr4 & CR4_LA57)) {
		*reason = "guest paging mode other than 4-level is not supported";
		return -EINVAL;
	}
	e = guest_table(w, pg->st.cr3 & JH_PAGING_ADDR);
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

/* Whether k is still the instruction at gva (k->gva == gva) */
static bool kept_valid(const struct kept_insn *k, const struct guest_paging *pg,
		       enum mmio_cpu_mode mode, u64 generation)
{
	u64 code[2], changed;

	if (k->cr3 != pg->st.cr3 || k->mode != mode || k->gpa_root != pg->gpa_root ||
	    k->generation != generation || k->cr0 != pg->st.cr0 || k->cr4 != pg->st.cr4 ||
	    k->efer != pg->st.efer)
		return false;
	changed = (*k->entries[0] ^ k->values[0]) | (*k->entries[1] ^ k->values[1]) |
		  (*k->entries[2] ^ k->values[2]) | (*k->entries[3] ^ k->values[3]);
	__builtin_memcpy(code, k->host, 16);
	return !changed && code[0] == k->code[0] && code[1] == k->code[1];
}

/* The host address of gva's page, its walk in w; NULL if none */
static u8 *guest_page(const struct guest_paging *pg, u64 gva, struct walk *w)
{
	const char *reason;
	u64 gpa;

	if (guest_walk(pg, gva, &gpa, &reason, w))
		return NULL;
	return (u8 *)guest_ram(pg->gpa_root, gpa & ~(PAGE_SIZE - 1));
}

/*
 * A miss of the kept instructions: fetched, decoded and kept (not
 * inlined: the hit path's frame stays small)
 */
static __attribute__((noinline)) const struct mmio_insn *
fetch_insn(const struct guest_paging *pg, u64 gva, enum mmio_cpu_mode mode,
	   struct mmio_insn *insn, const char **reason, u64 generation)
{
	unsigned int i, off = gva & (PAGE_SIZE - 1), n = PAGE_SIZE - off;
	struct walk w = { .gpa_root = pg->gpa_root };
	struct kept_insn *k;
	u8 *page, *next;
	u64 code[2];

	page = guest_page(pg, gva, &w);
	if (!page) {
		*reason = "the instruction is not readable";
		return NULL;
	}
	if (n >= 16) {
		__builtin_memcpy(code, page + off, 16);
		n = 16;
	} else {
		/*
		 * across the page end (rare, never kept: w may take the second
		 * walk's tables): 15 bytes at most, as far as both translate
		 */
		memcpy(code, page + off, n);
		if (n < MMIO_MAX_INSN && (next = guest_page(pg, gva + n, &w))) {
			memcpy((u8 *)code + n, next, MMIO_MAX_INSN - n);
			n = MMIO_MAX_INSN;
		}
	}
	if (mmio_decode((u8 *)code, n, mode, insn, reason))
		return NULL;
	/* kept: 16 bytes of one page (bytes after a shorter fetch are not the guest's) */
	if (n < 16)
		return insn;
	k = &kept[pg->cpu][kept_next[pg->cpu]++ % KEPT];
	*k = (struct kept_insn){ .gva = gva, .cr0 = pg->st.cr0, .cr3 = pg->st.cr3,
		.cr4 = pg->st.cr4, .efer = pg->st.efer, .generation = generation,
		.code = { code[0], code[1] }, .gpa_root = pg->gpa_root,
		.host = page + off, .mode = mode, .insn = *insn };
	/* the levels below a large page compare their own value */
	for (i = 0; i < 4; i++) {
		k->entries[i] = i < w.n ? &w.tables[i][(gva >> (39 - 9 * i)) & 511] :
					  &k->values[i];
		k->values[i] = *k->entries[i];
	}
	return insn;
}

const struct mmio_insn *guest_insn(const struct guest_paging *pg, u64 gva,
				  enum mmio_cpu_mode mode, struct mmio_insn *insn,
				  const char **reason)
{
	/* generation read first: a table changing during a walk outdates it */
	u64 generation = __atomic_load_n(&gpa_generation, __ATOMIC_ACQUIRE);
	const struct kept_insn *k = kept[pg->cpu], *end = k + KEPT;

	/* unrolled: a slot that is not gva costs one compare */
#pragma GCC unroll 8
	for (; k < end; k++)
		if (k->gva == gva && kept_valid(k, pg, mode, generation))
			return &k->insn;
	return fetch_insn(pg, gva, mode, insn, reason, generation);
}
