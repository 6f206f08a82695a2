#!/bin/sh
# Demo scenario (scripts/demo.sh, README's main command): the whole jh story
# inside the Bochs guest: discover the machine, plan an RT cell on CPU 1,
# enable the hypervisor, run apic-demo in the cell, show its statistics,
# shut it down and disable. Each step runs only if its tool, driver or
# command exists yet; otherwise it says what is missing.
# Lines "JH-DEMO: ..." are the narrative scripts/demo.sh shows.
. /lib/jh-test.sh
. /lib/jh-cell.sh

say() { echo "JH-DEMO: $*"; }
step() { echo "JH-DEMO:"; echo "JH-DEMO: == $*"; }
# show CMD...: runs CMD, shows its output indented; returns its status
show()
{
	say "\$ $*"
	"$@" >/tmp/demo.out 2>&1
	rc=$?
	sed 's/^/JH-DEMO:   /' /tmp/demo.out
	return $rc
}
# show_check DESC [-m REGEX] CMD...: shows CMD and its output; one TAP line,
# ok if it exits 0 (and its output matches REGEX)
show_check()
{
	local desc re
	desc=$1 re=""
	shift
	[ "$1" = -m ] && re=$2 && shift 2
	if show "$@" && { [ -z "$re" ] || grep -qE -- "$re" /tmp/demo.out; }; then
		tap_ok "$desc"
		return 0
	fi
	tap_not_ok "$desc"
	return 1
}
missing() { say "not available yet: $1"; tap_skip "$2" "not available yet: $1"; }
# jh_has WORDS: the jh CLI lists the command "jh WORDS"
jh_has() { have jh && jh help 2>/dev/null | grep -q "^  jh $* "; }

RT_CPU=1
SYS=/configs/bochs-$(nproc)cpu.cell
[ -f "$SYS" ] || SYS=/configs/bochs.cell
RT=/configs/rt.cell

step "the machine"
say "$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(nproc) CPUs, $(sed -n 's/MemTotal: *//p' /proc/meminfo)"
say "VMX: $(grep -m1 'vmx flags' /proc/cpuinfo | sed 's/.*: //' | cut -c1-90)..."
say "hypervisor memory: $(grep -i '3d000000' /proc/iomem | sed 's/^ *//')"

step "jh-discover: what is this machine, is it ready for jh?"
if have jh-discover; then
	show jh-discover --report
	tap_check "jh-discover --json describes the machine" jh-discover --json -o /tmp/machine.json ||
		tap_check "jh-discover --json describes the machine" sh -c 'jh-discover --json > /tmp/machine.json'
	if jh-discover > /tmp/sysconfig.c 2>/tmp/demo.err; then
		say "root-cell config source: /tmp/sysconfig.c ($(wc -l < /tmp/sysconfig.c) lines)"
	fi
else
	missing "jh-discover (discover/)" "jh-discover"
fi

step "jh-plan --rt-cpus $RT_CPU: an RT cell on CPU $RT_CPU"
if have jh-plan && { [ -s /tmp/machine.json ] || have jh-discover; }; then
	input=""
	[ -s /tmp/machine.json ] && input=/tmp/machine.json
	if show jh-plan --rt-cpus $RT_CPU --out /tmp/plan $input; then
		tap_ok "jh-plan --rt-cpus $RT_CPU writes a plan"
		[ -f /tmp/plan/plan.txt ] && show cat /tmp/plan/plan.txt
		[ -f /tmp/plan/cmdline.txt ] && show cat /tmp/plan/cmdline.txt
		# the guest has no compiler: the plan's configs are used when
		# jh-plan compiled them, the reference configs otherwise
		[ -f /tmp/plan/sysconfig.cell ] && SYS=/tmp/plan/sysconfig.cell
		[ -f /tmp/plan/rt.cell ] && RT=/tmp/plan/rt.cell
	else
		tap_not_ok "jh-plan --rt-cpus $RT_CPU writes a plan"
	fi
