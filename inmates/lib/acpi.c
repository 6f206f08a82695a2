// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Minimal ACPI table reading for bare metal: RSDP -> RSDT/XSDT -> FADT
 * (PM timer, PM1 control ports) and the DSDT's \_S5 package. Tables below
 * 4 GiB only: the page tables map nothing above that.
 */
#include <inmate/acpi.h>
#include <inmate/errno.h>
#include <inmate/x86.h>

#define BIOS_AREA_START		0xe0000
#define BIOS_AREA_END		0x100000
#define EBDA_SEGMENT_PTR	0x40e
#define EBDA_SEARCH_LEN		1024

#define FADT_DSDT		40
#define FADT_PM1A_CNT		64
#define FADT_PM1B_CNT		68
#define FADT_PM_TMR		76
#define FADT_FLAGS		112
#define FADT_FLAG_TMR_VAL_EXT	(1 << 8)

#define SLP_EN			(1 << 13)
#define SLP_TYP_SHIFT		10

/* AML opcodes in "Name(_S5_, Package() {a, b, ...})" */
#define AML_NAME_OP		0x08
#define AML_PACKAGE_OP		0x12
#define AML_BYTE_PREFIX		0x0a
#define AML_ZERO_OP		0x00
#define AML_ONE_OP		0x01

struct acpi_header {
	char signature[4];
	uint32_t length;
	uint8_t revision;
	uint8_t checksum;
	char oem_id[6];
	char oem_table_id[8];
	uint32_t oem_revision;
	uint32_t creator_id;
	uint32_t creator_revision;
} JH_PACKED;

struct acpi_rsdp {
	char signature[8];
	uint8_t checksum;
	char oem_id[6];
	uint8_t revision;
	uint32_t rsdt;
	uint32_t length;
	uint64_t xsdt;
	uint8_t ext_checksum;
	uint8_t reserved[3];
} JH_PACKED;

static bool bytes_equal(const void *a, const char *b, size_t len)
{
	const char *p = a;
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i] != b[i])
			return false;
	return true;
}

static uint8_t checksum(const void *data, size_t len)
{
	const uint8_t *p = data;
	uint8_t sum = 0;

	while (len--)
		sum += *p++;
	return sum;
}

static uint32_t read32(const void *table, size_t offset)
{
	const uint8_t *p = (const uint8_t *)table + offset;

	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static const struct acpi_rsdp *search_rsdp(uint64_t start, uint64_t len)
{
	uint64_t addr;

	for (addr = start; addr + 20 <= start + len; addr += 16) {
		const struct acpi_rsdp *rsdp = (const void *)addr;

		if (bytes_equal(rsdp->signature, "RSD PTR ", 8) &&
		    checksum(rsdp, 20) == 0)
			return rsdp;
	}
	return NULL;
}

static const struct acpi_rsdp *find_rsdp(void)
{
	uint64_t ebda = (uint64_t)*(const volatile uint16_t *)EBDA_SEGMENT_PTR << 4;
	const struct acpi_rsdp *rsdp = NULL;

	if (ebda >= 0x80000 && ebda < 0xa0000)
		rsdp = search_rsdp(ebda, EBDA_SEARCH_LEN);
	if (!rsdp)
		rsdp = search_rsdp(BIOS_AREA_START, BIOS_AREA_END - BIOS_AREA_START);
	return rsdp;
}

static const struct acpi_header *find_table(const struct acpi_rsdp *rsdp,
					    const char *signature)
{
	const struct acpi_header *root, *table;
	unsigned int entry_size, i, n;
	uint64_t addr;

	if (rsdp->revision >= 2 && rsdp->xsdt && rsdp->xsdt < (1ULL << 32)) {
		root = (const void *)rsdp->xsdt;
		entry_size = 8;
	} else {
		root = (const void *)(uint64_t)rsdp->rsdt;
		entry_size = 4;
	}
	n = (root->length - sizeof(*root)) / entry_size;
	for (i = 0; i < n; i++) {
		addr = read32(root + 1, i * entry_size);
		if (entry_size == 8 && read32(root + 1, i * entry_size + 4))
			continue;	/* above 4 GiB: not mapped */
		table = (const void *)addr;
		if (bytes_equal(table->signature, signature, 4))
			return table;
	}
	return NULL;
}

static bool aml_small_integer(const uint8_t **pp, const uint8_t *end, uint8_t *out)
{
	const uint8_t *p = *pp;

	if (p >= end)
		return false;
	if (*p == AML_ZERO_OP || *p == AML_ONE_OP) {
		*out = *p;
		*pp = p + 1;
		return true;
	}
	if (*p == AML_BYTE_PREFIX && p + 1 < end) {
		*out = p[1];
		*pp = p + 2;
		return true;
	}
	return false;
}

/* Finds Name(_S5_, Package(){SLP_TYPa, SLP_TYPb, ...}) in the DSDT */
static bool find_s5(const struct acpi_header *dsdt, uint8_t *type_a, uint8_t *type_b)
{
	const uint8_t *p = (const uint8_t *)(dsdt + 1);
	const uint8_t *end = (const uint8_t *)dsdt + dsdt->length;

	for (; p + 8 < end; p++) {
		if (!bytes_equal(p, "_S5_", 4) || p[4] != AML_PACKAGE_OP)
			continue;
		if (p[-1] != AML_NAME_OP && !(p[-1] == '\\' && p[-2] == AML_NAME_OP))
			continue;
		p += 5;
		p += 1 + (*p >> 6);	/* PkgLength: lead byte + 0..3 more */
		p++;			/* NumElements */
		return aml_small_integer(&p, end, type_a) &&
		       aml_small_integer(&p, end, type_b);
	}
	return false;
}

int acpi_read_facts(struct acpi_facts *facts)
{
	const struct acpi_rsdp *rsdp = find_rsdp();
	const struct acpi_header *fadt, *dsdt;

	*facts = (struct acpi_facts) { 0 };
	if (!rsdp)
		return -ENOENT;
	fadt = find_table(rsdp, "FACP");
	if (!fadt)
		return -ENOENT;
	facts->pm_timer_port = read32(fadt, FADT_PM_TMR);
	facts->pm_timer_32bit = read32(fadt, FADT_FLAGS) & FADT_FLAG_TMR_VAL_EXT;
	facts->pm1a_control_port = read32(fadt, FADT_PM1A_CNT);
	facts->pm1b_control_port = read32(fadt, FADT_PM1B_CNT);
	dsdt = (const void *)(uint64_t)read32(fadt, FADT_DSDT);
	if (dsdt && bytes_equal(dsdt->signature, "DSDT", 4))
		facts->have_s5 = find_s5(dsdt, &facts->s5_type_a, &facts->s5_type_b);
	return 0;
}

int acpi_power_off(void)
{
	struct acpi_facts f;

	if (acpi_read_facts(&f) || !f.have_s5 || !f.pm1a_control_port)
		return -ENOENT;
	outw(f.pm1a_control_port, SLP_EN | f.s5_type_a << SLP_TYP_SHIFT);
	if (f.pm1b_control_port)
		outw(f.pm1b_control_port, SLP_EN | f.s5_type_b << SLP_TYP_SHIFT);
	return 0;
}
