// SPDX-License-Identifier: GPL-2.0
/*
 * jh-discover: reads what a machine is made of and writes its root-cell
 * config (default), its description (--json) or a readiness report
 * (--report). See docs/discover.md.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect.h"
#include "discover.h"
#include "json-out.h"
#include "report.h"

static void usage(FILE *f)
{
	fputs("usage: jh-discover [--json | --report | -o FILE] [sources]\n"
	      "       jh-discover --collect FILE.tar.gz\n"
	      "Output (default: the root-cell config as C source on stdout):\n"
	      "  --json              machine description (docs/machine-json.md)\n"
	      "  --report            readiness report: what works, what to change\n"
	      "  -o, --output FILE   write to FILE instead of stdout\n"
	      "  --cell FILE         also write the config as a binary .cell\n"
	      "Offline sources (any of them: nothing is read from this machine):\n"
	      "  --from FILE.tar.gz  a tree made by --collect\n"
	      "  --root DIR          a collected tree (sys/, proc/, acpi/)\n"
	      "  --acpidump FILE     `acpidump` text dump\n"
	      "  --acpi-dir DIR      directory of binary ACPI tables\n"
	      "  --pci-dump FILE     `lspci -xxxx` hex dump\n"
	      "  --iomem FILE  --ioports FILE  --cmdline FILE  --cpuinfo FILE\n"
	      "                      copies of the /proc files\n"
	      "  --dmesg FILE        the boot log (dmesg, journalctl -k -b): IOAPIC pin counts\n"
	      "  -h, --help  --version\n", f);
}

enum { OPT_JSON = 256, OPT_REPORT, OPT_FROM, OPT_ROOT, OPT_ACPIDUMP,
	OPT_ACPIDIR, OPT_PCIDUMP, OPT_IOMEM, OPT_IOPORTS, OPT_CMDLINE,
	OPT_CPUINFO, OPT_COLLECT, OPT_CELL, OPT_DMESG };

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, OPT_JSON },
		{ "report", no_argument, NULL, OPT_REPORT },
		{ "output", required_argument, NULL, 'o' },
		{ "from", required_argument, NULL, OPT_FROM },
		{ "root", required_argument, NULL, OPT_ROOT },
		{ "acpidump", required_argument, NULL, OPT_ACPIDUMP },
		{ "acpi-dir", required_argument, NULL, OPT_ACPIDIR },
		{ "pci-dump", required_argument, NULL, OPT_PCIDUMP },
		{ "iomem", required_argument, NULL, OPT_IOMEM },
		{ "ioports", required_argument, NULL, OPT_IOPORTS },
		{ "cmdline", required_argument, NULL, OPT_CMDLINE },
		{ "cpuinfo", required_argument, NULL, OPT_CPUINFO },
		{ "dmesg", required_argument, NULL, OPT_DMESG },
		{ "collect", required_argument, NULL, OPT_COLLECT },
		{ "cell", required_argument, NULL, OPT_CELL },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ 0 }
	};
	struct dsc_sources src = { 0 };
	enum { OUT_CONFIG, OUT_JSON, OUT_REPORT } out = OUT_CONFIG;
	const char *from = NULL, *collect = NULL, *output = NULL, *cell = NULL;
	char reason[4400], tmpdir[4200];
	bool extracted = false;
	struct machine m;
	FILE *f = stdout;
	int c, ret;

	while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
		switch (c) {
		case OPT_JSON: out = OUT_JSON; break;
		case OPT_REPORT: out = OUT_REPORT; break;
		case 'o': output = optarg; break;
		case OPT_FROM: from = optarg; break;
		case OPT_ROOT: src.root = optarg; break;
		case OPT_ACPIDUMP: src.acpidump = optarg; break;
		case OPT_ACPIDIR: src.acpi_dir = optarg; break;
		case OPT_PCIDUMP: src.pci_dump = optarg; break;
		case OPT_IOMEM: src.iomem = optarg; break;
		case OPT_IOPORTS: src.ioports = optarg; break;
		case OPT_CMDLINE: src.cmdline = optarg; break;
		case OPT_CPUINFO: src.cpuinfo = optarg; break;
		case OPT_DMESG: src.dmesg = optarg; break;
		case OPT_COLLECT: collect = optarg; break;
		case OPT_CELL: cell = optarg; break;
		case 'h': usage(stdout); return 0;
		case 'V': printf("jh-discover %s\n", JH_VERSION); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "jh-discover: unexpected argument '%s'\n", argv[optind]);
		usage(stderr);
		return 2;
	}
	if (collect) {
		ret = collect_write(collect, reason, sizeof(reason));
		if (ret) {
			fprintf(stderr, "jh-discover: --collect: %s\n", reason);
			return 1;
		}
		fprintf(stderr, "jh-discover: wrote %s; on another machine run: jh-discover --from %s\n",
			collect, collect);
		return 0;
	}
	if (from) {
		if (src.root) {
			fprintf(stderr, "jh-discover: --from and --root both name a tree; give one\n");
			return 2;
		}
		snprintf(tmpdir, sizeof(tmpdir), "%s/jh-discover-XXXXXX",
			 getenv("TMPDIR") && getenv("TMPDIR")[0] ? getenv("TMPDIR") : "/tmp");
		if (!mkdtemp(tmpdir)) {
			fprintf(stderr, "jh-discover: cannot make a directory %s: %s (set TMPDIR to a writable directory)\n",
				tmpdir, strerror(errno));
			return 1;
		}
		extracted = true;
		ret = collect_extract(from, tmpdir, reason, sizeof(reason));
		if (ret) {
			fprintf(stderr, "jh-discover: --from %s\n", reason);
			collect_remove_tree(tmpdir);
			return 1;
		}
		src.root = tmpdir;
		src.archive = true;
	}
	src.offline = src.root || src.acpidump || src.acpi_dir ||
		      src.pci_dump || src.iomem || src.ioports ||
		      src.cmdline || src.cpuinfo || src.dmesg;
	ret = sources_resolve(&src, reason, sizeof(reason));
	if (ret) {
		fprintf(stderr, "jh-discover: %s\n", reason);
		goto out_tree;
	}
	machine_init(&m);
	discover_machine(&m, &src, from);

	if (output) {
		f = fopen(output, "w");
		if (!f) {
			fprintf(stderr, "jh-discover: cannot write %s: %s\n", output,
				strerror(errno));
			ret = 1;
			goto out_machine;
		}
	}
	switch (out) {
	case OUT_JSON:
		ret = machine_write_json(&m, f);
		break;
	case OUT_REPORT:
		ret = report_write(&m, f);
		break;
	case OUT_CONFIG:
		ret = discover_write_config(&m, f, cell, reason, sizeof(reason));
		if (ret)
			fprintf(stderr, "jh-discover: %s\n", reason);
		break;
	}
	if (f != stdout && fclose(f))
		ret = -EIO;
	if (ret == -EIO)
		fprintf(stderr, "jh-discover: write error on %s\n",
			output ? output : "stdout");
	ret = ret ? 1 : 0;
	if (!ret && out != OUT_JSON && m.warnings.n)
		fprintf(stderr, "jh-discover: %zu warning(s) about the input; see --json \"warnings\" or --report\n",
			m.warnings.n);
out_machine:
	machine_free(&m);
out_tree:
	if (extracted)
		collect_remove_tree(tmpdir);
	return ret;
}
