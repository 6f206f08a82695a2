/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The trampoline: the only code mapped both in Linux and in the hypervisor
 * (at the same virtual address), so it can switch CR3 in either direction.
 * See include/jh/hv-boot.h for the protocol. It lives in its own section,
 * page aligned, and the driver maps the pages from jh_tramp_enter to
 * jh_tramp_end into the hypervisor's page tables.
 */
#include <linux/linkage.h>
#include <asm/processor-flags.h>
#include <asm/msr-index.h>
#include <asm/nospec-branch.h>
#include <asm/unwind_hints.h>
#include <jh/hv-boot.h>

#define RS(n)	(JH_RS_##n * 8)

	.section .text.jh_trampoline, "ax"
	.balign 4096

/* long jh_tramp_enter(u64 cpu, u64 hv_cr3, u64 hv_entry) */
SYM_CODE_START(jh_tramp_enter)
	UNWIND_HINT_EMPTY
	ENDBR
	push	%rbp
	push	%rbx
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	mov	%rsi, %cr3
	mov	%rsp, %rsi
	ANNOTATE_RETPOLINE_SAFE
	jmp	*%rdx
SYM_INNER_LABEL(jh_tramp_entry_return, SYM_L_GLOBAL)
	UNWIND_HINT_EMPTY
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%rbx
	pop	%rbp
	RET
SYM_CODE_END(jh_tramp_enter)

/*
 * Back to Linux for good: RDI = Linux address of a struct jh_resume,
 * RSI = Linux CR3. Interrupts stay off until the final popf.
 */
SYM_CODE_START(jh_tramp_resume)
	UNWIND_HINT_EMPTY
	ENDBR
	mov	%rsi, %cr3
	lgdt	RS(GDT)(%rdi)
	lidt	RS(IDT)(%rdi)
	/*
	 * ltr needs the TSS descriptor "available"; it is still marked busy
	 * from Linux's own ltr and sits in a read-only mapping: clear the
	 * busy bit with CR0.WP off for these few instructions.
	 */
	mov	RS(TR)(%rdi), %rax
	test	%rax, %rax
	jz	1f
	mov	%cr0, %rdx
	mov	%rdx, %rcx
	and	$~X86_CR0_WP, %rcx
	mov	%rcx, %cr0
	mov	RS(GDT)+2(%rdi), %rcx
	mov	%rax, %rbx
	and	$~7, %rbx
	andb	$~2, 5(%rcx,%rbx)
	ltr	%ax
	mov	%rdx, %cr0
1:
	mov	RS(SS)(%rdi), %rax
	mov	%eax, %ss
	mov	RS(DS)(%rdi), %rax
	mov	%eax, %ds
	mov	RS(ES)(%rdi), %rax
	mov	%eax, %es
	mov	RS(FS)(%rdi), %rax
	mov	%eax, %fs
	mov	RS(GS)(%rdi), %rax
	mov	%eax, %gs
	/* loading a selector reset the hidden bases: put Linux's back */
	mov	$MSR_FS_BASE, %ecx
	mov	RS(FS_BASE)(%rdi), %eax
	mov	RS(FS_BASE)+4(%rdi), %edx
	wrmsr
	mov	$MSR_GS_BASE, %ecx
	mov	RS(GS_BASE)(%rdi), %eax
	mov	RS(GS_BASE)+4(%rdi), %edx
	wrmsr
	mov	RS(RSP)(%rdi), %rsp
	pushq	RS(RIP)(%rdi)
	pushq	RS(RFLAGS)(%rdi)
	mov	RS(RAX)(%rdi), %rax
	mov	RS(RBX)(%rdi), %rbx
	mov	RS(RCX)(%rdi), %rcx
	mov	RS(RDX)(%rdi), %rdx
	mov	RS(RSI)(%rdi), %rsi
	mov	RS(RBP)(%rdi), %rbp
	mov	RS(R8)(%rdi), %r8
	mov	RS(R9)(%rdi), %r9
	mov	RS(R10)(%rdi), %r10
	mov	RS(R11)(%rdi), %r11
	mov	RS(R12)(%rdi), %r12
	mov	RS(R13)(%rdi), %r13
	mov	RS(R14)(%rdi), %r14
	mov	RS(R15)(%rdi), %r15
	mov	RS(RDI)(%rdi), %rdi
	popfq
	RET
SYM_CODE_END(jh_tramp_resume)

SYM_INNER_LABEL(jh_tramp_end, SYM_L_GLOBAL)
	int3
