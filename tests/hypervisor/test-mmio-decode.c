// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the MMIO instruction decoder, the register merge of a
 * read, and the guest page walk behind the instruction fetch, compiled for
 * the host. Every instruction is assembled by `as` from its AT&T text (the
 * INSN table below), so an encoding in the test cannot be wrong by hand.
 * Guest memory for the walker is an anonymous mapping placed at the
 * hypervisor's direct-map address of a made-up host-physical range.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <cmocka.h>

#include "insn.h"

struct jh_hv_boot boot;
struct per_cpu per_cpu[JH_MAX_CPUS];

/* name: assembled bytes in name[] .. name_end[]; mode: .code16/32/64 */
#define INSN(name, code_dir, text)					\
	extern const u8 name[], name##_end[];				\
	asm(".pushsection .rodata\n" code_dir "\n" #name ":\n" text "\n"	\
	    #name "_end:\n.code64\n.popsection")

INSN(ld32, ".code64", "movl (%rdi), %eax");
INSN(st32_disp32, ".code64", "movl %eax, 0x300(%rbx)");
INSN(ld64_sib, ".code64", "movq 0x10(%rsp,%rcx,8), %r9");
INSN(st32_rip, ".code64", "movl %r12d, 0x12345678(%rip)");
INSN(ld8_ah, ".code64", "movb (%rsi), %ah");
INSN(st8_sil, ".code64", "movb %sil, (%rdi)");
INSN(st8_bh, ".code64", "movb %bh, 1(%rdi)");
INSN(st16, ".code64", "movw %dx, 2(%rax)");
INSN(st_imm8, ".code64", "movb $0x5a, (%rdx)");
INSN(st_imm16, ".code64", "movw $0x1234, (%rdx)");
INSN(st_imm32, ".code64", "movl $0xdeadbeef, 0xb0(%rax)");
INSN(st_imm64, ".code64", "movq $-2, (%r8)");
INSN(zx8_32, ".code64", "movzbl (%rax), %ecx");
INSN(zx16_32_r10, ".code64", "movzwl 4(%rax), %r10d");
INSN(zx8_16, ".code64", "movzbw (%rax), %cx");
INSN(zx8_64, ".code64", "movzbq -1(%rbp), %rdx");
INSN(ld_nobase, ".code64", "movl 0x4(,%rax,4), %esi");
INSN(ld_abs, ".code64", "movl 0x1000, %ecx");	/* %eax would be A1 */
INSN(ld_moffs64, ".code64", "movabsl 0xfee00300, %eax");
INSN(st_moffs8_64, ".code64", "movabsb %al, 0xfee00300");
INSN(st_moffs_32, ".code32", "movl %eax, 0xfee000b0");
INSN(ld_moffs_16, ".code16", "movw 0x300, %ax");
INSN(ld_fs, ".code64", "movl %fs:0x10(%rax), %eax");
INSN(ld_addr32, ".code64", "movl (%eax), %ecx");
INSN(ld_r15_disp8, ".code64", "movq -8(%r13), %r15");
INSN(st32_abs_32, ".code32", "movl %ecx, 0xfee000b0");
INSN(ld16_32, ".code32", "movw (%esi), %ax");
INSN(st_imm32_32, ".code32", "movl $7, 0x10(%ebx,%ecx,4)");
INSN(st16_bxsi, ".code16", "movw %ax, (%bx,%si)");
INSN(st32_bp_16, ".code16", "movl %eax, 0x1234(%bp)");
INSN(ld16_abs_16, ".code16", "movw 0x300, %bx");
INSN(ld16_addr32_16, ".code16", "movw (%eax), %dx");
/* refused */
INSN(reg_reg, ".code64", "movl %eax, %ecx");
INSN(rep_movs, ".code64", "rep movsl");
INSN(lock_add, ".code64", "lock addl %eax, (%rbx)");
INSN(add_mem, ".code64", "addl %eax, (%rbx)");
INSN(movnti, ".code64", "movnti %eax, (%rbx)");
INSN(pop_mem, ".code64", "popq (%rax)");
INSN(dec_32, ".code32", "decl %eax\nmovl (%eax), %eax");
INSN(c7_reg1, ".code64", ".byte 0xc7, 0x48, 0x10, 1, 0, 0, 0");	/* C7 /1: not MOV */
INSN(too_long, ".code64", ".fill 14, 1, 0x66\nmovl %eax, (%rbx)");

struct expect {
	const char *name;
	const u8 *code, *end;
	enum mmio_cpu_mode mode;
	unsigned int size, reg, reg_size;
	bool write, high_byte, has_imm;
	u64 imm;
};

#define OK(n, m, ...) { .name = #n, .code = n, .end = n##_end, .mode = MMIO_MODE_##m, \
			__VA_ARGS__ }

