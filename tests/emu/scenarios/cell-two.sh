#!/bin/sh
# Two cells at once (tests/suites/e2e-cells, 4-CPU Bochs, the reference
# configs bochs.cell + rt.cell + rt2.cell): apic-demo in both, rt on COM2
# and rt2 on the hypervisor console; no VM exits in either in steady state;
# cell configs that conflict with them or take what the root does not own
# are refused with the reason and leave Linux unchanged; a violation in rt2
# leaves rt running; then both go and CPUs 1 and 3 come back. Last, the
# same two cells from jh-plan (two runs into one directory) run uart-demo.
. /lib/jh-test.sh
. /lib/jh-cell.sh

SYS=/configs/bochs.cell
RT=/configs/rt.cell
RT2=/configs/rt2.cell

tap_check "insmod jh.ko" insmod /lib/modules/jh.ko || exit 0
tap_check "jh enable $SYS" jh enable $SYS || {
	jh console | sed 's/^/JH-TAP: #   /'
	exit 0
}
POOL0=$(cat /sys/devices/jh/mem_pool_used)

tap_check_output "jh cell create rt.cell" '^created cell rt \(id 1\) on CPUs 1$' jh cell create $RT
tap_check_output "jh cell create rt2.cell" '^created cell rt2 \(id 2\) on CPUs 3$' jh cell create $RT2
tap_check_output "Linux keeps CPUs 0 and 2" '^0,2$' cat /sys/devices/system/cpu/online
tap_check "load apic-demo into rt (COM2, a summary every 1000 ticks)" \
	jh cell load rt /inmates/apic-demo.bin -s "report=1000" -a 0x1000
# rt2 has no UART: it prints through the hypervisor console (one exit per
# character), so only its banner and, after 25000 ticks, its summary
tap_check "load apic-demo into rt2 (hypervisor console, 25000 ticks)" \
	jh cell load rt2 /inmates/apic-demo.bin -s "ticks=25000 report=0" -a 0x1000
tap_check "jh cell start rt" jh cell start rt
tap_check "jh cell start rt2" jh cell start rt2
RT2_START=$(cut -d' ' -f1 /proc/uptime)
tap_check_output "jh cell list: both running" '^2 +rt2 +running +3$' jh cell list
tap_check_output "jh cell list: rt running" '^1 +rt +running +1$' jh cell list
cell_report "jh cell list" cat "$TAP_OUT"
if wait_cell_started rt && wait_cell_started rt2; then
	tap_ok "both cells made their start-up exits"
else
	tap_not_ok "both cells made their start-up exits" "$(jh cell stats rt; jh cell stats rt2)"
fi
tap_check_output "rt2's banner on the hypervisor console" \
	'apic-demo: jh inmate, in a jh cell.*ticks=25000 report=0' jh console
tap_check_output "jh cell stats rt2 -i 2: no VM exits" '^total_delta 0$' jh cell stats rt2 -i 2
cell_report "jh cell stats rt2 -i 2" cat "$TAP_OUT"
tap_check_output "jh cell stats rt -i 2: no VM exits" '^total_delta 0$' jh cell stats rt -i 2
tap_check "root Linux works on CPUs 0 and 2 meanwhile" cpus_run_tasks "0 2"
# rt2 must still be running here (its last prints would be exits): the
# margin, in guest seconds, for whoever changes the steps above
tap_diag "rt2 started at ${RT2_START}s, its steady-state checks done at $(cut -d' ' -f1 /proc/uptime)s of 25 s of ticks"

# --- rt2 ends by itself ----------------------------------------------------
if wait_cell_state rt2 shut-down 120; then
	tap_ok "rt2 finishes its 25000 ticks (shut-down)"
else
	tap_not_ok "rt2 finishes its 25000 ticks (shut-down)" "$(jh cell list)"
fi
tap_check_output "rt2's latency summary on the hypervisor console" \
	'latency p50=[0-9]+ p99=[0-9]+ max=[0-9]+ samples=25000' jh console
tap_diag "$(grep 'latency p50' "$TAP_OUT")"

# --- conflicts, while both cells exist (rt running, rt2 shut down) ---------
before=$(linux_state)
tap_diag "before the refusals: $before"
# refused NAME REGEX EDIT...: a copy of rt.cell with EDITs must be refused
# with a reason matching REGEX, and change nothing
refused()
{
	local name re rc after
	name=$1 re=$2
	shift 2
	cell-edit $RT /tmp/$name.cell name=$name "$@"
	jh cell create /tmp/$name.cell > /tmp/$name.out 2>&1
	rc=$?
	tap_diag "$(cat /tmp/$name.out)"
	# a cell created by mistake must not spoil the checks after this one
	[ $rc = 0 ] && jh cell destroy "$name" > /dev/null 2>&1
	if [ $rc = 1 ] && grep -qE "^jh cell create: .*$re" /tmp/$name.out; then
		tap_ok "$name is refused with the reason /$re/"
	else
		tap_not_ok "$name is refused with the reason /$re/" "status $rc"
	fi
	after=$(linux_state)
	if [ "$after" = "$before" ]; then
		tap_ok "$name: Linux, the cells and the pool unchanged"
	else
		tap_not_ok "$name: Linux, the cells and the pool unchanged" \
			"before: $before; after: $after"
	fi
}
# rt's CPU 1 (its own memory and no ports)
refused cpu-clash 'CPU 1' mem.0.phys=0x3e800000 mem.2.phys=0x3e901000 del.pio.0
# rt's memory, on the free CPU 2
refused mem-clash '0x3e000000' cpus=0x4 del.pio.0
# rt's COM2 ports, on CPU 2 with memory of its own
refused port-clash '0x2f8' cpus=0x4 mem.0.phys=0x3e800000 mem.2.phys=0x3e901000
# the hypervisor's memory, which the root does not own
refused not-root-mem '0x3d000000' cpus=0x4 mem.0.phys=0x3d000000 mem.2.phys=0x3d101000 \
	del.pio.0
