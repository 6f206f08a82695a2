#!/bin/sh
# Guest side of e2e-config-machines: does the hand-written system config
# /configs/$jh_machine.cell describe the emulated machine it boots on?
# Compares `jh config show` with what Linux sees: firmware memory map,
# /proc/iomem, /proc/ioports, PCI devices, online CPUs.
. /lib/jh-test.sh

M=${jh_machine:?jh_machine=NAME missing on the kernel command line}
CELL=/configs/$M.cell
SHOW=/tmp/show.txt

tap_check "jh config check $M.cell + rt.cell passes in the guest" \
	jh config check "$CELL" /configs/rt.cell
jh config show "$CELL" >"$SHOW" 2>&1 || tap_not_ok "jh config show $M.cell"

# "START END" (decimal) of the root cell's memory regions
sed -n 's/^  memory\[[0-9]*\]: phys \(0x[0-9a-f]*\)-\(0x[0-9a-f]*\) .*/\1 \2/p' "$SHOW" |
	while read -r s e; do echo "$((s)) $((e))"; done >/tmp/regions
sed -n 's/^  pio\[[0-9]*\]: ports \(0x[0-9a-f]*\)-\(0x[0-9a-f]*\) .*/\1 \2/p' "$SHOW" |
	while read -r s e; do echo "$((s)) $((e))"; done >/tmp/ports

# first address of [$1, $2] that no range of file $3 covers; empty if none
uncovered()
{
	pos=$1
	while [ "$pos" -le "$2" ]; do
		next=$(while read -r s e; do
			[ "$s" -le "$pos" ] && [ "$pos" -le "$e" ] && { echo $((e + 1)); break; }
		done <"$3")
		[ -n "$next" ] || { printf '0x%x\n' "$pos"; return; }
		pos=$next
	done
}

hv=$(sed -n 's/^hypervisor_memory: \(0x[0-9a-f]*\)-\(0x[0-9a-f]*\) .*/\1 \2/p' "$SHOW")
hv_s=$(($(echo "$hv" | cut -d' ' -f1)))
hv_e=$(($(echo "$hv" | cut -d' ' -f2)))

# every firmware RAM and ACPI range is the root cell's, except the hypervisor's
bad=""
for d in /sys/firmware/memmap/*; do
	case $(cat "$d/type") in "System RAM"|"ACPI Tables"|"ACPI Non-volatile Storage") ;; *) continue ;; esac
	s=$(($(cat "$d/start"))) e=$(($(cat "$d/end")))
	if [ "$s" -le "$hv_e" ] && [ "$hv_s" -le "$e" ]; then
		[ "$s" -lt "$hv_s" ] && gap=$(uncovered "$s" $((hv_s - 1)) /tmp/regions)
		[ -z "$gap" ] && [ "$e" -gt "$hv_e" ] && gap=$(uncovered $((hv_e + 1)) "$e" /tmp/regions)
	else
		gap=$(uncovered "$s" "$e" /tmp/regions)
	fi
	[ -n "$gap" ] && bad="$bad $(cat "$d/type"):$gap"
	gap=""
done
if [ -z "$bad" ]; then
	tap_ok "root cell maps all firmware RAM and ACPI memory but the hypervisor's"
else
	tap_not_ok "root cell maps all firmware RAM and ACPI memory" "not covered at:$bad"
fi

# the hypervisor memory is what memmap= reserved
if grep -q "^$(printf %08x "$hv_s")-.* : Reserved" /proc/iomem; then
	tap_ok "hypervisor memory $(printf 0x%x "$hv_s") is reserved (memmap=)"
else
	tap_not_ok "hypervisor memory $(printf 0x%x "$hv_s") is reserved (memmap=)"
fi

# fixed devices: /proc/iomem and /proc/ioports against the config
iomem_start() { sed -n "s/^ *\([0-9a-f]*\)-[0-9a-f]* : $1\$/0x\1/p" /proc/iomem | head -n1; }
expect_value()
{
	if [ -n "$2" ] && [ $(($2)) -eq $(($3)) ]; then
		tap_ok "$1: $3"
	else
		tap_not_ok "$1" "Linux: '$2', config: '$3'"
	fi
}
cfg_ioapic=$(sed -n 's/^  ioapic\[0\]: id [0-9]* at \(0x[0-9a-f]*\),.*/\1/p' "$SHOW")
expect_value "IOAPIC address" "$(iomem_start 'IOAPIC 0')" "$cfg_ioapic"
cfg_pm=$(sed -n 's/^  pm_timer: port \(0x[0-9a-f]*\),.*/\1/p' "$SHOW")
linux_pm=$(sed -n 's/^ *\([0-9a-f]*\)-[0-9a-f]* : ACPI PM_TMR$/0x\1/p' /proc/ioports)
expect_value "ACPI PM timer port" "$linux_pm" "$cfg_pm"
hpet=$(iomem_start 'HPET 0')
if [ -n "$hpet" ] && [ -z "$(uncovered $((hpet)) $((hpet + 0x3ff)) /tmp/regions)" ]; then
	tap_ok "HPET $hpet is mapped to the root cell"
