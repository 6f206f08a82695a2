#!/bin/sh
# Attacks on the device paths (e2e-harden-pci, 2-CPU Bochs with two e1000
# NICs: EMU_BOCHS_NICS=2, and an NE2000: EMU_BOCHS_NE2K=1), all in one boot. The root config (bochs-shmem
# with both NICs and their BAR0 masks) keeps the second NIC; a cell "nic"
# (rt.cell on CPU 1, derived with cell-edit) gets the first one, its BAR0
# and its INTx pin, as in e2e-harden-devices.
# - The cell: violate-pcicfg probes the config ports like a decoder
#   (bytes and words through 0xcfc-0xcff, a misaligned word, a latch with
#   bit 31 clear, one with the reserved bits 30:24 set, its latch read
#   back, byte and word writes into its BAR0, the ROM BAR, every command
#   bit, another function, an EOI of every vector): each answer must be
#   what a chipset gives and nothing reaches the hardware; then, one run
#   each, a word write to 0xcf8, a write to 0xcf9 and a string OUT to
#   0xcfc fail the cell.
# - The root, while the cell has its NIC: moving its own NIC's BAR0 onto
#   the cell's (dword, word and byte writes) is refused and the BAR stays;
#   reprogramming the cell's IOAPIC pin through the index/data window is
#   refused and the pin reads masked; a write to the host bridge's
#   registers (PAM here; PCIEXBAR, the MMCONFIG base, on later chipsets)
#   is lost and named on the console; moving the I/O BAR of its NE2000
#   (EMU_BOCHS_NE2K=1, in the root config with its mask) over the cell's
#   UART ports (also with bits set past the 16 it decodes) is refused,
#   the BAR stays, a move to free ports passes. Its NIC's BAR0 onto the
#   cell's RAM, and the ne2k's expansion ROM (a 2 KiB one) enabled over
#   the cell's BAR0 or RAM are refused; the ROM enabled at free addresses
#   passes. (Bochs has no PCI bridge: the bridge window rule is covered by
#   unit-pci-msi.)
# - Before the first create, the root's NIC's PIRQ route aimed at the
#   cell's pin (two routes there, one device with INTx) makes the create
#   fail with the reason; put back, the create passes.
#   Routing its NIC's INTx (PIIX3 PIRQ register) onto the cell's IOAPIC
#   pin, or the cell's NIC's route (if on) elsewhere, is refused and the
#   routes stay.
# - Shared memory: the root aims its doorbell at CPU 1 (the CPU the cell
#   rt-shmem holds) with a vector the cell does not handle; violate-ring
#   in the cell rings its link 100 times (each a doorbell to the root) and
#   link indexes it does not have: no stray vector reaches the cell, the
#   foreign indexes return -EINVAL, the root's ring still arrives; a
#   cell config whose link names peer 7 of 2 is refused.
. /lib/jh-test.sh
. /lib/jh-cell.sh

SYS=/tmp/sys-pci.cell
NIC=/tmp/nic.cell
RT=/configs/rt-shmem.cell
IOAPIC=0xfec00000
COM1_PIN=4

tap_check "two e1000 NICs in Linux: $(e1000_bdfs | tr '\n' ' ')" e1000_pair || exit 0
tap_diag "cell's NIC $NIC0 ($BDF0): BAR0 $BAR0 size $SIZE, IRQ $PIN; root's NIC $NIC1 ($BDF1)"

cfg_dword()	# device-dir offset
{
	printf '0x%08x\n' "0x$(od -An -tx4 -j"$2" -N4 "$1/config" | tr -d ' ')"
}
cfg_command()	# device-dir
{
	printf '0x%04x\n' "0x$(od -An -tx2 -j4 -N2 "$1/config" | tr -d ' ')"
}
# cfg_poke DEVICE-DIR OFFSET VALUE SIZE: one config write of SIZE bytes
# from the root's Linux (sysfs: one access of that size, 0xcf8/0xcfc)
cfg_poke()
{
	local v n s
	v=$(($3)) n=$4 s=""
	while [ "$n" -gt 0 ]; do
		s="$s\\$(printf %o $((v & 255)))"
		v=$((v >> 8)) n=$((n - 1))
	done
	printf "$s" | dd of="$1/config" bs="$4" seek=$(($2 / $4)) count=1 \
		conv=notrunc 2>/dev/null
}
driver_of()
{
	[ -e "$1/driver" ] && basename "$(readlink "$1/driver")" || echo none
}

