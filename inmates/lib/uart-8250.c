// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Polled output on a port-I/O 8250/16550 UART. */
#include <inmate/console.h>
#include <inmate/x86.h>

#define UART_TX		0	/* transmit holding register */
#define UART_DLL	0	/* divisor latch, with LCR.DLAB */
#define UART_IER	1
#define UART_DLM	1
#define UART_FCR	2
#define UART_LCR	3
#define UART_MCR	4
#define UART_LSR	5

#define LCR_8N1		0x03
#define LCR_DLAB	0x80
#define MCR_DTR_RTS	0x03
#define LSR_THRE	0x20
#define FCR_FIFO_ON	0x07	/* enable and clear both FIFOs */

void uart_8250_init(uint16_t port, uint32_t divider)
{
	outb(port + UART_IER, 0);	/* polled: no interrupts */
	if (divider) {
		outb(port + UART_LCR, LCR_DLAB);
		outb(port + UART_DLL, divider & 0xff);
		outb(port + UART_DLM, (divider >> 8) & 0xff);
	}
	outb(port + UART_LCR, LCR_8N1);
	outb(port + UART_FCR, FCR_FIFO_ON);
	outb(port + UART_MCR, MCR_DTR_RTS);
}

void uart_8250_putc(uint16_t port, char c)
{
	while (!(inb(port + UART_LSR) & LSR_THRE))
		cpu_relax();
	outb(port + UART_TX, c);
}
