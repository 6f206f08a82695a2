#!/bin/sh
# Benchmark scenario of scripts/bench-nic.sh (2-CPU Bochs with two e1000s,
# the second on the vnet backend: EMU_BOCHS_NICS=2 EMU_BOCHS_VNET_SLOT=2).
# jh-discover and jh-plan --rt-devices give the RT cell (CPU 1) the second
# NIC; inmates/demos/e1000-demo.c pings Bochs' vnet host jh_nic_pings times
# (kernel command line, default 300) every jh_nic_interval_ms (default 20),
# replies by interrupt through the IOAPIC, and prints its round-trip line
#   rtt p50=<cycles> p99=<cycles> max=<cycles> samples=<n>
# on the cell's UART (COM2). Here, in the middle of the pings, the cell's
# VM exits over 2 s: "JH-BENCH: rt_nic_cell_vmexits <n> <seconds>".
# The same demo runs bare in scripts/bench-nic.sh.
. /lib/jh-test.sh
. /lib/jh-cell.sh

PINGS=${jh_nic_pings:-300}
INTERVAL=${jh_nic_interval_ms:-20}

set -- $(e1000_bdfs)
if [ -z "$2" ]; then
	tap_not_ok "Bochs gives the guest two e1000 NICs (8086:100e)" "$(ls /sys/bus/pci/devices)"
	exit 0
fi
BDF=$2
tap_ok "the cell's NIC is $BDF (on vnet)"

e1000_plan_cell "$BDF" || exit 0
tap_check_output "the plan gives the demo its DMA memory and INTx pin ($DMA, $PIN)" \
	'^0x[0-9a-f]+ [0-9]+$' echo "$DMA $PIN"
tap_check "jh cell load rt e1000-demo (count=$PINGS interval_ms=$INTERVAL)" \
	jh cell load rt /inmates/e1000-demo.bin \
	-s "dma=$DMA pin=$PIN count=$PINGS interval_ms=$INTERVAL" -a 0x1000
tap_check "jh cell start rt" jh cell start rt && wait_cell_started rt
# set-up (CPUIDs, PCI config, IOAPIC programming) exits; ARP takes a ping
# time; then the cell pings with its own NIC, IOAPIC pin and UART only
sleep 2
before=$(cell_total rt)
sleep 2
after=$(cell_total rt)
state=$(cell_state rt)
if [ -n "$before" ] && [ -n "$after" ] && [ "$state" = running ]; then
	echo "JH-BENCH: rt_nic_cell_vmexits $((after - before)) 2"
	tap_check_output "steady state: no VM exit of the cell in 2 s of pings ($before -> $after)" \
		'^0$' echo $((after - before))
else
	tap_not_ok "the cell's exits counted while it pings (state $state, $before -> $after)" \
		"the pings ended before the window: give more jh_nic_pings"
fi
tap_check "the demo sends its $PINGS pings and shuts its cell down" \
	wait_cell_state rt shut-down 600
cell_report "cell stats" jh cell stats rt
tap_check_output "jh cell destroy rt" '^destroyed cell rt' jh cell destroy rt
tap_check "jh disable" jh disable
rmmod jh 2>/dev/null
exit 0
