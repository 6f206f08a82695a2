#!/bin/sh
# Benchmark scenario of scripts/bench-stress.sh (4-CPU Bochs, bochs.cell +
# rt.cell on CPU 1 + rt2.cell on CPU 3): apic-demo in rt for jh_bench_ticks
# ticks (default 1000) of 1 ms, twice in one boot: with the root idle,
# then with the root under a mixed stress on both of its CPUs (0 and 2):
# memory copies, short processes, syscalls, console and tmpfs I/O with the
# UART's interrupts, an IPI storm between CPUs 0 and 2 (pipe ping-pong
# with timers), and rt2 created, started and destroyed in a loop (CPU 3
# offline and online in Linux each time). Each run's latency line goes to
# COM2 (the idle one first); rt's VM exits during its stressed run and the
# loops' counts are printed as "JH-BENCH: NAME VALUE" lines.
. /lib/jh-test.sh
. /lib/jh-cell.sh

SYS=/configs/bochs.cell
RT=/configs/rt.cell
RT2=/configs/rt2.cell
TICKS=${jh_bench_ticks:-1000}

# run_rt WHAT: apic-demo in rt for TICKS ticks, then destroy
run_rt()
{
	tap_check "$1: create rt, load apic-demo ticks=$TICKS, start" sh -c \
		"jh cell create $RT && jh cell load rt /inmates/apic-demo.bin \
			-s 'ticks=$TICKS period_us=1000 report=0 idle=poll' -a 0x1000 &&
		 jh cell start rt" || return 1
	RT_START=$(cut -d' ' -f1 /proc/uptime)
	tap_check "$1: apic-demo finishes its $TICKS ticks" wait_cell_state rt shut-down 900
	RT_END=$(cut -d' ' -f1 /proc/uptime)
	# start-up CPUIDs and the shut-down report are the run's only exits
	RT_EXITS=$(cell_total rt)
	tap_check "$1: destroy rt" jh cell destroy rt
}

# stressor NAME CMD: CMD in a loop until /tmp/stop exists; counts rounds
stressor()
{
	(n=0; while [ ! -f /tmp/stop ]; do eval "$2" >/dev/null 2>&1; n=$((n + 1)); done
	 echo "$n" > /tmp/rounds.$1) &
}

tap_check "insmod jh.ko" insmod /lib/modules/jh.ko || exit 0
tap_check "jh enable $SYS" jh enable $SYS || exit 0
printf '\353\376' > /tmp/spin.bin

run_rt "idle root" || exit 0
echo "JH-BENCH: idle_rt_exits $RT_EXITS"

rm -f /tmp/stop
for cpu in 0 2; do
	stressor mem$cpu "taskset -c $cpu jh-load mem 4"
	stressor spawn$cpu "taskset -c $cpu jh-load spawn 4"
	stressor io$cpu "taskset -c $cpu jh-load io 4 /dev/ttyS0"
done
stressor ipc "jh-load ipc 100 0,2"
stressor cell "jh cell create $RT2 && jh cell load rt2 /tmp/spin.bin && jh cell start rt2 &&
	sleep 0.1; jh cell destroy rt2"
sleep 1
run_rt "stressed root"
touch /tmp/stop
wait
echo "JH-BENCH: stressed_rt_exits $RT_EXITS"
echo "JH-BENCH: stressed_rt_seconds $RT_START $RT_END"
for f in /tmp/rounds.*; do echo "JH-BENCH: stress_rounds ${f#/tmp/rounds.} $(cat "$f")"; done
tap_check "rt2 is gone after the loop" sh -c \
	'jh cell destroy rt2 2>/dev/null; ! jh cell list | grep -q rt2'
tap_check_output "Linux has all 4 CPUs back" '^0-3$' cat /sys/devices/system/cpu/online
tap_check "jh disable" jh disable
tap_check "rmmod jh" rmmod jh
exit 0
