/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Output: an 8250 UART by port, the jh hypervisor console (one VMCALL per
 * character, so avoid it in steady state), or both; printk on top.
 */
#ifndef _INMATE_CONSOLE_H
#define _INMATE_CONSOLE_H

#include <jh/types.h>

#define CONSOLE_UART		0x1
#define CONSOLE_HYPERVISOR	0x2

/* uart_port 0 = no UART; divider 0 = keep what is programmed */
void console_init(unsigned int targets, uint16_t uart_port, uint32_t divider);
void console_write(const char *s, size_t len);

int printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

void uart_8250_init(uint16_t port, uint32_t divider);
void uart_8250_putc(uint16_t port, char c);
void hypervisor_console_putc(char c);

/* Bare metal: masks every line of the legacy PICs (pic-8259.c) */
void legacy_pic_mask_all(void);

#endif /* _INMATE_CONSOLE_H */
