/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Assembly entry points of the image: CPU entry from the trampoline, host
 * exception and NMI stubs, and the jump back to Linux. The vendor
 * backend's exit and entry stubs are in its own folder (vmx/vmx-entry.S).
 */
#include <jh/hv-boot.h>

#define PER_CPU_SHIFT	16
#define STACK_SIZE	0x8000
#define CR4_CET		(1 << 23)

	.section .text.entry, "ax"

/*
 * From the trampoline: RDI = cpu, RSI = Linux RSP, CR3 = ours. Linux's
 * CET (IBT) is off in the hypervisor, whose code has no ENDBR marks; the
 * way back to Linux restores its CR4 (vmx/leave.c).
 */
	.globl hv_entry
hv_entry:
	endbr64
	mov	%cr4, %rax
	and	$~CR4_CET, %rax
	mov	%rax, %cr4
	cmp	$JH_MAX_CPUS, %rdi
	jae	1f
	mov	%rdi, %rax
	shl	$PER_CPU_SHIFT, %rax
	mov	$per_cpu + STACK_SIZE, %rsp
	add	%rax, %rsp
	call	hv_cpu_entry
1:	cli
	hlt
	jmp	1b

/* jump_to_linux(record, linux_cr3, trampoline): never returns */
	.globl jump_to_linux
jump_to_linux:
	jmp	*%rdx

/*
 * Host exceptions: vector and error code on the stack, then C. ENDBR: an
 * NMI may come after leave.c gave Linux its CR4 back, CET included.
 */
	.macro exc_stub vec
	.balign 16
	endbr64
	/* the CPU pushes an error code for 8, 10-14, 17, 21, 29 and 30 */
	.if (\vec != 8) && (\vec < 10 || \vec > 14) && (\vec != 17) && \
	    (\vec != 21) && (\vec != 29) && (\vec != 30)
	push	$0
	.endif
	push	$\vec
	jmp	exc_common
	.endm

	.balign 16
	.globl exc_stubs
exc_stubs:
	.irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	exc_stub \v
	.endr

/* host_exception() returns only where the interrupted code may go on (NMIs) */
exc_common:
	.irp reg, rax, rcx, rdx, rbx, rbp, rsi, rdi, r8, r9, r10, r11
	push	%\reg
	.endr
	mov	%rsp, %rdi
	cld
	call	host_exception
	.irp reg, r11, r10, r9, r8, rdi, rsi, rbp, rbx, rdx, rcx, rax
	pop	%\reg
	.endr
	add	$16, %rsp
	iretq