# a CPU this machine does not have
refused no-cpu 'CPU 5' cpus=0x20 mem.0.phys=0x3e800000 mem.2.phys=0x3e901000 del.pio.0
# what this version gives no cell: the validator accepts it, the
# hypervisor refuses it (after the driver took CPU 2 from Linux); IOAPIC
# pins and PCI devices for cells: e2e-harden-devices
FREE="cpus=0x4 mem.0.phys=0x3e800000 mem.2.phys=0x3e901000 del.pio.0"
refused cache 'cache\[0\].*not supported' $FREE add.cache=4
tap_check "jh cell list: both cells still there" sh -c \
	'jh cell list | grep -qE "^1 +rt +running " && jh cell list | grep -qE "^2 +rt2 +shut-down "'

# --- a violation in rt2 stops rt2 only -------------------------------------
tap_check "rt2 reloaded with violate-memory (rt's RAM address) and started" sh -c \
	"jh cell load rt2 /inmates/violate-memory.bin -s 'addr=0x3e000000' -a 0x1000 &&
	 jh cell start rt2"
if wait_cell_state rt2 failed; then
	tap_ok "rt2 failed"
else
	tap_not_ok "rt2 failed" "$(jh cell list)"
fi
tap_check_output "the console names rt2's access" \
	'jh: cell rt2 failed on CPU 3: .*0x3e000000' jh console
tap_check_output "rt keeps running" '^1 +rt +running +1$' jh cell list
tap_check_output "rt still has no VM exits" '^total_delta 0$' jh cell stats rt -i 1
tap_check "root Linux works on CPUs 0 and 2" cpus_run_tasks "0 2"

# --- rt is asked to stop; both go ------------------------------------------
tap_check "jh cell shutdown rt" jh cell shutdown rt
tap_check_output "jh cell destroy rt" '^destroyed cell rt: CPUs 1 back in Linux$' jh cell destroy rt
tap_check_output "jh cell destroy rt2" '^destroyed cell rt2: CPUs 3 back in Linux$' jh cell destroy rt2
tap_check_output "all 4 CPUs online" '^0-3$' cat /sys/devices/system/cpu/online
tap_check "every CPU runs a task" cpus_run_tasks "0 1 2 3"
tap_check_output "all 4 CPUs under the hypervisor" 'cpus: 4 ' jh info
tap_check_output "memory pool use back to $POOL0" "^$POOL0\$" cat /sys/devices/jh/mem_pool_used
tap_check "jh disable" jh disable

# --- the same two cells, planned by jh-plan here (docs/plan.md) -------------
PLAN=/tmp/plan
tap_check "jh-discover --json" sh -c 'jh-discover --json > /tmp/machine.json' &&
tap_check "jh-plan --rt-cpus 1 (rt)" jh-plan --rt-cpus 1 --out $PLAN /tmp/machine.json &&
tap_check "jh-plan --rt-cpus 3 --name rt2 --rt-console none (same plan)" \
	jh-plan --rt-cpus 3 --name rt2 --rt-console none --out $PLAN /tmp/machine.json &&
tap_check "jh config check: the plan's sysconfig, rt and rt2" \
	jh config check $PLAN/sysconfig.cell $PLAN/rt.cell $PLAN/rt2.cell &&
tap_check "plan: jh enable" jh enable $PLAN/sysconfig.cell &&
tap_check "plan: create rt and rt2, uart-demo count=5 in both, start" sh -c "
	jh cell create $PLAN/rt.cell && jh cell create $PLAN/rt2.cell &&
	jh cell load rt /inmates/uart-demo.bin -s 'count=5' -a 0x1000 &&
	jh cell load rt2 /inmates/uart-demo.bin -s 'count=5' -a 0x1000 &&
	jh cell start rt && jh cell start rt2" && {
	if wait_cell_state rt shut-down && wait_cell_state rt2 shut-down; then
		tap_ok "plan: both uart-demos finish (shut-down)"
	else
		tap_not_ok "plan: both uart-demos finish (shut-down)" "$(jh cell list)"
	fi
	tap_check_output "plan: rt2 counted to 5 on the hypervisor console" \
		'uart-demo: count 5' jh console
	tap_check "plan: destroy both" sh -c 'jh cell destroy rt && jh cell destroy rt2'
	tap_check_output "plan: all 4 CPUs online" '^0-3$' cat /sys/devices/system/cpu/online
	tap_check "plan: jh disable" jh disable
}
tap_check "rmmod jh" rmmod jh
exit 0
