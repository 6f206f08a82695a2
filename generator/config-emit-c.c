// SPDX-License-Identifier: GPL-2.0
/*
 * C source writer: prints the model as designated initializers, laid into
 * the templates of templates/. Numbers are printed the way a reader looks
 * for them: addresses, sizes and masks in hex, counts in decimal, flags
 * and types by their names from include/jh/config.h.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "config-internal.h"
#include "template.h"

struct flag_name {
	uint64_t value;
	const char *name;
};

static const struct flag_name mem_flags[] = {
	{ JH_MEM_READ, "JH_MEM_READ" },
	{ JH_MEM_WRITE, "JH_MEM_WRITE" },
	{ JH_MEM_EXECUTE, "JH_MEM_EXECUTE" },
	{ JH_MEM_DMA, "JH_MEM_DMA" },
	{ JH_MEM_IO, "JH_MEM_IO" },
	{ JH_MEM_COMM_REGION, "JH_MEM_COMM_REGION" },
	{ JH_MEM_LOADABLE, "JH_MEM_LOADABLE" },
	{ JH_MEM_ROOTSHARED, "JH_MEM_ROOTSHARED" },
	{ JH_MEM_NO_HUGEPAGES, "JH_MEM_NO_HUGEPAGES" },
	{ JH_MEM_IO_SUBPAGE, "JH_MEM_IO_SUBPAGE" },
	{ JH_MEM_IO_8, "JH_MEM_IO_8" },
	{ JH_MEM_IO_16, "JH_MEM_IO_16" },
	{ JH_MEM_IO_32, "JH_MEM_IO_32" },
	{ JH_MEM_IO_64, "JH_MEM_IO_64" },
	{ 0, NULL }
};

static const struct flag_name cell_flags[] = {
	{ JH_CELL_VIRTUAL_CONSOLE, "JH_CELL_VIRTUAL_CONSOLE" },
	{ JH_CELL_PASSIVE_COMMREG, "JH_CELL_PASSIVE_COMMREG" },
	{ JH_CELL_SHARED_CORE, "JH_CELL_SHARED_CORE" },
	{ 0, NULL }
};

static const struct flag_name sys_flags[] = {
	{ JH_SYS_VIRTUAL_DEBUG_CONSOLE, "JH_SYS_VIRTUAL_DEBUG_CONSOLE" },
	{ JH_SYS_NO_DMA_ISOLATION, "JH_SYS_NO_DMA_ISOLATION" },
	{ 0, NULL }
};

static const struct flag_name msi_flags[] = {
	{ JH_PCI_MSI_64BITS, "JH_PCI_MSI_64BITS" },
	{ JH_PCI_MSI_MASKABLE, "JH_PCI_MSI_MASKABLE" },
	{ 0, NULL }
};

static const struct flag_name dma_flags[] = {
	{ JH_PCI_DMA_ALIAS, "JH_PCI_DMA_ALIAS" },
	{ 0, NULL }
};

static const struct flag_name cap_flags[] = {
	{ JH_PCICAPS_WRITE, "JH_PCICAPS_WRITE" },
	{ 0, NULL }
};

static const struct flag_name cache_flags[] = {
	{ JH_CACHE_ROOTSHARED, "JH_CACHE_ROOTSHARED" },
	{ 0, NULL }
};

static const struct flag_name iommu_flags[] = {
	{ JH_IOMMU_INCLUDE_PCI_ALL, "JH_IOMMU_INCLUDE_PCI_ALL" },
	{ 0, NULL }
};

/* Enumerations: index = value */
static const char *const console_types[] = {
	[JH_CON_NONE] = "JH_CON_NONE",
	[JH_CON_8250_PIO] = "JH_CON_8250_PIO",
	[JH_CON_8250_MMIO] = "JH_CON_8250_MMIO",
};

static const char *const pci_types[] = {
	[JH_PCI_TYPE_DEVICE] = "JH_PCI_TYPE_DEVICE",
	[JH_PCI_TYPE_BRIDGE] = "JH_PCI_TYPE_BRIDGE",
	[JH_PCI_TYPE_IVSHMEM] = "JH_PCI_TYPE_IVSHMEM",
};

