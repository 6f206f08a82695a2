// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Layout rules: is this blob a jh config of our revision, and do the
 * counts in its header describe exactly the bytes that are there? Only a
 * blob that passes may be walked with config-walk.h.
 */
#include "check-internal.h"

/* An array of a blob: its name and the header field counting it */
struct array_desc {
	const char *name;
	const char *count_field;
	size_t count_offset;	/* of the uint32_t count in the header */
	uint64_t elem_size;
};

/* The cell's arrays in blob order (cpu_set is counted in bytes) */
static const struct array_desc cell_arrays[] = {
	{ "cpu_set", "cpu_set_size",
	  offsetof(struct jh_cell_desc, cpu_set_size), 1 },
	{ "memory", "num_memory_regions",
	  offsetof(struct jh_cell_desc, num_memory_regions),
	  sizeof(struct jh_memory) },
	{ "cache", "num_cache_regions",
	  offsetof(struct jh_cell_desc, num_cache_regions),
	  sizeof(struct jh_cache) },
	{ "irqchips", "num_irqchips",
	  offsetof(struct jh_cell_desc, num_irqchips),
	  sizeof(struct jh_irqchip) },
	{ "pio", "num_pio_regions",
	  offsetof(struct jh_cell_desc, num_pio_regions),
	  sizeof(struct jh_pio) },
	{ "pci_devices", "num_pci_devices",
	  offsetof(struct jh_cell_desc, num_pci_devices),
	  sizeof(struct jh_pci_device) },
	{ "pci_caps", "num_pci_caps",
	  offsetof(struct jh_cell_desc, num_pci_caps),
	  sizeof(struct jh_pci_capability) },
	{ "shmem_links", "num_shmem_links",
	  offsetof(struct jh_cell_desc, num_shmem_links),
	  sizeof(struct jh_shmem_link) },
};

/* The system's platform arrays, between its header and the root cell */
static const struct array_desc platform_arrays[] = {
	{ "platform.pci_mmconfig", "platform.num_pci_mmconfig",
	  offsetof(struct jh_system, platform.num_pci_mmconfig),
	  sizeof(struct jh_pci_mmconfig) },
	{ "platform.iommu", "platform.num_iommus",
	  offsetof(struct jh_system, platform.num_iommus),
	  sizeof(struct jh_iommu) },
	{ "platform.ioapic", "platform.num_ioapics",
	  offsetof(struct jh_system, platform.num_ioapics),
	  sizeof(struct jh_ioapic) },
};

static uint32_t read_u32(const void *base, size_t offset)
{
	const uint8_t *p = (const uint8_t *)base + offset;

	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static bool same_bytes(const void *a, const char *b, size_t n)
{
	const char *p = a;
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != b[i])
			return false;
	return true;
}

enum jh_config_kind jh_config_kind(const void *data, uint64_t size)
{
	if (!data || size < JH_SIGNATURE_SIZE)
		return JH_CONFIG_UNKNOWN;
	if (same_bytes(data, JH_SYSTEM_SIGNATURE, JH_SIGNATURE_SIZE))
		return JH_CONFIG_SYSTEM;
	if (same_bytes(data, JH_CELL_SIGNATURE, JH_SIGNATURE_SIZE))
		return JH_CONFIG_CELL;
	return JH_CONFIG_UNKNOWN;
}

/* The signature as printable text, other bytes as '.' */
static void signature_text(char *buf, const void *data, uint64_t size)
{
	const uint8_t *p = data;
	uint64_t i;

	for (i = 0; i < JH_SIGNATURE_SIZE && i < size; i++)
		buf[i] = p[i] >= 0x20 && p[i] < 0x7f ? (char)p[i] : '.';
	buf[i] = '\0';
}

/* Signature, revision, architecture of a header; true if all are ours */
static bool chk_header(struct chk *c, const char *file, const char *prefix,
		       const void *data, uint64_t size, const char *want)
{
	char sig[JH_SIGNATURE_SIZE + 1];
	char field[JH_FINDING_FIELD];
	uint16_t revision, arch;
	const uint8_t *p = data;

	jh_snprintf(field, sizeof(field), "%ssignature", prefix);
	if (size < JH_SIGNATURE_SIZE + 4) {
		chk_error(c, "header-size", file, field,
			  "%s %llu bytes, too short for a jh config header; "
			  "fix: the file is truncated or empty, compile the config again",
			  prefix[0] ? "the root cell starts with only" : "file has",
			  (unsigned long long)size);
		return false;
	}
	if (!same_bytes(data, want, JH_SIGNATURE_SIZE)) {
		signature_text(sig, data, size);
		chk_error(c, "signature", file, field,
			  "signature is '%s', expected '%s'; fix: %s", sig, want,
			  prefix[0] ? "the system config is damaged, compile it again" :
			  jh_config_kind(data, size) != JH_CONFIG_UNKNOWN ?
			  "pass a system config (JHSYSCFG) first, then cell configs (JHCELCFG)" :
			  "this is not a jh config; give a .cell file compiled from configs/*.c");
		return false;
	}
	revision = (uint16_t)(p[8] | p[9] << 8);
	arch = (uint16_t)(p[10] | p[11] << 8);
	jh_snprintf(field, sizeof(field), "%srevision", prefix);
	if (revision != JH_CONFIG_REVISION) {
		chk_error(c, "revision", file, field,
			  "config revision %u, this jh reads revision %u; "
			  "fix: recompile the config against this jh's include/jh/config.h",
			  revision, JH_CONFIG_REVISION);
		return false;
	}
	jh_snprintf(field, sizeof(field), "%sarchitecture", prefix);
	if (arch != JH_ARCH_X86_64) {
		chk_error(c, "architecture", file, field,
			  "architecture %u (%s), this jh runs on %u (x86-64); "
			  "fix: set .architecture = JH_ARCH_X86_64",
			  arch, jh_arch_name(arch), JH_ARCH_X86_64);
		return false;
	}
	return true;
}

