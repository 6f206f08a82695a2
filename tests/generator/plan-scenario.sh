#!/bin/sh
# Guest side of tests/suites/e2e-plan: jh-discover + jh-plan on the running
# emulator machine, as a user runs them, the validator on the result and,
# where VMX and the hypervisor are there, jh enable with the plan.
. /lib/jh-test.sh

if ! have jh-plan; then
	tap_not_ok "jh-plan is in the initramfs"
	exit 0
fi
if ! have jh-discover; then
	tap_skip "jh-plan with live discovery" "jh-discover is not built yet"
	exit 0
fi
tap_check "jh-discover --json describes this machine" sh -c 'jh-discover --json > /tmp/m.json'
tap_check "jh-plan --rt-cpus 1 (live discovery) writes a plan" jh-plan --rt-cpus 1 --out /tmp/live
tap_check "jh-plan --rt-cpus 1 on the JSON writes a plan" jh-plan --rt-cpus 1 --out /tmp/json /tmp/m.json
tap_check "both ways give the same configs" sh -c \
	'cmp /tmp/live/sysconfig.cell /tmp/json/sysconfig.cell && cmp /tmp/live/rt.cell /tmp/json/rt.cell'
tap_check "jh config check accepts the plan" jh config check /tmp/live/sysconfig.cell /tmp/live/rt.cell
tap_check_output "the plan builds on the memmap= reservation at 0x3d000000" \
	'memmap=[0-9]+M\$0x3d000000' cat /tmp/live/cmdline.txt
tap_check_output "the RT cell gets the second UART (COM2)" 'console UART 0x2f8' cat /tmp/live/plan.txt
tap_check_output "proposals without --rt-cpus" '^ 1\. score' jh-plan /tmp/m.json
tap_check_fails "CPU 0 is refused" jh-plan --rt-cpus 0 /tmp/m.json
grep -E '^  (ok|note|warning|error) ' /tmp/live/plan.txt | cut -c1-110 | while read -r l; do
	tap_diag "$l"
done

# the plan in use: Linux becomes the root cell of jh-plan's sysconfig.cell
if ! grep -qw vmx /proc/cpuinfo; then
	tap_skip "jh enable with the plan" "no VMX on this emulator"
elif [ ! -f /lib/modules/jh.ko ]; then
	tap_skip "jh enable with the plan" "no driver: $(cat /lib/modules/jh.ko.failed 2>/dev/null | tail -n 1)"
elif [ ! -f /lib/firmware/jh.bin ] || ! jh help 2>/dev/null | grep -q '^  jh enable '; then
	tap_skip "jh enable with the plan" "the hypervisor image or jh enable is not built"
elif ! grep -q 'memmap=32M\$0x3d000000$' /tmp/live/cmdline.txt; then
	tap_skip "jh enable with the plan" "the plan needs a new reservation (reboot)"
else
	tap_check "insmod jh.ko" insmod /lib/modules/jh.ko &&
	if tap_check "jh enable with the plan's sysconfig.cell" jh enable /tmp/live/sysconfig.cell; then
		cpu=0
		while [ $cpu -lt "$(nproc)" ]; do
			taskset -c $cpu sh -c 'i=0; while [ $i -lt 1000 ]; do i=$((i + 1)); done'
			cpu=$((cpu + 1))
		done
		tap_check "Linux works as the root cell (tmpfs I/O, every CPU)" sh -c \
			'dd if=/dev/urandom of=/tmp/d bs=1k count=128 2>/dev/null && cp /tmp/d /tmp/e && cmp /tmp/d /tmp/e'
		tap_check "jh disable" jh disable
	fi
	rmmod jh 2>/dev/null
fi
exit 0
