#!/bin/sh
# harden-apic (e2e-harden-apic, 4-CPU Bochs): attacks on the local APIC,
# IPI and IOAPIC paths of the hypervisor (issue 10, items 1, 12, 13, 16),
# each of which must fail now:
# * the root writes the x2APIC ICR (MSR 0x830) while its APIC is in xAPIC
#   mode, INIT to destination 0x101 (which an xAPIC reads as APIC ID 1,
#   the cell's CPU): #GP as on hardware, the cell sees nothing;
# * a cell failed by an INIT signal is destroyed; a destroyed cell's CPU
#   comes back with the APIC mode it had;
# * a cell started again after an inmate left its APIC dirty (timer
#   running, a vector in service, TPR raised) gets a clean one;
# * the system config claims more IOAPIC pins than the IOAPIC has: the
#   hypervisor uses the version register's count, and the root's writes
#   past the real pins, to reserved registers and to the EOI register are
#   refused (before, the hypervisor itself read register 0x41 for the
#   filter and Bochs' IOAPIC aborted the whole machine).
. /lib/jh-test.sh
. /lib/jh-cell.sh

IOAPIC=0xfec00000
sys=/tmp/bochs-32pins.cell

# waits (30 s at most) until jh console has $2 lines matching $1
wait_count()
{
	local i
	i=0
	while [ $i -lt 60 ]; do
		[ "$(jh console | grep -cE -- "$1")" -ge "$2" ] && return 0
		sleep 0.5
		i=$((i + 1))
	done
	return 1
}

ncpus=$(nproc)
if [ "$ncpus" != 4 ]; then
	tap_skip "harden-apic" "needs 4 CPUs (has $ncpus)"
	exit 0
fi

# the root gets pins 0-31 but pin 22, which then belongs to no cell
tap_check "a system config claiming 32 IOAPIC pins (Bochs' has 24)" \
	cell-edit /configs/bochs.cell $sys ioapic.0.pins=32 irqchip.0.pins=0xffbfffff
tap_check "insmod jh.ko" insmod /lib/modules/jh.ko || exit 0
tap_check "jh enable with it" jh enable $sys || {
	jh console | sed 's/^/JH-TAP: #   /'
	exit 0
}

# --- IOAPIC: pins past the version register, reserved registers, EOI ---
tap_check_output "the hypervisor uses the IOAPIC's own 24 pins" \
	"IOAPIC 0xfec00000: the system config gives it 32 pins, its version register 24: using 24" \
	jh console
# pin 24's entry would be register 0x40: no such register
jh-mmio ioapic-write $IOAPIC 0x40 0x10041
tap_check_output "a write to pin 24 (register 0x40) is refused" \
	"IOAPIC 0xfec00000 register 0x40 refused: the IOAPIC has 24 pins" jh console
tap_check_output "a read of it gives all ones (before, the trap passed it on: Bochs aborts)" \
	'^0xffffffff$' jh-mmio ioapic-read $IOAPIC 0x40
jh-mmio ioapic-write $IOAPIC 0x03 0x1
tap_check_output "a write to a reserved register (0x03) is refused" \
	"IOAPIC 0xfec00000 register 0x3 refused: not a redirection entry" jh console
tap_check_output "pin 22 (not the root's) reads as masked" '^0x00010000$' \
	jh-mmio ioapic-read $IOAPIC 0x3c
# an EOI ends only the writer's own level pins with the vector (emulated)
jh-mmio write $((IOAPIC + 0x40)) 0x41
tap_check_fails "an EOI write is emulated, not refused" sh -c \
	'jh console | grep "IOAPIC 0xfec00000 offset 0x40 refused"'
jh-mmio write $((IOAPIC + 0x20)) 22
tap_check_output "a write to the IOAPIC's pin assertion register is refused" \
	"write 0x16 to IOAPIC 0xfec00000 offset 0x20 refused" jh console

# --- item 1: the root's x2APIC ICR write while in xAPIC mode ---
base1=$(msr-read 1 0x1b)
tap_diag "CPU 1 IA32_APIC_BASE before the cell: $base1"
tap_check "cell rt created, loaded with apic-demo, started on CPU 1" sh -c \
	'jh cell create /configs/rt.cell && jh cell load rt /inmates/apic-demo.bin &&
	 jh cell start rt' && wait_cell_started rt
