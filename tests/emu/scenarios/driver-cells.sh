#!/bin/sh
# Driver side of cells (e2e-driver-cells, 2-CPU Bochs): what the driver and
# the CLI promise beyond the plain lifecycle (cell-lifecycle.sh): a cell's
# CPU cannot be brought online by Linux, disable and rmmod are refused
# while a cell exists, malformed cell ioctls with a cell present are
# refused (jh-ioctl-fuzz cells), load ranges are checked, cells are named
# by id too, a reload stops a running cell and it starts again, a create
# whose CPU is offline changes nothing, and everything comes back.
. /lib/jh-test.sh

cfg=/configs/bochs-2cpu.cell
RT=/configs/rt.cell

tap_check "insmod jh.ko" insmod /lib/modules/jh.ko || exit 0
tap_check "jh enable $cfg" jh enable $cfg || {
	jh console | sed 's/^/JH-TAP: #   /'
	exit 0
}
jh cell list > /tmp/list.out 2>&1
tap_check_output "jh cell list: the header" '^ID NAME STATE CPUS$' cat /tmp/list.out
tap_check_output "jh cell list: the root cell by its config name" \
	'^0 bochs-2cpu running 0-1$' cat /tmp/list.out
POOL0=$(cat /sys/devices/jh/mem_pool_used)

tap_check_output "jh cell create $RT" '^created cell rt \(id 1\) on CPUs 1$' \
	jh cell create $RT || {
	jh console | tail -n 20 | sed 's/^/JH-TAP: #   /'
	exit 0
}
tap_check_output "sysfs cells: rt created on CPU 1" '^1 rt created 1$' \
	cat /sys/devices/jh/cells
tap_check_fails "Linux cannot bring the cell's CPU online" \
	sh -c 'echo 1 > /sys/devices/system/cpu/cpu1/online'
tap_check_output "CPU 1 stays offline" '^0$' cat /sys/devices/system/cpu/cpu1/online
tap_check_output "dmesg says why" 'jh: CPU 1 belongs to a cell' dmesg
tap_check_output "jh disable is refused while the cell exists" \
	'^jh disable: cell rt still exists: destroy cell rt first' jh disable
tap_check_output "the hypervisor still runs" '^1$' cat /sys/devices/jh/enabled
tap_check_fails "rmmod jh is refused" rmmod jh
tap_check "malformed cell ioctls with a cell present (jh-ioctl-fuzz cells 1)" \
	jh-ioctl-fuzz cells 1
tap_check_output "the cell is unchanged" '^1 rt created 1$' cat /sys/devices/jh/cells

re='^jh cell load: /inmates/uart-demo.bin \([0-9]+ bytes\) at 0x3ff000-0x[0-9a-f]+ '
re="${re}is not inside one loadable region of cell rt \\(loadable: 0x0-0xfffff"
tap_check_output "a load outside the loadable regions names the image and the regions" \
	"$re" jh cell load rt /inmates/uart-demo.bin -a 0x3ff000
jh cell load 1 /inmates/uart-demo.bin -s count=0 -a 0x1000 > /tmp/load.out 2>&1
tap_check_output "jh cell load by id: the image" \
	'^loaded /inmates/uart-demo.bin \([0-9]+ bytes\) into cell rt at 0x0$' cat /tmp/load.out
tap_check_output "jh cell load by id: the string, with its NUL" \
	'^loaded the string \(8 bytes\) into cell rt at 0x1000$' cat /tmp/load.out
tap_check_output "jh cell start by id" '^started cell rt on CPUs 1$' jh cell start 1
tap_check_output "rt runs" '^1 rt running 1$' cat /sys/devices/jh/cells
tap_check_output "jh cell stats 1" '^cell rt id 1 state running cpus 1$' jh cell stats 1
jh cell stats 0 > /tmp/stats.out 2>&1
tap_check_output "jh cell stats 0: the root cell" '^cell bochs-2cpu id 0 state running cpus 0$' \
	cat /tmp/stats.out
tap_check_output "jh cell stats 0: its exits since enable" '^total [1-9]' cat /tmp/stats.out
tap_check_output "a reload stops the running cell" \
	'^loaded /inmates/uart-demo.bin' jh cell load rt /inmates/uart-demo.bin -s count=0 -a 0x1000
tap_check_output "rt is created again, not running" '^1 rt created 1$' cat /sys/devices/jh/cells
tap_check "and starts again" jh cell start rt
tap_check_output "rt runs again" '^1 rt running 1$' cat /sys/devices/jh/cells
tap_check "root Linux works on CPU 0" \
	taskset -c 0 sh -c 'i=0; while [ $i -lt 200 ]; do i=$((i + 1)); done'
tap_check_output "jh cell destroy 1 (running: destroy does not ask)" \
	'^destroyed cell rt: CPUs 1 back in Linux$' jh cell destroy 1
tap_check_output "CPU 1 is online" '^1$' cat /sys/devices/system/cpu/cpu1/online
tap_check "CPU 1 runs a task" taskset -c 1 true
tap_check_output "jh info: both CPUs under the hypervisor" 'cpus: 2 \( 0 1 \)' jh info
tap_check_output "the pool is back to $POOL0 bytes" "^$POOL0\$" cat /sys/devices/jh/mem_pool_used

# a CPU Linux has offline cannot be handed over: nothing changes
tap_check "CPU 1 offline in Linux" sh -c 'echo 0 > /sys/devices/system/cpu/cpu1/online'
tap_check_output "jh cell create with CPU 1 offline is refused with the fix" \
	'^jh cell create: CPU 1 is not running Linux under the hypervisor .*bring it online' \
	jh cell create $RT
# (the root's line keeps offline CPU 1: it stays under the hypervisor)
tap_check_output "no cell was created" '^0 bochs-2cpu running 0-1$' cat /sys/devices/jh/cells
tap_check "CPU 1 online again" sh -c 'echo 1 > /sys/devices/system/cpu/cpu1/online'
tap_check_output "jh info: both CPUs under the hypervisor again" 'cpus: 2 \( 0 1 \)' jh info

tap_check "jh disable" jh disable
tap_check "rmmod jh" rmmod jh
tap_check "CPUs 0 and 1 work after disable" sh -c 'taskset -c 0 true && taskset -c 1 true'