static const struct expect good[] = {
	OK(ld32, 64, .size = 4, .reg = 0, .reg_size = 4),
	OK(st32_disp32, 64, .size = 4, .reg = 0, .reg_size = 4, .write = true),
	OK(ld64_sib, 64, .size = 8, .reg = 9, .reg_size = 8),
	OK(st32_rip, 64, .size = 4, .reg = 12, .reg_size = 4, .write = true),
	OK(ld8_ah, 64, .size = 1, .reg = 0, .reg_size = 1, .high_byte = true),
	OK(st8_sil, 64, .size = 1, .reg = 6, .reg_size = 1, .write = true),
	OK(st8_bh, 64, .size = 1, .reg = 3, .reg_size = 1, .write = true,
	   .high_byte = true),
	OK(st16, 64, .size = 2, .reg = 2, .reg_size = 2, .write = true),
	OK(st_imm8, 64, .size = 1, .reg_size = 1, .write = true, .has_imm = true,
	   .imm = 0x5a),
	OK(st_imm16, 64, .size = 2, .reg_size = 2, .write = true, .has_imm = true,
	   .imm = 0x1234),
	OK(st_imm32, 64, .size = 4, .reg_size = 4, .write = true, .has_imm = true,
	   .imm = 0xdeadbeef),
	OK(st_imm64, 64, .size = 8, .reg_size = 8, .write = true, .has_imm = true,
	   .imm = 0xfffffffffffffffeULL),
	OK(zx8_32, 64, .size = 1, .reg = 1, .reg_size = 4),
	OK(zx16_32_r10, 64, .size = 2, .reg = 10, .reg_size = 4),
	OK(zx8_16, 64, .size = 1, .reg = 1, .reg_size = 2),
	OK(zx8_64, 64, .size = 1, .reg = 2, .reg_size = 8),
	OK(ld_nobase, 64, .size = 4, .reg = 6, .reg_size = 4),
	OK(ld_abs, 64, .size = 4, .reg = 1, .reg_size = 4),
	OK(ld_moffs64, 64, .size = 4, .reg = 0, .reg_size = 4),
	OK(st_moffs8_64, 64, .size = 1, .reg = 0, .reg_size = 1, .write = true),
	OK(st_moffs_32, 32, .size = 4, .reg = 0, .reg_size = 4, .write = true),
	OK(ld_moffs_16, 16, .size = 2, .reg = 0, .reg_size = 2),
	OK(ld_fs, 64, .size = 4, .reg = 0, .reg_size = 4),
	OK(ld_addr32, 64, .size = 4, .reg = 1, .reg_size = 4),
	OK(ld_r15_disp8, 64, .size = 8, .reg = 15, .reg_size = 8),
	OK(st32_abs_32, 32, .size = 4, .reg = 1, .reg_size = 4, .write = true),
	OK(ld16_32, 32, .size = 2, .reg = 0, .reg_size = 2),
	OK(st_imm32_32, 32, .size = 4, .reg_size = 4, .write = true, .has_imm = true,
	   .imm = 7),
	OK(st16_bxsi, 16, .size = 2, .reg = 0, .reg_size = 2, .write = true),
	OK(st32_bp_16, 16, .size = 4, .reg = 0, .reg_size = 4, .write = true),
	OK(ld16_abs_16, 16, .size = 2, .reg = 3, .reg_size = 2),
	OK(ld16_addr32_16, 16, .size = 2, .reg = 2, .reg_size = 2),
};