before=$(cell_total rt)
tap_check_output "the root's WRMSR 0x830 (INIT to 0x101) in xAPIC mode faults (#GP)" \
	"MSR 0x830 not written: the write faulted" msr-write 0 0x830 0x0000010100004500
tap_check_output "so does an NMI to 0x101" \
	"MSR 0x830 not written" msr-write 2 0x830 0x0000010100004400
tap_check_output "and a fixed IPI to APIC ID 1" \
	"MSR 0x830 not written" msr-write 3 0x830 0x0000000100004041
tap_check_fails "an x2APIC register read in xAPIC mode faults too (hardware)" \
	msr-read 0 0x802
sleep 1
tap_check_output "the cell still runs" '^running$' cell_state rt
after=$(cell_total rt)
tap_check "the cell saw none of it: no VM exit on its CPU ($before -> $after)" \
	test "${before:-none}" = "$after"
tap_check_fails "no INIT reached the cell" sh -c 'jh console | grep -q "failed on CPU 1"'

# --- item 12: a start after a dirty APIC gets a clean one ---
clean='apic-state: isr=0 irr=[0-9a-f]+ tpr=0 svr=ff lvt-timer=1[0-9a-f]{4} init-count=0 lvt-lint0=1[0-9a-f]{4} lvt-error=1[0-9a-f]{4}'
tap_check "apic-state dirty=1 loaded (apic-demo shut down) and started" sh -c \
	'jh cell load rt /inmates/apic-state.bin -s "dirty=1 con=hv" -a 0x1000 &&
	 jh cell start rt'
tap_check "it leaves vector 0x60 in service and its timer running" \
	wait_console "apic-state: vector 0x60 left in service"
tap_check "the cell is shut down" wait_cell_state rt shut-down 30
tap_check "started again (same image)" jh cell start rt
tap_check "it ran again" wait_count "apic-state: vector 0x60 left in service" 2
jh console | grep "apic-state: isr" | sed 's/^/JH-TAP: #   /'
tap_check_output "after apic-demo: the APIC is clean" "$clean" \
	sh -c 'jh console | grep "apic-state: isr" | sed -n 1p'
tap_check_output "after the dirty run: the APIC is clean (nothing in service, timer stopped, TPR 0)" \
	"$clean" sh -c 'jh console | grep "apic-state: isr" | sed -n 2p'

# --- item 13: destroy gives the APIC mode back ---
tap_check_output "jh cell destroy rt" '^destroyed cell rt' jh cell destroy rt
tap_check "CPU 1 back in Linux runs a task" taskset -c 1 true
tap_check_output "CPU 1's APIC is back in the mode it had ($base1)" "^$base1\$" \
	msr-read 1 0x1b

# --- item 1: a cell's INIT to its own CPU, then destroy ---
# (an INIT from the cell's CPU 1 to its CPU 2 parks CPU 2 until a SIPI,
# as a cell's Linux brings up its CPUs: docs/linux-cell.md; the inmate on
# CPU 1 then ends, and the cell is destroyed with a CPU waiting for SIPI)
tap_check "a cell on CPUs 1 and 2" sh -c \
	'cell-edit /configs/rt.cell /tmp/rt12.cell name=rt12 cpus=0x6 &&
	 jh cell create /tmp/rt12.cell'
tap_check "violate-init target=2 loaded and started" sh -c \
	'jh cell load rt12 /inmates/violate-init.bin -s "target=2" -a 0x1000 &&
	 jh cell start rt12'
tap_check "the INIT inside the cell does not fail it: the inmate ends" \
	wait_cell_state rt12 shut-down 30
tap_check_fails "the console reports no failure of rt12" sh -c 'jh console | grep -q "cell rt12 failed"'
tap_check_output "jh cell destroy with CPU 2 waiting for SIPI" '^destroyed cell rt12' \
	jh cell destroy rt12
tap_check "CPUs 1 and 2 back in Linux run tasks" sh -c 'taskset -c 1 true && taskset -c 2 true'
tap_check_fails "no FATAL on the console" sh -c 'jh console | grep -q FATAL'
tap_check "jh disable" jh disable
