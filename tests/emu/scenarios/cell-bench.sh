#!/bin/sh
# Benchmark scenario of scripts/bench-cells.sh (2-CPU Bochs, bochs-2cpu.cell
# + rt.cell). Phase 1: apic-demo runs until shut down; VM exits per second
# of the cell (jh cell stats -i 2) and of the root cell's CPUs (sysfs
# exit_stats over 2 s of uptime; the sysfs reads count too). Phase 2:
# apic-demo for jh_bench_ticks ticks (kernel command line, default 1000) of
# 1 ms, waiting by polling like the bare run; its latency line goes to COM2.
# Prints "JH-BENCH: NAME VALUE" lines.
. /lib/jh-test.sh
. /lib/jh-cell.sh

SYS=/configs/bochs-2cpu.cell
RT=/configs/rt.cell
TICKS=${jh_bench_ticks:-1000}

# exits of the root cell's CPUs (those Linux has online), summed
root_exits()
{
	awk -v online="$(cat /sys/devices/system/cpu/online)" '
		BEGIN { n = split(online, r, ","); for (i = 1; i <= n; i++) {
			m = split(r[i], ab, "-"); lo = ab[1] + 0; hi = (m > 1 ? ab[2] : ab[1]) + 0
			for (c = lo; c <= hi; c++) mine["cpu" c] = 1 } }
		$1 in mine { s += $3 } END { print s + 0 }' /sys/devices/jh/exit_stats
}
uptime_cs() { awk '{ split($1, t, "."); print t[1] * 100 + t[2] }' /proc/uptime; }

tap_check "insmod jh.ko" insmod /lib/modules/jh.ko || exit 0
tap_check "jh enable $SYS" jh enable $SYS || exit 0

tap_check "phase 1: create, load apic-demo (until shut down), start" sh -c \
	"jh cell create $RT && jh cell load rt /inmates/apic-demo.bin -s 'report=0 idle=poll' -a 0x1000 &&
	 jh cell start rt" || exit 0
tap_check "phase 1: the cell runs" wait_cell_started rt
if tap_check "phase 1: jh cell stats rt -i 2" jh cell stats rt -i 2; then
	echo "JH-BENCH: rt_cell_vmexits_per_s $(awk '$1 == "total_per_s" { print $2 }' "$TAP_OUT")"
fi
e0=$(root_exits) t0=$(uptime_cs)
sleep 2
e1=$(root_exits) t1=$(uptime_cs)
echo "JH-BENCH: root_vmexits_per_s $(((e1 - e0) * 100 / (t1 - t0)))"
tap_check "phase 1: shutdown, destroy" sh -c 'jh cell shutdown rt && jh cell destroy rt'

tap_check "phase 2: create, load apic-demo ticks=$TICKS, start" sh -c \
	"jh cell create $RT && jh cell load rt /inmates/apic-demo.bin \
		-s 'ticks=$TICKS period_us=1000 report=0 idle=poll' -a 0x1000 && jh cell start rt" || exit 0
tap_check "phase 2: apic-demo finishes its $TICKS ticks" wait_cell_state rt shut-down 600
tap_check "phase 2: destroy" jh cell destroy rt
tap_check "jh disable" jh disable
tap_check "rmmod jh" rmmod jh
exit 0
