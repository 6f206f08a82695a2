#!/bin/sh
# harden-audit (e2e-harden-audit, 2-CPU Bochs): attacks found by the
# isolation audit, each of which must fail now:
# * before enable, Linux aims IOAPIC pin 22 unmasked at CPU 1 and enables
#   with a system config whose root irqchips leave pin 22 out: before,
#   nobody could write that pin again, and it stayed aimed at whatever
#   cell CPU 1 went to; now the hypervisor masks a pin of nobody's at
#   enable (seen in the IOAPIC after disable);
# * the root aims an unmasked IOAPIC pin at CPU 1 while CPU 1 is still its
#   own (the write is valid then), then creates a cell on CPU 1: before,
#   the pin stayed aimed at the cell's CPU (its device's interrupts would
#   land in the cell); now the create is refused with the pin named, and
#   goes through once the root has masked the pin;
# * a cell in real mode executes RDMSR of an MSR it may not read: the
#   hypervisor injected #GP with an error code, which a real-mode guest
#   cannot take (the VM entry fails on CPUs without CET, Bochs included:
#   "VMRESUME failed"; a root CPU in real mode, as after a SIPI, was
#   parked for good); now the #GP arrives through the real-mode IVT, as
#   on hardware, and the inmate's handler runs (its OUT to port 0x1234
#   then fails the cell, which shows that the handler ran);
# * a cell leaves a secret in its XMM registers and ends; after destroy
#   the root's kernel reads the XMM registers of that CPU as it comes
#   online (jh-xmm.ko):
#   before, the cell's values were still there (only a start reset them);
#   now a destroy resets them as a start does.
. /lib/jh-test.sh
. /lib/jh-cell.sh

SYS=/configs/bochs.cell
RT=/configs/rt.cell
IOAPIC=0xfec00000
PIN=23				# no device behind it in Bochs
LO=$((0x10 + 2 * PIN))
HI=$((LO + 1))

ioapic_entry()
{
	ioapic_pin $PIN
}

ncpus=$(nproc)
if [ "$ncpus" != 2 ]; then
	tap_skip "harden-audit" "needs 2 CPUs (has $ncpus)"
	exit 0
fi

# --- a pin of nobody's, aimed at CPU 1 before enable ---
NOBODY=22
NLO=$((0x10 + 2 * NOBODY))
NHI=$((NLO + 1))
nobody_entry()
{
	ioapic_pin $NOBODY
}
nsaved=$(nobody_entry)
tap_diag "IOAPIC pin $NOBODY entry before enable (high low): $nsaved"
jh-mmio ioapic-write $IOAPIC $NLO 0x10042
jh-mmio ioapic-write $IOAPIC $NHI 0x01000000
jh-mmio ioapic-write $IOAPIC $NLO 0x42
tap_check_output "before enable, Linux aims pin $NOBODY at CPU 1, unmasked" \
	'^0x01000000 0x00000042$' nobody_entry
tap_check "a system config whose root irqchips leave pin $NOBODY out" \
	cell-edit /configs/bochs.cell /tmp/bochs-no22.cell irqchip.0.pins=0xbfffff
SYS=/tmp/bochs-no22.cell

tap_check "insmod jh.ko" insmod /lib/modules/jh.ko || exit 0
tap_check "jh enable $SYS" jh enable $SYS || {
	jh console | sed 's/^/JH-TAP: #   /'
	exit 0
}
POOL0=$(cat /sys/devices/jh/mem_pool_used)

# --- a root IOAPIC pin aimed at a CPU before the root gives it away ---
saved=$(ioapic_entry)
tap_diag "IOAPIC pin $PIN entry (high low): $saved"
tap_check "the root aims pin $PIN at CPU 1 (still its own), unmasked" sh -c \
	"jh-mmio ioapic-write $IOAPIC $LO 0x10041 && jh-mmio ioapic-write $IOAPIC $HI 0x01000000 &&
	 jh-mmio ioapic-write $IOAPIC $LO 0x41"
tap_check_output "the IOAPIC took it" '^0x01000000 0x00000041$' ioapic_entry
tap_check_output "a cell on CPU 1 is refused, the pin named" \
	"IOAPIC 0xfec00000 pin $PIN of the root cell is unmasked and aimed at a CPU of cell rt" \
	jh cell create $RT
