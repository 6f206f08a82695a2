#!/bin/sh
# Attack: the root cell reaches for a cell's NIC registers through
# /dev/mem (e2e-harden-nicbar, 2-CPU Bochs, two e1000s, the second on
# vnet: EMU_BOCHS_NICS=2 EMU_BOCHS_VNET_SLOT=2). jh-plan --rt-devices
# gives the RT cell the second NIC; e1000-demo pings Bochs' vnet host
# PINGS times (some 15 s). Meanwhile the root reads the NIC's receive
# address register at its BAR0 physical address (all ones, not the MAC), then
# writes its control register with the reset bit and turns its receiver
# off: the writes are lost (the hypervisor ignores the root's accesses to
# memory it does not own and names them on its console), the cell keeps
# running with no exit. On the host the suite checks on the cell's UART
# that every ping, before and after the attack, got its reply. After
# destroy the root reads the real register again and Linux pings through
# the NIC.
. /lib/jh-test.sh
. /lib/jh-cell.sh

HOST=192.168.10.1
PINGS=300
REG_CTRL=0x0
REG_RCTL=0x100
REG_RAL0=0x5400
CTRL_RST=0x04000000

set -- $(e1000_bdfs)
if [ -z "$2" ]; then
	tap_not_ok "Bochs gives the guest two e1000 NICs (8086:100e)" "$(ls /sys/bus/pci/devices)"
	exit 0
fi
BDF=$2
BAR0=$(awk 'NR == 1 { print $1 }' "/sys/bus/pci/devices/$BDF/resource")
BAR0=$(printf '0x%x' "$BAR0")
reg() { printf '0x%x' $((BAR0 + $1)); }
# the MAC's first four bytes (52:54:00:12), as RAL0 holds them
RAL0_REAL=0x12005452
tap_diag "the cell's NIC: $BDF, BAR0 $BAR0"
tap_check "Linux pings the vnet host $HOST through $BDF" e1000_linux_ping "$BDF" $HOST

e1000_plan_cell "$BDF" || exit 0
tap_check "jh cell load rt e1000-demo ($PINGS pings)" \
	jh cell load rt /inmates/e1000-demo.bin \
	-s "dma=$DMA pin=$PIN count=$PINGS interval_ms=50" -a 0x1000
tap_check "jh cell start rt" jh cell start rt && wait_cell_started rt
sleep 2
exits_before=$(cell_total rt)

tap_check_output "the root reads the cell's NIC (RAL0 at $(reg $REG_RAL0)): all ones, not its MAC" \
	'^0xffffffff$' jh-mmio read "$(reg $REG_RAL0)"
tap_check "the root writes the NIC's CTRL with the reset bit" \
	jh-mmio write "$(reg $REG_CTRL)" $CTRL_RST
tap_check "the root turns the NIC's receiver off (RCTL = 0)" \
	jh-mmio write "$(reg $REG_RCTL)" 0
tap_check_output "the root reads the NIC's RCTL: all ones" \
	'^0xffffffff$' jh-mmio read "$(reg $REG_RCTL)"
tap_check_output "the console names the ignored accesses to the NIC's BAR" \
	"root cell (read|write) at $BAR0 on CPU [0-9] ignored: not memory of the root cell" \
	jh console
tap_check_fails "no CPU stopped: no FATAL on the console" sh -c 'jh console | grep FATAL'
# the demo's pings go on: a reset NIC or a receiver turned off would lose
# every reply from here (checked on the host, on the cell's UART)
sleep 3
tap_check_output "the cell still runs (pings)" '^running$' cell_state rt
tap_check_output "... and made no VM exit since the attack began" \
	"^$exits_before\$" cell_total rt
tap_check "the demo sends its $PINGS pings and shuts its cell down" \
	wait_cell_state rt shut-down 300
tap_check_output "jh cell destroy rt" '^destroyed cell rt' jh cell destroy rt

tap_check_output "after destroy the root reads the NIC's real RAL0 ($RAL0_REAL)" \
	"^$RAL0_REAL\$" jh-mmio read "$(reg $REG_RAL0)"
i=0
while [ $i -lt 50 ] && [ "$(e1000_driver "$BDF")" != e1000 ]; do sleep 0.2; i=$((i + 1)); done
tap_check_output "the NIC is back with Linux's e1000 driver" '^e1000$' e1000_driver "$BDF"
tap_check "Linux pings $HOST through it again" e1000_linux_ping "$BDF" $HOST
tap_check "jh disable" jh disable
rmmod jh 2>/dev/null
exit 0
