/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the host must be for the hypervisor to run it at all, judged from
 * facts the driver gathers (enable.c): a pure function, so the unit test
 * (tests/driver/test-host-check.c) runs the same code in user space.
 */
#ifndef _JH_HOST_CHECK_H
#define _JH_HOST_CHECK_H

#ifdef __KERNEL__
#include <linux/errno.h>
#include <linux/kernel.h>
#else
#include <errno.h>
#include <stdio.h>
#endif
#include <jh/hv-boot.h>

#define JH_CR4_LA57		(1ULL << 12)	/* 5-level paging */
/* The hypervisor's direct map of physical memory (one PML4 slot) */
#define JH_DIRECT_MAP_LIMIT	(512ULL << 30)

struct jh_host_facts {
	uint64_t cr4;			/* of the enabling CPU */
	unsigned int possible_cpus;	/* Linux's nr_cpu_ids */
	bool ram_above_limit;		/* System RAM at or above JH_DIRECT_MAP_LIMIT */
};

/* 0, or a negative errno with the reason and the fix in reason[size] */
static inline int jh_host_check(const struct jh_host_facts *f, char *reason,
				size_t size)
{
	if (f->cr4 & JH_CR4_LA57) {
		snprintf(reason, size, "Linux runs with 5-level paging (CR4.LA57), which "
			 "the hypervisor's 4-level page tables cannot follow: boot with "
			 "no5lvl");
		return -EOPNOTSUPP;
	}
	if (f->possible_cpus > JH_MAX_CPUS) {
		snprintf(reason, size, "Linux may bring up %u CPUs, the hypervisor runs "
			 "CPUs 0..%d only: boot with nr_cpus=%d (or possible_cpus=%d)",
			 f->possible_cpus, JH_MAX_CPUS - 1, JH_MAX_CPUS, JH_MAX_CPUS);
		return -E2BIG;
	}
	if (f->ram_above_limit) {
		snprintf(reason, size, "the machine has RAM at or above %llu GiB, beyond "
			 "what the hypervisor maps: boot with mem=%lluG",
			 JH_DIRECT_MAP_LIMIT >> 30, JH_DIRECT_MAP_LIMIT >> 30);
		return -E2BIG;
	}
	return 0;
}

#endif /* _JH_HOST_CHECK_H */