static const char *const cache_types[] = {
	[JH_CACHE_L3] = "JH_CACHE_L3",
	[JH_CACHE_L3_CODE] = "JH_CACHE_L3_CODE",
	[JH_CACHE_L3_DATA] = "JH_CACHE_L3_DATA",
	[JH_CACHE_L2] = "JH_CACHE_L2",
};

static const char *const iommu_types[] = {
	[JH_IOMMU_VTD] = "JH_IOMMU_VTD",
	[JH_IOMMU_AMD] = "JH_IOMMU_AMD",
};

#define ENUM_NAME(table, v)						\
	((v) < sizeof(table) / sizeof(table[0]) && table[v] ? table[v] : NULL)

/* "A | B | 0x40" for known and unknown bits, "0" for none */
static void print_flags(FILE *f, const struct flag_name *t, uint64_t v)
{
	const char *sep = "";

	if (!v) {
		fputs("0", f);
		return;
	}
	for (; t->name; t++) {
		if (v & t->value) {
			fprintf(f, "%s%s", sep, t->name);
			sep = " | ";
			v &= ~t->value;
		}
	}
	if (v)
		fprintf(f, "%s0x%llx", sep, (unsigned long long)v);
}

static void print_enum(FILE *f, const char *name, unsigned int v)
{
	if (name)
		fputs(name, f);
	else
		fprintf(f, "%u", v);
}

static void indent(FILE *f, int level)
{
	while (level--)
		fputc('\t', f);
}

/* One "\t\t\t.field = value," line; value printed by printf */
static void field(FILE *f, int level, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void field(FILE *f, int level, const char *name, const char *fmt, ...)
{
	va_list ap;

	indent(f, level);
	fprintf(f, ".%s = ", name);
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fputs(",\n", f);
}

static void field_flags(FILE *f, int level, const char *name,
			const struct flag_name *t, uint64_t v)
{
	indent(f, level);
	fprintf(f, ".%s = ", name);
	print_flags(f, t, v);
	fputs(",\n", f);
}

static void field_enum(FILE *f, int level, const char *name,
		       const char *value_name, unsigned int v)
{
	indent(f, level);
	fprintf(f, ".%s = ", name);
	print_enum(f, value_name, v);
	fputs(",\n", f);
}

/* Comment text may not close the comment early */
static void print_comment_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (s[0] == '*' && s[1] == '/')
			fputs("* ", f);
		else if (*s == '\n')
			fputs(" ", f);
		else
			fputc(*s, f);
	}
}

static void print_console(FILE *f, const struct jh_console *c)
{
	const int l = 3;

	field_enum(f, l, "type", ENUM_NAME(console_types, c->type), c->type);
	if (c->type == JH_CON_NONE)
		return;
	field(f, l, "address", "0x%llx", (unsigned long long)c->address);
	field(f, l, "divider", "%u", c->divider);
	if (c->type == JH_CON_8250_MMIO) {
		field(f, l, "reg_width", "%u", c->reg_width);
		field(f, l, "reg_shift", "%u", c->reg_shift);
	}
	if (c->flags)
		field(f, l, "flags", "0x%x", c->flags);
}

static void print_mem(FILE *f, const void *item)
{
	const struct jh_memory *m = item;

	field(f, 3, "phys_start", "0x%llx", (unsigned long long)m->phys_start);
	field(f, 3, "virt_start", "0x%llx", (unsigned long long)m->virt_start);
	field(f, 3, "size", "0x%llx", (unsigned long long)m->size);
	field_flags(f, 3, "flags", mem_flags, m->flags);
}

static void print_cache(FILE *f, const void *item)
{
	const struct jh_cache *c = item;

	field(f, 3, "start", "%u", c->start);
	field(f, 3, "size", "%u", c->size);
	field_enum(f, 3, "type", ENUM_NAME(cache_types, c->type), c->type);
	field_flags(f, 3, "flags", cache_flags, c->flags);
}

