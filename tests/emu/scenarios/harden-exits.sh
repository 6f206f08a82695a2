#!/bin/sh
# Exit-handling attacks (tests/suites/e2e-harden-exits, 4-CPU Bochs,
# bochs.cell + rt.cell + rt2.cell), issue 10 items 5, 7, 10, 11 and 16:
# with the RT cell running apic-demo on CPU 1, the root (through
# /dev/cpu/N/msr, as a rogue root process could) writes invalid MTRRs,
# PAT, APIC base and IA32_XSS values and Intel PT, microcode and power
# limit MSRs, and a cell on CPU 3 (violate-insn) executes XSETBV, WRMSR,
# MOV CR0, INVD and GETSEC with values hardware refuses. Each of these
# once reached the CPU in VMX root operation (or the VMCS) and stopped a
# CPU for good. Now the root gets #GP (the helper's write fails, Linux
# goes on), the cell fails with the reason on the console, no CPU stops
# ("FATAL: CPU" never on the console), the RT cell keeps running without
# a VM exit, and destroy and disable work.
. /lib/jh-test.sh
. /lib/jh-cell.sh

SYS=/configs/bochs.cell
RT=/configs/rt.cell
RT2=/configs/rt2.cell

tap_check "insmod jh.ko" insmod /lib/modules/jh.ko || exit 0
tap_check "jh enable $SYS" jh enable $SYS || {
	jh console | sed 's/^/JH-TAP: #   /'
	exit 0
}
POOL0=$(cat /sys/devices/jh/mem_pool_used)

# a root CPU goes and comes back (before any cell: the driver refuses
# hotplug while one exists): it enters the hypervisor again, and Linux's
# own MSR accesses meet no #GP it did not ask for (checked below)
tap_check "CPU 2 offline and online again" sh -c \
	'echo 0 > /sys/devices/system/cpu/cpu2/online && echo 1 > /sys/devices/system/cpu/cpu2/online &&
	 taskset -c 2 true'
cpuid_exits() { awk '$1 == "cpu2" && $2 == "cpuid" { print $3 }' /sys/devices/jh/exit_stats; }
before=$(cpuid_exits)
taskset -c 2 jh-cpuid 0 > /dev/null
tap_check "CPU 2 is under the hypervisor again (its CPUID exits: $before -> $(cpuid_exits))" \
	test "${before:-0}" != "$(cpuid_exits)"
tap_check "cell rt created, loaded with apic-demo, started on CPU 1" sh -c \
	"jh cell create $RT && jh cell load rt /inmates/apic-demo.bin -s 'report=0' \
	 -a 0x1000 && jh cell start rt" && wait_cell_started rt
RT_EXITS=$(cell_total rt)

# --- the root: values the CPU refuses, and MSRs it may not touch ----------
# refused DESC CPU MSR VALUE: the write fails (#GP) and the MSR is unchanged
refused()
{
	local before after
	before=$(msr-read "$2" "$3" 2>/dev/null)
	tap_check_fails "root: $1 (MSR $3 = $4) gets #GP" msr-write "$2" "$3" "$4"
	after=$(msr-read "$2" "$3" 2>/dev/null)
	[ "$before" = "$after" ] ||
		tap_not_ok "root: $1: MSR $3 unchanged" "$before -> $after"
}

