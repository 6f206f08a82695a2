#!/bin/sh
# xAPIC scenario (e2e-xapic): with the hypervisor enabled, the root cell's
# xAPIC page is trapped and emulated (hypervisor/xapic.c): every APIC access
# of Linux is an EPT violation decoded by the MMIO emulator, and every IPI
# passes the ICR filter. Linux must not notice: the local timer ticks on
# every CPU, IPIs reach every CPU (reschedule/function-call/TLB counts),
# CPU hotplug (INIT/SIPI through the filter) works, nothing is refused.
. /lib/jh-test.sh

ncpus=$(nproc)
if [ "$ncpus" = 4 ]; then cfg=/configs/bochs.cell; else cfg=/configs/bochs-${ncpus}cpu.cell; fi
tap_diag "system config $cfg"

# the per-CPU sum of the given /proc/interrupts rows ("LOC", "RES CAL TLB")
irq_counts()
{
	awk -v rows="$1" -v n="$ncpus" '
		BEGIN { split(rows, want, " "); for (r in want) w[want[r] ":"] = 1 }
		($1 in w) { for (i = 0; i < n; i++) sum[i] += $(i + 2) }
		END { for (i = 0; i < n; i++) printf "%d ", sum[i]; print "" }' \
		/proc/interrupts
}

# every CPU's count went up between two irq_counts lines
all_grew()
{
	local before after i b a
	before=$1 after=$2 i=1
	while [ $i -le "$ncpus" ]; do
		b=$(echo "$before" | cut -d' ' -f$i)
		a=$(echo "$after" | cut -d' ' -f$i)
		[ "$a" -gt "$b" ] || { echo "CPU $((i - 1)): $b -> $a"; return 1; }
		i=$((i + 1))
	done
}

# idle CPUs do not tick (NO_HZ): keep each one busy while sampling
timer_ticks()
{
	local before cpu
	before=$(irq_counts LOC)
	cpu=0
	while [ $cpu -lt "$ncpus" ]; do
		taskset -c $cpu sh -c 'end=$(($(date +%s) + 2))
			while [ "$(date +%s)" -lt $end ]; do :; done' &
		cpu=$((cpu + 1))
	done
	wait
	all_grew "$before" "$(irq_counts LOC)"
}

# work moved between CPUs makes reschedule and function-call IPIs
ipis_delivered()
{
	local before cpu round
	before=$(irq_counts "RES CAL TLB")
	round=0
	while [ $round -lt 5 ]; do
		cpu=0
		while [ $cpu -lt "$ncpus" ]; do
			taskset -c $cpu sh -c 'i=0; while [ $i -lt 50 ]; do i=$((i + 1)); done' &
			cpu=$((cpu + 1))
		done
		wait
		round=$((round + 1))
	done
	all_grew "$before" "$(irq_counts "RES CAL TLB")"
}

hotplug_all()
{
	local cpu
	cpu=1
	while [ $cpu -lt "$ncpus" ]; do
		echo 0 > /sys/devices/system/cpu/cpu$cpu/online || return 1
		echo 1 > /sys/devices/system/cpu/cpu$cpu/online || return 1
		taskset -c $cpu true || return 1
		cpu=$((cpu + 1))
	done
}

# "cpuN ept_violation COUNT" for every CPU
apic_exits_on_all_cpus()
{
	local cpu
	cpu=0
	while [ $cpu -lt "$ncpus" ]; do
		grep -qE "^cpu$cpu ept_violation [1-9]" /sys/devices/jh/exit_stats || {
			echo "no EPT violation exits on CPU $cpu:"
			cat /sys/devices/jh/exit_stats
			return 1
		}
		cpu=$((cpu + 1))
	done
}

tap_check "insmod jh.ko" insmod /lib/modules/jh.ko || exit 0
tap_check "jh enable $cfg" jh enable "$cfg" || {
	jh console | sed 's/^/JH-TAP: #   /'
	exit 0
}
tap_check "the local APIC timer ticks on every CPU" timer_ticks
tap_check "IPIs reach every CPU" ipis_delivered
tap_check "CPU hotplug of every non-boot CPU (INIT/SIPI through the filter)" hotplug_all
tap_check "IPIs reach every CPU after hotplug" ipis_delivered
tap_check "APIC accesses trap on every CPU (ept_violation exits)" apic_exits_on_all_cpus
tap_check_fails "no MMIO access refused, no fatal exit on the console" \
	sh -c 'jh console | grep -E "not emulated|FATAL|dropped"'
tap_check "jh disable" jh disable
tap_check "the local APIC timer ticks on every CPU after disable" timer_ticks
