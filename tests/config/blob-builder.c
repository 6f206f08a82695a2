// SPDX-License-Identifier: GPL-2.0
/*
 * In-memory config builder for the validator's tests (blob-builder.h).
 */
#include <assert.h>
#include <string.h>

#include "blob-builder.h"

void tb_cell_init(struct tb_cell *c, const char *name, uint64_t cpus)
{
	memset(c, 0, sizeof(*c));
	memcpy(c->desc.signature, JH_CELL_SIGNATURE, JH_SIGNATURE_SIZE);
	c->desc.revision = JH_CONFIG_REVISION;
	c->desc.architecture = JH_ARCH_X86_64;
	strncpy(c->desc.name, name, JH_CELL_NAME_LEN - 1);
	c->cpus[0] = cpus;
	c->cpu_words = 1;
}

void tb_add_mem(struct tb_cell *c, uint64_t phys, uint64_t virt,
		uint64_t size, uint64_t flags)
{
	assert(c->n_mem < TB_MAX);
	c->mem[c->n_mem++] = (struct jh_memory){
		.phys_start = phys, .virt_start = virt, .size = size,
		.flags = flags,
	};
}

void tb_add_pio(struct tb_cell *c, uint16_t base, uint16_t length)
{
	assert(c->n_pio < TB_MAX);
	c->pio[c->n_pio++] = (struct jh_pio){ .base = base, .length = length };
}

void tb_add_irqchip(struct tb_cell *c, uint64_t address, uint64_t pins0)
{
	assert(c->n_irq < TB_MAX);
	c->irq[c->n_irq++] = (struct jh_irqchip){
		.address = address, .pin_bitmap = { pins0 },
	};
}

unsigned int tb_add_pci(struct tb_cell *c, uint16_t bdf, uint8_t iommu)
{
	assert(c->n_pci < TB_MAX);
	c->pci[c->n_pci] = (struct jh_pci_device){
		.type = JH_PCI_TYPE_DEVICE, .iommu = iommu, .bdf = bdf,
		.caps_start = (uint16_t)c->n_caps,
	};
	return c->n_pci++;
}

void tb_add_cap(struct tb_cell *c, unsigned int dev, uint16_t id,
		uint16_t start, uint16_t len)
{
	assert(c->n_caps < TB_MAX);
	c->caps[c->n_caps++] = (struct jh_pci_capability){
		.id = id, .start = start, .len = len,
	};
	c->pci[dev].num_caps++;
}

#define RAM	(JH_MEM_READ | JH_MEM_WRITE | JH_MEM_EXECUTE | JH_MEM_DMA)
#define MMIO	(JH_MEM_READ | JH_MEM_WRITE | JH_MEM_IO)

void tb_system_init(struct tb_system *s)
{
	struct tb_cell *r = &s->root;
	unsigned int dev;

	memset(s, 0, sizeof(*s));
	memcpy(s->hdr.signature, JH_SYSTEM_SIGNATURE, JH_SIGNATURE_SIZE);
	s->hdr.revision = JH_CONFIG_REVISION;
	s->hdr.architecture = JH_ARCH_X86_64;
	/* no IOMMU, and rt gets a PCI device: as the Bochs configs */
	s->hdr.flags = JH_SYS_NO_DMA_ISOLATION;
	s->hdr.hypervisor_memory.phys_start = 0x3d000000;
	s->hdr.hypervisor_memory.size = 0x1000000;
	s->hdr.debug_console = (struct jh_console){
		.type = JH_CON_8250_PIO, .address = 0x3f8,
	};
	s->hdr.platform.pm_timer_port = 0xb008;
	s->ioapic[s->n_ioapic++] = (struct jh_ioapic){
		.address = 0xfec00000, .id = 4, .iommu = JH_PCI_NO_IOMMU,
		.pins = 24,
	};

	tb_cell_init(r, "root", 0xf);
	tb_add_mem(r, 0x0, 0x0, 0x3d000000, RAM);
	tb_add_mem(r, 0x3e000000, 0x3e000000, 0x1000000, RAM);
	tb_add_mem(r, 0x3f000000, 0x3f000000, 0x1000000, RAM);
	tb_add_mem(r, 0xfed00000, 0xfed00000, 0x1000, MMIO);
	tb_add_irqchip(r, 0xfec00000, 0xffffff);
	tb_add_pio(r, 0x0, 0xcf8);
	tb_add_pio(r, 0xd00, 0xf300);
	tb_add_pci(r, JH_PCI_BDF(0, 0, 0), JH_PCI_NO_IOMMU);
	dev = tb_add_pci(r, JH_PCI_BDF(0, 1, 0), JH_PCI_NO_IOMMU);
	tb_add_cap(r, dev, 0x05, 0x50, 14);
	tb_add_cap(r, dev, 0x01 | JH_PCICAPS_EXTENDED, 0x100, 0x40);
}