static void print_irqchip(FILE *f, const void *item)
{
	const struct jh_irqchip *c = item;
	unsigned int i;

	field(f, 3, "address", "0x%llx", (unsigned long long)c->address);
	field(f, 3, "id", "%u", c->id);
	field(f, 3, "gsi_base", "%u", c->gsi_base);
	indent(f, 3);
	fputs(".pin_bitmap = {", f);
	for (i = 0; i < JH_IRQCHIP_PINS / 64; i++)
		fprintf(f, "%s0x%llx", i ? ", " : " ",
			(unsigned long long)c->pin_bitmap[i]);
	fputs(" },\n", f);
}

static void print_pio(FILE *f, const void *item)
{
	const struct jh_pio *p = item;

	field(f, 3, "base", "0x%x", p->base);
	field(f, 3, "length", "0x%x", p->length);
	if (p->flags)
		field(f, 3, "flags", "0x%x", p->flags);
}

static void print_pci(FILE *f, const void *item)
{
	const struct jh_pci_device *d = item;
	unsigned int i;

	field_enum(f, 3, "type", ENUM_NAME(pci_types, d->type), d->type);
	if (d->iommu == JH_PCI_NO_IOMMU)
		field(f, 3, "iommu", "JH_PCI_NO_IOMMU");
	else
		field(f, 3, "iommu", "%u", d->iommu);
	field(f, 3, "segment", "0x%x", d->segment);
	field(f, 3, "bdf", "JH_PCI_BDF(0x%02x, 0x%02x, %u)",
	      JH_PCI_BUS(d->bdf), JH_PCI_DEV(d->bdf), JH_PCI_FN(d->bdf));
	field(f, 3, "caps_start", "%u", d->caps_start);
	field(f, 3, "num_caps", "%u", d->num_caps);
	field(f, 3, "num_msi_vectors", "%u", d->num_msi_vectors);
	field_flags(f, 3, "msi_flags", msi_flags, d->msi_flags);
	field(f, 3, "num_msix_vectors", "%u", d->num_msix_vectors);
	field(f, 3, "msix_region_size", "0x%x", d->msix_region_size);
	field(f, 3, "msix_address", "0x%llx",
	      (unsigned long long)d->msix_address);
	indent(f, 3);
	fputs(".bar_mask = {\n", f);
	for (i = 0; i < 6; i += 3) {
		indent(f, 4);
		fprintf(f, "0x%08x, 0x%08x, 0x%08x,\n", d->bar_mask[i],
			d->bar_mask[i + 1], d->bar_mask[i + 2]);
	}
	indent(f, 3);
	fputs("},\n", f);
	if (d->type != JH_PCI_TYPE_IVSHMEM && d->dma_flags) {
		field(f, 3, "dma_alias", "JH_PCI_BDF(0x%02x, 0x%02x, %u)",
		      JH_PCI_BUS(d->dma_alias), JH_PCI_DEV(d->dma_alias),
		      JH_PCI_FN(d->dma_alias));
		field_flags(f, 3, "dma_flags", dma_flags, d->dma_flags);
	} else if (d->type == JH_PCI_TYPE_IVSHMEM || d->shmem_regions_start ||
		   d->shmem_dev_id || d->shmem_peers || d->shmem_protocol) {
		field(f, 3, "shmem_regions_start", "%u", d->shmem_regions_start);
		field(f, 3, "shmem_dev_id", "%u", d->shmem_dev_id);
		field(f, 3, "shmem_peers", "%u", d->shmem_peers);
		field(f, 3, "shmem_protocol", "0x%x", d->shmem_protocol);
	}
}

static void print_cap(FILE *f, const void *item)
{
	const struct jh_pci_capability *c = item;

	if (c->id & JH_PCICAPS_EXTENDED)
		field(f, 3, "id", "JH_PCICAPS_EXTENDED | 0x%x",
		      c->id & ~JH_PCICAPS_EXTENDED);
	else
		field(f, 3, "id", "0x%x", c->id);
	field(f, 3, "start", "0x%x", c->start);
	field(f, 3, "len", "%u", c->len);
	field_flags(f, 3, "flags", cap_flags, c->flags);
}

