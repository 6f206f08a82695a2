#!/bin/sh
# Shared memory between the root and an RT cell (tests/suites/e2e-shmem,
# 2-CPU Bochs, bochs-shmem.cell + rt-shmem.cell, docs/shmem.md): the
# driver's /dev/jh-shmem1 and `jh shmem`; apic-demo (shmem=1) answers
# 10,000 pings with checked content, publishes its live histogram and takes
# a new period from the root, all without a VM exit on its side but the
# doorbells; the root learns by doorbell when the cell goes up, is
# destroyed or fails; a cell that writes the root's section (read-only for
# it) or touches link memory outside its mapping fails and the data stays;
# configs that do not match the root's side of the link are refused.
. /lib/jh-test.sh
. /lib/jh-cell.sh

SYS=/configs/bochs-shmem.cell
RT=/configs/rt-shmem.cell
DEMO=/inmates/apic-demo.bin

tap_check "insmod jh.ko" insmod /lib/modules/jh.ko || exit 0
tap_check "jh enable $SYS" jh enable $SYS || {
	jh console | sed 's/^/JH-TAP: #   /'
	exit 0
}
tap_check_output "the driver made /dev/jh-shmem1 with a doorbell vector" \
	'jh: shared-memory link 1: /dev/jh-shmem1, doorbells on CPU 0 vector' dmesg
tap_check_output "jh shmem list: link 1, the root up, the cell down" \
	'^1 +0 +2 +0:up\(root\) 1:down ' jh shmem list
cell_report "jh shmem list" cat "$TAP_OUT"

# doorbells DUMMY: the doorbell count of link 1 (last column of the list)
doorbells()
{
	jh shmem list | awk '$1 == 1 { print $NF }'
}

# --- the cell comes up: a doorbell, peer 1 up -----------------------------
tap_check_output "jh cell create rt-shmem.cell" '^created cell rt-shmem' jh cell create $RT
B0=$(doorbells)
tap_check "load apic-demo with shmem=1" \
	jh cell load rt-shmem $DEMO -s "shmem=1 report=0 period_us=1000 con=hv" -a 0x1000
tap_check "jh cell start rt-shmem" jh cell start rt-shmem
wait_cell_started rt-shmem || tap_diag "rt-shmem made no start-up exits"
tap_check_output "jh shmem list: both up" '^1 +0 +2 +0:up\(root\) 1:up ' jh shmem list
B1=$(doorbells)
if [ "$B1" -gt "$B0" ]; then
	tap_ok "the cell's start rang the root's doorbell ($B0 -> $B1)"
else
	tap_not_ok "the cell's start rang the root's doorbell ($B0 -> $B1)"
fi
tap_check_output "apic-demo maps the link and sees both peers up" \
	'apic-demo: shared memory at 0x400000 \(2 sections of 0x10000\), peers up 0x3' \
	jh console

# --- data and doorbells ---------------------------------------------------
tap_check_output "10000 ping-pongs with checked content" \
	'^10000 round trips on link 1, 0 payload words wrong$' \
	jh shmem ping 1 -n 10000 -c rt-shmem
cell_report "jh shmem ping" cat "$TAP_OUT"
grep '^bench ' "$TAP_OUT" | sed 's/^/JH-TAP: # /'
tap_check_output "the live histogram from shared memory (jh shmem stats -l)" \
	'^ticks=[1-9][0-9]* period_us=1000 min=[0-9]+ mean=[0-9]+ p50=[0-9]+ p99=[0-9]+ max=[0-9]+' \
	jh shmem stats 1 -l -n 3 -i 500
cell_report "jh shmem stats 1 -l" cat "$TAP_OUT"
tap_check_output "a command from the root: period_us=500 taken" \
	'^command 1 taken: period_us=500$' jh shmem set 1 period_us=500
tap_check_output "the cell runs with the new period" '^ticks=[0-9]+ period_us=500 ' \
	jh shmem stats 1 -n 1
tap_check_output "apic-demo says so on the console" 'command 1 from the root: period 500 us' \
	jh console
tap_check_output "no VM exit in the cell while it publishes (2 s)" '^total_delta 0$' \
	jh cell stats rt-shmem -i 2
tap_check_output "jh shmem dump shows the cell's magic" '^section 1: [0-9a-f]{8}6a68646d ' \
	jh shmem dump 1

