#!/bin/sh
# A Linux cell (tests/suites/e2e-linux-cell: 4-CPU Bochs, the root booted
# with memmap=64M$0x38000000 for the cell's RAM): the root's own bzImage,
# built with CONFIG_JAILHOUSE_GUEST=y, boots on CPUs 2 and 3 by
# `jh cell linux` with its own initramfs (/boot/cell-initrd.lz4, whose
# init prints to COM2, works on both CPUs and powers off) while the root
# keeps working on CPUs 0 and 1. Round 1: it powers off by itself and the
# cell is shut down; round 2: `jh cell shutdown` stops it while it boots;
# round 3: its init writes outside the cell's memory through /dev/mem and
# the cell fails, not the root. Each destroy gives back every CPU and
# every pool page. The host checks COM2 (serial2.log).
. /lib/jh-test.sh
. /lib/jh-cell.sh

SYS=/configs/bochs.cell
CELL=/configs/linux-demo.cell
KERNEL=/boot/bzImage
INITRD=/boot/cell-initrd.lz4
OUTSIDE=0x20000000	# guest-physical, beyond the cell's 64 MiB

tap_check "insmod jh.ko" insmod /lib/modules/jh.ko || exit 0
tap_check "jh enable $SYS" jh enable $SYS || exit 0
POOL0=$(cat /sys/devices/jh/mem_pool_used)

# start N EXTRA: jh cell linux with EXTRA on the kernel's command line
start()
{
	tap_check_output "round $1: jh cell linux boots the kernel on CPUs 2-3" \
		'^started cell linux on CPUs 2-3$' \
		jh cell linux $CELL $KERNEL -i $INITRD -c "idle=halt earlyprintk=serial,ttyS1,115200 $2"
	cell_report "round $1: jh cell linux" cat "$TAP_OUT"
	tap_check_output "round $1: Linux keeps CPUs 0 and 1" '^0-1$' \
		cat /sys/devices/system/cpu/online
	tap_check "round $1: the root works on CPUs 0 and 1 meanwhile" cpus_run_tasks "0 1"
}

# destroy N: everything back
destroy()
{
	tap_check_output "round $1: destroy gives CPUs 2-3 back" \
		'^destroyed cell linux: CPUs 2-3 back in Linux$' jh cell destroy linux
	tap_check "round $1: all 4 CPUs online again" sh -c \
		'for i in $(seq 50); do [ "$(cat /sys/devices/system/cpu/online)" = 0-3 ] && exit 0; sleep 0.2; done; exit 1'
	tap_check_output "round $1: pool use back to $POOL0" "^$POOL0\$" \
		cat /sys/devices/jh/mem_pool_used
}

start 1 ""
tap_check "round 1: the cell's Linux powers off: the cell is shut down" \
	wait_cell_state linux shut-down 900
cell_report "round 1: cell list" jh cell list
cell_report "round 1: cell stats" jh cell stats linux
tap_check_output "round 1: the console says why" 'cell linux shut down: all its CPUs stopped' \
	jh console
tap_check "round 1: the root works on all its CPUs" cpus_run_tasks "0 1"
destroy 1

start 2 ""
sleep 20
tap_check_output "round 2: jh cell shutdown stops the booting kernel" \
	'^cell linux is shut down$' jh cell shutdown linux
tap_check_output "round 2: the cell is shut down" '^[0-9]+ +linux +shut-down +2-3$' jh cell list
destroy 2

start 3 "lcell.poke=$OUTSIDE"
tap_check "round 3: its write at $OUTSIDE through /dev/mem fails the cell" \
	wait_cell_state linux failed 900
tap_check_output "round 3: the console names the address" \
	"cell linux failed on CPU [23]: write access outside its memory at guest-physical $OUTSIDE" \
	jh console
tap_check "round 3: the root works on CPUs 0 and 1" cpus_run_tasks "0 1"
destroy 3

cell_report "hypervisor console" sh -c 'jh console | tail -n 20'
tap_check "jh disable" jh disable
