// SPDX-License-Identifier: GPL-2.0
/*
 * The root cell of a plan. jh-plan decides none of it on its own: it
 * starts from the root cell jh-discover's policy gave the machine (the
 * machine JSON's root_cell, decided by discover/root-policy.c; see
 * docs/discover.md) and applies the plan's memory layout to it:
 *
 *	- the plan's memmap= reservation (hypervisor, RT RAM, shared memory,
 *	  the unused rest) leaves every root memory region;
 *	- the hypervisor memory jh-discover kept out of the root, where it
 *	  is System RAM and the plan's reservation does not cover it, goes
 *	  back to the root (with the plan's memmap= it is Linux's RAM);
 *	- the RT cell's RAM and shared memory and the RAM of cells planned
 *	  before are added: Linux owns them until the cells are created;
 *	- the hypervisor memory is the plan's, and the debug console is not
 *	  the RT cell's UART.
 *
 * Ports, PCI devices, IOAPICs and their pins, CPUs and the platform are
 * jh-discover's as they are: a cell takes its share from the root when it
 * is created, so the root must own all of it.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "plan.h"

#define RAM_FLAGS	(JH_MEM_READ | JH_MEM_WRITE | JH_MEM_EXECUTE | JH_MEM_DMA)

/* Adds r minus [cut, cut_end) (0, 1 or 2 pieces) with r's comment */
static int add_mem_outside(struct jhgen_cell *c, const struct jh_memory *r,
			   const char *comment, uint64_t cut, uint64_t cut_end)
{
	uint64_t end = r->phys_start + r->size;
	struct jh_memory piece = *r;
	int err = 0;

	if (end <= cut || r->phys_start >= cut_end)
		return jhgen_cell_add_mem(c, r, "%s", comment);
	if (r->phys_start < cut) {
		piece.size = cut - r->phys_start;
		err = jhgen_cell_add_mem(c, &piece, "%s", comment);
	}
	if (err >= 0 && end > cut_end) {
		piece.phys_start = cut_end;
		piece.virt_start = r->virt_start + (cut_end - r->phys_start);
		piece.size = end - cut_end;
		err = jhgen_cell_add_mem(c, &piece, "%s", comment);
	}
	return err;
}

/*
 * The part of [start, end) in RAM range r that the plan's reservation
 * leaves free: Linux's RAM once booted with the plan's memmap=
 */
static int add_ram_back(struct plan *p, const struct pm_range *r,
			uint64_t start, uint64_t end)
{
	uint64_t s = start > r->start ? start : r->start;
	uint64_t e = end < r->end + 1 ? end : r->end + 1;

	if (strcmp(r->name, "System RAM") || s >= e)
		return 0;
	return add_mem_outside(&p->sys.root, &(struct jh_memory){
		.phys_start = s, .virt_start = s, .size = e - s, .flags = RAM_FLAGS },
		"RAM: jh-discover's hypervisor memory, Linux's with this plan's memmap=",
		p->res_base, p->res_base + p->res_size);
}

static int add_memory(struct plan *p)
{
	const struct jhgen_cell *from = &p->m->root.root;
	const struct jh_memory *hv = &p->m->root.header.hypervisor_memory;
	struct jhgen_cell *root = &p->sys.root;
	uint64_t res_end = p->res_base + p->res_size;
	size_t i;
	int err = 0;

	for (i = 0; i < from->mem.count && err >= 0; i++)
		err = add_mem_outside(root, jhgen_mem(from, i),
				      from->mem.comments[i], p->res_base, res_end);
	for (i = 0; i < (size_t)p->m->num_e820 && err >= 0 && hv->size; i++)
		err = add_ram_back(p, &p->m->e820[i], hv->phys_start,
				   hv->phys_start + hv->size);
	/* the RT cell's part of the reservation, Linux's until cell create */
	if (err >= 0)
		err = jhgen_cell_add_mem(root, &(struct jh_memory){
			.phys_start = p->rt_base, .virt_start = p->rt_base,
			.size = p->rt_size, .flags = RAM_FLAGS },
			"RAM of cell \"%s\" (reserved by memmap=): the cell takes it at create",
			p->req->name);
	if (err >= 0 && p->shmem_size)
		err = jhgen_cell_add_mem(root, &(struct jh_memory){
			.phys_start = p->shmem_base, .virt_start = p->shmem_base,
			.size = p->shmem_size / 2,
			.flags = JH_MEM_READ | JH_MEM_WRITE },
			"shared-memory link %u with cell \"%s\": the root's section, "
			"which only it writes", PLAN_SHMEM_LINK_ID, p->req->name);
	if (err >= 0 && p->shmem_size)
		err = jhgen_cell_add_mem(root, &(struct jh_memory){
			.phys_start = p->shmem_base + p->shmem_size / 2,
			.virt_start = p->shmem_base + p->shmem_size / 2,
			.size = p->shmem_size / 2, .flags = JH_MEM_READ },
			"shared-memory link %u: the section of cell \"%s\", read-only here",
			PLAN_SHMEM_LINK_ID, p->req->name);
	if (err >= 0)
		err = plan_add_others_to_root(p);
	jhgen_cell_sort_mem(root);
	for (i = 0; err >= 0 && p->shmem_size && i < root->mem.count; i++)
		if (jhgen_mem(root, i)->phys_start == p->shmem_base)
			err = jhgen_cell_add_link(root, &(struct jh_shmem_link){
				.id = PLAN_SHMEM_LINK_ID, .mem_start = i, .peer = 0,
				.num_peers = 2 },
				"with cell \"%s\": the root is peer 0, its doorbell vector "
				"comes from its driver", p->req->name);
	return err < 0 ? err : 0;
}

