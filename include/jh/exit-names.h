/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Names of the VMX basic exit reasons (Intel SDM Vol. 3, Appendix C), for
 * the statistics in sysfs, `jh info`, the benchmark and register dumps.
 */
#ifndef _JH_EXIT_NAMES_H
#define _JH_EXIT_NAMES_H

#include "hypercall.h"

static const char *const jh_exit_names[JH_EXIT_REASONS] = {
	[0] = "exception_nmi",
	[1] = "external_interrupt",
	[2] = "triple_fault",
	[3] = "init_signal",
	[4] = "sipi",
	[7] = "interrupt_window",
	[8] = "nmi_window",
	[9] = "task_switch",
	[10] = "cpuid",
	[12] = "hlt",
	[13] = "invd",
	[14] = "invlpg",
	[16] = "rdtsc",
	[18] = "vmcall",
	[19] = "vmclear",
	[20] = "vmlaunch",
	[21] = "vmptrld",
	[22] = "vmptrst",
	[23] = "vmread",
	[24] = "vmresume",
	[25] = "vmwrite",
	[26] = "vmxoff",
	[27] = "vmxon",
	[28] = "cr_access",
	[29] = "dr_access",
	[30] = "io",
	[31] = "rdmsr",
	[32] = "wrmsr",
	[33] = "entry_fail_guest_state",
	[34] = "entry_fail_msr_load",
	[36] = "mwait",
	[37] = "monitor_trap",
	[39] = "monitor",
	[40] = "pause",
	[41] = "entry_fail_machine_check",
	[43] = "tpr_below_threshold",
	[44] = "apic_access",
	[45] = "virtualized_eoi",
	[46] = "gdtr_idtr_access",
	[47] = "ldtr_tr_access",
	[48] = "ept_violation",
	[49] = "ept_misconfig",
	[50] = "invept",
	[51] = "rdtscp",
	[52] = "preemption_timer",
	[53] = "invvpid",
	[54] = "wbinvd",
	[55] = "xsetbv",
	[56] = "apic_write",
	[57] = "rdrand",
	[58] = "invpcid",
	[59] = "vmfunc",
	[60] = "encls",
	[61] = "rdseed",
	[62] = "pml_full",
	[63] = "xsaves",
	[64] = "xrstors",
};

static inline const char *jh_exit_name(unsigned int reason)
{
	if (reason < JH_EXIT_REASONS && jh_exit_names[reason])
		return jh_exit_names[reason];
	return "unknown";
}

#endif /* _JH_EXIT_NAMES_H */
