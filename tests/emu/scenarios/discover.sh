#!/bin/sh
# jh-discover inside an emulator guest, live, as root: the readiness
# report, the machine description and the root-cell config, checked with
# `jh config check`. The host passes jh_expect_vmx=yes (Bochs) or no (QEMU
# q35 + intel-iommu, which has a DMAR table).
. /lib/jh-test.sh

if ! have jh-discover; then
	tap_skip "jh-discover in the guest" "not built"
	exit 0
fi
tap_check "jh-discover --report runs" jh-discover --report -o /tmp/report
cat /tmp/report
tap_check_output "report: the memmap= reservation is found" \
	'ok +hypervisor memory +memmap=32M\$0x3d000000 reserved' cat /tmp/report
tap_check "jh-discover --json runs" jh-discover --json -o /tmp/machine.json
tap_check_output "JSON: the memmap= reservation" '"kernel_param": "memmap=32M\$0x3d000000"' \
	cat /tmp/machine.json
tap_check "jh-discover writes the root-cell config (C and .cell)" \
	jh-discover -o /tmp/sysconfig.c --cell /tmp/sysconfig.cell
grep -E '^		/\* \[|\.size =|hypervisor_memory' /tmp/sysconfig.c | head -60
if have jh; then
	tap_check "jh config check accepts the discovered config" jh config check /tmp/sysconfig.cell
fi
tap_check_output "config: hypervisor memory at 0x3d000000" \
	'phys_start = 0x3d000000' grep -A1 'hypervisor_memory = {' /tmp/sysconfig.c
tap_check_output "config: the cell RAM after the hypervisor is the root's" \
	'phys_start = 0x3e000000' grep -A3 'RAM for cells' /tmp/sysconfig.c
tap_check_output "config: PCI config ports 0xcf8-0xcff stay trapped" \
	'^ok$' sh -c 'grep -A1 "\.base = 0xcf8" /tmp/sysconfig.c >/dev/null && echo granted || echo ok'

case $jh_expect_vmx in
yes)
	for c in VMX EPT "unrestricted guest" FEATURE_CONTROL; do
		tap_check_output "report: $c ok" "^  ok +$c " cat /tmp/report
	done
	# the proof: the hypervisor runs this Linux as the root cell of the
	# discovered config, and Linux keeps working
	if [ -f /lib/modules/jh.ko ] && [ -f /lib/firmware/jh.bin ]; then
		tap_check "insmod jh.ko" insmod /lib/modules/jh.ko &&
		if tap_check "jh enable with the discovered config" jh enable /tmp/sysconfig.cell; then
			tap_check_output "jh is enabled" '^1$' cat /sys/devices/jh/enabled
			dd if=/dev/urandom of=/tmp/data bs=1k count=256 2>/dev/null &&
				cp /tmp/data /tmp/data2
			tap_check "root Linux works: tmpfs I/O" cmp /tmp/data /tmp/data2
			tap_check "root Linux works: a task on CPU 1" taskset -c 1 true
			tap_check "jh disable" jh disable
		fi
		rmmod jh 2>/dev/null
	else
		tap_skip "jh enable with the discovered config" "driver or hypervisor not built"
	fi ;;
no)
	tap_check_output "report: VT-d with interrupt remapping ok (QEMU intel-iommu)" \
		'^  ok +VT-d \+ interrupt remapping' cat /tmp/report
	tap_check_output "JSON: the VT-d unit" '"type": "vtd"' cat /tmp/machine.json
	tap_check_output "JSON: every PCI device has its IOMMU unit" '^0$' \
		sh -c 'grep -c "\"iommu\": null" /tmp/machine.json'
	tap_check_output "config: the VT-d unit is in the platform" \
		'JH_IOMMU_VTD|\.type = 1' grep -A3 'VT-d (DMAR DRHD) unit 0' /tmp/sysconfig.c
	tap_check_output "config: MMCONFIG from the MCFG" '0xb0000000' \
		grep -A3 'MCFG: segment 0' /tmp/sysconfig.c
	# the edu behind the pcie-pci-bridge the suite adds (01:01.0): its DMA
	# reaches the IOMMU as the bridge's secondary bus, devfn 0
	tap_check_output "config: the edu behind the PCIe-to-PCI bridge has its DMA alias" \
		'dma_alias = JH_PCI_BDF\(0x01, 0x00, 0\)' \
		grep -A20 'bdf = JH_PCI_BDF(0x01, 0x01, 0)' /tmp/sysconfig.c ;;
esac
exit 0
