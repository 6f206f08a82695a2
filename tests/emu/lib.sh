# Host-side helpers shared by the emulator scripts and the e2e suites
# (POSIX sh; sourced, not run). See tests/emu/README.md for the interface.

# sh cannot tell a sourced file its own path: look beside the script, then
# from tests/suites/ and scripts/
if [ -z "$EMU_DIR" ]; then
	for d in "$(dirname "$0")" "$(dirname "$0")/../emu" "$(dirname "$0")/../tests/emu"; do
		[ -f "$d/lib.sh" ] && EMU_DIR=$(cd "$d" && pwd) && break
	done
fi
TOP=${TOP:-$(cd "$EMU_DIR/../.." && pwd)}
export TOP
# Kernel command line of every guest: console on COM1, the hypervisor
# memory reservation of the memory plan (docs/testing.md), no reboot loop.
EMU_CMDLINE_BASE="console=ttyS0,115200 quiet memmap=32M\$0x3d000000 panic=-1"
# Bochs: its TSC counts instructions (ips), so tell Linux that rate instead
# of the 3.5 GHz the CPU model claims; MWAIT idle hangs its SMP guests,
# unless EMU_BOCHS_MWAIT_IDLE=1, where MWAIT does not sleep (Bochs'
# mwait_is_nop): idle CPUs then poll as Linux's MWAIT idle does on
# hardware, where waking them takes no IPI (scripts/bench-root.sh)
EMU_IPS=10000000
EMU_CMDLINE_BOCHS="idle=halt tsc_early_khz=$((EMU_IPS / 1000))"
[ "${EMU_BOCHS_MWAIT_IDLE:-0}" = 1 ] && EMU_CMDLINE_BOCHS="tsc_early_khz=$((EMU_IPS / 1000))"

emu_die()
{
	echo "$(basename "$0"): $*" >&2
	exit 2
}

# prints the guest kernel cache dir (bzImage + tree/), building it on the
# first call; JOBS is capped at 2 because the machine is shared
emu_kernel_dir()
{
	if [ -z "$EMU_KERNEL_DIR" ]; then
		EMU_KERNEL_DIR=$(JOBS=${JOBS:-2} "$EMU_DIR/build-guest-kernel.sh") ||
			emu_die "guest kernel build failed (see the messages above)"
	fi
	echo "$EMU_KERNEL_DIR"
}

# The run loop. emu_watch PID TIMEOUT RUNDIR: waits until the emulator PID
# exits, the done marker appears in a serial log (then gives it EMU_GRACE
# seconds, default 5, to power off), a --stop-on pattern or a kernel panic appears, or TIMEOUT seconds
# pass; kills the emulator if it is still there. Sets EMU_END to why it
# stopped (exit, done, stop, panic, timeout) and EMU_SECS to the wall time.
# On a timeout it first calls $EMU_ON_TIMEOUT PID if set.
emu_watch()
{
	pid=$1 limit=$2 dir=$3
	start=$(date +%s)
	EMU_END=timeout
	grace=""
	while :; do
		if ! kill -0 "$pid" 2>/dev/null; then
			EMU_END="exit"
			grep -qs '^JH-DONE' "$dir/serial.log" "$dir/serial2.log" && EMU_END="done"
			break
		fi
		now=$(date +%s)
		if [ -z "$grace" ] && grep -qs '^JH-DONE' "$dir/serial.log" "$dir/serial2.log"; then
			grace=$((now + ${EMU_GRACE:-5}))
		fi
		if [ -n "$grace" ] && [ "$now" -ge "$grace" ]; then
			EMU_END="done"
			break
		fi
		if [ -n "$EMU_STOP_ON" ] && grep -qsE "$EMU_STOP_ON" "$dir/serial.log" "$dir/serial2.log"; then
			sleep 1
			EMU_END=stop
			break
		fi
		if grep -qs 'Kernel panic - not syncing' "$dir/serial.log"; then
			sleep 1
			EMU_END=panic
			break
		fi
		[ $((now - start)) -ge "$limit" ] && break
		sleep 0.5
	done
	EMU_SECS=$(($(date +%s) - start))
	# run-bochs.sh: where every CPU was when the guest hung
	[ $EMU_END = timeout ] && [ -n "$EMU_ON_TIMEOUT" ] && $EMU_ON_TIMEOUT "$pid"
	# the emulator may sit below script(1) and a shell: end all of them,
	# or a Bochs left at its debugger prompt would outlive the run
	procs=$(descendants "$pid")
	kill $procs 2>/dev/null
	for i in 1 2 3 4 5 6; do
		alive=""
		for p in $procs; do kill -0 "$p" 2>/dev/null && alive="$alive $p"; done
		[ -z "$alive" ] && break
		sleep 0.5
	done
	[ -n "$alive" ] && kill -9 $alive 2>/dev/null
	wait "$pid" 2>/dev/null
	return 0
}

# descendants PID: PID and every process below it
descendants()
{
	echo "$1"
	for c in $(ps -o pid= --ppid "$1"); do
		descendants "$c"
	done
}

