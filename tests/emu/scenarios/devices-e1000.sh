#!/bin/sh
# A NIC for an RT cell (e2e-devices-e1000, 2-CPU Bochs with one e1000 on
# the vnet backend, EMU_BOCHS_NICS=1), driven as a user drives it: Linux
# uses the NIC; jh-discover and jh-plan --rt-devices write the configs;
# creating the cell takes the NIC from Linux; inmates/demos/e1000-demo.c
# pings Bochs' vnet host 192.168.10.1 with interrupts and prints the
# round-trip times on the cell's UART (COM2, checked on the host by
# tests/suites/e2e-devices-e1000); destroying the cell gives the NIC back
# to Linux, whose interface passes traffic again.
. /lib/jh-test.sh
. /lib/jh-cell.sh

HOST=192.168.10.1
PINGS=40

# the first Intel 82540EM (8086:100e) in sysfs
nic_bdf()
{
	local d
	for d in /sys/bus/pci/devices/*; do
		[ "$(cat "$d/vendor")" = 0x8086 ] && [ "$(cat "$d/device")" = 0x100e ] &&
			echo "${d##*/}" && return 0
	done
	return 1
}

nic_driver()
{
	basename "$(readlink "/sys/bus/pci/devices/$BDF/driver" 2>/dev/null)" 2>/dev/null
}

# Linux's interface on the NIC: up, addressed, pinging the vnet host
linux_ping()
{
	local ifc
	ifc=$(ls "/sys/bus/pci/devices/$BDF/net" 2>/dev/null | head -n1)
	[ -n "$ifc" ] || { echo "no network interface on $BDF"; return 1; }
	ip link set "$ifc" up && ip addr add 192.168.10.2/24 dev "$ifc" 2>/dev/null
	# the link comes up a moment after the driver resets the NIC
	ping -c 3 -W 3 $HOST || { sleep 2; ping -c 3 -W 3 $HOST; }
}

BDF=$(nic_bdf)
if [ -z "$BDF" ]; then
	tap_not_ok "Bochs gives the guest an e1000 NIC (8086:100e)" "$(ls /sys/bus/pci/devices)"
	exit 0
fi
tap_ok "the guest has an e1000 NIC at $BDF"
tap_check_output "Linux drives it with its e1000 driver" '^e1000$' nic_driver
tap_check "Linux pings the vnet host $HOST through it" linux_ping

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
tap_check_output "the plan has identity-mapped DMA memory for the demo" '^0x[0-9a-f]+$' echo "$DMA"

tap_check "insmod jh.ko" insmod /lib/modules/jh.ko || exit 0
tap_check "jh enable with the plan's system config" jh enable /tmp/plan/sysconfig.cell || {
	jh console | sed 's/^/JH-TAP: #   /'
	exit 0
}
if ! tap_check "jh cell create rt.cell (with the NIC)" jh cell create /tmp/plan/rt.cell; then
	jh console | tail -n 20 | sed 's/^/JH-TAP: #   /'
	tap_check_output "a refused create leaves the NIC with Linux" '^e1000$' nic_driver
	jh disable
	exit 0
fi
tap_check_output "Linux lost the NIC: no driver bound" '^$' nic_driver
tap_check_output "... and no interface on it" '^0$' sh -c "ls /sys/bus/pci/devices/$BDF/net 2>/dev/null | wc -l"

tap_check "jh cell load rt e1000-demo (dma=$DMA count=$PINGS)" \
	jh cell load rt /inmates/e1000-demo.bin -s "dma=$DMA count=$PINGS interval_ms=100" -a 0x1000
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

tap_check_output "jh cell destroy rt" '^destroyed cell rt' jh cell destroy rt
i=0
while [ $i -lt 50 ] && [ "$(nic_driver)" != e1000 ]; do sleep 0.2; i=$((i + 1)); done
tap_check_output "the NIC is back with Linux's e1000 driver" '^e1000$' nic_driver
tap_check "Linux pings $HOST through it again" linux_ping
tap_check "jh disable" jh disable
rmmod jh 2>/dev/null
