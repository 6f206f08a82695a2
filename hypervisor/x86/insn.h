/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Emulating a trapped MMIO access: the instruction decoder (insn-decode.c)
 * and guest memory reads through the guest's page tables and the cell's
 * guest-physical tables (guest-paging.c). Pure enough for host tests.
 */
#ifndef _HV_X86_INSN_H
#define _HV_X86_INSN_H

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

/* What the guest's address translation needs */
struct guest_paging {
	const u64 *gpa_root;	/* the cell's guest-physical tables */
	struct vcpu_state st;	/* CR0, CR3, CR4, EFER: vcpu_get_state() */
	unsigned int cpu;	/* whose kept instructions guest_insn() may reuse */
};

/* Guest-linear to guest-physical; -EFAULT / -EINVAL with *reason */
int guest_virt_to_phys(const struct guest_paging *pg, u64 gva, u64 *gpa,
		       const char **reason);

/*
 * The MOV at guest-linear gva decoded (mode: the guest's code size), its
 * bytes read through the guest's page tables: 16 within a page, else up
 * to MMIO_MAX_INSN as far as the pages translate. The decode kept for
 * pg->cpu, or *insn filled (and kept); NULL with *reason if refused.
 */
const struct mmio_insn *guest_insn(const struct guest_paging *pg, u64 gva,
				  enum mmio_cpu_mode mode, struct mmio_insn *insn,
				  const char **reason);

#endif /* _HV_X86_INSN_H */