else
	tap_not_ok "HPET is mapped to the root cell" "HPET at '$hpet'"
fi
mcfg=$(sed -n 's/^\([0-9a-f]*\)-[0-9a-f]* : PCI MMCONFIG.*/0x\1/p' /proc/iomem)
cfg_mcfg=$(sed -n 's/^  pci_mmconfig\[0\]: segment 0, base \(0x[0-9a-f]*\),.*/\1/p' "$SHOW")
if [ -n "$mcfg$cfg_mcfg" ]; then
	expect_value "MMCONFIG base" "$mcfg" "$cfg_mcfg"
else
	tap_ok "no MMCONFIG, in Linux and in the config"
fi
dmar=$(iomem_start dmar0)
cfg_dmar=$(sed -n 's/^  iommu\[0\]: Intel VT-d at \(0x[0-9a-f]*\),.*/\1/p' "$SHOW")
if [ -n "$dmar$cfg_dmar" ]; then
	expect_value "VT-d unit registers" "$dmar" "$cfg_dmar"
else
	tap_ok "no IOMMU, in Linux and in the config"
fi

# every port range Linux registered is the root cell's, but PCI conf1
bad=""
while IFS= read -r line; do
	case $line in *"PCI conf1"*|*"PCI Bus"*) continue ;; esac
	r=$(echo "$line" | sed -n 's/^ *\([0-9a-f]*\)-\([0-9a-f]*\) : .*/\1 \2/p')
	[ -n "$r" ] || continue
	set -- $r
	gap=$(uncovered $((0x$1)) $((0x$2)) /tmp/ports)
	[ -n "$gap" ] && bad="$bad $line"
done </proc/ioports
if [ -z "$bad" ]; then
	tap_ok "root cell has every port Linux registered (but 0xcf8-0xcff)"
else
	tap_not_ok "root cell has every port Linux registered" "missing:$bad"
fi

# PCI devices: the same set in Linux and in the config
missing="" extra=""
for d in /sys/bus/pci/devices/*; do
	b=$(basename "$d")
	grep -q "^  pci_devices\[[0-9]*\]: $b " "$SHOW" || missing="$missing $b"
done
for b in $(sed -n 's/^  pci_devices\[[0-9]*\]: \([0-9a-f:.]*\) .*/\1/p' "$SHOW"); do
	[ -e "/sys/bus/pci/devices/$b" ] || extra="$extra $b"
done
if [ -z "$missing$extra" ]; then
	tap_ok "PCI devices of the config are exactly Linux's ($(ls /sys/bus/pci/devices | wc -l))"
else
	tap_not_ok "PCI devices of the config are exactly Linux's" "missing:$missing extra:$extra"
fi

# online CPUs are the root cell's
online=$(cat /sys/devices/system/cpu/online)
expect_cpus=$(sed -n 's/^  cpus: \([0-9,-]*\) .*/\1/p' "$SHOW")
if [ "$online" = "$expect_cpus" ]; then
	tap_ok "root cell CPUs $expect_cpus are the online CPUs"
else
	tap_not_ok "root cell CPUs are the online CPUs" "Linux: $online, config: $expect_cpus"
fi
