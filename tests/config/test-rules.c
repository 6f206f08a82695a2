// SPDX-License-Identifier: GPL-2.0
/*
 * One break test per validator rule, and passing variants next to them:
 * each case starts from the valid reference machine of blob-builder.c
 * (system + cells "rt" and "rt2"), changes one thing, and says which rule
 * (and field) must report it, or that nothing may be reported.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "blob-builder.h"
#include "config-check.h"
#include "tests.h"

enum mode { CHECK_CELLS, CHECK_SYSTEM, CHECK_NEW_CELL, CHECK_BLOB };

struct scenario {
	struct tb_system sys;
	struct tb_cell cells[3];
	unsigned int ncells;
	enum mode mode;
	/* byte-level damage after serializing; blob 0 is the system */
	void (*damage)(struct tb_blob *blobs);
};

struct rule_case {
	const char *name;
	void (*mutate)(struct scenario *s);
	const char *rule;	/* NULL: the config must pass cleanly */
	const char *field;	/* substring of the finding's field, or NULL */
	bool warning;		/* the finding is a warning, not an error */
};

#define RAM	(JH_MEM_READ | JH_MEM_WRITE | JH_MEM_EXECUTE | JH_MEM_DMA)
#define MMIO	(JH_MEM_READ | JH_MEM_WRITE | JH_MEM_IO)
#define SYS	(&s->sys)
#define ROOT	(&s->sys.root)
#define RT	(&s->cells[0])
#define RT2	(&s->cells[1])
#define M(id)	static void id(struct scenario *s)

M(valid) { (void)s; }
M(valid_system_alone) { s->mode = CHECK_SYSTEM; }
M(valid_with_iommu) { tb_system_add_iommu(SYS); RT->pci[0].iommu = 0; }

/* layout */
static void truncate_sys(struct tb_blob *b) { b[0].size = 10; }
static void truncate_cell(struct tb_blob *b) { b[1].size -= 4; }
static void truncate_new_cell(struct tb_blob *b) { b[2].size -= 4; }
static void truncate_root(struct tb_blob *b) { b[0].size -= 4; }
static void bad_root_sig(struct tb_blob *b)
{
	b[0].data[sizeof(struct jh_system) + sizeof(struct jh_ioapic)] = 'X';
}
static void trailing_sys(struct tb_blob *b) { b[0].data[b[0].size++] = 0; }
static void bad_sig(struct tb_blob *b) { b[1].data[0] = 'X'; }
static void sys_sig_cell(struct tb_blob *b) { b[0].data[2] = 'C'; }
static void huge_count(struct tb_blob *b)
{
	uint32_t n = 0xffffffff;

	memcpy(b[1].data + offsetof(struct jh_cell_desc, num_pci_caps), &n, 4);
}
static void huge_root_count(struct tb_blob *b)
{
	uint32_t n = 0x7fffffff;

	memcpy(b[0].data + offsetof(struct jh_system, platform.num_ioapics), &n, 4);
}
static void garbage(struct tb_blob *b)
{
	unsigned int i;

	for (i = 0; i < b[1].size; i++)
		b[1].data[i] = (uint8_t)(i * 131 + 7);
}
M(layout_truncated_sys) { s->damage = truncate_sys; }
M(layout_truncated_cell) { s->damage = truncate_cell; }
M(layout_trailing) { s->damage = trailing_sys; }
M(layout_truncated_root) { s->damage = truncate_root; }
M(layout_root_signature) { s->damage = bad_root_sig; }
M(layout_signature) { s->damage = bad_sig; }
M(layout_signature_swapped) { s->damage = sys_sig_cell; }
M(layout_count_overflow) { s->damage = huge_count; }
M(layout_root_count_overflow) { s->damage = huge_root_count; }
M(layout_garbage) { s->damage = garbage; }
M(layout_revision) { RT->desc.revision = JH_CONFIG_REVISION + 1; }
M(layout_architecture) { SYS->hdr.architecture = 7; }
static void odd_cpu_set(struct tb_blob *b)
{
	uint32_t n = 12;

	memcpy(b[1].data + offsetof(struct jh_cell_desc, cpu_set_size), &n, 4);
}
M(layout_cpu_set_odd) { s->damage = odd_cpu_set; }
M(layout_name_unterminated) { memset(RT->desc.name, 'a', JH_CELL_NAME_LEN); }
M(blob_garbage) { s->mode = CHECK_BLOB; s->damage = garbage; }
M(blob_valid) { s->mode = CHECK_BLOB; }