NIC1_BAR=$(cfg_dword "$D1" 16)
NIC1_CMD=$(cfg_command "$D1")
tap_diag "root's NIC BAR0 $NIC1_BAR, command $NIC1_CMD"
NE=$(grep -l '^0x8029$' /sys/bus/pci/devices/*/device 2>/dev/null | head -n 1)
NE=${NE%/device}
tap_check "a PCI NE2000 (10ec:8029) in Linux: ${NE##*/}" test -n "$NE"
NE_PCI=${NE:+add.pci=$(bdf_of "${NE##*/}"),0xffffffe1}
tap_check "a system config (bochs-shmem) with both NICs and their BAR0 masks, the ne2k's" \
	cell-edit /configs/bochs-shmem.cell $SYS add.pci=$BDF0,$MASK add.pci=$BDF1,$MASK $NE_PCI
tap_check "cell nic: rt.cell with $NIC0, its BAR0 region and IOAPIC pin $PIN" \
	cell-edit /configs/rt.cell $NIC name=nic add.pci=$BDF0,$MASK \
	add.mem=$BAR0,$SIZE,0x13 add.irqchip=$IOAPIC,2,$PIN
tap_check "insmod jh.ko" insmod /lib/modules/jh.ko || exit 0
tap_check "jh enable $SYS" jh enable $SYS || {
	jh console | sed 's/^/JH-TAP: #   /'
	exit 0
}
COM1_ENTRY=$(jh-mmio ioapic-read $IOAPIC $((0x10 + 2 * COM1_PIN)))

# one run of violate-pcicfg in cell nic: create, load, start
nic_run()	# attack
{
	jh cell create $NIC && jh cell load nic /inmates/violate-pcicfg.bin -s \
		"con=both bdf=$BDF0 other=$BDF1 attack=$1" -a 0x1000 && jh cell start nic
}

# --- the root's INTx routes at create ---------------------------------------
# PIIX3 PIRQA-D (0x60-0x63); the cell's NIC's link is aimed at its pin
ISA=/sys/bus/pci/devices/0000:00:01.0
ROUTES=$(cfg_dword "$ISA" 96)
IRQ1=$(cat "$D1/irq")
RB=""
for n in 0 1 2 3; do
	[ $(((ROUTES >> (8 * n)) & 0xff)) = "$IRQ1" ] && RB=$n
done
cfg_poke "$ISA" $((0x60 + ${RB:-0})) "$PIN" 1
tap_check_output "root: its NIC's PIRQ put on the cell's pin $PIN before the create: refused" \
	"the root's device 00:01.0: more of its INTx routes \(PIRQ\) aim at the cell's IOAPIC pins" \
	sh -c "jh cell create $NIC 2>&1"
cfg_poke "$ISA" $((0x60 + ${RB:-0})) "$IRQ1" 1
tap_check_output "root: the route put back ($ROUTES)" "^$ROUTES\$" cfg_dword "$ISA" 96

# --- the cell probes the config ports ----------------------------------------
tap_check "cell nic created, violate-pcicfg (no attack) started" nic_run none
wait_console "violate-pcicfg: done" 120
jh console > /tmp/con.out
grep 'violate-pcicfg:' /tmp/con.out | sed 's/^/JH-TAP: # /'
ID=$(sed -n 's/.*violate-pcicfg: id = \(0x[0-9a-f]*\).*/\1/p' /tmp/con.out | tail -n 1)
tap_check "the cell reads its device's ID ($ID)" test "$ID" = 0x100e8086
# seen NAME VALUE: the inmate printed "NAME = VALUE"
seen()
{
	tap_check_output "cell: $1 = $2" "violate-pcicfg: $1 = $2([^0-9a-f]|\$)" cat /tmp/con.out
}
seen "id by bytes" "$ID"
seen "id by words" "$ID"
seen "misaligned word" 0xffff
seen "disabled read" 0xffffffff
seen "command after a disabled write" 0x7
seen "reserved bits read" "$ID"
seen "latch" "$(printf '0x%x' $((0xff000000 | BDF0 << 8)))"
seen "bar0 after a reserved-bits write" 0xc0000000
seen "bar0 after a byte write" 0xff000000
seen "bar0 after a word write" 0xd0000000
seen "rom bar changed" 0x0
seen "command bits past a driver's" 0x0
seen "other id" 0xffffffff
seen "eoi of every vector" 0x100
tap_check_fails "nothing got through" grep -q 'VIOLATION NOT STOPPED' /tmp/con.out
tap_check_output "the cell did not fail (its inmate ended)" '^(running|shut-down)$' \
	cell_state nic

