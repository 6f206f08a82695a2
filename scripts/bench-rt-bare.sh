#!/bin/sh
# bench-rt-bare.sh [TICKS]: apic-demo booted bare (no hypervisor) in Bochs
# through multiboot, TICKS timer ticks (default 1000) of 1 ms; prints the
# deadline-to-handler latency distribution in emulated TSC cycles as
#   bench rt_latency_cycles bare p50=<n> p99=<n> max=<n>
# Needs `make` first (build/inmates/apic-demo.bin). Logs: build/e2e/bench-rt-bare/
TOP=$(cd "$(dirname "$0")/.." && pwd)
ticks=${1:-1000}
image=$TOP/build/inmates/apic-demo.bin
log=$TOP/build/e2e/bench-rt-bare/serial.log

case $ticks in
""|*[!0-9]*|0) echo "bench-rt-bare.sh: TICKS '$ticks': give a positive number of ticks" >&2; exit 2 ;;
esac
if [ ! -f "$image" ]; then
	echo "bench-rt-bare.sh: $image is missing; run make first" >&2
	exit 1
fi
mkdir -p "$TOP/build/e2e"
if ! "$TOP/tests/emu/run-bochs.sh" --cpus 1 --multiboot "$image" \
	--args "ticks=$ticks period_us=1000 report=0 idle=poll" --name bench-rt-bare \
	--timeout 600 --stop-on ': finished \(status' \
	>"$TOP/build/e2e/.bench-rt-bare.tap" 2>&1; then
	echo "bench-rt-bare.sh: the Bochs run failed:" >&2
	cat "$TOP/build/e2e/.bench-rt-bare.tap" >&2
	exit 1
fi
line=$(tr -d '\r' <"$log" | grep '^latency p50=' | tail -n 1)
set -- $(echo "$line" | sed -n 's/^latency p50=\([0-9]*\) p99=\([0-9]*\) max=\([0-9]*\) samples=\([0-9]*\)$/\1 \2 \3 \4/p')
if [ $# -ne 4 ] || [ "$4" -ne "$ticks" ]; then
	echo "bench-rt-bare.sh: no latency line for $ticks samples in $log (got '$line')" >&2
	exit 1
fi
echo "bench rt_latency_cycles bare p50=$1 p99=$2 max=$3"
