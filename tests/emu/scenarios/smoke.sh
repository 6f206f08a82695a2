#!/bin/sh
# Smoke scenario (e2e-boot): the guest machine is fit for jh's tests: all
# CPUs online, CPU hotplug, MSR access, VMX as the emulator promises, the
# memmap= reservation, and the driver loading and unloading if it is built.
# The host passes jh_expect_vmx=yes|no on the kernel command line (the kernel
# hands unknown parameters to init as environment variables).
. /lib/jh-test.sh

present=$(cat /sys/devices/system/cpu/present)
tap_check_output "all present CPUs ($present) are online" "^$present\$" \
	cat /sys/devices/system/cpu/online

if [ -e /sys/devices/system/cpu/cpu1/online ]; then
	echo 0 > /sys/devices/system/cpu/cpu1/online
	tap_check_output "CPU 1 goes offline" '^0$' cat /sys/devices/system/cpu/cpu1/online
	echo 1 > /sys/devices/system/cpu/cpu1/online
	tap_check_output "CPU 1 comes back online" '^1$' cat /sys/devices/system/cpu/cpu1/online
	tap_check "CPU 1 runs work after coming back" taskset -c 1 true
else
	tap_skip "CPU 1 offline/online" "this machine has one CPU"
fi

for c in /sys/devices/system/cpu/cpu[0-9]*; do
	n=${c##*cpu}
	tap_check "CPU $n has a readable /dev/cpu/$n/msr (IA32_TSC)" msr-read "$n" 0x10
done

tap_check_output "memmap= reserves 32M at 0x3d000000 for the hypervisor" \
	'3d000000-3effffff : (Reserved|reserved)' cat /proc/iomem

case $jh_expect_vmx in
yes)
	tap_check_output "CPU advertises VMX" ' vmx( |$)' grep -m1 '^flags' /proc/cpuinfo
	tap_check_output "VMX has EPT, VPID and unrestricted guest" \
		'vmx flags.* ept .*vpid.*unrestricted_guest' grep -m1 'vmx flags' /proc/cpuinfo
	# bit 0 lock, bit 2 VMX outside SMX: the hypervisor cannot enable VMX
	# itself once the BIOS locked the register
	fc=$(msr-read 0 0x3a)
	if [ -n "$fc" ] && [ $((fc & 5)) -eq 5 ]; then
		tap_ok "IA32_FEATURE_CONTROL ($fc) is locked with VMX allowed"
	else
		tap_not_ok "IA32_FEATURE_CONTROL (${fc:-unreadable}) is locked with VMX allowed"
	fi
	;;
no)
	tap_check_fails "CPU does not advertise VMX" grep -qw vmx /proc/cpuinfo
	;;
*)
	tap_skip "VMX as expected" "no jh_expect_vmx=yes|no on the kernel command line"
	;;
esac

if [ -f /lib/modules/jh.ko ]; then
	tap_check "insmod jh.ko" insmod /lib/modules/jh.ko
	tap_check_output "jh is listed in /proc/modules" '^jh ' cat /proc/modules
	tap_check "/dev/jh exists" test -c /dev/jh
	tap_check_output "/dev/jh is root-only (mode 600)" '^600$' stat -c %a /dev/jh
	tap_check "rmmod jh" rmmod jh
	tap_check_fails "jh is gone from /proc/modules" grep -q '^jh ' /proc/modules
elif [ -f /lib/modules/jh.ko.failed ]; then
	tap_not_ok "driver/ builds against the guest kernel" "$(cat /lib/modules/jh.ko.failed)"
else
	tap_skip "insmod/rmmod jh.ko" "driver/ is not written yet"
fi

tap_check "tmpfs file I/O works" sh -c \
	'dd if=/dev/zero of=/tmp/f bs=64k count=16 2>/dev/null && [ "$(wc -c < /tmp/f)" -eq 1048576 ]'