static void print_mmconfig(FILE *f, const void *item)
{
	const struct jh_pci_mmconfig *m = item;

	field(f, 3, "base", "0x%llx", (unsigned long long)m->base);
	field(f, 3, "segment", "%u", m->segment);
	field(f, 3, "start_bus", "0x%02x", m->start_bus);
	field(f, 3, "end_bus", "0x%02x", m->end_bus);
}

static void print_iommu(FILE *f, const void *item)
{
	const struct jh_iommu *u = item;

	field_enum(f, 3, "type", ENUM_NAME(iommu_types, u->type), u->type);
	field(f, 3, "base", "0x%llx", (unsigned long long)u->base);
	field(f, 3, "size", "0x%x", u->size);
	field(f, 3, "segment", "%u", u->segment);
	field_flags(f, 3, "flags", iommu_flags, u->flags);
	if (u->type == JH_IOMMU_AMD) {
		field(f, 3, "amd_bdf", "JH_PCI_BDF(0x%02x, 0x%02x, %u)",
		      JH_PCI_BUS(u->amd_bdf), JH_PCI_DEV(u->amd_bdf),
		      JH_PCI_FN(u->amd_bdf));
		field(f, 3, "amd_base_cap", "0x%x", u->amd_base_cap);
		field(f, 3, "amd_msi_cap", "0x%x", u->amd_msi_cap);
		field(f, 3, "amd_features", "0x%x", u->amd_features);
	}
}

static void print_ioapic(FILE *f, const void *item)
{
	const struct jh_ioapic *a = item;

	field(f, 3, "address", "0x%llx", (unsigned long long)a->address);
	field(f, 3, "gsi_base", "%u", a->gsi_base);
	field(f, 3, "id", "%u", a->id);
	if (a->iommu == JH_PCI_NO_IOMMU)
		field(f, 3, "iommu", "JH_PCI_NO_IOMMU");
	else
		field(f, 3, "iommu", "%u", a->iommu);
	field(f, 3, "bdf", "JH_PCI_BDF(0x%02x, 0x%02x, %u)",
	      JH_PCI_BUS(a->bdf), JH_PCI_DEV(a->bdf), JH_PCI_FN(a->bdf));
	field(f, 3, "segment", "%u", a->segment);
	field(f, 3, "pins", "%u", a->pins);
}

static void print_link(FILE *f, const void *item)
{
	const struct jh_shmem_link *l = item;

	field(f, 3, "id", "%u", l->id);
	field(f, 3, "mem_start", "%u", l->mem_start);
	field(f, 3, "peer", "%u", l->peer);
	field(f, 3, "num_peers", "%u", l->num_peers);
	field(f, 3, "vector", "0x%x", l->vector);
}

/* How one config array is declared and printed */
struct array_kind {
	const char *type;	/* C type of an element */
	const char *member;	/* member name in the config struct */
	void (*print)(FILE *f, const void *item);
};

static const struct array_kind k_mem = {
	"struct jh_memory", "mem_regions", print_mem };
static const struct array_kind k_cache = {
	"struct jh_cache", "cache_regions", print_cache };
static const struct array_kind k_irqchip = {
	"struct jh_irqchip", "irqchips", print_irqchip };
static const struct array_kind k_pio = {
	"struct jh_pio", "pio_regions", print_pio };
static const struct array_kind k_pci = {
	"struct jh_pci_device", "pci_devices", print_pci };
static const struct array_kind k_cap = {
	"struct jh_pci_capability", "pci_caps", print_cap };
static const struct array_kind k_link = {
	"struct jh_shmem_link", "shmem_links", print_link };
static const struct array_kind k_mmconfig = {
	"struct jh_pci_mmconfig", "pci_mmconfig", print_mmconfig };
static const struct array_kind k_iommu = {
	"struct jh_iommu", "iommus", print_iommu };
