// SPDX-License-Identifier: GPL-2.0
/*
 * Decoder for the MOV forms that reach emulated MMIO pages: Linux's
 * readl/writel family and the inmates' register accesses compile to these
 * and nothing else. The memory address itself is not computed (the EPT
 * violation reports the guest-physical address); what matters is the
 * length, the direction, the size and the register or immediate.
 */
#include "insn.h"

#define REX_W		0x08
#define REX_R		0x04

/* The supported opcodes, by opcode byte; everything else is refused by name */
struct mov_form {
	bool mov;		/* a supported form */
	bool two_byte;		/* 0F xx */
	bool write;		/* to memory */
	bool byte;		/* 8-bit operand */
	bool imm;		/* immediate source; ModRM.reg must be 0 */
	bool moffs;		/* no ModRM: AL/AX/EAX/RAX and an absolute address */
	u8 zext_from;		/* MOVZX: memory size 1 or 2 */
};

static const struct mov_form mov_forms[256] = {
	[0x88] = { .mov = true, .write = true, .byte = true },	/* mov m8, r8 */
	[0x89] = { .mov = true, .write = true },		/* mov m, r */
	[0x8a] = { .mov = true, .byte = true },			/* mov r8, m8 */
	[0x8b] = { .mov = true },				/* mov r, m */
	[0xa0] = { .mov = true, .byte = true, .moffs = true },	/* mov al, moffs */
	[0xa1] = { .mov = true, .moffs = true },		/* mov eax, moffs */
	[0xa2] = { .mov = true, .write = true, .byte = true, .moffs = true },
	[0xa3] = { .mov = true, .write = true, .moffs = true },
	[0xc6] = { .mov = true, .write = true, .byte = true, .imm = true },
	[0xc7] = { .mov = true, .write = true, .imm = true },
	[0xb6] = { .mov = true, .two_byte = true, .zext_from = 1 },	/* movzx r, m8 */
	[0xb7] = { .mov = true, .two_byte = true, .zext_from = 2 },	/* movzx r, m16 */
};

struct decoder {
	const u8 *code;
	unsigned int avail, pos;
	const char *reason;
};

/* avail is at most MMIO_MAX_INSN: one compare a byte */
static bool fetch(struct decoder *d, u8 *b)
{
	if (d->pos >= d->avail) {
		d->reason = d->pos >= MMIO_MAX_INSN ?
			"instruction longer than 15 bytes" :
			"instruction bytes end early (code page not readable)";
		return false;
	}
	*b = d->code[d->pos++];
	return true;
}

/* Skips n bytes, returning them little-endian (immediates, displacements) */
static bool fetch_n(struct decoder *d, unsigned int n, u64 *val)
{
	unsigned int i;
	u8 b;

	*val = 0;
	for (i = 0; i < n; i++) {
		if (!fetch(d, &b))
			return false;
		*val |= (u64)b << (8 * i);
	}
	return true;
}

/* Past n bytes whose value does not matter (addresses: the fault has it) */
static bool skip(struct decoder *d, unsigned int n)
{
	u64 ignored;

	if (d->pos + n > d->avail)
		return fetch_n(d, n, &ignored);	/* fails with the reason */
	d->pos += n;
	return true;
}

/* ModRM (or a moffs address), SIB and displacement: up to the immediate */
static bool memory_operand(struct decoder *d, const struct mov_form *f,
			   unsigned int addr_size, u8 *modrm)
{
	bool a16 = addr_size == 2;	/* no SIB; disp16 alone is rm 6 */
	unsigned int mod, rm, disp = 0;
	u8 sib;

	*modrm = 0;
	if (f->moffs)	/* the accumulator, and an address of address size */
		return skip(d, addr_size);
	if (!fetch(d, modrm))
		return false;
	mod = *modrm >> 6;
	rm = *modrm & 7;
	if (mod == 3) {
		d->reason = "register operand (ModRM mod 3): no memory access";
		return false;
	}
	if (f->imm && (*modrm & 0x38)) {
		d->reason = "opcode C6/C7 with ModRM.reg != 0 is not MOV";
		return false;
	}
	if (!a16 && rm == 4) {
		if (!fetch(d, &sib))
			return false;
		if (mod == 0 && (sib & 7) == 5)
			disp = 4;	/* no base: disp32 */
	}
	/* mod 0 rm 5, 32/64-bit: disp32 alone (RIP-relative in 64-bit mode) */
	if (mod == 1)
		disp = 1;
	else if (mod == 2 || (mod == 0 && rm == (a16 ? 6 : 5)))
		disp = a16 ? 2 : 4;
	return skip(d, disp);
}

