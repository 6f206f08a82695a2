/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ACPI table loading and the per-table parsers (one file each). Parsers
 * take a loaded table, check every length against the bytes present, warn
 * with the table's signature and the offset of what is wrong, and keep
 * whatever they could decode.
 */
#ifndef _JH_DISCOVER_ACPI_H
#define _JH_DISCOVER_ACPI_H

#include "machine.h"

#define ACPI_HEADER_LEN		36

static inline uint16_t rd16(const uint8_t *p)
{
	return p[0] | p[1] << 8;
}

static inline uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static inline uint64_t rd64(const uint8_t *p)
{
	return rd32(p) | (uint64_t)rd32(p + 4) << 32;
}

/*
 * Adds a table from its bytes (copied). source names where it came from,
 * for warnings. Checks the length field and the checksum.
 */
int acpi_add_table(struct machine *m, const uint8_t *data, size_t len,
		   const char *source);
/* Every regular file of dir is a table (/sys/firmware/acpi/tables) */
int acpi_load_dir(struct machine *m, const char *dir, char *reason,
		  size_t reason_size);
/* `acpidump` text format: "SIG @ 0xADDR" then "OFFS: XX XX ... ascii" */
int acpi_load_dump_text(struct machine *m, const char *text, size_t len,
			const char *source);
int acpi_load_dump_file(struct machine *m, const char *path, char *reason,
			size_t reason_size);

/* The nth table (0-based) of a signature, NULL if none */
const struct acpi_table *acpi_find(const struct machine *m, const char *sig,
				   int nth);

/* Runs every parser over the loaded tables */
void acpi_parse_all(struct machine *m);

void acpi_parse_madt(struct machine *m, const struct acpi_table *t);
void acpi_parse_mcfg(struct machine *m, const struct acpi_table *t);
void acpi_parse_dmar(struct machine *m, const struct acpi_table *t);
void acpi_parse_ivrs(struct machine *m, const struct acpi_table *t);
void acpi_parse_hpet(struct machine *m, const struct acpi_table *t);
void acpi_parse_fadt(struct machine *m, const struct acpi_table *t);
void acpi_parse_srat(struct machine *m, const struct acpi_table *t);
void acpi_parse_slit(struct machine *m, const struct acpi_table *t);

/* Resolves DMAR scope paths to BDFs (needs PCI data) */
void dmar_resolve_scopes(struct machine *m);

#endif /* _JH_DISCOVER_ACPI_H */
