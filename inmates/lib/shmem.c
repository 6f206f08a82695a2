// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Shared-memory links of a cell: see inmate/shmem.h and docs/shmem.md */
#include <inmate/errno.h>
#include <inmate/inmate.h>
#include <inmate/irq.h>
#include <inmate/shmem.h>
#include <inmate/x86.h>

#define SHMEM_LIB_LINKS		4

/* The links whose vectors the handler serves */
static struct shmem_link *by_slot[SHMEM_LIB_LINKS];
static uint8_t slot_vector[SHMEM_LIB_LINKS];

static void shmem_doorbell(struct irq_frame *frame)
{
	unsigned int i;

	for (i = 0; i < SHMEM_LIB_LINKS; i++)
		if (by_slot[i] && slot_vector[i] == frame->vector)
			by_slot[i]->doorbells++;
}

int shmem_map(struct shmem_link *l, unsigned int index, uint64_t base,
	      uint64_t section_size, unsigned int peer, unsigned int num_peers,
	      unsigned int vector)
{
	unsigned int i;

	if (index >= JH_SHMEM_MAX_LINKS || peer >= num_peers ||
	    num_peers > JH_SHMEM_MAX_PEERS || !section_size ||
	    vector < IRQ_FIRST_EXTERNAL || vector >= IRQ_SPURIOUS_VECTOR)
		return -EINVAL;
	for (i = 0; i < SHMEM_LIB_LINKS && by_slot[i]; i++)
		;
	if (i == SHMEM_LIB_LINKS)
		return -EINVAL;
	l->index = index;
	l->peer = peer;
	l->num_peers = num_peers;
	l->base = (uint8_t *)(uintptr_t)base;
	l->section_size = section_size;
	l->doorbells = 0;
	by_slot[i] = l;
	slot_vector[i] = vector;
	irq_set_handler(vector, shmem_doorbell);
	return 0;
}

uint32_t shmem_peers_up(const struct shmem_link *l)
{
	struct jh_comm_region *comm = comm_region();

	return comm ? comm->shmem_peers_up[l->index] : 0;
}

int shmem_ring(const struct shmem_link *l)
{
	long ret;

	asm volatile("vmcall"
		     : "=a"(ret)
		     : "a"((long)JH_HC_SHMEM_RING), "D"((long)l->index)
		     : "memory");
	return ret ? -EINVAL : 0;
}

int shmem_publish(const struct shmem_link *l)
{
	/* x86 keeps stores in order; the compiler must too */
	asm volatile("sfence" : : : "memory");
	return shmem_ring(l);
}

bool shmem_wait(const struct shmem_link *l, uint64_t *seen, uint64_t timeout_tsc)
{
	uint64_t end = rdtsc() + timeout_tsc;

	while (l->doorbells == *seen) {
		if (timeout_tsc && rdtsc() >= end)
			return false;
		cpu_relax();
	}
	*seen = l->doorbells;
	return true;
}
