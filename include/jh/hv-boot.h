/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * How the driver starts the hypervisor image (jh.bin) and gets Linux back.
 *
 * Hypervisor memory (the memmap= reservation, physical base P):
 *	P + 0			jh.bin: struct jh_hv_header first, then code,
 *				data and bss (header.core_size bytes in all)
 *	P + config_offset	the system config, copied by the driver
 *	P + tables_offset	page tables the driver builds (see below)
 *	P + pool_offset		free pages, the hypervisor's page pool
 *
 * Address space of the hypervisor (CR3 = P + tables_offset):
 *	JH_HV_LINK_BASE		the whole hypervisor memory, 2 MiB pages
 *	JH_HV_DIRECT_MAP	physical memory 0 .. direct_map_size
 *	trampoline pages	at the Linux virtual address of the driver's
 *				trampoline, which switches CR3 both ways
 * Linux's own text and data are not mapped; the hypervisor reaches Linux
 * memory only through the direct map.
 *
 * Entry: the driver captures the CPU's Linux state (struct jh_linux_cpu) in
 * boot.cpu[cpu], then calls the trampoline, which saves the callee-saved
 * registers on the Linux stack, loads the hypervisor CR3 and jumps to
 * header.entry with RDI = cpu, RSI = Linux RSP. The hypervisor comes back to
 * Linux at boot.tramp_entry_return with RSP = that value and RAX = 0 (it is
 * now the root cell) or a negative errno (boot.status has the reason).
 * Leaving (disable, or failure): the hypervisor fills boot.resume[cpu] and
 * jumps to boot.tramp_resume with RDI = Linux address of that record,
 * RSI = Linux CR3.
 */
#ifndef _JH_HV_BOOT_H
#define _JH_HV_BOOT_H

#ifndef __ASSEMBLY__
#include "types.h"
#include "hypercall.h"
#endif

#define JH_HV_SIGNATURE		"JHHVIMG1"
#define JH_HV_ABI_VERSION	1
#define JH_HV_LINK_BASE		0x40000000ULL
#define JH_HV_DIRECT_MAP	0x0000008000000000ULL
#define JH_MAX_CPUS		64
#define JH_CONSOLE_RING		16384	/* bytes, a power of two */

#ifndef __ASSEMBLY__

struct jh_hv_header {
	char signature[8];
	uint32_t abi_version;
	uint32_t max_cpus;
	uint64_t link_base;
	uint64_t entry;		/* virtual address of the CPU entry */
	uint64_t core_size;	/* image + bss, page aligned */
	uint64_t boot_offset;	/* struct jh_hv_boot, inside the bss */
} JH_PACKED;

struct jh_dtr {
	uint64_t base;
	uint16_t limit;
	uint16_t pad[3];
} JH_PACKED;

struct jh_segment {
	uint64_t base;
	uint32_t limit;
	uint32_t ar;		/* VMCS access-rights format, 0x10000 = unusable */
	uint16_t selector;
	uint16_t pad[3];
} JH_PACKED;

/* Linux's state of one CPU at entry, captured by the driver on that CPU */
struct jh_linux_cpu {
	uint64_t cr0, cr3, cr4;
	uint64_t efer, pat, debugctl, dr7, rflags;
	uint64_t sysenter_cs, sysenter_esp, sysenter_eip;
	struct jh_dtr gdt, idt;
	struct jh_segment cs, ss, ds, es, fs, gs, tr, ldtr;
} JH_PACKED;

#endif /* __ASSEMBLY__ */

/* struct jh_resume: what the trampoline loads to continue Linux (u64 slots) */
#define JH_RS_RAX	0
#define JH_RS_RBX	1
#define JH_RS_RCX	2
#define JH_RS_RDX	3
#define JH_RS_RSI	4
#define JH_RS_RDI	5
#define JH_RS_RBP	6
#define JH_RS_R8	7
#define JH_RS_R9	8
#define JH_RS_R10	9
#define JH_RS_R11	10
#define JH_RS_R12	11
#define JH_RS_R13	12
#define JH_RS_R14	13
#define JH_RS_R15	14
#define JH_RS_RIP	15
#define JH_RS_RSP	16
#define JH_RS_RFLAGS	17
#define JH_RS_GDT	18	/* 2 slots: lgdt operand (u16 limit, u64 base) */
#define JH_RS_IDT	20	/* 2 slots: lidt operand */
#define JH_RS_TR	22
#define JH_RS_DS	23
#define JH_RS_ES	24
#define JH_RS_FS	25
#define JH_RS_GS	26
#define JH_RS_SS	27
#define JH_RS_FS_BASE	28
#define JH_RS_GS_BASE	29
#define JH_RS_NUM	30

#ifndef __ASSEMBLY__

struct jh_resume {
	uint64_t slot[JH_RS_NUM];
} JH_PACKED;

struct jh_console_ring {
	uint64_t written;	/* total bytes ever written; buf[written % size] is next */
	char buf[JH_CONSOLE_RING];
} JH_PACKED;

/* Filled by the driver before the first CPU enters, read by both */
struct jh_hv_boot {
	uint64_t phys_base;		/* P */
	uint64_t mem_size;
	uint64_t config_offset;
	uint64_t config_size;
	uint64_t tables_offset;		/* driver-built page tables */
	uint64_t pool_offset;		/* first free page */
	uint64_t direct_map_size;
	uint64_t linux_base;		/* Linux virtual address of P (memremap) */
	uint64_t tramp_resume;		/* Linux VA, see above */
	uint64_t tramp_entry_return;	/* Linux VA, see above */
	uint64_t cpu_mask;		/* CPUs that will enter */
	uint32_t num_cpus;
	uint32_t tsc_khz;
	uint32_t apic_khz;
	uint32_t reserved;
	volatile int32_t cpu_result[JH_MAX_CPUS];	/* 1 = running, < 0 = failed */
	struct jh_status status;	/* first failure's reason */
	struct jh_console_ring console;
	struct jh_linux_cpu cpu[JH_MAX_CPUS];
	struct jh_resume resume[JH_MAX_CPUS];
} JH_PACKED;

#endif /* __ASSEMBLY__ */
#endif /* _JH_HV_BOOT_H */