/*
 * Walk the count fields of a header and make sure every array ends inside
 * the bytes available; *end gets the offset after the last array. Offsets
 * are from the header; base (the header's offset in the file) only makes
 * the message speak of file offsets.
 */
static bool chk_arrays_fit(struct chk *c, const char *file,
			   const char *prefix, const void *hdr,
			   const struct array_desc *arrays, size_t n,
			   uint64_t base, uint64_t start, uint64_t avail,
			   uint64_t *end)
{
	char field[JH_FINDING_FIELD];
	uint64_t pos = start;
	uint32_t count;
	size_t i;

	for (i = 0; i < n; i++) {
		count = read_u32(hdr, arrays[i].count_offset);
		pos += count * arrays[i].elem_size;
		if (pos <= avail)
			continue;
		jh_snprintf(field, sizeof(field), "%s%s", prefix,
			    arrays[i].count_field);
		chk_error(c, "size", file, field,
			  "%s = %u: %s would end at byte %llu but the config has only %llu bytes; "
			  "fix: the file is truncated or the count is wrong, compile the config again",
			  arrays[i].count_field, count, arrays[i].name,
			  (unsigned long long)(base + pos),
			  (unsigned long long)(base + avail));
		return false;
	}
	*end = pos;
	return true;
}

/* Cell header at data, with avail bytes from there on; ref->desc set */
static bool chk_cell_at(struct chk *c, const char *file, const char *prefix,
			const void *data, uint64_t base, uint64_t avail,
			uint64_t *end)
{
	const struct jh_cell_desc *d = data;
	char field[JH_FINDING_FIELD];
	bool ok = true;
	size_t i;

	if (!chk_header(c, file, prefix, data, avail, JH_CELL_SIGNATURE))
		return false;
	if (avail < sizeof(*d)) {
		chk_error(c, "header-size", file, prefix[0] ? "root" : "header",
			  "%llu bytes left for a cell header of %zu bytes; "
			  "fix: the file is truncated, compile the config again",
			  (unsigned long long)avail, sizeof(*d));
		return false;
	}
	if (d->cpu_set_size % 8) {
		jh_snprintf(field, sizeof(field), "%scpu_set_size", prefix);
		chk_error(c, "cpu-set-size", file, field,
			  "cpu_set_size is %u bytes, not a multiple of 8; "
			  "fix: declare the CPU set as uint64_t cpus[N] and use sizeof()",
			  d->cpu_set_size);
		ok = false;
	}
	for (i = 0; i < JH_CELL_NAME_LEN && d->name[i]; i++)
		;
	if (i == JH_CELL_NAME_LEN) {
		jh_snprintf(field, sizeof(field), "%sname", prefix);
		chk_error(c, "name", file, field,
			  "name is not NUL-terminated within %u bytes; "
			  "fix: use a name of at most %u characters",
			  JH_CELL_NAME_LEN, JH_CELL_NAME_LEN - 1);
		ok = false;
	}
	return chk_arrays_fit(c, file, prefix, d, cell_arrays,
			      ARRAY_LEN(cell_arrays), base, sizeof(*d), avail,
			      end) && ok;
}

static bool chk_exact_size(struct chk *c, const char *file, uint64_t end,
			   uint64_t size)
{
	if (end == size)
		return true;
	chk_error(c, "size", file, "",
		  "the header's counts describe %llu bytes but the file has %llu (%llu extra); "
		  "fix: compile only the config struct into the blob (scripts/config-compile.sh), "
		  "or correct the counts",
		  (unsigned long long)end, (unsigned long long)size,
		  (unsigned long long)(size - end));
	return false;
}

bool chk_cell_layout(struct chk *c, const struct jh_config_blob *blob,
		     struct cell_ref *ref)
{
	uint64_t end;

	if (!chk_cell_at(c, blob->file, "", blob->data, 0, blob->size, &end) ||
	    !chk_exact_size(c, blob->file, end, blob->size))
		return false;
	*ref = (struct cell_ref){
		.file = blob->file,
		.prefix = "",
		.desc = blob->data,
	};
	return true;
}

bool chk_system_layout(struct chk *c, const struct jh_config_blob *blob,
		       struct sys_ref *ref)
{
	const struct jh_system *s = blob->data;
	uint64_t end, root_end;

	if (!chk_header(c, blob->file, "", blob->data, blob->size,
			JH_SYSTEM_SIGNATURE))
		return false;
	if (blob->size < sizeof(*s)) {
		chk_error(c, "header-size", blob->file, "",
			  "file has %llu bytes, a system config header needs %zu; "
			  "fix: the file is truncated, compile the config again",
			  (unsigned long long)blob->size, sizeof(*s));
		return false;
	}
	if (!chk_arrays_fit(c, blob->file, "", s, platform_arrays,
			    ARRAY_LEN(platform_arrays), 0, sizeof(*s), blob->size,
			    &end))
		return false;
	if (!chk_cell_at(c, blob->file, "root.", (const uint8_t *)s + end, end,
			 blob->size - end, &root_end) ||
	    !chk_exact_size(c, blob->file, end + root_end, blob->size))
		return false;
	*ref = (struct sys_ref){
		.file = blob->file,
		.sys = s,
		.root = {
			.file = blob->file,
			.prefix = "root.",
			.desc = jh_sys_root_cell(s),
			.is_root = true,
		},
	};
	return true;
}