def=$(msr-read 0 0x2ff)
tap_diag "CPU 0: MTRR_DEF_TYPE $def, MTRRCAP $(msr-read 0 0xfe), PAT $(msr-read 0 0x277)"
refused "MTRR default type 2 (reserved)" 0 0x2ff $(((def & ~0xff) | 2))
refused "MTRR default type with bit 12 (reserved)" 0 0x2ff $((def | 0x1000))
refused "variable MTRR base above MAXPHYADDR" 0 0x200 $(((1 << 60) | 6))
refused "variable MTRR mask with reserved bit 0" 0 0x201 0xfc0000801
refused "fixed MTRR with type 2 bytes" 0 0x250 0x0202020202020202
tap_check "root: MTRR_DEF_TYPE rewritten unchanged ($def)" msr-write 0 0x2ff "$def"
refused "PAT entry of type 2 (once a failed VM entry)" 0 0x277 0x0007040600070402
base=$(msr-read 2 0x1b)
refused "APIC base with reserved bit 9" 2 0x1b $((base | 0x200))
refused "APIC base x2APIC without enable" 2 0x1b $(((base & ~0x800) | 0x400))
refused "APIC base above MAXPHYADDR" 2 0x1b $((base | (1 << 52)))
# the CPU refuses a reserved XSS bit on its own: the exception table path
refused "IA32_XSS with reserved bit 63 (fixup path)" 0 0xda0 0x8000000000000000
refused "IA32_XSS with Intel PT state" 0 0xda0 0x100
refused "Intel PT output base (host-physical)" 0 0x560 0x1000
refused "Intel PT control (TraceEn)" 0 0x570 1
tap_check_fails "root: Intel PT output base cannot be read" msr-read 0 0x560
refused "microcode update trigger" 0 0x79 0x1000
refused "package power limit" 0 0x610 0
# uncore boxes: Linux writes them as each CPU comes online; dropped, unread
tap_check "root: an uncore box write is dropped, not #GP" msr-write 0 0x700 0
tap_check_fails "root: an uncore box cannot be read" msr-read 0 0x700
tap_check "root: MCi_CTL2 (CMCI) stays writable" sh -c \
	'msr-write 0 0x280 $(msr-read 0 0x280 || echo 0)'
tap_check "root: IA32_XSS 0 is accepted" msr-write 0 0xda0 0
tap_check "root: TSC_AUX stays writable" sh -c 'msr-write 2 0xc0000103 $(msr-read 2 0xc0000103)'
tap_check_fails "no CPU stopped (no 'FATAL: CPU' on the console)" \
	sh -c 'jh console | grep "FATAL: CPU"'
tap_check "root Linux works on CPUs 0 and 2" cpus_run_tasks "0 2"
tap_check_output "root: CPUID hides Intel PT and SMX (jh-cpuid 7/1)" '^ok' sh -c \
	'e7=$(jh-cpuid 7 0 | cut -d" " -f2); c1=$(jh-cpuid 1 0 | cut -d" " -f3);
	 [ $((e7 & (1 << 25))) = 0 ] && [ $((c1 & (3 << 5))) = 0 ] && echo ok ||
	 echo "leaf 7 ebx $e7, leaf 1 ecx $c1"'

tap_check_fails "no unchecked MSR access in the kernel log" \
	sh -c 'dmesg | grep -A3 "unchecked MSR access"'
# every #GP above reached Linux through the msr driver's safe accessors
tap_kernel_log_clean

# Linux's own NMIs (with interrupts and NMIs blocked now and then) arrive;
# their backtraces print call traces on purpose, so the log check restarts
tap_check "sysrq-l: NMI backtraces of the root CPUs" \
	taskset -c 2 sh -c 'echo l > /proc/sysrq-trigger'
sleep 1
tap_check_output "CPU 0 took the NMI" 'NMI backtrace for cpu 0' dmesg
tap_kernel_log_mark
tap_diag "NMI window exits: $(grep nmi_window /sys/devices/jh/exit_stats | tr '\n' ' ')none"

# --- a cell on CPU 3 -----------------------------------------------------
# the console lines after line $1
console_since()
{
	jh console | tail -n +$(($1 + 1))
}

# attack DESC ARGS STATE REGEX: violate-insn ARGS in rt2 ends in STATE with
# the console (its new lines) matching REGEX; no CPU stops; rt2 is
# destroyed again
attack()
{
	local desc args state re mark
	desc=$1 args=$2 state=$3 re=$4
	mark=$(jh console | wc -l)
	tap_check "$desc: rt2 created, loaded ($args), started" sh -c \
		"jh cell create $RT2 && jh cell load rt2 /inmates/violate-insn.bin \
		 -s '$args' -a 0x1000 && jh cell start rt2" ||
		{ jh cell destroy rt2 >/dev/null 2>&1; return; }
	if wait_cell_state rt2 "$state" 60; then
		tap_ok "$desc: rt2 is $state"
	else
		tap_not_ok "$desc: rt2 is $state" "$(jh cell list; jh console | tail -n 8)"
	fi
	tap_check_output "$desc: the console says why" "$re" console_since "$mark"
	tap_diag "$(console_since "$mark" | grep -E "$re" | tail -n 1)"
	tap_check_fails "$desc: no CPU stopped" sh -c 'jh console | grep "FATAL: CPU"'
	tap_check_output "$desc: jh cell destroy rt2" '^destroyed cell rt2' \
		jh cell destroy rt2
	rt_recycle_if_cpu3_out
}