static const struct array_kind k_ioapic = {
	"struct jh_ioapic", "ioapics", print_ioapic };

/* Empty arrays are left out of the struct: zero-length arrays are not C */
static void print_member(FILE *f, const struct array_kind *k,
			 const struct jhgen_list *l)
{
	if (l->count)
		fprintf(f, "\t%s %s[%zu];\n", k->type, k->member, l->count);
}

static void print_array(FILE *f, const struct array_kind *k,
			const struct jhgen_list *l)
{
	size_t i;

	if (!l->count)
		return;
	fprintf(f, "\t.%s = {\n", k->member);
	for (i = 0; i < l->count; i++) {
		indent(f, 2);
		fprintf(f, "/* [%zu]", i);
		if (l->comments[i][0]) {
			fputs(" ", f);
			print_comment_text(f, l->comments[i]);
		}
		fputs(" */\n", f);
		fputs("\t\t{\n", f);
		k->print(f, (const char *)l->items + i * l->elem_size);
		fputs("\t\t},\n", f);
	}
	fputs("\t},\n", f);
}

/* Runs a printer into a malloc()ed string without its last newline */
#define CAPTURE(out, stmts)						\
	do {								\
		size_t _size;						\
		FILE *f = open_memstream(&(out), &_size);		\
									\
		if (!f)							\
			goto nomem;					\
		stmts;							\
		if (fclose(f) || !(out))				\
			goto nomem;					\
		if (_size && (out)[_size - 1] == '\n')			\
			(out)[_size - 1] = '\0';			\
	} while (0)

/* "0x0000000000000006, " ... with the CPUs in a trailing comment */
static void print_cpus(FILE *f, const struct jhgen_cell *c)
{
	size_t i, words = jhgen_cpu_words(c);
	unsigned int cpu;
	const char *sep = "";

	fputs("\t/* CPUs:", f);
	for (cpu = 0; cpu < words * 64; cpu++) {
		if (!jhgen_cell_has_cpu(c, cpu))
			continue;
		fprintf(f, "%s %u", sep, cpu);
		sep = ",";
	}
	if (!*sep)
		fputs(" none", f);
	fputs(" */\n\t.cpus = {\n", f);
	for (i = 0; i < words; i++)
		fprintf(f, "\t\t0x%016llx,\n",
			(unsigned long long)(c->cpu_words ? c->cpus[i] : 0));
	fputs("\t},\n", f);
}

/* C string literal contents for a cell name */
static void print_c_string(FILE *f, const char *s, size_t max)
{
	size_t i;

	for (i = 0; i < max && s[i]; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch == '"' || ch == '\\')
			fprintf(f, "\\%c", ch);
		else if (ch < 0x20 || ch >= 0x7f)
			fprintf(f, "\\%03o", ch);
		else
			fputc(ch, f);
	}
}

struct cell_text {
	char *members, *arrays, *desc;
};

static void free_cell_text(struct cell_text *t)
{
	free(t->members);
	free(t->arrays);
	free(t->desc);
}

