// SPDX-License-Identifier: GPL-2.0
/*
 * printk: to the 8250 UART of the system config (shared with Linux's
 * console, so lines stay short) and to the ring buffer the driver reads
 * for `jh console`, if the system config lets the root read it: the ring
 * is in boot, which the root can read whatever the driver allows.
 */
#include <format.h>

#include "hv.h"

#define UART_THR	0
#define UART_LSR	5
#define UART_LSR_THRE	0x20

static spinlock_t console_lock;
static u16 uart_port;
static bool ring_on;		/* the root may read the ring: it is in boot */

void console_init(const struct jh_console *con)
{
	if (con->type == JH_CON_8250_PIO)
		uart_port = con->address;
	ring_on = sys_config->flags & JH_SYS_VIRTUAL_DEBUG_CONSOLE;
}

static void uart_putc(char c)
{
	unsigned int spins = 100000;

	while (!(port_read(uart_port + UART_LSR, 1) & UART_LSR_THRE) && --spins)
		cpu_relax();
	port_write(uart_port + UART_THR, 1, c);
}

/* Called with console_lock held */
static void emit(char c)
{
	if (ring_on) {
		boot.console.buf[boot.console.written % JH_CONSOLE_RING] = c;
		__atomic_store_n(&boot.console.written, boot.console.written + 1,
				 __ATOMIC_RELEASE);
	}
	if (!uart_port)
		return;
	if (c == '\n')
		uart_putc('\r');
	uart_putc(c);
}

void console_putc(char c)
{
	spin_lock(&console_lock);
	emit(c);
	spin_unlock(&console_lock);
}

void printk(const char *fmt, ...)
{
	char buf[256];
	jh_va_list ap;
	int i, len;

	jh_va_start(ap, fmt);
	len = jh_vsnprintf(buf, sizeof(buf), fmt, ap);
	jh_va_end(ap);
	if (len >= (int)sizeof(buf))
		len = sizeof(buf) - 1;
	spin_lock(&console_lock);
	for (i = 0; i < len; i++)
		emit(buf[i]);
	spin_unlock(&console_lock);
}

static spinlock_t status_lock;

/* Each management request starts without a reason */
void status_clear(void)
{
	spin_lock(&status_lock);
	boot.status.last_error = 0;
	boot.status.reason[0] = 0;
	spin_unlock(&status_lock);
}

/* The first failure wins: that is the one the user needs to see */
int set_status(int err, const char *fmt, ...)
{
	jh_va_list ap;

	spin_lock(&status_lock);
	if (!boot.status.last_error) {
		boot.status.last_error = err;
		jh_va_start(ap, fmt);
		jh_vsnprintf(boot.status.reason, sizeof(boot.status.reason), fmt, ap);
		jh_va_end(ap);
		printk("jh: error: %s\n", boot.status.reason);
	}
	spin_unlock(&status_lock);
	return err;
}
