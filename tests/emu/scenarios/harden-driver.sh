#!/bin/sh
# Attack tests of the driver side of issue 10 (tests/suites/e2e-harden-driver,
# 2-CPU Bochs, reference configs):
#  - an unprivileged process (uid 65534, tests/emu/guest/as-nobody.c) can
#    neither read the /sys/devices/jh files that issue hypercalls nor write
#    any, nor open /dev/jh, nor use it when it is opened up to everyone
#    (CAP_SYS_ADMIN), nor get anything from a VMCALL of its own; root can;
#  - a start that fails leaves the driver following the hypervisor's
#    state: jh cell list shows it, load, start and destroy work;
#  - without IOMMU and without JH_SYS_NO_DMA_ISOLATION a cell with device
#    memory is refused (naming the field and the flag) and Linux is
#    unchanged; with the flag it is created, and jh info, jh-discover
#    --report and the hypervisor console say there is no DMA isolation.
. /lib/jh-test.sh
. /lib/jh-cell.sh

SYS=/configs/bochs-2cpu.cell
RT=/configs/rt.cell
DEMO=/inmates/apic-demo.bin
JHSYS=/sys/devices/jh
HC_FILES="$JHSYS/mem_pool_size $JHSYS/mem_pool_used $JHSYS/cells $JHSYS/exit_stats"

# last_output DESC REGEX: the previous check's output matches REGEX
last_output()
{
	cp "$TAP_OUT" /tmp/last.out
	tap_check_output "$1" "$2" cat /tmp/last.out
}

have as-nobody || { tap_not_ok "as-nobody is in the initramfs"; exit 0; }
tap_check "insmod jh.ko" insmod /lib/modules/jh.ko || exit 0
tap_check "jh enable $SYS" jh enable $SYS || exit 0

# --- the flag, said plainly --------------------------------------------------
tap_check_output "jh info: no DMA isolation" '^DMA isolation: NONE \(system flag NO_DMA_ISOLATION\)' jh info
tap_check_output "hypervisor console: no DMA isolation" 'jh: NO DMA isolation \(system flag\)' jh console
tap_check_output "jh-discover --report: no DMA isolation without VT-d" \
	'VT-d \+ interrupt remapping .*NO DMA isolation.*JH_SYS_NO_DMA_ISOLATION' jh-discover --report

# --- an unprivileged user against /sys/devices/jh and /dev/jh ----------------
tap_check "create rt, load apic-demo, start" sh -c \
	"jh cell create $RT && jh cell load rt $DEMO -s 'report=0' -a 0x1000 && jh cell start rt" ||
	{ jh console | tail -n 20 | sed 's/^/JH-TAP: #   /'; exit 0; }
tap_check "the inmate runs" wait_cell_started rt
exits0=$(cell_total rt)
for f in $HC_FILES; do
	tap_check "uid 65534 cannot read $f (a hypercall)" as-nobody read "$f"
	tap_check_output "  ... it is mode 0400" '^400$' stat -c %a "$f"
	tap_check "  ... root can" cat "$f"
done
tap_check_output "uid 65534 reads $JHSYS/enabled (no hypercall)" "enabled: read ok" \
	as-nobody read "$JHSYS/enabled"
# every file under /sys/devices/jh, attributes of the driver core included
files=$(find $JHSYS -type f)
tap_check "uid 65534 can write none of the $(echo $files | wc -w) files under $JHSYS" \
	as-nobody write $files
tap_check "uid 65534 cannot open /dev/jh" as-nobody ioctl
last_output "  ... open is what fails" 'open denied \(Permission denied\)'
chmod 666 /dev/jh
tap_check "/dev/jh opened up to everyone: the ioctl still needs CAP_SYS_ADMIN" as-nobody ioctl
last_output "  ... the ioctl is what fails (EPERM)" 'JH_IOCTL_INFO denied \(Operation not permitted\)'
tap_check_output "  ... jh info as uid 65534 says why" 'needs CAP_SYS_ADMIN' as-nobody exec jh info
chmod 600 /dev/jh
tap_check_output "jh cell list as uid 65534 says why it cannot" 'only root may read it; run as root' \
	as-nobody exec jh cell list
# hypercalls straight from user space (CPL 3): HYPERVISOR_GET_INFO, CELL_DESTROY rt
tap_check_output "uid 65534 VMCALL get-info: -EPERM" '^vmcall 5: -1$' as-nobody vmcall 5 0
tap_check_output "uid 65534 VMCALL cell-destroy 1: -EPERM" '^vmcall 4: -1$' as-nobody vmcall 4 1
tap_check_output "  ... rt still runs" '^1 +rt +running +1$' jh cell list
tap_check_output "root: jh info works" '^hypervisor: enabled' jh info
exits1=$(cell_total rt)
if [ -n "$exits0" ] && [ "$exits0" = "$exits1" ]; then
	tap_ok "rt made no VM exit during the attacks ($exits1 in all)"
