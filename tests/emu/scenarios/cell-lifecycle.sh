#!/bin/sh
# Cell lifecycle scenario (tests/suites/e2e-cells, 2-CPU Bochs): the configs
# come from jh-discover + jh-plan --rt-cpus 1 run here, as a user runs them.
# Linux becomes the root cell, the RT cell runs apic-demo on CPU 1 with no VM
# exits in steady state, is shut down and destroyed, CPU 1 comes back; a
# locked cell refuses the shutdown; a cell that ends by itself reports it;
# then ten more full rounds, the hypervisor's memory pool back to its
# starting use after each. The --json outputs are printed for the host's
# check; at the end jh-boot (jh.service's script) starts and stops it all.
# apic-demo prints on COM2: the host suite checks serial2.log.
. /lib/jh-test.sh
. /lib/jh-cell.sh

PLAN=/tmp/plan
ROUNDS=10

# --- the plan ------------------------------------------------------------
tap_check "jh-discover --json describes this machine" \
	sh -c 'jh-discover --json > /tmp/machine.json' || exit 0
tap_check "jh-plan --rt-cpus 1 writes a plan" \
	jh-plan --rt-cpus 1 --out $PLAN /tmp/machine.json || exit 0
tap_check "jh config check accepts the plan" \
	jh config check $PLAN/sysconfig.cell $PLAN/rt.cell
# what inmates need (docs/inmates.md): CPU 1, real-mode start at 0, the
# loadable RAM at guest 0 from 0x3e000000, comm region at 0x100000, COM2
jh config show $PLAN/rt.cell > /tmp/rt.show 2>&1
for want in '^cpus: 1 ' '^cpu_reset_address: 0x0$' \
	'^memory\[[0-9]\]: phys 0x3e000000-[0-9a-fx]* -> guest 0x0, .*LOADABLE' \
	'-> guest 0x100000, size 0x1000, comm region' \
	'^pio\[[0-9]\]: ports 0x02f8-0x02ff' '^console: 8250 port I/O at 0x2f8'; do
	if grep -qE -- "$want" /tmp/rt.show; then
		tap_ok "the plan's rt.cell fits the inmates: /$want/"
	else
		tap_not_ok "the plan's rt.cell fits the inmates: /$want/" "$(cat /tmp/rt.show)"
	fi
done

# --- the root cell -------------------------------------------------------
tap_check "insmod jh.ko" insmod /lib/modules/jh.ko || exit 0
tap_check "jh enable with the plan's sysconfig.cell" jh enable $PLAN/sysconfig.cell || {
	jh console | sed 's/^/JH-TAP: #   /'
	exit 0
}
POOL0=$(cat /sys/devices/jh/mem_pool_used)
ONLINE0=$(cat /sys/devices/system/cpu/online)
tap_diag "before any cell: pool $POOL0, online CPUs $ONLINE0"
tap_check_output "jh cell list: only the root cell" '^0 +[a-z0-9_-]+ +running +0-1$' jh cell list

# --- round 1, step by step ----------------------------------------------
tap_check_output "jh cell create $PLAN/rt.cell" '^created cell rt \(id 1\) on CPUs 1$' \
	jh cell create $PLAN/rt.cell || {
	jh console | tail -n 20 | sed 's/^/JH-TAP: #   /'
	exit 0
}
tap_check_output "CPU 1 left Linux" '^0$' cat /sys/devices/system/cpu/cpu1/online
tap_check_output "jh cell list: rt created on CPU 1" '^1 +rt +created +1$' jh cell list
tap_check_output "sysfs cells: rt created" '^1 rt created 1$' cat /sys/devices/jh/cells
tap_check "jh cell load rt apic-demo.bin + its command line" \
	jh cell load rt /inmates/apic-demo.bin -s "report=1000" -a 0x1000
tap_check "jh cell start rt" jh cell start rt
tap_check_output "jh cell list: rt running" '^1 +rt +running +1$' jh cell list
if wait_cell_started rt; then
	tap_ok "the cell's CPU made its start-up exits (the inmate runs)"
else
	tap_not_ok "the cell's CPU made its start-up exits (the inmate runs)" \
		"jh cell stats rt total stayed 0 for 60 s"
fi
tap_check_output "jh cell stats rt: cell line" '^cell rt id 1 state running cpus 1$' \
	jh cell stats rt
