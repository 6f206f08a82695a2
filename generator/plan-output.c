// SPDX-License-Identifier: GPL-2.0
/*
 * A plan's results: the validator run over the generated configs, the
 * hypervisor memory formula, and the files of the output directory
 * (sysconfig.c/.cell, NAME.c/.cell, cmdline.txt, plan.txt).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jh/config-walk.h>

#include "config-check.h"
#include "config-names.h"
#include "plan.h"

struct blobs {
	void *sys, *rt;
	size_t sys_size, rt_size;
};

static void free_blobs(struct blobs *b)
{
	free(b->sys);
	free(b->rt);
}

static int make_blobs(struct plan *p, struct blobs *b)
{
	int err;

	memset(b, 0, sizeof(*b));
	err = jhgen_system_blob(&p->sys, &b->sys, &b->sys_size);
	if (!err)
		err = jhgen_cell_blob(&p->rt, &b->rt, &b->rt_size);
	return err;
}

static void report_finding(const struct jh_finding *f, void *opaque)
{
	struct plan *p = opaque;
	char fix[JH_FINDING_TEXT + 8];

	snprintf(fix, sizeof(fix), "fix: %s", f->fix);
	plan_add(p, f->severity == JH_SEV_ERROR ? PLAN_ERROR : PLAN_WARNING,
		 "validator", fix, "%s: %s: %s (rule %s)", f->file, f->field,
		 f->message, f->rule);
}

/* The formula of config-check.h, from the validator's own numbers */
static uint64_t hv_need(const struct plan *p, const struct blobs *b,
			char *formula, size_t size)
{
	const struct jh_cell_desc *root = jh_sys_root_cell(b->sys);
	bool iommu = p->sys.iommus.count > 0;
	uint64_t cpus = jhgen_cell_num_cpus(&p->sys.root);
	uint64_t pt_root = jh_cell_paging_bytes(root, iommu);
	uint64_t pt_rt = jh_cell_paging_bytes(b->rt, iommu);
	uint64_t cells = 2 + (uint64_t)p->num_others, pt_others = 0, need;
	char others[48] = "";
	int i;

	for (i = 0; i < p->num_others; i++)
		pt_others += jh_cell_paging_bytes(p->others[i].blob, iommu);
	if (p->num_others)
		snprintf(others, sizeof(others), " + other cells %" PRIu64 " KiB",
			 pt_others / 1024);
	need = JH_HV_MEM_FIXED + JH_HV_MEM_PER_CPU * cpus +
	       JH_HV_MEM_PER_CELL * cells + pt_root + pt_rt + pt_others;
	snprintf(formula, size,
		 "%" PRIu64 " KiB fixed + %" PRIu64 " KiB x %" PRIu64 " CPUs + %" PRIu64
		 " KiB x %" PRIu64 " cells + page tables (4 KiB pages%s) root %" PRIu64
		 " KiB + %s %" PRIu64 " KiB%s",
		 (uint64_t)JH_HV_MEM_FIXED / 1024,
		 (uint64_t)JH_HV_MEM_PER_CPU / 1024, cpus,
		 (uint64_t)JH_HV_MEM_PER_CELL / 1024, cells,
		 iommu ? ", DMA regions twice for the IOMMU" : "",
		 pt_root / 1024, p->req->name, pt_rt / 1024, others);
	return need;
}

int plan_validate(struct plan *p)
{
	struct jh_config_blob sys, *cells;
	char formula[400], cell_name[64];
	struct blobs b;
	int i, err;

	cells = calloc((size_t)p->num_others + 1, sizeof(*cells));
	if (!cells)
		return -ENOMEM;
	err = make_blobs(p, &b);
	if (err) {
		free(cells);
		return err;
	}
	plan_check_hv_memory(p, hv_need(p, &b, formula, sizeof(formula)),
			     formula);
	snprintf(cell_name, sizeof(cell_name), "%s.cell", p->req->name);
	sys = (struct jh_config_blob){ "sysconfig.cell", b.sys, b.sys_size };
	cells[0] = (struct jh_config_blob){ cell_name, b.rt, b.rt_size };
	for (i = 0; i < p->num_others; i++)
		cells[i + 1] = (struct jh_config_blob){
			p->others[i].file, p->others[i].blob, p->others[i].size };
	if (!jh_check_cells(&sys, cells, (unsigned int)p->num_others + 1,
			    report_finding, p, NULL))
		plan_add(p, PLAN_OK, "validator", NULL,
			 "jh config check accepts sysconfig.cell + %s%s",
			 cell_name, p->num_others ? " + the cells planned before" : "");
	free_blobs(&b);
	free(cells);
	return 0;
}

