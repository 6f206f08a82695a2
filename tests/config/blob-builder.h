/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Builds system and cell config blobs in memory for the validator's tests:
 * fixed-size arrays with counts, serialized in the order of config.h with
 * the header counts filled in from the arrays.
 */
#ifndef _JH_TEST_BLOB_BUILDER_H
#define _JH_TEST_BLOB_BUILDER_H

#include <jh/config.h>

#define TB_MAX		16
#define TB_BLOB_MAX	8192

struct tb_cell {
	struct jh_cell_desc desc;
	uint64_t cpus[2];
	unsigned int cpu_words;		/* cpu_set_size / 8 */
	struct jh_memory mem[TB_MAX];
	unsigned int n_mem;
	struct jh_cache cache[TB_MAX];
	unsigned int n_cache;
	struct jh_irqchip irq[TB_MAX];
	unsigned int n_irq;
	struct jh_pio pio[TB_MAX];
	unsigned int n_pio;
	struct jh_pci_device pci[TB_MAX];
	unsigned int n_pci;
	struct jh_pci_capability caps[TB_MAX];
	unsigned int n_caps;
	struct jh_shmem_link links[TB_MAX];
	unsigned int n_links;
};

struct tb_system {
	struct jh_system hdr;
	struct jh_pci_mmconfig mmcfg[TB_MAX];
	unsigned int n_mmcfg;
	struct jh_iommu iommu[TB_MAX];
	unsigned int n_iommu;
	struct jh_ioapic ioapic[TB_MAX];
	unsigned int n_ioapic;
	struct tb_cell root;
};

struct tb_blob {
	uint8_t data[TB_BLOB_MAX];
	size_t size;
};

/* A shared-memory link of num_peers sections from memory[mem_start] */
void tb_add_link(struct tb_cell *c, uint32_t id, uint32_t mem_start, uint8_t peer,
		 uint8_t num_peers, uint8_t vector);

/* An empty, valid-header cell with the given CPUs (bit mask) */
void tb_cell_init(struct tb_cell *c, const char *name, uint64_t cpus);

void tb_add_mem(struct tb_cell *c, uint64_t phys, uint64_t virt,
		uint64_t size, uint64_t flags);
void tb_add_pio(struct tb_cell *c, uint16_t base, uint16_t length);
void tb_add_irqchip(struct tb_cell *c, uint64_t address, uint64_t pins0);
/* returns the device's index */
unsigned int tb_add_pci(struct tb_cell *c, uint16_t bdf, uint8_t iommu);
void tb_add_cap(struct tb_cell *c, unsigned int dev, uint16_t id,
		uint16_t start, uint16_t len);

/*
 * The reference machine of the tests, modeled on the Bochs config: CPUs
 * 0-3, hypervisor at 0x3d000000 (16 MiB), root RAM around it, HPET, one
 * IOAPIC, all ports but 0xcf8-0xcff, two PCI devices (one with an MSI
 * and an extended capability), no IOMMU and no MMCONFIG.
 */
void tb_system_init(struct tb_system *s);
/* Adds MMCONFIG 0xb0000000 and a VT-d unit, and puts every device under it */
void tb_system_add_iommu(struct tb_system *s);

/* Valid RT cells for it: "rt" (CPU 1, 0x3e000000) and "rt2" (CPU 2, 0x3e400000) */
void tb_rt_cell(struct tb_cell *c);
void tb_rt2_cell(struct tb_cell *c);

void tb_cell_blob(const struct tb_cell *c, struct tb_blob *out);
void tb_system_blob(const struct tb_system *s, struct tb_blob *out);

#endif /* _JH_TEST_BLOB_BUILDER_H */
