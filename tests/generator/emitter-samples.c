// SPDX-License-Identifier: GPL-2.0
/*
 * Drives the config emitter (generator/config-writer.h) the way jh-discover
 * and jh-plan do and checks what it can in-process. Writes sample configs,
 * C source and blob, into DIR for tests/suites/unit-generator, which
 * compiles the sources with the project's config compiler and compares.
 * Prints "PASS what" / "FAIL what" lines; the suite numbers them as TAP.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config-writer.h"

static int failures;

static void check(bool ok, const char *what)
{
	printf("%s %s\n", ok ? "PASS" : "FAIL", what);
	if (!ok)
		failures++;
}

static char *slurp(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	if (buf) {
		buf[n] = '\0';
		*size = (size_t)n;
	}
	return buf;
}

/* A root cell resembling the Bochs machine, with every array in use */
static void build_system(struct jhgen_system *s)
{
	static const struct jh_pci_capability caps[] = {
		{ .id = 0x05, .start = 0x50, .len = 14,
		  .flags = JH_PCICAPS_WRITE },
		{ .id = 0x10 | JH_PCICAPS_EXTENDED, .start = 0x100, .len = 8 },
	};
	static const char *const cap_comments[] = { "MSI", "AER" };
	struct jh_irqchip chip = {
		.address = 0xfec00000,
		.pin_bitmap = { 0xffffff },
	};
	unsigned int cpu;

	jhgen_system_init(s, "sample-root");
	s->header.flags = JH_SYS_VIRTUAL_DEBUG_CONSOLE | JH_SYS_NO_DMA_ISOLATION;
	s->header.hypervisor_memory.phys_start = 0x3d000000;
	s->header.hypervisor_memory.size = 0x1000000;
	jhgen_system_set_hv_comment(s, "16 MiB at 0x3d000000, memmap=32M$0x3d000000");
	s->header.debug_console = (struct jh_console){
		.address = 0x3f8, .type = JH_CON_8250_PIO };
	s->header.platform.pm_timer_port = 0xb008;
	s->header.platform.ir_table_size = 256;
	jhgen_system_add_mmconfig(s, &(struct jh_pci_mmconfig){
		.base = 0xb0000000, .end_bus = 0xff }, "MCFG segment 0");
	jhgen_system_add_iommu(s, &(struct jh_iommu){
		.type = JH_IOMMU_VTD, .base = 0xfed90000, .size = 0x1000,
		.flags = JH_IOMMU_INCLUDE_PCI_ALL }, "DRHD 0, all devices");
	jhgen_system_add_ioapic(s, &(struct jh_ioapic){
		.address = 0xfec00000, .pins = 24, .iommu = 0,
		.bdf = JH_PCI_BDF(0, 0x1f, 0) }, "IOAPIC id 0, GSI 0-23");
	for (cpu = 0; cpu < 4; cpu++)
		jhgen_cell_add_cpu(&s->root, cpu);
	/* added out of order on purpose: sort_mem must order them */
	jhgen_cell_add_mem(&s->root, &(struct jh_memory){
		.phys_start = 0x100000, .virt_start = 0x100000,
		.size = 0x3cf00000, .flags = JH_MEM_READ | JH_MEM_WRITE |
		JH_MEM_EXECUTE | JH_MEM_DMA }, "System RAM");
	jhgen_cell_add_mem(&s->root, &(struct jh_memory){
		.size = 0x9f000, .flags = JH_MEM_READ | JH_MEM_WRITE |
		JH_MEM_EXECUTE | JH_MEM_DMA }, "low RAM, comment with */ inside");
	jhgen_cell_sort_mem(&s->root);
	jhgen_cell_add_cache(&s->root, &(struct jh_cache){
		.start = 0, .size = 8, .type = JH_CACHE_L3,
		.flags = JH_CACHE_ROOTSHARED }, "L3 ways 0-7");
	jhgen_cell_add_irqchip(&s->root, &chip, "IOAPIC 0, pins 0-23");
	jhgen_cell_add_mem(&s->root, &(struct jh_memory){
		.phys_start = 0x3e000000, .virt_start = 0x3e000000,
		.size = 0x1000000, .flags = JH_MEM_READ | JH_MEM_WRITE |
		JH_MEM_EXECUTE | JH_MEM_DMA }, "RAM for cells");
	jhgen_cell_add_pio(&s->root, &(struct jh_pio){ 0x2f8, 8, 0 }, "COM2");
	jhgen_cell_add_pio(&s->root, &(struct jh_pio){ 0x3f8, 8, 0 }, "COM1");
	jhgen_cell_add_pci(&s->root, &(struct jh_pci_device){
		.type = JH_PCI_TYPE_DEVICE, .iommu = 0,
		.bdf = JH_PCI_BDF(0, 0x1f, 2), .num_msi_vectors = 1,
		.msi_flags = JH_PCI_MSI_64BITS,
		.bar_mask = { 0xfffff000 } }, caps, 2, cap_comments,
		"00:1f.2 SATA controller");
	/* same capability list: shared, not repeated */
	jhgen_cell_add_pci(&s->root, &(struct jh_pci_device){
		.type = JH_PCI_TYPE_DEVICE, .iommu = 0,
		.bdf = JH_PCI_BDF(3, 0, 0), .num_msix_vectors = 8,
		.msix_address = 0xfe000000, .msix_region_size = 0x1000 },
		caps, 2, cap_comments, "03:00.0 Ethernet");
}