static void cpu_list(char *buf, size_t size, const int *cpus, int n)
{
	uint64_t set[PLAN_MAX_CPUS / 64] = { 0 };
	int i;

	for (i = 0; i < n; i++)
		set[cpus[i] / 64] |= 1ULL << (cpus[i] % 64);
	jh_format_cpu_set(buf, size, set, PLAN_MAX_CPUS);
}

/* The kernel parameters, plain or with $ escaped for /etc/default/grub */
static void kernel_params(const struct plan *p, char *buf, size_t size,
			  bool grub)
{
	char sz[24];
	const char *iommu = "";
	int i;

	for (i = 0; i < p->m->num_iommus; i++)
		iommu = p->m->iommus[i].amd ? " amd_iommu=off" : " intel_iommu=off intremap=off";
	plan_format_size(sz, sizeof(sz), p->res_size);
	snprintf(buf, size, "memmap=%s%s0x%" PRIx64 "%s", sz,
		 grub ? "\\\\\\$" : "$", p->res_base, iommu);
}

static void write_summary(const struct plan *p, FILE *f)
{
	const struct plan_request *r = p->req;
	char cpus[256], sz[24], params[128];
	int i;

	cpu_list(cpus, sizeof(cpus), r->cpus, r->num_cpus);
	fprintf(f, "jh plan for %s\n", p->m->title);
	fprintf(f, "machine description: %s\n", p->m->path);
	fprintf(f, "request: %s\n\n", r->command_line);

	plan_format_size(sz, sizeof(sz), p->rt_size);
	fprintf(f, "RT cell \"%s\"\n", r->name);
	fprintf(f, "  CPUs:      %s\n", cpus);
	fprintf(f, "  RAM:       %s at 0x%" PRIx64 " (guest 0x0-0xfffff and 0x%llx-0x%" PRIx64 ", loadable)\n",
		sz, p->rt_base, PLAN_HIGH_RAM, p->rt_size - 1);
	fprintf(f, "  comm:      guest 0x%llx (one page)\n", PLAN_COMM_REGION);
	if (p->shmem_size) {
		plan_format_size(sz, sizeof(sz), p->shmem_size);
		fprintf(f, "  shared:    %s at 0x%" PRIx64 " (guest 0x%llx), link %u: two "
			"sections, the root's then the cell's (each writes only its "
			"own), doorbell vector 0x%x; /dev/jh-shmem%u in the root\n",
			sz, p->shmem_base, PLAN_SHMEM_GUEST, PLAN_SHMEM_LINK_ID,
			PLAN_SHMEM_VECTOR, PLAN_SHMEM_LINK_ID);
	}
	if (r->console_port >= 0)
		fprintf(f, "  console:   8250 UART at port 0x%x\n", r->console_port);
	else
		fprintf(f, "  console:   none\n");
	fprintf(f, "  devices:  ");
	for (i = 0; i < r->num_devices; i++)
		fprintf(f, " %s", r->devices[i]);
	fprintf(f, "%s\n", r->num_devices ? "" : " none");

	for (i = 0; i < p->num_others; i++)
		fprintf(f, "Cell \"%.32s\" planned before: %s (kept)\n",
			((const struct jh_cell_desc *)p->others[i].blob)->name,
			p->others[i].file);
	fprintf(f, "Root cell\n  CPUs:      all %u until cells take theirs; all other memory, ports and devices\n",
		jhgen_cell_num_cpus(&p->sys.root));
	plan_format_size(sz, sizeof(sz), p->hv_size);
	fprintf(f, "Hypervisor memory: %s at 0x%" PRIx64 "\n", sz, p->hv_base);
	kernel_params(p, params, sizeof(params), false);
	fprintf(f, "Kernel parameters: %s (%s)\n\n", params,
		p->res_new ? "new: add them and reboot before jh enable" :
			     "the reservation is already in place");
}

static void write_findings(const struct plan *p, FILE *f)
{
	int i;

	fprintf(f, "Checks\n");
	for (i = 0; i < p->num_findings; i++) {
		const struct plan_finding *x = &p->findings[i];

		fprintf(f, "  %-8s %-13s %s\n", plan_severity_name(x->severity),
			x->check, x->message ? x->message : "(out of memory)");
		if (x->fix)
			fprintf(f, "  %-8s %-13s %s\n", "", "", x->fix);
	}
	fprintf(f, "\nResult: %d errors, %d warnings\n",
		plan_count(p, PLAN_ERROR), plan_count(p, PLAN_WARNING));
}

void plan_print_summary(const struct plan *p, FILE *f)
{
	write_summary(p, f);
	write_findings(p, f);
}

static int write_text(const char *dir, const char *name,
		      void (*fn)(const struct plan *p, FILE *f),
		      const struct plan *p)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "jh-plan: %s: cannot create: %s; fix: check that --out names a writable directory\n",
			path, strerror(errno));
		return -errno;
	}
	fn(p, f);
	if (fclose(f)) {
		fprintf(stderr, "jh-plan: %s: write failed: %s\n", path,
			strerror(errno));
		return -EIO;
	}
	return 0;
}

