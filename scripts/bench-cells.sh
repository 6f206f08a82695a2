#!/bin/sh
# bench-cells.sh [TICKS]: apic-demo in the RT cell of the 2-CPU Bochs
# machine (tests/emu/scenarios/cell-bench.sh), TICKS timer ticks (default
# 1000, as scripts/bench-rt-bare.sh runs it bare) of 1 ms. Prints
#   bench rt_cell_vmexits_per_s <n>      VM exits per second in the cell
#   bench root_vmexits_per_s <n>         ... in the root cell meanwhile
#   bench rt_latency_cycles cell p50=<n> p99=<n> max=<n>
# (latency from the programmed TSC deadline to the handler, emulated TSC
# cycles). Needs `make` first. Logs: build/e2e/bench-cells/
cd "$(dirname "$0")/.." || exit 2
. tests/emu/lib.sh
ticks=${1:-1000}
dir=build/e2e/bench-cells

case $ticks in
""|*[!0-9]*|0) echo "bench-cells.sh: TICKS '$ticks': give a positive number of ticks" >&2; exit 2 ;;
esac
mkdir -p build/e2e
if ! tests/emu/run-bochs.sh --cpus 2 --scenario tests/emu/scenarios/cell-bench.sh \
	--cmdline "jh_bench_ticks=$ticks" --name bench-cells --timeout 900 \
	> build/e2e/.bench-cells.tap 2>&1; then
	echo "bench-cells.sh: the Bochs run failed:" >&2
	cat build/e2e/.bench-cells.tap >&2
	exit 1
fi
tr -d '\r' < "$dir/serial.log" |
	sed -n 's/^JH-BENCH: \([a-z_]*_per_s\) \([0-9]*\)$/bench \1 \2/p'
line=$(tr -d '\r' < "$dir/serial2.log" | grep "^latency p50=.* samples=$ticks\$" | tail -n 1)
set -- $(echo "$line" | sed -n 's/^latency p50=\([0-9]*\) p99=\([0-9]*\) max=\([0-9]*\) samples=.*/\1 \2 \3/p')
if [ $# -ne 3 ]; then
	echo "bench-cells.sh: no latency line for $ticks samples in $dir/serial2.log" >&2
	exit 1
fi
echo "bench rt_latency_cycles cell p50=$1 p99=$2 max=$3"
