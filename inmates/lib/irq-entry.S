/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * One 16-byte stub per vector (idt.c points gate v at irq_stubs + 16 * v).
 * Each pushes a zero where the CPU pushes no error code, then its vector,
 * so every frame has the layout of struct irq_frame (irq.h).
 */
	.text
	.code64
	.balign 16
	.globl irq_stubs
irq_stubs:
vector = 0
	.rept 256
	.balign 16
	/* exceptions with an error code: #DF #TS #NP #SS #GP #PF #AC #CP #VC #SX */
	.if vector == 8 || (vector >= 10 && vector <= 14) || vector == 17 || \
	    vector == 21 || vector == 29 || vector == 30
	.else
	pushq	$0
	.endif
	pushq	$vector
	jmp	irq_common
vector = vector + 1
	.endr

irq_common:
	pushq	%rax
	pushq	%rcx
	pushq	%rdx
	pushq	%rbx
	pushq	%rbp
	pushq	%rsi
	pushq	%rdi
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	/* entry time, for handlers that measure interrupt latency */
	rdtsc
	shlq	$32, %rdx
	orq	%rdx, %rax
	pushq	%rax
	movq	%rsp, %rdi
	cld
	call	irq_dispatch
	addq	$8, %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rdi
	popq	%rsi
	popq	%rbp
	popq	%rbx
	popq	%rdx
	popq	%rcx
	popq	%rax
	addq	$16, %rsp
	iretq
