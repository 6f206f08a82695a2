/* SPDX-License-Identifier: GPL-2.0 */
/*
 * MMIO emulation: the instruction decoder (mmio-decode.c), guest memory
 * reads through the guest's page tables and the cell's EPT
 * (mmio-fetch.c), and the dispatch of a trapped access to the page's
 * emulator (mmio.c; the xAPIC page of the root cell in xapic.c).
 */
#ifndef _HV_MMIO_H
#define _HV_MMIO_H

#include "hv.h"

/* Code size of the guest (CS.L / CS.D, CR0.PE): the default sizes */
enum mmio_cpu_mode {
	MMIO_MODE_16,
	MMIO_MODE_32,
	MMIO_MODE_64,
};

#define MMIO_MAX_INSN	15

/* One decoded MOV between a register or an immediate and memory */
struct mmio_insn {
	unsigned int len;	/* bytes, prefixes included */
	unsigned int size;	/* memory access: 1, 2, 4 or 8 bytes */
	bool write;		/* true: register/immediate -> memory */
	bool has_imm;		/* write of imm (already sign-extended to size) */
	u64 imm;
	unsigned int reg;	/* 0 = RAX .. 15 = R15 */
	bool high_byte;		/* AH, CH, DH, BH: bits 15:8 of reg - 4 */
	unsigned int reg_size;	/* register width a read writes: 1, 2, 4, 8 */
};

/*
 * Decodes code[0 .. avail) (mode: the guest's code size). 0 and *insn
 * filled, or -EINVAL with *reason saying why it is not a supported MOV.
 */
int mmio_decode(const u8 *code, unsigned int avail, enum mmio_cpu_mode mode,
		struct mmio_insn *insn, const char **reason);

/* The register value a write stores (before truncation to insn->size) */
u64 mmio_reg_read(u64 reg, const struct mmio_insn *insn);

/* A read's value merged into the register as the CPU would */
u64 mmio_reg_write(u64 reg, const struct mmio_insn *insn, u64 val);

/* What the guest's address translation needs (from its VMCS) */
struct guest_paging {
	const u64 *ept_root;	/* the cell's EPT */
	u64 cr0, cr3, cr4, efer;
};

/* Host-physical address of gpa through an EPT; ~0 if not readable */
u64 ept_gpa_to_hpa(const u64 *ept_root, u64 gpa);

/* Guest-linear to guest-physical; -EFAULT / -EINVAL with *reason */
int guest_virt_to_phys(const struct guest_paging *pg, u64 gva, u64 *gpa,
		       const char **reason);

/*
 * Reads up to len bytes at guest-linear gva, page by page; returns the
 * number read (stops at the first page that does not translate).
 */
unsigned int guest_read(const struct guest_paging *pg, u64 gva, void *buf,
			unsigned int len);

/*
 * An EPT violation at gpa on CPU c (write: the access was a write).
 * 1: emulated, the guest continues after the instruction; 0: not a page
 * the hypervisor emulates, or an access it cannot (reason on the
 * console): the caller treats it as a violation.
 */
int mmio_access(struct per_cpu *c, struct guest_regs *regs, u64 gpa, bool write);

/*
 * An emulated page: the handler does one access of size bytes at offset
 * (opaque: what mmio_register() was given); false refuses it.
 */
typedef bool (*mmio_handler_t)(struct per_cpu *c, void *opaque, u64 offset,
			       unsigned int size, bool write, u64 *value);

/* The hypervisor's mapping of a device page, uncached; NULL if impossible */
volatile void *mmio_map_uncached(u64 phys);

/* Emulate [base, base + size) of a cell's guest-physical space */
int mmio_register(const struct cell *cell, u64 base, u64 size,
		  mmio_handler_t handler, void *opaque);

/*
 * The root cell's interrupt controllers, emulated so that it cannot reach
 * other cells' CPUs: its xAPIC page (xapic.c), its IOAPICs (mmio-ioapic.c)
 */
int mmio_trap_root(struct cell *root);
int xapic_trap_root(struct cell *root);
int ioapic_trap_root(struct cell *root);

#endif /* _HV_MMIO_H */
