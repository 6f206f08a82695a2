/* SPDX-License-Identifier: GPL-2.0 */
/* VMCS field encodings and control bits (Intel SDM Vol. 3, Appendix B) */
#ifndef _HV_VMX_H
#define _HV_VMX_H

#include "processor.h"

enum vmcs_field {
	VPID				= 0x0000,
	GUEST_ES_SELECTOR		= 0x0800,	/* ES CS SS DS FS GS LDTR TR, step 2 */
	HOST_ES_SELECTOR		= 0x0c00,
	HOST_CS_SELECTOR		= 0x0c02,
	HOST_SS_SELECTOR		= 0x0c04,
	HOST_DS_SELECTOR		= 0x0c06,
	HOST_FS_SELECTOR		= 0x0c08,
	HOST_GS_SELECTOR		= 0x0c0a,
	HOST_TR_SELECTOR		= 0x0c0c,
	IO_BITMAP_A			= 0x2000,
	IO_BITMAP_B			= 0x2002,
	MSR_BITMAP			= 0x2004,
	EPT_POINTER			= 0x201a,
	XSS_EXIT_BITMAP			= 0x202c,
	GUEST_PHYSICAL_ADDRESS		= 0x2400,
	VMCS_LINK_POINTER		= 0x2800,
	GUEST_IA32_DEBUGCTL		= 0x2802,
	GUEST_IA32_PAT			= 0x2804,
	GUEST_IA32_EFER			= 0x2806,
	GUEST_IA32_RTIT_CTL		= 0x2814,
	HOST_IA32_PAT			= 0x2c00,
	HOST_IA32_EFER			= 0x2c02,
	PIN_BASED_CONTROLS		= 0x4000,
	PROC_BASED_CONTROLS		= 0x4002,
	EXCEPTION_BITMAP		= 0x4004,
	CR3_TARGET_COUNT		= 0x400a,
	EXIT_CONTROLS			= 0x400c,
	EXIT_MSR_STORE_COUNT		= 0x400e,
	EXIT_MSR_LOAD_COUNT		= 0x4010,
	ENTRY_CONTROLS			= 0x4012,
	ENTRY_MSR_LOAD_COUNT		= 0x4014,
	ENTRY_INTR_INFO			= 0x4016,
	ENTRY_EXCEPTION_ERROR_CODE	= 0x4018,
	PROC_BASED_CONTROLS2		= 0x401e,
	VM_INSTRUCTION_ERROR		= 0x4400,
	EXIT_REASON			= 0x4402,
	EXIT_INSTRUCTION_LEN		= 0x440c,
	GUEST_ES_LIMIT			= 0x4800,	/* ... TR, step 2 */
	GUEST_GDTR_LIMIT		= 0x4810,
	GUEST_IDTR_LIMIT		= 0x4812,
	GUEST_ES_AR			= 0x4814,	/* ... TR, step 2 */
	GUEST_INTERRUPTIBILITY		= 0x4824,
	GUEST_ACTIVITY_STATE		= 0x4826,
	GUEST_SYSENTER_CS		= 0x482a,
	HOST_SYSENTER_CS		= 0x4c00,
	CR0_GUEST_HOST_MASK		= 0x6000,
	CR4_GUEST_HOST_MASK		= 0x6002,
	CR0_READ_SHADOW			= 0x6004,
	CR4_READ_SHADOW			= 0x6006,
	EXIT_QUALIFICATION		= 0x6400,
	GUEST_LINEAR_ADDRESS		= 0x640a,
	GUEST_CR0			= 0x6800,
	GUEST_CR3			= 0x6802,
	GUEST_CR4			= 0x6804,
	GUEST_ES_BASE			= 0x6806,	/* ... TR, step 2 */
	GUEST_GDTR_BASE			= 0x6816,
	GUEST_IDTR_BASE			= 0x6818,
	GUEST_DR7			= 0x681a,
	GUEST_RSP			= 0x681c,
	GUEST_RIP			= 0x681e,
	GUEST_RFLAGS			= 0x6820,
	GUEST_PENDING_DBG_EXCEPTIONS	= 0x6822,
	GUEST_SYSENTER_ESP		= 0x6824,
	GUEST_SYSENTER_EIP		= 0x6826,
	HOST_CR0			= 0x6c00,
	HOST_CR3			= 0x6c02,
	HOST_CR4			= 0x6c04,
	HOST_FS_BASE			= 0x6c06,
	HOST_GS_BASE			= 0x6c08,
	HOST_TR_BASE			= 0x6c0a,
	HOST_GDTR_BASE			= 0x6c0c,
	HOST_IDTR_BASE			= 0x6c0e,
	HOST_SYSENTER_ESP		= 0x6c10,
	HOST_SYSENTER_EIP		= 0x6c12,
	HOST_RSP			= 0x6c14,
	HOST_RIP			= 0x6c16,
};

