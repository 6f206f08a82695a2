// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * PCI configuration mechanism #1 (ports 0xcf8/0xcfc), BARs, capabilities
 * and MSI/MSI-X programming. One CPU at a time: the address/data port
 * pair is not atomic, and the inmates drive their devices from one CPU.
 */
#include <inmate/console.h>
#include <inmate/errno.h>
#include <inmate/layout.h>
#include <inmate/pci.h>
#include <inmate/x86.h>

#define PCI_ADDR_PORT		0xcf8
#define PCI_DATA_PORT		0xcfc
#define PCI_ADDR_ENABLE		0x80000000U

#define BAR_IO			0x1
#define BAR_MEM_TYPE_64		0x4
#define BAR_MEM_ADDR_MASK	0xfffffff0U

#define MSI_CTRL		0x02
#define MSI_CTRL_ENABLE		0x0001
#define MSI_CTRL_64BIT		0x0080
#define MSI_ADDR_LO		0x04
#define MSI_ADDR_HI		0x08
#define MSI_DATA_32		0x08
#define MSI_DATA_64		0x0c

#define MSIX_CTRL		0x02
#define MSIX_CTRL_ENABLE	0x8000
#define MSIX_CTRL_MASKALL	0x4000
#define MSIX_CTRL_SIZE		0x07ff
#define MSIX_TABLE		0x04
#define MSIX_BIR		0x7
#define MSIX_ENTRY_SIZE		16
#define MSIX_VECTOR_CTRL_MASKED	0x1

#define MSI_ADDR_BASE		0xfee00000U
#define MSI_ADDR_DEST_SHIFT	12

static void pci_select(uint16_t bdf, unsigned int reg)
{
	outl(PCI_ADDR_PORT, PCI_ADDR_ENABLE | (uint32_t)bdf << 8 | (reg & 0xfc));
}

uint32_t pci_read_config(uint16_t bdf, unsigned int reg, unsigned int size)
{
	pci_select(bdf, reg);
	switch (size) {
	case 1:
		return inb(PCI_DATA_PORT + (reg & 3));
	case 2:
		return inw(PCI_DATA_PORT + (reg & 2));
	default:
		return inl(PCI_DATA_PORT);
	}
}

void pci_write_config(uint16_t bdf, unsigned int reg, uint32_t val,
		      unsigned int size)
{
	pci_select(bdf, reg);
	switch (size) {
	case 1:
		outb(PCI_DATA_PORT + (reg & 3), (uint8_t)val);
		break;
	case 2:
		outw(PCI_DATA_PORT + (reg & 2), (uint16_t)val);
		break;
	default:
		outl(PCI_DATA_PORT, val);
	}
}

int pci_find_device(uint16_t vendor, uint16_t device, uint16_t from)
{
	uint32_t bdf, id;

	/* In a cell every config access is a VM exit: functions 1-7 of an
	 * absent or single-function device are skipped, as the spec allows */
	for (bdf = from; bdf <= 0xffff; bdf++) {
		id = pci_read_config((uint16_t)bdf, PCI_CFG_VENDOR_ID, 4);
		if ((id & 0xffff) == 0xffff) {
			if (JH_PCI_FN(bdf) == 0)
				bdf |= 7;	/* absent, or not the cell's */
			continue;
		}
		if ((vendor == 0xffff || (id & 0xffff) == vendor) &&
		    (device == 0xffff || id >> 16 == device))
			return (int)bdf;
		if (JH_PCI_FN(bdf) == 0 &&
		    !(pci_read_config((uint16_t)bdf, PCI_CFG_HEADER_TYPE, 1) & 0x80))
			bdf |= 7;
	}
	return PCI_NO_DEVICE;
}

unsigned int pci_find_cap(uint16_t bdf, uint8_t id)
{
	unsigned int pos, hops;

	if (!(pci_read_config(bdf, PCI_CFG_STATUS, 2) & PCI_STS_CAP_LIST))
		return 0;
	pos = pci_read_config(bdf, PCI_CFG_CAP_PTR, 1) & 0xfc;
	/* 48 hops at most: a looping list must not hang the inmate */
	for (hops = 0; pos >= 0x40 && hops < 48; hops++) {
		if (pci_read_config(bdf, pos, 1) == id)
			return pos;
		pos = pci_read_config(bdf, pos + 1, 1) & 0xfc;
	}
	return 0;
}