/* one cell */
M(name_empty) { RT->desc.name[0] = 0; }
M(cell_flags) { RT->desc.flags = 0x80; }
M(mem_flags) { RT->mem[0].flags |= 1ULL << 40; }
M(sys_flags) { SYS->hdr.flags = 0x10; }
M(pio_flags) { RT->pio[0].flags = 1; }
M(cap_flags) { RT->caps[0].flags = 0x10; }
M(msi_flags) { RT->pci[0].msi_flags = 0x80; }
M(cpu_empty) { RT->cpus[0] = 0; }
M(cpu_outside) { RT->cpus[0] = 1ULL << 9; }
M(cpu_outside_second_word) { RT->cpu_words = 2; RT->cpus[1] = 1; }
M(mem_zero) { RT->mem[0].size = 0; }
M(mem_wrap) { tb_add_mem(RT, 0xfffffffffffff000ULL, 0x200000, 0x2000, MMIO); }
M(mem_align) { RT->mem[0].size = 0x100800; }
M(mem_align_phys) { RT->mem[0].phys_start += 0x10; }
M(mem_subpage_ok)
{
	tb_add_mem(ROOT, 0xfed01000, 0xfed01000, 0x1000, MMIO);
	tb_add_mem(RT, 0xfed01040, 0x200040, 0x20,
		   MMIO | JH_MEM_IO_SUBPAGE | JH_MEM_IO_32);
}
M(mem_subpage_no_io)
{
	tb_add_mem(RT, 0x3e1ff000, 0x200000, 0x20,
		   JH_MEM_READ | JH_MEM_IO_SUBPAGE | JH_MEM_IO_32);
}
M(mem_subpage_no_width)
{
	tb_add_mem(RT, 0xfed00040, 0x200040, 0x20, MMIO | JH_MEM_IO_SUBPAGE);
}
M(mem_subpage_cross)
{
	tb_add_mem(RT, 0xfed00ff0, 0x200ff0, 0x20,
		   MMIO | JH_MEM_IO_SUBPAGE | JH_MEM_IO_8);
}
M(comm_phys) { RT->mem[1].phys_start = 0x3e100000; }
M(comm_two) { tb_add_mem(RT, 0, 0x200000, 0x1000, JH_MEM_READ | JH_MEM_COMM_REGION); }
M(comm_missing) { RT->mem[1].flags = RAM; RT->mem[1].phys_start = 0x3e100000; }
M(mem_overlap_phys) { tb_add_mem(RT, 0x3e0ff000, 0x200000, 0x2000, RAM); }
M(mem_adjacent_ok) { tb_add_mem(RT, 0x3e101000, 0x101000, 0x1000, RAM); }
M(mem_overlap_virt) { tb_add_mem(RT, 0x3e200000, 0x80000, 0x1000, RAM); }
M(cache_type) { RT->cache[RT->n_cache++] = (struct jh_cache){ .type = 9, .size = 2 }; }
M(cache_range) { RT->cache[RT->n_cache++] = (struct jh_cache){ .type = JH_CACHE_L3, .start = 60, .size = 8 }; }
M(cache_ok) { RT->cache[RT->n_cache++] = (struct jh_cache){ .type = JH_CACHE_L3, .start = 0, .size = 4 }; }
M(cache_flags) { RT->cache[RT->n_cache++] = (struct jh_cache){ .type = JH_CACHE_L2, .size = 1, .flags = 4 }; }
M(pio_zero) { RT->pio[0].length = 0; }
M(pio_wrap) { tb_add_pio(RT, 0xfff0, 0x20); }
M(pio_overlap) { tb_add_pio(RT, 0x2fc, 2); }
M(pio_pci_config) { tb_add_pio(ROOT, 0xcf8, 8); tb_add_pio(RT, 0xcf8, 8); }
M(pio_pci_config_root_ok) { ROOT->pio[0].length = 0xd00; ROOT->n_pio = 1; tb_add_pio(ROOT, 0xd00, 0xf300); }
M(pio_reset_kbd) { tb_add_pio(RT, 0x60, 5); }
M(pio_reset_port_a) { tb_add_pio(RT, 0x90, 4); }
M(pio_smi_apm) { tb_add_pio(RT, 0xb2, 2); }
M(pio_reset_root_ok) { s->ncells = 0; }
M(pio_reset_next_to_ok) { tb_add_pio(RT, 0x60, 1); tb_add_pio(RT, 0x93, 1); }
M(irqchip_unknown) { RT->irq[0].address = 0xfec01000; }
M(irqchip_pins) { RT->irq[0].pin_bitmap[0] = 1ULL << 30; }
M(irqchip_dup) { tb_add_irqchip(RT, 0xfec00000, 1ULL << 5); }
M(pci_type) { RT->pci[0].type = 0; }
M(pci_dup) { tb_add_pci(RT, JH_PCI_BDF(0, 1, 0), JH_PCI_NO_IOMMU); }
M(pci_other_segment_ok)
{
	tb_add_pci(ROOT, JH_PCI_BDF(0, 1, 0), JH_PCI_NO_IOMMU);
	ROOT->pci[ROOT->n_pci - 1].segment = 1;
}
M(pci_caps_range) { RT->pci[0].num_caps = 3; }
M(pci_cap_overlap) { tb_add_cap(RT, 0, 0x11, 0x58, 8); }
M(pci_cap_bounds_std) { tb_add_cap(RT, 0, 0x11, 0xf8, 0x10); }
M(pci_cap_bounds_ext) { tb_add_cap(RT, 0, 0x11 | JH_PCICAPS_EXTENDED, 0x80, 8); }
M(pci_cap_zero_len) { RT->caps[0].len = 0; }
M(pci_no_iommu) { tb_system_add_iommu(SYS); }
M(pci_iommu_index) { RT->pci[0].iommu = 3; }
M(pci_iommu_segment)
{
	tb_system_add_iommu(SYS);
	RT->pci[0].iommu = 0;
	SYS->iommu[0].segment = 1;
}
/* no IOMMU: device memory and devices in cells only with the flag */
#define NO_FLAG		(SYS->hdr.flags &= ~JH_SYS_NO_DMA_ISOLATION)
M(dma_io_region)
{
	NO_FLAG;
	RT->n_pci = 0;
	RT->n_caps = 0;
	tb_add_mem(RT, 0xfed00000, 0x200000, 0x1000, MMIO);
}
M(dma_dma_region) { NO_FLAG; RT->n_pci = 0; RT->n_caps = 0; RT->mem[0].flags |= JH_MEM_DMA; }
M(dma_pci_device) { NO_FLAG; }
M(dma_io_flag_ok) { tb_add_mem(RT, 0xfed00000, 0x200000, 0x1000, MMIO); }
M(dma_io_iommu_ok)
{
	NO_FLAG;
	tb_system_add_iommu(SYS);
	RT->pci[0].iommu = 0;
	tb_add_mem(RT, 0xfed00000, 0x200000, 0x1000, MMIO);
}
M(dma_none_ok) { NO_FLAG; RT->n_pci = 0; RT->n_caps = 0; }
M(dma_root_ok) { NO_FLAG; s->mode = CHECK_SYSTEM; }
M(dma_ivshmem_ok)
{
	NO_FLAG;
	RT->pci[0].type = JH_PCI_TYPE_IVSHMEM;
	RT->pci[0].num_caps = 0;
	RT->n_caps = 0;
}
/* the hypervisor's entry at cell create runs the same rule */
M(dma_new_cell)
{
	NO_FLAG;
	s->mode = CHECK_NEW_CELL;
	RT->n_pci = 0;
	RT->n_caps = 0;
	tb_add_mem(RT2, 0xfed00000, 0x200000, 0x1000, MMIO);
}
M(console_type) { RT->desc.console.type = 9; }
M(console_width) { RT->desc.console = (struct jh_console){ .type = JH_CON_8250_MMIO, .address = 0xfe000000, .reg_width = 2 }; }
M(console_flags) { SYS->hdr.debug_console.flags = 1; }

