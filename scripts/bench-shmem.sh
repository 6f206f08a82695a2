#!/bin/sh
# bench-shmem.sh [PINGS]: shared-memory round trips between the root and
# apic-demo in an RT cell of the 2-CPU Bochs machine
# (tests/emu/scenarios/shmem-bench.sh, docs/shmem.md), PINGS pings
# (default 10000) with checked content. Prints
#   bench shm_rtt_cycles p50=<n> p99=<n> max=<n>   root -> cell -> root, TSC cycles
#   bench shm_exits_per_msg root=<x> cell=<y>      VM exits per message on each side
# Needs `make` first. Logs: build/e2e/bench-shmem/
cd "$(dirname "$0")/.." || exit 2
. tests/emu/lib.sh
pings=${1:-10000}
dir=build/e2e/bench-shmem

case $pings in
""|*[!0-9]*|0) echo "bench-shmem.sh: PINGS '$pings': give a positive number" >&2; exit 2 ;;
esac
mkdir -p build/e2e
if ! tests/emu/run-bochs.sh --cpus 2 --scenario tests/emu/scenarios/shmem-bench.sh \
	--cmdline "jh_bench_pings=$pings" --name bench-shmem --timeout 1200 \
	> build/e2e/.bench-shmem.tap 2>&1; then
	echo "bench-shmem.sh: the Bochs run failed:" >&2
	cat build/e2e/.bench-shmem.tap >&2
	exit 1
fi
tr -d '\r' < "$dir/serial.log" | sed -n 's/^JH-BENCH: \(shm_[a-z_]*\) \(.*\)$/bench \1 \2/p'
