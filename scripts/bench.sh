#!/bin/sh
# make bench: runs every scripts/bench-*.sh and prints the lines they report
# in the form "bench <name> <value...>" (tracked from release to release).
# Each script's whole output is kept in build/bench/<script>.log. Exit 1 if
# a benchmark script failed or reported nothing.
cd "$(dirname "$0")/.." || exit 2
mkdir -p build/bench
rc=0 found=0
for b in scripts/bench-*.sh; do
	[ -x "$b" ] || continue
	found=1
	name=$(basename "$b" .sh)
	log=build/bench/$name.log
	echo "# $name"
	"$b" >"$log" 2>&1
	st=$?
	grep -E '^bench [A-Za-z0-9_]+ ' "$log" > "$log.lines"
	cat "$log.lines"
	if [ $st -ne 0 ] || [ ! -s "$log.lines" ]; then
		echo "bench.sh: $b failed (status $st) or reported no 'bench' line; see $log" >&2
		rc=1
	fi
	rm -f "$log.lines"
done
[ $found = 1 ] || echo "bench.sh: no scripts/bench-*.sh yet" >&2
exit $rc
