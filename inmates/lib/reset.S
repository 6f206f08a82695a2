/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The two ways into an inmate image, both ending at protected_entry in
 * 32-bit protected mode with the image at its link address 0:
 *  - a jh cell resets the CPU in real mode at offset 0 (CS.base = 0);
 *  - a multiboot (v1) loader loads the flat image at MULTIBOOT_LOAD_ADDR
 *    (the header's address fields say where) and jumps to multiboot_entry
 *    in protected mode, which copies the loader's command line into the
 *    image, then moves the image down to 0.
 * protected_entry then builds identity page tables and enters long mode.
 */
#include <inmate/layout.h>

#define MB_MAGIC		0x1badb002
#define MB_FLAG_ADDRESSES	(1 << 16)	/* load at the header's addresses */
#define MB_INFO_CMDLINE		(1 << 2)

#define CR0_PE			(1 << 0)
#define CR0_NW			(1 << 29)
#define CR0_CD			(1 << 30)
#define CR0_PG			(1 << 31)
#define CR4_PAE			(1 << 5)
#define MSR_EFER		0xc0000080
#define EFER_LME		(1 << 8)
#define PTE_PRESENT_RW		0x3
#define PTE_LARGE		0x80

	.section .text.reset, "ax"
	.code16
	.globl reset_entry
reset_entry:
	cli
	jmp	real_mode_entry

	.balign 4
multiboot_header:
	.long	MB_MAGIC
	.long	MB_FLAG_ADDRESSES
	.long	-(MB_MAGIC + MB_FLAG_ADDRESSES)
	.long	MULTIBOOT_LOAD_ADDR + multiboot_header	/* header_addr */
	.long	MULTIBOOT_LOAD_ADDR			/* load_addr */
	.long	MULTIBOOT_LOAD_ADDR + __image_end	/* load_end_addr */
	.long	MULTIBOOT_LOAD_ADDR + __bss_end		/* bss_end_addr */
	.long	MULTIBOOT_LOAD_ADDR + multiboot_entry	/* entry_addr */

real_mode_entry:
	/* CS.base is 0 here: address the image through DS = 0 as well */
	xorw	%ax, %ax
	movw	%ax, %ds
	lgdtl	gdt_desc
	movl	%cr0, %eax
	orl	$CR0_PE, %eax
	movl	%eax, %cr0
	ljmpl	$GDT_CODE32, $protected_entry

	.code32
multiboot_entry:
	/* Running at MULTIBOOT_LOAD_ADDR + offset; EBX: multiboot info.
	 * The loader may have put its info and command line anywhere in
	 * low memory, which the move below overwrites: save the line first. */
	cld
	movl	$(MULTIBOOT_LOAD_ADDR + cmdline_buffer), %edi
	testl	$MB_INFO_CMDLINE, (%ebx)
	jz	2f
	movl	16(%ebx), %esi
	movl	$(CMDLINE_SIZE - 1), %ecx
1:	lodsb
	testb	%al, %al
	jz	2f
	stosb
	loop	1b
2:	movb	$0, (%edi)

	movl	$MULTIBOOT_LOAD_ADDR, %esi
	movl	$INMATE_LINK_BASE, %edi
	movl	$(__image_end - INMATE_LINK_BASE), %ecx
	rep movsb
	movl	$BOOT_MULTIBOOT, boot_kind
	movl	$protected_entry, %eax
	jmp	*%eax

protected_entry:
	lgdtl	gdt_desc
	ljmpl	$GDT_CODE32, $1f
1:	movw	$GDT_DATA, %ax
	movw	%ax, %ds
	movw	%ax, %es
	movw	%ax, %fs
	movw	%ax, %gs
	movw	%ax, %ss
	/* a reset leaves the caches disabled */
	movl	%cr0, %eax
	andl	$~(CR0_CD | CR0_NW), %eax
	movl	%eax, %cr0

	/* each CPU takes a slot: its stack; slot 0 also sets up memory */
	movl	$1, %eax
	lock xaddl %eax, cpu_slots
	cmpl	$INMATE_MAX_CPUS, %eax
	jae	park32
	movl	%eax, %ebp
	testl	%eax, %eax
	jnz	wait_for_tables

	cld
	movl	$__bss_start, %edi
	movl	$__bss_end, %ecx
	subl	%edi, %ecx
	xorl	%eax, %eax
	rep stosb

	movl	$(pdpt + PTE_PRESENT_RW), pml4
	movl	$(pd + PTE_PRESENT_RW), %eax
	movl	$pdpt, %edi
	movl	$INMATE_MAPPED_GIB, %ecx
2:	movl	%eax, (%edi)
	addl	$0x1000, %eax
	addl	$8, %edi
	loop	2b
	/* 2 MiB identity pages; the upper halves stay 0 (below 4 GiB) */
	movl	$(PTE_PRESENT_RW | PTE_LARGE), %eax
	movl	$pd, %edi
	movl	$(INMATE_MAPPED_GIB * 512), %ecx
3:	movl	%eax, (%edi)
	addl	$0x200000, %eax
	addl	$8, %edi
	loop	3b
	movl	$1, tables_ready
	jmp	enter_long_mode

wait_for_tables:
	pause
	cmpl	$0, tables_ready
	je	wait_for_tables

enter_long_mode:
	movl	$pml4, %eax
	movl	%eax, %cr3
	movl	%cr4, %eax
	orl	$CR4_PAE, %eax
	movl	%eax, %cr4
	movl	$MSR_EFER, %ecx
	rdmsr
	orl	$EFER_LME, %eax
	wrmsr
	movl	%cr0, %eax
	orl	$(CR0_PG | CR0_PE), %eax
	movl	%eax, %cr0
	ljmpl	$GDT_CODE64, $long_mode_entry

park32:
	cli
	hlt
	jmp	park32

	.code64
long_mode_entry:
	movw	$GDT_DATA, %ax
	movw	%ax, %ss
	/* the top of this CPU's stack; the slot is the C argument */
	movl	%ebp, %edi
	leaq	1(%rdi), %rax
	imulq	$INMATE_STACK_SIZE, %rax
	addq	$stacks, %rax
	movq	%rax, %rsp
	call	inmate_entry
4:	cli
	hlt
	jmp	4b

	.balign 8
gdt:
	.quad	0
	.quad	0x00cf9a000000ffff	/* GDT_CODE32: flat 32-bit code */
	.quad	0x00cf92000000ffff	/* GDT_DATA: flat data */
	.quad	0x00af9a000000ffff	/* GDT_CODE64: 64-bit code */
gdt_desc:
	.word	gdt_desc - gdt - 1
	.long	gdt

	/* Loaded with the image, so both start values are in the file */
	.data
	.balign 4
	.globl boot_kind
boot_kind:
	.long	BOOT_CELL
	.globl	cpu_slots, tables_ready
cpu_slots:
	.long	0
tables_ready:
	.long	0

	.section .cmdline, "aw"
	.globl cmdline_buffer
cmdline_buffer:
	.fill	CMDLINE_SIZE, 1, 0

	.bss
	.balign 4096
pml4:
	.skip	4096
pdpt:
	.skip	4096
pd:
	.skip	4096 * INMATE_MAPPED_GIB
	.balign 16
stacks:
	.skip	INMATE_STACK_SIZE * INMATE_MAX_CPUS
