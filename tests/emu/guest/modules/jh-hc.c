// SPDX-License-Identifier: GPL-2.0
/*
 * jh-hc: one raw hypercall from the root cell's kernel, with the
 * arguments an attacker in the root's kernel would choose and the driver
 * never passes (tests/emu/scenarios/harden-memory.sh):
 *	insmod jh-hc.ko code=10 arg1=1 arg2=0x3e300000
 * logs "jh-hc: hypercall 10 (0x1, 0x3e300000) returned -22" and does not
 * stay loaded (its init fails with ECANCELED on purpose). Only while the
 * hypervisor runs: VMCALL outside VMX is #UD.
 */
#include <linux/module.h>

static ulong code, arg1, arg2;
module_param(code, ulong, 0);
module_param(arg1, ulong, 0);
module_param(arg2, ulong, 0);

static int __init jh_hc_init(void)
{
	long ret;

	asm volatile("vmcall" : "=a"(ret) : "a"(code), "D"(arg1), "S"(arg2)
		     : "memory");
	pr_info("jh-hc: hypercall %lu (0x%lx, 0x%lx) returned %ld\n", code, arg1,
		arg2, ret);
	return -ECANCELED;
}
module_init(jh_hc_init);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("jh test: one raw hypercall with chosen arguments");