/* system */
M(hv_mem_zero) { SYS->hdr.hypervisor_memory.size = 0; }
M(hv_mem_align) { SYS->hdr.hypervisor_memory.phys_start += 0x800; }
M(hv_mem_overlap) { ROOT->mem[0].size = 0x3d001000; }
M(hv_mem_size) { SYS->hdr.hypervisor_memory.size = 0x100000; }
M(cpu_limit) { ROOT->cpu_words = 2; ROOT->cpus[1] = 1; }
M(hv_mem_size_many_cpus) { ROOT->cpu_words = 2; ROOT->cpus[0] = ~0ULL; ROOT->cpus[1] = ~0ULL; SYS->hdr.hypervisor_memory.size = 0x800000; }
M(intercept_xapic) { tb_add_mem(ROOT, 0xfee00000, 0xfee00000, 0x1000, MMIO); }
M(intercept_xapic_guest) { tb_add_mem(RT, 0x3e200000, 0xfee00000, 0x1000, RAM); }
M(intercept_ioapic) { ROOT->mem[3].phys_start = 0xfec00000; ROOT->mem[3].virt_start = 0xfec00000; }
M(intercept_mmconfig) { tb_system_add_iommu(SYS); RT->pci[0].iommu = 0; tb_add_mem(ROOT, 0xbff00000, 0xbff00000, 0x200000, MMIO); }
M(intercept_iommu) { tb_system_add_iommu(SYS); RT->pci[0].iommu = 0; tb_add_mem(ROOT, 0xfed90000, 0xfed90000, 0x1000, MMIO); }
M(mmconfig_bus) { tb_system_add_iommu(SYS); RT->pci[0].iommu = 0; SYS->mmcfg[0].start_bus = 10; SYS->mmcfg[0].end_bus = 2; }
M(mmconfig_base) { tb_system_add_iommu(SYS); RT->pci[0].iommu = 0; SYS->mmcfg[0].base = 0xb0001000; }
M(iommu_type) { tb_system_add_iommu(SYS); RT->pci[0].iommu = 0; SYS->iommu[0].type = 5; }
M(iommu_flags) { tb_system_add_iommu(SYS); RT->pci[0].iommu = 0; SYS->iommu[0].flags = 0x40; }
M(iommu_size) { tb_system_add_iommu(SYS); RT->pci[0].iommu = 0; SYS->iommu[0].size = 0; }
M(ioapic_pins) { SYS->ioapic[0].pins = 300; }
M(ioapic_dup) { SYS->ioapic[SYS->n_ioapic++] = SYS->ioapic[0]; }
M(ioapic_iommu) { SYS->ioapic[0].iommu = 2; }
M(ir_table) { SYS->hdr.platform.ir_table_size = 100; }

/* across cells */
M(name_shared) { strcpy(RT2->desc.name, "rt"); }
M(name_root) { strcpy(RT->desc.name, "root"); }
M(cpu_shared) { RT2->cpus[0] |= 1ULL << 1; }
M(root_cpu_left) { RT2->cpus[0] = 0xd; }
M(mem_shared) { RT2->mem[0].phys_start = 0x3e080000; }
M(mem_shared_ok)
{
	tb_add_mem(RT, 0x3e800000, 0x200000, 0x1000, RAM | JH_MEM_ROOTSHARED);
	tb_add_mem(RT2, 0x3e800000, 0x200000, 0x1000, RAM | JH_MEM_ROOTSHARED);
}
M(pio_shared) { tb_add_pio(RT2, 0x2f8, 1); }
M(irq_pin_shared) { RT2->irq[0].pin_bitmap[0] |= 1ULL << 3; }
M(pci_shared) { tb_add_pci(RT2, JH_PCI_BDF(0, 1, 0), JH_PCI_NO_IOMMU); }
M(not_owned_mem) { RT->mem[0].phys_start = 0x3d000000; }
M(not_owned_mem_partly) { RT->mem[0].phys_start = 0x3ff80000; }
M(owned_mem_across_regions_ok) { tb_add_mem(RT, 0x3eff0000, 0x200000, 0x20000, RAM); }
M(not_owned_pio) { ROOT->pio[0].length = 0x2f8; ROOT->n_pio = 2; }
M(not_owned_pci) { ROOT->n_pci = 1; ROOT->n_caps = 0; }
/*
 * DMA aliases: 02:01.0 behind PCIe-to-PCI bridge 00:1c.0 (alias 02:00.0),
 * 03:00.0 behind conventional bridge 00:1e.0 (alias: the bridge's own id)
 */
