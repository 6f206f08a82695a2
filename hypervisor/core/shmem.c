// SPDX-License-Identifier: GPL-2.0
/*
 * Shared-memory links (docs/shmem.md). The memory is plain config regions
 * mapped by EPT (a peer's output section writable only in its own config,
 * JH_MEM_ROOTSHARED in cells), so data costs no exit; the validator checks
 * that the peers' configs agree. Here only the doorbells and the peers'
 * state: a table of where each cell's link doorbell goes, rebuilt under
 * the management lock after each change of a cell, read by RING under its
 * own lock so that a ring never waits for a create or destroy.
 */
#include <jh/config-walk.h>

#include "hv.h"

struct bell {
	u32 link_id;		/* 0: no link */
	u8 peer, cpu, vector;
	bool up;
};

static struct bell bells[MAX_CELLS][JH_SHMEM_MAX_LINKS];
static u32 peers_up[MAX_CELLS][JH_SHMEM_MAX_LINKS];	/* as last told */
static u16 root_target[JH_SHMEM_MAX_LINKS];		/* cpu << 8 | vector */
static spinlock_t bells_lock;

/* Only to a CPU the peer still runs on: never one a cell got since */
static void ring(unsigned int id, unsigned int i)
{
	const struct bell *b = &bells[id][i];

	if (b->up && b->vector && per_cpu[b->cpu].mode == (id ? CPU_CELL : CPU_ROOT))
		apic_send_vector(b->cpu, b->vector);
}

/* Peers' bit masks of one link: bit p when peer p is up */
static u32 link_up(u32 link_id)
{
	unsigned int y, j;
	u32 up = 0;

	for (y = 0; y < MAX_CELLS; y++)
		for (j = 0; j < JH_SHMEM_MAX_LINKS; j++)
			if (bells[y][j].link_id == link_id && bells[y][j].up)
				up |= 1U << bells[y][j].peer;
	return up;
}

/* After any change of a cell, under the management lock; peers up or down ring */
void shmem_update(void)
{
	const struct jh_shmem_link *l;
	struct cell *cell;
	unsigned int x, i;
	u32 up;

	spin_lock(&bells_lock);
	memset(bells, 0, sizeof(bells));
	for (x = 0; x < MAX_CELLS; x++) {
		cell = x ? cells[x] : &root_cell;
		for (i = 0; cell && i < cell->config->num_shmem_links; i++) {
			l = &jh_cell_shmem_links(cell->config)[i];
			bells[x][i] = (struct bell){ .link_id = l->id, .peer = l->peer,
				.cpu = x ? __builtin_ctzll(cell->cpus) : root_target[i] >> 8,
				.vector = x ? l->vector : root_target[i] & 0xff,
				.up = (u64)cell_get_state(x) <= JH_CELL_RUNNING_LOCKED };
		}
	}
	spin_unlock(&bells_lock);
	for (x = 0; x < MAX_CELLS; x++) {
		for (i = 0; i < JH_SHMEM_MAX_LINKS && bells[x][i].link_id; i++) {
			up = link_up(bells[x][i].link_id);
			if (x)	/* rewritten: a start clears the comm region */
				cells[x]->comm->shmem_peers_up[i] = up;
			if ((peers_up[x][i] ^ up) & ~(1U << bells[x][i].peer))
				ring(x, i);	/* another peer went up or down */
			peers_up[x][i] = up;
		}
	}
}

long shmem_ring(struct per_cpu *c, struct guest_regs *regs, u64 i, u64 a2)
{
	unsigned int id = c->cell->id, y, j;

	if (i >= JH_SHMEM_MAX_LINKS || !bells[id][i].link_id)
		return -EINVAL;
	spin_lock(&bells_lock);
	for (y = 0; y < MAX_CELLS; y++)
		for (j = 0; j < JH_SHMEM_MAX_LINKS; j++)
			if (y != id && bells[y][j].link_id == bells[id][i].link_id)
				ring(y, j);
	spin_unlock(&bells_lock);
	return 0;
}

long shmem_root_irq(struct per_cpu *c, struct guest_regs *regs, u64 i, u64 target)
{
	u64 cpu = target >> 8;

	if (i >= root_cell.config->num_shmem_links || cpu >= JH_MAX_CPUS ||
	    !(boot.cpu_mask & (1ULL << cpu)) || (target & 0xff) < 32)
		return set_status(-EINVAL, "shmem link %lu, CPU %lu, vector %lu: no link of "
				  "the root cell, no CPU of the machine or no vector 32-255",
				  i, cpu, target & 0xff);
	root_target[i] = target;
	shmem_update();		/* the first call may come before any other */
	return link_up(bells[0][i].link_id);
}
