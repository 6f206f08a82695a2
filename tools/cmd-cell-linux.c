// SPDX-License-Identifier: GPL-2.0
/*
 * jh cell linux CELL.cell bzImage [-i INITRD] [-c CMDLINE] [-l LOADER]:
 * boots an unmodified Linux kernel built with CONFIG_JAILHOUSE_GUEST in a
 * new cell (docs/linux-cell.md). Creates the cell, loads the kernel's
 * protected-mode part, the initrd (at the top of its RAM), boot_params
 * (e820 = the cell's memory, the command line, the SETUP_JAILHOUSE setup
 * data) and the loader inmate (inmates/demos/linux-loader.c) at the reset
 * address, and starts it; the loader fills in the CPUs' APIC IDs and the
 * timer rates and enters the kernel's 64-bit entry.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jh/config-walk.h>
#include <jh/ioctl.h>
#include <jh/linux-boot.h>

#include "cell-load.h"
#include "command.h"
#include "config-check.h"
#include "read-file.h"

#define BP_ADDR		0x90000		/* boot_params, below the EBDA */
#define CMDLINE_ADDR	(BP_ADDR + 0x1000)
#define SETUP_ADDR	(BP_ADDR + 0x2000)
#define LOADER_ARGS	0x1000		/* the inmate's command-line buffer */
#define KERNEL_ADDR	0x200000ULL	/* a relocatable kernel: 2 MiB aligned */
#define ACPI_MCFG	"/sys/firmware/acpi/tables/MCFG"
#define DEFAULT_CMDLINE	"panic=-1 io_delay=none initcall_blacklist=i8237A_init_ops"

static const char *const loader_paths[] = {
	"/usr/lib/jh/inmates/linux-loader.bin",
	"/usr/local/lib/jh/inmates/linux-loader.bin",
	"/inmates/linux-loader.bin",
};

#define LE16(p, off)	(*(uint16_t *)((uint8_t *)(p) + (off)))
#define LE32(p, off)	(*(uint32_t *)((uint8_t *)(p) + (off)))
#define LE64(p, off)	(*(uint64_t *)((uint8_t *)(p) + (off)))

/* `jh cell create|start ARG`, as the CLI would run it */
static int run(const char *name, const char *arg)
{
	char *argv[] = { (char *)name, (char *)arg, NULL };

	return jh_command_lookup("cell", name)->run(2, argv);
}

/* The loader next to this program (build/bin/jh -> build/inmates/) or installed */
static const char *find_loader(void)
{
	static char path[4096];
	ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 64);
	unsigned int i;
	char *slash;

	if (n > 0) {
		path[n] = '\0';
		slash = strrchr(path, '/');
		if (slash) {
			strcpy(slash, "/../inmates/linux-loader.bin");
			if (!access(path, R_OK))
				return path;
		}
	}
	for (i = 0; i < sizeof(loader_paths) / sizeof(loader_paths[0]); i++)
		if (!access(loader_paths[i], R_OK))
			return loader_paths[i];
	return NULL;
}

/* The RAM the cell's Linux may use, and the comm region as reserved */
static int build_e820(const struct jh_cell_desc *cell, uint8_t *bp, uint64_t *ram_top)
{
	const struct jh_memory *m = jh_cell_mem_regions(cell);
	struct linux_e820 *e = (struct linux_e820 *)(bp + LINUX_BP_E820_TABLE);
	uint32_t i, n = 0;

	*ram_top = 0;
	for (i = 0; i < cell->num_memory_regions && n < LINUX_E820_MAX; i++, m++) {
		if (m->flags & (JH_MEM_IO | JH_MEM_IO_SUBPAGE))
			continue;
		e[n].addr = m->virt_start;
		e[n].size = m->size;
		e[n].type = m->flags & JH_MEM_COMM_REGION || !(m->flags & JH_MEM_WRITE) ?
			    LINUX_E820_RESERVED : LINUX_E820_RAM;
		if (e[n].type == LINUX_E820_RAM && (m->flags & JH_MEM_LOADABLE) &&
		    m->virt_start + m->size > *ram_top && m->virt_start + m->size <= 1ULL << 32)
			*ram_top = m->virt_start + m->size;
		n++;
	}
	bp[LINUX_BP_E820_ENTRIES] = n;
	return n;
}