# --- the root, while the cell has the NIC -------------------------------------
cfg_poke "$D1" 16 "$BAR0" 4
tap_check_output "root: its NIC's BAR0 onto the cell's BAR0 is refused" \
	"root cell write $BAR0 to 0000:00:0?$(printf %x $((BDF1 >> 3))).0 config register 0x10 refused: its range would cover a BAR of a cell's device" \
	jh console
cfg_poke "$D1" 18 $((BAR0 >> 16)) 2
cfg_poke "$D1" 18 $(((BAR0 >> 16) & 0xff)) 1
tap_check_output "root: by its upper word and by a byte, too" \
	"root cell write $(printf '0x%x' $(((BAR0 >> 16) & 0xff))) to .* config register 0x12 refused: its range would cover" \
	jh console
# the cell's RAM (rt.cell's first region: host 0x3e000000)
cfg_poke "$D1" 16 0x3e000000 4
tap_check_output "root: its NIC's BAR0 onto the cell's RAM is refused" \
	"root cell write 0x3e000000 to .* config register 0x10 refused: its range would cover a cell's memory" \
	jh console
tap_check_output "root: its NIC's BAR0 stayed at $NIC1_BAR" "^$NIC1_BAR\$" cfg_dword "$D1" 16
tap_check_output "root: the cell's NIC still reads all ones" '^0xffffffff$' cfg_dword "$D" 0
jh-mmio ioapic-write $IOAPIC $((0x11 + 2 * PIN)) 0 >/dev/null
jh-mmio ioapic-write $IOAPIC $((0x10 + 2 * PIN)) 0x41 >/dev/null
tap_check_output "root: the cell's pin $PIN through IOREGSEL/IOWIN is refused" \
	"root cell write 0x41 to IOAPIC 0xfec00000 pin $PIN .*refused: the pin is not in the cell's irqchips" \
	jh console
tap_check_output "root: the cell's pin reads masked" '^0x0*10000$' \
	jh-mmio ioapic-read $IOAPIC $((0x10 + 2 * PIN))
tap_check_output "root: its COM1 pin is as it was" "^$COM1_ENTRY\$" \
	jh-mmio ioapic-read $IOAPIC $((0x10 + 2 * COM1_PIN))
# the ne2k's I/O BAR (32 ports) over the cell's UART (COM2, 0x2f8-0x2ff)
NE_BAR=$(cfg_dword "$NE" 16)
tap_diag "root's ne2k ${NE##*/}: BAR0 $NE_BAR"
cfg_poke "$NE" 16 0x2e1 4
tap_check_output "root: its ne2k's I/O BAR onto 0x2e0-0x2ff (the cell's UART) is refused" \
	"root cell write 0x2e1 to .* config register 0x10 refused: its range would cover a cell's ports" \
	jh console
cfg_poke "$NE" 16 0xffff02f9 4
tap_check_output "root: with bits set above the 16 it decodes, too" \
	"root cell write 0xffff02f9 to .* config register 0x10 refused: its range would cover" \
	jh console
tap_check_output "root: the ne2k's BAR0 stayed at $NE_BAR" "^$NE_BAR\$" cfg_dword "$NE" 16
cfg_poke "$NE" 16 0xe001 4
tap_check_output "root: a move to free ports (0xe000) passes" '^0x0000e001$' cfg_dword "$NE" 16
cfg_poke "$NE" 16 "$NE_BAR" 4
# the ne2k's expansion ROM BAR (0x30, 2 KiB): enabled over the cell's BAR0 or RAM
NE_ROM=$(cfg_dword "$NE" 48)
tap_diag "root's ne2k: ROM BAR $NE_ROM"
cfg_poke "$NE" 48 $((BAR0 | 1)) 4
tap_check_output "root: its ne2k's ROM enabled onto the cell's BAR0 is refused" \
	"root cell write $(printf '0x%x' $((BAR0 | 1))) to .* config register 0x30 refused: its range would cover a BAR of a cell's device" \
	jh console
