/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Latency histogram: log-linear buckets (16 per power of two, so a bucket
 * is at most 1/16 = 6.25% wide) over 64-bit values, plus exact count, sum,
 * min and max. Percentiles come from the buckets, clamped to [min, max].
 * Pure code, also built for the host unit tests.
 */
#ifndef _INMATE_HISTOGRAM_H
#define _INMATE_HISTOGRAM_H

#include <jh/types.h>

#define HIST_SUB_BITS		4
#define HIST_SUB_BUCKETS	(1 << HIST_SUB_BITS)
/* values below HIST_SUB_BUCKETS get one bucket each; then 16 per octave */
#define HIST_BUCKETS		((64 - HIST_SUB_BITS + 1) * HIST_SUB_BUCKETS)

struct histogram {
	uint64_t count;
	uint64_t sum;
	uint64_t min;
	uint64_t max;
	uint32_t buckets[HIST_BUCKETS];
};

void hist_init(struct histogram *h);
void hist_add(struct histogram *h, uint64_t value);
unsigned int hist_bucket_of(uint64_t value);
uint64_t hist_bucket_low(unsigned int bucket);
uint64_t hist_bucket_high(unsigned int bucket);
/* The value below which `permille` thousandths of the samples fall
 * (500 = median, 990 = p99), 0 for an empty histogram */
uint64_t hist_percentile(const struct histogram *h, unsigned int permille);
uint64_t hist_mean(const struct histogram *h);
/* Samples in [2^order, 2^(order+1)) (order 0 also holds 0), for a coarse
 * one-line-per-octave printout */
uint64_t hist_octave_count(const struct histogram *h, unsigned int order);

#endif /* _INMATE_HISTOGRAM_H */
