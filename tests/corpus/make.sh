#!/bin/sh
# Rebuilds tests/corpus/ from the full hardware corpus (default
# ../shared/corpus beside the project, or the directory given): for every
# machine only the files jh-discover, jh-plan and the tests read, with the
# acpidump cut down to the tables jh-discover decodes. The result is what
# `make check` and `make bench` use on a clone without the full corpus.
# Usage: tests/corpus/make.sh [FULL_CORPUS_DIR]
set -eu
TOP=$(cd "$(dirname "$0")/../.." && pwd)
SRC=${1:-$TOP/../shared/corpus}
DST=$TOP/tests/corpus
# the ACPI tables jh-discover parses (discover/acpi-load.c) and the root
# pointers it follows to find them
TABLES="RSDP RSDT XSDT APIC MCFG DMAR IVRS HPET FACP SRAT SLIT"

[ -d "$SRC/machines" ] || { echo "make.sh: no corpus at $SRC" >&2; exit 1; }
rm -rf "$DST/machines"
mkdir -p "$DST/machines"

# acpidump text: blocks "SIG @ 0xADDR" up to the blank line; keep ours
trim_acpidump() {
	awk -v keep=" $TABLES " '
		/^.... @ 0x/ { on = index(keep, " " substr($0, 1, 4) " ") > 0 }
		on { print }' "$1"
}

for dir in "$SRC"/machines/*/; do
	m=$(basename "$dir")
	out=$DST/machines/$m
	mkdir -p "$out"
	[ -f "$dir/acpidump.txt" ] && trim_acpidump "$dir/acpidump.txt" >"$out/acpidump.txt"
	for f in truth.json meta.json dmesg.txt dmesg.excerpt.txt iomem.txt ioports.txt \
		 cpuinfo.txt cmdline.txt lspci-xxxx.txt lspci-vvvnn.from-dump.txt; do
		[ -f "$dir/$f" ] && cp "$dir/$f" "$out/$f"
	done
	# Jailhouse's reference root configs (the coverage checks), not its logs
	for ref in "$dir"/jailhouse/*.c; do
		[ -f "$ref" ] || continue
		mkdir -p "$out/jailhouse"
		cp "$ref" "$out/jailhouse/"
	done
	[ -d "$dir/raw" ] && cp -r "$dir/raw" "$out/"
done
# the EPYC's 1.3 MB lspci dump repeats the PCI config space of its
# collected tree (raw/), which is what the tests read for that machine
rm -f "$DST/machines/jh-gigabyte-mz01-ce1-epyc/lspci-xxxx.txt"
cp "$SRC/INDEX.tsv" "$SRC/PROVENANCE.tsv" "$DST/"
chmod -R u+w,go-w,a+rX "$DST"
find "$DST/machines" -type f -exec chmod a-x {} +
du -sh --apparent-size "$DST/machines"
