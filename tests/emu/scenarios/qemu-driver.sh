#!/bin/sh
# Driver scenario without VMX (e2e-qemu-driver, QEMU TCG): the driver loads,
# refuses to enable with "VMX not supported by this CPU", refuses malformed
# ioctls, and Linux carries on; unload works.
. /lib/jh-test.sh

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
tap_check "malformed ioctl arguments are refused (jh-ioctl-fuzz novmx)" \
	jh-ioctl-fuzz novmx
tap_check "Linux still works: tmpfs I/O" sh -c \
	'dd if=/dev/urandom of=/tmp/d bs=1k count=128 2>/dev/null && cp /tmp/d /tmp/e && cmp /tmp/d /tmp/e'
tap_check "rmmod jh" rmmod jh
