/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Sizes and array walking for configs (see config.h for the layout).
 *
 * Header-only so that the hypervisor, the driver and the tools use the very
 * same code. The helpers trust the counts in the header; run the validator
 * (config-check) before using them on a blob of unknown origin. Sizes are
 * computed in 64 bits: 32-bit counts times small element sizes cannot wrap.
 */
#ifndef _JH_CONFIG_WALK_H
#define _JH_CONFIG_WALK_H

#include "config.h"

static inline uint64_t jh_cell_config_size(const struct jh_cell_desc *c)
{
	return sizeof(struct jh_cell_desc) +
	       (uint64_t)c->cpu_set_size +
	       (uint64_t)c->num_memory_regions * sizeof(struct jh_memory) +
	       (uint64_t)c->num_cache_regions * sizeof(struct jh_cache) +
	       (uint64_t)c->num_irqchips * sizeof(struct jh_irqchip) +
	       (uint64_t)c->num_pio_regions * sizeof(struct jh_pio) +
	       (uint64_t)c->num_pci_devices * sizeof(struct jh_pci_device) +
	       (uint64_t)c->num_pci_caps * sizeof(struct jh_pci_capability) +
	       (uint64_t)c->num_shmem_links * sizeof(struct jh_shmem_link);
}

static inline uint64_t jh_platform_arrays_size(const struct jh_system *s)
{
	return (uint64_t)s->platform.num_pci_mmconfig *
		       sizeof(struct jh_pci_mmconfig) +
	       (uint64_t)s->platform.num_iommus * sizeof(struct jh_iommu) +
	       (uint64_t)s->platform.num_ioapics * sizeof(struct jh_ioapic);
}

static inline const struct jh_pci_mmconfig *
jh_sys_mmconfigs(const struct jh_system *s)
{
	return (const struct jh_pci_mmconfig *)(s + 1);
}

static inline const struct jh_iommu *jh_sys_iommus(const struct jh_system *s)
{
	return (const struct jh_iommu *)(jh_sys_mmconfigs(s) +
					 s->platform.num_pci_mmconfig);
}

static inline const struct jh_ioapic *jh_sys_ioapics(const struct jh_system *s)
{
	return (const struct jh_ioapic *)(jh_sys_iommus(s) +
					  s->platform.num_iommus);
}

static inline const struct jh_cell_desc *
jh_sys_root_cell(const struct jh_system *s)
{
	return (const struct jh_cell_desc *)(jh_sys_ioapics(s) +
					     s->platform.num_ioapics);
}

/* The root cell's header must be readable before this is called. */
static inline uint64_t jh_system_config_size(const struct jh_system *s)
{
	return sizeof(struct jh_system) + jh_platform_arrays_size(s) +
	       jh_cell_config_size(jh_sys_root_cell(s));
}

static inline const uint64_t *jh_cell_cpu_set(const struct jh_cell_desc *c)
{
	return (const uint64_t *)(c + 1);
}

static inline const struct jh_memory *
jh_cell_mem_regions(const struct jh_cell_desc *c)
{
	return (const struct jh_memory *)((const uint8_t *)jh_cell_cpu_set(c) +
					  c->cpu_set_size);
}

static inline const struct jh_cache *
jh_cell_cache_regions(const struct jh_cell_desc *c)
{
	return (const struct jh_cache *)(jh_cell_mem_regions(c) +
					 c->num_memory_regions);
}

static inline const struct jh_irqchip *
jh_cell_irqchips(const struct jh_cell_desc *c)
{
	return (const struct jh_irqchip *)(jh_cell_cache_regions(c) +
					   c->num_cache_regions);
}

static inline const struct jh_pio *jh_cell_pio(const struct jh_cell_desc *c)
{
	return (const struct jh_pio *)(jh_cell_irqchips(c) + c->num_irqchips);
}

static inline const struct jh_pci_device *
jh_cell_pci_devices(const struct jh_cell_desc *c)
{
	return (const struct jh_pci_device *)(jh_cell_pio(c) +
					      c->num_pio_regions);
}

/*
 * Requester id `which` of a device's DMA (config.h, DMA aliases): 0 its
 * own, 1 its alias; -1: none (no alias; ivshmem does no DMA)
 */
static inline int jh_pci_dma_sid(const struct jh_pci_device *d, unsigned int which)
{
	if (d->type == JH_PCI_TYPE_IVSHMEM)
		return -1;
	return !which ? d->bdf : d->dma_flags & JH_PCI_DMA_ALIAS ? d->dma_alias : -1;
}

/*
 * A requester id the DMA of d and of e shares (same segment); -1: none.
 * e's own id does not count when e is a bridge: a bridge does no DMA
 * itself, so the devices behind it may have its id as their alias.
 */
static inline int jh_pci_shared_sid(const struct jh_pci_device *d,
				    const struct jh_pci_device *e)
{
	unsigned int a, b;

	for (a = 0; a < 2 && d->segment == e->segment; a++)
		for (b = e->type == JH_PCI_TYPE_BRIDGE; b < 2; b++)
			if (jh_pci_dma_sid(d, a) >= 0 &&
			    jh_pci_dma_sid(d, a) == jh_pci_dma_sid(e, b))
				return jh_pci_dma_sid(d, a);
	return -1;
}

static inline const struct jh_pci_capability *
jh_cell_pci_caps(const struct jh_cell_desc *c)
{
	return (const struct jh_pci_capability *)(jh_cell_pci_devices(c) +
						  c->num_pci_devices);
}

static inline const struct jh_shmem_link *
jh_cell_shmem_links(const struct jh_cell_desc *c)
{
	return (const struct jh_shmem_link *)(jh_cell_pci_caps(c) +
					      c->num_pci_caps);
}

/* Number of CPUs the bitmap can describe */
static inline uint64_t jh_cell_cpu_set_bits(const struct jh_cell_desc *c)
{
	return (uint64_t)c->cpu_set_size * 8;
}

static inline bool jh_cell_has_cpu(const struct jh_cell_desc *c, uint64_t cpu)
{
	if (cpu >= jh_cell_cpu_set_bits(c))
		return false;
	return (jh_cell_cpu_set(c)[cpu / 64] >> (cpu % 64)) & 1;
}

#define jh_for_each_cpu(cpu, cell)					\
	for ((cpu) = 0; (cpu) < jh_cell_cpu_set_bits(cell); (cpu)++)	\
		if (jh_cell_has_cpu(cell, cpu))

#endif /* _JH_CONFIG_WALK_H */