static void test_decode_forms(void **state)
{
	struct mmio_insn insn;
	const char *reason = NULL;
	unsigned int i, len;
	u8 buf[32];

	(void)state;
	for (i = 0; i < ARRAY_SIZE(good); i++) {
		const struct expect *e = &good[i];

		len = e->end - e->code;
		print_message("# %s (%u bytes)\n", e->name, len);
		/* trailing bytes after the instruction must not change anything */
		memset(buf, 0x90, sizeof(buf));
		memcpy(buf, e->code, len);
		assert_int_equal(mmio_decode(buf, sizeof(buf), e->mode, &insn, &reason), 0);
		assert_int_equal(insn.len, len);
		assert_int_equal(insn.size, e->size);
		assert_int_equal(insn.write, e->write);
		assert_int_equal(insn.has_imm, e->has_imm);
		if (e->has_imm)
			assert_int_equal(insn.imm, e->imm);
		else
			assert_int_equal(insn.reg, e->reg);
		assert_int_equal(insn.high_byte, e->high_byte);
		assert_int_equal(insn.reg_size, e->reg_size);
		/* exactly the instruction's bytes are enough */
		assert_int_equal(mmio_decode(e->code, len, e->mode, &insn, &reason), 0);
		assert_int_equal(insn.len, len);
	}
}

struct reject {
	const char *name;
	const u8 *code, *end;
	enum mmio_cpu_mode mode;
	const char *reason;	/* a substring of the reason */
};

#define NO(n, m, r) { #n, n, n##_end, MMIO_MODE_##m, r }

static const struct reject bad[] = {
	NO(reg_reg, 64, "register operand"),
	NO(rep_movs, 64, "REP prefix"),
	NO(lock_add, 64, "LOCK prefix"),
	NO(add_mem, 64, "not a MOV"),
	NO(movnti, 64, "not a MOV"),
	NO(pop_mem, 64, "not a MOV"),
	NO(dec_32, 32, "not a MOV"),
	NO(c7_reg1, 64, "ModRM.reg"),
	NO(too_long, 64, "longer than 15 bytes"),
};

static void test_decode_rejects(void **state)
{
	struct mmio_insn insn;
	const char *reason;
	unsigned int i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		print_message("# %s\n", bad[i].name);
		reason = NULL;
		assert_int_equal(mmio_decode(bad[i].code, bad[i].end - bad[i].code,
					     bad[i].mode, &insn, &reason), -EINVAL);
		assert_non_null(reason);
		assert_non_null(strstr(reason, bad[i].reason));
	}
}

/* Every proper prefix of a valid instruction is refused, never overrun */
static void test_decode_truncated(void **state)
{
	struct mmio_insn insn;
	const char *reason;
	unsigned int i, len, cut;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(good); i++) {
		len = good[i].end - good[i].code;
		for (cut = 0; cut < len; cut++) {
			reason = NULL;
			assert_int_equal(mmio_decode(good[i].code, cut, good[i].mode,
						     &insn, &reason), -EINVAL);
			assert_non_null(strstr(reason, "end early"));
		}
	}
}

/* Random bytes: every answer is a refusal or fits in what was given */
static void test_decode_random(void **state)
{
	u64 seed = 0x9e3779b97f4a7c15ULL;
	struct mmio_insn insn;
	const char *reason;
	unsigned int i, j, ok = 0;
	u8 buf[MMIO_MAX_INSN];

	(void)state;
	for (i = 0; i < 200000; i++) {
		for (j = 0; j < sizeof(buf); j++) {
			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			buf[j] = seed >> 56;
		}
		/* bias towards the supported opcodes to reach deep paths */
		if (i & 1)
			buf[i % 3] = (const u8[]){ 0x88, 0x89, 0x8b, 0xc7, 0x0f, 0xa1 }[i % 6];
		reason = NULL;
		if (!mmio_decode(buf, sizeof(buf), i % 3, &insn, &reason)) {
			ok++;
			assert_in_range(insn.len, 1, sizeof(buf));
			assert_true(insn.size == 1 || insn.size == 2 || insn.size == 4 ||
				    insn.size == 8);
			assert_in_range(insn.reg, 0, 15);
		} else {
			assert_non_null(reason);
		}
	}
	assert_true(ok > 1000);
}

