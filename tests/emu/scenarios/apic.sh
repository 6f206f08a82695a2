#!/bin/sh
# APIC scenario (e2e-apic, 4-CPU Bochs): with the hypervisor enabled, the
# root cell's xAPIC page and IOAPIC are trapped and emulated
# (hypervisor/x86/xapic.c, ioapic.c): every APIC write of Linux is an
# EPT violation decoded by the MMIO emulator, every IPI passes the ICR
# filter, while APIC reads go to the CPU's APIC without an exit (the page
# is mapped read-only). Linux must not notice: the local timer ticks on every CPU, IPIs
# reach every CPU (reschedule/function-call/TLB counts), CPU hotplug
# (INIT/SIPI through the filter) works, nothing is refused. Then, with the
# RT cell running apic-demo on CPU 1, the root (through /dev/mem, as a
# rogue root process could) cannot reach that CPU: IPIs and NMIs to it are
# dropped, an IOAPIC pin aimed at it is refused; the cell keeps running.
. /lib/jh-test.sh
. /lib/jh-cell.sh

ncpus=$(nproc)
if [ "$ncpus" = 4 ]; then cfg=/configs/bochs.cell; else cfg=/configs/bochs-${ncpus}cpu.cell; fi
tap_diag "system config $cfg"

# the per-CPU sums of the given /proc/interrupts rows ("LOC", "RES CAL
# TLB"), one number per online CPU (the columns of /proc/interrupts)
irq_counts()
{
	awk -v rows="$1" '
		NR == 1 { n = NF; next }
		BEGIN { split(rows, want, " "); for (r in want) w[want[r] ":"] = 1 }
		($1 in w) { for (i = 0; i < n; i++) sum[i] += $(i + 2) }
		END { for (i = 0; i < n; i++) printf "%d ", sum[i]; print "" }' \
		/proc/interrupts
}

# every online CPU's count went up between two irq_counts lines
all_grew()
{
	local before after i b a
	before=$1 after=$2 i=1
	while [ $i -le "$(echo "$before" | wc -w)" ]; do
		b=$(echo "$before" | cut -d' ' -f$i)
		a=$(echo "$after" | cut -d' ' -f$i)
		[ "$a" -gt "$b" ] || { echo "online CPU #$i: $b -> $a"; return 1; }
		i=$((i + 1))
	done
}

# the online CPUs, one per line
online_cpus()
{
	local cpu
	for cpu in /sys/devices/system/cpu/cpu[0-9]*; do
		[ -f "$cpu/online" ] && [ "$(cat "$cpu/online")" = 0 ] && continue
		echo "${cpu##*cpu}"
	done
}

