#!/bin/sh
# Shared-memory round trips for `make bench` (scripts/bench-shmem.sh, 2-CPU
# Bochs, bochs-shmem.cell + rt-shmem.cell): apic-demo (shmem=1) answers
# jh_bench_pings pings (default 10000) from `jh shmem ping`. Prints
#   JH-BENCH: shm_rtt_cycles p50=<n> p99=<n> max=<n>
#   JH-BENCH: shm_exits_per_msg root=<x> cell=<y>
. /lib/jh-test.sh
. /lib/jh-cell.sh

PINGS=$(sed -n 's/.*jh_bench_pings=\([0-9]*\).*/\1/p' /proc/cmdline)
PINGS=${PINGS:-10000}

tap_check "insmod jh.ko" insmod /lib/modules/jh.ko || exit 0
tap_check "jh enable bochs-shmem.cell" jh enable /configs/bochs-shmem.cell || exit 0
tap_check "create, load and start rt-shmem with apic-demo shmem=1" sh -c \
	"jh cell create /configs/rt-shmem.cell && jh cell load rt-shmem /inmates/apic-demo.bin \
	 -s 'shmem=1 report=0' -a 0x1000 && jh cell start rt-shmem" || exit 0
wait_cell_started rt-shmem
tap_check_output "$PINGS pings, content checked" "^$PINGS round trips on link 1, 0 payload words wrong\$" \
	jh shmem ping 1 -n "$PINGS" -c rt-shmem
sed -n 's/^bench /JH-BENCH: /p' "$TAP_OUT"
tap_check "jh cell destroy rt-shmem" jh cell destroy rt-shmem
tap_check "jh disable" jh disable
