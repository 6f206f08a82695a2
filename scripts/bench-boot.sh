#!/bin/sh
# Benchmark of the emulator harness: wall seconds from launching the
# emulator to the guest's done marker, for the smoke scenario (what every
# e2e run pays before its own work). Prints
#   bench boot_bochs_2cpu_s <n>   bench boot_qemu_2cpu_s <n>
cd "$(dirname "$0")/.." || exit 2
. tests/emu/lib.sh

# boot_seconds EMU NAME VMX: runs the smoke scenario, prints its wall time
boot_seconds()
{
	tests/emu/run-$1.sh --scenario tests/emu/scenarios/smoke.sh --name "$2" \
		--cmdline "jh_expect_vmx=$3" > "$TOP/build/bench/$2.tap" 2>&1 || {
		echo "bench-boot: the $1 run failed: see build/bench/$2.tap" >&2
		return 1
	}
	sed -n 's/.*: guest finished in \([0-9]*\)s$/\1/p' "$TOP/build/bench/$2.tap"
}

mkdir -p build/bench
s=$(boot_seconds bochs bench-boot-bochs yes) || exit 1
echo "bench boot_bochs_2cpu_s $s"
s=$(boot_seconds qemu bench-boot-qemu no) || exit 1
echo "bench boot_qemu_2cpu_s $s"
