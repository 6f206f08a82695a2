#!/bin/sh
# Fuzzing beside a real-time cell (tests/suites/e2e-fuzz-hostile, 4-CPU
# Bochs, bochs.cell + rt.cell + a copy of rt2.cell named "hostile"):
# apic-demo runs in rt on CPU 1 the whole time; the hostile cell on CPU 3
# runs fuzz-hostile once per seed (created, loaded, started, destroyed each
# time), then the root's kernel attacks through jh-fuzz-root.ko, once per
# root seed, while apic-demo runs in the hostile cell too. After every run: rt keeps
# running with no VM exit, Linux's CPUs 0 and 2 each run a task, no root
# CPU stopped (no FATAL for CPU 0 or 2 on the hypervisor console), the
# hostile cell can be destroyed. At the end both go and jh disable works.
#
# What to run comes from the kernel command line (the suite sets it):
#   jh_fuzz_cell=SEED:ACTIONS:CLASSES,...   fuzz-hostile runs
#   jh_fuzz_root=SEED:ACTIONS:CLASSES,...   jh-fuzz-root.ko runs
#   jh_fuzz_avoid=MASK      known open holes both leave out (avoid=)
# Every run prints "FUZZ-RUN: <kind> seed S: <outcome>" and every harm
# "FUZZ-FINDING: <kind> seed S: <what broke> (last action: <line>)" on COM1
# for the suite to collect.
. /lib/jh-test.sh
. /lib/jh-cell.sh

SYS=/configs/bochs.cell
RT=/configs/rt.cell
HOSTILE=/tmp/hostile.cell
RT_CPU=1
HOSTILE_CPU=3
ROOT_CPUS="0 2"

arg()
{
	tr ' ' '\n' < /proc/cmdline | sed -n "s/^$1=//p" | tr ',' ' '
}
CELL_RUNS=$(arg jh_fuzz_cell)
ROOT_RUNS=$(arg jh_fuzz_root)
AVOID=$(arg jh_fuzz_avoid)
AVOID=${AVOID:-0}

tap_check "insmod jh.ko" insmod /lib/modules/jh.ko || exit 0
tap_check "jh enable $SYS" jh enable $SYS || {
	jh console | sed 's/^/JH-TAP: #   /'
	exit 0
}
POOL0=$(cat /sys/devices/jh/mem_pool_used)
tap_check "cell-edit: the hostile cell (rt2.cell on CPU 3, named hostile)" \
	cell-edit /configs/rt2.cell $HOSTILE name=hostile

# --- the real-time cell that must not notice anything ------------------------
tap_check_output "jh cell create rt.cell" '^created cell rt ' jh cell create $RT
tap_check "load apic-demo into rt (runs until shut down, no summaries)" \
	jh cell load rt /inmates/apic-demo.bin -s "report=0" -a 0x1000
tap_check "jh cell start rt" jh cell start rt
if wait_cell_started rt; then
	tap_ok "rt made its start-up exits"
else
	tap_not_ok "rt made its start-up exits" "$(jh cell stats rt)"
fi
tap_check_output "rt: no VM exits in steady state" '^total_delta 0$' jh cell stats rt -i 1

# What the hypervisor must never print: a fault inside itself, a failed
# VMRESUME, a stopped root CPU. (A failed hostile cell prints "FATAL: CPU 3:
# <why>: exit ..." after "cell hostile failed": that is the cell's end.)
BAD_RE='FATAL: CPU [0-9]+: (exception|VMRESUME)|FATAL: CPU [0-9]+ of the root cell|FATAL: CPU [02]:'
bad_lines()
{
	jh console 2>/dev/null | grep -E "$BAD_RE"
}

# the hypervisor console from the last line matching $1 on
console_since()
{
	jh console 2>/dev/null | awk -v re="$1" '$0 ~ re { n = 0; delete b } { b[n++] = $0 }
		END { for (i = 0; i < n; i++) print b[i] }'
}

finding()
{
	echo "FUZZ-FINDING: $1: $2 (last action: ${3:-unknown})"
	tap_diag "FINDING $1: $2 (last action: ${3:-unknown})"
}

