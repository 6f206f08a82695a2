// SPDX-License-Identifier: GPL-2.0
/*
 * The hypervisor's side of the MSI path in the VT-d test image: what
 * hypervisor/core/pci.c, x86/msi.c and x86/ioapic.c (compiled unchanged)
 * call of the platform, on bare metal. Config space through ports
 * 0xcf8/0xcfc; the root owns APIC ID 0, the cell "msi-cell" (edu B) APIC
 * ID 1 (or 0 while it takes B's INTx pin: the image has one CPU, whose
 * interrupts the owners' vectors tell apart). For the IOAPIC a system config of its own (QEMU's IOAPIC, source
 * id 0xff00, all 24 pins the root's) replaces vtd-glue.c's while the MSI
 * path runs, and a root config of its own lists the IOAPIC's pins and the
 * devices (edu A and B, an e1000e for MSI-X); "msi-cell"'s irqchips may
 * take one pin (vtdt_cell_pin()), handed over as cell create and destroy
 * do (ioapic_cell_pins(), pci_cell_devices()). The trapped pages' handlers
 * (the IOAPIC's, the MSI-X table's) are kept here; the hypervisor's direct
 * map is the identity map seen again at JH_HV_DIRECT_MAP.
 */
#include <jh/config-walk.h>

#include "mmio.h"
#include "pci.h"
#include "apic.h"
#include "vtd-test.h"

static struct {
	struct jh_cell_desc desc;
	u64 cpus;
	struct jh_irqchip chip;
	struct jh_pci_device dev[1];
	struct jh_pci_capability caps[1];
} JH_PACKED msi_cell_config = {
	.desc = { .name = "msi-cell", .cpu_set_size = 8, .num_irqchips = 1,
		  .num_pci_devices = 1, .num_pci_caps = 1 },
	.cpus = 2,
	.chip = { .address = 0xfec00000 },
	.caps = { { .id = 5, .start = 0x40, .len = 0xc0, .flags = JH_PCICAPS_WRITE } },
};
static struct cell msi_cell = { .id = 2, .config = &msi_cell_config.desc };
static u32 msi_cell_apic = 1;	/* the APIC ID of msi-cell's CPU */
static struct {
	struct jh_cell_desc desc;
	u64 cpus;
	struct jh_pci_device dev[1];
} JH_PACKED flr_cell_config = {
	.desc = { .name = "flr-cell", .cpu_set_size = 8, .num_pci_devices = 1 },
	.cpus = 2,
};
static struct cell flr_cell = { .id = 3, .config = &flr_cell_config.desc };
static struct per_cpu cpu;

static struct {
	struct jh_system sys;
	struct jh_ioapic ioapic;
} JH_PACKED io_sys = {
	.sys.platform.num_ioapics = 1,
	.ioapic = { .address = 0xfec00000, .bdf = 0xff00, .pins = 24 },
};
static struct {
	struct jh_cell_desc desc;
	u64 cpus;
	struct jh_irqchip chip;
	struct jh_pci_device dev[3];
} JH_PACKED io_root = {
	.desc = { .name = "vtd-root", .cpu_set_size = 8, .num_irqchips = 1,
		  .num_pci_devices = 3 },
	.cpus = 1,
	.chip = { .address = 0xfec00000, .pin_bitmap = { 0xffffff } },
};
static const struct jh_system *vtd_sys;
static struct { u64 base; mmio_handler_t handler; void *opaque; } traps[2];

u32 arch_pci_read(u16 seg, u16 bdf, u16 reg, unsigned int size)
{
	port_write(0xcf8, 4, 0x80000000U | (u32)bdf << 8 | (reg & 0xfc));
	return port_read(0xcfc + (reg & 3), size);
}

void arch_pci_write(u16 seg, u16 bdf, u16 reg, unsigned int size, u32 value)
{
	port_write(0xcf8, 4, 0x80000000U | (u32)bdf << 8 | (reg & 0xfc));
	port_write(0xcfc + (reg & 3), size, value);
}

int arch_pci_cell_init(struct cell *cell)
{
	return 0;
}