static u64 sign_extend(u64 val, unsigned int from, unsigned int to)
{
	unsigned int shift = 64 - 8 * from;
	u64 v = (u64)((int64_t)(val << shift) >> shift);

	return to == 8 ? v : v & ((1ULL << (8 * to)) - 1);
}

static int fail(struct decoder *d, const char *why, const char **reason)
{
	*reason = why ? why : d->reason;
	return -EINVAL;
}

int mmio_decode(const u8 *code, unsigned int avail, enum mmio_cpu_mode mode,
		struct mmio_insn *insn, const char **reason)
{
	struct decoder d = { .code = code,
			     .avail = avail < MMIO_MAX_INSN ? avail : MMIO_MAX_INSN };
	bool opsize = false, adsize = false, two_byte = false;
	unsigned int op_size, addr_size;
	const struct mov_form *f;
	u8 b, rex = 0, modrm;
	u64 imm;

	*insn = (struct mmio_insn){ 0 };
	for (;;) {
		if (!fetch(&d, &b))
			return fail(&d, NULL, reason);
		if (b == 0x66)
			opsize = true;
		else if (b == 0x67)
			adsize = true;
		else if (b == 0xf0)
			return fail(&d, "LOCK prefix: not a plain MOV", reason);
		else if (b == 0xf2 || b == 0xf3)
			return fail(&d, "REP prefix: string instructions are not "
				    "emulated on MMIO", reason);
		else if (b != 0x26 && b != 0x2e && b != 0x36 && b != 0x3e &&
			 b != 0x64 && b != 0x65)
			break;	/* segment overrides do not change the GPA */
	}
	if (mode == MMIO_MODE_64 && (b & 0xf0) == 0x40) {
		rex = b;
		if (!fetch(&d, &b))
			return fail(&d, NULL, reason);
	}
	if (b == 0x0f) {
		two_byte = true;
		if (!fetch(&d, &b))
			return fail(&d, NULL, reason);
	}
	f = &mov_forms[b];
	if (!f->mov || f->two_byte != two_byte)
		return fail(&d, "not a MOV/MOVZX between a register or an "
			    "immediate and memory", reason);
	op_size = (mode == MMIO_MODE_16) != opsize ? 2 : 4;
	if (rex & REX_W)
		op_size = 8;
	if (mode == MMIO_MODE_64)
		addr_size = adsize ? 4 : 8;
	else
		addr_size = (mode == MMIO_MODE_16) != adsize ? 2 : 4;
	if (!memory_operand(&d, f, addr_size, &modrm))
		return fail(&d, NULL, reason);

	insn->write = f->write;
	insn->reg = f->moffs ? 0 : ((modrm >> 3) & 7) | ((rex & REX_R) ? 8 : 0);
	if (f->byte) {
		insn->size = insn->reg_size = 1;
		/* without REX, registers 4-7 of a byte form are AH, CH, DH, BH */
		if (!rex && insn->reg >= 4 && !f->imm) {
			insn->reg -= 4;
			insn->high_byte = true;
		}
	} else if (f->zext_from) {
		insn->size = f->zext_from;
		insn->reg_size = op_size;
	} else {
		insn->size = insn->reg_size = op_size;
	}
	if (f->imm) {
		insn->has_imm = true;
		insn->reg = 0;
		/* imm8, imm16, or imm32 (sign-extended for 64-bit stores) */
		if (!fetch_n(&d, insn->size == 8 ? 4 : insn->size, &imm))
			return fail(&d, NULL, reason);
		insn->imm = sign_extend(imm, insn->size == 8 ? 4 : insn->size,
					insn->size);
	}
	insn->len = d.pos;
	return 0;
}

static u64 size_mask(unsigned int size)
{
	return size == 8 ? ~0ULL : (1ULL << (8 * size)) - 1;
}

u64 mmio_reg_read(u64 reg, const struct mmio_insn *insn)
{
	if (insn->high_byte)
		return (reg >> 8) & 0xff;
	return reg & size_mask(insn->size);
}

u64 mmio_reg_write(u64 reg, const struct mmio_insn *insn, u64 val)
{
	val &= size_mask(insn->size);	/* MOVZX: the upper bits become 0 */
	if (insn->high_byte)
		return (reg & ~0xff00ULL) | (val << 8);
	/*
	 * 8- and 16-bit destinations keep the rest of the register; a 32-bit
	 * one clears bits 63:32, as in 64-bit mode
	 */
	return insn->reg_size <= 2 ? (reg & ~size_mask(insn->reg_size)) | val : val;
}