# emu_judge NAME RUNDIR: prints the run's TAP lines (numbered from 1): every
# "JH-TAP: " line the guest wrote to COM1 or COM2, then one line for the run
# itself and every --expect pattern. Returns 0 if nothing failed.
emu_judge()
{
	name=$1 dir=$2
	rel=${dir#"$TOP"/}
	sed -n 's/^JH-TAP: //p' "$dir/serial.log" "$dir/serial2.log" 2>/dev/null | tr -d '\r' |
		awk -v name="$name" '
		/^(not )?ok/ {
			sub(/^(not )?ok( [0-9]+)?( -)? ?/, "&\001")
			split($0, p, "\001")
			st = (p[1] ~ /^not/) ? "not ok" : "ok"
			printf "%s %d - %s: %s\n", st, ++n, name, p[2]
			next
		}
		/^#/ { print; next }' > "$dir/tap.txt"
	n=$(grep -c '^\(not \)\?ok' "$dir/tap.txt")
	case $EMU_END in
	done|stop) echo "ok $((n + 1)) - $name: guest finished in ${EMU_SECS}s" >> "$dir/tap.txt" ;;
	panic) echo "not ok $((n + 1)) - $name: kernel panic after ${EMU_SECS}s (see $rel/serial.log)" >> "$dir/tap.txt" ;;
	timeout)
		echo "not ok $((n + 1)) - $name: no done marker within ${EMU_SECS}s timeout (see $rel/serial.log)" >> "$dir/tap.txt"
		[ -s "$dir/cpus-at-timeout.txt" ] &&
			sed 's/^/#   CPU at timeout: /' "$dir/cpus-at-timeout.txt" >> "$dir/tap.txt"
		;;
	exit) echo "not ok $((n + 1)) - $name: emulator exited after ${EMU_SECS}s without the done marker (see $rel/serial.log, $rel/emulator.log)" >> "$dir/tap.txt" ;;
	esac
	n=$((n + 1))
	# EMU_EXPECT: one extended regex per line (run-*.sh --expect)
	printf '%s\n' "$EMU_EXPECT" | while IFS= read -r re; do
		[ -n "$re" ] || continue
		n=$((n + 1))
		if grep -qsE -- "$re" "$dir/serial.log" "$dir/serial2.log" "$dir/e9.log"; then
			echo "ok $n - $name: output matches /$re/"
		else
			echo "not ok $n - $name: no output matches /$re/ (see $rel/)"
		fi
	done >> "$dir/tap.txt"
	cat "$dir/tap.txt"
	if grep -q '^not ok' "$dir/tap.txt"; then
		echo "# $name failed: logs in $rel/"
		return 1
	fi
	echo "# $name: logs in $rel/"
	return 0
}

# Suites: tap_import FILE appends FILE's TAP lines to the suite's own
# numbering (TAP_N); tap_line STATUS DESC prints one line of the suite.
TAP_N=0
tap_import()
{
	while IFS= read -r l; do
		case $l in
		"not ok "*) TAP_N=$((TAP_N + 1)); echo "not ok $TAP_N - ${l#* - }" ;;
		"ok "*) TAP_N=$((TAP_N + 1)); echo "ok $TAP_N - ${l#* - }" ;;
		*) echo "$l" ;;
		esac
	done < "$1"
}

tap_line()
{
	TAP_N=$((TAP_N + 1))
	echo "$1 $TAP_N - $2"
}

# emu_args EMU "$@": the options run-bochs.sh and run-qemu.sh share; sets
# CPUS SCENARIO MBOOT ARGS EXTRA TIMEOUT NAME EMU_EXPECT EMU_STOP_ON
emu_args()
{
	emu=$1
	shift
	CPUS=2 SCENARIO="" MBOOT="" ARGS="" EXTRA="" TIMEOUT="" NAME=""
	EMU_EXPECT="" EMU_STOP_ON=""
	while [ $# -gt 0 ]; do
		[ $# -ge 2 ] || emu_die "option '$1' needs a value"
		case $1 in
		--cpus) CPUS=$2 ;;
		--scenario) SCENARIO=$2 ;;
		--multiboot) MBOOT=$2 ;;
		--args) ARGS=$2 ;;
		--cmdline) EXTRA=$2 ;;
		--timeout) TIMEOUT=$2 ;;
		--name) NAME=$2 ;;
		--expect) EMU_EXPECT="$EMU_EXPECT
