// SPDX-License-Identifier: GPL-2.0
/*
 * cell-edit IN.cell OUT.cell EDIT...: writes a copy of a cell config with
 * some fields changed, so the cell scenarios can make conflicting and
 * foreign cells inside the guest, which has no compiler. Edits, applied in
 * order:
 *	name=STR		cell name
 *	cpus=MASK		first 64 bits of the CPU set (bit N = CPU N)
 *	mem.N.phys=ADDR		also mem.N.virt, mem.N.size, mem.N.flags
 *	pio.N.base=PORT		also pio.N.length
 *	del.pio.N		drops port range N (the arrays behind it move)
 *	add.irqchip=ADDR,ID,PIN	appends an IOAPIC entry granting one pin
 *	add.pci=BDF[,MASK]	appends a PCI device (no capabilities, no IOMMU;
 *				MASK: its BAR0 size mask)
 *	add.mem=PHYS,SIZE,FLAGS	appends a memory region at guest PHYS
 *	add.cache=BITS		appends an L3 cache region of BITS bits from bit 0
 *	irqchip.N.pins=MASK	first 64 bits of irqchip N's pin bitmap
 * A system config is edited too: the edits above apply to its root cell,
 * and ioapic.N.pins=COUNT sets the pin count of IOAPIC N.
 * The result is not validated: that is the job of the jh commands under test.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jh/config-walk.h>

#define MAX_CONFIG	(1u << 20)

static unsigned char buf[MAX_CONFIG];
static size_t len;
static bool is_system;		/* buf holds a system config */

static struct jh_system *sys_config(void)
{
	return (struct jh_system *)buf;
}

static struct jh_cell_desc *cell(void)
{
	return is_system ? (struct jh_cell_desc *)jh_sys_root_cell(sys_config()) :
			(struct jh_cell_desc *)buf;
}

static int parse_u64(const char *s, uint64_t *out)
{
	char *end;

	errno = 0;
	*out = strtoull(s, &end, 0);
	return errno || end == s || *end ? -EINVAL : 0;
}

/* "mem.N.field" / "pio.N.field": index and field name */
static int parse_index(const char *s, unsigned long *idx, const char **field)
{
	char *end;

	errno = 0;
	*idx = strtoul(s, &end, 10);
	if (errno || end == s || (*end != '.' && *end != '\0'))
		return -EINVAL;
	*field = *end ? end + 1 : end;
	return 0;
}

static int edit_mem(unsigned long idx, const char *field, uint64_t val)
{
	struct jh_memory *m;

	if (idx >= cell()->num_memory_regions)
		return -ERANGE;
	m = (struct jh_memory *)&jh_cell_mem_regions(cell())[idx];
	if (!strcmp(field, "phys"))
		m->phys_start = val;
	else if (!strcmp(field, "virt"))
		m->virt_start = val;
	else if (!strcmp(field, "size"))
		m->size = val;
	else if (!strcmp(field, "flags"))
		m->flags = val;
	else
		return -EINVAL;
	return 0;
}

static int edit_pio(unsigned long idx, const char *field, uint64_t val)
{
	struct jh_pio *p;

	if (idx >= cell()->num_pio_regions)
		return -ERANGE;
	p = (struct jh_pio *)&jh_cell_pio(cell())[idx];
	if (!strcmp(field, "base"))
		p->base = val;
	else if (!strcmp(field, "length"))
		p->length = val;
	else
		return -EINVAL;
	return 0;
}

static int edit_irq(const char *what, unsigned long idx, const char *field, uint64_t val)
{
	if (!strcmp(what, "ioapic") && is_system && !strcmp(field, "pins") &&
	    idx < sys_config()->platform.num_ioapics) {
		((struct jh_ioapic *)jh_sys_ioapics(sys_config()))[idx].pins = val;
		return 0;
	}
	if (!strcmp(what, "irqchip") && !strcmp(field, "pins") &&
	    idx < cell()->num_irqchips) {
		((struct jh_irqchip *)jh_cell_irqchips(cell()))[idx].pin_bitmap[0] = val;
		return 0;
	}
	return -EINVAL;
}

static int delete_pio(unsigned long idx)
{
	unsigned char *entry;

	if (idx >= cell()->num_pio_regions)
		return -ERANGE;
	entry = (unsigned char *)&jh_cell_pio(cell())[idx];
	memmove(entry, entry + sizeof(struct jh_pio),
		len - (size_t)(entry + sizeof(struct jh_pio) - buf));
	len -= sizeof(struct jh_pio);
	cell()->num_pio_regions--;
	return 0;
}

/* makes room for size bytes at pos (the arrays behind it move) */
static void *insert_at(void *pos, size_t size)
{
	unsigned char *p = pos;

	memmove(p + size, p, len - (size_t)(p - buf));
	memset(p, 0, size);
	len += size;
	return p;
}

