// SPDX-License-Identifier: GPL-2.0
/*
 * The page pool: every page of hypervisor memory after the driver's page
 * tables, handed out in page-granular runs tracked by a bitmap. Freed
 * pages are zeroed, so nothing a cell or the root left in them (a config,
 * a comm page, a page table) reaches the next user. A page table that a
 * CPU may still cache is freed deferred: it stays in use until every such
 * CPU flushed (pool_release_deferred()).
 */
#include "hv.h"

#define POOL_MAX_PAGES	(1024 * 1024 * 1024 / PAGE_SIZE)	/* 1 GiB, as the driver allows */

static spinlock_t pool_lock;
static u64 pool_bitmap[POOL_MAX_PAGES / 64];
static u64 pool_deferred[POOL_MAX_PAGES / 64];	/* freed, maybe cached */
static u8 *pool_base;
static u64 pool_pages, pool_used_pages;

void pool_init(void)
{
	pool_base = hv_phys_to_virt(boot.phys_base + boot.pool_offset);
	pool_pages = (boot.mem_size - boot.pool_offset) / PAGE_SIZE;
	pool_used_pages = 0;
	memset(pool_bitmap, 0, sizeof(pool_bitmap));
	memset(pool_deferred, 0, sizeof(pool_deferred));
}

static bool page_used(u64 n)
{
	return pool_bitmap[n / 64] & (1ULL << (n % 64));
}

void *page_alloc(unsigned int pages)
{
	u64 start, n;
	void *page = NULL;

	spin_lock(&pool_lock);
	for (start = 0; start + pages <= pool_pages; start = n + 1) {
		for (n = start; n < start + pages && !page_used(n); n++)
			;
		if (n == start + pages) {
			bitmap_assign(pool_bitmap, start, pages, true);
			pool_used_pages += pages;
			page = pool_base + start * PAGE_SIZE;
			break;
		}
	}
	spin_unlock(&pool_lock);
	if (page)
		memset(page, 0, pages * PAGE_SIZE);
	return page;
}

void page_free(void *page, unsigned int pages)
{
	memset(page, 0, pages * PAGE_SIZE);
	spin_lock(&pool_lock);
	bitmap_assign(pool_bitmap, ((u8 *)page - pool_base) / PAGE_SIZE, pages, false);
	pool_used_pages -= pages;
	spin_unlock(&pool_lock);
}

void page_free_deferred(void *page, unsigned int pages)
{
	spin_lock(&pool_lock);
	bitmap_assign(pool_deferred, ((u8 *)page - pool_base) / PAGE_SIZE, pages, true);
	spin_unlock(&pool_lock);
}

void pool_release_deferred(void)
{
	u64 i, word;

	for (i = 0; i < (pool_pages + 63) / 64; i++) {
		spin_lock(&pool_lock);
		word = pool_deferred[i];
		pool_deferred[i] = 0;
		spin_unlock(&pool_lock);
		for (; word; word &= word - 1)
			page_free(pool_base + (i * 64 + __builtin_ctzll(word)) * PAGE_SIZE, 1);
	}
}

u64 pool_size(void)
{
	return pool_pages * PAGE_SIZE;
}

u64 pool_used(void)
{
	return pool_used_pages * PAGE_SIZE;
}