bool apic_cell_owns_destination(const struct cell *cell, u32 mode, u32 dest)
{
	return !(mode & (APIC_ICR_LOGICAL | APIC_ICR_DM_MASK)) &&
	       dest == (cell == &root_cell ? 0 : cell == &msi_cell ? msi_cell_apic : 1);
}

int mmio_register(const struct cell *cell, u64 base, u64 size, mmio_handler_t handler,
		  void *opaque)
{
	unsigned int i = base != 0xfec00000;	/* the IOAPIC's, or the MSI-X table's */

	traps[i].base = base;
	traps[i].handler = handler;
	traps[i].opaque = opaque;
	return 0;
}

int gpa_unmap(u64 *root, u64 gpa, u64 size)
{
	return 0;
}

u64 ms_to_tsc(u64 ms)
{
	return ms * 4000000;	/* at most 4 GHz: long enough */
}

void cell_fail(struct per_cpu *c, const char *fmt, ...)
{
	printk("vtd-qemu: cell %s failed\n", c->cell->config->name);
	for (;;)
		asm volatile("cli; hlt");
}

int vtdt_pci_init(uint16_t root_dev, uint16_t cell_dev, uint16_t msix_dev)
{
	const struct jh_cell_desc *root = root_cell.config;
	u64 *pml4 = (u64 *)(read_cr3() & ~0xfffULL);
	int err;

	pml4[JH_HV_DIRECT_MAP >> 39] = pml4[0];
	write_cr3(read_cr3());
	msi_cell_config.dev[0] = (struct jh_pci_device){ .type = JH_PCI_TYPE_DEVICE,
							 .bdf = cell_dev, .num_caps = 1 };
	io_root.dev[0] = (struct jh_pci_device){ .type = JH_PCI_TYPE_DEVICE, .bdf = root_dev };
	io_root.dev[1] = msi_cell_config.dev[0];
	io_root.dev[2] = (struct jh_pci_device){ .type = JH_PCI_TYPE_DEVICE, .bdf = msix_dev };
	vtd_sys = sys_config;
	io_sys.sys.platform.ir_table_size = sys_config->platform.ir_table_size;
	sys_config = &io_sys.sys;
	root_cell.config = &io_root.desc;
	err = ioapic_trap_root(&root_cell) ? : pci_init();
	root_cell.config = root;
	return err;
}

int vtdt_irq_remap(bool on)
{
	int err = pci_irq_remap(on);

	if (!on)
		sys_config = vtd_sys;
	return err;
}

uint32_t vtdt_ioapic(bool cell, bool write, unsigned int index, uint32_t value)
{
	u64 v = index;

	cpu.cell = cell ? &msi_cell : &root_cell;
	traps[0].handler(&cpu, traps[0].opaque, 0, 4, true, &v);
	v = value;
	traps[0].handler(&cpu, traps[0].opaque, 0x10, 4, write, &v);
	return v;
}

uint32_t vtdt_msix(bool write, uint64_t address, uint32_t value)
{
	u64 v = value;

	cpu.cell = &root_cell;
	traps[1].handler(&cpu, traps[1].opaque, address - traps[1].base, 4, write, &v);
	return v;
}

uint32_t vtdt_cfg(bool cell, bool write, uint16_t bdf, uint16_t reg, unsigned int size,
		  uint32_t value)
{
	cpu.cell = cell ? &msi_cell : &root_cell;
	pci_cfg_access(&cpu, 0, bdf, reg, size, write, &value);
	return value;
}

void vtdt_cell_pin(int pin, uint32_t apic)
{
	msi_cell_config.chip.pin_bitmap[0] = pin < 0 ? 0 : 1ULL << pin;
	msi_cell_apic = apic;
}

/* In the order of cell create (pins, then devices) and destroy (the reverse) */
int vtdt_pci_move(bool to_cell)
{
	if (to_cell)
		return ioapic_cell_pins(&msi_cell, true) ? : pci_cell_devices(&msi_cell, true);
	return pci_cell_devices(&msi_cell, false) ? : ioapic_cell_pins(&msi_cell, false);
}

int vtdt_pci_hand_over(uint16_t bdf, bool to_cell)
{
	flr_cell_config.dev[0] = (struct jh_pci_device){ .type = JH_PCI_TYPE_DEVICE, .bdf = bdf };
	return pci_cell_devices(&flr_cell, to_cell);
}
