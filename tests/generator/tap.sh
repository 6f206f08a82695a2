# Shell helpers for the generator and jh-plan suites (sourced).
#   tap_ok WHAT | tap_fail WHAT | tap_skip WHAT WHY | tap_done
#   config_compile SRC.c OUT.cell   the project's config compiler
#   jh_has_config_check             build/bin/jh has `config check`
_tap_n=0
_tap_failed=0
tap_ok() { _tap_n=$((_tap_n + 1)); echo "ok $_tap_n - $*"; }
tap_fail() {
	_tap_n=$((_tap_n + 1)); _tap_failed=$((_tap_failed + 1))
	echo "not ok $_tap_n - $*"
}
tap_skip() { _tap_n=$((_tap_n + 1)); echo "ok $_tap_n - $1 # SKIP $2"; }
tap_done() { echo "1..$_tap_n"; [ $_tap_failed -eq 0 ]; }

config_compile() {
	if [ -x "$TOP/scripts/config-compile.sh" ]; then
		"$TOP/scripts/config-compile.sh" "$1" "$2"
	else
		# until the project's compiler exists: the same two steps
		${CC:-gcc} -c -O2 -I"$TOP/include" -o "$2.o" "$1" &&
			objcopy -O binary -j .data "$2.o" "$2" && rm -f "$2.o"
	fi
}

jh_has_config_check() {
	[ -x "$TOP/build/bin/jh" ] &&
		"$TOP/build/bin/jh" help 2>&1 | grep -q 'config check'
}
