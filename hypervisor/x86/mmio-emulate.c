// SPDX-License-Identifier: GPL-2.0
/*
 * A trapped MMIO access emulated: the faulting instruction is fetched
 * through the guest's page tables, decoded, and the access handed to the
 * emulator of the page (core/mmio.c); the guest then continues after the
 * instruction. Also the uncached mapping of device pages the emulators
 * use, and the root cell's trapped interrupt controllers.
 */
#include "apic.h"
#include "insn.h"
#include "mmio.h"
#include "paging.h"

#define PTE_P		(1ULL << 0)
#define PTE_PWT		(1ULL << 3)
#define PTE_PCD		(1ULL << 4)

/*
 * The driver's direct map is write-back in 2 MiB pages; device registers
 * need UC. PCD|PWT (PAT entry 3: UC in Linux's and the reset PAT) on every
 * 2 MiB page the range touches, which must hold nothing but MMIO (true of
 * the APIC and IOAPIC ranges at 0xfec00000-0xfeffffff). Every CPU flushes
 * its TLB afterwards (apic_cpu_init).
 */
volatile void *mmio_map_uncached(u64 phys, u64 size)
{
	static const struct jh_paging host = {
		.present = PTE_P, .large_levels = 1 << 2 | 1 << 3,
		.table = paging_hv_table,
	};
	u64 va, *entry, page;
	unsigned int level;

	if (!size || phys + size > boot.direct_map_size || phys + size < phys)
		return NULL;
	for (page = phys & ~0x1fffffULL; page < phys + size; page += 0x200000) {
		va = (u64)direct_map(page);
		level = 2;
		entry = jh_paging_walk(&host, NULL, paging_hv_table(NULL, read_cr3() &
				       JH_PAGING_ADDR), va, &level, false);
		if (!entry || level != 2 ||
		    (*entry & (PTE_P | JH_PAGING_PS)) != (PTE_P | JH_PAGING_PS))
			return NULL;
		*entry |= PTE_PCD | PTE_PWT;
		asm volatile("invlpg (%0)" : : "r"(va) : "memory");
	}
	return (volatile void *)direct_map(phys);
}

static enum mmio_cpu_mode guest_mode(const struct vcpu_state *st)
{
	if (!(st->cr0 & X86_CR0_PE))
		return MMIO_MODE_16;
	if ((st->efer & EFER_LMA) && st->cs_long)
		return MMIO_MODE_64;
	return st->cs_32 ? MMIO_MODE_32 : MMIO_MODE_16;
}

static int refuse(struct per_cpu *c, u64 gpa, u64 rip, const char *why)
{
	printk("jh: CPU %u: MMIO access at 0x%lx (RIP 0x%lx) not emulated: %s\n",
	       c->cpu, gpa, rip, why);
	return 0;
}

/* What the root reads where nothing of its own is: no device answers */
static bool unbacked_access(struct per_cpu *c, void *opaque, u64 offset,
			    unsigned int size, bool write, u64 *value)
{
	static unsigned int reported;

	if (report_allowed(&reported))
		printk("jh: root cell %s at 0x%lx on CPU %u ignored: not memory of the "
		       "root cell (reads return all ones)\n", write ? "write" : "read",
		       (u64)opaque + offset, c->cpu);
	if (!write)
		*value = ~0ULL;
	return true;
}

int mmio_access(struct per_cpu *c, struct guest_regs *regs, u64 gpa, bool write)
{
	const struct mmio_region *r = mmio_find(c->cell, gpa);
	struct mmio_region unbacked;
	const struct mmio_insn *insn;
	u64 value = 0, linear;
	enum mmio_cpu_mode mode;
	struct mmio_insn decoded;
	struct guest_paging pg;
	const char *reason;

	if (!r && c->cell != &root_cell)
		return 0;	/* only the root's accesses are answered so */
	if (!r) {
		unbacked = (struct mmio_region){ &root_cell, gpa & ~(PAGE_SIZE - 1), PAGE_SIZE,
			unbacked_access, (void *)(gpa & ~(PAGE_SIZE - 1)) };
		r = &unbacked;
	}
	pg.gpa_root = c->cell->gpa_root;
	pg.cpu = c->cpu;
	vcpu_get_state(&pg.st);
	mode = guest_mode(&pg.st);
	/* CS.base counts outside 64-bit mode only */
	linear = mode == MMIO_MODE_64 ? pg.st.rip : pg.st.cs_base + pg.st.rip;
	insn = guest_insn(&pg, linear, mode, &decoded, &reason);
	if (!insn)
		return refuse(c, gpa, pg.st.rip, reason);
	if (insn->write != write)
		return refuse(c, gpa, pg.st.rip, "decoded direction differs from the fault");
	if (gpa + insn->size > r->base + r->size)
		return refuse(c, gpa, pg.st.rip, "access crosses the end of the emulated page");
	if (write)
		value = insn->has_imm ? insn->imm : mmio_reg_read(vcpu_gpr(regs, insn->reg),
								  insn);
	if (!r->handler(c, r->opaque, gpa - r->base, insn->size, write, &value))
		return refuse(c, gpa, pg.st.rip, "the page's emulator refused the access");
	if (!write)
		vcpu_set_gpr(regs, insn->reg, mmio_reg_write(vcpu_gpr(regs, insn->reg),
							     insn, value));
	vcpu_set_rip(pg.st.rip + insn->len);
	return 1;
}

int mmio_trap_root(struct cell *root)
{
	int err = xapic_trap_root(root);

	return err ? err : ioapic_trap_root(root);
}
