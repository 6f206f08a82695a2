/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The MMIO dispatcher (core/mmio.c): pages of a cell's guest-physical
 * space that the hypervisor emulates are registered with a handler. The
 * x86 code (x86/mmio-emulate.c) decodes a trapped access and hands it to
 * the page's handler found here.
 */
#ifndef _HV_MMIO_H
#define _HV_MMIO_H

#include "hv.h"

/*
 * An emulated page: the handler does one access of size bytes at offset
 * (opaque: what mmio_register() was given); false refuses it.
 */
typedef bool (*mmio_handler_t)(struct per_cpu *c, void *opaque, u64 offset,
			       unsigned int size, bool write, u64 *value);

struct mmio_region {
	const struct cell *cell;
	u64 base, size;
	mmio_handler_t handler;
	void *opaque;
};

/* Emulate [base, base + size) of a cell's guest-physical space */
int mmio_register(const struct cell *cell, u64 base, u64 size,
		  mmio_handler_t handler, void *opaque);

/* A destroyed cell's regions are gone */
void mmio_unregister_cell(const struct cell *cell);

/* The registered region of cell holding gpa, or NULL */
const struct mmio_region *mmio_find(const struct cell *cell, u64 gpa);

/* The hypervisor's mapping of device memory [phys, phys + size), uncached; NULL if impossible */
volatile void *mmio_map_uncached(u64 phys, u64 size);

/* One device access of size bytes (1, 2, 4 or 8) at p */
static inline void mmio_write(volatile void *p, unsigned int size, u64 v)
{
	if (size == 1)
		*(volatile u8 *)p = v;
	else if (size == 2)
		*(volatile u16 *)p = v;
	else if (size == 4)
		*(volatile u32 *)p = v;
	else
		*(volatile u64 *)p = v;
}

#endif /* _HV_MMIO_H */
