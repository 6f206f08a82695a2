// SPDX-License-Identifier: GPL-2.0
/*
 * The RT cell of a plan. Guest-physical layout (docs/inmates.md):
 *	0x0	    - 0xfffff	RAM, loadable: the inmate image starts at 0
 *	0x100000    - 0x100fff	comm region (struct jh_comm_region)
 *	0x101000    - ...	the rest of the cell's RAM, loadable
 *	0x40000000  - ...	memory shared with the root cell (--shmem)
 * RAM is one physical range: guest address = offset into it (the page
 * behind the comm region stays unused). Plus the console UART's ports and
 * the devices' BARs, identity-mapped. Same layout as configs/rt.c.
 * With devices, the last PLAN_DMA_SIZE bytes of the RAM are the devices'
 * DMA buffers, identity-mapped (guest address = physical address): a
 * device without an IOMMU sees physical addresses, and with one the
 * cell's IOMMU domain maps that range the same way, so one inmate works
 * on both.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "plan.h"

#define RT_RAM_FLAGS	(JH_MEM_READ | JH_MEM_WRITE | JH_MEM_EXECUTE | \
			 JH_MEM_LOADABLE)

static void check_console(struct plan *p)
{
	const struct machine *m = p->m;
	int port = p->req->console_port, i;

	if (port < 0) {
		plan_add(p, PLAN_NOTE, "console", NULL,
			 "no console UART for the cell (--rt-console none); it prints through the hypervisor console only");
		return;
	}
	for (i = 0; i < m->num_serials; i++) {
		const struct pm_serial *s = &m->serials[i];

		if (s->port != port)
			continue;
		if (s->in_use && s->port == 0x3f8)
			plan_add(p, PLAN_WARNING, "console",
				 "fix: give the cell another UART, e.g. --rt-console 0x2f8",
				 "console 0x%x is %s, which Linux and the hypervisor use for their messages: output will mix",
				 port, s->name);
		else
			plan_add(p, PLAN_OK, "console", NULL,
				 "console UART 0x%x (%s, IRQ %d) goes to the cell; Linux must not use %s meanwhile",
				 port, s->name, s->irq, s->name);
		return;
	}
	if (!m->num_serials)
		plan_add(p, PLAN_NOTE, "console", NULL,
			 "console UART 0x%x given to the cell (the input lists no serial ports to check it against)",
			 port);
	else
		plan_add(p, PLAN_WARNING, "console",
			 "fix: pick a UART the machine has (--rt-console PORT, see serial_ports in the machine JSON) or --rt-console none",
			 "no UART found at port 0x%x", port);
}

int plan_build_rt(struct plan *p)
{
	const struct plan_request *r = p->req;
	struct jhgen_cell *c = &p->rt;
	uint64_t dma = r->num_devices ? JH_MEM_DMA : 0;
	uint64_t low = p->rt_size < PLAN_LOW_RAM ? p->rt_size : PLAN_LOW_RAM;
	uint64_t dma_size = r->num_devices ? PLAN_DMA_SIZE : 0;
	uint64_t high_end = p->rt_size - dma_size;
	int i, err = 0;

	jhgen_cell_init(c, r->name);
	/* Linux answers no comm-region message: jh cell shutdown just stops it */
	c->desc.flags = r->linux_cell ? JH_CELL_PASSIVE_COMMREG : JH_CELL_VIRTUAL_CONSOLE;
	if (r->linux_cell)
		plan_add(p, r->console_port < 0 ? PLAN_WARNING : PLAN_OK, "linux",
			 r->console_port < 0 ? "fix: give it a UART (--rt-console PORT)" : NULL,
			 "Linux cell: boot it with jh cell linux %s.cell bzImage -i INITRD (a "
			 "kernel with CONFIG_JAILHOUSE_GUEST=y)%s", r->name,
			 r->console_port < 0 ? "; without a UART its kernel has no console" : "");
	c->desc.cpu_reset_address = 0;
	for (i = 0; i < r->num_cpus && !err; i++)
		err = jhgen_cell_add_cpu(c, (unsigned int)r->cpus[i]);
	if (err)
		return err;

	err = jhgen_cell_add_mem(c, &(struct jh_memory){
		.phys_start = p->rt_base, .virt_start = 0, .size = low,
		.flags = RT_RAM_FLAGS | dma },
		"RAM, loadable: the inmate image starts at guest 0");
	if (err >= 0)
		err = jhgen_cell_add_mem(c, &(struct jh_memory){
			.virt_start = PLAN_COMM_REGION, .size = PAGE_SIZE,
			.flags = JH_MEM_READ | JH_MEM_WRITE | JH_MEM_COMM_REGION },
			"comm region (struct jh_comm_region)");
	if (err >= 0 && high_end > PLAN_HIGH_RAM)
		err = jhgen_cell_add_mem(c, &(struct jh_memory){
			.phys_start = p->rt_base + PLAN_HIGH_RAM,
			.virt_start = PLAN_HIGH_RAM,
			.size = high_end - PLAN_HIGH_RAM,
			.flags = RT_RAM_FLAGS | dma },
			"RAM, loadable: the rest of the cell's memory");
	if (err >= 0 && dma_size)
		err = jhgen_cell_add_mem(c, &(struct jh_memory){
			.phys_start = p->rt_base + high_end,
			.virt_start = p->rt_base + high_end,
			.size = dma_size,
			.flags = JH_MEM_READ | JH_MEM_WRITE | JH_MEM_DMA },
			"DMA buffers of the cell's devices, identity-mapped (inmate parameter dma=0x%" PRIx64 ")",
			p->rt_base + high_end);
	if (err >= 0 && p->shmem_size)
		err = jhgen_cell_add_mem(c, &(struct jh_memory){
			.phys_start = p->shmem_base, .virt_start = PLAN_SHMEM_GUEST,
			.size = p->shmem_size / 2,
			.flags = JH_MEM_READ | JH_MEM_ROOTSHARED },
			"shared-memory link %u: the root's section, read-only here",
			PLAN_SHMEM_LINK_ID);
	if (err >= 0 && p->shmem_size)
		err = jhgen_cell_add_mem(c, &(struct jh_memory){
			.phys_start = p->shmem_base + p->shmem_size / 2,
			.virt_start = PLAN_SHMEM_GUEST + p->shmem_size / 2,
			.size = p->shmem_size / 2,
			.flags = JH_MEM_READ | JH_MEM_WRITE | JH_MEM_ROOTSHARED },
			"shared-memory link %u: this cell's section, which only it writes",
			PLAN_SHMEM_LINK_ID);
	if (err >= 0 && p->shmem_size)
		err = jhgen_cell_add_link(c, &(struct jh_shmem_link){
			.id = PLAN_SHMEM_LINK_ID, .mem_start = (uint32_t)c->mem.count - 2,
			.peer = 1, .num_peers = 2, .vector = PLAN_SHMEM_VECTOR },
			"with the root cell: this cell is peer 1, doorbells on vector 0x%x",
			PLAN_SHMEM_VECTOR);
	if (err < 0)
		return err;

	check_console(p);
	if (r->console_port >= 0) {
		c->desc.console = (struct jh_console){
			.address = (uint64_t)r->console_port,
			.type = JH_CON_8250_PIO };
		err = jhgen_cell_add_pio(c, &(struct jh_pio){
			.base = (uint16_t)r->console_port, .length = 8 },
			"console UART 0x%x-0x%x", r->console_port,
			r->console_port + 7);
		if (err < 0)
			return err;
	}
	return plan_add_devices(p);
}
