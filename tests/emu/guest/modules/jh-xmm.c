// SPDX-License-Identifier: GPL-2.0
/*
 * jh-xmm: what a root kernel finds in a CPU's XMM registers when the CPU
 * comes (back) online, as a hostile root would look for what a destroyed
 * cell left there (tests/emu/scenarios/harden-audit.sh):
 *	insmod jh-xmm.ko
 * then, for each CPU brought online while it is loaded, logs
 * "jh-xmm: CPU 1 xmm0 0x..." ... "xmm15 0x..." (the low quadwords), read
 * by a hotplug callback on that CPU before any task of user space ran
 * there (kernel threads do not touch them; INIT and SIPI keep them).
 */
#include <linux/module.h>
#include <linux/cpuhotplug.h>

static int state;

#define READ_XMM(n) asm volatile("movq %%xmm" #n ", %0" : "=m"(xmm[n]))

static int jh_xmm_online(unsigned int cpu)
{
	u64 xmm[16];
	int i;

	READ_XMM(0); READ_XMM(1); READ_XMM(2); READ_XMM(3);
	READ_XMM(4); READ_XMM(5); READ_XMM(6); READ_XMM(7);
	READ_XMM(8); READ_XMM(9); READ_XMM(10); READ_XMM(11);
	READ_XMM(12); READ_XMM(13); READ_XMM(14); READ_XMM(15);
	for (i = 0; i < 16; i++)
		pr_info("jh-xmm: CPU %u xmm%d 0x%llx\n", cpu, i, xmm[i]);
	return 0;
}

static int __init jh_xmm_init(void)
{
	state = cpuhp_setup_state_nocalls(CPUHP_AP_ONLINE_DYN, "jh-xmm:online",
					  jh_xmm_online, NULL);
	return state < 0 ? state : 0;
}
module_init(jh_xmm_init);

static void __exit jh_xmm_exit(void)
{
	cpuhp_remove_state_nocalls(state);
}
module_exit(jh_xmm_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("jh test: the XMM registers a CPU holds when it comes online");
