/* SPDX-License-Identifier: GPL-2.0 */
/* Shared by the emitter's writers; not part of its API. */
#ifndef _JH_GENERATOR_CONFIG_INTERNAL_H
#define _JH_GENERATOR_CONFIG_INTERNAL_H

#include "config-writer.h"

/* Fills the counts of the headers from the lists; -EINVAL if one overflows */
int jhgen_cell_finalize(struct jhgen_cell *c);
int jhgen_system_finalize(struct jhgen_system *s);

/* A cell always has at least one CPU bitmap word, even when empty */
static inline size_t jhgen_cpu_words(const struct jhgen_cell *c)
{
	return c->cpu_words ? c->cpu_words : 1;
}

#endif
