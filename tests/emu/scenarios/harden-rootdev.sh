#!/bin/sh
# Root-device hardening (e2e-harden-rootdev, 2-CPU Bochs): with the RT cell
# running apic-demo on CPU 1, the root cell touches what it no longer owns
# (the cell's RAM through /dev/mem, the cell's UART port through
# /dev/port) and PCI config space (trapped at 0xcf8/0xcfc and mediated by
# the hypervisor, hypervisor/core/pci.c). Before this hardening each of
# those accesses parked the root CPU for good; now the root gets what a
# bus with nobody behind the address gives (all ones, writes lost), the
# console says so, every CPU keeps running and the cell sees no exit.
# MSI/MSI-X filtering itself is checked by unit-pci-msi: Bochs' PCI
# devices have no MSI capability to attack.
. /lib/jh-test.sh
. /lib/jh-cell.sh

CELL_RAM=0x3e000000	# rt.cell memory[0], the inmate's code and data
CELL_PORT=760		# 0x2f8: rt.cell's UART (COM2)

cfg=/configs/bochs-2cpu.cell
[ "$(nproc)" = 4 ] && cfg=/configs/bochs.cell

# the first 4 bytes of a PCI function's config space, as Linux reads them
pci_ids()
{
	local d
	for d in /sys/bus/pci/devices/*; do
		printf '%s %s\n' "${d##*/}" "$(od -An -tx4 -N4 "$d/config" | tr -d ' ')"
	done
}

# one byte of a port through /dev/port, in hex
port_byte()
{
	dd if=/dev/port bs=1 skip="$1" count=1 2>/dev/null | od -An -tx1 | tr -d ' '
}

tap_check "insmod jh.ko" insmod /lib/modules/jh.ko || exit 0
ids_native=$(pci_ids)
tap_check "jh enable $cfg" jh enable "$cfg" || {
	jh console | sed 's/^/JH-TAP: #   /'
	exit 0
}
# a config register Linux does not care about: the latency timer of the
# USB controller, written and read back through sysfs (conf1 ports)
UHCI=/sys/bus/pci/devices/0000:00:01.2/config
latency_write()
{
	printf "\\$(printf %o "$1")" | dd of=$UHCI bs=1 seek=13 count=1 conv=notrunc 2>/dev/null
	od -An -tx1 -j13 -N1 $UHCI | tr -d ' '
}

tap_check "config space reads through the hypervisor match the native ones" \
	test "$(pci_ids)" = "$ids_native"
tap_check_output "a config write through the hypervisor sticks" '^40$' latency_write 64

tap_check "cell rt created, loaded with apic-demo, started on CPU 1" sh -c \
	'jh cell create /configs/rt.cell && jh cell load rt /inmates/apic-demo.bin &&
	 jh cell start rt' && wait_cell_started rt
exits_before=$(cell_total rt)

tap_check_output "the root reads the cell's RAM: all ones, not the cell's code" \
	'^0xffffffff$' jh-mmio read $CELL_RAM
tap_check "the root writes the cell's RAM: nothing happens to it" \
	jh-mmio write $CELL_RAM 0x12345678
tap_check_output "and reads all ones there again" '^0xffffffff$' jh-mmio read $CELL_RAM
tap_check_output "the console names the ignored RAM accesses" \
	"root cell (read|write) at 0x3e000000 on CPU [0-9] ignored: not memory of the root cell" \
	jh console
tap_check_output "the root reads the cell's UART port: all ones" '^ff$' port_byte $CELL_PORT
tap_check "the root writes the cell's UART port" sh -c \
	"printf 'x' | dd of=/dev/port bs=1 seek=$CELL_PORT count=1 conv=notrunc 2>/dev/null"
tap_check_output "the console names the ignored port accesses" \
	"root cell port (read|write) 0x2f8 on CPU [0-9] ignored" jh console
tap_check "CPU 0 still runs Linux tasks" taskset -c 0 true
tap_check_fails "no CPU stopped: no FATAL on the console" sh -c 'jh console | grep FATAL'
sleep 1
exits_after=$(cell_total rt)
tap_check "the cell saw none of it: no VM exit on its CPU ($exits_before -> $exits_after)" \
	test "${exits_before:-none}" = "$exits_after"
tap_check_output "the cell still runs" '^running$' cell_state rt
tap_check_output "jh cell destroy rt" '^destroyed cell rt' jh cell destroy rt
tap_check "CPU 1 back in Linux runs a task" taskset -c 1 true
tap_check "jh disable" jh disable
tap_check "config space reads after disable match the native ones" \
	test "$(pci_ids)" = "$ids_native"
