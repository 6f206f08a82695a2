#!/bin/sh
# bench-stress.sh [TICKS]: the RT cell's latency while the root cell is
# stressed (tests/emu/scenarios/cell-stress.sh, 4-CPU Bochs): apic-demo in
# rt for TICKS ticks (default 1000) of 1 ms with the root idle, then with
# the root under a mixed stress on both of its CPUs. Prints
#   bench rt_latency_cycles cell-4cpu p50=<n> p99=<n> max=<n>   (root idle)
#   bench rt_latency_cycles cell-stressed p50=<n> p99=<n> max=<n>
#   bench rt_cell_stressed_vmexits_per_s <n>   rt's exits beyond those of
#                                   its idle run (start-up, shut-down)
#   bench rt_stress_rounds <stressor> <n>      how much stress ran
# (emulated TSC cycles from the deadline to the handler). Needs `make`
# first. Logs: build/e2e/bench-stress/. docs/performance.md explains it.
cd "$(dirname "$0")/.." || exit 2
ticks=${1:-1000}
dir=build/e2e/bench-stress

case $ticks in
""|*[!0-9]*|0) echo "bench-stress.sh: TICKS '$ticks': give a positive number of ticks" >&2; exit 2 ;;
esac
mkdir -p build/e2e
if ! tests/emu/run-bochs.sh --cpus 4 --scenario tests/emu/scenarios/cell-stress.sh \
	--cmdline "jh_bench_ticks=$ticks" --name bench-stress --timeout 1200 \
	> build/e2e/.bench-stress.tap 2>&1; then
	echo "bench-stress.sh: the Bochs run failed:" >&2
	cat build/e2e/.bench-stress.tap >&2
	exit 1
fi
lines=$(tr -d '\r' < "$dir/serial2.log" | grep "^latency p50=.* samples=$ticks\$")
if [ "$(echo "$lines" | grep -c .)" != 2 ]; then
	echo "bench-stress.sh: want 2 latency lines for $ticks samples in $dir/serial2.log" >&2
	exit 1
fi
echo "$lines" | awk '{ sub(/ samples=.*/, ""); print "bench rt_latency_cycles",
	NR == 1 ? "cell-4cpu" : "cell-stressed", $2, $3, $4 }'
tr -d '\r' < "$dir/serial.log" | awk '
	$1 != "JH-BENCH:" { next }
	$2 == "idle_rt_exits" { idle = $3 }
	$2 == "stressed_rt_exits" { busy = $3 }
	$2 == "stressed_rt_seconds" { s = $4 - $3 }
	$2 == "stress_rounds" { print "bench rt_stress_rounds", $3, $4 }
	END { if (s > 0 && idle != "" && busy != "")
		printf "bench rt_cell_stressed_vmexits_per_s %d\n", (busy - idle) / s }'