static void test_reg_merge(void **state)
{
	const u64 old = 0x1122334455667788ULL;
	struct mmio_insn i = { 0 };

	(void)state;
	i.size = i.reg_size = 4;
	assert_int_equal(mmio_reg_write(old, &i, 0xaabbccdd), 0xaabbccddULL);
	assert_int_equal(mmio_reg_read(old, &i), 0x55667788ULL);
	i.size = i.reg_size = 8;
	assert_int_equal(mmio_reg_write(old, &i, 0xdeadbeefcafef00dULL),
			 0xdeadbeefcafef00dULL);
	i.size = i.reg_size = 2;
	assert_int_equal(mmio_reg_write(old, &i, 0xabcd), 0x112233445566abcdULL);
	assert_int_equal(mmio_reg_read(old, &i), 0x7788);
	i.size = i.reg_size = 1;
	assert_int_equal(mmio_reg_write(old, &i, 0x1ff), 0x11223344556677ffULL);
	i.high_byte = true;
	assert_int_equal(mmio_reg_write(old, &i, 0xee), 0x112233445566ee88ULL);
	assert_int_equal(mmio_reg_read(old, &i), 0x77);
	/* MOVZX: a byte into a 32-bit register clears everything above it */
	i.high_byte = false;
	i.size = 1;
	i.reg_size = 4;
	assert_int_equal(mmio_reg_write(old, &i, 0xffffff80), 0x80);
	i.reg_size = 2;
	assert_int_equal(mmio_reg_write(old, &i, 0x80), 0x1122334455660080ULL);
}

/* Guest memory: 4 MiB of "host-physical" RAM, guest-physical 0 */
#define HV_PHYS		0x3d000000UL
#define HV_SIZE		(16UL << 20)
#define RAM_PHYS	0x3e000000UL
#define RAM_SIZE	(4UL << 20)
#define PT_P		1ULL
#define PT_RW		2ULL
#define PT_PS		0x80ULL

static u64 *ept;

static u64 *guest_u64(u64 gpa)
{
	return direct_map(RAM_PHYS + gpa);
}

