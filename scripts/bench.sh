#!/bin/sh
# `make bench`: runs every scripts/bench-*.sh; each prints "bench NAME VALUE"
# lines. Benchmarks are measurements, never pass/fail tests.
cd "$(dirname "$0")/.." || exit 2
rc=0
for b in scripts/bench-*.sh; do
	[ -x "$b" ] || continue
	"$b" || { echo "# $b failed" >&2; rc=1; }
done
exit $rc
