// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Bare metal only: the firmware leaves the legacy 8259 PICs unmasked with
 * the timer on vector 8, and some platforms (Bochs) deliver their output
 * to the CPU whatever LINT0 says. A cell never owns these ports.
 */
#include <inmate/console.h>
#include <inmate/x86.h>

#define PIC_MASTER_DATA	0x21
#define PIC_SLAVE_DATA	0xa1

void legacy_pic_mask_all(void)
{
	outb(PIC_MASTER_DATA, 0xff);
	outb(PIC_SLAVE_DATA, 0xff);
}
