// SPDX-License-Identifier: GPL-2.0
/*
 * The MMIO dispatcher: a page the hypervisor emulates is left out of the
 * cell's guest-physical tables and registered here with its emulator;
 * the x86 code (x86/mmio-emulate.c) decodes the faulting instruction and
 * performs the access through the page's handler.
 */
#include "mmio.h"

#define MMIO_REGIONS	128	/* APIC, IOAPICs, MMCONFIG, MSI-X tables */

static struct mmio_region regions[MMIO_REGIONS];
static spinlock_t regions_lock;

int mmio_register(const struct cell *cell, u64 base, u64 size,
		  mmio_handler_t handler, void *opaque)
{
	unsigned int i;
	int err = -ENOMEM;

	spin_lock(&regions_lock);
	for (i = 0; i < MMIO_REGIONS; i++) {
		if (regions[i].handler)
			continue;
		regions[i] = (struct mmio_region){ cell, base, size, handler, opaque };
		err = 0;
		break;
	}
	spin_unlock(&regions_lock);
	return err;
}

const struct mmio_region *mmio_find(const struct cell *cell, u64 gpa)
{
	unsigned int i;

	for (i = 0; i < MMIO_REGIONS; i++)
		if (regions[i].handler && regions[i].cell == cell &&
		    gpa >= regions[i].base && gpa - regions[i].base < regions[i].size)
			return &regions[i];
	return NULL;
}

/* Under the cell lock, the cell's CPUs stopped: nobody looks */
void mmio_unregister_cell(const struct cell *cell)
{
	unsigned int i;

	for (i = 0; i < MMIO_REGIONS; i++)
		if (regions[i].cell == cell)
			regions[i].handler = NULL;
}
