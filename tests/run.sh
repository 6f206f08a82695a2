#!/bin/sh
# Runs the test suites and prints one summary line: N passed, N failed[, N skipped]
#
# A suite is an executable tests/suites/<group>-<name>; it prints TAP lines
# ("ok N - what", "not ok N - what", "ok N - what # SKIP why"). A suite that
# exits non-zero without reporting a failure counts as one failed test, so a
# crash is never silent.
#   tests/run.sh            every suite
#   tests/run.sh GROUP...   only suites whose name starts with GROUP (unit, e2e, ...)
# Logs: build/test-logs/<suite>.log
cd "$(dirname "$0")/.." || exit 2
TOP=$(pwd)
export TOP
LOGS=$TOP/build/test-logs
mkdir -p "$LOGS"

pass=0 fail=0 skip=0
failed_suites=""
for s in tests/suites/*; do
	[ -x "$s" ] || continue
	name=$(basename "$s")
	if [ $# -gt 0 ]; then
		want=0
		for g in "$@"; do
			case "$name" in "$g"*) want=1 ;; esac
		done
		[ $want = 1 ] || continue
	fi
	log=$LOGS/$name.log
	echo "== $name"
	"$s" >"$log" 2>&1
	rc=$?
	p=$(grep -cE '^ok [0-9]+' "$log" | tr -d ' ')
	k=$(grep -cE '^ok [0-9]+.*# *SKIP' "$log" | tr -d ' ')
	f=$(grep -cE '^not ok [0-9]+' "$log" | tr -d ' ')
	p=$((p - k))
	grep -E '^(not ok|ok [0-9]+.*# *SKIP)' "$log" | sed 's/^/   /'
	if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "   not ok - $name exited with status $rc (see $log)"
		f=1
	fi
	[ "$f" -gt 0 ] && failed_suites="$failed_suites $name"
	echo "   $p passed, $f failed, $k skipped"
	pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + k))
done
[ -n "$failed_suites" ] && echo "failed suites:$failed_suites (logs in $LOGS)"
if [ $skip -gt 0 ]; then
	echo "$pass passed, $fail failed, $skip skipped"
else
	echo "$pass passed, $fail failed"
fi
[ $fail -eq 0 ] && [ $((pass + skip)) -gt 0 ]
