#!/bin/sh
# Benchmark scenario of scripts/bench-root.sh (2-CPU Bochs, bochs-2cpu.cell,
# no other cell): the root cell's cost of running under jh, in one boot.
#  1. each fixed workload (jh-load spawn/ipc/io) timed with the hypervisor
#     off, then on, alternating (ROUNDS rounds; the fastest run of each
#     counts), with the root's VM exits by reason during the runs;
#  2. the round trip of each frequent exit (jh-exitcost.ko) off and on;
#  3. the root's VM exits while it idles, in one 4 s window: per second in
#     total and the count per reason.
# Prints "JH-BENCH: ..." lines; the host script turns them into bench lines.
. /lib/jh-test.sh

SYS=/configs/bochs-2cpu.cell
ROUNDS=${jh_bench_rounds:-2}
LOADS=${jh_bench_loads:-"spawn:${jh_bench_spawn:-20} ipc:${jh_bench_ipc:-200} io:${jh_bench_io:-20}"}
# jh_bench_loads_only=1: the workloads alone (the MWAIT-idle boot)
ONLY=${jh_bench_loads_only:-0}

exit_totals()
{
	awk '{ n[$2] += $3 } END { for (r in n) print r, n[r] }' /sys/devices/jh/exit_stats
}
uptime_cs() { awk '{ split($1, t, "."); print t[1] * 100 + t[2] }' /proc/uptime; }

# run_loads STATE: each workload once; keeps the fastest time per workload
# in /tmp/best.STATE.NAME and, when on, its exits by reason in /tmp/exits.NAME
run_loads()
{
	local spec name n ns
	for spec in $LOADS; do
		name=${spec%%:*} n=${spec#*:}
		[ "$1" = on ] && exit_totals > /tmp/before
		ns=$(jh-load "$name" "$n" | sed -n "s/^jh-load: $name //p")
		if [ -z "$ns" ]; then
			tap_not_ok "jh-load $name $n ($1)"
			continue
		fi
		if [ "$1" = on ]; then
			exit_totals > /tmp/after
			awk -v ns="$ns" 'NR == FNR { b[$1] = $2; next }
				$2 > b[$1] { printf "%s %d\n", $1, ($2 - b[$1]) * 1e9 / ns }' \
				/tmp/before /tmp/after > /tmp/exits.$name.new
		fi
		if [ ! -f /tmp/best.$1.$name ] || [ "$ns" -lt "$(cat /tmp/best.$1.$name)" ]; then
			echo "$ns" > /tmp/best.$1.$name
			[ "$1" = on ] && mv /tmp/exits.$name.new /tmp/exits.$name
		fi
		tap_diag "$name $n ($1): $ns ns"
	done
}

# exit_costs STATE: jh-exitcost.ko's lines as JH-BENCH lines
exit_costs()
{
	local hv=0
	[ "$1" = on ] && hv=1
	dmesg -c > /dev/null
	insmod /lib/modules/jh-exitcost.ko n=200 hv=$hv 2>/dev/null
	# busybox insmod retries a failed finit_module with init_module: the
	# module may have run twice; its first lines count
	dmesg | sed -n "s/.*jh-exitcost: \([a-z_]*\) \([0-9]*\) \([0-9]*\)$/JH-BENCH: cycles_$1 \1 \2/p" |
		awk '!seen[$3]++'
}

# what the CPU's VMX offers for the APIC (docs/performance.md)
echo "JH-BENCH: vmx_procbased2 $(msr-read 0 0x48b 2>&1)"
echo "JH-BENCH: vmx_procbased $(msr-read 0 0x48e 2>&1)"
tap_check "insmod jh.ko" insmod /lib/modules/jh.ko || exit 0
[ -f /lib/modules/jh-exitcost.ko ] || tap_not_ok "jh-exitcost.ko is in the initramfs"
[ "$ONLY" = 1 ] || exit_costs off
round=0
while [ $round -lt "$ROUNDS" ]; do
	run_loads off
	tap_check "jh enable $SYS (round $round)" jh enable $SYS || exit 0
	run_loads on
	[ $round = 0 ] && [ "$ONLY" != 1 ] && exit_costs on
	round=$((round + 1))
	[ $round -lt "$ROUNDS" ] && { tap_check "jh disable (round $round)" jh disable || exit 0; }
done
for spec in $LOADS; do
	name=${spec%%:*}
	[ -f /tmp/best.off.$name ] && [ -f /tmp/best.on.$name ] || continue
	echo "JH-BENCH: overhead $name $(cat /tmp/best.on.$name) $(cat /tmp/best.off.$name)"
	awk -v n=$name '{ print "JH-BENCH: exits_per_s " n, $1, $2 }' /tmp/exits.$name
done
[ "$ONLY" = 1 ] && { tap_check "jh disable" jh disable; exit 0; }
# one idle window: the total per second and the count per reason
exit_totals > /tmp/before
t0=$(uptime_cs)
sleep 4
exit_totals > /tmp/after
t1=$(uptime_cs)
awk -v cs=$((t1 - t0)) 'NR == FNR { b[$1] = $2; next }
	$2 > b[$1] { n = $2 - b[$1]; total += n; line[++k] = $1 " " n }
	END {
		printf "JH-BENCH: idle_exits_per_s %d\n", (cs > 0 ? total * 100 / cs : 0)
		for (i = 1; i <= k; i++)
			print "JH-BENCH: idle_exits " line[i]
	}' /tmp/before /tmp/after
tap_check "jh disable" jh disable
tap_check "rmmod jh" rmmod jh
exit 0
