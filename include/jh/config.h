/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * jh configuration ABI: the binary format of system and cell configs.
 *
 * Configs are written as C designated initializers (configs/NAME.c) and
 * compiled to flat little-endian blobs (.cell files). A blob is a fixed
 * header followed by variable-length arrays, each array's length given by a
 * count in the header. Nothing in a blob is a pointer; everything is found
 * by walking the arrays in the order they are declared below (config-walk.h
 * does that, for every consumer).
 *
 * System config ("JHSYSCFG"):
 *	struct jh_system
 *	struct jh_pci_mmconfig	[platform.num_pci_mmconfig]
 *	struct jh_iommu		[platform.num_iommus]
 *	struct jh_ioapic	[platform.num_ioapics]
 *	root cell: a complete cell config as below
 *
 * Cell config ("JHCELCFG"):
 *	struct jh_cell_desc
 *	uint64_t		cpu_set[cpu_set_size / 8]
 *	struct jh_memory	[num_memory_regions]
 *	struct jh_cache		[num_cache_regions]
 *	struct jh_irqchip	[num_irqchips]
 *	struct jh_pio		[num_pio_regions]
 *	struct jh_pci_device	[num_pci_devices]
 *	struct jh_pci_capability [num_pci_caps]
 *	struct jh_shmem_link	[num_shmem_links]
 *
 * Any change to the layout bumps JH_CONFIG_REVISION.
 */
#ifndef _JH_CONFIG_H
#define _JH_CONFIG_H

#include "types.h"

#define JH_SYSTEM_SIGNATURE	"JHSYSCFG"
#define JH_CELL_SIGNATURE	"JHCELCFG"
#define JH_SIGNATURE_SIZE	8
#define JH_CONFIG_REVISION	1

#define JH_ARCH_X86_64		1

#define JH_CELL_NAME_LEN	32

/* Granularity of EPT/IOMMU mappings: RAM regions are multiples of it */
#define JH_CONFIG_PAGE_SIZE	0x1000ULL

/* Memory region flags */
#define JH_MEM_READ		0x0001
#define JH_MEM_WRITE		0x0002
#define JH_MEM_EXECUTE		0x0004
#define JH_MEM_DMA		0x0008	/* also mapped in the cell's IOMMU domain */
#define JH_MEM_IO		0x0010	/* device MMIO, uncached */
#define JH_MEM_COMM_REGION	0x0020	/* comm region page, from the hypervisor: phys_start 0 */
#define JH_MEM_LOADABLE		0x0040	/* root may write it while the cell is stopped */
#define JH_MEM_ROOTSHARED	0x0080	/* stays mapped in the root cell too */
#define JH_MEM_NO_HUGEPAGES	0x0100
#define JH_MEM_IO_SUBPAGE	0x0200	/* sub-page MMIO, trapped and emulated */
#define JH_MEM_IO_8		0x0400	/* access widths allowed to sub-page MMIO */
#define JH_MEM_IO_16		0x0800
#define JH_MEM_IO_32		0x1000
#define JH_MEM_IO_64		0x2000
#define JH_MEM_FLAGS_KNOWN	0x3fff

struct jh_memory {
	uint64_t phys_start;
	uint64_t virt_start;	/* guest-physical address in the cell */
	uint64_t size;
	uint64_t flags;
} JH_PACKED;

/* Cache allocation (Intel CAT) regions: a range of capacity bitmask bits */
#define JH_CACHE_L3		1
#define JH_CACHE_L3_CODE	2
#define JH_CACHE_L3_DATA	3
#define JH_CACHE_L2		4

#define JH_CACHE_ROOTSHARED	0x0001
#define JH_CACHE_FLAGS_KNOWN	0x0001

struct jh_cache {
	uint32_t start;		/* first bit of the capacity bitmask */
	uint32_t size;		/* number of bits */
	uint8_t type;		/* JH_CACHE_* */
	uint8_t padding;
	uint16_t flags;
} JH_PACKED;

/* An IOAPIC and the pins of it the cell may program */
#define JH_IRQCHIP_PINS		256

struct jh_irqchip {
	uint64_t address;
	uint32_t id;		/* IOAPIC id from the MADT */
	uint32_t gsi_base;
	uint64_t pin_bitmap[JH_IRQCHIP_PINS / 64];
} JH_PACKED;

/* Port I/O range the cell may access directly */
struct jh_pio {
	uint16_t base;
	uint16_t length;
	uint32_t flags;		/* reserved, 0 */
} JH_PACKED;

#define JH_PIO_FLAGS_KNOWN	0

#define JH_PCI_TYPE_DEVICE	1
#define JH_PCI_TYPE_BRIDGE	2
#define JH_PCI_TYPE_IVSHMEM	3

#define JH_PCI_NO_IOMMU		0xff

