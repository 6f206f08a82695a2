#!/bin/sh
# bench-linux-cell.sh: the Linux cell of tests/suites/e2e-linux-cell (4-CPU
# Bochs, docs/linux-cell.md). Prints
#   bench linux_cell_kernel_to_init_ms <n>
# the emulated time from the cell kernel's start (its clock's zero, just
# after the loader and the decompressor) to its init, from the first
# round's "LINUX-CELL init after S s" on COM2. Needs `make` first. Logs:
# build/e2e/linux-cell/ and build/e2e/.e2e-linux-cell.tap
cd "$(dirname "$0")/.." || exit 2
out=$(tests/suites/e2e-linux-cell) || exit 1
s=$(echo "$out" | sed -n 's/^# bench linux_cell_kernel_start_to_init_s \([0-9.]*\)$/\1/p')
if [ -z "$s" ]; then
	echo "bench-linux-cell.sh: the cell's init did not report its start; the suite said:" >&2
	echo "$out" >&2
	exit 1
fi
echo "bench linux_cell_kernel_to_init_ms $(echo "$s" | awk '{ printf "%d", $1 * 1000 }')"
