#!/bin/sh
# A NIC for an RT cell (e2e-devices-e1000, 2-CPU Bochs with two e1000s,
# the second on the vnet backend: EMU_BOCHS_NICS=2 EMU_BOCHS_VNET_SLOT=2),
# driven as a user drives it: Linux
# uses the NICs; jh-discover and jh-plan --rt-devices write the configs;
# creating the cell takes the NIC from Linux; inmates/demos/e1000-demo.c
# pings Bochs' vnet host 192.168.10.1 with interrupts and prints the
# round-trip times on the cell's UART (COM2, checked on the host by
# tests/suites/e2e-devices-e1000); destroying the cell gives the NIC back
# to Linux, whose interface passes traffic again.
# The cell gets the second NIC, the one on vnet; Linux keeps the first.
. /lib/jh-test.sh
. /lib/jh-cell.sh

HOST=192.168.10.1
PINGS=40

nic_driver()
{
	e1000_driver "$BDF"
}

linux_ping()
{
	e1000_linux_ping "$BDF" $HOST
}

set -- $(e1000_bdfs)
if [ -z "$2" ]; then
	tap_not_ok "Bochs gives the guest two e1000 NICs (8086:100e)" "$(ls /sys/bus/pci/devices)"
	exit 0
fi
BDF=$2
tap_ok "the guest has e1000 NICs at $1 and $BDF"
tap_check_output "Linux drives $BDF with its e1000 driver" '^e1000$' nic_driver
tap_check "Linux pings the vnet host $HOST through $BDF" linux_ping

tap_check "jh-discover --json" jh-discover --json -o /tmp/machine.json || exit 0
tap_check "jh-plan --rt-cpus 1 --rt-devices $BDF --no-dma-isolation" \
	jh-plan --rt-cpus 1 --rt-devices "$BDF" --no-dma-isolation --out /tmp/plan /tmp/machine.json || {
	cat /tmp/plan/plan.txt 2>/dev/null | sed 's/^/JH-TAP: # /'
	exit 0
}
grep -A6 "\"bdf\": \"$BDF\"" /tmp/machine.json | sed 's/^/JH-TAP: # /'
sed 's/^/JH-TAP: # /' /tmp/plan/plan.txt
tap_check_output "the plan gives the cell the NIC's function" "\\.bdf = JH_PCI_BDF" cat /tmp/plan/rt.c
tap_check_output "the plan gives the cell the NIC's INTx pin" "pin of $BDF \\(INTx, GSI [0-9]+\\)" cat /tmp/plan/rt.c
tap_check_output "the plan maps the NIC's BAR0" "${BDF#0000:} BAR0" cat /tmp/plan/rt.c
tap_check "jh config check accepts the plan" jh config check /tmp/plan/sysconfig.cell /tmp/plan/rt.cell
DMA=$(sed -n 's/.*inmate parameter dma=\(0x[0-9a-f]*\).*/\1/p' /tmp/plan/rt.c)
# the pin is Linux's IRQ for the NIC (sysfs irq), which Bochs' ACPI may
# route elsewhere than the firmware's interrupt line register says
PIN=$(sed -n "s/.*pin of $BDF (INTx, GSI \([0-9]*\)).*/\1/p" /tmp/plan/rt.c)
tap_check_output "the plan's pin is Linux's IRQ for the NIC" "^$(cat /sys/bus/pci/devices/$BDF/irq)\$" echo "$PIN"
tap_check_output "the plan has identity-mapped DMA memory for the demo" '^0x[0-9a-f]+$' echo "$DMA"

tap_check "insmod jh.ko" insmod /lib/modules/jh.ko || exit 0
tap_check "jh enable with the plan's system config" jh enable /tmp/plan/sysconfig.cell || {
	jh console | sed 's/^/JH-TAP: #   /'
	exit 0
}
# Bochs' PIIX3 (00:01.0) routes PCI INTx lines to IRQs through its PIRQ
# registers 0x60-0x63; an ACPI _DIS of the NIC's link device when its
# driver lets go would turn that route off (bit 7), and the cell's pin
# would never fire. The handover must leave the routes as they were.
pirq_routes()
{
	od -An -tx1 -j96 -N4 /sys/bus/pci/devices/0000:00:01.0/config | tr -d ' \n'
}
ROUTES=$(pirq_routes)
if ! tap_check "jh cell create rt.cell (with the NIC)" jh cell create /tmp/plan/rt.cell; then
	jh console | tail -n 20 | sed 's/^/JH-TAP: #   /'
	tap_check_output "a refused create leaves the NIC with Linux" '^e1000$' nic_driver
	jh disable
	exit 0
fi
tap_check_output "the PCI interrupt router still routes the NIC's INTx after create (PIRQ $ROUTES)" \
	"^$ROUTES\$" pirq_routes
tap_check_output "Linux lost the NIC: no driver bound" '^$' nic_driver
tap_check_output "... and no interface on it" '^0$' sh -c "ls /sys/bus/pci/devices/$BDF/net 2>/dev/null | wc -l"

tap_check "jh cell load rt e1000-demo (dma=$DMA pin=$PIN count=$PINGS)" \
	jh cell load rt /inmates/e1000-demo.bin -s "dma=$DMA pin=$PIN count=$PINGS interval_ms=100" -a 0x1000
tap_check "jh cell start rt" jh cell start rt && wait_cell_started rt
# the demo's set-up (CPUID, IOAPIC programming, ARP) exits; then steady state
sleep 3
before=$(cell_total rt)
sleep 2
after=$(cell_total rt)
tap_check "steady state: no VM exit of the cell in 2 s of pings ($before -> $after)" \
	test -n "$before" -a "$before" = "$after"
cell_report "cell stats while pinging" jh cell stats rt
tap_check "the demo sends its $PINGS pings and shuts its cell down" wait_cell_state rt shut-down 300
tap_check_fails "the hypervisor console names no refused access of the cell" \
	sh -c 'jh console | grep -iE "rt.*(refused|denied|violation)"'
cell_report "hypervisor console" sh -c 'jh console | tail -n 15'
cell_report "the root's interrupt counts (IRQ 9-11, spurious)" sh -c \
	'grep -E "^ *(9|10|11|ERR|SPU):" /proc/interrupts'

tap_check_output "jh cell destroy rt" '^destroyed cell rt' jh cell destroy rt
i=0
while [ $i -lt 50 ] && [ "$(nic_driver)" != e1000 ]; do sleep 0.2; i=$((i + 1)); done
tap_check_output "the NIC is back with Linux's e1000 driver" '^e1000$' nic_driver
tap_check "Linux pings $HOST through it again" linux_ping
tap_check "jh disable" jh disable
rmmod jh 2>/dev/null