/*
 * DMA aliases: a device whose DMA reaches the IOMMU with a requester id
 * (bus << 8 | devfn) other than its own as well carries that id in
 * dma_alias with JH_PCI_DMA_ALIAS set. jh-discover sets it for a device
 * behind a PCIe-to-PCI(-X) bridge (the bridge's secondary bus, devfn 0)
 * or a conventional PCI or PCI-to-PCIe bridge (the bridge's own id), the
 * topmost such bridge's. The alias's context entry goes to the device's
 * owner; a cell's entry must carry the root cell's alias, and every
 * device sharing the id must go with it (the validator's pci-alias rules).
 */
#define JH_PCI_DMA_ALIAS	0x01
#define JH_PCI_DMA_FLAGS_KNOWN	0x01

#define JH_PCI_MSI_64BITS	0x01
#define JH_PCI_MSI_MASKABLE	0x02
#define JH_PCI_MSI_FLAGS_KNOWN	0x03

#define JH_PCI_BDF(bus, dev, fn) \
	((uint16_t)(((bus) << 8) | ((dev) << 3) | (fn)))
#define JH_PCI_BUS(bdf)		(((bdf) >> 8) & 0xff)
#define JH_PCI_DEV(bdf)		(((bdf) >> 3) & 0x1f)
#define JH_PCI_FN(bdf)		((bdf) & 0x7)

struct jh_pci_device {
	uint8_t type;		/* JH_PCI_TYPE_* */
	uint8_t iommu;		/* index into the system's IOMMU units, or JH_PCI_NO_IOMMU */
	uint16_t segment;
	uint16_t bdf;
	uint16_t caps_start;	/* index into the cell's capability array */
	uint16_t num_caps;
	uint8_t num_msi_vectors;
	uint8_t msi_flags;	/* JH_PCI_MSI_* */
	uint16_t num_msix_vectors;
	uint16_t msix_region_size;
	uint64_t msix_address;	/* MSI-X table, 0 if none */
	uint32_t bar_mask[6];	/* size masks of the BARs, as read back after writing ~0 */
	union {
		struct {	/* ivshmem (shared-memory device) only */
			uint32_t shmem_regions_start;	/* index of its first memory region */
			uint8_t shmem_dev_id;
			uint8_t shmem_peers;
			uint16_t shmem_protocol;
		};
		struct {	/* devices and bridges (was 0: old blobs stay valid) */
			uint16_t dma_alias;	/* with JH_PCI_DMA_ALIAS: see above */
			uint8_t dma_flags;	/* JH_PCI_DMA_* */
			uint8_t reserved[5];	/* 0 */
		};
	};
} JH_PACKED;

/*
 * A shared-memory link between cells (docs/shmem.md): num_peers memory
 * regions of the cell from mem_start on, one output section per peer, the
 * same physical ranges in every peer's config. Section `peer` is this
 * cell's, the only one it may write; it reads the others. A doorbell
 * (JH_HC_SHMEM_RING) reaches the peers as an interrupt with their vector,
 * on their first CPU; the root's driver registers its own vector and CPU
 * (JH_HC_SHMEM_ROOT_IRQ). Peers that go up or down ring the others too.
 */
#define JH_SHMEM_MAX_LINKS	8	/* per cell */
#define JH_SHMEM_MAX_PEERS	8
#define JH_SHMEM_FLAGS_KNOWN	0

struct jh_shmem_link {
	uint32_t id;		/* names the link, the same in every peer; not 0 */
	uint32_t mem_start;	/* index of its first memory region */
	uint8_t peer;		/* this cell's number on the link: its section */
	uint8_t num_peers;	/* 2..JH_SHMEM_MAX_PEERS */
	uint8_t vector;		/* doorbell vector (32..255); 0 in the root cell */
	uint8_t flags;		/* reserved, 0 */
	uint32_t reserved;
} JH_PACKED;

#define JH_PCICAPS_EXTENDED	0x8000	/* id is an extended (PCIe) capability id */
#define JH_PCICAPS_WRITE	0x0001	/* the cell may write it directly */
#define JH_PCICAPS_FLAGS_KNOWN	0x0001

struct jh_pci_capability {
	uint16_t id;		/* capability id, | JH_PCICAPS_EXTENDED */
	uint16_t start;		/* offset in config space */
	uint16_t len;
	uint16_t flags;
} JH_PACKED;

#define JH_CON_NONE		0
#define JH_CON_8250_PIO		1
#define JH_CON_8250_MMIO	2

struct jh_console {
	uint64_t address;	/* port or physical address */
	uint32_t divider;	/* baud divisor, 0 = keep what firmware set */
	uint8_t type;		/* JH_CON_* */
	uint8_t reg_width;	/* MMIO register width in bytes: 1 or 4 */
	uint8_t reg_shift;	/* register spacing: offset << reg_shift */
	uint8_t flags;		/* reserved, 0 */
} JH_PACKED;

/* Cell flags */
#define JH_CELL_VIRTUAL_CONSOLE	0x0001	/* may print via the console hypercall */
#define JH_CELL_PASSIVE_COMMREG	0x0002	/* does not answer comm-region messages */
#define JH_CELL_SHARED_CORE	0x0004	/* may share a core (SMT siblings) with other cells */
#define JH_CELL_FLAGS_KNOWN	0x0007

