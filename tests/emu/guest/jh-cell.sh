# /lib/jh-cell.sh: helpers of the cell scenarios (tests/emu/scenarios/cell*.sh),
# sourced after /lib/jh-test.sh. They only read what a user can read: the
# `jh cell` commands, sysfs and the hypervisor console.
#   cell_state NAME             the cell's STATE column of `jh cell list`
#   wait_cell_state NAME STATE [SECONDS]
#                               polls until the cell is in STATE (default
#                               limit 60 s); the limit only ends a broken run
#   cell_total NAME             VM exits of the cell since start (jh cell stats)
#   wait_cell_started NAME      waits until the cell's CPUs made their first
#                               exits (the inmate's start-up CPUIDs), then 1 s
#                               more: the inmate then runs its main loop
#   wait_console REGEX [SECONDS] polls `jh console` until it matches
#   linux_state                 online CPUs, cells and pool use, one line
#   cpus_run_tasks LIST         a busy loop on each CPU of LIST (e.g. "0 2")
#   cell_report TITLE CMD...    runs CMD, shows its output as comments
#   e1000_bdfs                  the e1000 NICs' PCI addresses, in bus order
#   e1000_driver BDF            the driver bound to the function ("" if none)
#   e1000_linux_ping BDF HOST   Linux's interface on the NIC up as
#                               192.168.10.2/24, pinging HOST
#   hc CODE ARG1 ARG2           one raw hypercall of the root (jh-hc.ko): its result
#   bdf_of 0000:BB:DD.F         the config's BDF number of a sysfs address
#   e1000_pair                  the first two e1000s: NIC0 (a cell's), NIC1,
#                               D, D1, BDF0, BDF1, and NIC0's BAR0, SIZE, MASK, PIN
#   e1000_plan_cell BDF         discover, plan, enable, create rt with the NIC;
#                               DMA and PIN from the plan

cell_state()
{
	jh cell list 2>/dev/null | awk -v n="$1" '$2 == n { print $3 }'
}

wait_cell_state()
{
	local i limit
	limit=$((${3:-60} * 5))
	i=0
	while [ $i -lt $limit ]; do
		[ "$(cell_state "$1")" = "$2" ] && return 0
		sleep 0.2
		i=$((i + 1))
	done
	return 1
}

cell_total()
{
	jh cell stats "$1" 2>/dev/null | awk '$1 == "total" { print $2 }'
}

wait_cell_started()
{
	local i n
	i=0
	while [ $i -lt 300 ]; do
		n=$(cell_total "$1")
		[ -n "$n" ] && [ "$n" -gt 0 ] && break
		sleep 0.2
		i=$((i + 1))
	done
	sleep 1
	[ -n "$n" ] && [ "$n" -gt 0 ]
}

wait_console()
{
	local i limit
	limit=$((${2:-60} * 2))
	i=0
	while [ $i -lt $limit ]; do
		jh console 2>/dev/null | grep -qE -- "$1" && return 0
		sleep 0.5
		i=$((i + 1))
	done
	return 1
}

# what a failed create must leave as it was
linux_state()
{
	echo "online $(cat /sys/devices/system/cpu/online)" \
		"cells $(jh cell list 2>/dev/null | tail -n +2 | awk '{ printf "%s:%s ", $2, $3 }')" \
		"pool $(cat /sys/devices/jh/mem_pool_used)"
}

cpus_run_tasks()
{
	local cpu pids p
	pids=""
	for cpu in $1; do
		taskset -c "$cpu" sh -c 'i=0; while [ $i -lt 500 ]; do i=$((i + 1)); done;
			[ $i = 500 ]' &
		pids="$pids $!"
	done
	for p in $pids; do
		wait "$p" || return 1
	done
}

cell_report()
{
	local title
	title=$1
	shift
	tap_diag "$title:"
	"$@" 2>&1 | while read -r l; do tap_diag "  $l"; done
}

# the Intel 82540EMs (8086:100e, Bochs' e1000) in sysfs, in bus order
e1000_bdfs()
{
	local d
	for d in /sys/bus/pci/devices/*; do
		[ "$(cat "$d/vendor")" = 0x8086 ] && [ "$(cat "$d/device")" = 0x100e ] &&
			echo "${d##*/}"
	done
}

