// SPDX-License-Identifier: GPL-2.0
/*
 * Reading guest memory the way the guest sees it, to fetch the
 * instruction behind a trapped MMIO access: guest-linear -> guest-physical
 * through the guest's 4-level page tables (4 KiB, 2 MiB and 1 GiB pages),
 * every table and the final page read through the cell's EPT, so a guest
 * can never make the hypervisor read memory outside its cell.
 */
#include "insn.h"

#define PTE_P		(1ULL << 0)
#define PTE_PS		(1ULL << 7)
#define PTE_ADDR	0x000ffffffffff000ULL
#define EPT_READ	(1ULL << 0)
#define EPT_RWX		7ULL
#define EPT_LARGE	(1ULL << 7)
#define CR4_PAE		(1ULL << 5)
#define CR4_LA57	(1ULL << 12)

static u64 level_mask(int level)
{
	return (1ULL << (12 + 9 * (level - 1))) - 1;
}

static unsigned int level_index(u64 addr, int level)
{
	return (addr >> (12 + 9 * (level - 1))) & 511;
}

u64 gpa_to_hpa(const u64 *gpa_root, u64 gpa)
{
	const u64 *table = gpa_root;
	u64 e;
	int level;

	for (level = 4; level >= 1; level--) {
		e = table[level_index(gpa, level)];
		if (!(e & EPT_RWX))
			return ~0ULL;
		if (level == 1 || (level <= 3 && (e & EPT_LARGE)))
			break;
		table = hv_phys_to_virt(e & PTE_ADDR);
	}
	if (!(e & EPT_READ))
		return ~0ULL;
	return (e & PTE_ADDR & ~level_mask(level)) | (gpa & level_mask(level));
}

/* The hypervisor reaches host memory only through its direct map */
static int read_guest_u64(const struct guest_paging *pg, u64 gpa, u64 *val)
{
	u64 hpa = gpa_to_hpa(pg->gpa_root, gpa);

	if (hpa == ~0ULL || hpa >= boot.direct_map_size)
		return -EINVAL;
	*val = *(const volatile u64 *)direct_map(hpa);
	return 0;
}

int guest_virt_to_phys(const struct guest_paging *pg, u64 gva, u64 *gpa,
		       const char **reason)
{
	u64 table = pg->cr3 & PTE_ADDR, e = 0;
	int level;

	if (!(pg->cr0 & X86_CR0_PG)) {
		*gpa = gva;
		return 0;
	}
	if (!(pg->efer & EFER_LMA) || !(pg->cr4 & CR4_PAE) || (pg->cr4 & CR4_LA57)) {
		*reason = "guest paging mode other than 4-level is not supported";
		return -EINVAL;
	}
	for (level = 4; level >= 1; level--) {
		if (read_guest_u64(pg, table + 8 * level_index(gva, level), &e)) {
			*reason = "guest page table outside the cell's memory";
			return -EINVAL;
		}
		if (!(e & PTE_P)) {
			*reason = "guest page not present";
			return -EINVAL;
		}
		if (level == 1 || ((level == 2 || level == 3) && (e & PTE_PS)))
			break;
		table = e & PTE_ADDR;
	}
	*gpa = (e & PTE_ADDR & ~level_mask(level)) | (gva & level_mask(level));
	return 0;
}

unsigned int guest_read(const struct guest_paging *pg, u64 gva, void *buf,
			unsigned int len)
{
	unsigned int done = 0, chunk;
	const char *reason;
	u64 gpa, hpa;

	while (done < len) {
		if (guest_virt_to_phys(pg, gva, &gpa, &reason))
			break;
		hpa = gpa_to_hpa(pg->gpa_root, gpa);
		if (hpa == ~0ULL || hpa >= boot.direct_map_size)
			break;
		chunk = PAGE_SIZE - (gva & (PAGE_SIZE - 1));
		if (chunk > PAGE_SIZE - (gpa & (PAGE_SIZE - 1)))
			chunk = PAGE_SIZE - (gpa & (PAGE_SIZE - 1));
		if (chunk > len - done)
			chunk = len - done;
		memcpy((u8 *)buf + done, direct_map(hpa), chunk);
		done += chunk;
		gva += chunk;
	}
	return done;
}