static int add_entry(const char *what, const char *value)
{
	uint64_t v[3];
	char copy[64], *tok, *save = NULL;
	unsigned int n = 0;

	if (strlen(value) >= sizeof(copy) || len + 64 > sizeof(buf))
		return -E2BIG;
	strcpy(copy, value);
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
		if (n >= 3 || parse_u64(tok, &v[n++]))
			return -EINVAL;
	if (!strcmp(what, "irqchip") && n == 3 && v[2] < JH_IRQCHIP_PINS) {
		struct jh_irqchip *ic = insert_at((void *)jh_cell_pio(cell()), sizeof(*ic));

		ic->address = v[0];
		ic->id = v[1];
		ic->pin_bitmap[v[2] / 64] = 1ULL << (v[2] % 64);
		cell()->num_irqchips++;
	} else if (!strcmp(what, "pci") && (n == 1 || n == 2)) {
		struct jh_pci_device *d = insert_at((void *)jh_cell_pci_caps(cell()), sizeof(*d));

		d->type = JH_PCI_TYPE_DEVICE;
		d->iommu = JH_PCI_NO_IOMMU;
		d->bdf = v[0];
		d->bar_mask[0] = n == 2 ? v[1] : 0;
		cell()->num_pci_devices++;
	} else if (!strcmp(what, "mem") && n == 3) {
		struct jh_memory *m = insert_at((void *)jh_cell_cache_regions(cell()), sizeof(*m));

		m->phys_start = m->virt_start = v[0];
		m->size = v[1];
		m->flags = v[2];
		cell()->num_memory_regions++;
	} else if (!strcmp(what, "cache") && n == 1) {
		struct jh_cache *c = insert_at((void *)jh_cell_irqchips(cell()), sizeof(*c));

		c->size = v[0];
		c->type = JH_CACHE_L3;
		cell()->num_cache_regions++;
	} else {
		return -EINVAL;
	}
	return 0;
}

static int apply(const char *edit)
{
	const char *eq = strchr(edit, '=');
	const char *field;
	unsigned long idx;
	uint64_t val = 0;

	if (!strncmp(edit, "del.pio.", 8))
		return parse_index(edit + 8, &idx, &field) ?: delete_pio(idx);
	if (!eq)
		return -EINVAL;
	if (!strncmp(edit, "add.", 4)) {
		char what[16];
		size_t n = eq - (edit + 4);

		if (n >= sizeof(what))
			return -EINVAL;
		memcpy(what, edit + 4, n);
		what[n] = '\0';
		return add_entry(what, eq + 1);
	}
	if (!strncmp(edit, "name=", 5)) {
		if (strlen(eq + 1) >= JH_CELL_NAME_LEN)
			return -ENAMETOOLONG;
		memset(cell()->name, 0, JH_CELL_NAME_LEN);
		memcpy(cell()->name, eq + 1, strlen(eq + 1));
		return 0;
	}
	if (parse_u64(eq + 1, &val))
		return -EINVAL;
	if (!strncmp(edit, "cpus=", 5)) {
		if (cell()->cpu_set_size < 8)
			return -ERANGE;
		memcpy(cell() + 1, &val, sizeof(val));
		return 0;
	}
	if (!strncmp(edit, "mem.", 4) || !strncmp(edit, "pio.", 4)) {
		char name[16];
		size_t n = eq - (edit + 4);

		if (n >= sizeof(name))
			return -EINVAL;
		memcpy(name, edit + 4, n);
		name[n] = '\0';
		if (parse_index(name, &idx, &field))
			return -EINVAL;
		return edit[0] == 'm' ? edit_mem(idx, field, val) : edit_pio(idx, field, val);
	}
	if (!strncmp(edit, "ioapic.", 7) || !strncmp(edit, "irqchip.", 8)) {
		const char *dot = strchr(edit, '.');
		char what[8], name[16];

		if ((size_t)(dot - edit) >= sizeof(what) || (size_t)(eq - dot) > sizeof(name))
			return -EINVAL;
		memcpy(what, edit, dot - edit);
		what[dot - edit] = '\0';
		memcpy(name, dot + 1, eq - dot - 1);
		name[eq - dot - 1] = '\0';
		if (parse_index(name, &idx, &field))
			return -EINVAL;
		return edit_irq(what, idx, field, val);
	}
	return -EINVAL;
}

int main(int argc, char **argv)
{
	FILE *f;
	int i, ret;

	if (argc < 3) {
		fprintf(stderr, "usage: cell-edit IN.cell OUT.cell [name=S] [cpus=MASK] "
			"[mem.N.phys|virt|size|flags=V] [pio.N.base|length=V] [del.pio.N] "
			"[add.irqchip=ADDR,ID,PIN] [add.pci=BDF[,MASK]] [add.mem=PHYS,SIZE,FLAGS] "
			"[add.cache=BITS] "
			"[irqchip.N.pins=MASK] [ioapic.N.pins=COUNT]...\n");
		return 2;
	}
	f = fopen(argv[1], "rb");
	if (!f) {
		fprintf(stderr, "cell-edit: %s: %s\n", argv[1], strerror(errno));
		return 2;
	}
	len = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	is_system = len >= sizeof(struct jh_system) &&
		 !memcmp(buf, JH_SYSTEM_SIGNATURE, JH_SIGNATURE_SIZE);
	if (is_system ? jh_system_config_size(sys_config()) != len :
	    len < sizeof(struct jh_cell_desc) ||
	    memcmp(cell()->signature, JH_CELL_SIGNATURE, JH_SIGNATURE_SIZE) ||
	    jh_cell_config_size(cell()) != len) {
		fprintf(stderr, "cell-edit: %s is not a well-formed cell config "
			"(check it with jh config check)\n", argv[1]);
		return 2;
	}
	for (i = 3; i < argc; i++) {
		ret = apply(argv[i]);
		if (ret) {
			fprintf(stderr, "cell-edit: edit '%s': %s\n", argv[i], strerror(-ret));
			return 2;
		}
	}
	f = fopen(argv[2], "wb");
	if (!f || fwrite(buf, 1, len, f) != len || fclose(f)) {
		fprintf(stderr, "cell-edit: cannot write %s\n", argv[2]);
		return 1;
	}
	return 0;
}
