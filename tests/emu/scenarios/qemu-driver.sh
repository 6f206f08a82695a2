#!/bin/sh
# Driver scenario without VMX (e2e-qemu-driver, QEMU TCG): the driver loads,
# refuses to enable with "VMX not supported by this CPU", every cell command
# says the hypervisor is not enabled, malformed ioctls are refused, and
# Linux carries on; unload works.
. /lib/jh-test.sh

# jh cell VERB ARGS... fails with status 1 and "jh cell VERB: the hypervisor
# is not enabled", and leaves every CPU online
cell_refused()
{
	local out rc
	out=$(jh cell "$@" 2>&1)
	rc=$?
	echo "$out"
	[ $rc = 1 ] && echo "$out" | grep -q "^jh cell $1: the hypervisor is not enabled" &&
		[ "$(cat /sys/devices/system/cpu/online)" = \
		  "$(cat /sys/devices/system/cpu/present)" ]
}

tap_check "insmod jh.ko" insmod /lib/modules/jh.ko || exit 0
tap_check_output "/dev/jh is root-only (0600)" '^crw-------' ls -l /dev/jh
tap_check_output "sysfs /sys/devices/jh exists and says disabled" '^0$' \
	cat /sys/devices/jh/enabled
tap_check_output "jh enable fails: VMX not supported by this CPU" \
	'^jh enable: VMX not supported by this CPU' jh enable /configs/qemu-q35.cell
tap_check_fails "jh enable exits non-zero" jh enable /configs/qemu-q35.cell
tap_check_output "jh disable says it is not enabled" 'not enabled' jh disable
tap_check_output "jh info says disabled" '^hypervisor: disabled' jh info
tap_check_output "jh console says the hypervisor never ran" 'has not run' jh console
tap_check "jh cell create: the hypervisor is not enabled" cell_refused create /configs/rt.cell
tap_check "jh cell load: the hypervisor is not enabled" \
	cell_refused load rt /inmates/apic-demo.bin -s "loops=1" -a 0x1000
for verb in start shutdown destroy stats; do
	tap_check "jh cell $verb: the hypervisor is not enabled" cell_refused $verb rt
done
tap_check "jh cell list: the hypervisor is not enabled" cell_refused list
tap_check_output "jh cell create of a system config names the file and the fix" \
	'qemu-q35.cell is not a cell config.*jh enable' jh cell create /configs/qemu-q35.cell
tap_check "malformed ioctl arguments are refused (jh-ioctl-fuzz novmx)" \
	jh-ioctl-fuzz novmx
tap_check "Linux still works: tmpfs I/O" sh -c \
	'dd if=/dev/urandom of=/tmp/d bs=1k count=128 2>/dev/null && cp /tmp/d /tmp/e && cmp /tmp/d /tmp/e'
tap_check "rmmod jh" rmmod jh
