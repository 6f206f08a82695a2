// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Name tables for config values (see config-names.h). One table per
 * field, indexed or searched by value, so `jh config show` and the
 * validator never disagree on what a bit is called.
 */
#include "config-names.h"
#include "format.h"

#define ARRAY_LEN(a)	(sizeof(a) / sizeof((a)[0]))

const struct jh_flag_name jh_mem_flag_names[] = {
	{ JH_MEM_READ, "READ" },
	{ JH_MEM_WRITE, "WRITE" },
	{ JH_MEM_EXECUTE, "EXECUTE" },
	{ JH_MEM_DMA, "DMA" },
	{ JH_MEM_IO, "IO" },
	{ JH_MEM_COMM_REGION, "COMM_REGION" },
	{ JH_MEM_LOADABLE, "LOADABLE" },
	{ JH_MEM_ROOTSHARED, "ROOTSHARED" },
	{ JH_MEM_NO_HUGEPAGES, "NO_HUGEPAGES" },
	{ JH_MEM_IO_SUBPAGE, "IO_SUBPAGE" },
	{ JH_MEM_IO_8, "IO_8" },
	{ JH_MEM_IO_16, "IO_16" },
	{ JH_MEM_IO_32, "IO_32" },
	{ JH_MEM_IO_64, "IO_64" },
	{ 0, NULL },
};

const struct jh_flag_name jh_cell_flag_names[] = {
	{ JH_CELL_VIRTUAL_CONSOLE, "VIRTUAL_CONSOLE" },
	{ JH_CELL_PASSIVE_COMMREG, "PASSIVE_COMMREG" },
	{ JH_CELL_SHARED_CORE, "SHARED_CORE" },
	{ 0, NULL },
};

const struct jh_flag_name jh_sys_flag_names[] = {
	{ JH_SYS_VIRTUAL_DEBUG_CONSOLE, "VIRTUAL_DEBUG_CONSOLE" },
	{ JH_SYS_NO_DMA_ISOLATION, "NO_DMA_ISOLATION" },
	{ 0, NULL },
};

const struct jh_flag_name jh_cache_flag_names[] = {
	{ JH_CACHE_ROOTSHARED, "ROOTSHARED" },
	{ 0, NULL },
};

const struct jh_flag_name jh_pcicap_flag_names[] = {
	{ JH_PCICAPS_WRITE, "WRITE" },
	{ 0, NULL },
};

const struct jh_flag_name jh_msi_flag_names[] = {
	{ JH_PCI_MSI_64BITS, "64BITS" },
	{ JH_PCI_MSI_MASKABLE, "MASKABLE" },
	{ 0, NULL },
};

const struct jh_flag_name jh_iommu_flag_names[] = {
	{ JH_IOMMU_INCLUDE_PCI_ALL, "INCLUDE_PCI_ALL" },
	{ 0, NULL },
};

/* jh_snprintf at buf + *len, keeping *len the would-be total */
#define APPEND(buf, size, len, ...)					\
	((len) += jh_snprintf((size_t)(len) < (size) ? (buf) + (len) : NULL, \
			      (size_t)(len) < (size) ? (size) - (len) : 0,	\
			      __VA_ARGS__))

int jh_format_flags(char *buf, size_t size, uint64_t flags,
		    const struct jh_flag_name *names)
{
	const char *sep = "";
	int len = 0;

	if (size)
		buf[0] = '\0';
	if (!flags)
		return jh_snprintf(buf, size, "none");
	for (; names->name; names++) {
		if (!(flags & names->bit))
			continue;
		APPEND(buf, size, len, "%s%s", sep, names->name);
		flags &= ~names->bit;
		sep = "|";
	}
	if (flags)
		APPEND(buf, size, len, "%s0x%llx", sep,
		       (unsigned long long)flags);
	return len;
}

