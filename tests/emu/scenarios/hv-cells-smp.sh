#!/bin/sh
# A cell with two CPUs (tests/suites/e2e-hv-cells, 4-CPU Bochs): both start
# at the reset address, both come back to Linux at destroy; when one of
# them breaks the cell's bounds, the hypervisor stops the other one too
# (with an NMI, which its exit counters show) and the root keeps running.
. /lib/jh-test.sh
. /lib/jh-cell.sh

SYS=/configs/bochs.cell
RT=/configs/rt.cell

tap_check "insmod jh.ko" insmod /lib/modules/jh.ko || exit 0
tap_check "jh enable $SYS" jh enable $SYS || exit 0
POOL0=$(cat /sys/devices/jh/mem_pool_used)
cell-edit $RT /tmp/smp.cell name=smp cpus=0xa

# 16-bit code: the CPU with x2APIC ID 1 reads port 0x3fd (COM1, the
# root's), every other CPU spins: mov ecx,0x802; rdmsr; cmp eax,1;
# jne spin; mov dx,0x3fd; in al,dx; spin: jmp spin
printf '\146\271\002\010\000\000\017\062\146\203\370\001\165\004\272\375\003\354\353\376' \
	> /tmp/smp.bin
printf '\353\376' > /tmp/spin.bin

tap_check_output "create a cell on CPUs 1 and 3" '^created cell smp \(id 1\) on CPUs 1,3$' \
	jh cell create /tmp/smp.cell
tap_check_output "Linux keeps CPUs 0 and 2" '^0,2$' cat /sys/devices/system/cpu/online
tap_check "load the spinning inmate, start both CPUs" sh -c \
	"jh cell load smp /tmp/spin.bin && jh cell start smp"
tap_check_output "jh cell list: smp running on 1,3" '^1 +smp +running +1,3$' jh cell list
tap_check "root Linux works on CPUs 0 and 2" cpus_run_tasks "0 2"
tap_check_output "destroy: both CPUs back" '^destroyed cell smp: CPUs 1,3 back in Linux$' \
	jh cell destroy smp
tap_check_output "all 4 CPUs online" '^0-3$' cat /sys/devices/system/cpu/online

tap_check "again, with CPU 1 reading a root port" sh -c \
	"jh cell create /tmp/smp.cell && jh cell load smp /tmp/smp.bin && jh cell start smp"
tap_check "the cell fails" wait_cell_state smp failed
tap_check_output "the console names CPU 1 and the port" \
	'jh: cell smp failed on CPU 1: port I/O read at port 0x3fd' jh console
tap_check_output "CPU 3 was stopped with an NMI" '^cpu3 exception_nmi [1-9]' jh cell stats smp
cell_report "jh cell stats smp" cat "$TAP_OUT"
tap_check "root Linux works on CPUs 0 and 2" cpus_run_tasks "0 2"
tap_check_output "destroy the failed cell" '^destroyed cell smp: CPUs 1,3 back in Linux$' \
	jh cell destroy smp
tap_check "every CPU runs a task" cpus_run_tasks "0 1 2 3"
tap_check_output "pool use back to $POOL0" "^$POOL0\$" cat /sys/devices/jh/mem_pool_used
tap_check "jh disable" jh disable
