/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * What apic-demo (inmates/demos) and `jh shmem` (tools/cmd-shmem.c) say to
 * each other over a two-peer shared-memory link (docs/shmem.md): the root
 * (peer 0) writes struct jh_demo_root into its section, the cell (peer 1)
 * struct jh_demo_cell into its own. Each side only reads the other's.
 */
#ifndef _JH_SHMEM_DEMO_H
#define _JH_SHMEM_DEMO_H

#include "types.h"

#define JH_DEMO_MAGIC		0x6a68646dU	/* "jhdm" */
#define JH_DEMO_PAYLOAD		8		/* uint64_t per ping */
#define JH_DEMO_OCTAVES		64

/* The answer to ping seq: each payload word changed so that both are checked */
static inline uint64_t jh_demo_pong_word(uint64_t ping_word, uint64_t seq)
{
	return ~ping_word ^ (seq * 0x9e3779b97f4a7c15ULL);
}

struct jh_demo_root {
	volatile uint64_t ping_seq;		/* a new ping when it changes (+ doorbell) */
	volatile uint64_t payload[JH_DEMO_PAYLOAD];
	volatile uint64_t cmd_seq;		/* a new command when it changes */
	volatile uint64_t cmd_period_us;	/* the command: the timer period */
} JH_PACKED;

struct jh_demo_cell {
	volatile uint32_t magic;		/* JH_DEMO_MAGIC once the cell runs */
	volatile uint32_t reserved;
	volatile uint64_t pong_seq;		/* = ping_seq once answered (+ doorbell) */
	volatile uint64_t payload[JH_DEMO_PAYLOAD];	/* jh_demo_pong_word() of the ping's */
	volatile uint64_t cmd_ack;		/* cmd_seq of the last command taken */
	volatile uint64_t period_us;		/* the timer period now */
	/* the latency histogram: odd stats_seq while it is being written */
	volatile uint64_t stats_seq;
	volatile uint64_t ticks, min, max, mean, p50, p99, overruns;
	volatile uint64_t octave[JH_DEMO_OCTAVES];	/* [2^i, 2^(i+1)) cycles */
} JH_PACKED;

#endif /* _JH_SHMEM_DEMO_H */
