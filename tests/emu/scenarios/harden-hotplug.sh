#!/bin/sh
# CPU hotplug against isolation (e2e-harden-hotplug, 4-CPU Bochs, issue 10
# item 6): no root CPU may run Linux outside the hypervisor while it runs.
# With apic-demo running in rt (CPU 1, no VM exits), root CPUs go offline
# and online again and again: they stay under the hypervisor (their exit
# counts go on, `jh info` keeps them, the console shows none leaving) and
# the cell sees nothing. Cells are created and destroyed while a root CPU
# goes offline and online. INIT and SIPI from the root (through /dev/mem,
# as a rogue root process could) to the cell's CPU or to an APIC outside
# the hypervisor are dropped; a CPU a cell gave back outside VMX (Bochs)
# stays offline while another cell exists. Disable with a root CPU offline works and
# Linux gets every CPU back; a CPU offline at enable cannot come online
# (the driver refuses, the hypervisor drops its INIT/SIPI) until disable.
. /lib/jh-test.sh
. /lib/jh-cell.sh

SYS=/configs/bochs.cell
RT=/configs/rt.cell
RT2=/configs/rt2.cell
LEFT='leaves the hypervisor|left the hypervisor'

online() { echo 1 > /sys/devices/system/cpu/cpu$1/online; }
offline() { echo 0 > /sys/devices/system/cpu/cpu$1/online; }

# every VM exit of CPU $1 so far (/sys/devices/jh/exit_stats)
cpu_exits()
{
	awk -v c="cpu$1" '$1 == c { n += $3 } END { print n + 0 }' \
		/sys/devices/jh/exit_stats
}

# the root's CPUs as `jh info` lists them, e.g. "0 2 3"
info_cpus()
{
	jh info | sed -n 's/^cpus: [0-9]* ( \(.*\) )$/\1/p'
}

# CPU $1 offline and online $2 times: each time `jh info` keeps it while
# offline, and back online it runs tasks under the hypervisor (its exit
# count grows past what it was before it went offline)
cycle()
{
	local cpu i before after
	cpu=$1 i=0
	while [ $i -lt "$2" ]; do
		before=$(cpu_exits $cpu)
		offline $cpu || { echo "offline $cpu failed"; return 1; }
		info_cpus | grep -qw $cpu || { echo "offline CPU $cpu missing:"; jh info; return 1; }
		online $cpu || { echo "online $cpu failed"; return 1; }
		taskset -c $cpu sh -c 'i=0; while [ $i -lt 200 ]; do i=$((i + 1)); done' ||
			return 1
		after=$(cpu_exits $cpu)
		[ "$after" -gt "$before" ] || {
			echo "CPU $cpu: exits $before -> $after: not under the hypervisor"
			return 1
		}
		i=$((i + 1))
	done
}

# the root sends an IPI from CPU 0 (jh-mmio: xAPIC ICR high, then low);
# Linux's own IPIs may come between the two writes: a few tries
ipi_dropped()
{
	local dest lo re try
	dest=$1 lo=$2 re=$3 try=0
	while [ $try -lt 3 ]; do
		taskset -c 0 jh-mmio ipi "$dest" "$lo"
		jh console | grep -qE "$re" && return 0
		try=$((try + 1))
	done
	echo "no console line matching /$re/:"
	jh console | tail -n 5
	return 1
}

all_online()
{
	local cpu
	for cpu in 1 2 3; do
		[ "$(cat /sys/devices/system/cpu/cpu$cpu/online)" = 1 ] || online $cpu ||
			return 1
	done
	for cpu in 0 1 2 3; do
		taskset -c $cpu true || return 1
	done
	test "$(cat /sys/devices/system/cpu/online)" = 0-3
}

tap_check "insmod jh.ko" insmod /lib/modules/jh.ko || exit 0
tap_check "jh enable $SYS" jh enable $SYS || {
	jh console | sed 's/^/JH-TAP: #   /'
	exit 0
}

