#!/bin/sh
# SMT and what the hypervisor keeps for itself (tests/suites/e2e-harden-smt,
# Bochs with 4 CPUs as 2 cores x 2 threads: CPUs 0-1 and 2-3 are siblings).
# A cell whose CPU has a sibling left with Linux is refused, naming both
# CPUs and the fixes, and nothing changes; a whole core, or a half core
# with JH_CELL_SHARED_CORE, is accepted, starts and goes back. The
# handover flush reports once which flushes this CPU does, from the CPUID
# bits the root sees too. Cells that would take the hypervisor's debug
# UART (COM1) or a machine-reset port are refused. Without
# JH_SYS_VIRTUAL_DEBUG_CONSOLE the console ring (root-readable) stays empty.
. /lib/jh-test.sh
. /lib/jh-cell.sh

SYS=/configs/bochs.cell
RT=/configs/rt.cell

tap_diag "CPUID 0xb.0 (eax ebx ecx edx): $(jh-cpuid 0xb 0)"
tap_diag "CPUID 7.0: $(jh-cpuid 7 0)"
tap_check_output "Bochs runs CPUs 2 and 3 as one core's threads" '^2-3$' \
	cat /sys/devices/system/cpu/cpu2/topology/thread_siblings_list

tap_check "insmod jh.ko" insmod /lib/modules/jh.ko || exit 0
tap_check "jh enable $SYS" jh enable $SYS || {
	jh console | sed 's/^/JH-TAP: #   /'
	exit 0
}