struct jh_cell_desc {
	char signature[JH_SIGNATURE_SIZE];
	uint16_t revision;
	uint16_t architecture;
	uint32_t flags;
	char name[JH_CELL_NAME_LEN];	/* NUL-terminated */

	uint32_t cpu_set_size;		/* bytes, a multiple of 8 */
	uint32_t num_memory_regions;
	uint32_t num_cache_regions;
	uint32_t num_irqchips;
	uint32_t num_pio_regions;
	uint32_t num_pci_devices;
	uint32_t num_pci_caps;
	uint32_t num_shmem_links;	/* was reserved (0): old blobs stay valid */

	uint64_t cpu_reset_address;	/* where the cell's CPUs start, real mode */
	uint64_t msg_reply_timeout;	/* ms the hypervisor waits for comm-region replies */
	struct jh_console console;	/* the cell's own UART, for its user's information */
} JH_PACKED;

/* System-wide platform description */
struct jh_pci_mmconfig {
	uint64_t base;
	uint16_t segment;
	uint8_t start_bus;
	uint8_t end_bus;
	uint32_t reserved;
} JH_PACKED;

#define JH_IOMMU_VTD		1
#define JH_IOMMU_AMD		2

#define JH_IOMMU_INCLUDE_PCI_ALL	0x01	/* VT-d: covers every device not claimed by another unit */
#define JH_IOMMU_FLAGS_KNOWN		0x01

struct jh_iommu {
	uint64_t base;
	uint32_t size;
	uint16_t segment;
	uint8_t type;		/* JH_IOMMU_* */
	uint8_t flags;
	/* AMD-Vi: the IOMMU's own PCI function and capability */
	uint16_t amd_bdf;
	uint8_t amd_base_cap;
	uint8_t amd_msi_cap;
	uint32_t amd_features;
} JH_PACKED;

struct jh_ioapic {
	uint64_t address;
	uint32_t gsi_base;
	uint8_t id;
	uint8_t iommu;		/* unit that remaps its interrupts, or JH_PCI_NO_IOMMU */
	uint16_t bdf;		/* source id for interrupt remapping */
	uint16_t segment;
	uint16_t reserved;
	uint32_t pins;
} JH_PACKED;

struct jh_platform {
	uint32_t num_pci_mmconfig;
	uint32_t num_iommus;
	uint32_t num_ioapics;
	uint16_t pm_timer_port;		/* ACPI PM timer, 0 if none */
	uint8_t pm_timer_32bit;
	uint8_t reserved0;
	uint32_t tsc_khz;		/* 0: the driver fills in Linux's value */
	uint32_t apic_khz;		/* 0: the driver fills in Linux's value */
	uint32_t ir_table_size;		/* interrupt-remapping entries, power of two; 0 = none */
	uint32_t reserved1;
} JH_PACKED;

/* System flags */
#define JH_SYS_VIRTUAL_DEBUG_CONSOLE	0x0001	/* root may read the console ring */
/*
 * Cells may get device memory (JH_MEM_IO, JH_MEM_DMA) and PCI devices on a
 * system without IOMMU units: their devices then reach all of memory by
 * DMA. Without this flag (or IOMMU units) the validator refuses them.
 */
#define JH_SYS_NO_DMA_ISOLATION		0x0002
#define JH_SYS_FLAGS_KNOWN		0x0003

struct jh_system {
	char signature[JH_SIGNATURE_SIZE];
	uint16_t revision;
	uint16_t architecture;
	uint32_t flags;
	struct jh_memory hypervisor_memory;
	struct jh_console debug_console;
	struct jh_platform platform;
	/* followed by the platform arrays and the root cell (see top) */
} JH_PACKED;

/*
 * The layout is the ABI: a size change here means JH_CONFIG_REVISION must
 * change too (and every reader with it).
 */
_Static_assert(sizeof(struct jh_memory) == 32, "jh_memory layout");
_Static_assert(sizeof(struct jh_cache) == 12, "jh_cache layout");
_Static_assert(sizeof(struct jh_irqchip) == 48, "jh_irqchip layout");
_Static_assert(sizeof(struct jh_pio) == 8, "jh_pio layout");
_Static_assert(sizeof(struct jh_pci_device) == 56, "jh_pci_device layout");
_Static_assert(sizeof(struct jh_pci_capability) == 8, "jh_pci_capability layout");
_Static_assert(sizeof(struct jh_shmem_link) == 16, "jh_shmem_link layout");
_Static_assert(sizeof(struct jh_console) == 16, "jh_console layout");
_Static_assert(sizeof(struct jh_cell_desc) == 112, "jh_cell_desc layout");
_Static_assert(sizeof(struct jh_pci_mmconfig) == 16, "jh_pci_mmconfig layout");
_Static_assert(sizeof(struct jh_iommu) == 24, "jh_iommu layout");
_Static_assert(sizeof(struct jh_ioapic) == 24, "jh_ioapic layout");
_Static_assert(sizeof(struct jh_platform) == 32, "jh_platform layout");
_Static_assert(sizeof(struct jh_system) == 96, "jh_system layout");

#endif /* _JH_CONFIG_H */
