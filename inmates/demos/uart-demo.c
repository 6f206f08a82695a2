// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * uart-demo: prints a greeting, then counts, one line per interval, until
 * `count` lines are out (0 = forever) or the cell is asked to shut down.
 */
#include <inmate/inmate.h>
#include <inmate/comm.h>
#include <inmate/console.h>
#include <inmate/timing.h>

static uint64_t count = 10;
static uint64_t interval_ms = 100;

static const struct cmdline_param params[] = {
	CMDLINE_U64_PARAM("count", count, "lines to print, 0 = until shut down"),
	CMDLINE_U64_PARAM("interval_ms", interval_ms, "pause between lines in ms"),
	CMDLINE_END
};

static int uart_demo_main(void)
{
	uint64_t printed = 0;
	int ret;

	printk("Hello from uart-demo!\n");
	ret = timing_init();
	if (ret)
		return ret;
	while (count == 0 || printed < count) {
		printk("uart-demo: count %lu\n", (unsigned long)++printed);
		delay_us(interval_ms * 1000);
		if (comm_poll()) {
			printk("uart-demo: shutdown requested, stopping\n");
			break;
		}
	}
	printk("uart-demo: done after %lu lines\n", (unsigned long)printed);
	return 0;
}

INMATE("uart-demo", uart_demo_main, params);