/* segment index for the GUEST_ES_* + 2 * seg fields */
enum vmx_seg { SEG_ES, SEG_CS, SEG_SS, SEG_DS, SEG_FS, SEG_GS, SEG_LDTR, SEG_TR };

#define PIN_NMI_EXITING			(1U << 3)
#define PIN_VIRTUAL_NMI			(1U << 5)
#define PROC_HLT_EXITING		(1U << 7)
#define PROC_NMI_WINDOW			(1U << 22)
#define PROC_USE_IO_BITMAPS		(1U << 25)
#define PROC_USE_MSR_BITMAPS		(1U << 28)
#define PROC_SECONDARY			(1U << 31)
#define PROC2_EPT			(1U << 1)
#define PROC2_RDTSCP			(1U << 3)
#define PROC2_VPID			(1U << 5)
#define PROC2_UNRESTRICTED		(1U << 7)
#define PROC2_INVPCID			(1U << 12)
#define PROC2_CONCEAL_PT		(1U << 19)	/* VMX non-root from PT */
#define PROC2_XSAVES			(1U << 20)
#define PROC2_PT_GPA			(1U << 24)	/* PT output through EPT */
#define PROC2_USER_WAIT			(1U << 26)	/* UMWAIT, TPAUSE */
#define EXIT_SAVE_DEBUG			(1U << 2)
#define EXIT_HOST_64			(1U << 9)
#define EXIT_SAVE_PAT			(1U << 18)
#define EXIT_LOAD_PAT			(1U << 19)
#define EXIT_SAVE_EFER			(1U << 20)
#define EXIT_LOAD_EFER			(1U << 21)
#define EXIT_CONCEAL_PT			(1U << 24)
#define EXIT_CLEAR_RTIT			(1U << 25)
#define ENTRY_LOAD_DEBUG		(1U << 2)
#define ENTRY_IA32E			(1U << 9)
#define ENTRY_LOAD_PAT			(1U << 14)
#define ENTRY_LOAD_EFER			(1U << 15)
#define ENTRY_CONCEAL_PT		(1U << 17)
#define ENTRY_LOAD_RTIT			(1U << 18)

#define MSR_VMX_PINBASED		0x481
#define MSR_VMX_PROCBASED		0x482
#define MSR_VMX_EXIT			0x483
#define MSR_VMX_ENTRY			0x484
#define MSR_VMX_CR0_FIXED0		0x486
#define MSR_VMX_CR0_FIXED1		0x487
#define MSR_VMX_CR4_FIXED0		0x488
#define MSR_VMX_CR4_FIXED1		0x489
#define MSR_VMX_PROCBASED2		0x48b
#define MSR_VMX_EPT_VPID_CAP		0x48c
#define MSR_VMX_TRUE_PINBASED		0x48d
#define MSR_VMX_TRUE_PROCBASED		0x48e
#define MSR_VMX_TRUE_EXIT		0x48f
#define MSR_VMX_TRUE_ENTRY		0x490

/* IA32_VMX_EPT_VPID_CAP: what ept.c and vmx_flush_translations() use */
#define EPT_CAP_WALK4			(1ULL << 6)
#define EPT_CAP_UC			(1ULL << 8)
#define EPT_CAP_WB			(1ULL << 14)
#define EPT_CAP_2M			(1ULL << 16)
#define EPT_CAP_INVEPT			(1ULL << 20)
#define EPT_CAP_INVEPT_ALL		(1ULL << 26)
#define VPID_CAP_INVVPID		(1ULL << 32)
#define VPID_CAP_INVVPID_ALL		(1ULL << 42)
#define EPT_VPID_CAP_NEEDED		(EPT_CAP_WALK4 | EPT_CAP_UC | EPT_CAP_WB | EPT_CAP_2M | \
					 EPT_CAP_INVEPT | EPT_CAP_INVEPT_ALL | \
					 VPID_CAP_INVVPID | VPID_CAP_INVVPID_ALL)

#define ACTIVITY_ACTIVE			0

#define INTR_INFO_VALID			(1U << 31)
#define INTR_TYPE_NMI			(2U << 8)
#define INTR_TYPE_HW_EXCEPTION		(3U << 8)
#define INTERRUPTIBILITY_STI		(1U << 0)
#define INTERRUPTIBILITY_MOV_SS		(1U << 1)
#define INTERRUPTIBILITY_NMI		(1U << 3)
#define INTR_DELIVER_CODE		(1U << 11)

static inline u64 vmread(enum vmcs_field f)
{
	u64 v;

	asm volatile("vmread %1, %0" : "=rm"(v) : "r"((u64)f) : "cc");
	return v;
}

static inline void vmwrite(enum vmcs_field f, u64 v)
{
	asm volatile("vmwrite %1, %0" : : "r"((u64)f), "rm"(v) : "cc", "memory");
}

#endif /* _HV_VMX_H */
