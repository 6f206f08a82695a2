/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * System config of the Bochs test machine: i440FX + PIIX3/PIIX4 chipset,
 * rombios, 1024 MiB RAM, up to 4 CPUs (corei7_skylake_x, VMX with EPT),
 * no IOMMU and no MMCONFIG (PCI config space only through ports
 * 0xcf8/0xcfc). Linux boots with memmap=32M$0x3d000000: the first 16 MiB
 * are the hypervisor's, the next 16 MiB are RAM for the cells.
 *
 * How to read a config (this file is the reference for the format; the
 * fields are declared in include/jh/config.h, explained in docs/config.md):
 * a config is ONE packed object, a header followed by arrays. The header
 * counts each array with ARRAY_SIZE(), so adding an entry means only
 * adding it. `make` compiles it with scripts/config-compile.sh into
 * build/configs/bochs.cell; `jh config show` prints it back.
 *
 * BOCHS_CPUS selects the CPU count of the Bochs run (bochs-2cpu.c sets 2);
 * BOCHS_SHMEM adds the root's side of a shared-memory link with rt-shmem.c
 * (bochs-shmem.c, docs/shmem.md).
 */
#include <jh/config.h>

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#ifndef BOCHS_CPUS
#define BOCHS_CPUS	4
#define BOCHS_NAME	"bochs-4cpu"
#endif

/* Flags of the kinds of memory the root cell maps */
#define RAM	(JH_MEM_READ | JH_MEM_WRITE | JH_MEM_EXECUTE | JH_MEM_DMA)
#define MMIO	(JH_MEM_READ | JH_MEM_WRITE | JH_MEM_IO)
#define ROM	(JH_MEM_READ | JH_MEM_EXECUTE)

