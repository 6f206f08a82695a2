// SPDX-License-Identifier: GPL-2.0
/*
 * `jh config show`: every field of a system or cell config, addresses in
 * hex, flags by name, CPU and pin sets as ranges. Names come from
 * common/config-names.c, the same words the validator uses.
 */
#include <string.h>

#include <jh/config-walk.h>

#include "config-names.h"
#include "config-show.h"

#define FLAGS_TEXT	256

static const char *flags_text(char *buf, uint64_t flags,
			      const struct jh_flag_name *names)
{
	jh_format_flags(buf, FLAGS_TEXT, flags, names);
	return buf;
}

static void show_console(FILE *out, const char *indent, const char *what,
			 const struct jh_console *con)
{
	fprintf(out, "%s%s: %s", indent, what, jh_console_type_name(con->type));
	if (con->type != JH_CON_NONE)
		fprintf(out, " at 0x%llx, divider %u%s, reg_width %u, reg_shift %u, flags 0x%x",
			(unsigned long long)con->address, con->divider,
			con->divider ? "" : " (keep firmware's)",
			con->reg_width, con->reg_shift, con->flags);
	fputc('\n', out);
}

static void show_memory(FILE *out, const char *indent,
			const struct jh_cell_desc *c)
{
	const struct jh_memory *m = jh_cell_mem_regions(c);
	char flags[FLAGS_TEXT];
	uint32_t i;

	for (i = 0; i < c->num_memory_regions; i++) {
		fprintf(out, "%smemory[%u]: ", indent, i);
		if (m[i].flags & JH_MEM_COMM_REGION)
			fprintf(out, "(hypervisor page)");
		else
			fprintf(out, "phys 0x%llx-0x%llx", (unsigned long long)m[i].phys_start,
				(unsigned long long)(m[i].phys_start + m[i].size - 1));
		fprintf(out, " -> guest 0x%llx, size 0x%llx, %s [%s]\n",
			(unsigned long long)m[i].virt_start,
			(unsigned long long)m[i].size, jh_mem_region_kind(m[i].flags),
			flags_text(flags, m[i].flags, jh_mem_flag_names));
	}
}

static void show_cache(FILE *out, const char *indent,
		       const struct jh_cell_desc *c)
{
	const struct jh_cache *k = jh_cell_cache_regions(c);
	char flags[FLAGS_TEXT];
	uint32_t i;

	for (i = 0; i < c->num_cache_regions; i++)
		fprintf(out, "%scache[%u]: %s, capacity bits %u-%u [%s]\n", indent, i,
			jh_cache_type_name(k[i].type), k[i].start,
			k[i].start + k[i].size - 1,
			flags_text(flags, k[i].flags, jh_cache_flag_names));
}

static void show_irqchips(FILE *out, const char *indent,
			  const struct jh_cell_desc *c)
{
	const struct jh_irqchip *chip = jh_cell_irqchips(c);
	uint64_t bitmap[JH_IRQCHIP_PINS / 64];
	char pins[FLAGS_TEXT];
	uint32_t i;

	for (i = 0; i < c->num_irqchips; i++) {
		/* a pin bitmap reads like a CPU set: ranges of set bits */
		memcpy(bitmap, chip[i].pin_bitmap, sizeof(bitmap));
		jh_format_cpu_set(pins, sizeof(pins), bitmap, JH_IRQCHIP_PINS);
		fprintf(out, "%sirqchips[%u]: IOAPIC at 0x%llx, id %u, gsi_base %u, pins %s\n",
			indent, i, (unsigned long long)chip[i].address, chip[i].id,
			chip[i].gsi_base, pins);
	}
}

static void show_pio(FILE *out, const char *indent,
		     const struct jh_cell_desc *c)
{
	const struct jh_pio *p = jh_cell_pio(c);
	uint32_t i;

	for (i = 0; i < c->num_pio_regions; i++)
		fprintf(out, "%spio[%u]: ports 0x%04x-0x%04x (%u), flags 0x%x\n", indent,
			i, p[i].base, p[i].base + p[i].length - 1, p[i].length,
			p[i].flags);
}