# idle CPUs do not tick (NO_HZ): keep each one busy while sampling
timer_ticks()
{
	local before cpu
	before=$(irq_counts LOC)
	for cpu in $(online_cpus); do
		taskset -c $cpu sh -c 'end=$(($(date +%s) + 2))
			while [ "$(date +%s)" -lt $end ]; do :; done' &
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
		for cpu in $(online_cpus); do
			taskset -c $cpu sh -c 'i=0; while [ $i -lt 50 ]; do i=$((i + 1)); done' &
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

# 1000 reads of the APIC version on CPU 0 read the CPU's APIC, not an exit
cpu0_ept() { sed -n 's/^cpu0 ept_violation //p' /sys/devices/jh/exit_stats; }
version=$(jh-mmio read 0xfee00030)
e0=$(cpu0_ept)
tap_check_output "1000 xAPIC reads on CPU 0 give the APIC version ($version)" "^$version\$" \
	taskset -c 0 jh-mmio reads 0xfee00030 1000
e1=$(cpu0_ept)
tap_check "they made no VM exit each: CPU 0's EPT violations $e0 -> $e1" \
	test $((e1 - e0)) -lt 500
tap_check_fails "no MMIO access refused, no fatal exit on the console" \
	sh -c 'jh console | grep -E "not emulated|FATAL|dropped|refused"'

# the root may keep its APIC where it is, but not move it out of the trap
# (the hypervisor answers #GP, so the msr driver's write fails)
base=$(msr-read 0 0x1b)
tap_check "the root rewrites IA32_APIC_BASE unchanged ($base)" msr-write 0 0x1b "$base"
tap_check_fails "the root cannot move its xAPIC page (IA32_APIC_BASE write refused)" \
	msr-write 0 0x1b $(((base & 0xfff) | 0xfee10000))
tap_check_output "IA32_APIC_BASE is unchanged" "^$base\$" msr-read 0 0x1b
tap_check "the local APIC timer still ticks on every CPU" timer_ticks

# --- the root against a running cell (CPU 1, APIC ID 1) ---
IOAPIC=0xfec00000
PIN=23				# no device behind it in Bochs
LO=$((0x10 + 2 * PIN))
HI=$((LO + 1))

ioapic_entry()
{
	ioapic_pin $PIN
}

# the root sends the IPI from CPU 0; Linux's own IPIs may come between the
# two ICR writes, so a few tries until the console shows the drop
ipi_dropped()
{
	local lo re try
	lo=$1 re=$2 try=0
	while [ $try -lt 3 ]; do
		taskset -c 0 jh-mmio ipi 1 "$lo"
		jh console | grep -qE "$re" && return 0
		try=$((try + 1))
	done
	echo "no console line matching /$re/:"
	jh console | tail -n 5
	return 1
}

tap_check "cell rt created, loaded with apic-demo, started on CPU 1" sh -c \
	'jh cell create /configs/rt.cell && jh cell load rt /inmates/apic-demo.bin &&
	 jh cell start rt' && wait_cell_started rt
saved=$(ioapic_entry)
tap_diag "IOAPIC pin $PIN entry (high low): $saved"
tap_check "the root programs IOAPIC pin $PIN masked, aimed at CPU 0" sh -c \
	"jh-mmio ioapic-write $IOAPIC $HI 0 && jh-mmio ioapic-write $IOAPIC $LO 0x10041"
tap_check_output "the IOAPIC took it" '^0x00000000 0x00010041$' ioapic_entry
tap_check "the root unmasks pin $PIN aimed at CPU 0" \
	jh-mmio ioapic-write $IOAPIC $LO 0x41
tap_check_output "the IOAPIC took it" '^0x00000000 0x00000041$' ioapic_entry
jh-mmio ioapic-write $IOAPIC $HI 0x01000000
tap_check_output "aiming the unmasked pin at the cell's CPU is refused" \
	'^0x00000000 0x00000041$' ioapic_entry
jh-mmio ioapic-write $IOAPIC $LO 0x10041
jh-mmio ioapic-write $IOAPIC $HI 0x01000000
jh-mmio ioapic-write $IOAPIC $LO 0x41
tap_check_output "unmasking a pin aimed at the cell's CPU is refused" \
	'^0x01000000 0x00010041$' ioapic_entry
tap_check_output "the console names the refused IOAPIC write" \
	"IOAPIC 0xfec00000 pin $PIN .*refused: its destination is a CPU of another cell" \
	jh console
jh-mmio ioapic-write $IOAPIC $LO 0x10000
jh-mmio ioapic-write $IOAPIC $HI "${saved%% *}"
jh-mmio ioapic-write $IOAPIC $LO "${saved##* }"
tap_check_output "pin $PIN restored" "^$saved\$" ioapic_entry

# an NMI reaching the cell's CPU would exit (NMI exiting): count them
exits_before=$(cell_total rt)
tap_check "a fixed IPI from the root to the cell's CPU is dropped" \
	ipi_dropped 0x4041 "root cell IPI from CPU 0 \(ICR 0x4041, destination 0x1\) to CPU 1 of cell 'rt' dropped"
tap_check "an NMI from the root to the cell's CPU is dropped" \
	ipi_dropped 0x4400 "root cell IPI from CPU 0 \(ICR 0x4400, destination 0x1\) to CPU 1 of cell 'rt' dropped"
sleep 1
exits_after=$(cell_total rt)
tap_check "the cell saw none of it: no VM exit on its CPU ($exits_before -> $exits_after)" \
	test "${exits_before:-none}" = "$exits_after"
tap_check_output "the cell still runs" '^running$' cell_state rt
tap_check "IPIs reach every root CPU with the cell running" ipis_delivered
tap_check "the local APIC timer ticks on every root CPU with the cell running" \
	timer_ticks
tap_check_output "jh cell shutdown rt" 'shut down' jh cell shutdown rt
tap_check_output "jh cell destroy rt" '^destroyed cell rt' jh cell destroy rt
tap_check "CPU 1 back in Linux runs a task" taskset -c 1 true
tap_check "IPIs reach every CPU after the cell" ipis_delivered

tap_check "jh disable" jh disable
tap_check "the local APIC timer ticks on every CPU after disable" timer_ticks
