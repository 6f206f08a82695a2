#!/bin/sh
# harden-mmio-cache (e2e-harden-mmio-cache, 2-CPU Bochs): the root's MMIO
# emulation keeps each CPU's last instructions and their decodes
# (docs/performance.md); what it keeps must never let an instruction
# through that the decoder refuses. A root process writes the xAPIC EOI register (nothing in
# service: no effect) with a MOV from a code buffer (emulated, kept),
# rewrites the same bytes in place into an ADD (a write as well, not a
# MOV) and runs them: same code page, same RIP, same direction, and still
# the decoder's refusal (#GP, the process gets SIGSEGV), the console names
# it, and the MOV works again. (Reads of the xAPIC page do not exit at
# all: the root's EPT maps it read-only.)
. /lib/jh-test.sh

SYS=/configs/bochs-$(nproc)cpu.cell
[ "$(nproc)" = 4 ] && SYS=/configs/bochs.cell
APIC_VERSION=0xfee00030
APIC_EOI=0xfee000b0

tap_check "insmod jh.ko" insmod /lib/modules/jh.ko || exit 0
tap_check "jh enable $SYS" jh enable $SYS || exit 0
# a user #GP is expected below: Linux need not log it as a trap
echo 0 > /proc/sys/debug/exception-trace
version=$(jh-mmio read $APIC_VERSION)
for round in 1 2; do
	out=$(jh-mmio recode $APIC_EOI 0 2>&1)
	rc=$?
	if [ "$out" = "mov done" ]; then
		tap_ok "round $round: a MOV from a code buffer writes the APIC's EOI register"
	else
		tap_not_ok "round $round: a MOV from a code buffer writes the APIC's EOI register" \
			"got '$out'"
	fi
	if [ $rc = 139 ]; then
		tap_ok "round $round: the same bytes made an ADD are refused (SIGSEGV)"
	else
		tap_not_ok "round $round: the same bytes made an ADD are refused (SIGSEGV)" \
			"jh-mmio recode exited with status $rc"
	fi
done
n=$(jh console | grep -c "not emulated: not a MOV")
if [ "$n" -ge 2 ]; then
	tap_ok "the console names both refusals ($n)"
else
	tap_not_ok "the console names both refusals" "$n lines; console:"
	jh console | tail -n 5 | sed 's/^/JH-TAP: #   /'
fi
tap_check_output "the root's xAPIC still reads its version" "^$version\$" \
	jh-mmio read $APIC_VERSION
echo 1 > /proc/sys/debug/exception-trace
tap_check "jh disable" jh disable
tap_check "rmmod jh" rmmod jh