static void build_cell(struct jhgen_cell *c)
{
	jhgen_cell_init(c, "rt \"quoted\"");
	jhgen_cell_add_cpu(c, 3);
	c->desc.flags = JH_CELL_VIRTUAL_CONSOLE;
	c->desc.console = (struct jh_console){
		.address = 0x2f8, .type = JH_CON_8250_PIO };
	jhgen_cell_add_mem(c, &(struct jh_memory){
		.phys_start = 0x3e000000, .size = 0x100000,
		.flags = JH_MEM_READ | JH_MEM_WRITE | JH_MEM_EXECUTE |
		JH_MEM_LOADABLE }, "RAM, loadable, at guest 0");
	jhgen_cell_add_mem(c, &(struct jh_memory){
		.virt_start = 0x100000, .size = 0x1000,
		.flags = JH_MEM_READ | JH_MEM_WRITE | JH_MEM_COMM_REGION },
		"comm region");
	jhgen_cell_add_pio(c, &(struct jh_pio){ 0x2f8, 8, 0 }, "COM2");
}

static bool same_text_twice(struct jhgen_system *s, struct jhgen_cell *c)
{
	char *a = NULL, *b = NULL, *x = NULL, *y = NULL;
	size_t na, nb, nx, ny;
	FILE *f;
	bool same;

	f = open_memstream(&a, &na);
	jhgen_system_write_c(s, f, "one");
	fclose(f);
	f = open_memstream(&b, &nb);
	jhgen_system_write_c(s, f, "one");
	fclose(f);
	f = open_memstream(&x, &nx);
	jhgen_cell_write_c(c, f, "two");
	fclose(f);
	f = open_memstream(&y, &ny);
	jhgen_cell_write_c(c, f, "two");
	fclose(f);
	same = na == nb && !memcmp(a, b, na) && nx == ny && !memcmp(x, y, nx);
	free(a);
	free(b);
	free(x);
	free(y);
	return same;
}