uint64_t pci_bar_address(uint16_t bdf, unsigned int bar)
{
	uint32_t lo = pci_read_config(bdf, PCI_CFG_BAR0 + 4 * bar, 4);
	uint64_t addr = lo & BAR_MEM_ADDR_MASK;

	if (lo & BAR_IO)
		return 0;
	if ((lo & BAR_MEM_TYPE_64) && bar < 5)
		addr |= (uint64_t)pci_read_config(bdf, PCI_CFG_BAR0 + 4 * (bar + 1), 4) << 32;
	return addr;
}

volatile void *pci_bar_map(uint16_t bdf, unsigned int bar)
{
	uint64_t addr = pci_bar_address(bdf, bar);

	if (!addr || addr >= (uint64_t)INMATE_MAPPED_GIB << 30) {
		printk("pci: %02x:%02x.%x BAR%u at 0x%lx is %s\n",
		       JH_PCI_BUS(bdf), JH_PCI_DEV(bdf), JH_PCI_FN(bdf), bar,
		       (unsigned long)addr,
		       addr ? "beyond the inmate's identity map" : "not a memory BAR");
		return NULL;
	}
	return (volatile void *)(uintptr_t)addr;
}

void pci_enable(uint16_t bdf, uint16_t cmd_bits)
{
	uint16_t cmd = (uint16_t)pci_read_config(bdf, PCI_CFG_COMMAND, 2);

	pci_write_config(bdf, PCI_CFG_COMMAND, cmd | cmd_bits, 2);
}

uint64_t msi_address(uint32_t apic_id)
{
	return MSI_ADDR_BASE | (apic_id & 0xff) << MSI_ADDR_DEST_SHIFT;
}

uint32_t msi_data(uint8_t vector)
{
	return vector;	/* fixed delivery, edge */
}

int pci_msi_enable(uint16_t bdf, uint32_t apic_id, uint8_t vector)
{
	unsigned int cap = pci_find_cap(bdf, PCI_CAP_MSI);
	uint64_t addr = msi_address(apic_id);
	uint16_t ctrl;

	if (!cap)
		return -ENODEV;
	ctrl = (uint16_t)pci_read_config(bdf, cap + MSI_CTRL, 2);
	pci_write_config(bdf, cap + MSI_ADDR_LO, (uint32_t)addr, 4);
	if (ctrl & MSI_CTRL_64BIT) {
		pci_write_config(bdf, cap + MSI_ADDR_HI, addr >> 32, 4);
		pci_write_config(bdf, cap + MSI_DATA_64, msi_data(vector), 2);
	} else {
		pci_write_config(bdf, cap + MSI_DATA_32, msi_data(vector), 2);
	}
	/* one vector (multiple message enable 0), then on */
	ctrl &= (uint16_t)~0x0070;
	pci_write_config(bdf, cap + MSI_CTRL, ctrl | MSI_CTRL_ENABLE, 2);
	return 0;
}

int pci_msix_set_vector(uint16_t bdf, unsigned int entry, uint32_t apic_id,
			uint8_t vector)
{
	unsigned int cap = pci_find_cap(bdf, PCI_CAP_MSIX);
	volatile uint8_t *table, *e;
	uint32_t tbl;
	uint16_t ctrl;

	if (!cap)
		return -ENODEV;
	ctrl = (uint16_t)pci_read_config(bdf, cap + MSIX_CTRL, 2);
	if (entry > (ctrl & MSIX_CTRL_SIZE))
		return -ERANGE;
	tbl = pci_read_config(bdf, cap + MSIX_TABLE, 4);
	table = pci_bar_map(bdf, tbl & MSIX_BIR);
	if (!table)
		return -ENODEV;
	e = table + (tbl & ~MSIX_BIR) + entry * MSIX_ENTRY_SIZE;
	/* masked while the address and data change, as the spec requires */
	mmio_write32(e + 12, MSIX_VECTOR_CTRL_MASKED);
	mmio_write32(e, (uint32_t)msi_address(apic_id));
	mmio_write32(e + 4, msi_address(apic_id) >> 32);
	mmio_write32(e + 8, msi_data(vector));
	mmio_write32(e + 12, 0);
	pci_write_config(bdf, cap + MSIX_CTRL,
			 (ctrl & (uint16_t)~MSIX_CTRL_MASKALL) | MSIX_CTRL_ENABLE, 2);
	return 0;
}