else
	tap_not_ok "rt made no VM exit during the attacks" "before '$exits0', after '$exits1'"
fi

# --- a start that fails: the driver follows the hypervisor --------------------
tap_check_fails "jh cell start rt while it runs fails" jh cell start rt
last_output "  ... with the hypervisor's reason" 'runs already'
tap_check_output "jh cell list: still running" '^1 +rt +running +1$' jh cell list
tap_check "jh cell load rt (stops it, maps it for the root)" \
	jh cell load rt $DEMO -s 'report=0' -a 0x1000
tap_check_output "jh cell list: created" '^1 +rt +created +1$' jh cell list
tap_check "a second load while stopped" jh cell load rt $DEMO -s 'report=0' -a 0x1000
tap_check "jh cell start rt" jh cell start rt
tap_check "it runs again" wait_cell_state rt running
tap_check_fails "a second start fails again" jh cell start rt
tap_check "load after the failed start works (the driver asked the hypervisor)" \
	jh cell load rt $DEMO -s 'report=0' -a 0x1000
tap_check "and start" jh cell start rt
tap_check "it runs" wait_cell_started rt
tap_check_fails "the console says nothing failed" sh -c 'jh console | grep -E "FATAL|failed on CPU"'
tap_check_output "jh cell destroy rt" '^destroyed cell rt: CPUs 1 back in Linux$' jh cell destroy rt
tap_check "jh disable" jh disable

# --- device memory in a cell without IOMMU --------------------------------------
# the system config without NO_DMA_ISOLATION (flags: byte 12, 0x1 = console only)
cp $SYS /tmp/noflag.cell
printf '\001' | dd of=/tmp/noflag.cell bs=1 seek=12 conv=notrunc 2>/dev/null
# rt with an unused page of the PCI window as device memory at guest 0x200000
cell-edit $RT /tmp/io.cell mem.2.phys=0xfe000000 mem.2.virt=0x200000 mem.2.size=0x1000 \
	mem.2.flags=0x13
tap_check "jh enable without NO_DMA_ISOLATION" jh enable /tmp/noflag.cell || exit 0
tap_check_fails "jh info does not claim the flag" sh -c 'jh info | grep "NO_DMA_ISOLATION"'
tap_check_output "jh info: no DMA isolation without IOMMU units" \
	'^DMA isolation: NONE \(no IOMMU units in the system config\)' jh info
before=$(linux_state)
tap_check_fails "a cell with device memory is refused" jh cell create /tmp/io.cell
cp "$TAP_OUT" /tmp/io.out
tap_check_output "  ... naming the field, the region and the flag" \
	'memory\[2\]: device \(IO\) region 0xfe000000\+0x1000, but .* has no IOMMU.*JH_SYS_NO_DMA_ISOLATION' \
	cat /tmp/io.out
tap_diag "$(cat /tmp/io.out)"
# the same without the CLI's own check: the driver's validator (the
# hypervisor's, behind it, is the same code) refuses it
tap_check_fails "  ... also straight through the ioctl" jh-raw-create /tmp/io.cell
last_output "  ... with the driver's reason" 'refused \(Invalid argument\): error: cell config: memory\[2\]: device \(IO\) region .*JH_SYS_NO_DMA_ISOLATION .*--no-dma-isolation\)$'
tap_diag "$(cat /tmp/last.out)"
after=$(linux_state)
if [ "$after" = "$before" ]; then
	tap_ok "  ... Linux, the cells and the pool unchanged"
else
	tap_not_ok "  ... Linux, the cells and the pool unchanged" "before: $before; after: $after"
fi
tap_check "rt (RAM and ports only) is created all the same" jh cell create $RT
tap_check_output "jh cell destroy rt" '^destroyed cell rt: CPUs 1 back in Linux$' jh cell destroy rt
tap_check "jh disable" jh disable
tap_check "jh enable $SYS (NO_DMA_ISOLATION)" jh enable $SYS || exit 0
tap_check "the cell with device memory is created" jh cell create /tmp/io.cell
tap_check_output "jh cell list: created" '^1 +rt +created +1$' jh cell list
tap_check_output "jh cell destroy rt" '^destroyed cell rt: CPUs 1 back in Linux$' jh cell destroy rt
tap_check "CPU 1 runs a task again" cpus_run_tasks "0 1"
tap_check "jh disable" jh disable
tap_check "rmmod jh" rmmod jh