static void show_pci(FILE *out, const char *indent,
		     const struct jh_cell_desc *c)
{
	const struct jh_pci_device *d = jh_cell_pci_devices(c);
	const struct jh_pci_capability *cap = jh_cell_pci_caps(c);
	char bdf[16], flags[FLAGS_TEXT];
	uint32_t i, b;

	for (i = 0; i < c->num_pci_devices; i++) {
		jh_format_bdf(bdf, sizeof(bdf), d[i].segment, d[i].bdf);
		fprintf(out, "%spci_devices[%u]: %s %s, iommu ", indent, i, bdf,
			jh_pci_type_name(d[i].type));
		if (d[i].iommu == JH_PCI_NO_IOMMU)
			fprintf(out, "none");
		else
			fprintf(out, "%u", d[i].iommu);
		fprintf(out, ", caps %u+%u, msi %u [%s], msix %u",
			d[i].caps_start, d[i].num_caps, d[i].num_msi_vectors,
			flags_text(flags, d[i].msi_flags, jh_msi_flag_names),
			d[i].num_msix_vectors);
		if (d[i].msix_address)
			fprintf(out, " table 0x%llx size 0x%x",
				(unsigned long long)d[i].msix_address,
				d[i].msix_region_size);
		fprintf(out, "\n%s    bar_mask", indent);
		for (b = 0; b < 6; b++)
			fprintf(out, " %08x", d[i].bar_mask[b]);
		fputc('\n', out);
		if (d[i].type != JH_PCI_TYPE_IVSHMEM && d[i].dma_flags)
			fprintf(out, "%s    dma alias %02x:%02x.%x, flags 0x%x\n", indent,
				JH_PCI_BUS(d[i].dma_alias), JH_PCI_DEV(d[i].dma_alias),
				JH_PCI_FN(d[i].dma_alias), d[i].dma_flags);
		if (d[i].type == JH_PCI_TYPE_IVSHMEM)
			fprintf(out, "%s    ivshmem: regions from memory[%u], id %u, %u peers, protocol 0x%x\n",
				indent, d[i].shmem_regions_start, d[i].shmem_dev_id,
				d[i].shmem_peers, d[i].shmem_protocol);
	}
	for (i = 0; i < c->num_pci_caps; i++)
		fprintf(out, "%spci_caps[%u]: %s id 0x%02x at 0x%03x, %u bytes [%s]\n",
			indent, i, cap[i].id & JH_PCICAPS_EXTENDED ? "extended" : "standard",
			cap[i].id & ~JH_PCICAPS_EXTENDED, cap[i].start, cap[i].len,
			flags_text(flags, cap[i].flags, jh_pcicap_flag_names));
}

static void show_shmem(FILE *out, const char *indent, const struct jh_cell_desc *c)
{
	const struct jh_shmem_link *l = jh_cell_shmem_links(c);
	uint32_t i;

	for (i = 0; i < c->num_shmem_links; i++)
		fprintf(out, "%sshmem_links[%u]: link %u, peer %u of %u, sections memory[%u..%u], "
			"doorbell vector 0x%x%s\n", indent, i, l[i].id, l[i].peer,
			l[i].num_peers, l[i].mem_start, l[i].mem_start + l[i].num_peers - 1,
			l[i].vector, l[i].vector ? "" : " (the driver's)");
}

void jh_show_cell(FILE *out, const struct jh_cell_desc *c, const char *indent)
{
	char text[FLAGS_TEXT];

	fprintf(out, "%sname: \"%s\"\n", indent, c->name);
	fprintf(out, "%sflags: %s\n", indent,
		flags_text(text, c->flags, jh_cell_flag_names));
	jh_format_cpu_set(text, sizeof(text), jh_cell_cpu_set(c),
			  jh_cell_cpu_set_bits(c));
	fprintf(out, "%scpus: %s (set of %u bits)\n", indent, text,
		c->cpu_set_size * 8);
	fprintf(out, "%scpu_reset_address: 0x%llx\n", indent,
		(unsigned long long)c->cpu_reset_address);
	fprintf(out, "%smsg_reply_timeout: %llu ms\n", indent,
		(unsigned long long)c->msg_reply_timeout);
	show_console(out, indent, "console", &c->console);
	show_memory(out, indent, c);
	show_cache(out, indent, c);
	show_irqchips(out, indent, c);
	show_pio(out, indent, c);
	show_pci(out, indent, c);
	show_shmem(out, indent, c);
}

