// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * violate-port: accesses an I/O port outside the cell's port ranges. In a
 * jh cell the hypervisor must stop the cell there (I/O bitmap); the line
 * printed first names the port.
 */
#include <inmate/inmate.h>
#include <inmate/console.h>
#include <inmate/x86.h>

/* COM1's line status register: the root cell's console, never a cell's */
static uint64_t ioport = 0x3fd;
static bool write_access;

static const struct cmdline_param params[] = {
	CMDLINE_U64_PARAM("ioport", ioport, "I/O port to access"),
	CMDLINE_BOOL_PARAM("write", write_access, "write 0 instead of reading"),
	CMDLINE_END
};

static int violate_port_main(void)
{
	if (ioport > 0xffff) {
		printk("violate-port: ioport=0x%lx: give a port number up to 0xffff\n",
		       (unsigned long)ioport);
		return -1;
	}
	printk("violate-port: about to %s I/O port 0x%lx\n",
	       write_access ? "write" : "read", (unsigned long)ioport);
	if (write_access)
		outb(ioport, 0);
	else
		printk("violate-port: read 0x%x\n", inb(ioport));
	printk("violate-port: VIOLATION NOT STOPPED: the %s of port 0x%lx succeeded\n",
	       write_access ? "write" : "read", (unsigned long)ioport);
	return 1;
}

INMATE("violate-port", violate_port_main, params);