int main(int argc, char **argv)
{
	char path[4096], cpath[4096], reason[256];
	struct jhgen_system s;
	struct jhgen_cell c, empty, big;
	const struct jh_memory *m;
	size_t size;
	char *text;
	int err;

	if (argc != 2) {
		fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
		return 2;
	}
	build_system(&s);
	build_cell(&c);
	jhgen_cell_init(&empty, "empty");
	jhgen_cell_init(&big, "big");
	jhgen_cell_add_cpu(&big, 3);
	jhgen_cell_add_cpu(&big, 70);	/* needs a second bitmap word */

	m = s.root.mem.items;
	check(s.root.mem.count == 3 && m[0].phys_start == 0 &&
	      !strncmp(s.root.mem.comments[0], "low RAM", 7),
	      "sort_mem orders regions and keeps their comments");
	check(s.root.caps.count == 2 &&
	      jhgen_pci(&s.root, 1)->caps_start == 0 &&
	      jhgen_pci(&s.root, 1)->num_caps == 2,
	      "identical capability lists are shared");
	check(jhgen_cell_num_cpus(&big) == 2 && jhgen_cell_has_cpu(&big, 70) &&
	      !jhgen_cell_has_cpu(&big, 69), "CPU set grows to CPU 70");
	check(same_text_twice(&s, &c), "C output is deterministic");

	snprintf(cpath, sizeof(cpath), "%s/sample-system.c", argv[1]);
	snprintf(path, sizeof(path), "%s/sample-system.direct", argv[1]);
	err = jhgen_system_save(&s, "Sample system config\nfor the emitter test",
				cpath, path, reason, sizeof(reason));
	check(!err, err ? reason : "system config saved");
	snprintf(cpath, sizeof(cpath), "%s/sample-cell.c", argv[1]);
	snprintf(path, sizeof(path), "%s/sample-cell.direct", argv[1]);
	err = jhgen_cell_save(&c, "Sample cell config", cpath, path, reason,
			      sizeof(reason));
	check(!err, err ? reason : "cell config saved");
	snprintf(cpath, sizeof(cpath), "%s/sample-empty.c", argv[1]);
	snprintf(path, sizeof(path), "%s/sample-empty.direct", argv[1]);
	err = jhgen_cell_save(&empty, NULL, cpath, path, reason,
			      sizeof(reason));
	check(!err, err ? reason : "cell without arrays saved");

	snprintf(cpath, sizeof(cpath), "%s/sample-big.c", argv[1]);
	snprintf(path, sizeof(path), "%s/sample-big.direct", argv[1]);
	err = jhgen_cell_save(&big, "CPU 70", cpath, path, reason,
			      sizeof(reason));
	check(!err, err ? reason : "cell with CPU 70 saved");

	snprintf(cpath, sizeof(cpath), "%s/sample-system.c", argv[1]);
	text = slurp(cpath, &size);
	check(text && strstr(text, "/* [0] low RAM, comment with * / inside */") &&
	      strstr(text, ".flags = JH_MEM_READ | JH_MEM_WRITE | JH_MEM_EXECUTE | JH_MEM_DMA,") &&
	      strstr(text, ".flags = JH_SYS_VIRTUAL_DEBUG_CONSOLE | JH_SYS_NO_DMA_ISOLATION,") &&
	      strstr(text, ".bdf = JH_PCI_BDF(0x03, 0x00, 0),") &&
	      strstr(text, "/* [1] AER */") &&
	      strstr(text, ".id = JH_PCICAPS_EXTENDED | 0x10,") &&
	      strstr(text, "/* CPUs: 0, 1, 2, 3 */"),
	      "system source names flags, BDFs, capabilities and comments");
	free(text);
	snprintf(cpath, sizeof(cpath), "%s/sample-cell.c", argv[1]);
	text = slurp(cpath, &size);
	check(text && strstr(text, ".name = \"rt \\\"quoted\\\"\",") &&
	      !strstr(text, "struct jh_pci_device"),
	      "cell source escapes the name and omits empty arrays");
	free(text);
	snprintf(cpath, sizeof(cpath), "%s/sample-big.c", argv[1]);
	text = slurp(cpath, &size);
	check(text && strstr(text, "uint64_t cpus[2];") &&
	      strstr(text, "/* CPUs: 3, 70 */"),
	      "CPU set of two words declared and listed");
	free(text);

	jhgen_system_free(&s);
	jhgen_cell_free(&c);
	jhgen_cell_free(&empty);
	jhgen_cell_free(&big);
	return failures ? 1 : 0;
}