static void show_platform(FILE *out, const struct jh_system *s)
{
	const struct jh_platform *p = &s->platform;
	const struct jh_pci_mmconfig *m = jh_sys_mmconfigs(s);
	const struct jh_iommu *u = jh_sys_iommus(s);
	const struct jh_ioapic *io = jh_sys_ioapics(s);
	char flags[FLAGS_TEXT], bdf[16];
	uint32_t i;

	fprintf(out, "platform:\n");
	if (p->pm_timer_port)
		fprintf(out, "  pm_timer: port 0x%x, %s\n", p->pm_timer_port,
			p->pm_timer_32bit ? "32-bit" : "24-bit");
	else
		fprintf(out, "  pm_timer: none\n");
	fprintf(out, "  tsc_khz: %u%s\n  apic_khz: %u%s\n", p->tsc_khz,
		p->tsc_khz ? "" : " (the driver fills in Linux's value)",
		p->apic_khz, p->apic_khz ? "" : " (the driver fills in Linux's value)");
	fprintf(out, "  ir_table_size: %u%s\n", p->ir_table_size,
		p->ir_table_size ? "" : " (no interrupt remapping)");
	for (i = 0; i < p->num_pci_mmconfig; i++)
		fprintf(out, "  pci_mmconfig[%u]: segment %u, base 0x%llx, buses %u-%u\n",
			i, m[i].segment, (unsigned long long)m[i].base,
			m[i].start_bus, m[i].end_bus);
	for (i = 0; i < p->num_iommus; i++) {
		fprintf(out, "  iommu[%u]: %s at 0x%llx, size 0x%x, segment %u [%s]",
			i, jh_iommu_type_name(u[i].type), (unsigned long long)u[i].base,
			u[i].size, u[i].segment,
			flags_text(flags, u[i].flags, jh_iommu_flag_names));
		if (u[i].type == JH_IOMMU_AMD) {
			jh_format_bdf(bdf, sizeof(bdf), u[i].segment, u[i].amd_bdf);
			fprintf(out, ", function %s, base cap 0x%x, msi cap 0x%x, features 0x%x",
				bdf, u[i].amd_base_cap, u[i].amd_msi_cap,
				u[i].amd_features);
		}
		fputc('\n', out);
	}
	for (i = 0; i < p->num_ioapics; i++) {
		jh_format_bdf(bdf, sizeof(bdf), io[i].segment, io[i].bdf);
		fprintf(out, "  ioapic[%u]: id %u at 0x%llx, gsi_base %u, %u pins, iommu ",
			i, io[i].id, (unsigned long long)io[i].address,
			io[i].gsi_base, io[i].pins);
		if (io[i].iommu == JH_PCI_NO_IOMMU)
			fprintf(out, "none\n");
		else
			fprintf(out, "%u (source id %s)\n", io[i].iommu, bdf);
	}
}

void jh_show_system(FILE *out, const struct jh_system *s)
{
	const struct jh_memory *hv = &s->hypervisor_memory;
	char flags[FLAGS_TEXT];

	fprintf(out, "flags: %s\n", flags_text(flags, s->flags, jh_sys_flag_names));
	if (s->flags & JH_SYS_NO_DMA_ISOLATION)
		fprintf(out, "  no DMA isolation: devices given to cells can DMA into any memory\n");
	fprintf(out, "hypervisor_memory: 0x%llx-0x%llx (%llu KiB)\n",
		(unsigned long long)hv->phys_start,
		(unsigned long long)(hv->phys_start + hv->size - 1),
		(unsigned long long)(hv->size >> 10));
	show_console(out, "", "debug_console", &s->debug_console);
	show_platform(out, s);
	fprintf(out, "root cell:\n");
	jh_show_cell(out, jh_sys_root_cell(s), "  ");
}
