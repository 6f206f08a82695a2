/* SPDX-License-Identifier: GPL-2.0 */
/*
 * VMX entry and exit stubs: HOST_RIP saves the guest's registers for
 * vmx_handle_exit(), VMRESUME and the first VMLAUNCH restore them.
 */
	.text

/* The guest's GPRs from struct guest_regs at RSP (its RSP slot skipped) */
	.macro pop_guest_regs
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%r11
	pop	%r10
	pop	%r9
	pop	%r8
	pop	%rdi
	pop	%rsi
	pop	%rbp
	add	$8, %rsp
	pop	%rbx
	pop	%rdx
	pop	%rcx
	pop	%rax
	.endm

/* HOST_RIP: save the guest's GPRs (RSP slot unused) and handle the exit */
	.globl vmx_exit
vmx_exit:
	push	%rax
	push	%rcx
	push	%rdx
	push	%rbx
	push	$0
	push	%rbp
	push	%rsi
	push	%rdi
	push	%r8
	push	%r9
	push	%r10
	push	%r11
	push	%r12
	push	%r13
	push	%r14
	push	%r15
	mov	%rsp, %rdi
	call	vmx_handle_exit
vmx_exit_return:
	pop_guest_regs
	vmresume
	call	vmx_entry_failed

/* vcpu_resume(regs): back into the guest from any depth */
	.globl vcpu_resume
vcpu_resume:
	mov	%rdi, %rsp
	jmp	vmx_exit_return

/* First entry of a CPU into its guest; no guest register may leak hv data */
	.globl vcpu_launch
vcpu_launch:
	.rept	16
	push	$0
	.endr
	pop_guest_regs
	vmlaunch
	call	vmx_entry_failed
