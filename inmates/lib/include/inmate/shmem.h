/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Shared-memory links (docs/shmem.md). A link's sections sit in the cell's
 * guest-physical space where its config maps them; section `peer` is this
 * cell's own (the only one it may write: writing another one fails the
 * cell). Reading and writing cost no VM exit; shmem_ring() is one VMCALL;
 * a doorbell from a peer (or a peer going up or down) arrives as the link's
 * interrupt vector on the cell's first CPU, without an exit.
 */
#ifndef _INMATE_SHMEM_H
#define _INMATE_SHMEM_H

#include <jh/types.h>

struct shmem_link {
	unsigned int index;		/* in the cell config's shmem_links[] */
	unsigned int peer, num_peers;
	uint8_t *base;			/* section k at base + k * section_size */
	uint64_t section_size;
	volatile uint64_t doorbells;	/* counted by the interrupt handler */
};

/*
 * Describes link index of the cell config (sections of section_size bytes
 * one after the other from guest address base, as jh-plan --shmem lays
 * them out) and handles its doorbell vector (interrupts are the caller's
 * to enable). -EINVAL: bad numbers, or more links than the library keeps.
 */
int shmem_map(struct shmem_link *l, unsigned int index, uint64_t base,
	      uint64_t section_size, unsigned int peer, unsigned int num_peers,
	      unsigned int vector);

static inline volatile void *shmem_section(const struct shmem_link *l, unsigned int k)
{
	return l->base + (uint64_t)k * l->section_size;
}

/* This cell's own section, the one it publishes in */
static inline volatile void *shmem_mine(const struct shmem_link *l)
{
	return shmem_section(l, l->peer);
}

/* Bit p: peer p is up (running), as the hypervisor keeps it in the comm region */
uint32_t shmem_peers_up(const struct shmem_link *l);

/* Doorbell to every peer that is up: one VMCALL; 0 or -EINVAL */
int shmem_ring(const struct shmem_link *l);

/* Makes the stores to this cell's section visible, then rings */
int shmem_publish(const struct shmem_link *l);

/*
 * Waits by polling (no exit) until a doorbell came after *seen (updated),
 * or timeout_tsc TSC cycles passed (0: forever); true on a doorbell.
 * Interrupts must be enabled.
 */
bool shmem_wait(const struct shmem_link *l, uint64_t *seen, uint64_t timeout_tsc);

#endif /* _INMATE_SHMEM_H */
