#!/bin/sh
# Benchmark scenario (scripts/bench-hypervisor.sh): VM exits per reason,
# summed over all CPUs, during a fixed root-cell workload under the
# hypervisor. Prints "JH-BENCH: exits_<reason> <count>" lines.
. /lib/jh-test.sh

ncpus=$(nproc)
if [ "$ncpus" = 4 ]; then cfg=/configs/bochs.cell; else cfg=/configs/bochs-${ncpus}cpu.cell; fi

# sums /sys/devices/jh/exit_stats ("cpuN reason count") per reason
exit_totals()
{
	awk '{ n[$2] += $3 } END { for (r in n) print r, n[r] }' /sys/devices/jh/exit_stats
}

tap_check "insmod jh.ko" insmod /lib/modules/jh.ko || exit 0
tap_check "jh enable $cfg" jh enable "$cfg" || exit 0
exit_totals > /tmp/before
# the fixed workload: a shell loop on every CPU, tmpfs I/O, process spawns
cpu=0
while [ $cpu -lt "$ncpus" ]; do
	taskset -c $cpu sh -c 'i=0; while [ $i -lt 2000 ]; do i=$((i + 1)); done' &
	cpu=$((cpu + 1))
done
dd if=/dev/zero of=/tmp/bench bs=4k count=512 2>/dev/null
i=0
while [ $i -lt 50 ]; do cat /tmp/bench > /dev/null; true; i=$((i + 1)); done
wait
exit_totals > /tmp/after
awk 'NR == FNR { b[$1] = $2; next } { printf "JH-BENCH: exits_%s %d\n", $1, $2 - b[$1] }' \
	/tmp/before /tmp/after
tap_check "jh disable" jh disable
tap_check "rmmod jh" rmmod jh
