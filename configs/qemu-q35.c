/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * System config of the QEMU test machine: q35 (ICH9), SeaBIOS, 1024 MiB
 * RAM, 4 CPUs, -device intel-iommu,intremap=on, -nodefaults. QEMU TCG has
 * no VMX: this machine tests discovery, the driver and VT-d handling, not
 * the running hypervisor. Same memory plan as bochs.c (read that file
 * first, it explains the format): memmap=32M$0x3d000000, hypervisor in
 * the first 16 MiB, cell RAM in the second.
 *
 * Unlike Bochs it has MMCONFIG (MCFG: 0xb0000000, buses 0-255) and one
 * VT-d unit (DMAR: DRHD 0xfed90000, INCLUDE_PCI_ALL), so every PCI device
 * names that unit, and the hypervisor intercepts both register ranges.
 */
#include <jh/config.h>

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#define RAM	(JH_MEM_READ | JH_MEM_WRITE | JH_MEM_EXECUTE | JH_MEM_DMA)
#define MMIO	(JH_MEM_READ | JH_MEM_WRITE | JH_MEM_IO)
#define ROM	(JH_MEM_READ | JH_MEM_EXECUTE)

struct {
	struct jh_system header;
	struct jh_pci_mmconfig mmconfig[1];
	struct jh_iommu iommus[1];
	struct jh_ioapic ioapics[1];
	struct jh_cell_desc root;
	uint64_t cpus[1];
	struct jh_memory mem_regions[12];
	struct jh_irqchip irqchips[1];
	struct jh_pio pio_regions[2];
	struct jh_pci_device pci_devices[4];
	struct jh_pci_capability pci_caps[2];
} JH_PACKED config = {
	.header = {
		.signature = JH_SYSTEM_SIGNATURE,
		.revision = JH_CONFIG_REVISION,
		.architecture = JH_ARCH_X86_64,
		.flags = JH_SYS_VIRTUAL_DEBUG_CONSOLE,
		/* first half of memmap=32M$0x3d000000 */
		.hypervisor_memory = {
			.phys_start = 0x3d000000,
			.size = 0x1000000,
		},
		.debug_console = {
			.type = JH_CON_8250_PIO,
			.address = 0x3f8,
			.divider = 1,		/* 115200 baud */
		},
		.platform = {
			.num_pci_mmconfig = ARRAY_SIZE(config.mmconfig),
			.num_iommus = ARRAY_SIZE(config.iommus),
			.num_ioapics = ARRAY_SIZE(config.ioapics),
			/* ICH9 ACPI: PM base 0x600, timer at +8, 24 bits */
			.pm_timer_port = 0x608,
			.pm_timer_32bit = 0,
			.tsc_khz = 0,
			.apic_khz = 0,
			/* interrupt-remapping table entries the hypervisor sets up */
			.ir_table_size = 256,
		},
	},

	/* PCI segment 0 ECAM, from the MCFG table */
	.mmconfig = {
		{ .base = 0xb0000000, .segment = 0, .start_bus = 0,
		  .end_bus = 255 },
	},

	/* the VT-d unit from the DMAR table; it covers every PCI device */
	.iommus = {
		{ .type = JH_IOMMU_VTD, .base = 0xfed90000, .size = 0x1000,
		  .segment = 0, .flags = JH_IOMMU_INCLUDE_PCI_ALL },
	},

	/*
	 * The IOAPIC (MADT id 0); the DMAR device scope gives its source id
	 * ff:00.0 for interrupt remapping by unit 0
	 */
	.ioapics = {
		{ .address = 0xfec00000, .gsi_base = 0, .id = 0, .iommu = 0,
		  .bdf = JH_PCI_BDF(0xff, 0, 0), .pins = 24 },
	},

	.root = {
		.signature = JH_CELL_SIGNATURE,
		.revision = JH_CONFIG_REVISION,
		.architecture = JH_ARCH_X86_64,
		.name = "qemu-q35",
		.cpu_set_size = sizeof(config.cpus),
		.num_memory_regions = ARRAY_SIZE(config.mem_regions),
		.num_irqchips = ARRAY_SIZE(config.irqchips),
		.num_pio_regions = ARRAY_SIZE(config.pio_regions),
		.num_pci_devices = ARRAY_SIZE(config.pci_devices),
		.num_pci_caps = ARRAY_SIZE(config.pci_caps),
	},

	/* CPUs 0-3 */
	.cpus = { 0xf },

	/*
	 * From the guest's e820 and /proc/iomem. Left out: the hypervisor
	 * (0x3d000000), MMCONFIG (0xb0000000-0xbfffffff), the IOAPIC page,
	 * the VT-d registers (0xfed90000) and the xAPIC page (0xfee00000).
	 */
	.mem_regions = {
		/* 0: low RAM and the EBDA at 0x9fc00 */
		{ .phys_start = 0x0, .virt_start = 0x0, .size = 0xa0000,
		  .flags = RAM },
		/* 1: legacy VGA window (no VGA with -nodefaults; harmless) */
		{ .phys_start = 0xa0000, .virt_start = 0xa0000,
		  .size = 0x20000, .flags = MMIO },
		/* 2: option ROMs and SeaBIOS (Linux reads tables here) */
		{ .phys_start = 0xc0000, .virt_start = 0xc0000,
		  .size = 0x40000, .flags = ROM | JH_MEM_WRITE },
		/* 3: RAM Linux runs in, up to the hypervisor */
		{ .phys_start = 0x100000, .virt_start = 0x100000,
		  .size = 0x3cf00000, .flags = RAM },
		/* 4: RAM for the cells (kept from Linux by memmap=) */
		{ .phys_start = 0x3e000000, .virt_start = 0x3e000000,
		  .size = 0x1000000, .flags = RAM },
		/* 5: RAM above the reservation */
		{ .phys_start = 0x3f000000, .virt_start = 0x3f000000,
		  .size = 0xfe0000, .flags = RAM },
		/* 6: firmware-reserved top of RAM: ACPI tables */
		{ .phys_start = 0x3ffe0000, .virt_start = 0x3ffe0000,
		  .size = 0x20000, .flags = JH_MEM_READ | JH_MEM_WRITE },
		/* 7: PCI MMIO window below MMCONFIG */
		{ .phys_start = 0x40000000, .virt_start = 0x40000000,
		  .size = 0x70000000, .flags = MMIO },
		/* 8: PCI MMIO window above MMCONFIG (AHCI ABAR and others) */
		{ .phys_start = 0xc0000000, .virt_start = 0xc0000000,
		  .size = 0x3ec00000, .flags = MMIO },
		/* 9: HPET */
		{ .phys_start = 0xfed00000, .virt_start = 0xfed00000,
		  .size = 0x1000, .flags = MMIO },
		/* 10: ICH9 root complex register block (iTCO watchdog) */
		{ .phys_start = 0xfed1c000, .virt_start = 0xfed1c000,
		  .size = 0x4000, .flags = MMIO },
		/* 11: BIOS ROM at the top of 4 GiB */
		{ .phys_start = 0xfffc0000, .virt_start = 0xfffc0000,
		  .size = 0x40000, .flags = ROM },
	},

	/* Linux keeps every IOAPIC pin */
	.irqchips = {
		{ .address = 0xfec00000, .id = 0, .gsi_base = 0,
		  .pin_bitmap = { 0xffffff } },
	},

	/* every port but the PCI config ports the hypervisor intercepts */
	.pio_regions = {
		{ .base = 0x0000, .length = 0xcf8 },
		{ .base = 0x0d00, .length = 0xf300 },
	},

	/* bus 0 of q35 with -nodefaults; all behind VT-d unit 0 */
	.pci_devices = {
		/* 00:00.0 8086:29c0 host bridge */
		{ .type = JH_PCI_TYPE_DEVICE, .iommu = 0,
		  .bdf = JH_PCI_BDF(0, 0, 0) },
		/* 00:1f.0 8086:2918 ICH9 LPC bridge (PM at 0x600) */
		{ .type = JH_PCI_TYPE_DEVICE, .iommu = 0,
		  .bdf = JH_PCI_BDF(0, 0x1f, 0) },
		/*
		 * 00:1f.2 8086:2922 ICH9 AHCI: BAR4 32 ports, BAR5 4 KiB ABAR,
		 * one 64-bit MSI vector; capabilities pci_caps[0-1]
		 */
		{ .type = JH_PCI_TYPE_DEVICE, .iommu = 0,
		  .bdf = JH_PCI_BDF(0, 0x1f, 2),
		  .bar_mask = { 0, 0, 0, 0, 0xffffffe1, 0xfffff000 },
		  .caps_start = 0, .num_caps = 2,
		  .num_msi_vectors = 1, .msi_flags = JH_PCI_MSI_64BITS },
		/* 00:1f.3 8086:2930 ICH9 SMBus: BAR4 64 ports */
		{ .type = JH_PCI_TYPE_DEVICE, .iommu = 0,
		  .bdf = JH_PCI_BDF(0, 0x1f, 3),
		  .bar_mask = { 0, 0, 0, 0, 0xffffffc1, 0 } },
	},

	/* capabilities, referenced by caps_start/num_caps above */
	.pci_caps = {
		/* 0: 00:1f.2 MSI, 64-bit address, not maskable: 14 bytes */
		{ .id = 0x05, .start = 0x80, .len = 14,
		  .flags = JH_PCICAPS_WRITE },
		/* 1: 00:1f.2 SATA HBA capability */
		{ .id = 0x12, .start = 0xa8, .len = 8, .flags = 0 },
	},
};
