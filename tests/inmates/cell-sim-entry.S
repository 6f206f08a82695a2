/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * cell-sim entry: a multiboot (v1) image that plays the hypervisor's part
 * of a cell start on bare metal (see cell-sim.c). It carries the inmate
 * image to start (INMATE_IMAGE, set by inmates/Makefile).
 */
#define MB_MAGIC		0x1badb002
#define MB_FLAG_ADDRESSES	(1 << 16)

	.section .multiboot, "ax"
	.balign 4
header:
	.long	MB_MAGIC
	.long	MB_FLAG_ADDRESSES
	.long	-(MB_MAGIC + MB_FLAG_ADDRESSES)
	.long	header
	.long	header			/* load_addr: the image starts here */
	.long	sim_image_end
	.long	sim_bss_end
	.long	sim_entry

	.text
	.code32
	.globl	sim_entry
sim_entry:
	cli
	cld
	movl	$stack_top, %esp
	pushl	%ebx			/* multiboot info */
	call	sim_main
1:	cli
	hlt
	jmp	1b

	.section .rodata
	.balign 16
	.globl	inmate_image, inmate_image_end
inmate_image:
	.incbin	INMATE_IMAGE
inmate_image_end:

	.bss
	.balign 16
	.skip	16384
stack_top:

	.section .note.GNU-stack, "", @progbits