/* The platform as the cell sees it: UARTs, IOAPIC, MMCONFIG */
static void fill_setup(const struct jh_cell_desc *cell, struct linux_jailhouse_setup *s)
{
	static const uint16_t uarts[] = { 0x3f8, 0x2f8, 0x3e8, 0x2e8 };
	const struct jh_pio *p;
	uint32_t i, u;
	FILE *f;

	memset(s, 0, sizeof(*s));
	s->type = LINUX_SETUP_JAILHOUSE;
	s->len = sizeof(*s) - 16;
	s->version = LINUX_JAILHOUSE_VERSION;
	s->compatible_version = LINUX_JAILHOUSE_COMPATIBLE;
	s->standard_ioapic = cell->num_irqchips > 0;
	for (u = 0; u < 4; u++)
		for (i = 0, p = jh_cell_pio(cell); i < cell->num_pio_regions; i++, p++)
			if (p->base <= uarts[u] && p->base + p->length >= uarts[u] + 8)
				s->flags |= 1U << u;
	/* its devices' config space is where the root's is */
	f = cell->num_pci_devices ? fopen(ACPI_MCFG, "rb") : NULL;
	if (f) {
		if (fseek(f, 44, SEEK_SET) || fread(&s->pci_mmconfig_base, 8, 1, f) != 1)
			s->pci_mmconfig_base = 0;
		fclose(f);
	}
}

static int tty_of(const struct jh_cell_desc *cell)
{
	static const uint16_t uarts[] = { 0x3f8, 0x2f8, 0x3e8, 0x2e8 };
	int i;

	for (i = 0; i < 4; i++)
		if (cell->console.type == JH_CON_8250_PIO && cell->console.address == uarts[i])
			return i;
	return -1;
}

static int usage(void)
{
	fprintf(stderr, "usage: jh cell linux CELL.cell bzImage [-i INITRD] [-c CMDLINE] "
		"[-l LOADER]\n");
	return 2;
}

/* Everything to load, checked against the cell's loadable memory */
static int prepare(const char *cfg_file, const struct jh_cell_desc *cell,
		   struct jh_load_item *img, const char *cmdline)
{
	struct jh_load_item *loader = &img[0], *args = &img[1], *bp_img = &img[2];
	struct jh_load_item *cmd = &img[3], *setup = &img[4], *kernel = &img[5];
	struct jh_load_item *initrd = &img[6];
	uint8_t *k = kernel->data, *bp;
	uint64_t ram_top, kernel_end, pm_offset, cmd_max;
	char *line;
	int tty, i;

	if (kernel->size < 0x1000 || LE32(k, LINUX_BP_HEADER_MAGIC) != LINUX_HDR_MAGIC ||
	    LE16(k, LINUX_BP_VERSION) < 0x20c ||
	    !(LE16(k, LINUX_BP_XLOADFLAGS) & LINUX_XLF_KERNEL_64)) {
		fprintf(stderr, "jh cell linux: %s is not an x86-64 bzImage with a 64-bit "
			"entry (boot protocol 2.12 or later)\n", kernel->what);
		return -1;
	}
	if (cell->cpu_reset_address != 0) {
		fprintf(stderr, "jh cell linux: %s: cpu_reset_address is 0x%llx; the loader "
			"runs at 0: set it to 0\n", cfg_file,
			(unsigned long long)cell->cpu_reset_address);
		return -1;
	}
	pm_offset = (k[LINUX_BP_SETUP_SECTS] ? k[LINUX_BP_SETUP_SECTS] : 4) * 512 + 512;
	if (pm_offset >= kernel->size) {
		fprintf(stderr, "jh cell linux: %s ends inside its real-mode setup (%u "
			"sectors): not a complete bzImage\n", kernel->what,
			k[LINUX_BP_SETUP_SECTS]);
		return -1;
	}
	bp = calloc(1, LINUX_BP_SIZE);
	if (!bp)
		return -1;
	*bp_img = (struct jh_load_item){ "boot_params", bp, LINUX_BP_SIZE, BP_ADDR };
	memcpy(bp + LINUX_BP_HDR, k + LINUX_BP_HDR,
	       0x202 + k[0x201] - LINUX_BP_HDR < LINUX_BP_HDR_END - LINUX_BP_HDR ?
	       0x202 + k[0x201] - LINUX_BP_HDR : LINUX_BP_HDR_END - LINUX_BP_HDR);
	if (!build_e820(cell, bp, &ram_top)) {
		fprintf(stderr, "jh cell linux: %s has no RAM\n", cfg_file);
		return -1;
	}