# --- the root's read-only view of boot --------------------------------------
# the root reads boot through /dev/mem as a rogue root process could: the
# rest of boot's last page must be zero padding, no hypervisor variable
# (the suite passes boot's offset in the image and its size)
mem_hex()	# ADDR LEN: the bytes at physical ADDR in hex, no spaces
{
	dd if=/dev/mem bs=1 skip=$1 count=$2 2>/dev/null | od -An -v -tx1 | tr -d ' \n'
}
hv=$(jh config show $SYS | sed -n 's/^hypervisor_memory: \(0x[0-9a-f]*\)-.*/\1/p')
arg=$(tr ' ' '\n' < /proc/cmdline | sed -n 's/^jh_test_boot=//p')
if [ -n "$hv" ] && [ -n "$arg" ]; then
	boot=$((hv + ${arg%:*})) size=$((${arg#*:}))
	tap_check_output "the root reads boot through /dev/mem (boot.phys_base)" \
		"^000000$(printf '%02x' $((hv >> 24 & 0xff)))00000000\$" mem_hex $boot 8
	tail_len=$((((boot + size + 4095) & ~4095) - boot - size))
	tail=$(mem_hex $((boot + size)) $tail_len)
	tap_diag "boot: 0x$(printf '%x' $boot) + 0x$(printf '%x' $size), $tail_len bytes after it on its last page"
	if [ ${#tail} = $((tail_len * 2)) ] && [ -z "$(echo "$tail" | tr -d 0)" ]; then
		tap_ok "the rest of boot's last page reads as zero: no hypervisor variable there"
	else
		tap_not_ok "the rest of boot's last page reads as zero: no hypervisor variable there" \
			"$(echo "$tail" | cut -c1-160)"
	fi
else
	tap_not_ok "the suite passed jh_test_boot= and bochs.cell names the hypervisor memory" \
		"hv '$hv' arg '$arg'"
fi

# refused NAME REGEX EDIT...: a copy of rt.cell with EDITs must be refused
# with a reason matching REGEX, and change nothing
refused()
{
	local name re rc before after
	name=$1 re=$2
	shift 2
	before=$(linux_state)
	cell-edit $RT /tmp/$name.cell name=$name "$@"
	jh cell create /tmp/$name.cell > /tmp/$name.out 2>&1
	rc=$?
	tap_diag "$(cat /tmp/$name.out)"
	[ $rc = 0 ] && jh cell destroy "$name" > /dev/null 2>&1
	if [ $rc = 1 ] && grep -qE "^jh cell create: .*$re" /tmp/$name.out; then
		tap_ok "$name is refused with the reason /$re/"
	else
		tap_not_ok "$name is refused with the reason /$re/" "status $rc"
	fi
	after=$(linux_state)
	if [ "$after" = "$before" ]; then
		tap_ok "$name: Linux, the cells and the pool unchanged"
	else
		tap_not_ok "$name: Linux, the cells and the pool unchanged" \
			"before: $before; after: $after"
	fi
}

# runs NAME CELLFILE CPULIST: create, load apic-demo, start, running, destroy
runs()
{
	tap_check_output "$1: created on CPUs $3" "^created cell $1 \\(id [0-9]+\\) on CPUs $3\$" \
		jh cell create $2 || return
	tap_check "$1: apic-demo loaded and started" sh -c \
		"jh cell load $1 /inmates/apic-demo.bin -s 'report=0' -a 0x1000 && jh cell start $1"
	if wait_cell_started $1; then
		tap_ok "$1: runs"
	else
		tap_not_ok "$1: runs" "$(jh cell list)"
	fi
	tap_check_output "$1: destroyed, CPUs $3 back" "^destroyed cell $1: CPUs $3 back in Linux\$" \
		jh cell destroy $1
}

# --- SMT siblings ----------------------------------------------------------
refused half-core-1 'CPU 1 shares a core \(SMT siblings\) with CPU 0 .*add CPU 0 to the cell, or set JH_CELL_SHARED_CORE'
refused half-core-2 'CPU 2 shares a core \(SMT siblings\) with CPU 3 ' cpus=0x4
cell-edit $RT /tmp/whole-core.cell name=whole-core cpus=0xc
runs whole-core /tmp/whole-core.cell 2-3
# JH_CELL_SHARED_CORE (0x4) besides VIRTUAL_CONSOLE (0x1), flags at offset 12
cell-edit $RT /tmp/shared.cell name=shared
printf '\005' | dd of=/tmp/shared.cell bs=1 seek=12 conv=notrunc 2>/dev/null
runs shared /tmp/shared.cell 1
tap_check "Linux runs tasks on every CPU again" cpus_run_tasks "0 1 2 3"

# --- the handover flush ----------------------------------------------------
tap_check_output "the console says which handover flushes this CPU does" \
	'^jh: CPU handover flush:( IBPB| L1D| VERW| none offered)+ \(CPUID.7.EDX 0x' jh console
line=$(jh console | grep -m1 '^jh: CPU handover flush:')
tap_diag "$line"
edx=$(jh-cpuid 7 0 | awk '{ print $4 }')
if echo "$line" | grep -qi "CPUID.7.EDX $(printf '0x%x' "$edx")[,)]"; then
	tap_ok "it decided on the CPUID leaf 7 EDX the root sees ($edx)"
else
	tap_not_ok "it decided on the CPUID leaf 7 EDX the root sees ($edx)" "$line"
fi
want=""
[ $((edx >> 26 & 1)) = 1 ] && want="$want IBPB"
l1d=0
[ $((edx >> 28 & 1)) = 1 ] && [ $((edx >> 29 & 1)) = 0 ] && { want="$want L1D"; l1d=1; }
[ $((edx >> 10 & 1)) = 1 ] && [ $l1d = 0 ] && want="$want VERW"
if [ $((edx >> 29 & 1)) = 1 ]; then
	tap_skip "the flush list for those bits" "ARCH_CAPABILITIES decides the L1D flush"
elif echo "$line" | grep -q "flush:${want:- none offered} ("; then
	tap_ok "the flush list for those bits:${want:- none offered}"
else
	tap_not_ok "the flush list for those bits:${want:- none offered}" "$line"
fi

# --- what the hypervisor and the machine depend on -------------------------
refused debug-uart 'ports 0x3f8-0x3ff include the hypervisor.s debug console UART' \
	cpus=0xc pio.0.base=0x3f8
refused reset-port 'port 0x92, System Control Port A' cpus=0xc pio.0.base=0x90 pio.0.length=4

tap_check "jh disable" jh disable

# --- the console ring when the root may not read it ------------------------
# a system config without JH_SYS_VIRTUAL_DEBUG_CONSOLE (flags at offset 12):
# the ring is in boot, which the root reads whatever the driver allows, so
# the hypervisor must not fill it; a cell's hypervisor-console output (the
# banner with ticks=4242, which reaches COM1: the suite checks serial.log)
# must not show up in `jh console`, neither now nor after disable
cp $SYS /tmp/noring.cell
printf '\000' | dd of=/tmp/noring.cell bs=1 seek=12 conv=notrunc 2>/dev/null
tap_check "jh enable without JH_SYS_VIRTUAL_DEBUG_CONSOLE" jh enable /tmp/noring.cell
cell-edit $RT /tmp/vcon.cell name=vcon cpus=0xc
tap_check "a cell prints on the hypervisor console (con=hv)" sh -c \
	"jh cell create /tmp/vcon.cell && jh cell load vcon /inmates/apic-demo.bin \
	 -s 'con=hv ticks=4242 report=0' -a 0x1000 && jh cell start vcon"
wait_cell_started vcon
tap_check_output "jh console is refused while enabled" 'does not let the root cell read' \
	jh console
tap_check "destroy it, jh disable" sh -c "jh cell destroy vcon && jh disable"
jh console > /tmp/ring.out 2>&1
tap_diag "jh console after disable: $(wc -l < /tmp/ring.out) lines"
if grep -q 'ticks=4242' /tmp/ring.out; then
	tap_not_ok "the cell's output is not in the ring after disable" "$(grep -m1 ticks=4242 /tmp/ring.out)"
else
	tap_ok "the cell's output is not in the ring after disable"
fi
tap_check_fails "nor any hypervisor message" grep -q '^jh: ' /tmp/ring.out
tap_check "rmmod jh" rmmod jh