cfg_poke "$NE" 48 0x3e000001 4
tap_check_output "root: its ne2k's ROM enabled onto the cell's RAM is refused" \
	"root cell write 0x3e000001 to .* config register 0x30 refused: its range would cover a cell's memory" \
	jh console
tap_check_output "root: the ne2k's ROM BAR stayed at $NE_ROM" "^$NE_ROM\$" cfg_dword "$NE" 48
cfg_poke "$NE" 48 $((BAR0 + 0x80001)) 4
tap_check_output "root: enabled at free addresses (BAR0 + 512 KiB) it passes" \
	"^$(printf '0x%08x' $((BAR0 + 0x80001)))\$" cfg_dword "$NE" 48
cfg_poke "$NE" 48 "$NE_ROM" 4
# the PIIX3's INTx routes (PIRQA-D, 0x60-0x63): the root's NIC onto the cell's pin
ISA=/sys/bus/pci/devices/0000:00:01.0
ROUTES=$(cfg_dword "$ISA" 96)
IRQ1=$(cat "$D1/irq")
RB="" CB=""
for n in 0 1 2 3; do
	[ $(((ROUTES >> (8 * n)) & 0xff)) = "$IRQ1" ] && RB=$n
	[ $(((ROUTES >> (8 * n)) & 0xff)) = "$PIN" ] && CB=$n
done
tap_diag "PIIX3 routes $ROUTES; the root NIC's IRQ $IRQ1 (PIRQ ${RB:-none}), the cell's $PIN (PIRQ ${CB:-none, off})"
tap_check "the root NIC's IRQ $IRQ1 is a PIRQ route" test -n "$RB"
cfg_poke "$ISA" $((0x60 + ${RB:-0})) "$PIN" 1
tap_check_output "root: its NIC's PIRQ routed onto the cell's pin $PIN is refused" \
	"root cell write $(printf '0x%x' "$PIN") to 0000:00:01.0 config register $(printf '0x%x' $((0x60 + ${RB:-0}))) refused: an INTx route to or from a cell's IOAPIC pin" \
	jh console
if [ -n "$CB" ]; then
	cfg_poke "$ISA" $((0x60 + CB)) 0x80 1
	tap_check_output "root: the cell's PIRQ turned off is refused" \
		"root cell write 0x80 to 0000:00:01.0 config register $(printf '0x%x' $((0x60 + CB))) refused: an INTx route" \
		jh console
fi
tap_check_output "root: the PIIX3's routes stayed $ROUTES" "^$ROUTES\$" cfg_dword "$ISA" 96
tap_check_output "the cell did not fail" '^(running|shut-down)$' cell_state nic
tap_check_output "jh cell destroy nic" '^destroyed cell nic' jh cell destroy nic
tap_check_output "the cell's writes left its real BAR0 at $BAR0" "^$(printf '0x%08x' $BAR0)\$" \
	cfg_dword "$D" 16
tap_check_output "the cell's writes to the root's NIC were lost" "^$NIC1_CMD\$" cfg_command "$D1"
tap_check_output "$NIC0 is bound to e1000 again" '^e1000$' driver_of "$D"
tap_check_output "$NIC1 kept its e1000 driver" '^e1000$' driver_of "$D1"

# --- the root and the host bridge (i440FX: PAM at 0x59-0x5f) -----------------
HB=/sys/bus/pci/devices/0000:00:00.0
PAM=$(cfg_dword "$HB" 88)
cfg_poke "$HB" 90 $(( (PAM >> 16 & 0xff) ^ 0x33 )) 1
tap_check_output "root: a write to the host bridge's PAM1 register is lost" "^$PAM\$" \
	cfg_dword "$HB" 88
tap_check_output "root: the console names it" \
	"root cell write 0x[0-9a-f]* to 0000:00:00.0 config register 0x5a refused: the chipset's" \
	jh console