# --- hotplug beside a running cell --------------------------------------------
tap_check "cell rt created, loaded with apic-demo, started on CPU 1" sh -c \
	"jh cell create $RT && jh cell load rt /inmates/apic-demo.bin && jh cell start rt" &&
	wait_cell_started rt
rt_before=$(cell_total rt)
tap_check "CPU 2 offline and online 3 times, under the hypervisor throughout" cycle 2 3
tap_check "CPU 3 offline and online 3 times, under the hypervisor throughout" cycle 3 3
tap_check "CPU 2 offline: jh info and the root's cell line keep it" sh -c \
	"echo 0 > /sys/devices/system/cpu/cpu2/online &&
	 jh info | grep -q '^cpus: 3 ( 0 2 3 )' && grep -q '^0 .* running 0,2-3' /sys/devices/jh/cells"
tap_check "CPU 2 online again runs a task" sh -c \
	"echo 1 > /sys/devices/system/cpu/cpu2/online && taskset -c 2 true"
tap_check_fails "no root CPU left the hypervisor (console)" \
	sh -c "jh console | grep -E '$LEFT'"
tap_check_output "rt still runs" '^running$' cell_state rt
tap_check "rt saw none of it: no VM exit on its CPU" \
	test "${rt_before:-none}" = "$(cell_total rt)"

# --- the root's INIT/SIPI to the cell's CPU and to unknown APICs ---------------
tap_check "INIT from the root to the cell's CPU is dropped" ipi_dropped 1 0x4500 \
	"root cell IPI from CPU 0 \(ICR 0x4500, destination 0x1\) to CPU 1 of cell 'rt' dropped"
tap_check "SIPI from the root to the cell's CPU is dropped" ipi_dropped 1 0x4610 \
	"root cell IPI from CPU 0 \(ICR 0x4610, destination 0x1\) to CPU 1 of cell 'rt' dropped"
tap_check "INIT from the root to an APIC outside the hypervisor (ID 7) is dropped" \
	ipi_dropped 7 0x4500 \
	"root cell IPI from CPU 0 \(ICR 0x4500, destination 0x7\) to an APIC outside the hypervisor dropped"
tap_check "SIPI from the root to an APIC outside the hypervisor (ID 7) is dropped" \
	ipi_dropped 7 0x4610 \
	"root cell IPI from CPU 0 \(ICR 0x4610, destination 0x7\) to an APIC outside the hypervisor dropped"
sleep 1
tap_check_output "rt still runs after the INIT/SIPI" '^running$' cell_state rt
tap_check "rt saw no VM exit from them" test "${rt_before:-none}" = "$(cell_total rt)"

# --- a second cell destroyed beside rt -------------------------------------
# In Bochs the CPU rt2 gives back cannot reset its APIC inside VMX (x2APIC
# -> xAPIC needs an INIT there): it leaves VMX and must stay offline, its
# INIT/SIPI dropped, while rt exists; elsewhere it goes back to the root
# parked and Linux onlines it under the hypervisor at once.
tap_check "rt2 (CPU 3) created, started and destroyed beside rt" sh -c \
	"jh cell create $RT2 && jh cell load rt2 /inmates/apic-demo.bin -s report=0 -a 0x1000 &&
	 jh cell start rt2 && sleep 2 && jh cell destroy rt2"
if jh console | grep -q 'CPU 3 left the hypervisor: its APIC needs an INIT'; then
	tap_diag "CPU 3 left VMX (its APIC needs an INIT): it waits for rt to go"
	tap_check_output "CPU 3 stays offline while rt exists" '^0$' \
		cat /sys/devices/system/cpu/cpu3/online
	tap_check_fails "Linux cannot online CPU 3 while rt exists" online 3
	tap_check "the root's INIT to CPU 3 outside VMX is dropped while rt exists" \
		ipi_dropped 3 0x4500 \
		"root cell IPI from CPU 0 \(ICR 0x4500, destination 0x3\) to an APIC outside the hypervisor dropped"
	tap_check_output "no cell can take CPU 3 meanwhile" 'CPU 3 is not running Linux under the hypervisor' \
		jh cell create $RT2