# hc CODE ARG1 ARG2: one raw hypercall from the root's kernel (jh-hc.ko);
# prints what it returned
hc()
{
	dmesg -c > /dev/null
	insmod /lib/modules/jh-hc.ko code="$1" arg1="$2" arg2="$3" 2>/dev/null
	dmesg | sed -n 's/.*jh-hc: hypercall .* returned \(-*[0-9]*\)$/\1/p' | tail -n 1
}

# 0000:BB:DD.F -> the config's BDF, BB << 8 | DD << 3 | F
bdf_of()
{
	local b d f
	b=${1#*:}; d=${b#*:}; f=${d#*.}; b=${b%%:*}; d=${d%%.*}
	printf '0x%x' $(((0x$b << 8) | (0x$d << 3) | f))
}

# The first two e1000s: NIC0 for a cell, NIC1 the root keeps (D, D1 their
# sysfs directories, BDF0, BDF1 their config BDFs), and NIC0's BAR0 (its
# address, SIZE and size MASK) and PIN (Linux's IRQ, its IOAPIC pin)
e1000_pair()
{
	set -- $(e1000_bdfs)
	[ -n "$2" ] || { echo "fewer than two e1000 NICs: $*"; return 1; }
	NIC0=$1 NIC1=$2
	D=/sys/bus/pci/devices/$NIC0 D1=/sys/bus/pci/devices/$NIC1
	BDF0=$(bdf_of "$NIC0") BDF1=$(bdf_of "$NIC1")
	BAR0=$(awk 'NR == 1 { print $1 }' "$D/resource")
	SIZE=$(printf '0x%x' $(($(awk 'NR == 1 { print $2 }' "$D/resource") - BAR0 + 1)))
	BAR0=$(printf '0x%x' $((BAR0)))
	MASK=$(printf '0x%x' $((~(SIZE - 1) & 0xffffffff)))
	PIN=$(cat "$D/irq")
}

# jh-discover, jh-plan --rt-cpus 1 --rt-devices BDF, jh enable, and the
# cell rt created with the NIC at BDF; DMA and PIN: the demo's parameters
# from the plan. False (each step a TAP check) if a step failed.
e1000_plan_cell()
{
	tap_check "jh-discover --json" jh-discover --json -o /tmp/machine.json || return 1
	tap_check "jh-plan --rt-cpus 1 --rt-devices $1 --no-dma-isolation" \
		jh-plan --rt-cpus 1 --rt-devices "$1" --no-dma-isolation --out /tmp/plan \
		/tmp/machine.json || return 1
	DMA=$(sed -n 's/.*inmate parameter dma=\(0x[0-9a-f]*\).*/\1/p' /tmp/plan/rt.c)
	PIN=$(sed -n "s/.*pin of $1 (INTx, GSI \([0-9]*\)).*/\1/p" /tmp/plan/rt.c)
	tap_check "insmod jh.ko" insmod /lib/modules/jh.ko || return 1
	tap_check "jh enable with the plan's system config" \
		jh enable /tmp/plan/sysconfig.cell || return 1
	tap_check "jh cell create rt.cell (with the NIC)" jh cell create /tmp/plan/rt.cell &&
		return 0
	jh console | tail -n 20 | sed 's/^/JH-TAP: #   /'
	jh disable
	return 1
}

# the driver bound to the PCI function BDF ("" if none)
e1000_driver()
{
	basename "$(readlink "/sys/bus/pci/devices/$1/driver" 2>/dev/null)" 2>/dev/null
}

# Linux's interface on the NIC at BDF: up, 192.168.10.2/24, pinging HOST
e1000_linux_ping()
{
	local ifc
	ifc=$(ls "/sys/bus/pci/devices/$1/net" 2>/dev/null | head -n1)
	[ -n "$ifc" ] || { echo "no network interface on $1"; return 1; }
	ip addr flush dev "$ifc" 2>/dev/null
	ip link set "$ifc" up && ip addr add 192.168.10.2/24 dev "$ifc" || return 1
	# the link comes up a moment after the driver resets the NIC
	ping -I "$ifc" -c 3 -W 3 "$2" || { sleep 2; ping -I "$ifc" -c 3 -W 3 "$2"; }
}

# "HIGH LOW" dwords of the redirection entry of pin $1 of the IOAPIC at 0xfec00000
ioapic_pin()
{
	local lo
	lo=$((0x10 + 2 * $1))
	echo "$(jh-mmio ioapic-read 0xfec00000 $((lo + 1))) $(jh-mmio ioapic-read 0xfec00000 $lo)"
}
