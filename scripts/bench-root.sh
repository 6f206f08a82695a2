#!/bin/sh
# bench-root.sh: what running under jh costs the root cell's Linux, in one
# 2-CPU Bochs boot (tests/emu/scenarios/bench-root.sh). Prints
#   bench root_overhead_ratio <workload> <enabled/disabled>
#                         fixed workloads (jh-load spawn, ipc, io) timed
#                         with the hypervisor on and off (emulated time)
#   bench root_exits_per_s <workload> <reason> <n>   exits meanwhile
#   bench exit_cycles <op> <n>      round trip of one exit (jh-exitcost.ko,
#                                   median, emulated TSC cycles)
#   bench native_cycles <op> <n>    the same operation without jh
#   bench root_idle_exits_per_s <n> the root idling (and reading sysfs)
#   bench root_idle_exits <reason> <n>   over the same 4 s window
#   bench root_overhead_ratio ipc-mwait <enabled/disabled>
#                         ipc again in a second boot whose idle CPUs poll
#                         with MWAIT as on hardware (no wake-up IPIs)
# Needs `make` first. Logs: build/e2e/bench-root/. docs/performance.md
# explains the figures.
cd "$(dirname "$0")/.." || exit 2
mkdir -p build/e2e
if ! tests/emu/run-bochs.sh --cpus 2 --scenario tests/emu/scenarios/bench-root.sh \
	--name bench-root --timeout 900 > build/e2e/.bench-root.tap 2>&1; then
	echo "bench-root.sh: the Bochs run failed:" >&2
	cat build/e2e/.bench-root.tap >&2
	exit 1
fi
# the MWAIT-idle boot: its ipc lines carry the suffix -mwait
if ! EMU_BOCHS_MWAIT_IDLE=1 tests/emu/run-bochs.sh --cpus 2 \
	--scenario tests/emu/scenarios/bench-root.sh --name bench-root-mwait \
	--cmdline "jh_bench_loads=ipc:200 jh_bench_loads_only=1" --timeout 900 \
	> build/e2e/.bench-root-mwait.tap 2>&1; then
	echo "bench-root.sh: the MWAIT-idle Bochs run failed:" >&2
	cat build/e2e/.bench-root-mwait.tap >&2
	exit 1
fi
{ tr -d '\r' < build/e2e/bench-root/serial.log
  tr -d '\r' < build/e2e/bench-root-mwait/serial.log |
	sed -n 's/^\(JH-BENCH: [a-z_]* ipc\) /\1-mwait /p'; } | awk '
	$1 != "JH-BENCH:" { next }
	$2 == "overhead" && $5 > 0 { printf "bench root_overhead_ratio %s %.3f\n", $3, $4 / $5 }
	$2 == "exits_per_s" { print "bench root_exits_per_s", $3, $4, $5 }
	$2 == "cycles_on" { print "bench exit_cycles", $3, $4 }
	$2 == "cycles_off" { print "bench native_cycles", $3, $4 }
	$2 == "idle_exits_per_s" { print "bench root_idle_exits_per_s", $3 }
	$2 == "idle_exits" { print "bench root_idle_exits", $3, $4 }'
