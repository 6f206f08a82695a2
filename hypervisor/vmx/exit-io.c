// SPDX-License-Identifier: GPL-2.0
/*
 * Port I/O that traps: everything outside the cell's configured ranges, and
 * the PCI configuration ports 0xcf8-0xcff, which the hypervisor performs on
 * the cell's behalf (the one place to moderate config space per device).
 */
#include "vmx-cpu.h"
#include "vmx.h"

#define PCI_CONFIG_FIRST	0xcf8
#define PCI_CONFIG_LAST		0xcff

static u32 port_in(u16 port, unsigned int size)
{
	u32 v;

	if (size == 1)
		asm volatile("inb %1, %b0" : "=a"(v) : "Nd"(port));
	else if (size == 2)
		asm volatile("inw %1, %w0" : "=a"(v) : "Nd"(port));
	else
		asm volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static void port_out(u16 port, unsigned int size, u32 v)
{
	if (size == 1)
		asm volatile("outb %b0, %1" : : "a"(v), "Nd"(port));
	else if (size == 2)
		asm volatile("outw %w0, %1" : : "a"(v), "Nd"(port));
	else
		asm volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}

bool handle_io(struct per_cpu *c, struct guest_regs *regs)
{
	u64 qual = vmread(EXIT_QUALIFICATION);
	unsigned int size = (qual & 7) + 1;
	bool in = qual & 8, string = qual & 16;
	u16 port = qual >> 16;
	u64 *rax = guest_reg(regs, REG_RAX);
	u64 mask = size == 4 ? 0xffffffffULL : (1ULL << (8 * size)) - 1;

	/* a cell's ports are all in its bitmap: whatever traps is a violation */
	if (c->cell != &root_cell)
		cell_fail(c, "port I/O %s at port 0x%x", in ? "read" : "write", port);
	if (string || port < PCI_CONFIG_FIRST || port + size - 1 > PCI_CONFIG_LAST)
		return false;
	/* cells get no PCI devices in this version: the root owns every one */
	if (in)
		*rax = size == 4 ? port_in(port, size) :
		       (*rax & ~mask) | port_in(port, size);
	else
		port_out(port, size, *rax & mask);
	skip_instruction();
	return true;
}
