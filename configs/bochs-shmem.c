/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The 2-CPU Bochs machine with the root's side of a shared-memory link
 * (docs/shmem.md) to rt-shmem.c: tests/emu/scenarios/shmem.sh.
 */
#define BOCHS_CPUS	2
#define BOCHS_NAME	"bochs-2cpu-shmem"
#define BOCHS_SHMEM
#include "bochs.c"
