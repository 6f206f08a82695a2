// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Routes output to the UART and/or the hypervisor console; printk. */
#include <inmate/console.h>
#include <inmate/x86.h>
#include <jh/hypercall.h>
#include <format.h>

#define PRINTK_BUFFER	256

static unsigned int console_targets;
static uint16_t console_port;
/* keeps lines of different CPUs apart */
static volatile int console_lock;

void hypervisor_console_putc(char c)
{
	long ret;

	asm volatile("vmcall"
		     : "=a"(ret)
		     : "a"((long)JH_HC_DEBUG_CONSOLE_PUTC), "D"((long)(unsigned char)c)
		     : "memory");
}

void console_init(unsigned int targets, uint16_t uart_port, uint32_t divider)
{
	console_port = uart_port;
	console_targets = targets;
	if (!uart_port)
		console_targets &= ~CONSOLE_UART;
	if (console_targets & CONSOLE_UART)
		uart_8250_init(uart_port, divider);
}

static void console_putc(char c)
{
	if (console_targets & CONSOLE_UART) {
		if (c == '\n')
			uart_8250_putc(console_port, '\r');
		uart_8250_putc(console_port, c);
	}
	if (console_targets & CONSOLE_HYPERVISOR)
		hypervisor_console_putc(c);
}

void console_write(const char *s, size_t len)
{
	while (len--)
		console_putc(*s++);
}

int printk(const char *fmt, ...)
{
	char buf[PRINTK_BUFFER];
	jh_va_list ap;
	int len;

	jh_va_start(ap, fmt);
	len = jh_vsnprintf(buf, sizeof(buf), fmt, ap);
	jh_va_end(ap);
	if (len >= (int)sizeof(buf))
		len = sizeof(buf) - 1;
	if (len <= 0)
		return len;
	while (__atomic_exchange_n(&console_lock, 1, __ATOMIC_ACQUIRE))
		cpu_relax();
	console_write(buf, len);
	__atomic_store_n(&console_lock, 0, __ATOMIC_RELEASE);
	return len;
}