static void alias_dev(struct tb_cell *c, uint16_t bdf, uint16_t alias)
{
	unsigned int i = tb_add_pci(c, bdf, JH_PCI_NO_IOMMU);

	c->pci[i].dma_alias = alias;
	c->pci[i].dma_flags = JH_PCI_DMA_ALIAS;
}

static void alias_machine(struct scenario *s)
{
	unsigned int i = tb_add_pci(ROOT, JH_PCI_BDF(0, 0x1c, 0), JH_PCI_NO_IOMMU);

	ROOT->pci[i].type = JH_PCI_TYPE_BRIDGE;
	i = tb_add_pci(ROOT, JH_PCI_BDF(0, 0x1e, 0), JH_PCI_NO_IOMMU);
	ROOT->pci[i].type = JH_PCI_TYPE_BRIDGE;
	alias_dev(ROOT, JH_PCI_BDF(2, 1, 0), JH_PCI_BDF(2, 0, 0));
	alias_dev(ROOT, JH_PCI_BDF(3, 0, 0), JH_PCI_BDF(0, 0x1e, 0));
	alias_dev(RT, JH_PCI_BDF(2, 1, 0), JH_PCI_BDF(2, 0, 0));
}
M(pci_alias_ok) { alias_machine(s); }
M(pci_alias_bridge_id_ok) { alias_machine(s); alias_dev(RT, JH_PCI_BDF(3, 0, 0), JH_PCI_BDF(0, 0x1e, 0)); }
M(pci_alias_missing) { alias_machine(s); RT->pci[1].dma_flags = 0; RT->pci[1].dma_alias = 0; }
M(pci_alias_other) { alias_machine(s); RT->pci[1].dma_alias = JH_PCI_BDF(2, 2, 0); }
M(pci_alias_shared) { alias_machine(s); alias_dev(ROOT, JH_PCI_BDF(2, 2, 0), JH_PCI_BDF(2, 0, 0)); }
M(pci_alias_own_id_shared) { alias_machine(s); alias_dev(ROOT, JH_PCI_BDF(2, 0, 0), JH_PCI_BDF(2, 0, 0)); }
M(pci_alias_is_root_device) { alias_machine(s); ROOT->pci[4].dma_alias = RT->pci[1].dma_alias = JH_PCI_BDF(0, 0, 0); }
M(pci_alias_new_cell) { alias_machine(s); s->mode = CHECK_NEW_CELL; alias_dev(RT2, JH_PCI_BDF(3, 0, 0), JH_PCI_BDF(0, 0x1c, 0)); }
M(pci_alias_flags) { RT->pci[0].dma_flags = 0x80; }
M(pci_alias_no_flag) { RT->pci[0].dma_alias = 0x100; }
M(pci_alias_reserved) { RT->pci[0].reserved[4] = 1; }
M(not_owned_pin) { ROOT->irq[0].pin_bitmap[0] = 0xfff7; }

/* the hypervisor's debug UART (COM1 0x3f8 in the builder's system) */
M(debug_uart_pio) { tb_add_pio(RT, 0x3fc, 1); }
M(debug_uart_pio_next_to_ok) { tb_add_pio(RT, 0x3f0, 8); tb_add_pio(RT, 0x400, 8); }
M(debug_uart_pio_root_ok) { s->ncells = 0; }
M(debug_uart_mmio)
{
	SYS->hdr.debug_console = (struct jh_console){
		.type = JH_CON_8250_MMIO, .address = 0xfed00010, .reg_width = 4,
		.reg_shift = 2,
	};
	tb_add_mem(ROOT, 0xfed01000, 0xfed01000, 0x1000, MMIO);
	tb_add_mem(RT, 0xfed00000, 0xfed00000, 0x1000, MMIO);
}
M(debug_uart_mmio_other_page_ok)
{
	SYS->hdr.debug_console = (struct jh_console){
		.type = JH_CON_8250_MMIO, .address = 0xfed01000, .reg_width = 4,
		.reg_shift = 2,
	};
	tb_add_mem(ROOT, 0xfed01000, 0xfed01000, 0x1000, MMIO);
	tb_add_mem(RT, 0xfed00000, 0xfed00000, 0x1000, MMIO);
}
M(debug_uart_none_ok) { SYS->hdr.debug_console.type = JH_CON_NONE; tb_add_pio(RT, 0x3f8, 8); }

