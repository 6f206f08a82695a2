// SPDX-License-Identifier: GPL-2.0
/*
 * The root cell of a plan: the rule that decides what Linux keeps.
 *
 *	memory	every System RAM range of the e820 map (RWX + DMA), every
 *		other e820 range and the legacy 0xa0000-0xfffff window (RW),
 *		DMAR RMRR ranges (RW + DMA: root devices keep using them),
 *		every PCI memory BAR and the HPET (RW, I/O), minus what the
 *		hypervisor keeps: the memmap= reservation, MMCONFIG, IOMMU
 *		registers, IOAPIC pages, the xAPIC page and MSI-X table
 *		pages (the hypervisor intercepts them); plus the part of
 *		the reservation the RT cell will use (RWX + DMA), which Linux
 *		owns until the cell is created.
 *	ports	all but 0xcf8-0xcff (PCI config, moderated by the hypervisor)
 *	PCI	every function, bridges included, with its capabilities,
 *		except AMD IOMMU functions (the hypervisor drives those)
 *	IOAPIC	every pin of every IOAPIC
 *	CPUs	every enabled CPU
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "plan.h"
#include "plan-regions.h"

#define RAM_FLAGS	(JH_MEM_READ | JH_MEM_WRITE | JH_MEM_EXECUTE | JH_MEM_DMA)
#define FW_FLAGS	(JH_MEM_READ | JH_MEM_WRITE)
#define IO_FLAGS	(JH_MEM_READ | JH_MEM_WRITE | JH_MEM_IO)
#define XAPIC_BASE	0xfee00000ULL

enum { PRIO_FIRMWARE = 1, PRIO_DEVICE = 2, PRIO_RAM = 3 };

/*
 * The unit the input names for the device; for a function no scope lists
 * (host bridges, typically), the unit of its root complex: the AMD unit
 * on its bus, else its segment's catch-all unit, else the segment's first.
 * RT devices never rely on this: the iommu-scope check refuses them.
 */
uint8_t plan_iommu_index(const struct machine *m, const struct pm_pci *d)
{
	int i, first = -1, all = -1;

	if (d->iommu >= 0 && d->iommu < m->num_iommus)
		return (uint8_t)d->iommu;
	for (i = 0; i < m->num_iommus; i++) {
		const struct pm_iommu *u = &m->iommus[i];

		if (u->segment != d->segment)
			continue;
		if (u->amd && (u->amd_bdf16 >> 8) == d->bus)
			return (uint8_t)i;
		if (u->include_all && all < 0)
			all = i;
		if (first < 0)
			first = i;
	}
	if (all >= 0)
		return (uint8_t)all;
	return first >= 0 ? (uint8_t)first : JH_PCI_NO_IOMMU;
}

bool plan_is_iommu_function(const struct machine *m, const struct pm_pci *d)
{
	int i;

	for (i = 0; i < m->num_iommus; i++)
		if (m->iommus[i].amd && m->iommus[i].amd_bdf16 == d->bdf16 &&
		    m->iommus[i].segment == d->segment)
			return true;
	return false;
}

/* No count, or jh-discover's guess: the config comments say so */
static bool pins_assumed(const struct pm_ioapic *a)
{
	return a->pins <= 0 || !strcmp(a->pins_source, "assumed");
}

static int add_platform(struct plan *p)
{
	const struct machine *m = p->m;
	struct jhgen_system *s = &p->sys;
	int i, err = 0;

	for (i = 0; i < m->num_mmconfigs && err >= 0; i++) {
		const struct pm_mmconfig *c = &m->mmconfigs[i];

		err = jhgen_system_add_mmconfig(s, &(struct jh_pci_mmconfig){
			.base = c->base, .segment = c->segment,
			.start_bus = (uint8_t)c->start_bus,
			.end_bus = (uint8_t)c->end_bus },
			"MCFG: segment %u, buses %02x-%02x", c->segment,
			c->start_bus, c->end_bus);
	}
	for (i = 0; i < m->num_iommus && err >= 0; i++) {
		const struct pm_iommu *u = &m->iommus[i];
		struct jh_iommu e = {
			.base = u->base, .size = (uint32_t)u->size,
			.segment = u->segment,
			.type = u->amd ? JH_IOMMU_AMD : JH_IOMMU_VTD,
			.flags = u->include_all ? JH_IOMMU_INCLUDE_PCI_ALL : 0,
		};

		if (u->amd) {
			e.amd_bdf = (uint16_t)u->amd_bdf16;
			e.amd_base_cap = (uint8_t)u->amd_cap;
		}
		err = jhgen_system_add_iommu(s, &e, "%s unit %d%s",
					     u->amd ? "AMD-Vi" : "VT-d DRHD", i,
					     u->include_all ? ", every device not claimed by another unit" : "");
	}
	for (i = 0; i < m->num_ioapics && err >= 0; i++) {
		const struct pm_ioapic *a = &m->ioapics[i];
		int pins = a->pins > 0 ? a->pins : 24;

		err = jhgen_system_add_ioapic(s, &(struct jh_ioapic){
			.address = a->address, .gsi_base = a->gsi_base,
			.id = (uint8_t)a->id,
			.iommu = a->iommu >= 0 ? (uint8_t)a->iommu : JH_PCI_NO_IOMMU,
			.bdf = a->bdf16 >= 0 ? (uint16_t)a->bdf16 : 0,
			.pins = (uint32_t)pins },
			"IOAPIC id %d, GSI %u-%u%s", a->id, a->gsi_base,
			a->gsi_base + (uint32_t)pins - 1,
			pins_assumed(a) ? " (pin count not read, 24 assumed)" : "");
	}
	return err < 0 ? err : 0;
}