# the ISA bridge (PIIX3): its IOAPIC base register, 0x80, would move the
# IOAPIC away from the page the hypervisor traps
ISA=/sys/bus/pci/devices/0000:00:01.0
APB=$(cfg_dword "$ISA" 128)
cfg_poke "$ISA" 128 $(( (APB & 0xff) ^ 0x3f )) 1
tap_check_output "root: a write to the ISA bridge's IOAPIC base register is lost" "^$APB\$" \
	cfg_dword "$ISA" 128
tap_check_output "root: the console names it" \
	"root cell write 0x[0-9a-f]* to 0000:00:01.0 config register 0x80 refused: the chipset's" \
	jh console

# --- attacks on the ports: the cell fails -----------------------------------
attack()	# NAME REASON-REGEX
{
	tap_check "attack $1: cell nic created, violate-pcicfg started" nic_run "$1" || {
		jh cell destroy nic >/dev/null 2>&1
		return
	}
	if wait_cell_state nic failed 120; then
		tap_ok "attack $1: the cell failed"
	else
		tap_not_ok "attack $1: the cell failed" "$(jh cell list)"
	fi
	tap_check_output "attack $1: the console names it" "cell nic failed on CPU 1: .*$2" \
		jh console
	tap_check_fails "attack $1: nothing got through" sh -c \
		"jh console | grep -q 'VIOLATION NOT STOPPED: attack $1'"
	tap_check_output "attack $1: jh cell destroy nic" '^destroyed cell nic' \
		jh cell destroy nic
}
attack addr16 "port I/O write at port 0xcf8"
attack cf9 "port I/O write at port 0xcf9"
attack string "port I/O write at port 0xcfc"

# --- shared memory: the root's doorbell aimed at the cell's CPU -------------
r=$(hc 12 0 $((1 << 8 | 0x51)))
tap_check "root: its doorbell of link 1 aimed at CPU 1, vector 0x51 (returned '$r')" \
	test "$r" -ge 0
tap_check_output "jh cell create rt-shmem.cell (CPU 1)" '^created cell rt-shmem' \
	jh cell create $RT
tap_check "violate-ring loaded and started" sh -c "jh cell load rt-shmem \
	/inmates/violate-ring.bin -s 'con=hv bad=1 rings=100 wait_s=60' -a 0x1000 &&
	jh cell start rt-shmem"
wait_console "violate-ring: ready" 120
r=$(hc 11 0 0)
tap_check "root: rings link 1 (returned '$r')" test "$r" = 0
wait_console "violate-ring: done" 120
jh console > /tmp/con.out
grep 'violate-ring:\|unexpected' /tmp/con.out | sed 's/^/JH-TAP: # /'
tap_check_output "cell: its own link rings (0)" 'violate-ring: ring 0 = 0$' cat /tmp/con.out
tap_check_output "cell: link index 1 (none) is refused" 'violate-ring: ring 1 = -22$' \
	cat /tmp/con.out
tap_check_output "cell: link index 2^64-1 is refused" \
	'violate-ring: ring 18446744073709551615 = -22$' cat /tmp/con.out
tap_check_output "cell: its control vector 0x52 is seen (a stray one would be)" \
	'unexpected interrupt, vector 82' cat /tmp/con.out
tap_check_fails "cell: no stray vector 0x51 from its 100 rings" \
	grep -q 'unexpected interrupt, vector 81' /tmp/con.out
tap_check_output "cell: the root's ring arrived on its vector" \
	'violate-ring: doorbells = [1-9]' cat /tmp/con.out
tap_check_output "jh cell destroy rt-shmem" '^destroyed cell rt-shmem' \
	jh cell destroy rt-shmem
cell-edit $RT /tmp/peer7.cell name=peer7 link.0.peer=7
tap_check_output "a link whose peer number is out of range (7 of 2) is refused" \
	'peer 7 of 2 peers' sh -c 'jh-raw-create /tmp/peer7.cell 2>&1'
tap_check "CPU 1 is back in Linux" sh -c \
	'[ "$(cat /sys/devices/system/cpu/cpu1/online)" = 1 ] && taskset -c 1 true'
tap_check_fails "no CPU stopped: no FATAL on the console" sh -c 'jh console | grep FATAL'
tap_check "jh disable" jh disable