/* a NIC for rt: 128 KiB memory BAR at 0xfebc0000, MSI-X table at +0x10000 */
#define NIC_BAR		0xfebc0000ULL
static void nic(struct scenario *s, bool msix)
{
	tb_add_mem(ROOT, NIC_BAR, NIC_BAR, 0x20000, MMIO);
	RT->pci[0].bar_mask[0] = 0xfffe0000;
	if (msix) {
		RT->pci[0].msix_address = NIC_BAR + 0x10000;
		RT->pci[0].num_msix_vectors = 4;
		RT->pci[0].msix_region_size = 0x1000;
	}
}
M(pci_bar_mapped_ok) { nic(s, false); tb_add_mem(RT, NIC_BAR, NIC_BAR, 0x20000, MMIO); }
M(pci_bar_unmapped) { nic(s, false); }
M(pci_bar_half_mapped) { nic(s, false); tb_add_mem(RT, NIC_BAR, NIC_BAR, 0x10000, MMIO); }
M(pci_bar_not_identity) { nic(s, false); tb_add_mem(RT, NIC_BAR, 0x80000000, 0x20000, MMIO); }
M(pci_bar_not_io) { nic(s, false); tb_add_mem(RT, NIC_BAR, NIC_BAR, 0x20000, JH_MEM_READ | JH_MEM_WRITE); }
M(pci_bar64_mapped_ok)
{
	nic(s, false);
	RT->pci[0].bar_mask[0] = 0xfffe000c;
	RT->pci[0].bar_mask[1] = 0xffffffff;
	tb_add_mem(RT, NIC_BAR, NIC_BAR, 0x20000, MMIO);
}
M(pci_bar_io_ignored_ok) { RT->pci[0].bar_mask[4] = 0xffffffe1; }
M(pci_msix_hole_ok)
{
	nic(s, true);
	tb_add_mem(RT, NIC_BAR, NIC_BAR, 0x10000, MMIO);
	tb_add_mem(RT, NIC_BAR + 0x11000, NIC_BAR + 0x11000, 0xf000, MMIO);
}
M(pci_msix_mapped) { nic(s, true); tb_add_mem(RT, NIC_BAR, NIC_BAR, 0x20000, MMIO); }
M(pci_msix_mapped_root_ok)
{
	tb_add_mem(ROOT, NIC_BAR, NIC_BAR, 0x20000, MMIO);
	ROOT->pci[1].bar_mask[0] = 0xfffe0000;
	ROOT->pci[1].msix_address = NIC_BAR + 0x10000;
	ROOT->pci[1].num_msix_vectors = 4;
}
M(pci_bar_shared)
{
	nic(s, false);
	tb_add_mem(RT, NIC_BAR, NIC_BAR, 0x20000, MMIO);
	tb_add_mem(RT2, NIC_BAR, NIC_BAR, 0x1000, MMIO);
}

/* hypervisor's cell-create entry: only the new cell is judged */
M(new_cell_ok) { s->mode = CHECK_NEW_CELL; }
M(new_cell_conflict) { s->mode = CHECK_NEW_CELL; RT2->cpus[0] = 1ULL << 1; }
M(new_cell_broken_existing_ignored) { s->mode = CHECK_NEW_CELL; RT->mem[0].size = 0x10; }
M(new_cell_layout) { s->mode = CHECK_NEW_CELL; s->damage = truncate_new_cell; }
M(new_cell_broken_existing_layout_ignored) { s->mode = CHECK_NEW_CELL; s->damage = truncate_cell; }

#define PASS(fn)			{ #fn, fn, NULL, NULL, false }
#define FAIL(fn, rule, field)		{ #fn, fn, rule, field, false }
#define WARN(fn, rule, field)		{ #fn, fn, rule, field, true }

/*
 * shared-memory links (check-shmem.c): link 1 between the root (peer 0,
 * its RAM split around the two 64 KiB sections) and rt (peer 1)
 */
#define SHM_RO	(JH_MEM_READ | JH_MEM_ROOTSHARED)
#define SHM_RW	(JH_MEM_READ | JH_MEM_WRITE | JH_MEM_ROOTSHARED)
M(shmem_ok)
{
	ROOT->mem[1].size = 0x800000;
	tb_add_mem(ROOT, 0x3e800000, 0x3e800000, 0x10000, JH_MEM_READ | JH_MEM_WRITE);
	tb_add_mem(ROOT, 0x3e810000, 0x3e810000, 0x10000, JH_MEM_READ);
	tb_add_mem(ROOT, 0x3e820000, 0x3e820000, 0x7e0000, RAM);
	tb_add_link(ROOT, 1, ROOT->n_mem - 3, 0, 2, 0);
	tb_add_mem(RT, 0x3e800000, 0x400000, 0x10000, SHM_RO);
	tb_add_mem(RT, 0x3e810000, 0x410000, 0x10000, SHM_RW);
	tb_add_link(RT, 1, RT->n_mem - 2, 1, 2, 0x50);
}
M(shmem_size_mismatch) { shmem_ok(s); RT->mem[RT->n_mem - 1].size = 0x20000; }
M(shmem_moved) { shmem_ok(s); RT->mem[RT->n_mem - 2].phys_start = 0x3e820000; }
M(shmem_peers_mismatch)
{
	shmem_ok(s);
	tb_add_mem(RT, 0x3e820000, 0x420000, 0x10000, SHM_RO);
	RT->links[0].num_peers = 3;
}
M(shmem_same_peer) { shmem_ok(s); RT->links[0].peer = 0; }
M(shmem_twice) { shmem_ok(s); tb_add_link(RT, 1, RT->n_mem - 2, 1, 2, 0x51); }
M(shmem_writes_peer_section) { shmem_ok(s); RT->mem[RT->n_mem - 2].flags |= JH_MEM_WRITE; }
M(shmem_not_rootshared) { shmem_ok(s); RT->mem[RT->n_mem - 1].flags = JH_MEM_READ | JH_MEM_WRITE; }
M(shmem_vector) { shmem_ok(s); RT->links[0].vector = 14; }
M(shmem_root_vector) { shmem_ok(s); ROOT->links[0].vector = 0x50; }
M(shmem_id_zero) { shmem_ok(s); RT->links[0].id = 0; }
M(shmem_beyond_regions) { shmem_ok(s); RT->links[0].mem_start = RT->n_mem - 1; }
M(shmem_plain_region_over_section)
{
	shmem_ok(s);
	tb_add_mem(RT2, 0x3e800000, 0x800000, 0x1000, SHM_RW);
}
M(shmem_read_other_link)
{
	shmem_ok(s);
	tb_add_mem(RT2, 0x3e810000, 0x800000, 0x1000, SHM_RO);
}
M(shmem_other_id)
{
	shmem_ok(s);
	tb_add_mem(RT2, 0x3e800000, 0x400000, 0x10000, SHM_RO);
	tb_add_mem(RT2, 0x3e810000, 0x410000, 0x10000, SHM_RW);
	tb_add_link(RT2, 2, RT2->n_mem - 2, 1, 2, 0x50);
}
M(shmem_new_cell_mismatch)
{
	shmem_ok(s);
	s->mode = CHECK_NEW_CELL;
	tb_add_mem(RT2, 0x3e800000, 0x400000, 0x10000, SHM_RO);
	tb_add_mem(RT2, 0x3e810000, 0x410000, 0x20000, SHM_RW);
	tb_add_link(RT2, 1, RT2->n_mem - 2, 1, 2, 0x50);
}
M(shmem_cells_ok)
{
	tb_add_mem(RT, 0x3e900000, 0x400000, 0x1000, SHM_RW);
	tb_add_mem(RT, 0x3e901000, 0x401000, 0x1000, SHM_RO);
	tb_add_link(RT, 7, RT->n_mem - 2, 0, 2, 0x50);
	tb_add_mem(RT2, 0x3e900000, 0x400000, 0x1000, SHM_RO);
	tb_add_mem(RT2, 0x3e901000, 0x401000, 0x1000, SHM_RW);
	tb_add_link(RT2, 7, RT2->n_mem - 2, 1, 2, 0x50);
}

