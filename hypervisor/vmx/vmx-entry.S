/* SPDX-License-Identifier: GPL-2.0 */
/*
 * VMX entry and exit stubs: HOST_RIP saves the guest's registers for
 * vmx_handle_exit(), VMRESUME and the first VMLAUNCH restore them.
 */
	.text

/* The guest's GPRs from struct guest_regs at RSP (its RSP slot skipped) */
	.macro pop_guest_regs
	.irp reg, r15, r14, r13, r12, r11, r10, r9, r8, rdi, rsi, rbp
	pop	%\reg
	.endr
	add	$8, %rsp
	.irp reg, rbx, rdx, rcx, rax
	pop	%\reg
	.endr
	.endm

/* HOST_RIP: save the guest's GPRs (RSP slot unused: $0) and handle the exit */
	.globl vmx_exit
vmx_exit:
	.irp opnd, %rax, %rcx, %rdx, %rbx, $0, %rbp, %rsi, %rdi, \
		   %r8, %r9, %r10, %r11, %r12, %r13, %r14, %r15
	push	\opnd
	.endr
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
