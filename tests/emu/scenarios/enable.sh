#!/bin/sh
# Enable scenario (e2e-bochs-enable): Linux becomes the root cell of the
# hypervisor and keeps working: workload on every CPU, tmpfs I/O, CPU
# hotplug,
# jh info/sysfs/console, disable, three enable/disable rounds,
# module unload refused while enabled, rmmod at the end.
. /lib/jh-test.sh

ncpus=$(nproc)
if [ "$ncpus" = 4 ]; then cfg=/configs/bochs.cell; else cfg=/configs/bochs-${ncpus}cpu.cell; fi
tap_diag "system config $cfg"

# busy loop + checksum on every CPU, file I/O on tmpfs; all must finish
workload()
{
	pids=""
	cpu=0
	while [ $cpu -lt "$ncpus" ]; do
		taskset -c $cpu sh -c 'i=0; while [ $i -lt 300 ]; do i=$((i + 1)); done; echo $i' \
			> /tmp/loop.$cpu &
		pids="$pids $!"
		cpu=$((cpu + 1))
	done
	dd if=/dev/urandom of=/tmp/data bs=1k count=256 2>/dev/null &&
		cp /tmp/data /tmp/data2 && cmp /tmp/data /tmp/data2 || return 1
	for p in $pids; do wait "$p" || return 1; done
	cpu=0
	while [ $cpu -lt "$ncpus" ]; do
		[ "$(cat /tmp/loop.$cpu)" = 300 ] || return 1
		cpu=$((cpu + 1))
	done
	rm -f /tmp/data /tmp/data2 /tmp/loop.*
}

hotplug()
{
	echo 0 > /sys/devices/system/cpu/cpu1/online || return 1
	[ "$(cat /sys/devices/system/cpu/cpu1/online)" = 0 ] || return 1
	echo 1 > /sys/devices/system/cpu/cpu1/online || return 1
	[ "$(cat /sys/devices/system/cpu/cpu1/online)" = 1 ] || return 1
	taskset -c 1 true
}

tap_check "insmod jh.ko" insmod /lib/modules/jh.ko || exit 0
tap_check_output "/dev/jh is root-only (0600)" '^crw-------' ls -l /dev/jh

# refusals first: each has its own reason and leaves Linux as it was
head -c 100 "$cfg" > /tmp/broken.cell
tap_check_output "a truncated config is refused with the validator's reason" \
	'broken.cell.*fix' jh enable /tmp/broken.cell
cp "$cfg" /tmp/moved.cell
# hypervisor_memory.phys_start (offset 16) := 4 GiB, where nothing is reserved
printf '\000\000\000\000\001\000\000\000' |
	dd of=/tmp/moved.cell bs=1 seek=16 conv=notrunc 2>/dev/null
tap_check_output "unreserved hypervisor memory is refused with the memmap= fix" \
	'hypervisor memory 0x100000000\+16M is not reserved: boot with memmap=16M\$0x100000000' \
	jh enable /tmp/moved.cell
tap_check "malformed ioctl arguments are refused (jh-ioctl-fuzz)" jh-ioctl-fuzz
tap_check_output "still disabled after the refusals" '^0$' cat /sys/devices/jh/enabled
tap_check "jh enable $cfg" jh enable "$cfg" || {
	jh console | sed 's/^/JH-TAP: #   /'
	exit 0
}
tap_check_output "sysfs says enabled" '^1$' cat /sys/devices/jh/enabled
tap_check_output "jh info: enabled on all $ncpus CPUs" "cpus: $ncpus " jh info
tap_check "workload on all CPUs and tmpfs I/O under the hypervisor" workload
tap_check "CPU 1 offline and back online under the hypervisor" hotplug
tap_check_output "CPU 1 is back under the hypervisor" "cpus: $ncpus " jh info
tap_check "workload after hotplug" workload
tap_check_output "jh console shows the hypervisor's log" 'hypervisor starting' jh console
tap_check_output "sysfs exit statistics count CPUID exits" '^cpu[0-9]+ cpuid [0-9]+' \
	cat /sys/devices/jh/exit_stats
tap_check_output "memory pool use is reported" '^[1-9][0-9]*$' \
	cat /sys/devices/jh/mem_pool_used
cpuid1_ecx=$(jh-cpuid 1 | cut -d' ' -f3)
if [ -n "$cpuid1_ecx" ] && [ $((cpuid1_ecx & 0x20)) -eq 0 ]; then
	tap_ok "CPUID.1:ECX hides VMX from the root cell ($cpuid1_ecx)"
else
	tap_not_ok "CPUID.1:ECX hides VMX from the root cell ($cpuid1_ecx)"
fi
tap_check_output "CPUID leaf 0x40000000 carries the jh signature" '^0x40000000 0x0000686a ' \
	jh-cpuid 0x40000000
tap_check_output "a second enable says it is already enabled" 'already enabled' \
	jh enable "$cfg"
tap_check_fails "rmmod is refused while enabled" rmmod jh
tap_check "jh disable" jh disable
tap_check_output "sysfs says disabled" '^0$' cat /sys/devices/jh/enabled
tap_check "workload after disable" workload

round=1
while [ $round -le 3 ]; do
	tap_check "round $round: enable" jh enable "$cfg"
	tap_check "round $round: workload" workload
	tap_check "round $round: disable" jh disable
	round=$((round + 1))
done
tap_check "CPU hotplug after disable" hotplug
tap_check "rmmod jh" rmmod jh
tap_check "workload after rmmod" workload