static const struct rule_case cases[] = {
	PASS(valid),
	PASS(valid_system_alone),
	PASS(valid_with_iommu),
	FAIL(layout_truncated_sys, "header-size", "signature"),
	FAIL(layout_truncated_cell, "size", "num_pci_caps"),
	FAIL(layout_trailing, "size", NULL),
	FAIL(layout_truncated_root, "size", "root.num_pci_caps"),
	FAIL(layout_root_signature, "signature", "root.signature"),
	FAIL(layout_signature, "signature", "signature"),
	FAIL(layout_signature_swapped, "signature", "signature"),
	FAIL(layout_count_overflow, "size", "num_pci_caps"),
	FAIL(layout_root_count_overflow, "size", "platform.num_ioapics"),
	FAIL(layout_garbage, "signature", "signature"),
	FAIL(layout_revision, "revision", "revision"),
	FAIL(layout_architecture, "architecture", "architecture"),
	FAIL(layout_cpu_set_odd, "cpu-set-size", "cpu_set_size"),
	FAIL(layout_name_unterminated, "name", "name"),
	FAIL(blob_garbage, "signature", "signature"),
	PASS(blob_valid),
	FAIL(name_empty, "name", "name"),
	FAIL(cell_flags, "flags", "flags"),
	FAIL(mem_flags, "flags", "memory[0]"),
	FAIL(sys_flags, "flags", "flags"),
	FAIL(pio_flags, "flags", "pio[0]"),
	FAIL(cap_flags, "flags", "pci_devices[0]"),
	FAIL(msi_flags, "flags", "pci_devices[0]"),
	FAIL(cpu_empty, "cpu-set-empty", "cpus"),
	FAIL(cpu_outside, "cpu-outside-system", "cpus"),
	FAIL(cpu_outside_second_word, "cpu-outside-system", "cpus"),
	FAIL(mem_zero, "mem-zero-size", "memory[0]"),
	FAIL(mem_wrap, "mem-wrap", "memory[2]"),
	FAIL(mem_align, "mem-align", "memory[0]"),
	FAIL(mem_align_phys, "mem-align", "memory[0]"),
	PASS(mem_subpage_ok),
	FAIL(mem_subpage_no_io, "mem-subpage", "memory[2]"),
	FAIL(mem_subpage_no_width, "mem-subpage", "memory[2]"),
	FAIL(mem_subpage_cross, "mem-subpage", "memory[2]"),
	FAIL(comm_phys, "comm-region", "memory[1]"),
	FAIL(comm_two, "comm-region", "memory"),
	WARN(comm_missing, "comm-region", "memory"),
	FAIL(mem_overlap_phys, "mem-overlap-phys", "memory[2]"),
	PASS(mem_adjacent_ok),
	FAIL(mem_overlap_virt, "mem-overlap-virt", "memory[2]"),
	FAIL(cache_type, "cache", "cache[0]"),
	FAIL(cache_range, "cache", "cache[0]"),
	PASS(cache_ok),
	FAIL(cache_flags, "flags", "cache[0]"),
	FAIL(pio_zero, "pio-zero-size", "pio[0]"),
	FAIL(pio_wrap, "pio-wrap", "pio[1]"),
	FAIL(pio_overlap, "pio-overlap", "pio[1]"),
	FAIL(pio_pci_config, "pio-pci-config", "pio[1]"),
	PASS(pio_pci_config_root_ok),
	FAIL(pio_reset_kbd, "pio-reset", "pio[1]"),
	FAIL(pio_reset_port_a, "pio-reset", "pio[1]"),
	FAIL(pio_smi_apm, "pio-reset", "pio[1]"),
	PASS(pio_reset_root_ok),
	PASS(pio_reset_next_to_ok),
	FAIL(irqchip_unknown, "irqchip-unknown", "irqchips[0]"),
	FAIL(irqchip_pins, "irqchip-pins", "irqchips[0]"),
	FAIL(irqchip_dup, "irqchip-duplicate", "irqchips[1]"),
	FAIL(pci_type, "pci-type", "pci_devices[0]"),
	FAIL(pci_dup, "pci-duplicate", "pci_devices[1]"),
	PASS(pci_other_segment_ok),
	FAIL(pci_caps_range, "pci-caps-range", "pci_devices[0]"),
	FAIL(pci_cap_overlap, "pci-cap-overlap", "pci_devices[0]"),
	FAIL(pci_cap_bounds_std, "pci-cap-bounds", "pci_devices[0]"),
	FAIL(pci_cap_bounds_ext, "pci-cap-bounds", "pci_devices[0]"),
	FAIL(pci_cap_zero_len, "pci-cap-bounds", "pci_devices[0]"),
	FAIL(pci_no_iommu, "pci-iommu-scope", "pci_devices[0] (0000:00:01.0)"),
	FAIL(pci_iommu_index, "pci-iommu-scope", "pci_devices[0]"),
	FAIL(pci_iommu_segment, "pci-iommu-scope", "pci_devices[0]"),
	FAIL(dma_io_region, "dma-isolation", "memory[2]"),
	FAIL(dma_dma_region, "dma-isolation", "memory[0]"),
	FAIL(dma_pci_device, "dma-isolation", "pci_devices[0] (0000:00:01.0)"),
	PASS(dma_io_flag_ok),
	PASS(dma_io_iommu_ok),
	PASS(dma_none_ok),
	PASS(dma_root_ok),
	PASS(dma_ivshmem_ok),
	FAIL(dma_new_cell, "dma-isolation", "memory[2]"),
	FAIL(console_type, "console", "console"),
	FAIL(console_width, "console", "console"),
	FAIL(console_flags, "flags", "debug_console"),
	FAIL(hv_mem_zero, "hv-mem", "hypervisor_memory"),
	FAIL(hv_mem_align, "hv-mem", "hypervisor_memory"),
	FAIL(hv_mem_overlap, "hv-mem-overlap", "hypervisor_memory"),
	FAIL(hv_mem_size, "hv-mem-size", "hypervisor_memory.size"),
	FAIL(cpu_limit, "cpu-limit", "root.cpus"),
	FAIL(hv_mem_size_many_cpus, "hv-mem-size", "hypervisor_memory.size"),
	FAIL(intercept_xapic, "intercepted-page", "root.memory[4]"),
	FAIL(intercept_xapic_guest, "intercepted-page", "memory[2]"),
	FAIL(intercept_ioapic, "intercepted-page", "root.memory[3]"),
	FAIL(intercept_mmconfig, "intercepted-page", "root.memory[4]"),
	FAIL(intercept_iommu, "intercepted-page", "root.memory[4]"),
	FAIL(mmconfig_bus, "mmconfig", "platform.pci_mmconfig[0]"),
	FAIL(mmconfig_base, "mmconfig", "platform.pci_mmconfig[0]"),
	FAIL(iommu_type, "iommu", "platform.iommu[0]"),
	FAIL(iommu_flags, "flags", "platform.iommu[0]"),
	FAIL(iommu_size, "iommu", "platform.iommu[0]"),
	FAIL(ioapic_pins, "ioapic", "platform.ioapic[0]"),
	FAIL(ioapic_dup, "ioapic", "platform.ioapic[1]"),
	FAIL(ioapic_iommu, "ioapic", "platform.ioapic[0]"),
	FAIL(ir_table, "ir-table-size", "platform.ir_table_size"),
	FAIL(name_shared, "name-shared", "name"),
	FAIL(name_root, "name-shared", "name"),
	FAIL(cpu_shared, "cpu-shared", "cpus"),
	FAIL(root_cpu_left, "root-cpu-left", "root.cpus"),
	FAIL(mem_shared, "mem-shared", "memory[0]"),
	PASS(mem_shared_ok),
	FAIL(pio_shared, "pio-shared", "pio[1]"),
	FAIL(irq_pin_shared, "irq-pin-shared", "irqchips[0]"),
	FAIL(pci_shared, "pci-shared", "pci_devices[0]"),
	FAIL(not_owned_mem, "not-owned-by-root", "memory[0]"),
	FAIL(not_owned_mem_partly, "not-owned-by-root", "memory[0]"),
	PASS(owned_mem_across_regions_ok),
	FAIL(not_owned_pio, "not-owned-by-root", "pio[0]"),
	FAIL(not_owned_pci, "not-owned-by-root", "pci_devices[0]"),
	FAIL(not_owned_pin, "not-owned-by-root", "irqchips[0]"),
	PASS(pci_alias_ok),
	PASS(pci_alias_bridge_id_ok),
	FAIL(pci_alias_missing, "pci-alias", "pci_devices[1] (0000:02:01.0)"),
	FAIL(pci_alias_other, "pci-alias", "pci_devices[1]"),
	FAIL(pci_alias_shared, "pci-alias-shared", "pci_devices[1] (0000:02:01.0)"),
	FAIL(pci_alias_own_id_shared, "pci-alias-shared", "pci_devices[1]"),
	FAIL(pci_alias_is_root_device, "pci-alias-shared", "pci_devices[1]"),
	FAIL(pci_alias_new_cell, "pci-alias", "pci_devices[0] (0000:03:00.0)"),
	FAIL(pci_alias_flags, "flags", "pci_devices[0]"),
	FAIL(pci_alias_no_flag, "flags", "pci_devices[0]"),
	FAIL(pci_alias_reserved, "flags", "pci_devices[0]"),
	PASS(pci_bar_mapped_ok),
	WARN(pci_bar_unmapped, "pci-bar-unmapped", "pci_devices[0] (0000:00:01.0)"),
	WARN(pci_bar_half_mapped, "pci-bar-unmapped", "pci_devices[0]"),
	WARN(pci_bar_not_identity, "pci-bar-unmapped", "pci_devices[0]"),
	WARN(pci_bar_not_io, "pci-bar-unmapped", "pci_devices[0]"),
	PASS(pci_bar64_mapped_ok),
	PASS(pci_bar_io_ignored_ok),
	PASS(pci_msix_hole_ok),
	FAIL(pci_msix_mapped, "pci-msix-mapped", "pci_devices[0] (0000:00:01.0)"),
	PASS(pci_msix_mapped_root_ok),
	FAIL(pci_bar_shared, "mem-shared", "memory[2]"),
	FAIL(debug_uart_pio, "debug-console", "pio[1]"),
	PASS(debug_uart_pio_next_to_ok),
	PASS(debug_uart_pio_root_ok),
	FAIL(debug_uart_mmio, "debug-console", "memory[2]"),
	PASS(debug_uart_mmio_other_page_ok),
	PASS(debug_uart_none_ok),
	PASS(new_cell_ok),
	FAIL(new_cell_conflict, "cpu-shared", "cpus"),
	PASS(new_cell_broken_existing_ignored),
	FAIL(new_cell_layout, "size", "num_pio_regions"),
	PASS(new_cell_broken_existing_layout_ignored),
	PASS(shmem_ok),
	PASS(shmem_cells_ok),
	FAIL(shmem_size_mismatch, "shmem-mismatch", "shmem_links[0]"),
	FAIL(shmem_moved, "shmem-mismatch", "shmem_links[0]"),
	FAIL(shmem_peers_mismatch, "shmem-mismatch", "shmem_links[0]"),
	FAIL(shmem_same_peer, "shmem-duplicate", "shmem_links[0]"),
	FAIL(shmem_twice, "shmem-duplicate", "shmem_links[1]"),
	FAIL(shmem_writes_peer_section, "shmem-link", "shmem_links[0]"),
	FAIL(shmem_not_rootshared, "shmem-link", "shmem_links[0]"),
	FAIL(shmem_vector, "shmem-link", "shmem_links[0]"),
	FAIL(shmem_root_vector, "shmem-link", "root.shmem_links[0]"),
	FAIL(shmem_id_zero, "shmem-link", "shmem_links[0]"),
	FAIL(shmem_beyond_regions, "shmem-link", "shmem_links[0]"),
	FAIL(shmem_plain_region_over_section, "shmem-mismatch", "memory[2]"),
	FAIL(shmem_new_cell_mismatch, "shmem-mismatch", "shmem_links[0]"),
	FAIL(shmem_read_other_link, "shmem-mismatch", "memory[2]"),
	FAIL(shmem_other_id, "shmem-mismatch", "memory[2]"),
};