tap_check_output "jh cell stats rt: CPU 1 counted the inmate's CPUIDs" '^cpu1 cpuid [1-9]' \
	jh cell stats rt
cell_report "jh cell stats rt" cat "$TAP_OUT"
tap_check_output "jh cell stats rt -i 2: no VM exits in steady state (total_delta 0)" '^total_delta 0$' \
	jh cell stats rt -i 2
cell_report "jh cell stats rt -i 2" cat "$TAP_OUT"
tap_check "root Linux works on CPU 0 while the cell runs" cpus_run_tasks 0
tap_check "jh info while the cell runs" jh info
# --json for monitoring tools: each output goes to the console as one
# "JH-JSON: NAME {...}" line; the host (e2e-cells) checks it against the
# fields of docs/json.md
for j in "info:jh info --json" "cells:jh cell list --json" \
	 "stats:jh cell stats rt --json" "stats-i:jh cell stats rt -i 1 --json"; do
	tap_check "${j#*:} exits 0" ${j#*:} &&
		echo "JH-JSON: ${j%%:*} $(tr -d '\n' < "$TAP_OUT")"
done
tap_check_output "jh cell list --json: rt running on CPU 1" \
	'"name": "rt", *"state": "running", *"cpus": \[ *1 *\]' sh -c 'jh cell list --json | tr -d "\n"'
tap_check "jh cell shutdown rt (apic-demo approves)" jh cell shutdown rt
tap_check_output "jh cell list: rt shut-down" '^1 +rt +shut-down +1$' jh cell list
tap_check_output "jh cell destroy rt" '^destroyed cell rt: CPUs 1 back in Linux$' \
	jh cell destroy rt
tap_check_output "CPU 1 is back online" '^1$' cat /sys/devices/system/cpu/cpu1/online
tap_check "CPU 1 runs a task again" cpus_run_tasks "0 1"
tap_check_output "CPU 1 is back under the hypervisor" 'cpus: 2 ' jh info
tap_check_output "jh cell list: only the root cell again" '^0 +[a-z0-9_-]+ +running +0-1$' jh cell list
tap_check_output "memory pool use back to $POOL0" "^$POOL0\$" cat /sys/devices/jh/mem_pool_used

# --- a locked cell refuses the shutdown request --------------------------
tap_check "locked: create, load apic-demo lock, start" sh -c \
	"jh cell create $PLAN/rt.cell && jh cell load rt /inmates/apic-demo.bin -s 'lock report=0' -a 0x1000 && jh cell start rt"
if wait_cell_state rt running-locked; then
	tap_ok "locked: jh cell list shows running-locked"
else
	tap_not_ok "locked: jh cell list shows running-locked" "$(jh cell list)"
fi
jh cell shutdown rt > /tmp/locked.out 2>&1
rc=$?
if [ $rc = 1 ]; then
	tap_ok "locked: jh cell shutdown rt is refused (exit status 1)"
else
	tap_not_ok "locked: jh cell shutdown rt is refused (exit status 1)" "status $rc"
fi
tap_check_output "locked: the refusal says why" \
	'^jh cell shutdown: .*rt.*refused.*locked' cat /tmp/locked.out
tap_check_output "locked: still running-locked" '^1 +rt +running-locked +1$' jh cell list
tap_check_output "locked: jh cell destroy stops it anyway" '^destroyed cell rt: CPUs 1 back in Linux$' \
	jh cell destroy rt
tap_check_output "locked: pool use back to $POOL0" "^$POOL0\$" cat /sys/devices/jh/mem_pool_used

# --- a cell that finishes by itself: 500 ticks, then shut down ------------
tap_check "500 ticks: create, load apic-demo ticks=500, start" sh -c \
	"jh cell create $PLAN/rt.cell && jh cell load rt /inmates/apic-demo.bin -s 'ticks=500 report=0' -a 0x1000 && jh cell start rt"
if wait_cell_state rt shut-down; then
	tap_ok "500 ticks: the inmate reports shut-down in its comm region"
else
	tap_not_ok "500 ticks: the inmate reports shut-down in its comm region" "$(jh cell list)"
fi
tap_check "500 ticks: jh cell destroy rt" jh cell destroy rt
tap_check_output "500 ticks: pool use back to $POOL0" "^$POOL0\$" cat /sys/devices/jh/mem_pool_used

# --- ten more rounds: nothing may leak -----------------------------------
round()
{
	jh cell create $PLAN/rt.cell &&
	jh cell load rt /inmates/apic-demo.bin -s "report=0" -a 0x1000 &&
	jh cell start rt &&
	wait_cell_started rt &&
	jh cell shutdown rt &&
	jh cell destroy rt &&
	[ "$(cat /sys/devices/system/cpu/cpu1/online)" = 1 ] &&
	cpus_run_tasks 1 &&
	[ "$(cat /sys/devices/jh/mem_pool_used)" = "$POOL0" ]
}
i=1
while [ $i -le $ROUNDS ]; do
	if ! tap_check "round $i/$ROUNDS: create, load, start, shutdown, destroy, CPU 1 back, pool $POOL0" round; then
		tap_diag "$(linux_state)"
		jh cell destroy rt >/dev/null 2>&1
	fi
	i=$((i + 1))
done
tap_check_output "after $ROUNDS rounds: pool use $POOL0" "^$POOL0\$" cat /sys/devices/jh/mem_pool_used
tap_check_output "after $ROUNDS rounds: CPUs $ONLINE0 online" "^$ONLINE0\$" \
	cat /sys/devices/system/cpu/online
tap_check "jh console reports no cell failure" sh -c '! jh console | grep "failed on CPU"'

tap_check "jh disable" jh disable
tap_check "rmmod jh" rmmod jh
tap_check "CPUs 0 and 1 work after disable" cpus_run_tasks "0 1"

# --- jh-boot: what jh.service runs at boot and shutdown (docs/install.md) -
# /etc/jh of this plan; the first cell line names a missing config: it
# must be reported and the next cell still start
ETC=/tmp/etc-jh
mkdir -p $ETC
printf '# test\nSYSTEM=%s\nMODULE=/lib/modules/jh.ko\n' "$PLAN/sysconfig.cell" > $ETC/jh.conf
printf '# cells\nmissing.cell\n%s /inmates/apic-demo.bin -s report=0 -a 0x1000\n' \
	"$PLAN/rt.cell" > $ETC/cells
JH_CONF_DIR=$ETC jh-boot start > /tmp/boot.out 2>&1
rc=$?
cell_report "jh-boot start" cat /tmp/boot.out
if [ $rc = 1 ] && grep -q "^jh-boot: $ETC/cells line 2: .*missing.cell" /tmp/boot.out; then
	tap_ok "jh-boot start: the missing cell config is reported with its line (exit 1)"
else
	tap_not_ok "jh-boot start: the missing cell config is reported with its line (exit 1)" "exit $rc"
fi
tap_check_output "jh-boot start: jh enabled with the plan's sysconfig" '^1$' cat /sys/devices/jh/enabled
if wait_cell_started rt; then
	tap_ok "jh-boot start: rt created, loaded and started after the failed line"
else
	tap_not_ok "jh-boot start: rt created, loaded and started after the failed line" "$(jh cell list 2>&1)"
fi
tap_check_output "jh-boot status: lists rt running" '^1 +rt +running +1$' env JH_CONF_DIR=$ETC jh-boot status
JH_CONF_DIR=$ETC jh-boot stop > /tmp/boot.out 2>&1
rc=$?
cell_report "jh-boot stop" cat /tmp/boot.out
if [ $rc = 0 ] && grep -q '^jh-boot: destroyed cell rt' /tmp/boot.out; then
	tap_ok "jh-boot stop: rt shut down and destroyed (exit 0)"
else
	tap_not_ok "jh-boot stop: rt shut down and destroyed (exit 0)" "exit $rc"
fi
tap_check_output "jh-boot stop: jh disabled" '^0$' cat /sys/devices/jh/enabled
tap_check_output "jh-boot stop: CPUs $ONLINE0 online" "^$ONLINE0\$" cat /sys/devices/system/cpu/online
tap_check "CPUs 0 and 1 work after jh-boot stop" cpus_run_tasks "0 1"
JH_CONF_DIR=$ETC jh-boot status > /dev/null 2>&1
rc=$?
[ $rc = 3 ] && tap_ok "jh-boot status after stop: exit 3 (not running)" ||
	tap_not_ok "jh-boot status after stop: exit 3 (not running)" "exit $rc"
tap_check "rmmod jh after jh-boot" rmmod jh
exit 0
