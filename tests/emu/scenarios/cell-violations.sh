#!/bin/sh
# Cell isolation scenario (tests/suites/e2e-cells, 2-CPU Bochs, the
# reference configs bochs-2cpu.cell + rt.cell): each violation inmate is
# stopped by the hypervisor: the cell ends failed, the console names the
# access, root Linux keeps working and the cell can be destroyed. Then a
# create that fails (CPU 0 requested) must leave Linux as it was.
. /lib/jh-test.sh
. /lib/jh-cell.sh

SYS=/configs/bochs-2cpu.cell
RT=/configs/rt.cell

tap_check "insmod jh.ko" insmod /lib/modules/jh.ko || exit 0
tap_check "jh enable $SYS" jh enable $SYS || {
	jh console | sed 's/^/JH-TAP: #   /'
	exit 0
}
POOL0=$(cat /sys/devices/jh/mem_pool_used)

# violation NAME ARGS REGEX: run inmate NAME with ARGS; the console line
# "jh: cell rt failed on CPU 1: ..." must match REGEX
violation()
{
	local what args re
	what=$1 args=$2 re=$3
	tap_check "$what $args: create, load, start" sh -c \
		"jh cell create $RT && jh cell load rt /inmates/$what.bin -s '$args' -a 0x1000 &&
		 jh cell start rt" || { jh cell destroy rt >/dev/null 2>&1; return; }
	if wait_cell_state rt failed; then
		tap_ok "$what $args: jh cell list shows rt failed"
	else
		tap_not_ok "$what $args: jh cell list shows rt failed" "$(jh cell list)"
	fi
	jh console > /tmp/console.out 2>&1
	tap_check_output "$what $args: the console names the access" \
		"jh: cell rt failed on CPU 1: .*$re" grep 'cell rt failed' /tmp/console.out
	tap_diag "$(grep 'cell rt failed' /tmp/console.out | tail -n 1)"
	tap_check "$what $args: root Linux works afterwards (task on CPU 0, jh info)" \
		sh -c 'taskset -c 0 sh -c "i=0; while [ \$i -lt 300 ]; do i=\$((i + 1)); done" && jh info'
	tap_check_output "$what $args: jh cell destroy rt" '^destroyed cell rt: CPUs 1 back in Linux$' \
		jh cell destroy rt
	tap_check "$what $args: CPU 1 back online, runs a task" sh -c \
		'[ "$(cat /sys/devices/system/cpu/cpu1/online)" = 1 ] && taskset -c 1 true'
	tap_check_output "$what $args: pool use back to $POOL0" "^$POOL0\$" \
		cat /sys/devices/jh/mem_pool_used
}

# root RAM at 512 MiB, the hypervisor's own memory, a read of root RAM
violation violate-memory "addr=0x20000000" "0x20000000"
violation violate-memory "addr=0x3d000000 read" "0x3d000000"
# COM1's line status register, the root's console
violation violate-port "ioport=0x3fd" "0x3fd"
# an INIT IPI to CPU 0 through the x2APIC ICR (MSR 0x830)
violation violate-init "target=0" "(0x830|ICR|INIT)"

# a create that fails must leave Linux unchanged: CPU 0 requested
cell-edit $RT /tmp/cpu0.cell name=cpu0 cpus=0x1 mem.0.phys=0x3e400000 mem.2.phys=0x3e501000 \
	del.pio.0
before=$(linux_state)
jh cell create /tmp/cpu0.cell > /tmp/cpu0.out 2>&1
rc=$?
if [ $rc = 1 ]; then
	tap_ok "a cell on CPU 0 is refused (exit status 1)"
else
	tap_not_ok "a cell on CPU 0 is refused (exit status 1)" "status $rc: $(cat /tmp/cpu0.out)"
fi
tap_check_output "the refusal names CPU 0 and the fix" '^jh cell create: .*CPU 0' cat /tmp/cpu0.out
tap_diag "$(cat /tmp/cpu0.out)"
after=$(linux_state)
if [ "$before" = "$after" ]; then
	tap_ok "Linux unchanged after the refused create ($after)"
else
	tap_not_ok "Linux unchanged after the refused create" "before: $before; after: $after"
fi
tap_check "root Linux works on both CPUs" cpus_run_tasks "0 1"
tap_check "jh disable" jh disable
tap_check "rmmod jh" rmmod jh
exit 0