void tb_system_add_iommu(struct tb_system *s)
{
	unsigned int i;

	s->mmcfg[s->n_mmcfg++] = (struct jh_pci_mmconfig){
		.base = 0xb0000000, .start_bus = 0, .end_bus = 255,
	};
	s->iommu[s->n_iommu++] = (struct jh_iommu){
		.type = JH_IOMMU_VTD, .base = 0xfed90000, .size = 0x1000,
		.flags = JH_IOMMU_INCLUDE_PCI_ALL,
	};
	for (i = 0; i < s->root.n_pci; i++)
		s->root.pci[i].iommu = 0;
	s->hdr.platform.ir_table_size = 256;
}

void tb_add_link(struct tb_cell *c, uint32_t id, uint32_t mem_start, uint8_t peer,
		 uint8_t num_peers, uint8_t vector)
{
	assert(c->n_links < TB_MAX);
	c->links[c->n_links++] = (struct jh_shmem_link){
		.id = id, .mem_start = mem_start, .peer = peer,
		.num_peers = num_peers, .vector = vector,
	};
}

static void rt_common(struct tb_cell *c, const char *name, uint64_t cpus,
		      uint64_t phys)
{
	tb_cell_init(c, name, cpus);
	tb_add_mem(c, phys, 0x0, 0x100000,
		   JH_MEM_READ | JH_MEM_WRITE | JH_MEM_EXECUTE | JH_MEM_LOADABLE);
	tb_add_mem(c, 0, 0x100000, 0x1000,
		   JH_MEM_READ | JH_MEM_WRITE | JH_MEM_COMM_REGION);
}

void tb_rt_cell(struct tb_cell *c)
{
	unsigned int dev;

	rt_common(c, "rt", 1ULL << 1, 0x3e000000);
	tb_add_pio(c, 0x2f8, 8);
	tb_add_irqchip(c, 0xfec00000, 1ULL << 3);
	dev = tb_add_pci(c, JH_PCI_BDF(0, 1, 0), JH_PCI_NO_IOMMU);
	tb_add_cap(c, dev, 0x05, 0x50, 14);
}

void tb_rt2_cell(struct tb_cell *c)
{
	rt_common(c, "rt2", 1ULL << 2, 0x3e400000);
	tb_add_pio(c, 0x3e8, 8);
	tb_add_irqchip(c, 0xfec00000, 1ULL << 4);
}

static void put(struct tb_blob *out, const void *data, size_t size)
{
	assert(out->size + size <= sizeof(out->data));
	memcpy(out->data + out->size, data, size);
	out->size += size;
}

static void cell_into(const struct tb_cell *c, struct tb_blob *out)
{
	struct jh_cell_desc d = c->desc;

	d.cpu_set_size = c->cpu_words * 8;
	d.num_memory_regions = c->n_mem;
	d.num_cache_regions = c->n_cache;
	d.num_irqchips = c->n_irq;
	d.num_pio_regions = c->n_pio;
	d.num_pci_devices = c->n_pci;
	d.num_pci_caps = c->n_caps;
	d.num_shmem_links = c->n_links;
	put(out, &d, sizeof(d));
	put(out, c->cpus, c->cpu_words * 8);
	put(out, c->mem, c->n_mem * sizeof(c->mem[0]));
	put(out, c->cache, c->n_cache * sizeof(c->cache[0]));
	put(out, c->irq, c->n_irq * sizeof(c->irq[0]));
	put(out, c->pio, c->n_pio * sizeof(c->pio[0]));
	put(out, c->pci, c->n_pci * sizeof(c->pci[0]));
	put(out, c->caps, c->n_caps * sizeof(c->caps[0]));
	put(out, c->links, c->n_links * sizeof(c->links[0]));
}

void tb_cell_blob(const struct tb_cell *c, struct tb_blob *out)
{
	out->size = 0;
	cell_into(c, out);
}

void tb_system_blob(const struct tb_system *s, struct tb_blob *out)
{
	struct jh_system h = s->hdr;

	h.platform.num_pci_mmconfig = s->n_mmcfg;
	h.platform.num_iommus = s->n_iommu;
	h.platform.num_ioapics = s->n_ioapic;
	out->size = 0;
	put(out, &h, sizeof(h));
	put(out, s->mmcfg, s->n_mmcfg * sizeof(s->mmcfg[0]));
	put(out, s->iommu, s->n_iommu * sizeof(s->iommu[0]));
	put(out, s->ioapic, s->n_ioapic * sizeof(s->ioapic[0]));
	cell_into(&s->root, out);
}
