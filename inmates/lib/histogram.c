// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Log-linear latency histogram. Bucket b < 16 holds exactly the value b;
 * above that, each power of two [2^e, 2^(e+1)) is split into 16 equal
 * buckets, indexed by the 4 bits below the leading one.
 */
#include <inmate/histogram.h>

static unsigned int log2_floor(uint64_t v)
{
	return 63 - __builtin_clzll(v);
}

void hist_init(struct histogram *h)
{
	unsigned int i;

	h->count = 0;
	h->sum = 0;
	h->min = UINT64_MAX;
	h->max = 0;
	for (i = 0; i < HIST_BUCKETS; i++)
		h->buckets[i] = 0;
}

unsigned int hist_bucket_of(uint64_t value)
{
	unsigned int e;

	if (value < HIST_SUB_BUCKETS)
		return value;
	e = log2_floor(value);
	return (e - HIST_SUB_BITS + 1) * HIST_SUB_BUCKETS +
	       ((value >> (e - HIST_SUB_BITS)) & (HIST_SUB_BUCKETS - 1));
}

uint64_t hist_bucket_low(unsigned int bucket)
{
	unsigned int e, m;

	if (bucket < HIST_SUB_BUCKETS)
		return bucket;
	e = bucket / HIST_SUB_BUCKETS + HIST_SUB_BITS - 1;
	m = bucket % HIST_SUB_BUCKETS;
	return (uint64_t)(HIST_SUB_BUCKETS + m) << (e - HIST_SUB_BITS);
}

uint64_t hist_bucket_high(unsigned int bucket)
{
	unsigned int e;

	if (bucket < HIST_SUB_BUCKETS)
		return bucket;
	e = bucket / HIST_SUB_BUCKETS + HIST_SUB_BITS - 1;
	return hist_bucket_low(bucket) + ((uint64_t)1 << (e - HIST_SUB_BITS)) - 1;
}

void hist_add(struct histogram *h, uint64_t value)
{
	h->count++;
	h->sum += value;
	if (value < h->min)
		h->min = value;
	if (value > h->max)
		h->max = value;
	h->buckets[hist_bucket_of(value)]++;
}

uint64_t hist_percentile(const struct histogram *h, unsigned int permille)
{
	uint64_t rank, seen = 0, v;
	unsigned int b;

	if (!h->count)
		return 0;
	if (permille > 1000)
		permille = 1000;
	/* the smallest rank r with r >= count * permille / 1000, at least 1 */
	rank = (h->count * permille + 999) / 1000;
	if (rank == 0)
		rank = 1;
	for (b = 0; b < HIST_BUCKETS; b++) {
		seen += h->buckets[b];
		if (seen >= rank)
			break;
	}
	v = hist_bucket_high(b);
	if (v > h->max)
		v = h->max;
	if (v < h->min)
		v = h->min;
	return v;
}

uint64_t hist_mean(const struct histogram *h)
{
	return h->count ? h->sum / h->count : 0;
}

uint64_t hist_octave_count(const struct histogram *h, unsigned int order)
{
	uint64_t low, n = 0;
	unsigned int b, o;

	for (b = 0; b < HIST_BUCKETS; b++) {
		if (!h->buckets[b])
			continue;
		low = hist_bucket_low(b);
		o = low < 2 ? 0 : log2_floor(low);
		if (o == order)
			n += h->buckets[b];
	}
	return n;
}
