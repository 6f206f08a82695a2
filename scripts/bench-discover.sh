#!/bin/sh
# Benchmark: offline discovery of the largest corpus machine (the most
# files: ACPI tables, PCI devices, iomem) to its --json description,
# wall-clock median of 9 runs. Prints "bench discover_ms <n>" (a
# measurement, not a pass/fail test; the machine is shared, so the median).
TOP=$(cd "$(dirname "$0")/.." && pwd)
BIN=$TOP/build/bin/jh-discover
. "$TOP/tests/corpus/select.sh"
RUNS=9

if [ ! -x "$BIN" ] || [ ! -d "$CORPUS" ]; then
	echo "bench-discover: needs build/bin/jh-discover (make) and the corpus at $CORPUS" >&2
	exit 1
fi
largest=""
most=0
for d in "$CORPUS"/*/raw; do
	[ -d "$d" ] || continue
	n=$(find "$d" -type f | wc -l)
	if [ "$n" -gt "$most" ]; then most=$n; largest=$d; fi
done
[ -n "$largest" ] || { echo "bench-discover: no collected tree in the corpus" >&2; exit 1; }

times=""
for i in $(seq $RUNS); do
	t0=$(date +%s%N)
	"$BIN" --root "$largest" --json >/dev/null 2>&1
	t1=$(date +%s%N)
	times="$times $(( (t1 - t0) / 1000000 ))"
done
median=$(echo $times | tr ' ' '\n' | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")
echo "# $(basename "$(dirname "$largest")"): $most files, --json, runs:$times ms" >&2
echo "bench discover_ms $median"