struct {
	struct jh_system header;
	/* the platform arrays: no MMCONFIG and no IOMMU on this machine */
	struct jh_ioapic ioapics[1];
	/* the root cell: the Linux that enables jh */
	struct jh_cell_desc root;
	uint64_t cpus[1];
#ifdef BOCHS_SHMEM
	struct jh_memory mem_regions[13];
#else
	struct jh_memory mem_regions[10];
#endif
	struct jh_irqchip irqchips[1];
	struct jh_pio pio_regions[2];
	struct jh_pci_device pci_devices[5];
#ifdef BOCHS_SHMEM
	struct jh_shmem_link shmem_links[1];
#endif
} JH_PACKED config = {
	.header = {
		.signature = JH_SYSTEM_SIGNATURE,
		.revision = JH_CONFIG_REVISION,
		.architecture = JH_ARCH_X86_64,
		/*
		 * Bochs has no IOMMU: a cell given a device could DMA anywhere.
		 * The tests accept that (cell-two.sh gives a cell a PCI device
		 * to see the hypervisor refuse it); on a real machine leave
		 * NO_DMA_ISOLATION out unless cells get no devices anyway.
		 */
		.flags = JH_SYS_VIRTUAL_DEBUG_CONSOLE | JH_SYS_NO_DMA_ISOLATION,
		/*
		 * The hypervisor's own memory: the first half of the memmap=
		 * reservation. Linux never uses it and the root cell does not
		 * map it (the validator checks both).
		 */
		.hypervisor_memory = {
			.phys_start = 0x3d000000,
			.size = 0x1000000,
		},
		/* hypervisor messages go to COM1, shared with Linux's console */
		.debug_console = {
			.type = JH_CON_8250_PIO,
			.address = 0x3f8,
			.divider = 1,		/* 115200 baud */
		},
		.platform = {
			.num_pci_mmconfig = 0,
			.num_iommus = 0,
			.num_ioapics = ARRAY_SIZE(config.ioapics),
			/* PIIX4 ACPI: PM base 0xb000, timer at +8, 24 bits */
			.pm_timer_port = 0xb008,
			.pm_timer_32bit = 0,
			/* 0: the driver fills in what Linux calibrated */
			.tsc_khz = 0,
			.apic_khz = 0,
			/* no IOMMU, so no interrupt remapping */
			.ir_table_size = 0,
		},
	},

	.ioapics = {
		/* the only IOAPIC; Bochs gives it the id BOCHS_CPUS */
		{
			.address = 0xfec00000,
			.gsi_base = 0,
			.id = BOCHS_CPUS,
			.iommu = JH_PCI_NO_IOMMU,
			.pins = 24,
		},
	},

	.root = {
		.signature = JH_CELL_SIGNATURE,
		.revision = JH_CONFIG_REVISION,
		.architecture = JH_ARCH_X86_64,
		.name = BOCHS_NAME,
		.cpu_set_size = sizeof(config.cpus),
		.num_memory_regions = ARRAY_SIZE(config.mem_regions),
		.num_irqchips = ARRAY_SIZE(config.irqchips),
		.num_pio_regions = ARRAY_SIZE(config.pio_regions),
		.num_pci_devices = ARRAY_SIZE(config.pci_devices),
		.num_pci_caps = 0,
#ifdef BOCHS_SHMEM
		.num_shmem_links = ARRAY_SIZE(config.shmem_links),
#endif
	},

	/* every CPU of the machine; cells take theirs from here */
	.cpus = { (1ULL << BOCHS_CPUS) - 1 },

	/*
	 * The root cell's memory, from the e820 map and /proc/iomem of the
	 * guest. Left out on purpose: the hypervisor (0x3d000000, 16 MiB),
	 * the IOAPIC page 0xfec00000 and the xAPIC page 0xfee00000, which
	 * the hypervisor intercepts.
	 */
	.mem_regions = {
		/* 0: low RAM, and the EBDA at 0x9f000 */
		{ .phys_start = 0x0, .virt_start = 0x0, .size = 0xa0000,
		  .flags = RAM },
		/* 1: legacy VGA window */
		{ .phys_start = 0xa0000, .virt_start = 0xa0000,
		  .size = 0x20000, .flags = MMIO },
		/* 2: VGA BIOS, option ROMs, rombios (Linux reads tables here) */
		{ .phys_start = 0xc0000, .virt_start = 0xc0000,
		  .size = 0x40000, .flags = ROM | JH_MEM_WRITE },
		/* 3: RAM Linux runs in, up to the hypervisor */
		{ .phys_start = 0x100000, .virt_start = 0x100000,
		  .size = 0x3cf00000, .flags = RAM },
		/*
		 * 4: RAM for the cells (memmap= keeps Linux off it); the root
		 * cell owns it until a cell takes its part
		 */
#ifdef BOCHS_SHMEM
		{ .phys_start = 0x3e000000, .virt_start = 0x3e000000,
		  .size = 0xf00000, .flags = RAM },
#else
		{ .phys_start = 0x3e000000, .virt_start = 0x3e000000,
		  .size = 0x1000000, .flags = RAM },
#endif
		/* 5: RAM above the reservation */
		{ .phys_start = 0x3f000000, .virt_start = 0x3f000000,
		  .size = 0xff0000, .flags = RAM },
		/* 6: ACPI tables (e820 "ACPI data") */
		{ .phys_start = 0x3fff0000, .virt_start = 0x3fff0000,
		  .size = 0x10000, .flags = JH_MEM_READ | JH_MEM_WRITE },
		/* 7: PCI MMIO window (VGA framebuffer, BARs) */
		{ .phys_start = 0xc0000000, .virt_start = 0xc0000000,
		  .size = 0x3ec00000, .flags = MMIO },
		/* 8: HPET */
		{ .phys_start = 0xfed00000, .virt_start = 0xfed00000,
		  .size = 0x1000, .flags = MMIO },
		/* 9: BIOS ROM at the top of 4 GiB */
		{ .phys_start = 0xfffc0000, .virt_start = 0xfffc0000,
		  .size = 0x40000, .flags = ROM },
#ifdef BOCHS_SHMEM
		/*
		 * 10, 11: the link with rt-shmem.c, cut out of region 4 (which
		 * then ends at 0x3ef00000): the root's section, which it writes,
		 * and the cell's, which it only reads. 12: the rest of region 4.
		 */
		{ .phys_start = 0x3ef00000, .virt_start = 0x3ef00000,
		  .size = 0x10000, .flags = JH_MEM_READ | JH_MEM_WRITE },
		{ .phys_start = 0x3ef10000, .virt_start = 0x3ef10000,
		  .size = 0x10000, .flags = JH_MEM_READ },
		{ .phys_start = 0x3ef20000, .virt_start = 0x3ef20000,
		  .size = 0xe0000, .flags = RAM },
#endif
	},

	/* Linux keeps routing every IOAPIC pin (ISA IRQs 0-15, PCI 16-23) */
	.irqchips = {
		{ .address = 0xfec00000, .id = BOCHS_CPUS, .gsi_base = 0,
		  .pin_bitmap = { 0xffffff } },
	},

	/*
	 * Ports Linux drives directly: all of them (PIT, PIC, CMOS, COM1-2,
	 * IDE, PIIX4 PM at 0xb000, ...) except the PCI config ports
	 * 0xcf8-0xcff, which the hypervisor intercepts so no cell reaches a
	 * device it does not own. Cells take their ports from here (the RT
	 * cell takes COM2, 0x2f8-0x2ff).
	 */
	.pio_regions = {
		{ .base = 0x0000, .length = 0xcf8 },
		{ .base = 0x0d00, .length = 0xf300 },
	},

	/*
	 * PCI devices (bus 0): the PCI 2.x chipset functions of Bochs have
	 * no capability lists. bar_mask: the size masks BARs read back.
	 */
	.pci_devices = {
		/* 00:00.0 8086:1237 i440FX host bridge */
		{ .type = JH_PCI_TYPE_DEVICE, .iommu = JH_PCI_NO_IOMMU,
		  .bdf = JH_PCI_BDF(0, 0, 0) },
		/* 00:01.0 8086:7000 PIIX3 PCI-to-ISA bridge (legacy devices) */
		{ .type = JH_PCI_TYPE_DEVICE, .iommu = JH_PCI_NO_IOMMU,
		  .bdf = JH_PCI_BDF(0, 1, 0) },
		/* 00:01.1 8086:7010 PIIX3 IDE: BAR4 16 bus-master ports */
		{ .type = JH_PCI_TYPE_DEVICE, .iommu = JH_PCI_NO_IOMMU,
		  .bdf = JH_PCI_BDF(0, 1, 1),
		  .bar_mask = { 0, 0, 0, 0, 0xfffffff1, 0 } },
		/* 00:01.2 8086:7020 PIIX3 UHCI USB: BAR4 32 ports */
		{ .type = JH_PCI_TYPE_DEVICE, .iommu = JH_PCI_NO_IOMMU,
		  .bdf = JH_PCI_BDF(0, 1, 2),
		  .bar_mask = { 0, 0, 0, 0, 0xffffffe1, 0 } },
		/* 00:01.3 8086:7113 PIIX4 ACPI/SMBus (PM base in config space) */
		{ .type = JH_PCI_TYPE_DEVICE, .iommu = JH_PCI_NO_IOMMU,
		  .bdf = JH_PCI_BDF(0, 1, 3) },
	},
#ifdef BOCHS_SHMEM
	/* link 1: peer 0 (the root) writes memory[10], peer 1 (rt-shmem) [11] */
	.shmem_links = {
		{ .id = 1, .mem_start = 10, .peer = 0, .num_peers = 2 },
	},
#endif
};