	/*
	 * A relocatable kernel goes low and decompresses to at least its
	 * preferred address (CONFIG_PHYSICAL_START); any other one there
	 */
	kernel->data = k + pm_offset;
	kernel->size -= pm_offset;
	kernel->address = k[LINUX_BP_RELOCATABLE] ? KERNEL_ADDR : LE64(k, LINUX_BP_PREF_ADDRESS);
	kernel_end = (LE64(k, LINUX_BP_PREF_ADDRESS) > KERNEL_ADDR ?
		      LE64(k, LINUX_BP_PREF_ADDRESS) : KERNEL_ADDR) + LE32(k, LINUX_BP_INIT_SIZE);
	if (initrd->data) {
		initrd->address = (ram_top - initrd->size) & ~0xfffULL;
		LE32(bp, LINUX_BP_RAMDISK_IMAGE) = initrd->address;
		LE32(bp, LINUX_BP_RAMDISK_SIZE) = initrd->size;
	}
	if ((initrd->data ? initrd->address : ram_top) < kernel_end + (16 << 20)) {
		fprintf(stderr, "jh cell linux: %s: the kernel needs its RAM up to 0x%llx plus "
			"16 MiB%s; the cell's loadable RAM ends at 0x%llx: give it more RAM\n",
			cfg_file, (unsigned long long)kernel_end,
			initrd->data ? " below the initrd" : "", (unsigned long long)ram_top);
		return -1;
	}

	cmd_max = LE32(k, LINUX_BP_CMDLINE_SIZE) ? LE32(k, LINUX_BP_CMDLINE_SIZE) : 255;
	line = malloc(cmd_max + 2);
	if (!line)
		return -1;
	*cmd = (struct jh_load_item){ "the command line", line, 0, CMDLINE_ADDR };
	/*
	 * The cell's UART as console; a panic halts (the cell shuts down);
	 * no port the cell does not own: no I/O delays on port 0x80, no
	 * probe of the ISA DMA controller
	 */
	tty = tty_of(cell);
	i = tty < 0 ? 0 : snprintf(line, cmd_max + 2, "console=ttyS%d ", tty);
	i += snprintf(line + i, cmd_max + 2 - i, "%s%s%s", DEFAULT_CMDLINE,
		      cmdline ? " " : "", cmdline ? cmdline : "");
	if ((uint64_t)i > cmd_max) {
		fprintf(stderr, "jh cell linux: the command line is longer than the kernel's "
			"%llu bytes\n", (unsigned long long)cmd_max);
		return -1;
	}
	cmd->size = strlen(line) + 1;

	bp[LINUX_BP_TYPE_OF_LOADER] = 0xff;
	bp[LINUX_BP_LOADFLAGS] |= LINUX_LOADFLAGS_LOADED_HIGH;
	LE32(bp, LINUX_BP_CODE32_START) = kernel->address;
	LE32(bp, LINUX_BP_CMD_LINE_PTR) = CMDLINE_ADDR;
	LE64(bp, LINUX_BP_SETUP_DATA) = SETUP_ADDR;

	setup->data = malloc(sizeof(struct linux_jailhouse_setup));
	if (!setup->data)
		return -1;
	fill_setup(cell, setup->data);
	*setup = (struct jh_load_item){ "the setup data", setup->data,
					sizeof(struct linux_jailhouse_setup), SETUP_ADDR };