# In Bochs a destroyed cell's CPU whose APIC cannot leave x2APIC mode inside
# VMX waits outside it until no cell exists (docs/hypervisor.md, CPU
# hotplug). Then rt's exits are checked so far, rt is destroyed so that
# CPU 3 comes back, and rt starts again with a new baseline.
rt_recycle_if_cpu3_out()
{
	local now
	[ "$(cat /sys/devices/system/cpu/cpu3/online)" = 1 ] && return
	now=$(cell_total rt)
	tap_check "rt made no VM exit meanwhile ($RT_EXITS -> $now)" \
		test "${RT_EXITS:-none}" = "$now"
	jh cell destroy rt >/dev/null
	tap_check "CPU 3 back in Linux once no cell exists" sh -c \
		'test "$(cat /sys/devices/system/cpu/cpu3/online)" = 1 && taskset -c 3 true'
	tap_check "cell rt started again on CPU 1" sh -c \
		"jh cell create $RT && jh cell load rt /inmates/apic-demo.bin -s 'report=0' \
		 -a 0x1000 && jh cell start rt" && wait_cell_started rt
	RT_EXITS=$(cell_total rt)
}

attack "XSETBV x87|SSE (valid)" "op=xsetbv value=0x3" shut-down \
	'violate-insn: op=xsetbv done'
attack "XSETBV opmask without AVX" "op=xsetbv value=0x23" failed \
	'exception 13 \(#GP'
attack "WRMSR MTRR_DEF_TYPE" "op=wrmsr msr=0x2ff value=0xc06" failed \
	'cell rt2 failed on CPU 3: .*write of 0xc06 at MSR 0x2ff'
attack "MOV CR0 with NW and without CD" "op=cr0" failed \
	'exception 13 \(#GP'
attack "INVD" "op=invd" failed 'cell rt2 failed on CPU 3: .*INVD'
# Bochs has no SMX: with CR4.SMXE clear GETSEC is #UD before any exit
attack "GETSEC" "op=getsec" failed \
	'cell rt2 failed on CPU 3: .*GETSEC|exception 6 \(#UD'
tap_skip "a cell's task switch exits and fails it" \
	"inmates run in 64-bit mode, where a task switch is #GP in hardware before any exit"
tap_skip "PT concealment and PT-through-EPT controls are set" \
	"Bochs has no Intel PT (the controls are optional; unit-hypervisor checks the PT MSRs trap)"
tap_skip "CR4.CET from Linux is cleared for the hypervisor" "Bochs's skylake_x has no CET"
tap_skip "WAITPKG hidden without the user-wait control" \
	"Bochs's skylake_x has no WAITPKG; INVPCID, RDTSCP and XSAVES controls are on"
tap_skip "enable refused when IA32_VMX_EPT_VPID_CAP lacks a feature jh uses" \
	"Bochs reports all of them (4-level walk, UC/WB, 2 MiB, all-context INVEPT/INVVPID)"
tap_skip "a machine check in VMX root reaches the root's Linux" \
	"Bochs cannot raise a machine check"
tap_skip "an NMI for the root waits for the NMI window in an STI or MOV SS shadow" \
	"cannot be forced from user space; Linux's NMIs above went through the same path"

# --- the RT cell never noticed, and everything comes apart cleanly --------
tap_check_output "rt still runs" '^running$' cell_state rt
rt_now=$(cell_total rt)
tap_check "rt made no VM exit through all of it ($RT_EXITS -> $rt_now)" \
	test "${RT_EXITS:-none}" = "$rt_now"
tap_check_output "jh cell shutdown rt" 'shut down' jh cell shutdown rt
tap_check_output "jh cell destroy rt" '^destroyed cell rt' jh cell destroy rt
tap_check_output "pool use back to $POOL0" "^$POOL0\$" cat /sys/devices/jh/mem_pool_used
tap_check "root Linux works on every CPU" cpus_run_tasks "0 1 2 3"
tap_check_fails "no CPU stopped in the whole run" sh -c 'jh console | grep "FATAL: CPU"'
tap_check "jh disable" jh disable
tap_check "rmmod jh" rmmod jh
exit 0
