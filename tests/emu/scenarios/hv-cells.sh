#!/bin/sh
# The hypervisor's cell states beyond one round (tests/suites/e2e-hv-cells,
# 2-CPU Bochs, reference configs): loading into a running cell stops it
# first, a cell can be started again after its inmate ended or after a
# shutdown, shutting down twice is harmless, exit counters restart with
# the cell, a second create of the same CPU is refused
# with its reason, an inmate that does not answer makes shutdown and load
# fail (destroy still works), a passive cell is stopped without asking,
# everything goes back to Linux at destroy, and Linux's own NMIs still
# reach it.
. /lib/jh-test.sh
. /lib/jh-cell.sh

SYS=/configs/bochs-2cpu.cell
RT=/configs/rt.cell
DEMO=/inmates/apic-demo.bin

tap_check "insmod jh.ko" insmod /lib/modules/jh.ko || exit 0
tap_check "jh enable $SYS" jh enable $SYS || exit 0
POOL0=$(cat /sys/devices/jh/mem_pool_used)

# NMIs the root cell's Linux sends itself still reach it (NMI exiting is on)
dmesg -c > /dev/null
tap_check "sysrq-l on CPU 1: NMI backtrace request" \
	taskset -c 1 sh -c 'echo l > /proc/sysrq-trigger'
sleep 1
tap_check_output "CPU 0 took the NMI" 'NMI backtrace for cpu 0' dmesg

tap_check "create rt, load apic-demo, start" sh -c \
	"jh cell create $RT && jh cell load rt $DEMO -s 'report=0' -a 0x1000 && jh cell start rt" ||
	{ jh console | tail -n 20 | sed 's/^/JH-TAP: #   /'; exit 0; }
tap_check "the inmate runs (start-up exits counted)" wait_cell_started rt

# loading into a running cell asks it to shut down, then maps it for the root
tap_check "jh cell load into the running cell" jh cell load rt $DEMO -s 'report=0' -a 0x1000
tap_check_output "the cell is stopped and loadable: created" '^1 +rt +created +1$' jh cell list
tap_check_fails "the console says nothing failed" sh -c 'jh console | grep -E "FATAL|failed"'
tap_check "jh cell start rt again" jh cell start rt
tap_check "the reloaded inmate runs" wait_cell_started rt
total=$(cell_total rt)
if [ -n "$total" ] && [ "$total" -le 8 ]; then
	tap_ok "exit counters restarted with the cell ($total exits)"
else
	tap_not_ok "exit counters restarted with the cell" "total '$total'"
fi

# shutdown twice, then start again from shut-down (image reloaded first)
tap_check "jh cell shutdown rt" jh cell shutdown rt
tap_check_output "rt is shut down" '^1 +rt +shut-down +1$' jh cell list
tap_check "a second shutdown is harmless" jh cell shutdown rt
tap_check "reload and start after the shutdown" sh -c \
	"jh cell load rt $DEMO -s 'ticks=300 report=0' -a 0x1000 && jh cell start rt"
tap_check "the inmate ends by itself after 300 ticks (shut-down)" wait_cell_state rt shut-down
# the inmate reported shut-down in its comm region: start is allowed at once
tap_check "reload and start the cell the inmate ended" sh -c \
	"jh cell load rt $DEMO -s 'report=0' -a 0x1000 && jh cell start rt"
tap_check "it runs again" wait_cell_state rt running

# the hypervisor's own refusal: CPU 1 belongs to rt already
cell-edit $RT /tmp/again.cell name=again mem.0.phys=0x3e400000 mem.2.phys=0x3e501000 \
	del.pio.0
tap_check_fails "a second cell on CPU 1 is refused" jh cell create /tmp/again.cell
cp "$TAP_OUT" /tmp/again.out
tap_check_output "the refusal names CPU 1" 'CPU 1' cat /tmp/again.out
tap_diag "$(cat /tmp/again.out)"

tap_check_output "jh cell destroy rt" '^destroyed cell rt: CPUs 1 back in Linux$' jh cell destroy rt

# an inmate that never answers: "jmp $" at the reset address
printf '\353\376' > /tmp/spin.bin
tap_check "create rt, load a 2-byte spinning inmate, start" sh -c \
	"jh cell create $RT && jh cell load rt /tmp/spin.bin && jh cell start rt"
tap_check_fails "jh cell shutdown: no answer is a refusal" jh cell shutdown rt
cp "$TAP_OUT" /tmp/spin.out
tap_check_output "the reason names the timeout" 'did not answer the shutdown request within 100 ms' \
	cat /tmp/spin.out
tap_check_fails "jh cell load into it is refused the same way" jh cell load rt /tmp/spin.bin
tap_check_output "it still runs" '^1 +rt +running +1$' jh cell list
tap_check_output "jh cell destroy stops it anyway" '^destroyed cell rt: CPUs 1 back in Linux$' \
	jh cell destroy rt
# the same with JH_CELL_PASSIVE_COMMREG (flags, at offset 12): stopped without asking
cp $RT /tmp/passive.cell
printf '\003' | dd of=/tmp/passive.cell bs=1 seek=12 conv=notrunc 2>/dev/null
tap_check "passive cell: create, load the spinning inmate, start" sh -c \
	"jh cell create /tmp/passive.cell && jh cell load rt /tmp/spin.bin && jh cell start rt"
tap_check "passive cell: jh cell shutdown stops it at once" jh cell shutdown rt
tap_check_output "passive cell: shut down" '^1 +rt +shut-down +1$' jh cell list
tap_check_output "passive cell: jh cell destroy" '^destroyed cell rt: CPUs 1 back in Linux$' \
	jh cell destroy rt
tap_check "CPU 1 runs a task again" cpus_run_tasks "0 1"
tap_check_output "pool use back to $POOL0" "^$POOL0\$" cat /sys/devices/jh/mem_pool_used
tap_check_output "the cell started 6 times (hypervisor console lines)" '^6$' sh -c \
	'jh console | grep -c "jh: cell rt started on CPUs 1"'
tap_check "jh disable" jh disable
tap_check "rmmod jh" rmmod jh
