// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * violate-memory: writes to a guest-physical address outside the cell's
 * memory regions. In a jh cell the hypervisor must stop the cell there
 * (EPT violation); the line printed first names the address, so a test
 * can match it against the hypervisor's message.
 */
#include <inmate/inmate.h>
#include <inmate/console.h>
#include <inmate/layout.h>
#include <inmate/timing.h>

/* 512 MiB: root RAM in the emulator plan, in no sample cell's regions */
static uint64_t addr = 0x20000000;
static bool read_only;
static uint64_t wait_ms;

static const struct cmdline_param params[] = {
	CMDLINE_U64_PARAM("addr", addr,
			  "guest-physical address to touch (4 GiB and up: a page fault)"),
	CMDLINE_BOOL_PARAM("read", read_only, "read instead of write"),
	CMDLINE_U64_PARAM("wait_ms", wait_ms,
			  "run this long first (peers see the cell up, then fail)"),
	CMDLINE_END
};

static int violate_memory_main(void)
{
	volatile uint32_t *p = (volatile uint32_t *)addr;

	if (addr >= (uint64_t)INMATE_MAPPED_GIB << 30)
		printk("violate-memory: 0x%lx is above the %u GiB the inmate maps: "
		       "expect a page fault report\n", (unsigned long)addr, INMATE_MAPPED_GIB);
	if (wait_ms && !timing_init())
		delay_us(wait_ms * 1000);
	printk("violate-memory: about to %s guest-physical 0x%lx\n",
	       read_only ? "read" : "write", (unsigned long)addr);
	if (read_only)
		printk("violate-memory: read 0x%x\n", *p);
	else
		*p = 0x6a686a68;
	printk("violate-memory: VIOLATION NOT STOPPED: the %s of 0x%lx succeeded\n",
	       read_only ? "read" : "write", (unsigned long)addr);
	return 1;
}

INMATE("violate-memory", violate_memory_main, params);