static void write_plan_txt(const struct plan *p, FILE *f)
{
	plan_print_summary(p, f);
	if (plan_count(p, PLAN_ERROR)) {
		fprintf(f, "\nNo configs were written: fix the errors above and run jh-plan again.\n");
		return;
	}
	fprintf(f, "\nFiles: sysconfig.c sysconfig.cell %s.c %s.cell cmdline.txt plan.txt\n",
		p->req->name, p->req->name);
	fprintf(f, "Use:\n");
	if (p->res_new)
		fprintf(f, "  add the parameters of cmdline.txt to the kernel command line and reboot\n");
	fprintf(f, "  jh enable sysconfig.cell\n");
	fprintf(f, "  jh cell create %s.cell\n", p->req->name);
	fprintf(f, "  jh cell load %s INMATE.bin\n", p->req->name);
	fprintf(f, "  jh cell start %s\n", p->req->name);
}

static void write_cmdline_txt(const struct plan *p, FILE *f)
{
	char plain[128], grub[128];

	kernel_params(p, plain, sizeof(plain), false);
	kernel_params(p, grub, sizeof(grub), true);
	fprintf(f, "# kernel parameters of this jh plan (plan.txt says why)\n");
	fprintf(f, "%s\n", plain);
	fprintf(f, "# the same for GRUB_CMDLINE_LINUX in /etc/default/grub ($ escaped)\n");
	fprintf(f, "%s\n", grub);
	fprintf(f, "# memmap=: the hypervisor's memory and the RT cell's RAM, hidden from Linux\n");
	if (strstr(plain, "iommu=off"))
		fprintf(f, "# iommu=off: the hypervisor drives the IOMMU, Linux must not\n");
	fprintf(f, "# %s\n", p->res_new ?
		"not in effect yet: add these and reboot before `jh enable`" :
		"the memmap= reservation is already on this machine's command line");
}

static int save_configs(struct plan *p, const char *dir)
{
	char c_path[4096], cell_path[4096], reason[512], desc[1024];
	int err;

	snprintf(desc, sizeof(desc),
		 "System config for %s: the root cell is the one jh-discover's\n"
		 "policy (discover/root-policy.c) decided, with this plan's memmap=\n"
		 "reservation and the RAM of cell \"%s\" (plan.txt beside this file\n"
		 "says why). Generated by jh-plan from %s\n"
		 "request: %s",
		 p->m->title, p->req->name, p->m->path, p->req->command_line);
	snprintf(c_path, sizeof(c_path), "%s/sysconfig.c", dir);
	snprintf(cell_path, sizeof(cell_path), "%s/sysconfig.cell", dir);
	err = jhgen_system_save(&p->sys, desc, c_path, cell_path, reason,
				sizeof(reason));
	if (err)
		goto fail;
	snprintf(desc, sizeof(desc),
		 "RT cell \"%s\" for %s.\n"
		 "Generated by jh-plan from %s\n"
		 "request: %s",
		 p->req->name, p->m->title, p->m->path, p->req->command_line);
	snprintf(c_path, sizeof(c_path), "%s/%s.c", dir, p->req->name);
	snprintf(cell_path, sizeof(cell_path), "%s/%s.cell", dir, p->req->name);
	err = jhgen_cell_save(&p->rt, desc, c_path, cell_path, reason,
			      sizeof(reason));
	if (!err)
		return 0;
fail:
	fprintf(stderr, "jh-plan: %s\n", reason);
	return err;
}

/*
 * A refused plan leaves no configs of an earlier run of this cell behind;
 * the system config goes too unless other cells still rely on it.
 */
static void remove_stale(const struct plan *p, const char *dir)
{
	const char *fixed[] = { "sysconfig.c", "sysconfig.cell", "cmdline.txt" };
	char path[4096];
	size_t i;

	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]) && !p->num_others; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, fixed[i]);
		unlink(path);
	}
	snprintf(path, sizeof(path), "%s/%s.c", dir, p->req->name);
	unlink(path);
	snprintf(path, sizeof(path), "%s/%s.cell", dir, p->req->name);
	unlink(path);
}

int plan_write(struct plan *p, const char *dir)
{
	int err;

	if (mkdir(dir, 0755) && errno != EEXIST) {
		fprintf(stderr, "jh-plan: %s: cannot create the directory: %s; fix: give --out a path whose parent exists\n",
			dir, strerror(errno));
		return -errno;
	}
	if (plan_count(p, PLAN_ERROR)) {
		remove_stale(p, dir);
	} else {
		err = save_configs(p, dir);
		if (err)
			return err;
		err = write_text(dir, "cmdline.txt", write_cmdline_txt, p);
		if (err)
			return err;
	}
	return write_text(dir, "plan.txt", write_plan_txt, p);
}