static int add_holes(struct plan *p, struct region_set *rs)
{
	const struct machine *m = p->m;
	int i, err;

	err = rs_hole(rs, p->res_base, p->res_size);
	err = err ?: rs_hole(rs, p->hv_base, p->hv_size);
	err = err ?: rs_hole(rs, XAPIC_BASE, PAGE_SIZE);
	for (i = 0; i < m->num_mmconfigs && !err; i++)
		err = rs_hole(rs, m->mmconfigs[i].base,
			      (uint64_t)(m->mmconfigs[i].end_bus -
					 m->mmconfigs[i].start_bus + 1) * MiB);
	for (i = 0; i < m->num_iommus && !err; i++)
		err = rs_hole(rs, m->iommus[i].base, m->iommus[i].size);
	for (i = 0; i < m->num_ioapics && !err; i++)
		err = rs_hole(rs, m->ioapics[i].address, PAGE_SIZE);
	for (i = 0; i < m->num_pci && !err; i++)
		err = plan_msix_hole(rs, &m->pci[i]);
	return err;
}

static int add_memory(struct plan *p)
{
	const struct machine *m = p->m;
	struct region_set rs = { 0 };
	int i, j, err;

	err = add_holes(p, &rs);
	for (i = 0; i < m->num_e820 && !err; i++) {
		const struct pm_range *r = &m->e820[i];
		bool ram = !strcmp(r->name, "System RAM");

		err = rs_add(&rs, r->start, r->end - r->start + 1,
			     ram ? RAM_FLAGS : FW_FLAGS,
			     ram ? PRIO_RAM : PRIO_FIRMWARE,
			     ram ? RS_INWARD : RS_OUTWARD, "%s", r->name);
	}
	if (!err)
		err = rs_add(&rs, 0xa0000, 0x60000, FW_FLAGS, PRIO_FIRMWARE,
			     RS_OUTWARD, "legacy VGA and BIOS window");
	/* firmware memory devices keep using for DMA: mapped for the IOMMU too */
	for (i = 0; i < m->num_rmrrs && !err; i++)
		err = rs_add(&rs, m->rmrrs[i].base,
			     m->rmrrs[i].end - m->rmrrs[i].base + 1,
			     FW_FLAGS | JH_MEM_DMA, PRIO_DEVICE, RS_OUTWARD,
			     "RMRR: firmware memory devices use for DMA");
	if (!err && m->hpet_address)
		err = rs_add(&rs, m->hpet_address, PAGE_SIZE, IO_FLAGS,
			     PRIO_DEVICE, RS_OUTWARD, "HPET");
	for (i = 0; i < m->num_pci && !err; i++) {
		const struct pm_pci *d = &m->pci[i];

		for (j = 0; j < d->num_bars && !err; j++) {
			const struct pm_bar *b = &d->bars[j];

			if (!strcmp(b->type, "io") || !b->size || !b->address)
				continue;
			err = rs_add(&rs, b->address, b->size, IO_FLAGS,
				     PRIO_DEVICE, RS_OUTWARD, "%s BAR%d: %s",
				     d->bdf + 5, b->index, d->name);
		}
	}
	if (!err)
		err = rs_emit(&rs, &p->sys.root);
	rs_free(&rs);
	if (err)
		return err;

	/* the RT cell's part of the reservation, Linux's until cell create */
	err = jhgen_cell_add_mem(&p->sys.root, &(struct jh_memory){
		.phys_start = p->rt_base, .virt_start = p->rt_base,
		.size = p->rt_size, .flags = RAM_FLAGS },
		"RAM of cell \"%s\" (reserved by memmap=): the cell takes it at create",
		p->req->name);
	if (err >= 0 && p->shmem_size)
		err = jhgen_cell_add_mem(&p->sys.root, &(struct jh_memory){
			.phys_start = p->shmem_base, .virt_start = p->shmem_base,
			.size = p->shmem_size,
			.flags = JH_MEM_READ | JH_MEM_WRITE },
			"memory shared with cell \"%s\"", p->req->name);
	if (err >= 0)
		err = plan_add_others_to_root(p);
	jhgen_cell_sort_mem(&p->sys.root);
	return err < 0 ? err : 0;
}

