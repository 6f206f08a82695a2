#!/bin/sh
# Devices for cells (e2e-harden-devices, 2-CPU Bochs with two e1000 NICs:
# EMU_BOCHS_NICS=2). The root config gets both NICs, a cell "nic" (rt.cell
# on CPU 1, derived with cell-edit) the first one: the device, its BAR0 as
# a JH_MEM_IO region, its INTx pin. Create unbinds the NIC from Linux's
# e1000 driver; while the cell has it the root reads all ones from its
# config space and its writes are lost. violate-pci (inmates/demos) in the
# cell reads its device and another, sizes and moves its BAR0 (emulated:
# the real one stays), reads another IOAPIC pin (masked) and programs its
# own; then, one run each, it writes a config register in no writable
# capability, the entry of the root's COM1 pin, and its own pin aimed at
# CPU 0: each fails the cell with the reason and the root's pin stays as
# it was. After each destroy the NIC is bound to e1000 again and passes
# traffic; a create the hypervisor refuses, and one naming a device Linux
# does not have, leave it bound. Before this version a cell could not be
# given a device or an IOAPIC pin at all.
. /lib/jh-test.sh
. /lib/jh-cell.sh

SYS=/tmp/sys-nics.cell
NIC=/tmp/nic.cell
IOAPIC=0xfec00000
COM1_PIN=4

tap_check "two e1000 NICs in Linux: $(e1000_bdfs | tr '\n' ' ')" e1000_pair || exit 0
tap_diag "NIC $NIC0 ($BDF0): BAR0 $BAR0 size $SIZE, IRQ $PIN; second NIC $NIC1"
tap_diag "$(grep -E "^ *$PIN:" /proc/interrupts)"

driver_of()
{
	[ -e "$D/driver" ] && basename "$(readlink "$D/driver")" || echo none
}
cfg_dword()	# offset
{
	printf '0x%s\n' "$(od -An -tx4 -j"$1" -N4 "$D/config" | tr -d ' ')"
}
cfg_byte_write()	# offset value
{
	printf "\\$(printf %o "$2")" | dd of="$D/config" bs=1 seek="$1" count=1 \
		conv=notrunc 2>/dev/null
}
nic_works()
{
	local ifc
	ifc=$(ls "$D/net" 2>/dev/null | head -n 1)
	[ -n "$ifc" ] || return 1
	ip addr flush dev "$ifc" 2>/dev/null
	ip addr add 192.168.10.2/24 dev "$ifc" && ip link set "$ifc" up &&
		ping -c 1 -W 10 192.168.10.1
}

tap_check_output "$NIC0 is bound to Linux's e1000 driver" '^e1000$' driver_of
tap_check "$NIC0 passes traffic in Linux (ping 192.168.10.1, Bochs' vnet)" nic_works
ID=$(cfg_dword 0)
BAR_REAL=$(cfg_dword 16)
LINE=$(od -An -tu1 -j60 -N1 "$D/config" | tr -d ' ')
tap_check "a system config with both NICs in the root cell" \
	cell-edit /configs/bochs-2cpu.cell $SYS add.pci=$BDF0 add.pci=$BDF1 add.pci=0xf8
tap_check "cell nic: rt.cell with $NIC0, its BAR0 region and IOAPIC pin $PIN" \
	cell-edit /configs/rt.cell $NIC name=nic add.pci=$BDF0,$MASK \
	add.mem=$BAR0,$SIZE,0x13 add.irqchip=$IOAPIC,2,$PIN
tap_check "insmod jh.ko" insmod /lib/modules/jh.ko || exit 0
tap_check "jh enable $SYS" jh enable $SYS || {
	jh console | sed 's/^/JH-TAP: #   /'
	exit 0
}
COM1_ENTRY=$(jh-mmio ioapic-read $IOAPIC $((0x10 + 2 * COM1_PIN)))
tap_diag "the root's COM1 pin $COM1_PIN: $COM1_ENTRY"

# one run of violate-pci in cell nic: create, load, start
nic_run()	# attack
{
	jh cell create $NIC && jh cell load nic /inmates/violate-pci.bin -s \
		"con=both bdf=$BDF0 other=0x8 pin=$PIN otherpin=$COM1_PIN rootapic=0 attack=$1" -a 0x1000 &&
		jh cell start nic
}

