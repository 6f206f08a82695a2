#!/bin/sh
# Memory isolation attacks (tests/suites/e2e-harden-memory, 2-CPU Bochs,
# bochs-2cpu.cell + rt.cell, the inmate reset-check): hypercall pointers
# into a running cell's RAM, into the hypervisor, across the root/cell
# boundary or wrapping around are refused before a byte moves (jh-hc.ko
# issues the raw hypercalls the driver never would); root data written
# before create is zero in the new cell; cell data is zero when the root
# gets the memory back (load after a run, destroy); every start finds
# CR2, DR0-3, DR6, XCR0 and the FPU/SSE state reset, also after the run
# before dirtied them; create, load, start and destroy cycles bring pool
# use back exactly.
. /lib/jh-test.sh
. /lib/jh-cell.sh

SYS=/configs/bochs-2cpu.cell
RT=/configs/rt.cell
CHK=/inmates/reset-check.bin
FILL=0x3e300000		# host address of the page reset-check fills (guest 0x300000)
ROOTPAGE=0x3e100000	# the root keeps this page between rt's regions (the comm region's)
MARK=0x524f4f54

tap_check "insmod jh.ko" insmod /lib/modules/jh.ko || exit 0
[ -f /lib/modules/jh-hc.ko ] || tap_not_ok "jh-hc.ko is in the initramfs" \
	"the test modules did not build"
tap_check "jh enable $SYS" jh enable $SYS || {
	jh console | sed 's/^/JH-TAP: #   /'
	exit 0
}
POOL0=$(cat /sys/devices/jh/mem_pool_used)


# refused WHAT CODE ARG1 ARG2 REGEX: the hypercall returns -22 (EINVAL)
# and the console's last error matches REGEX
refused()
{
	local r
	r=$(hc "$2" "$3" "$4")
	if [ "$r" = -22 ]; then
		tap_ok "$1: refused (-22)"
	else
		tap_not_ok "$1: refused (-22)" "returned '$r'"
	fi
	tap_check_output "$1: the reason says why" "$5" sh -c 'jh console | grep "jh: error" | tail -n 1'
}

# wait_count REGEX N: waits until N console lines match REGEX; prints the Nth
wait_count()
{
	local i
	i=0
	while [ $i -lt 120 ] && [ "$(jh console | grep -cE -- "$1")" -lt "$2" ]; do
		sleep 0.5
		i=$((i + 1))
	done
	jh console | grep -E -- "$1" | sed -n "${2}p"
}
checks() { wait_count 'reset-check: cr2' "$1"; }
nonzero() { wait_count 'non-zero words' "$1"; }

# root data before create: markers in RAM the cell will take
jh-mmio write 0x3e200000 $MARK
jh-mmio write 0x3e0a0000 $MARK
tap_check_output "the root wrote markers into RAM rt will take" "^$MARK\$" jh-mmio read 0x3e200000

tap_check "create rt, load reset-check (watch), start" sh -c \
	"jh cell create $RT && jh cell load rt $CHK -s 'watch con=hv' -a 0x1000 && jh cell start rt" || {
	jh console | tail -n 20 | sed 's/^/JH-TAP: #   /'
	exit 0
}
tap_check_output "first start: CR2, DR0-3, DR6, XCR0, FCW, MXCSR, XMM0 reset (nothing of Linux)" \
	': clean$' checks 1
tap_diag "$(checks 1)"
tap_check_output "first start: the root's markers are gone (RAM zeroed at create)" \
	'reset-check: 0 non-zero words' nonzero 1
tap_check_output "the inmate runs, watching its page" filled wait_count 'page 0x300000 filled' 1