static int add_irqchips(struct plan *p)
{
	const struct machine *m = p->m;
	int i, pin, err = 0;

	for (i = 0; i < m->num_ioapics && err >= 0; i++) {
		const struct pm_ioapic *a = &m->ioapics[i];
		int pins = a->pins > 0 ? a->pins : 24;
		struct jh_irqchip chip = {
			.address = a->address, .id = (uint32_t)a->id,
			.gsi_base = a->gsi_base,
		};

		for (pin = 0; pin < pins && pin < JH_IRQCHIP_PINS; pin++)
			chip.pin_bitmap[pin / 64] |= 1ULL << (pin % 64);
		err = jhgen_cell_add_irqchip(&p->sys.root, &chip,
					     "IOAPIC id %d: all %d pins%s", a->id,
					     pins, pins_assumed(a) ? " (24 assumed)" : "");
	}
	return err < 0 ? err : 0;
}

static int add_ports(struct plan *p)
{
	int err;

	err = jhgen_cell_add_pio(&p->sys.root, &(struct jh_pio){
		.base = 0, .length = 0xcf8 }, "ports 0x0-0xcf7");
	if (err >= 0)
		err = jhgen_cell_add_pio(&p->sys.root, &(struct jh_pio){
			.base = 0xd00, .length = 0xf300 },
			"ports 0xd00-0xffff (0xcf8-0xcff: PCI config, trapped)");
	return err < 0 ? err : 0;
}

/* A UART at 0x3f8 if the machine has one, else the first port UART */
static void set_debug_console(struct plan *p)
{
	const struct machine *m = p->m;
	int i, port = -1;

	for (i = 0; i < m->num_serials; i++) {
		if (m->serials[i].port == 0x3f8 && m->serials[i].in_use)
			port = 0x3f8;
		else if (port < 0 && m->serials[i].port > 0 &&
			 m->serials[i].in_use &&
			 m->serials[i].port != p->req->console_port)
			port = m->serials[i].port;
	}
	if (port < 0 && !m->num_serials)
		port = 0x3f8;	/* offline input without tty data: COM1 */
	if (port > 0)
		p->sys.header.debug_console = (struct jh_console){
			.address = (uint64_t)port, .type = JH_CON_8250_PIO };
}

int plan_build_root(struct plan *p)
{
	const struct machine *m = p->m;
	struct jh_platform *pf = &p->sys.header.platform;
	int i, err;

	jhgen_system_init(&p->sys, "root");
	p->sys.header.flags = JH_SYS_VIRTUAL_DEBUG_CONSOLE;
	p->sys.header.hypervisor_memory.phys_start = p->hv_base;
	p->sys.header.hypervisor_memory.size = p->hv_size;
	jhgen_system_set_hv_comment(&p->sys,
		"hypervisor memory: the first part of the memmap= reservation");
	set_debug_console(p);
	if (m->pm_timer_port > 0) {
		pf->pm_timer_port = (uint16_t)m->pm_timer_port;
		pf->pm_timer_32bit = m->pm_timer_bits == 32;
	}
	pf->ir_table_size = machine_iommu_present(m) ? 256 : 0;

	for (i = 0; i < m->num_cpus; i++)
		if (m->cpus[i].enabled && m->cpus[i].linux_cpu >= 0) {
			err = jhgen_cell_add_cpu(&p->sys.root,
						 (unsigned int)m->cpus[i].linux_cpu);
			if (err)
				return err;
		}
	err = add_platform(p);
	err = err ?: add_memory(p);
	err = err ?: add_irqchips(p);
	err = err ?: add_ports(p);
	for (i = 0; i < m->num_pci && !err; i++) {
		int r;

		if (plan_is_iommu_function(m, &m->pci[i]))
			continue;	/* the hypervisor drives it */
		r = plan_add_pci_entry(&p->sys.root, m, &m->pci[i]);
		err = r < 0 ? r : 0;
	}
	return err;
}
