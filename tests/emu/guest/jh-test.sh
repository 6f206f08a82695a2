# /lib/jh-test.sh: result helpers for guest scenarios (busybox sh).
# Each result is one console line "JH-TAP: ok N - DESC" (or "not ok",
# "# SKIP why", "# comment"); the host harness turns those into the suite's
# TAP output. The counter lives in a file so /init and the scenario share it.
#   tap_ok DESC                  record a pass
#   tap_not_ok DESC [DETAIL]     record a failure (DETAIL printed as comments)
#   tap_skip DESC WHY            record a skip
#   tap_diag TEXT                a comment line the host shows too
#   tap_check DESC CMD...        pass if CMD exits 0; on failure shows its output
#   tap_check_fails DESC CMD...  pass if CMD exits non-zero
#   tap_check_output DESC REGEX CMD...
#                                pass if CMD's output (stdout+stderr) matches
#                                the extended REGEX, whatever its exit status
#   tap_kernel_log_clean         pass if dmesg has no oops, BUG, WARNING, panic
#                                since tap_kernel_log_mark (/init marks it
#                                before the scenario and checks it after)
#   have PROG                    true if PROG is in the initramfs
# After every tap_check* the command's output is in $TAP_OUT.

TAP_COUNT_FILE=/run/jh-tap.count
TAP_OUT=/tmp/jh-tap.out

# helpers use local variables (busybox ash has them): a scenario's own
# variables survive every call
tap_next()
{
	local n
	n=$(cat "$TAP_COUNT_FILE" 2>/dev/null || echo 0)
	n=$((n + 1))
	echo "$n" > "$TAP_COUNT_FILE"
	echo "$n"
}

tap_diag()
{
	echo "$*" | sed 's/^/JH-TAP: # /'
}

tap_ok()
{
	echo "JH-TAP: ok $(tap_next) - $1"
}

tap_not_ok()
{
	echo "JH-TAP: not ok $(tap_next) - $1"
	[ -n "$2" ] && tap_diag "$2"
	return 0
}

tap_skip()
{
	echo "JH-TAP: ok $(tap_next) - $1 # SKIP $2"
}

# the last lines of a failed command's output, as comments
tap_show_output()
{
	tail -n 15 "$TAP_OUT" | sed 's/^/JH-TAP: #   /'
}

tap_check()
{
	local desc rc
	desc=$1
	shift
	"$@" >"$TAP_OUT" 2>&1
	rc=$?
	if [ $rc -eq 0 ]; then
		tap_ok "$desc"
		return 0
	fi
	tap_not_ok "$desc" "command failed (status $rc): $*"
	tap_show_output
	return 1
}

tap_check_fails()
{
	local desc
	desc=$1
	shift
	if "$@" >"$TAP_OUT" 2>&1; then
		tap_not_ok "$desc" "command succeeded but should have failed: $*"
		tap_show_output
		return 1
	fi
	tap_ok "$desc"
	return 0
}

tap_check_output()
{
	local desc re rc
	desc=$1
	re=$2
	shift 2
	"$@" >"$TAP_OUT" 2>&1
	rc=$?
	if grep -qE -- "$re" "$TAP_OUT"; then
		tap_ok "$desc"
		return 0
	fi
	tap_not_ok "$desc" "output of '$*' (status $rc) does not match /$re/"
	tap_show_output
	return 1
}

# Bochs itself triggers a WARNING while booting (an XSAVE size mismatch of
# its CPU model), so only messages after the mark count.
TAP_DMESG_MARK=/run/jh-dmesg.mark
TAP_DMESG_BAD='Kernel panic|BUG:|Oops|WARNING:|general protection|Call Trace|soft lockup|hung_task'

tap_kernel_log_mark()
{
	dmesg | wc -l > "$TAP_DMESG_MARK"
}

tap_kernel_log_clean()
{
	local skip
	skip=$(cat "$TAP_DMESG_MARK" 2>/dev/null || echo 0)
	dmesg | tail -n +$((skip + 1)) > /tmp/jh-dmesg.new
	if grep -qE "$TAP_DMESG_BAD" /tmp/jh-dmesg.new; then
		tap_not_ok "kernel log has no oops, BUG or WARNING since boot"
		grep -E -B2 -A10 "$TAP_DMESG_BAD" /tmp/jh-dmesg.new | head -n 40 |
			sed 's/^/JH-TAP: #   /'
		return 1
	fi
	tap_ok "kernel log has no oops, BUG or WARNING since boot"
}

have()
{
	command -v "$1" >/dev/null 2>&1
}