int jh_format_cpu_set(char *buf, size_t size, const uint64_t *set,
		      uint64_t nbits)
{
	const char *sep = "";
	uint64_t cpu, first;
	int len = 0;

	if (size)
		buf[0] = '\0';
	for (cpu = 0; cpu < nbits; cpu++) {
		if (!((set[cpu / 64] >> (cpu % 64)) & 1))
			continue;
		first = cpu;
		while (cpu + 1 < nbits && ((set[(cpu + 1) / 64] >>
					    ((cpu + 1) % 64)) & 1))
			cpu++;
		if (cpu == first)
			APPEND(buf, size, len, "%s%llu", sep,
			       (unsigned long long)first);
		else
			APPEND(buf, size, len, "%s%llu-%llu", sep,
			       (unsigned long long)first,
			       (unsigned long long)cpu);
		sep = ",";
	}
	if (!len)
		return jh_snprintf(buf, size, "none");
	return len;
}

int jh_format_bdf(char *buf, size_t size, uint16_t segment, uint16_t bdf)
{
	return jh_snprintf(buf, size, "%04x:%02x:%02x.%x", segment,
			   JH_PCI_BUS(bdf), JH_PCI_DEV(bdf), JH_PCI_FN(bdf));
}

static const char *const pci_types[] = {
	[JH_PCI_TYPE_DEVICE] = "device",
	[JH_PCI_TYPE_BRIDGE] = "bridge",
	[JH_PCI_TYPE_IVSHMEM] = "ivshmem",
};

static const char *const console_types[] = {
	[JH_CON_NONE] = "none",
	[JH_CON_8250_PIO] = "8250 port I/O",
	[JH_CON_8250_MMIO] = "8250 MMIO",
};

static const char *const cache_types[] = {
	[JH_CACHE_L3] = "L3",
	[JH_CACHE_L3_CODE] = "L3 code",
	[JH_CACHE_L3_DATA] = "L3 data",
	[JH_CACHE_L2] = "L2",
};

static const char *const iommu_types[] = {
	[JH_IOMMU_VTD] = "Intel VT-d",
	[JH_IOMMU_AMD] = "AMD-Vi",
};

static const char *const arch_names[] = {
	[JH_ARCH_X86_64] = "x86-64",
};

static const char *lookup(const char *const *table, size_t len, unsigned int v)
{
	return v < len && table[v] ? table[v] : "unknown";
}

const char *jh_pci_type_name(uint8_t type)
{
	return lookup(pci_types, ARRAY_LEN(pci_types), type);
}

const char *jh_console_type_name(uint8_t type)
{
	return lookup(console_types, ARRAY_LEN(console_types), type);
}

const char *jh_cache_type_name(uint8_t type)
{
	return lookup(cache_types, ARRAY_LEN(cache_types), type);
}

const char *jh_iommu_type_name(uint8_t type)
{
	return lookup(iommu_types, ARRAY_LEN(iommu_types), type);
}

const char *jh_arch_name(uint16_t arch)
{
	return lookup(arch_names, ARRAY_LEN(arch_names), arch);
}

/* First match wins: the most specific flag combinations come first */
static const struct {
	uint64_t mask;
	uint64_t value;
	const char *kind;
} region_kinds[] = {
	{ JH_MEM_COMM_REGION, JH_MEM_COMM_REGION, "comm region" },
	{ JH_MEM_IO_SUBPAGE, JH_MEM_IO_SUBPAGE, "sub-page MMIO" },
	{ JH_MEM_IO, JH_MEM_IO, "MMIO" },
	{ JH_MEM_LOADABLE, JH_MEM_LOADABLE, "loadable RAM" },
	{ JH_MEM_ROOTSHARED, JH_MEM_ROOTSHARED, "shared RAM" },
	{ JH_MEM_WRITE, 0, "read-only memory" },
	{ 0, 0, "RAM" },
};

const char *jh_mem_region_kind(uint64_t flags)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(region_kinds); i++)
		if ((flags & region_kinds[i].mask) == region_kinds[i].value)
			return region_kinds[i].kind;
	return "RAM";
}
