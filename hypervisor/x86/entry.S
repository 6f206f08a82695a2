/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Assembly entry points of the image: CPU entry from the trampoline, host
 * exception and NMI stubs, and the jump back to Linux. The vendor
 * backend's exit and entry stubs are in its own folder (vmx/vmx-entry.S).
 */
#include <jh/hv-boot.h>

#define PER_CPU_SHIFT	16
#define STACK_SIZE	0x8000

	.section .text.entry, "ax"

/* From the trampoline: RDI = cpu, RSI = Linux RSP, CR3 = ours */
	.globl hv_entry
hv_entry:
	endbr64
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

/* Host exceptions: vector and error code on the stack, then C */
	.macro exc_stub vec
	.balign 16
	.if \vec == 2
	jmp	nmi_entry
	.else
	/* the CPU pushes an error code for 8, 10-14, 17, 21, 29 and 30 */
	.if (\vec != 8) && (\vec < 10 || \vec > 14) && (\vec != 17) && \
	    (\vec != 21) && (\vec != 29) && (\vec != 30)
	push	$0
	.endif
	push	$\vec
	jmp	exc_common
	.endif
	.endm

	.balign 16
	.globl exc_stubs
exc_stubs:
	.irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	exc_stub \v
	.endr

/* NMI in the hypervisor: noted for the guest (mgmt.c), then back */
nmi_entry:
	push	%rax
	push	%rcx
	push	%rdx
	push	%rsi
	push	%rdi
	push	%r8
	push	%r9
	push	%r10
	push	%r11
	cld
	call	host_nmi
	pop	%r11
	pop	%r10
	pop	%r9
	pop	%r8
	pop	%rdi
	pop	%rsi
	pop	%rdx
	pop	%rcx
	pop	%rax
	iretq

exc_common:
	push	%rax
	push	%rcx
	push	%rdx
	push	%rbx
	push	%rbp
	push	%rsi
	push	%rdi
	mov	%rsp, %rdi
	call	host_exception
1:	cli
	hlt
	jmp	1b