static int cell_text(struct jhgen_cell *c, struct cell_text *t)
{
	const struct jh_cell_desc *d = &c->desc;
	char *flags = NULL, *name = NULL, *console = NULL;
	char num[8][16], reset[24], timeout[24];
	int err = -ENOMEM;

	memset(t, 0, sizeof(*t));
	err = jhgen_cell_finalize(c);
	if (err)
		return err;
	err = -ENOMEM;

	CAPTURE(t->members,
		fprintf(f, "\tuint64_t cpus[%zu];\n", jhgen_cpu_words(c));
		print_member(f, &k_mem, &c->mem);
		print_member(f, &k_cache, &c->cache);
		print_member(f, &k_irqchip, &c->irqchips);
		print_member(f, &k_pio, &c->pio);
		print_member(f, &k_pci, &c->pci);
		print_member(f, &k_cap, &c->caps);
		print_member(f, &k_link, &c->links));
	CAPTURE(t->arrays,
		print_cpus(f, c);
		print_array(f, &k_mem, &c->mem);
		print_array(f, &k_cache, &c->cache);
		print_array(f, &k_irqchip, &c->irqchips);
		print_array(f, &k_pio, &c->pio);
		print_array(f, &k_pci, &c->pci);
		print_array(f, &k_cap, &c->caps);
		print_array(f, &k_link, &c->links));
	CAPTURE(flags, print_flags(f, cell_flags, d->flags));
	CAPTURE(name, print_c_string(f, d->name, sizeof(d->name)));
	CAPTURE(console, print_console(f, &d->console));

	snprintf(num[0], sizeof(num[0]), "%u", d->cpu_set_size);
	snprintf(num[1], sizeof(num[1]), "%u", d->num_memory_regions);
	snprintf(num[2], sizeof(num[2]), "%u", d->num_cache_regions);
	snprintf(num[3], sizeof(num[3]), "%u", d->num_irqchips);
	snprintf(num[4], sizeof(num[4]), "%u", d->num_pio_regions);
	snprintf(num[5], sizeof(num[5]), "%u", d->num_pci_devices);
	snprintf(num[6], sizeof(num[6]), "%u", d->num_pci_caps);
	snprintf(num[7], sizeof(num[7]), "%u", d->num_shmem_links);
	snprintf(reset, sizeof(reset), "0x%llx",
		 (unsigned long long)d->cpu_reset_address);
	snprintf(timeout, sizeof(timeout), "%llu",
		 (unsigned long long)d->msg_reply_timeout);
	{
		const struct jhgen_tpl_var vars[] = {
			{ "CELL_FLAGS", flags },
			{ "CELL_NAME", name },
			{ "CPU_SET_SIZE", num[0] },
			{ "NUM_MEMORY_REGIONS", num[1] },
			{ "NUM_CACHE_REGIONS", num[2] },
			{ "NUM_IRQCHIPS", num[3] },
			{ "NUM_PIO_REGIONS", num[4] },
			{ "NUM_PCI_DEVICES", num[5] },
			{ "NUM_PCI_CAPS", num[6] },
			{ "NUM_SHMEM_LINKS", num[7] },
			{ "CPU_RESET_ADDRESS", reset },
			{ "MSG_REPLY_TIMEOUT", timeout },
			{ "CONSOLE", console },
		};
		size_t len;

		t->desc = jhgen_tpl_expand_str(jhgen_tpl_cell_desc, vars,
					       sizeof(vars) / sizeof(vars[0]));
		if (!t->desc)
			goto nomem;
		/* the fragment ends in a newline; the template line adds one */
		len = strlen(t->desc);
		if (len && t->desc[len - 1] == '\n')
			t->desc[len - 1] = '\0';
	}
	err = 0;
	goto out;
nomem:
	free_cell_text(t);
out:
	free(flags);
	free(name);
	free(console);
	return err;
}

/* " * line" for each line of the description */
static char *description_text(const char *description)
{
	char *out = NULL;
	const char *p = description ? description : "";

	CAPTURE(out,
		do {
			const char *nl = strchr(p, '\n');
			size_t len = nl ? (size_t)(nl - p) : strlen(p);
			char *line = strndup(p, len);

			fputs(len ? " * " : " *", f);
			if (line)
				print_comment_text(f, line);
			free(line);
			fputc('\n', f);
			p = nl ? nl + 1 : p + len;
		} while (*p));
	return out;
nomem:
	return NULL;
}

int jhgen_cell_write_c(struct jhgen_cell *c, FILE *out,
		       const char *description)
{
	struct cell_text t;
	char *desc = description_text(description);
	int err;

	if (!desc)
		return -ENOMEM;
	err = cell_text(c, &t);
	if (!err) {
		const struct jhgen_tpl_var vars[] = {
			{ "DESCRIPTION", desc },
			{ "CELL_MEMBERS", t.members },
			{ "CELL_DESC", t.desc },
			{ "CELL_ARRAYS", t.arrays },
		};

		err = jhgen_tpl_expand(out, jhgen_tpl_cell, vars,
				       sizeof(vars) / sizeof(vars[0]));
		free_cell_text(&t);
	}
	free(desc);
	return err;
}