tap_check_fails "no cell exists" sh -c 'jh cell list | grep -qw rt'
tap_check "CPU 1 back in Linux runs a task" taskset -c 1 true
tap_check_output "the pin is as the root left it" '^0x01000000 0x00000041$' ioapic_entry
tap_check "the root masks pin $PIN" jh-mmio ioapic-write $IOAPIC $LO 0x10041
tap_check_output "now the cell on CPU 1 is created" '^created cell rt' jh cell create $RT
jh-mmio ioapic-write $IOAPIC $LO 0x41
tap_check_output "unmasking the pin at the cell's CPU is refused" \
	'^0x01000000 0x00010041$' ioapic_entry

# --- a #GP for a guest in real mode: no error code ---
# cli; xor ax,ax; mov ds,ax; IVT[13] = 0000:001a; mov ecx,0x3a; rdmsr; hlt
# 001a: mov dx,0x1234; out dx,al; hlt
printf '\372\061\300\216\330\307\006\064\000\032\000\307\006\066\000\000\000\146\271\072\000\000\000\017\062\364\272\064\022\356\364' \
	> /tmp/realmode-rdmsr.bin
tap_check "a real-mode image that RDMSRs 0x3a (trapped) loaded and started" sh -c \
	'jh cell load rt /tmp/realmode-rdmsr.bin && jh cell start rt'
tap_check "the #GP reached its real-mode handler: its OUT to port 0x1234 fails the cell" \
	wait_console "cell rt failed on CPU 1: port I/O write at port 0x1234" 30
tap_check_fails "no VM entry failed (before: 'VMRESUME failed, VM-instruction error 7')" \
	sh -c 'jh console | grep -q "VMRESUME failed"'

tap_check_output "jh cell destroy rt" '^destroyed cell rt' jh cell destroy rt
tap_check "CPU 1 back in Linux runs a task" taskset -c 1 true

# --- what a destroyed cell leaves in its CPU's registers ---
MARK=0x4a484a484a484a48
tap_check "rt again: violate-insn op=xmm leaves $MARK in XMM0-15 and ends" sh -c \
	"jh cell create $RT && jh cell load rt /inmates/violate-insn.bin \
	 -s 'op=xmm value=$MARK con=hv' -a 0x1000 && jh cell start rt"
tap_check "it did so" wait_console "violate-insn: $MARK left in XMM0-15" 30
tap_check "it ended: rt is shut down" wait_cell_state rt shut-down 30
dmesg -c > /dev/null
tap_check "jh-xmm.ko loaded: it reads a CPU's XMM registers as the CPU comes online" \
	insmod /lib/modules/jh-xmm.ko
tap_check_output "jh cell destroy rt" '^destroyed cell rt' jh cell destroy rt
dmesg | grep jh-xmm | sed 's/^/JH-TAP: #   /'
tap_check_output "the root's kernel read CPU 1's XMM registers" 'jh-xmm: CPU 1 xmm15' dmesg
tap_check_fails "none of them holds what the cell left there" \
	sh -c "dmesg | grep -q 'jh-xmm: CPU 1 xmm.* $MARK'"
tap_check "CPU 1 runs a task" taskset -c 1 true
rmmod jh-xmm
jh-mmio ioapic-write $IOAPIC $LO 0x10000
jh-mmio ioapic-write $IOAPIC $HI "${saved%% *}"
jh-mmio ioapic-write $IOAPIC $LO "${saved##* }"
tap_check_output "pin $PIN restored" "^$saved\$" ioapic_entry
tap_check_output "the pool is back to its use before ($POOL0)" "^$POOL0\$" \
	cat /sys/devices/jh/mem_pool_used
tap_check_fails "no FATAL on the console" sh -c 'jh console | grep -q FATAL'
tap_check "jh disable" jh disable
tap_check_output "pin $NOBODY was masked by the hypervisor at enable (in no cell's irqchips)" \
	'^0x01000000 0x00010042$' nobody_entry
jh-mmio ioapic-write $IOAPIC $NLO 0x10000
jh-mmio ioapic-write $IOAPIC $NHI "${nsaved%% *}"
jh-mmio ioapic-write $IOAPIC $NLO "${nsaved##* }"
tap_check_output "pin $NOBODY restored" "^$nsaved\$" nobody_entry
