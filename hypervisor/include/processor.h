/* SPDX-License-Identifier: GPL-2.0 */
/* x86 instructions and register bits the hypervisor uses */
#ifndef _HV_X86_H
#define _HV_X86_H

#include <jh/types.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;

#define X86_CR0_PE		(1UL << 0)
#define X86_CR0_NE		(1UL << 5)
#define X86_CR0_WP		(1UL << 16)
#define X86_CR0_NW		(1UL << 29)
#define X86_CR0_CD		(1UL << 30)
#define X86_CR0_PG		(1UL << 31)
#define X86_CR4_PAE		(1UL << 5)
#define X86_CR4_VMXE		(1UL << 13)
#define X86_CR4_PCIDE		(1UL << 17)
#define X86_CR4_OSXSAVE		(1UL << 18)
#define X86_CR4_PKE		(1UL << 22)
#define X86_CR4_CET		(1UL << 23)
#define EFER_LME		(1UL << 8)
#define EFER_LMA		(1UL << 10)

#define MSR_TSC			0x010
#define MSR_APIC_BASE		0x01b
#define APIC_BASE_EXTD		(1ULL << 10)	/* x2APIC mode */
#define APIC_BASE_EN		(1ULL << 11)
#define MSR_FEATURE_CONTROL	0x03a
#define MSR_SPEC_CTRL		0x048
#define MSR_PRED_CMD		0x049
#define MSR_UCODE_REV		0x08b
#define MSR_SYSENTER_CS		0x174
#define MSR_SYSENTER_ESP	0x175
#define MSR_SYSENTER_EIP	0x176
#define MSR_MCG_STATUS		0x17a
#define MSR_MISC_ENABLE		0x1a0
#define MSR_MTRR_CAP		0x0fe
#define MSR_MTRR_PHYS_BASE0	0x200
#define MSR_MTRR_FIX64K		0x250
#define MSR_MTRR_FIX16K_80000	0x258
#define MSR_MTRR_FIX16K_A0000	0x259
#define MSR_MTRR_FIX4K_C0000	0x268
#define MSR_MTRR_FIX4K_F8000	0x26f
#define MSR_PAT			0x277
#define MSR_MTRR_DEF_TYPE	0x2ff
#define MSR_DEBUGCTL		0x1d9
#define MSR_VMX_BASIC		0x480
#define MSR_TSC_DEADLINE	0x6e0
#define MSR_XSS			0xda0
#define MSR_X2APIC_FIRST	0x802
#define MSR_X2APIC_ICR		0x830
#define MSR_X2APIC_LAST		0x83f
#define MSR_EFER		0xc0000080
#define MSR_STAR		0xc0000081
#define MSR_LSTAR		0xc0000082
#define MSR_CSTAR		0xc0000083
#define MSR_FMASK		0xc0000084
#define MSR_FS_BASE		0xc0000100
#define MSR_GS_BASE		0xc0000101
#define MSR_KERNEL_GS_BASE	0xc0000102
#define MSR_TSC_AUX		0xc0000103

static inline u64 rdmsr(u32 msr)
{
	u32 lo, hi;

	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return lo | ((u64)hi << 32);
}

static inline void wrmsr(u32 msr, u64 val)
{
	asm volatile("wrmsr" : : "c"(msr), "a"((u32)val), "d"((u32)(val >> 32)) : "memory");
}

/*
 * An instruction with a guest-chosen operand that hardware may still
 * refuse: its fault resumes at the fixup (the exception table, consulted
 * by host_exception() in x86/host-cpu.c) and the helper returns -EIO, so
 * the guest that asked gets the fault instead of the CPU stopping.
 */
#define EX_TABLE(insn, fixup)						\
	".pushsection .ex_table, \"a\"\n\t.balign 8\n\t"		\
	".quad " #insn ", " #fixup "\n\t.popsection\n\t"

static inline int wrmsr_safe(u32 msr, u64 val)
{
	int err = -5;	/* -EIO */

	asm volatile("1: wrmsr\n\txor %0, %0\n2:\n\t" EX_TABLE(1b, 2b)
		     : "+r"(err) : "c"(msr), "a"((u32)val), "d"((u32)(val >> 32))
		     : "memory");
	return err;
}

static inline int xsetbv_safe(u32 xcr, u64 val)
{
	int err = -5;

	asm volatile("1: xsetbv\n\txor %0, %0\n2:\n\t" EX_TABLE(1b, 2b)
		     : "+r"(err) : "c"(xcr), "a"((u32)val), "d"((u32)(val >> 32))
		     : "memory");
	return err;
}

static inline void cpuid(u32 leaf, u32 sub, u32 *a, u32 *b, u32 *c, u32 *d)
{
	asm volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(leaf), "c"(sub));
}

#define CPUID1_ECX_X2APIC	(1U << 21)

static inline bool cpu_has_x2apic(void)
{
	u32 a, b, c, d;

	cpuid(1, 0, &a, &b, &c, &d);
	return c & CPUID1_ECX_X2APIC;
}

static inline unsigned int cpu_maxphyaddr(void)
{
	u32 a, b, c, d;

	cpuid(0x80000008, 0, &a, &b, &c, &d);
	return a & 0xff;
}

/*
 * Guest-written values for privileged registers: true if hardware takes
 * them (pure, host-tested: x86/guest-values.c). supported: the XCR0 bits
 * CPUID.0xD reports; cap: IA32_MTRRCAP; x2apic: CPUID.1:ECX.x2APIC.
 */
bool xcr0_valid(u64 val, u64 supported);
bool pat_valid(u64 val);
bool mtrr_write_valid(u32 msr, u64 val, u64 cap, unsigned int maxphyaddr);
bool apic_base_write_valid(u64 old, u64 val, unsigned int maxphyaddr, bool x2apic);
/* MOV to CR0 (old, new): false where hardware raises #GP */
bool cr0_write_valid(u64 old, u64 val, u64 cr4, u64 efer, bool cs_long);

#define DEFINE_CR(n)							\
static inline u64 read_cr##n(void)					\
{									\
	u64 v;								\
	asm volatile("mov %%cr" #n ", %0" : "=r"(v));			\
	return v;							\
}									\
static inline void write_cr##n(u64 v)					\
{									\
	asm volatile("mov %0, %%cr" #n : : "r"(v) : "memory");		\
}
DEFINE_CR(0)
DEFINE_CR(2)
DEFINE_CR(3)
DEFINE_CR(4)

/* A port access of size 1, 2 or 4 bytes */
static inline u32 port_read(u16 port, unsigned int size)
{
	u32 v = 0;

	if (size == 1)
		asm volatile("inb %1, %b0" : "+a"(v) : "Nd"(port));
	else if (size == 2)
		asm volatile("inw %1, %w0" : "+a"(v) : "Nd"(port));
	else
		asm volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void port_write(u16 port, unsigned int size, u32 v)
{
	if (size == 1)
		asm volatile("outb %b0, %1" : : "a"(v), "Nd"(port));
	else if (size == 2)
		asm volatile("outw %w0, %1" : : "a"(v), "Nd"(port));
	else
		asm volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}

static inline u64 rdtsc(void)
{
	u32 lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return lo | ((u64)hi << 32);
}

static inline void cpu_relax(void)
{
	asm volatile("pause" : : : "memory");
}

struct dtr {
	u16 limit;
	u64 base;
} JH_PACKED;

#endif /* _HV_X86_H */