$2" ;;
		--stop-on) EMU_STOP_ON=$2 ;;
		*) emu_die "unknown option '$1' (see the usage at the top of $0)" ;;
		esac
		shift 2
	done
	case $CPUS in
	[1-8]) ;;
	*) emu_die "--cpus $CPUS: give 1 to 8 CPUs (the guest kernel has NR_CPUS=8)" ;;
	esac
	case $TIMEOUT in
	""|*[!0-9]*) [ -z "$TIMEOUT" ] || emu_die "--timeout $TIMEOUT: give seconds" ;;
	esac
	[ -n "$SCENARIO" ] || [ -n "$MBOOT" ] ||
		emu_die "give --scenario FILE or --multiboot IMAGE (see the usage at the top of $0)"
	[ -n "$SCENARIO" ] && [ -n "$MBOOT" ] &&
		emu_die "--scenario and --multiboot exclude each other"
	[ -z "$SCENARIO" ] || [ -f "$SCENARIO" ] || emu_die "scenario '$SCENARIO' does not exist"
	[ -z "$MBOOT" ] || [ -f "$MBOOT" ] || emu_die "multiboot image '$MBOOT' does not exist"
	[ -z "$SCENARIO" ] || SCENARIO=$(realpath "$SCENARIO")
	[ -z "$MBOOT" ] || MBOOT=$(realpath "$MBOOT")
	if [ -z "$NAME" ]; then
		base=$(basename "${SCENARIO:-$MBOOT}")
		NAME=${base%.*}-$emu-$CPUS
	fi
	case $NAME in
	*/*|.*) emu_die "--name '$NAME': give a plain name (it becomes build/e2e/NAME/)" ;;
	esac
	TIMEOUT=${TIMEOUT:-300}
	DIR=$TOP/build/e2e/$NAME
	# engineers share the working tree: a second run of the same name
	# waits for the first (run-*.sh hold the lock; emulators do not inherit it)
	mkdir -p "$TOP/build/e2e"
	exec 8>"$TOP/build/e2e/.$NAME.run-lock"
	flock -w 900 8 || emu_die "another run named $NAME has held" \
		"build/e2e/.$NAME.run-lock for 15 minutes; give --name another name"
	rm -rf "$DIR"
	mkdir -p "$DIR"
	: > "$DIR/serial.log"
	: > "$DIR/serial2.log"
	: > "$DIR/e9.log"
}

# emu_initramfs [CMDLINE...]: builds DIR/initramfs.lz4 for SCENARIO and
# DIR/cmdline (the base, the emulator's CMDLINE, then --cmdline EXTRA);
# sets KERNEL (the bzImage)
emu_initramfs()
{
	kdir=$(emu_kernel_dir) || exit 1
	KERNEL=$kdir/tree/arch/x86/boot/bzImage
	"$EMU_DIR/mk-initramfs.sh" --scenario "$SCENARIO" --out "$DIR/initramfs.lz4" \
		--kdir "$kdir/tree" || exit 1
	echo "$EMU_CMDLINE_BASE${1:+ $1}${EXTRA:+ $EXTRA}" > "$DIR/cmdline"
}

# driver_build KDIR TAG [MAKE_ARGS...]: builds driver/ against the kernel
# tree or headers KDIR in a private copy of the sources,
# build/emu/kbuild-TAG/ (made with TOP=the copy: the host build, make driver,
# owns build/driver/, and kbuild writes next to its sources). Sets
# DRIVER_KO to the module and DRIVER_LOG to the build log; returns 1 on
# failure. The module is reused while the sources, KDIR and MAKE_ARGS stay
# the same (every emulator run packs it).
DRIVER_SRC_DIRS="driver include common hypervisor scripts"
driver_build()
{
	kdir=$1 shadow=$TOP/build/emu/kbuild-$2
	shift 2
	DRIVER_LOG=$shadow/build.log
	DRIVER_KO=""
	mkdir -p "$shadow"
	(
		flock 9
		cd "$TOP" || exit 1
		dirs=$(for d in $DRIVER_SRC_DIRS; do [ -d "$d" ] && echo "$d"; done)
		key=$({ echo "$kdir $*"; tar -cf - --sort=name --mtime=@0 --owner=0 --group=0 \
			--exclude='*.o' --exclude='*.ko' --exclude='.*.cmd' --exclude='*.mod' \
			--exclude='*.mod.c' --exclude=modules.order --exclude=Module.symvers \
			$dirs; } | sha256sum)
		if [ -f "$shadow/build/driver/jh.ko" ] && [ "$key" = "$(cat "$shadow/key" 2>/dev/null)" ]; then
			exit 0
		fi
		rm -f "$shadow/build/driver/jh.ko" "$shadow/key"
		for d in $DRIVER_SRC_DIRS; do
			rm -rf "${shadow:?}/$d"
		done
		tar -cf - --exclude='*.o' --exclude='*.ko' --exclude='.*.cmd' --exclude='*.mod' \
			--exclude='*.mod.c' --exclude=modules.order --exclude=Module.symvers \
			$dirs | tar -C "$shadow" -xf -
		make -C "$shadow/driver" TOP="$shadow" KDIR="$kdir" "$@" >"$DRIVER_LOG" 2>&1 ||
			exit 1
		echo "$key" > "$shadow/key"
	) 9>"$shadow.lock" || return 1
	# driver/Makefile puts the module in $(TOP)/build/driver/
	ko=$shadow/build/driver/jh.ko
	[ -f "$ko" ] || return 1
	DRIVER_KO=$ko
}

# kernel_release KDIR: the release a kernel tree or headers dir builds for
kernel_release()
{
	sed -n 's/^#define UTS_RELEASE "\(.*\)"$/\1/p' "$1/include/generated/utsrelease.h"
}