tap_check "cell nic created, violate-pci (no attack) started" nic_run none
tap_check_output "create unbound $NIC0 from e1000" '^none$' driver_of
tap_check_output "the root reads the cell's device: all ones" '^0xffffffff$' cfg_dword 0
cfg_byte_write 60 77
tap_check_output "the root's config write is refused, named on the console" \
	"root cell write 0x4d to 0000:00:0?2.0 config register 0x3c refused: the device belongs to a cell" \
	jh console
wait_console "violate-pci: done" 60
jh console > /tmp/con.out
grep 'violate-pci:' /tmp/con.out | sed 's/^/JH-TAP: # /'
tap_check_output "the cell reads its own device ($ID)" "own id = $ID" cat /tmp/con.out
tap_check_output "another function reads all ones in the cell" \
	"other id = 0xffffffff" cat /tmp/con.out
tap_check_output "its BAR0 sizes to the config's mask $MASK" "bar0 sized = $MASK" \
	cat /tmp/con.out
tap_check_output "its BAR0 'moves' (emulated) to 0xd0000000" "bar0 moved = 0xd0000000" \
	cat /tmp/con.out
tap_check_output "the root's pin reads masked in the cell" "other pin = 0x10000([^0-9a-f]|$)" \
	cat /tmp/con.out
tap_check_output "the cell programs its own pin" "own pin = 0x[0-9a-f]*41([^0-9a-f]|$)" cat /tmp/con.out
tap_check_fails "nothing got through" grep -q 'VIOLATION NOT STOPPED' /tmp/con.out
tap_check_output "jh cell destroy nic" '^destroyed cell nic' jh cell destroy nic
tap_check_output "destroy bound $NIC0 to e1000 again" '^e1000$' driver_of
tap_check_output "its real BAR0 never moved" "^$BAR_REAL\$" cfg_dword 16
tap_check_output "the root's write while the cell had it was lost" "^$LINE\$" \
	sh -c "od -An -tu1 -j60 -N1 $D/config | tr -d ' '"
tap_check "$NIC0 passes traffic in Linux again" nic_works

# attack REASON-REGEX: the cell fails, the console names it, Linux gets the NIC back
attack()
{
	tap_check "attack $1: cell nic created, violate-pci started" nic_run "$1" || {
		jh cell destroy nic >/dev/null 2>&1
		return
	}
	if wait_cell_state nic failed; then
		tap_ok "attack $1: the cell failed"
	else
		tap_not_ok "attack $1: the cell failed" "$(jh cell list)"
	fi
	tap_check_output "attack $1: the console names it" "cell nic failed on CPU 1: .*$2" \
		jh console
	tap_check_output "attack $1: the root's COM1 pin is as it was" "^$COM1_ENTRY\$" \
		jh-mmio ioapic-read $IOAPIC $((0x10 + 2 * COM1_PIN))
	tap_check_output "attack $1: jh cell destroy nic" '^destroyed cell nic' \
		jh cell destroy nic
	tap_check_output "attack $1: $NIC0 bound to e1000 again" '^e1000$' driver_of
}
attack cap "config register 0xdc refused: not in a capability its config makes writable"
attack pin "IOAPIC 0xfec00000 pin $COM1_PIN .*refused: the pin is not in the cell's irqchips"
attack route "IOAPIC 0xfec00000 pin $PIN .*refused: it is not a fixed or lowest-priority interrupt to the cell's CPUs"

# creates that fail leave the NIC with Linux
cell-edit $NIC /tmp/nic-cache.cell add.cache=4
tap_check_output "a create the hypervisor refuses (a cache region)" 'cache' \
	sh -c 'jh cell create /tmp/nic-cache.cell 2>&1'
tap_check_output "it left $NIC0 bound to e1000" '^e1000$' driver_of
cell-edit /configs/rt.cell /tmp/ghost.cell name=ghost add.pci=0xf8
tap_check_output "a create naming a device Linux does not have is refused" \
	'pci_devices\[0\] 0000:00:1f.0 is no PCI device Linux knows' \
	sh -c 'jh cell create /tmp/ghost.cell 2>&1'
tap_check "CPU 1 is back in Linux" sh -c \
	'[ "$(cat /sys/devices/system/cpu/cpu1/online)" = 1 ] && taskset -c 1 true'
tap_check "$NIC0 passes traffic in Linux at the end" nic_works
tap_check_fails "no CPU stopped: no FATAL on the console" sh -c 'jh console | grep FATAL'
tap_check "jh disable" jh disable
