// SPDX-License-Identifier: GPL-2.0
/*
 * Reading guest memory the way the guest sees it, to fetch the
 * instruction behind a trapped MMIO access: guest-linear -> guest-physical
 * through the guest's 4-level page tables (4 KiB, 2 MiB and 1 GiB pages)
 * with the one walker (<jh/paging.h>), every table and the final page
 * read through the cell's EPT, so a guest can never make the hypervisor
 * read memory outside its cell.
 */
#include "insn.h"
#include "paging.h"

#define PTE_P		(1ULL << 0)
#define CR4_LA57	(1ULL << 12)

/*
 * Guest RAM (a table, or the page read) by its guest-physical address,
 * through the direct map; gpa_root (the walker's ctx) is the cell's EPT
 */
static u64 *guest_ram(void *gpa_root, u64 gpa)
{
	u64 hpa = gpa_to_hpa(gpa_root, gpa, JH_MEM_READ);

	return hpa == ~0ULL || hpa >= boot.direct_map_size ? NULL : direct_map(hpa);
}

static const struct jh_paging guest_paging_64 = {
	.present = PTE_P,
	.large_levels = 1 << 2 | 1 << 3,
	.table = guest_ram,
};

int guest_virt_to_phys(const struct guest_paging *pg, u64 gva, u64 *gpa,
		       const char **reason)
{
	unsigned int level = 1;
	u64 *root, *e;

	if (!(pg->cr0 & X86_CR0_PG)) {
		*gpa = gva;
		return 0;
	}
	if (!(pg->efer & EFER_LMA) || !(pg->cr4 & X86_CR4_PAE) || (pg->cr4 & CR4_LA57)) {
		*reason = "guest paging mode other than 4-level is not supported";
		return -EINVAL;
	}
	root = guest_ram((void *)pg->gpa_root, pg->cr3 & JH_PAGING_ADDR);
	e = root ? jh_paging_walk(&guest_paging_64, (void *)pg->gpa_root, root, gva,
				  &level, false) : NULL;
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

unsigned int guest_read(const struct guest_paging *pg, u64 gva, void *buf,
			unsigned int len)
{
	unsigned int done = 0, chunk;
	const char *reason;
	u64 gpa;
	u8 *src;

	while (done < len) {
		if (guest_virt_to_phys(pg, gva, &gpa, &reason))
			break;
		src = (u8 *)guest_ram((void *)pg->gpa_root, gpa);
		if (!src)
			break;
		/* the same page offset in gva and gpa: up to the page's end */
		chunk = PAGE_SIZE - (gva & (PAGE_SIZE - 1));
		if (chunk > len - done)
			chunk = len - done;
		memcpy((u8 *)buf + done, src, chunk);
		done += chunk;
		gva += chunk;
	}
	return done;
}