else
	tap_check "CPU 3 back from rt2 is under the hypervisor" cycle 3 1
fi
tap_check_output "rt still runs" '^running$' cell_state rt
tap_check "rt saw no VM exit meanwhile" test "${rt_before:-none}" = "$(cell_total rt)"
tap_check_fails "no root CPU of Linux's hotplug left the hypervisor (console)" \
	sh -c "jh console | grep -E 'CPU 2 ($LEFT)'"
tap_check_output "jh cell destroy rt" '^destroyed cell rt' jh cell destroy rt
tap_check_output "CPUs 1 and 3 are back online" '^0-3$' cat /sys/devices/system/cpu/online
tap_check "CPU 1 back from rt is under the hypervisor" cycle 1 1
tap_check "CPU 3 is under the hypervisor" cycle 3 1

# --- cells come and go while a root CPU goes offline and online ---------------
(i=0; while [ $i -lt 6 ]; do offline 2; online 2; i=$((i + 1)); done) \
	> /tmp/churn.out 2>&1 &
churn=$!
ok=0
for round in 1 2; do
	jh cell create $RT2 > /tmp/c.out 2>&1 && jh cell load rt2 /inmates/apic-demo.bin \
		-s "report=0" -a 0x1000 > /dev/null 2>&1 && jh cell start rt2 > /dev/null 2>&1 &&
		wait_cell_started rt2 && jh cell destroy rt2 > /dev/null 2>&1 && ok=$((ok + 1))
	tap_diag "round $round: $(cat /tmp/c.out)"
done
wait $churn
tap_check "rt2 (CPU 3) created, started and destroyed twice while CPU 2 churns" test $ok = 2
tap_check_fails "the churn's hotplug requests all worked" grep . /tmp/churn.out
tap_check "CPUs 2 and 3 run tasks" sh -c 'taskset -c 2 true && taskset -c 3 true'
tap_check "CPU 2 is under the hypervisor (its exits grow)" cycle 2 1
tap_check "CPU 3 is under the hypervisor (its exits grow)" cycle 3 1
tap_check_fails "CPU 2 never left the hypervisor (console)" \
	sh -c "jh console | grep -E 'CPU 2 ($LEFT)'"

# --- disable with a root CPU offline -------------------------------------------
tap_check "CPU 2 offline" offline 2
tap_check "jh disable with CPU 2 offline" jh disable
tap_check_output "CPU 2 is offline again after the disable" '^0$' \
	cat /sys/devices/system/cpu/cpu2/online
tap_check "every CPU comes online and runs a task" all_online
tap_check_output "Linux has all 4 CPUs" '^4$' nproc

# --- a CPU that was offline at enable ----------------------------------------
tap_check "CPUs 2 and 3 offline before enable" sh -c 'echo 0 > /sys/devices/system/cpu/cpu2/online &&
	echo 0 > /sys/devices/system/cpu/cpu3/online'
tap_check "jh enable /configs/bochs-2cpu.cell (the root: CPUs 0-1)" jh enable /configs/bochs-2cpu.cell
tap_check_fails "Linux cannot online CPU 3 (offline at enable) under the hypervisor" online 3
tap_check_output "dmesg says why" 'CPU 3 was offline when the hypervisor was enabled' dmesg
tap_check "INIT from the root to CPU 3 (APIC ID 3) is dropped" ipi_dropped 3 0x4500 \
	"root cell IPI from CPU 0 \(ICR 0x4500, destination 0x3\) to an APIC outside the hypervisor dropped"
tap_check "SIPI from the root to CPU 3 is dropped" ipi_dropped 3 0x4610 \
	"root cell IPI from CPU 0 \(ICR 0x4610, destination 0x3\) to an APIC outside the hypervisor dropped"
tap_check "CPU 1 offline and online under the hypervisor" cycle 1 2
tap_check "jh disable" jh disable
tap_check "after disable every CPU comes online and runs a task" all_online
tap_check_output "Linux has all 4 CPUs" '^4$' nproc
