/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The Bochs test machine run with 2 CPUs: bochs.c with BOCHS_CPUS = 2
 * (CPUs 0-1; Bochs then gives the IOAPIC the id 2). See bochs.c.
 */
#define BOCHS_CPUS	2
#define BOCHS_NAME	"bochs-2cpu"
#include "bochs.c"