elif have jh-plan; then
	missing "jh-plan's input, the machine description of jh-discover" "jh-plan"
else
	missing "jh-plan (generator/)" "jh-plan"
fi
say "using $SYS and $RT"

if jh_has config check; then
	show jh config check "$SYS" "$RT"
	tap_check "jh config check accepts $SYS and $RT" jh config check "$SYS" "$RT"
fi

step "the driver"
DRIVER=0
if [ -f /lib/modules/jh.ko ]; then
	tap_check "insmod jh.ko" insmod /lib/modules/jh.ko && DRIVER=1
elif [ -f /lib/modules/jh.ko.failed ]; then
	tap_not_ok "driver/ builds against the guest kernel" "$(cat /lib/modules/jh.ko.failed)"
else
	missing "the driver jh.ko (driver/)" "insmod jh.ko"
fi

step "jh enable: Linux becomes the root cell"
ENABLED=0
if [ ! -f /lib/firmware/jh.bin ]; then
	missing "the hypervisor image jh.bin (hypervisor/)" "jh enable"
elif [ $DRIVER = 1 ] && jh_has enable; then
	if show jh enable "$SYS"; then
		tap_ok "jh enable $SYS"
		ENABLED=1
		show jh info
		tap_check "Linux still runs on every CPU under the hypervisor" sh -c '
			for c in $(seq 0 $(($(nproc) - 1))); do taskset -c $c true || exit 1; done'
	else
		tap_not_ok "jh enable $SYS"
		have jh && show jh console
	fi
else
	missing "jh enable (driver + tools/cmd-enable.c)" "jh enable"
fi

step "the RT cell: create, load apic-demo, start"
CELL=0
if [ $ENABLED = 1 ] && jh_has cell create; then
	if show jh cell create "$RT"; then
		tap_ok "jh cell create $RT"
		CELL=1
		say "CPU $RT_CPU left Linux: online CPUs now $(cat /sys/devices/system/cpu/online)"
		show jh cell list
		say "apic-demo: a 1 ms TSC-deadline timer; every 1000 ticks it prints its latency summary"
		show_check "jh cell load rt apic-demo.bin" \
			jh cell load rt /inmates/apic-demo.bin -s "report=1000" -a 0x1000 &&
			show_check "jh cell start rt" jh cell start rt
		say "apic-demo runs on CPU $RT_CPU and prints on COM2 (shown as [rt cell])"
		tap_check "the cell runs (its start-up VM exits are counted)" wait_cell_started rt
		show jh cell list
		step "jh cell stats rt: VM exits of the cell (0 per second in steady state)"
		show_check "jh cell stats rt" jh cell stats rt
		show_check "jh cell stats rt -i 2: no VM exits in steady state" \
			-m '^total_delta 0$' jh cell stats rt -i 2
		tap_check "Linux keeps working on CPU 0 meanwhile" cpus_run_tasks 0
		step "shut the cell down and destroy it"
		show_check "jh cell shutdown rt" jh cell shutdown rt
		show jh cell list
		show_check "jh cell destroy rt" jh cell destroy rt
		say "online CPUs now $(cat /sys/devices/system/cpu/online)"
		tap_check "CPU $RT_CPU runs Linux tasks again" cpus_run_tasks "$RT_CPU"
	else
		tap_not_ok "jh cell create $RT"
		have jh && show jh console
	fi
else
	missing "jh cell (needs jh enable + tools/cmd-cell.c)" "the RT cell"
fi

step "jh disable: the hypervisor gives every CPU back"
if [ $ENABLED = 1 ]; then
	tap_check "jh disable" jh disable
	have jh && show jh console
fi
if [ $DRIVER = 1 ]; then
	tap_check "rmmod jh" rmmod jh
fi
tap_check "Linux works at the end: all CPUs online" sh -c \
	'[ "$(cat /sys/devices/system/cpu/online)" = "$(cat /sys/devices/system/cpu/present)" ]'
step "done"
