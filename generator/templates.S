/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The emitter's templates, built into the library so that jh-plan and
 * jh-discover need no data files (they also run inside a small initramfs).
 * The assembler finds them through -Wa,-I<templates dir>.
 */
	.section .rodata
	.global jhgen_tpl_system, jhgen_tpl_cell, jhgen_tpl_cell_desc
jhgen_tpl_system:
	.incbin "system.c.in"
	.byte 0
jhgen_tpl_cell:
	.incbin "cell.c.in"
	.byte 0
jhgen_tpl_cell_desc:
	.incbin "cell-desc.c.in"
	.byte 0
	.section .note.GNU-stack, "", @progbits