# hypercall pointers into what the root no longer owns
jh-mmio write 0x3e100fc0 $MARK
refused "CELL_GET_STATS into the running cell's page" 10 1 $FILL "statistics buffer 0x3e300000"
refused "CELL_GET_STATS across the root/cell boundary" 10 0 0x3e100fc0 "statistics buffer 0x3e100fc0"
tap_check_output "the root's half of that buffer is untouched" "^$MARK\$" jh-mmio read 0x3e100fc0
refused "CELL_GET_STATS into hypervisor memory" 10 0 0x3d000000 "statistics buffer 0x3d000000"
refused "CELL_GET_STATS at an address that wraps" 10 0 0xfffffffffffffc00 "statistics buffer"
refused "CELL_CREATE with its config in the cell's RAM" 1 $FILL 0x1000 \
	"cell config at 0x3e300000.*not RAM the root cell owns"
refused "CELL_CREATE with a config that wraps" 1 0xfffffffffffff000 0x2000 "cell config at"
tap_check_output "jh cell stats rt still works (the driver's own buffer)" '^total ' jh cell stats rt
tap_check_output "rt still runs" '^running$' cell_state rt
tap_check_fails "the cell's page never changed" sh -c 'jh console | grep -q "CHANGED"'
tap_check "jh cell shutdown rt (the inmate answers)" jh cell shutdown rt

# load after a run: the root gets the loadable RAM back zeroed (the inmate
# lib needs a reload to start again); the registers the run dirtied are
# reset at the next start
if jh cell load rt $CHK -s "watch con=hv" -a 0x1000 > /tmp/load.out 2>&1; then
	tap_ok "jh cell load rt after the run"
	tap_check_output "the cell's page reads zero in the root" '^0x00000000$' \
		jh-mmio read $FILL
else
	# the root must not touch the page now: it would park a root CPU
	tap_not_ok "jh cell load rt after the run" "$(cat /tmp/load.out)"
fi
tap_check "jh cell start rt after the load" jh cell start rt
tap_check_output "second start: the registers the first run dirtied are reset" \
	': clean$' checks 2
tap_diag "$(checks 2)"
tap_check_output "second start: RAM outside the image zero" 'reset-check: 0 non-zero words' \
	nonzero 2
tap_check_output "the inmate filled its page again" filled wait_count 'page 0x300000 filled' 2

# destroy: the root gets the RAM back zeroed, mapped again (no stale tables)
if jh cell destroy rt > /tmp/destroy.out 2>&1; then
	tap_ok "jh cell destroy rt"
	tap_check_output "after destroy the cell's page reads zero in the root" \
		'^0x00000000$' jh-mmio read $FILL
	tap_check_output "and the root's old marker is gone too" '^0x00000000$' \
		jh-mmio read 0x3e200000
	tap_check_output "the root's own page kept its marker" "^$MARK\$" \
		jh-mmio read 0x3e100fc0
	tap_check "the root writes and reads the RAM again" sh -c \
		"jh-mmio write $FILL 0x12345678 && [ \$(jh-mmio read $FILL) = 0x12345678 ]"
else
	tap_not_ok "jh cell destroy rt" "$(cat /tmp/destroy.out)"
fi
tap_check_output "pool use back to $POOL0" "^$POOL0\$" cat /sys/devices/jh/mem_pool_used

# cycles: merged tables are freed only after the flush, then exactly
i=1
while [ $i -le 3 ]; do
	jh cell create $RT > /dev/null && jh cell load rt $CHK -s con=hv -a 0x1000 > /dev/null &&
		jh cell start rt > /dev/null && wait_cell_state rt shut-down 60 &&
		jh cell load rt $CHK -s con=hv -a 0x1000 > /dev/null &&
		jh cell destroy rt > /dev/null
	used=$(cat /sys/devices/jh/mem_pool_used)
	if [ "$used" = "$POOL0" ]; then
		tap_ok "cycle $i (create, load, start, load, destroy): pool use back to $POOL0"
	else
		tap_not_ok "cycle $i: pool use back to $POOL0" "now $used; $(jh cell list)"
		jh cell destroy rt > /dev/null 2>&1
	fi
	i=$((i + 1))
done
tap_check_fails "no CPU failed (console)" sh -c 'jh console | grep -E "FATAL"'
tap_check "root Linux works on both CPUs" cpus_run_tasks "0 1"
tap_check "jh disable" jh disable
tap_check "rmmod jh" rmmod jh
exit 0
