/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The smallest multiboot (v1) image: checks the harness's --multiboot path
 * the bare-metal inmates use. Linked flat at 1 MiB with the header's address
 * fields ("a.out kludge"), it prints its command line and the harness
 * markers on COM1, then halts (the harness ends the run after JH-DONE).
 */
#define MB_MAGIC	0x1badb002
#define MB_FLAG_ADDRS	(1 << 16)
#define MB_INFO_CMDLINE	(1 << 2)
#define COM1		0x3f8

	.code32
	.text
	.globl	_start
_start:
	.align	4
header:
	.long	MB_MAGIC
	.long	MB_FLAG_ADDRS
	.long	-(MB_MAGIC + MB_FLAG_ADDRS)
	.long	header			/* header_addr */
	.long	_start			/* load_addr */
	.long	image_end		/* load_end_addr */
	.long	image_end		/* bss_end_addr */
	.long	entry			/* entry_addr */

entry:
	movl	%ebx, %edi		/* multiboot info */
	movl	$msg_args, %esi
	call	puts
	testl	$MB_INFO_CMDLINE, (%edi)
	jz	1f
	movl	16(%edi), %esi
	call	puts
1:	movl	$msg_done, %esi
	call	puts
2:	cli
	hlt
	jmp	2b

/* puts: print the NUL-terminated string at %esi on COM1 (polled) */
puts:
	lodsb
	testb	%al, %al
	jz	3f
	movb	%al, %cl
	movw	$COM1 + 5, %dx
4:	inb	%dx, %al
	testb	$0x20, %al		/* transmitter holding register empty */
	jz	4b
	movw	$COM1, %dx
	movb	%cl, %al
	outb	%al, %dx
	jmp	puts
3:	ret

msg_args:
	.asciz	"JH-ARGS: "
msg_done:
	.ascii	"\r\nJH-TAP: ok 1 - multiboot image runs\r\n"
	.asciz	"JH-DONE\r\n"
	.align	4
image_end:
