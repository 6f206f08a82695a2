// SPDX-License-Identifier: GPL-2.0
/*
 * Port I/O that traps: everything outside the cell's configured ranges, and
 * the PCI configuration ports 0xcf8-0xcff, which the hypervisor performs
 * on a cell's behalf (x86/pci-cfg.c, core/pci.c filter them). A root
 * access to a port it does not own gets what a bus with nobody behind the
 * port gives (all ones, writes lost); a cell's fails the cell, but for
 * reads of the ACPI PM timer (Linux's Jailhouse guest interface counts
 * on it) and the PCI configuration ports (a cell sees its own devices).
 */
#include "vmx-cpu.h"
#include "vmx.h"

#define PCI_CONFIG_FIRST	0xcf8
#define PCI_CONFIG_LAST		0xcff

/* A non-root cell's read of the PM timer: read-only, a free-running counter */
static bool cell_port(u16 port, unsigned int size, bool in, u32 *v)
{
	u32 pm = sys_config->platform.pm_timer_port;

	if (!pm || !in || port < pm || port + size > pm + 4)
		return false;
	*v = port_read(port, size);
	return true;
}

/* A port the root does not own: reported (a few times), nobody answers */
static void root_unowned_port(struct per_cpu *c, u16 port, bool in)
{
	static unsigned int reported;

	if (report_allowed(&reported))
		printk("jh: root cell port %s 0x%x on CPU %u ignored: not a port of "
		       "the root cell (reads return all ones)\n", in ? "read" : "write",
		       port, c->cpu);
}

bool handle_io(struct per_cpu *c, struct guest_regs *regs)
{
	u64 qual = vmread(EXIT_QUALIFICATION);
	unsigned int size = (qual & 7) + 1;
	bool in = qual & 8, string = qual & 16;
	u16 port = qual >> 16;
	u64 *rax = guest_reg(regs, REG_RAX);
	u64 mask = size == 4 ? 0xffffffffULL : (1ULL << (8 * size)) - 1;
	u32 v = *rax;

	bool pci = port >= PCI_CONFIG_FIRST && port + size - 1 <= PCI_CONFIG_LAST;

	/* a cell's ports are in its bitmap: what traps is config space, the PM timer or a violation */
	if (c->cell != &root_cell && (string || (!pci && !cell_port(port, size, in, &v))))
		cell_fail(c, "port I/O %s at port 0x%x", in ? "read" : "write", port);
	/* INS/OUTS to a trapped port: not emulated, the root gets #GP */
	if (string)
		return inject_exception(13, true, 0);
	if (pci) {
		pci_port_access(c, port, size, in, &v);
	} else if (c->cell == &root_cell) {
		root_unowned_port(c, port, in);
		v = ~0U;
	}
	if (in)
		*rax = size == 4 ? v : (*rax & ~mask) | (v & mask);
	return skip_instruction();
}