# --- the root's registration hypercall refuses what is not its own ---------
for bad in "3 $((0x50))" "0 $((0x10))" "0 $((64 << 8 | 0x50))"; do
	set -- $bad
	r=$(hc 12 "$1" "$2")
	if [ "$r" = -22 ]; then
		tap_ok "SHMEM_ROOT_IRQ link $1 target $2: refused (-22)"
	else
		tap_not_ok "SHMEM_ROOT_IRQ link $1 target $2: refused (-22)" "returned '$r'"
	fi
done
tap_check_output "the reason names link, CPU and vector" \
	'jh: error: shmem link 0, CPU 64, vector 80: no link of the root cell' jh console
tap_check_output "the driver's registration still stands: doorbells on CPU 0" \
	'^1 +0 +2 +0:up\(root\) 1:up +cpu0/' jh shmem list

# --- destroy: the root's doorbell, peer 1 down ----------------------------
jh shmem wait 1 -t 60 > /tmp/wait.out 2>&1 &
WAITER=$!
sleep 1
tap_check "jh cell destroy rt-shmem" jh cell destroy rt-shmem
wait $WAITER
tap_check_output "the destroy rang the root's doorbell: peer 1 down" \
	'^doorbell [0-9]+ on link 1: peers 0:up\(root\) 1:down$' cat /tmp/wait.out

# --- attacks: the cell fails, the data stays -------------------------------
# attack NAME ADDR: violate-memory writes ADDR in a new rt-shmem, 3 s after
# its start, while the root waits for the doorbell of its failure
attack()
{
	local before after waiter
	before=$(jh shmem dump 1)
	tap_check "$1: create and load" sh -c "jh cell create $RT >/dev/null &&
		jh cell load rt-shmem /inmates/violate-memory.bin -s 'addr=$2 wait_ms=3000' \
		-a 0x1000"
	tap_check "$1: start" jh cell start rt-shmem
	tap_check_output "$1: the root sees peer 1 up" '^1 +0 +2 +0:up\(root\) 1:up ' \
		jh shmem list
	jh shmem wait 1 -t 60 > /tmp/wait.out 2>&1 &
	waiter=$!
	if wait_cell_state rt-shmem failed 60; then
		tap_ok "$1: the cell failed"
	else
		tap_not_ok "$1: the cell failed" "$(jh cell list; jh console | tail -n 5)"
	fi
	tap_check_output "$1: the hypervisor says why" \
		"jh: cell rt-shmem failed on CPU 1: .*0x0*$(printf %x $(($2)))" jh console
	wait $waiter
	tap_check_output "$1: the failure rang the root's doorbell: peer 1 down" \
		'^doorbell [0-9]+ on link 1: peers 0:up\(root\) 1:down$' cat /tmp/wait.out
	after=$(jh shmem dump 1)
	if [ "$before" = "$after" ]; then
		tap_ok "$1: the link's data is intact"
	else
		tap_not_ok "$1: the link's data is intact" "before: $before / after: $after"
	fi
	tap_check "$1: jh cell destroy" jh cell destroy rt-shmem
}
attack "write to the root's section (read-only for the cell)" 0x400000
attack "write to the link's memory outside the cell's mapping" 0x3ef10000
attack "write to other link memory (root's region 12)" 0x3ef20000

# --- configs that do not match the root's side ----------------------------
# refused NAME REGEX EDIT...: rt-shmem.cell with EDITs must be refused
refused()
{
	local name re
	name=$1 re=$2
	shift 2
	cell-edit $RT /tmp/$name.cell name=$name "$@"
	jh cell create /tmp/$name.cell > /tmp/$name.out 2>&1 && jh cell destroy $name
	if grep -qE "$re" /tmp/$name.out; then
		tap_ok "$name is refused: /$re/"
	else
		tap_not_ok "$name is refused: /$re/" "$(cat /tmp/$name.out)"
	fi
}
refused bigger 'shmem-mismatch|section 1 of link 1 is phys 0x3ef10000\+0x20000' mem.4.size=0x20000
refused writer 'section 0 .*must be RAM with READ and no WRITE' mem.3.flags=0x83
refused moved 'section 0 of link 1 is phys 0x3ef20000' mem.3.phys=0x3ef20000
refused peer0 'peer 0 of link 1 is also|section 1 .*must be RAM with READ and no WRITE|section 0 .*READ \| WRITE' link.0.peer=0
tap_check_output "after the refusals: no cell, link 1 down on the cell's side" \
	'^1 +0 +2 +0:up\(root\) 1:down ' jh shmem list
tap_check "jh disable" jh disable
tap_check_fails "/dev/jh-shmem1 is gone after disable" test -e /dev/jh-shmem1