# check_harm KIND LAST: everything outside the hostile side is unharmed
check_harm()
{
	local kind last state fatal
	kind=$1 last=$2
	state=$(cell_state rt)
	if [ "$state" = running ]; then
		tap_ok "$kind: rt still running"
	else
		tap_not_ok "$kind: rt still running" "rt is $state"
		finding "$kind" "the RT cell is $state" "$last"
	fi
	if jh cell stats rt -i 1 2>&1 | grep -q '^total_delta 0$'; then
		tap_ok "$kind: rt has no VM exits"
	else
		tap_not_ok "$kind: rt has no VM exits" "$(jh cell stats rt -i 1 2>&1 | head -n 5)"
		finding "$kind" "the RT cell makes VM exits" "$last"
	fi
	if root_cpus_answer; then
		tap_ok "$kind: root CPUs $ROOT_CPUS each run a task"
	else
		tap_not_ok "$kind: root CPUs $ROOT_CPUS each run a task"
		finding "$kind" "a root CPU does not run tasks" "$last"
	fi
	# new since the last check (the console is a ring: count nothing)
	bad_lines > /tmp/bad.now
	fatal=$(grep -vxF -f /tmp/bad.seen /tmp/bad.now)
	cat /tmp/bad.now >> /tmp/bad.seen
	if [ -z "$fatal" ]; then
		tap_ok "$kind: no FATAL of the hypervisor or a root CPU"
	else
		tap_not_ok "$kind: no FATAL of the hypervisor or a root CPU" "$fatal"
		finding "$kind" "hypervisor console: $(echo "$fatal" | head -n 1)" "$last"
	fi
}
: > /tmp/bad.seen
BROKEN=""

# a task on each root CPU ends within 20 s (a stopped CPU never runs it)
root_cpus_answer()
{
	local cpu pids p i alive
	pids=""
	for cpu in $ROOT_CPUS; do
		taskset -c "$cpu" true &
		pids="$pids $!"
	done
	i=0
	while [ $i -lt 100 ]; do
		alive=""
		for p in $pids; do
			kill -0 "$p" 2>/dev/null && alive=1
		done
		[ -z "$alive" ] && return 0
		sleep 0.2
		i=$((i + 1))
	done
	return 1
}

# In Bochs a destroyed cell's CPU whose APIC cannot leave x2APIC mode
# inside VMX waits outside it until no cell exists (docs/hypervisor.md,
# CPU hotplug): then rt is shut down and destroyed so that CPU 3 comes
# back, and started again for the next run.
rt_recycle_if_cpu3_out()
{
	[ "$(cat /sys/devices/system/cpu/cpu3/online)" = 1 ] && return 0
	tap_diag "$1: CPU 3 waits outside VMX until no cell exists: rt starts again"
	jh cell shutdown rt >/dev/null && jh cell destroy rt >/dev/null &&
		jh cell create $RT >/dev/null &&
		jh cell load rt /inmates/apic-demo.bin -s "report=0" -a 0x1000 >/dev/null &&
		jh cell start rt >/dev/null && wait_cell_started rt ||
		{ tap_not_ok "$1: rt started again" "$(jh cell list)"; return 1; }
	tap_check_output "$1: CPU 3 back in Linux, rt runs again with no VM exits" \
		'^total_delta 0$' sh -c 'taskset -c 3 true && jh cell stats rt -i 1'
}

destroy_hostile()
{
	local kind
	kind=$1
	if timeout 120 jh cell destroy hostile > /tmp/destroy.out 2>&1; then
		tap_ok "$kind: jh cell destroy hostile"
		rt_recycle_if_cpu3_out "$kind"
		return 0
	fi
	tap_not_ok "$kind: jh cell destroy hostile" "$(cat /tmp/destroy.out)"
	finding "$kind" "jh cell destroy hostile: $(tail -n 1 /tmp/destroy.out)" "$2"
	return 1
}

