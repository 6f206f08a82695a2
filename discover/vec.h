/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Growable arrays for the machine model: VEC_TYPE(name, T) declares
 * struct name { T *v; size_t n, cap; }, vec_push() appends a zeroed element
 * and returns a pointer to it (NULL when out of memory).
 */
#ifndef _JH_DISCOVER_VEC_H
#define _JH_DISCOVER_VEC_H

#include <stddef.h>

#define VEC_TYPE(name, type)		\
	struct name {			\
		type *v;		\
		size_t n, cap;		\
	}

void *vec_grow(void **v, size_t *n, size_t *cap, size_t elem_size);

#define vec_push(vec)							\
	((__typeof__((vec)->v))vec_grow((void **)&(vec)->v, &(vec)->n,	\
					&(vec)->cap, sizeof(*(vec)->v)))

#define vec_free(vec)							\
	do {								\
		free((vec)->v);						\
		(vec)->v = NULL;					\
		(vec)->n = (vec)->cap = 0;				\
	} while (0)

#endif /* _JH_DISCOVER_VEC_H */
