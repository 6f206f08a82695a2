#!/bin/sh
# Benchmark of the hypervisor: its size (the code lines of everything the
# Intel build links, hypervisor/ plus common/, counted without blank and
# comment lines, in all and per part; and the size of jh.bin) and the VM
# exits per reason during a fixed root-cell workload in Bochs
# (tests/emu/scenarios/bench-exits.sh; the exit counts of the sysfs reads
# themselves are included). Prints
#   bench hypervisor_sloc <n>        (hypervisor/ + common/)
#   bench hypervisor_core_sloc <n>   (hypervisor/ alone: the budget's count)
#   bench hypervisor_part_sloc <part> <n>   (core, x86, vmx, iommu-none,
#                                    include = the seams, common = validator)
#   bench hypervisor_bin_bytes <n>   bench hv_exits_<reason> <n>
cd "$(dirname "$0")/.." || exit 2
. tests/emu/lib.sh

# code lines: the preprocessor drops the comments, grep the blank lines
sloc()
{
	for f in "$@"; do
		gcc -fpreprocessed -dD -E -P -x c "$f" 2>/dev/null
	done | grep -cv '^[[:space:]]*$'
}

[ -f build/hypervisor/jh.bin ] || { echo "bench-hypervisor: build/hypervisor/jh.bin missing: run make" >&2; exit 1; }
hv_files=$(find hypervisor -name '*.[chS]' | sort)
core=$(sloc $hv_files)
all=$(sloc $hv_files common/*.c common/*.h)
echo "bench hypervisor_sloc $all"
echo "bench hypervisor_core_sloc $core"
for part in hypervisor/*/; do
	part=${part%/}
	echo "bench hypervisor_part_sloc ${part#hypervisor/} $(sloc $(find "$part" -name '*.[chS]' | sort))"
done
echo "bench hypervisor_part_sloc common $(sloc common/*.c common/*.h)"
echo "bench hypervisor_bin_bytes $(stat -c %s build/hypervisor/jh.bin)"

mkdir -p build/bench
tests/emu/run-bochs.sh --cpus 2 --scenario tests/emu/scenarios/bench-exits.sh \
	--name bench-hypervisor --timeout 600 > build/bench/bench-hypervisor.tap 2>&1 || {
	echo "bench-hypervisor: the Bochs run failed: see build/bench/bench-hypervisor.tap" >&2
	exit 1
}
sed -n 's/^JH-BENCH: exits_\([a-z_]*\) \([0-9]*\).*/bench hv_exits_\1 \2/p' \
	build/e2e/bench-hypervisor/serial.log