# --- fuzz-hostile in the hostile cell, one run per seed ----------------------
for run in $CELL_RUNS; do
	seed=${run%%:*} rest=${run#*:}
	actions=${rest%%:*} classes=${rest#*:}
	kind="cell seed $seed"
	tap_diag "$kind: fuzz-hostile seed=$seed actions=$actions classes=$classes"
	if ! jh cell create $HOSTILE > /tmp/create.out 2>&1; then
		tap_not_ok "$kind: jh cell create hostile" "$(cat /tmp/create.out)"
		finding "$kind" "jh cell create hostile: $(tail -n 1 /tmp/create.out)" "before the run"
		continue
	fi
	jh cell load hostile /inmates/fuzz-hostile.bin \
		-s "seed=$seed actions=$actions classes=$classes avoid=$AVOID" -a 0x1000 &&
		jh cell start hostile
	# it finishes its sequence (shut-down) or the hypervisor fails it; in
	# Bochs an action takes well under 0.2 s (most of it printing)
	i=0 limit=$((120 + actions))
	while [ $i -lt $limit ]; do
		state=$(cell_state hostile)
		[ "$state" = shut-down ] || [ "$state" = failed ] && break
		sleep 0.5
		i=$((i + 1))
	done
	out=$(console_since "fuzz-hostile: seed $seed,")
	last=$(echo "$out" | grep 'fuzz-hostile: #' | tail -n 1 | sed 's/^fuzz-hostile: //')
	case $state in
	shut-down) outcome="finished its $actions actions: $(echo "$out" | grep -o 'done: .*' | tail -n 1)" ;;
	failed) outcome="failed by the hypervisor at '$last': $(echo "$out" | grep -o 'cell hostile failed on CPU.*' | tail -n 1)" ;;
	*) outcome="still $state after $((limit / 2)) s at '$last' (it may hang itself)" ;;
	esac
	echo "FUZZ-RUN: $kind: $outcome"
	tap_ok "$kind: the hostile cell ran ($state)"
	tap_diag "$kind: $outcome"
	check_harm "$kind" "$last"
	# a cell that cannot be destroyed spoils every run after it
	destroy_hostile "$kind" "$last" || { BROKEN="$kind"; break; }
done

# --- the root's kernel attacks, a hostile cell beside it ---------------------
cpu_ix=0
[ -n "$BROKEN" ] && tap_diag "root runs left out: the hostile cell of $BROKEN is still there" &&
	ROOT_RUNS=""
for run in $ROOT_RUNS; do
	seed=${run%%:*} rest=${run#*:}
	actions=${rest%%:*} classes=${rest#*:}
	kind="root seed $seed"
	set -- $ROOT_CPUS
	[ $cpu_ix = 1 ] && shift
	cpu=$1
	cpu_ix=$(((cpu_ix + 1) % 2))
	# a second running cell, also a target of the root's attacks
	jh cell create $HOSTILE > /tmp/create.out 2>&1 &&
		jh cell load hostile /inmates/apic-demo.bin -s "report=0" -a 0x1000 &&
		jh cell start hostile ||
		tap_diag "$kind: the hostile cell beside it did not start: $(cat /tmp/create.out)"
	tap_diag "$kind: jh-fuzz-root.ko seed=$seed actions=$actions classes=$classes on CPU $cpu"
	# every action on COM1 as it happens (the last line names a killer)
	echo 8 > /proc/sys/kernel/printk
	taskset -c "$cpu" insmod /lib/modules/jh-fuzz-root.ko seed="$seed" actions="$actions" \
		classes="$classes" avoid="$AVOID" targets=$RT_CPU,$HOSTILE_CPU ports=0x2f8 \
		cell_mem=0x3e000000,0x3e400000 hv_mem=0x3d000000 cell_ids=1,2 \
		> /tmp/insmod.out 2>&1
	rc=$?
	echo 4 > /proc/sys/kernel/printk
	last=$(dmesg | grep "jh-fuzz-root: seed $seed #" | grep -v ' -> ' | tail -n 1 |
		sed 's/.*jh-fuzz-root: //')
	if [ $rc = 0 ] && dmesg | grep -q "jh-fuzz-root: seed $seed done"; then
		tap_ok "$kind: jh-fuzz-root.ko ran its $actions actions on CPU $cpu"
		echo "FUZZ-RUN: $kind: finished its $actions actions on CPU $cpu"
	else
		tap_not_ok "$kind: jh-fuzz-root.ko ran its $actions actions on CPU $cpu" \
			"insmod status $rc: $(cat /tmp/insmod.out)"
		finding "$kind" "insmod jh-fuzz-root.ko failed (status $rc)" "$last"
	fi
	rmmod jh-fuzz-root 2>/dev/null
	check_harm "$kind" "$last"
	destroy_hostile "$kind" "$last" || { BROKEN="$kind"; break; }
done

# --- everything goes back ------------------------------------------------------
tap_check "jh cell shutdown rt" jh cell shutdown rt
tap_check_output "jh cell destroy rt" '^destroyed cell rt: CPUs 1 back in Linux$' jh cell destroy rt
tap_check_output "all 4 CPUs online" '^0-3$' cat /sys/devices/system/cpu/online
tap_check "every CPU runs a task" cpus_run_tasks "0 1 2 3"
tap_check_output "memory pool use back to $POOL0" "^$POOL0\$" cat /sys/devices/jh/mem_pool_used
tap_check "jh disable" jh disable
tap_check "rmmod jh" rmmod jh
exit 0
