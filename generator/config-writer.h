/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Config emitter: an in-memory, growable system or cell config, and the
 * writers that turn it into C source (designated initializers, from the
 * templates in templates/) or directly into the binary blob.
 *
 * Used by jh-discover (root-cell config) and jh-plan (root + RT cells).
 *
 * Model: a struct jhgen_cell holds the ABI header (struct jh_cell_desc from
 * include/jh/config.h) and one growable list per config array; every list
 * element carries a comment that the C writer prints above it. The counts
 * in the header (num_memory_regions, cpu_set_size, ...) are filled in by the
 * writers from the lists, so callers only set the other header fields
 * (flags, cpu_reset_address, console, ...). struct jhgen_system does the
 * same for a system config and embeds its root cell.
 *
 *	struct jhgen_cell rt;
 *
 *	jhgen_cell_init(&rt, "rt");
 *	jhgen_cell_add_cpu(&rt, 3);
 *	jhgen_cell_add_mem(&rt, &(struct jh_memory){ ... }, "RAM, %u MiB", 4);
 *	jhgen_cell_write_c(&rt, stdout, "RT cell for ...");
 *	jhgen_cell_free(&rt);
 *
 * Output is deterministic: the same calls in the same order give the same
 * bytes. The C source, compiled with the project's config compiler
 * (scripts/config-compile.sh), gives exactly the blob jhgen_*_blob()
 * returns; tests/suites/unit-generator checks that.
 *
 * Errors: functions return 0 (or an index >= 0) on success and a negative
 * errno on failure (-ENOMEM, -EINVAL for a comment that does not fit, -EIO
 * for a write error). Only internal bugs are printed (to stderr).
 */
#ifndef _JH_GENERATOR_CONFIG_WRITER_H
#define _JH_GENERATOR_CONFIG_WRITER_H

#include <stdarg.h>
#include <stdio.h>

#include <jh/config.h>

/* A growable array of ABI structs, each with its own comment */
struct jhgen_list {
	void *items;
	char **comments;
	size_t count;
	size_t cap;
	size_t elem_size;
};

struct jhgen_cell {
	struct jh_cell_desc desc;	/* counts are filled in by the writers */
	uint64_t *cpus;			/* CPU bitmap */
	size_t cpu_words;
	struct jhgen_list mem;		/* struct jh_memory */
	struct jhgen_list cache;	/* struct jh_cache */
	struct jhgen_list irqchips;	/* struct jh_irqchip */
	struct jhgen_list pio;		/* struct jh_pio */
	struct jhgen_list pci;		/* struct jh_pci_device */
	struct jhgen_list caps;		/* struct jh_pci_capability */
	struct jhgen_list links;	/* struct jh_shmem_link */
};

struct jhgen_system {
	struct jh_system header;	/* platform counts are filled in */
	char *hv_comment;		/* printed above hypervisor_memory */
	struct jhgen_list mmconfig;	/* struct jh_pci_mmconfig */
	struct jhgen_list iommus;	/* struct jh_iommu */
	struct jhgen_list ioapics;	/* struct jh_ioapic */
	struct jhgen_cell root;
};

/*
 * Sets up an empty cell: signature, revision, architecture, name (cut to
 * JH_CELL_NAME_LEN - 1 characters), msg_reply_timeout 100 ms, no console.
 */
void jhgen_cell_init(struct jhgen_cell *c, const char *name);
void jhgen_cell_free(struct jhgen_cell *c);

/* Sets up an empty system config whose root cell is called root_name */
void jhgen_system_init(struct jhgen_system *s, const char *root_name);
void jhgen_system_free(struct jhgen_system *s);

int jhgen_cell_add_cpu(struct jhgen_cell *c, unsigned int cpu);
bool jhgen_cell_has_cpu(const struct jhgen_cell *c, unsigned int cpu);
unsigned int jhgen_cell_num_cpus(const struct jhgen_cell *c);

/*
 * Array appenders: copy *elem, keep the printf-style comment (may be NULL)
 * and return the new element's index, or a negative errno.
 */
int jhgen_cell_add_mem(struct jhgen_cell *c, const struct jh_memory *elem,
		       const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int jhgen_cell_add_cache(struct jhgen_cell *c, const struct jh_cache *elem,
			 const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int jhgen_cell_add_irqchip(struct jhgen_cell *c,
			   const struct jh_irqchip *elem, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int jhgen_cell_add_pio(struct jhgen_cell *c, const struct jh_pio *elem,
		       const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int jhgen_cell_add_link(struct jhgen_cell *c, const struct jh_shmem_link *elem,
			const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/*
 * Adds a PCI device with its capabilities: caps_start and num_caps of *elem
 * are set here. A capability list identical to one already in the cell is
 * shared rather than repeated (as devices of one kind usually have the
 * same list). cap_comments may be NULL, or hold one comment per cap.
 */
int jhgen_cell_add_pci(struct jhgen_cell *c, const struct jh_pci_device *elem,
		       const struct jh_pci_capability *caps,
		       unsigned int num_caps, const char *const *cap_comments,
		       const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

int jhgen_system_add_mmconfig(struct jhgen_system *s,
			      const struct jh_pci_mmconfig *elem,
			      const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int jhgen_system_add_iommu(struct jhgen_system *s, const struct jh_iommu *elem,
			   const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int jhgen_system_add_ioapic(struct jhgen_system *s,
			    const struct jh_ioapic *elem, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int jhgen_system_set_hv_comment(struct jhgen_system *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Typed element access (index < list count) */
#define jhgen_item(list, type, i)	(&((type *)(list)->items)[i])
#define jhgen_mem(c, i)		jhgen_item(&(c)->mem, struct jh_memory, i)
#define jhgen_pci(c, i)		jhgen_item(&(c)->pci, struct jh_pci_device, i)
#define jhgen_pio(c, i)		jhgen_item(&(c)->pio, struct jh_pio, i)

/* Removes element i of a list (keeps the order of the rest) */
void jhgen_list_remove(struct jhgen_list *l, size_t i);

/* Sorts memory regions by phys_start, a stable order for diff-able output */
void jhgen_cell_sort_mem(struct jhgen_cell *c);

/*
 * C source writers. description is the file's header comment (several
 * lines allowed, no comment markers): what the config is and how it was
 * made. The file includes <jh/config.h> and defines one packed object
 * named "config".
 */
int jhgen_system_write_c(struct jhgen_system *s, FILE *f,
			 const char *description);
int jhgen_cell_write_c(struct jhgen_cell *c, FILE *f, const char *description);

/*
 * Binary writers: *blob is malloc()ed, the caller frees it. The bytes are
 * what the config compiler makes of the C source.
 */
int jhgen_system_blob(struct jhgen_system *s, void **blob, size_t *size);
int jhgen_cell_blob(struct jhgen_cell *c, void **blob, size_t *size);

/*
 * Convenience: writes the C source to c_path and, if cell_path is not
 * NULL, the blob to cell_path. On failure reason[reason_size] says which
 * file and why.
 */
int jhgen_system_save(struct jhgen_system *s, const char *description,
		      const char *c_path, const char *cell_path,
		      char *reason, size_t reason_size);
int jhgen_cell_save(struct jhgen_cell *c, const char *description,
		    const char *c_path, const char *cell_path,
		    char *reason, size_t reason_size);

#endif /* _JH_GENERATOR_CONFIG_WRITER_H */