static int walk_setup(void **state)
{
	void *hv = mmap((void *)JH_HV_LINK_BASE, HV_SIZE, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	void *ram = mmap(direct_map(RAM_PHYS), RAM_SIZE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

	(void)state;
	if (hv != (void *)JH_HV_LINK_BASE || ram != direct_map(RAM_PHYS))
		return -1;
	boot.phys_base = HV_PHYS;
	boot.mem_size = HV_SIZE;
	boot.pool_offset = 1UL << 20;
	boot.direct_map_size = 4UL << 30;
	pool_init();
	ept = page_alloc(1);
	if (!ept || gpa_map(ept, 0, RAM_PHYS, RAM_SIZE,
				   JH_MEM_READ | JH_MEM_WRITE | JH_MEM_EXECUTE))
		return -1;
	/*
	 * PML4 0x1000 -> PDPT 0x2000: [0] PD 0x3000, [1] 1 GiB page at 0,
	 * [2] PD at 0x900000 (outside the cell). PD[2] -> PT 0x4000,
	 * PD[3] 2 MiB page at 0x200000. PT: 0x400000 -> 0x10000,
	 * 0x401000 -> 0x20000, 0x402000 not present, 0x403000 -> 0x800000.
	 */
	*guest_u64(0x1000) = 0x2000 | PT_P | PT_RW;
	*guest_u64(0x2000) = 0x3000 | PT_P | PT_RW;
	*guest_u64(0x2000 + 8) = 0 | PT_P | PT_RW | PT_PS;
	*guest_u64(0x2000 + 16) = 0x900000 | PT_P | PT_RW;
	*guest_u64(0x3000 + 2 * 8) = 0x4000 | PT_P | PT_RW;
	*guest_u64(0x3000 + 3 * 8) = 0x200000 | PT_P | PT_RW | PT_PS;
	*guest_u64(0x4000 + 0 * 8) = 0x10000 | PT_P;
	*guest_u64(0x4000 + 1 * 8) = 0x20000 | PT_P | (1ULL << 63);	/* NX */
	*guest_u64(0x4000 + 3 * 8) = 0x800000 | PT_P;
	return 0;
}

static int walk_teardown(void **state)
{
	(void)state;
	munmap(direct_map(RAM_PHYS), RAM_SIZE);
	return munmap((void *)JH_HV_LINK_BASE, HV_SIZE);
}

static const struct guest_paging paging64 = {
	.st = { .cr0 = X86_CR0_PE | X86_CR0_PG, .cr3 = 0x1000,
		.cr4 = 1 << 5, .efer = EFER_LME | EFER_LMA },
};

static void test_walk(void **state)
{
	struct guest_paging pg = paging64;
	const char *reason;
	u64 gpa;

	(void)state;
	pg.gpa_root = ept;
	assert_int_equal(gpa_to_hpa(ept, 0x123456, JH_MEM_READ), RAM_PHYS + 0x123456);
	assert_int_equal(gpa_to_hpa(ept, RAM_SIZE, JH_MEM_READ), ~0ULL);

	assert_int_equal(guest_virt_to_phys(&pg, 0x400abc, &gpa, &reason), 0);
	assert_int_equal(gpa, 0x10abc);
	assert_int_equal(guest_virt_to_phys(&pg, 0x401008, &gpa, &reason), 0);
	assert_int_equal(gpa, 0x20008);
	assert_int_equal(guest_virt_to_phys(&pg, 0x6abcde, &gpa, &reason), 0);
	assert_int_equal(gpa, 0x2abcde);	/* 2 MiB page */
	assert_int_equal(guest_virt_to_phys(&pg, 0x40345678, &gpa, &reason), 0);
	assert_int_equal(gpa, 0x345678);	/* 1 GiB page */
	/* the page behind 0x403000 is outside the cell: translation is fine */
	assert_int_equal(guest_virt_to_phys(&pg, 0x403010, &gpa, &reason), 0);
	assert_int_equal(gpa, 0x800010);

	assert_int_equal(guest_virt_to_phys(&pg, 0x402000, &gpa, &reason), -EINVAL);
	assert_non_null(strstr(reason, "not present"));
	assert_int_equal(guest_virt_to_phys(&pg, 0x80000000, &gpa, &reason), -EINVAL);
	assert_non_null(strstr(reason, "outside the cell"));
	assert_int_equal(guest_virt_to_phys(&pg, 0xc0000000, &gpa, &reason), -EINVAL);
	assert_non_null(strstr(reason, "not present"));

	pg.st.cr0 = X86_CR0_PE;	/* paging off: linear is physical */
	assert_int_equal(guest_virt_to_phys(&pg, 0xfee00300, &gpa, &reason), 0);
	assert_int_equal(gpa, 0xfee00300);
	pg.st.cr0 = X86_CR0_PE | X86_CR0_PG;
	pg.st.efer = 0;		/* 32-bit paging */
	assert_int_equal(guest_virt_to_phys(&pg, 0x1000, &gpa, &reason), -EINVAL);
	assert_non_null(strstr(reason, "4-level"));
}

/* guest_insn() at gva: the access size decoded, 0 if refused */
static unsigned int size_at(const struct guest_paging *pg, u64 gva,
			    enum mmio_cpu_mode mode)
{
	const struct mmio_insn *insn;
	struct mmio_insn buf;
	const char *reason;

	insn = guest_insn(pg, gva, mode, &buf, &reason);
	return insn ? insn->size : 0;
}

/*
 * The fetch: 16 bytes within a page, 15 across a page end (the second
 * page read anew each time: such a fetch is never kept), as far as both
 * pages translate
 */
static void test_fetch_across_pages(void **state)
{
	struct guest_paging pg = paging64;
	const struct mmio_insn *insn;
	const char *reason = NULL;
	struct mmio_insn buf;
	unsigned int len = st_imm32_end - st_imm32;

	(void)state;
	pg.gpa_root = ept;
	memcpy((u8 *)guest_u64(0x10200), st_imm32, len);
	insn = guest_insn(&pg, 0x400200, MMIO_MODE_64, &buf, &reason);
	assert_non_null(insn);
	assert_int_equal(insn->len, len);
	assert_int_equal(insn->imm, 0xdeadbeef);
	memcpy((u8 *)guest_u64(0x10ff1), st_imm32, len);
	insn = guest_insn(&pg, 0x400ff1, MMIO_MODE_64, &buf, &reason);
	assert_non_null(insn);
	assert_int_equal(insn->imm, 0xdeadbeef);
	/* 0x401000 -> 0x11000 for now: the next page in host memory as well */
	*guest_u64(0x4000 + 8) = 0x11000 | PT_P;
	memcpy((u8 *)guest_u64(0x10ffd), st_imm32, 3);
	memcpy((u8 *)guest_u64(0x11000), st_imm32 + 3, len - 3);
	memcpy((u8 *)guest_u64(0x20000), st_imm32 + 3, len - 3);
	*((u8 *)guest_u64(0x20000) + len - 4) = 0x12;	/* imm 0x12adbeef */
	insn = guest_insn(&pg, 0x400ffd, MMIO_MODE_64, &buf, &reason);
	assert_non_null(insn);
	assert_int_equal(insn->len, len);
	assert_int_equal(insn->imm, 0xdeadbeef);
	*guest_u64(0x4000 + 8) = 0x20000 | PT_P | (1ULL << 63);
	insn = guest_insn(&pg, 0x400ffd, MMIO_MODE_64, &buf, &reason);
	assert_non_null(insn);
	assert_int_equal(insn->imm, 0x12adbeef);

	/* the read stops where translation does: 0x402000 is not present */
	memcpy((u8 *)guest_u64(0x20ffe), ld32, 2);
	insn = guest_insn(&pg, 0x401ffe, MMIO_MODE_64, &buf, &reason);
	assert_non_null(insn);
	assert_int_equal(insn->len, 2);
	memcpy((u8 *)guest_u64(0x20ffe), st32_disp32, 2);
	assert_null(guest_insn(&pg, 0x401ffe, MMIO_MODE_64, &buf, &reason));
	assert_non_null(strstr(reason, "end early"));
	/* and where the EPT does: 0x403000 -> 0x800000 is not the cell's */
	assert_null(guest_insn(&pg, 0x403000, MMIO_MODE_64, &buf, &reason));
	assert_non_null(strstr(reason, "not readable"));
}

/*
 * A kept instruction is reused only for the same bytes, guest entries,
 * guest-physical tables, paging registers, mode and cell: after each change below the
 * guest's current instruction is decoded (another access size), never
 * the kept one
 */
static void test_kept_insn(void **state)
{
	struct guest_paging pg = paging64, other;
	u64 *ept2 = page_alloc(1);

	(void)state;
	pg.gpa_root = ept;
	/* another cell's tables: the same, but its page 0x10000 is at 0x30000 */
	assert_non_null(ept2);
	assert_int_equal(gpa_map(ept2, 0, RAM_PHYS, RAM_SIZE, JH_MEM_READ), 0);
	assert_int_equal(gpa_unmap(ept2, 0x10000, PAGE_SIZE), 0);
	assert_int_equal(gpa_map(ept2, 0x10000, RAM_PHYS + 0x30000, PAGE_SIZE,
				 JH_MEM_READ), 0);
	/* another CR3: PML4 0x5000 -> PDPT 0x6000 -> PD 0x7000, 0x400000 -> 0x200000 */
	*guest_u64(0x5000) = 0x6000 | PT_P;
	*guest_u64(0x6000) = 0x7000 | PT_P;
	*guest_u64(0x7000 + 2 * 8) = 0x200000 | PT_P | PT_PS;
	memcpy((u8 *)guest_u64(0x10100), ld32, 2);	/* 16-bit: movw (%bx), %ax */
	memcpy((u8 *)guest_u64(0x30100), ld64_sib, ld64_sib_end - ld64_sib);
	memcpy((u8 *)guest_u64(0x200100), st8_sil, st8_sil_end - st8_sil);

	assert_int_equal(size_at(&pg, 0x400100, MMIO_MODE_64), 4);
	assert_int_equal(size_at(&pg, 0x400100, MMIO_MODE_64), 4);	/* kept */
	assert_int_equal(size_at(&pg, 0x400100, MMIO_MODE_16), 2);
	other = pg;
	other.st.cr3 = 0x5000;
	assert_int_equal(size_at(&other, 0x400100, MMIO_MODE_64), 1);
	other = pg;
	other.gpa_root = ept2;
	assert_int_equal(size_at(&other, 0x400100, MMIO_MODE_64), 8);
	/* the guest's PTE moves the page, and back */
	*guest_u64(0x4000) = 0x30000 | PT_P;
	assert_int_equal(size_at(&pg, 0x400100, MMIO_MODE_64), 8);
	*guest_u64(0x4000) = 0x10000 | PT_P;
	assert_int_equal(size_at(&pg, 0x400100, MMIO_MODE_64), 4);
	/* rewritten in place into an ADD: refused */
	memcpy((u8 *)guest_u64(0x10100), add_mem, add_mem_end - add_mem);
	assert_int_equal(size_at(&pg, 0x400100, MMIO_MODE_64), 0);
	memcpy((u8 *)guest_u64(0x10100), ld32, 2);
	assert_int_equal(size_at(&pg, 0x400100, MMIO_MODE_64), 4);
	/* the cell loses the page's RAM (gpa_generation): refused */
	assert_int_equal(gpa_unmap(ept, 0x10000, PAGE_SIZE), 0);
	assert_int_equal(size_at(&pg, 0x400100, MMIO_MODE_64), 0);
	assert_int_equal(gpa_map(ept, 0x10000, RAM_PHYS + 0x10000, PAGE_SIZE,
				 JH_MEM_READ | JH_MEM_WRITE), 0);
	assert_int_equal(size_at(&pg, 0x400100, MMIO_MODE_64), 4);
	/* another paging mode: refused by the walk */
	pg.st.cr4 |= 1 << 12;	/* LA57 */
	assert_int_equal(size_at(&pg, 0x400100, MMIO_MODE_64), 0);
	pg.st.cr4 = paging64.st.cr4;
	pg.st.efer = EFER_LME;	/* LMA clear */
	assert_int_equal(size_at(&pg, 0x400100, MMIO_MODE_64), 0);
	pg.st.efer = paging64.st.efer;
	/* paging off: linear is physical (here past the cell's RAM) */
	pg.st.cr0 = X86_CR0_PE;
	assert_int_equal(size_at(&pg, 0x400100, MMIO_MODE_64), 0);
	/* what paging off fetched is not reused with paging on (not mapped) */
	assert_int_equal(size_at(&pg, 0x10100, MMIO_MODE_64), 4);
	pg.st.cr0 = X86_CR0_PE | X86_CR0_PG;
	assert_int_equal(size_at(&pg, 0x10100, MMIO_MODE_64), 0);
}

int main(void)
{
	const struct CMUnitTest decode[] = {
		cmocka_unit_test(test_decode_forms),
		cmocka_unit_test(test_decode_rejects),
		cmocka_unit_test(test_decode_truncated),
		cmocka_unit_test(test_decode_random),
		cmocka_unit_test(test_reg_merge),
	};
	const struct CMUnitTest walk[] = {
		cmocka_unit_test(test_walk),
		cmocka_unit_test(test_fetch_across_pages),
		cmocka_unit_test(test_kept_insn),
	};
	int fails;

	fails = cmocka_run_group_tests_name("mmio-decode", decode, NULL, NULL);
	fails += cmocka_run_group_tests_name("mmio-fetch", walk, walk_setup,
					     walk_teardown);
	return fails ? 1 : 0;
}