	args->data = malloc(32);
	if (!args->data)
		return -1;
	snprintf(args->data, 32, "bp=0x%x", BP_ADDR);
	*args = (struct jh_load_item){ "the loader's arguments", args->data,
				       strlen(args->data) + 1, LOADER_ARGS };
	loader->address = 0;
	if (loader->size > BP_ADDR) {
		fprintf(stderr, "jh cell linux: %s is too big for a loader (it must end "
			"below 0x%x)\n", loader->what, BP_ADDR);
		return -1;
	}
	for (i = 0; i < 7; i++) {
		if (!img[i].data || jh_cell_loadable_region(cell, img[i].address, img[i].size))
			continue;
		fprintf(stderr, "jh cell linux: %s: %s (%zu bytes) at 0x%llx is not inside "
			"one loadable RAM region; the cell needs loadable RAM at 0-0x%x "
			"(loader, boot_params) and from 0x%llx up to the kernel's end\n",
			cfg_file, img[i].what, img[i].size, (unsigned long long)img[i].address,
			BP_ADDR + 0x3000, (unsigned long long)kernel->address);
		return -1;
	}
	return 0;
}

static int cmd_cell_linux(int argc, char **argv)
{
	struct jh_load_item img[7] = {
		{ .what = "the loader" }, { 0 }, { 0 }, { 0 }, { 0 },
		{ .what = NULL }, { .what = "the initrd" },
	};
	const char *cmdline = NULL, *cfg_file, *files[3] = { NULL, NULL, NULL };
	char reason[512], name[JH_CELL_NAME_LEN + 1];
	void *config = NULL, *kernel_file = NULL;
	size_t config_size;
	int opt, ret = 1;

	optind = 1;
	while ((opt = getopt(argc, argv, "i:c:l:")) != -1) {
		switch (opt) {
		case 'i':
			files[2] = optarg;
			break;
		case 'c':
			cmdline = optarg;
			break;
		case 'l':
			files[0] = optarg;
			break;
		default:
			return usage();
		}
	}
	if (argc - optind != 2)
		return usage();
	cfg_file = argv[optind];
	files[1] = argv[optind + 1];
	if (!files[0])
		files[0] = find_loader();
	if (!files[0]) {
		fprintf(stderr, "jh cell linux: linux-loader.bin not found next to jh "
			"(../inmates/) or installed; give it with -l LOADER\n");
		return 2;
	}
	if (jh_read_file(cfg_file, &config, &config_size, reason, sizeof(reason)) ||
	    jh_read_file(files[0], &img[0].data, &img[0].size, reason, sizeof(reason)) ||
	    jh_read_file(files[1], &kernel_file, &img[5].size, reason, sizeof(reason)) ||
	    (files[2] && jh_read_file(files[2], &img[6].data, &img[6].size, reason,
				      sizeof(reason)))) {
		fprintf(stderr, "jh cell linux: %s\n", reason);
		ret = 2;
		goto out;
	}
	img[5].what = files[1];
	img[5].data = kernel_file;
	if (jh_config_kind(config, config_size) != JH_CONFIG_CELL) {
		fprintf(stderr, "jh cell linux: %s is not a cell config (no JHCELCFG "
			"signature)\n", cfg_file);
		goto out;
	}
	snprintf(name, sizeof(name), "%.*s", JH_CELL_NAME_LEN,
		 ((const struct jh_cell_desc *)config)->name);
	if (prepare(cfg_file, config, img, cmdline))
		goto out;
	if (run("create", cfg_file))
		goto out;
	/* the initrd, last, only if given */
	if (jh_cell_load(name, img, img[6].data ? 7 : 6, "linux") || run("start", name)) {
		fprintf(stderr, "jh cell linux: cell %s stays created; destroy it with "
			"'jh cell destroy %s'\n", name, name);
		goto out;
	}
	ret = 0;
out:
	free(config);
	free(kernel_file);
	free(img[0].data);
	free(img[1].data);
	free(img[2].data);
	free(img[3].data);
	free(img[4].data);
	free(img[6].data);
	return ret;
}

JH_COMMAND(cell_linux) = {
	.group = "cell",
	.name = "linux",
	.args = "CELL.cell bzImage [-i INITRD] [-c CMDLINE] [-l LOADER]",
	.help = "create a cell and boot a Linux kernel (CONFIG_JAILHOUSE_GUEST) in it",
	.run = cmd_cell_linux,
};