/* jh-discover's elements as they are, with their comments */
#define COPY_LIST(add, to, from, type)					\
	for (i = 0; i < (from)->count && err >= 0; i++)			\
		err = add(to, jhgen_item(from, type, i), "%s",		\
			  (from)->comments[i])

static int copy_discover_root(struct plan *p)
{
	const struct jhgen_system *d = &p->m->root;
	const struct jhgen_cell *from = &d->root;
	struct jhgen_system *s = &p->sys;
	size_t i;
	int err = 0;

	s->header.flags = d->header.flags;
	s->header.debug_console = d->header.debug_console;
	s->header.platform = d->header.platform;
	COPY_LIST(jhgen_system_add_mmconfig, s, &d->mmconfig, struct jh_pci_mmconfig);
	COPY_LIST(jhgen_system_add_iommu, s, &d->iommus, struct jh_iommu);
	COPY_LIST(jhgen_system_add_ioapic, s, &d->ioapics, struct jh_ioapic);
	COPY_LIST(jhgen_cell_add_irqchip, &s->root, &from->irqchips, struct jh_irqchip);
	COPY_LIST(jhgen_cell_add_pio, &s->root, &from->pio, struct jh_pio);
	for (i = 0; i < from->pci.count && err >= 0; i++) {
		const struct jh_pci_device *dev = jhgen_pci(from, i);
		const struct jh_pci_capability *caps = NULL;
		const char *const *comments = NULL;

		if (dev->num_caps) {	/* the loader checked the range */
			caps = jhgen_item(&from->caps, struct jh_pci_capability,
					  dev->caps_start);
			comments = (const char *const *)from->caps.comments +
				   dev->caps_start;
		}
		err = jhgen_cell_add_pci(&s->root, dev, caps, dev->num_caps,
					 comments, "%s", from->pci.comments[i]);
	}
	for (i = 0; i < from->cpu_words * 64 && err >= 0; i++)
		if (jhgen_cell_has_cpu(from, (unsigned int)i))
			err = jhgen_cell_add_cpu(&s->root, (unsigned int)i);
	return err < 0 ? err : 0;
}

/*
 * jh-discover's console, unless the RT cell takes that UART: then another
 * UART Linux uses (COM1 first), else none (the root still reads the
 * hypervisor's messages through the driver).
 */
static void set_debug_console(struct plan *p)
{
	struct jh_console *con = &p->sys.header.debug_console;
	const struct machine *m = p->m;
	int i, port = -1;

	if (con->type != JH_CON_8250_PIO || con->address != (uint64_t)p->req->console_port)
		return;
	for (i = 0; i < m->num_serials; i++) {
		const struct pm_serial *s = &m->serials[i];

		if (!s->in_use || s->port <= 0 || s->port == p->req->console_port)
			continue;
		if (port < 0 || s->port == 0x3f8)
			port = s->port;
	}
	*con = (struct jh_console){ .type = port > 0 ? JH_CON_8250_PIO : JH_CON_NONE,
				    .address = port > 0 ? (uint64_t)port : 0 };
}

int plan_build_root(struct plan *p)
{
	int err;

	jhgen_system_init(&p->sys, "root");
	p->sys.header.hypervisor_memory.phys_start = p->hv_base;
	p->sys.header.hypervisor_memory.size = p->hv_size;
	jhgen_system_set_hv_comment(&p->sys,
		"hypervisor memory: the first part of the memmap= reservation");
	err = copy_discover_root(p);
	if (!err)
		set_debug_console(p);
	return err ?: add_memory(p);
}