int jhgen_system_write_c(struct jhgen_system *s, FILE *out,
			 const char *description)
{
	const struct jh_system *h = &s->header;
	const struct jh_platform *p = &h->platform;
	char *desc = description_text(description);
	char *members = NULL, *arrays = NULL, *flags = NULL, *console = NULL;
	char *hv_comment = NULL;
	char n[11][24];
	struct cell_text t = { 0 };
	int err = -ENOMEM;

	if (!desc)
		return -ENOMEM;
	err = jhgen_system_finalize(s);
	if (err)
		goto out;
	err = cell_text(&s->root, &t);
	if (err)
		goto out;
	err = -ENOMEM;
	CAPTURE(members,
		print_member(f, &k_mmconfig, &s->mmconfig);
		print_member(f, &k_iommu, &s->iommus);
		print_member(f, &k_ioapic, &s->ioapics));
	CAPTURE(arrays,
		print_array(f, &k_mmconfig, &s->mmconfig);
		print_array(f, &k_iommu, &s->iommus);
		print_array(f, &k_ioapic, &s->ioapics));
	CAPTURE(flags, print_flags(f, sys_flags, h->flags));
	CAPTURE(console, print_console(f, &h->debug_console));
	CAPTURE(hv_comment,
		print_comment_text(f, s->hv_comment && *s->hv_comment ?
				   s->hv_comment : "hypervisor memory"));

	snprintf(n[0], sizeof(n[0]), "0x%llx",
		 (unsigned long long)h->hypervisor_memory.phys_start);
	snprintf(n[1], sizeof(n[1]), "0x%llx",
		 (unsigned long long)h->hypervisor_memory.size);
	snprintf(n[2], sizeof(n[2]), "%u", p->num_pci_mmconfig);
	snprintf(n[3], sizeof(n[3]), "%u", p->num_iommus);
	snprintf(n[4], sizeof(n[4]), "%u", p->num_ioapics);
	snprintf(n[5], sizeof(n[5]), "0x%x", p->pm_timer_port);
	snprintf(n[6], sizeof(n[6]), "%u", p->pm_timer_32bit);
	snprintf(n[7], sizeof(n[7]), "%u", p->tsc_khz);
	snprintf(n[8], sizeof(n[8]), "%u", p->apic_khz);
	snprintf(n[9], sizeof(n[9]), "%u", p->ir_table_size);
	{
		const struct jhgen_tpl_var vars[] = {
			{ "DESCRIPTION", desc },
			{ "SYSTEM_MEMBERS", members },
			{ "SYSTEM_FLAGS", flags },
			{ "HV_COMMENT", hv_comment },
			{ "HV_PHYS_START", n[0] },
			{ "HV_SIZE", n[1] },
			{ "DEBUG_CONSOLE", console },
			{ "NUM_PCI_MMCONFIG", n[2] },
			{ "NUM_IOMMUS", n[3] },
			{ "NUM_IOAPICS", n[4] },
			{ "PM_TIMER_PORT", n[5] },
			{ "PM_TIMER_32BIT", n[6] },
			{ "TSC_KHZ", n[7] },
			{ "APIC_KHZ", n[8] },
			{ "IR_TABLE_SIZE", n[9] },
			{ "SYSTEM_ARRAYS", arrays },
			{ "CELL_MEMBERS", t.members },
			{ "CELL_DESC", t.desc },
			{ "CELL_ARRAYS", t.arrays },
		};

		err = jhgen_tpl_expand(out, jhgen_tpl_system, vars,
				       sizeof(vars) / sizeof(vars[0]));
	}
	goto out;
nomem:
	err = -ENOMEM;
out:
	free_cell_text(&t);
	free(desc);
	free(members);
	free(arrays);
	free(flags);
	free(console);
	free(hv_comment);
	return err;
}