static void run_case(void **state)
{
	const struct rule_case *rc = *state;
	struct tb_blob blobs[4];
	struct jh_config_blob jb[4];
	struct jh_check_result res = { 0 };
	static struct scenario s;
	unsigned int i, errors;

	memset(&s, 0, sizeof(s));
	tb_system_init(&s.sys);
	tb_rt_cell(&s.cells[0]);
	tb_rt2_cell(&s.cells[1]);
	s.ncells = 2;
	rc->mutate(&s);

	tb_system_blob(&s.sys, &blobs[0]);
	for (i = 0; i < s.ncells; i++)
		tb_cell_blob(&s.cells[i], &blobs[i + 1]);
	if (s.damage)
		s.damage(blobs);
	jb[0] = (struct jh_config_blob){ "sys.cell", blobs[0].data, blobs[0].size };
	jb[1] = (struct jh_config_blob){ "rt.cell", blobs[1].data, blobs[1].size };
	jb[2] = (struct jh_config_blob){ "rt2.cell", blobs[2].data, blobs[2].size };

	findings_reset();
	switch (s.mode) {
	case CHECK_SYSTEM:
		errors = jh_check_system(&jb[0], findings_collect, NULL, &res);
		break;
	case CHECK_BLOB:
		errors = jh_check_blob(&jb[1], findings_collect, NULL, &res);
		break;
	case CHECK_NEW_CELL:
		/* rt2 is created while rt exists */
		errors = jh_check_new_cell(&jb[0], &jb[1], 1, &jb[2],
					   findings_collect, NULL, &res);
		break;
	default:
		errors = jh_check_cells(&jb[0], &jb[1], s.ncells,
					findings_collect, NULL, &res);
		break;
	}
	assert_int_equal(errors, res.errors);
	if (getenv("JH_TEST_VERBOSE"))
		findings_print();
	findings_assert_well_formed();
	if (!rc->rule) {
		if (errors || res.warnings)
			findings_print();
		assert_int_equal(errors, 0);
		assert_int_equal(res.warnings, 0);
		return;
	}
	if (rc->warning) {
		if (errors)
			findings_print();
		assert_int_equal(errors, 0);
	}
	findings_assert_has(rc->warning ? JH_SEV_WARNING : JH_SEV_ERROR,
			    rc->rule, rc->field);
}

size_t rule_tests(struct CMUnitTest *tests, size_t max)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]) && i < max; i++)
		tests[i] = (struct CMUnitTest){
			.name = cases[i].name,
			.test_func = run_case,
			.initial_state = (void *)&cases[i],
		};
	return i;
}
