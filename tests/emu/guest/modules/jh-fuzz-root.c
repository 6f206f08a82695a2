// SPDX-License-Identifier: GPL-2.0
/*
 * jh-fuzz-root.ko: the root cell's kernel attacking the hypervisor, for the
 * fuzz scenarios (tests/emu/scenarios/fuzz-hostile.sh). Loading it runs,
 * from a seed, a bounded random sequence of hypercalls with hostile
 * arguments (other cells' and the hypervisor's memory, huge sizes, bad
 * ids), MSR reads and writes the hypervisor traps, port accesses to a
 * cell's ports and to 0xcf8/0xcfc, ICR writes aimed at the cells' CPUs
 * (through the x2APIC MSR and the xAPIC page), and reads of memory the
 * root no longer owns. Each action is printed (KERN_NOTICE, "jh-fuzz-root:
 * seed S #N ...") before it is done, so the last line names the one that
 * broke something; the result follows. It stays clear of what would kill
 * Linux by itself: no IPI that can reach a root CPU, no write of an MSR
 * Linux lives on (EFER, syscall and segment bases, TSC, its timer), no
 * PCI config write to a device that exists, no write to the PIC, PIT or
 * its console.
 *
 *	insmod jh-fuzz-root.ko seed=N actions=N classes=MASK \
 *		targets=1,3 ports=0x2f8 cell_mem=0x3e000000,0x3e400000 \
 *		hv_mem=0x3d000000 cell_ids=1,2
 *
 * targets are the APIC IDs of the cells' CPUs, cell_ids the ids of cells
 * that exist (used only where a wrong answer cannot change them: stats
 * and state). avoid=MASK leaves out the actions of known open holes, bit N
 * for item N of the hardening issue (docs/testing.md): 1 the x2APIC ICR
 * MSR in xAPIC mode, 5 MTRR, PAT and APIC base values with reserved bits, 9 the
 * cells' ports, memory the root does not own and PCI data port accesses
 * that run past 0xcff; 17 (found by this fuzzer) cell ids above 32 bits,
 * which the hypervisor cuts to an existing cell's id. The module does nothing
 * after loading; rmmod it.
 */
#include <linux/delay.h>
#include <linux/io.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/smp.h>
#include <asm/apic.h>
#include <asm/msr.h>

#include <jh/hypercall.h>

static ulong seed = 1;
static uint actions = 100;
static uint classes = ~0U;
static uint first;
static uint avoid;
static uint targets[8] = { 1, 3 };
static int num_targets = 2;
static uint ports[8] = { 0x2f8 };
static int num_ports = 1;
static ulong cell_mem[8] = { 0x3e000000, 0x3e400000 };
static int num_cell_mem = 2;
static ulong hv_mem = 0x3d000000;
static uint cell_ids[8] = { 1, 2 };
static int num_cell_ids = 2;

module_param(seed, ulong, 0444);
MODULE_PARM_DESC(seed, "seed of the random sequence");
module_param(actions, uint, 0444);
MODULE_PARM_DESC(actions, "how many actions to run");
module_param(classes, uint, 0444);
MODULE_PARM_DESC(classes, "bit mask of action classes (see the list it prints)");
module_param(first, uint, 0444);
MODULE_PARM_DESC(first, "number of the first action to run (replays the end of a sequence)");
module_param(avoid, uint, 0444);
MODULE_PARM_DESC(avoid, "known open holes not to try (bit N: hardening item N: 1, 5, 9, 17)");
module_param_array(targets, uint, &num_targets, 0444);
MODULE_PARM_DESC(targets, "APIC IDs of the cells' CPUs (IPIs go only there)");
module_param_array(ports, uint, &num_ports, 0444);
MODULE_PARM_DESC(ports, "first ports of the cells' port ranges (8 ports each)");
module_param_array(cell_mem, ulong, &num_cell_mem, 0444);
MODULE_PARM_DESC(cell_mem, "host-physical addresses of the cells' memory");
module_param(hv_mem, ulong, 0444);
MODULE_PARM_DESC(hv_mem, "host-physical address of the hypervisor's memory");
module_param_array(cell_ids, uint, &num_cell_ids, 0444);
MODULE_PARM_DESC(cell_ids, "ids of existing cells (only for stats and state calls)");

/* ---- randomness: splitmix64, one stream per action ---------------------- */

static u64 rng_state;

static u64 rnd(void)
{
	u64 z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static u64 rnd_below(u64 n)
{
	return n ? rnd() % n : 0;
}

#define PICK(table)	((table)[rnd_below(ARRAY_SIZE(table))])

static bool avoided(unsigned int item)
{
	return avoid & (1U << item);
}

static unsigned int action_no;

#define say(fmt, ...) \
	pr_notice("jh-fuzz-root: seed %lu #%u CPU %d " fmt "\n", seed, action_no, \
		  raw_smp_processor_id(), ##__VA_ARGS__)

/* an address the root must not reach through the hypervisor */
static u64 hostile_address(void)
{
	u64 base;

	switch (rnd_below(6)) {
	case 0:
		base = hv_mem;
		break;
	case 1:
	case 2:
		base = num_cell_mem ? cell_mem[rnd_below(num_cell_mem)] : hv_mem;
		break;
	case 3:
		return PICK(((const u64[]){ 0, 0xfff, 0xfee00000, 0xfec00000,
			0xffffffffffffffffULL, 0xfffffffffffff000ULL,
			0x100000000000ULL, 0x8000000000000000ULL }));
	case 4:
		/* the last page of a cell: a struct crossing its end */
		base = num_cell_mem ? cell_mem[rnd_below(num_cell_mem)] + 0x3ff000 : hv_mem;
		return base + 0x1000 - rnd_below(0x400);
	default:
		return rnd();
	}
	return base + (rnd_below(4) ? rnd_below(0x400000) & ~7ULL : rnd_below(0x400000));
}

static u64 hostile_id(void)
{
	static const u64 ids[] = {
		0, 3, 7, 63, 64, 255, 256, 0xffffffff, 0x100000000ULL,
		0x100000001ULL, 0x100000002ULL, 0x8000000000000001ULL, ~0ULL,
	};
	u64 id = PICK(ids);

	/* avoid 17: the hypervisor cuts ids to 32 bits (0x100000001 is 1) */
	return avoided(17) && id > 0xffffffff ? (u32)id | 0x40 : id;
}

static u64 hostile_size(void)
{
	static const u64 sizes[] = {
		0, 1, 8, 0x1000, 0x1001, 0x100000, 0x7fffffff, 0x80000000,
		0xffffffff, 0x100000000ULL, ~0ULL, ~0ULL - 0xfff,
	};

	return PICK(sizes);
}

/* ---- hypercalls ------------------------------------------------------------ */

static long hypercall(u64 code, u64 a1, u64 a2)
{
	long ret;

	asm volatile("vmcall" : "=a"(ret) : "a"(code), "D"(a1), "S"(a2) : "memory");
	return ret;
}

static void act_hypercall(void)
{
	u64 code = rnd_below(8) ? rnd_below(JH_HC_NUM + 2) : rnd();
	u64 a1 = rnd(), a2 = rnd();
	long ret;

	switch (code) {
	case JH_HC_CELL_CREATE:
		a1 = hostile_address();
		a2 = hostile_size();
		break;
	case JH_HC_CELL_START:
	case JH_HC_CELL_SET_LOADABLE:
	case JH_HC_CELL_DESTROY:
	case JH_HC_CELL_SHUTDOWN:
		/* never a cell that exists: the root may stop its own cells */
		a1 = hostile_id();
		break;
	case JH_HC_CELL_GET_STATE:
	case JH_HC_CELL_GET_STATS:
		a1 = rnd_below(2) && num_cell_ids ? cell_ids[rnd_below(num_cell_ids)] :
		     hostile_id();
		a2 = hostile_address();
		break;
	case JH_HC_HYPERVISOR_GET_INFO:
		a1 = rnd_below(2) ? rnd_below(8) : rnd();
		break;
	case JH_HC_CPU_GET_INFO:
		a1 = rnd_below(2) ? rnd_below(70) : rnd();
		a2 = rnd_below(2) ? JH_CPU_INFO_STAT_BASE + rnd_below(JH_EXIT_REASONS + 4) :
		     rnd();
		break;
	case JH_HC_DEBUG_CONSOLE_PUTC:
		a1 = '.';
		break;
	}
	say("hypercall code 0x%llx arg1 0x%llx arg2 0x%llx", code, a1, a2);
	ret = hypercall(code, a1, a2);
	say("  -> %ld", ret);
}

/* ---- MSRs ------------------------------------------------------------------ */

static const u32 read_msrs[] = {
	0x1b, 0x3a, 0x79, 0x8b, 0xfe, 0x200, 0x201, 0x20f, 0x250, 0x258,
	0x277, 0x280, 0x2ff, 0x480, 0x481, 0x482, 0x485, 0x48b, 0x48c,
	0x491, 0x4d0, 0x560, 0x561, 0x570, 0x606, 0x611, 0x619, 0x620,
	0x802, 0x803, 0x808, 0x80d, 0x80f, 0x830, 0x832, 0x838, 0x83f,
	0xc0000080, 0x40000000, 0x4b564d00, 0xffffffff,
};

static void act_rdmsr(void)
{
	u32 msr = rnd_below(3) ? PICK(read_msrs) : rnd_below(3) ? 0x800 + rnd_below(0x100) :
		  (u32)rnd();
	u64 val = 0;
	int err;

	say("rdmsr 0x%x", msr);
	err = rdmsrl_safe(msr, &val);
	say("  -> %s 0x%llx", err ? "fault" : "ok", val);
}

/* MSRs whose write breaks Linux by itself, whatever the hypervisor does */
static bool msr_linux_lives_on(u32 msr)
{
	return (msr >= 0xc0000080 && msr <= 0xc0000103) ||
	       (msr >= 0x174 && msr <= 0x176) || msr == 0x10 || msr == 0x3b ||
	       msr == 0x48 || msr == 0x1a0 || msr == 0x1d9 || msr == 0x6e0 ||
	       msr == 0xda0 || msr == 0x830 || (msr >= 0x800 && msr <= 0x8ff &&
						  x2apic_enabled());
}

static void act_wrmsr(void)
{
	static const u32 mtrrs[] = {
		0x200, 0x201, 0x202, 0x203, 0x250, 0x258, 0x259, 0x268, 0x26f,
		0x2ff,
	};
	u32 msr, lo, hi;
	u64 val, old = 0;
	int err;

	switch (rnd_below(8)) {
	case 0:
	case 1:
		/* an MTRR: its value with a reserved bit (#GP), or as it was */
		msr = PICK(mtrrs);
		if (rdmsr_safe(msr, &lo, &hi))
			return;
		old = ((u64)hi << 32) | lo;
		val = rnd_below(4) ? old | (1ULL << (52 + rnd_below(12))) :
		      msr == 0x2ff ? old | (1ULL << (12 + rnd_below(20))) : old;
		/* a fixed-range MTRR: one entry with a reserved type */
		if (val != old && msr >= 0x250 && msr <= 0x26f)
			val = old | (0x80ULL << (8 * rnd_below(8)));
		if (avoided(5))
			val = old;
		break;
	case 2:
		/* PAT: a reserved memory type in one entry (#GP), or as it was */
		msr = 0x277;
		rdmsrl(msr, old);
		val = rnd_below(4) ? (old & ~(0xffULL << (8 * rnd_below(8)))) |
				     ((u64)PICK(((const u8[]){ 2, 3, 8, 0xff })) <<
				      (8 * rnd_below(8))) : old;
		if (avoided(5))
			val = old;
		break;
	case 3:
		/* APIC base: another address, reserved bits, or as it was */
		msr = 0x1b;
		rdmsrl(msr, old);
		val = PICK(((const u64[]){ old, old + 0x1000, old | (1ULL << 40),
					   old | (1ULL << 63), old | 0x1ff,
					   (old & 0xfff) | 0xfec00000 }));
		/* avoid item 5: reserved bits reach the hypervisor's WRMSR */
		if (avoided(5) && ((val ^ old) & ~0xfffff000ULL))
			val = old;
		break;
	case 4:
		/* read-only and VMX: FEATURE_CONTROL, VMX capabilities, microcode */
		msr = PICK(((const u32[]){ 0x3a, 0x480, 0x481, 0x48b, 0x491, 0x8b,
					   0x79, 0xfe }));
		val = msr == 0x79 ? hv_mem : rnd();
		break;
	case 5:
		/* the x2APIC range in xAPIC mode: #GP as on hardware */
		msr = 0x800 + rnd_below(0x100);
		val = rnd_below(2) ? rnd() : 0;
		break;
	default:
		/* whatever: the root's MSR policy decides */
		msr = rnd_below(2) ? (u32)rnd() : PICK(read_msrs);
		val = rnd();
		/* avoid item 5: what the hypervisor writes without checking */
		if (avoided(5) && (msr == 0x1b || msr == 0x277 ||
				   (msr >= 0x200 && msr <= 0x2ff))) {
			say("wrmsr 0x%x skipped (avoid: hardening item 5)", msr);
			return;
		}
		break;
	}
	if (msr_linux_lives_on(msr)) {
		say("wrmsr 0x%x skipped (Linux needs it)", msr);
		return;
	}
	say("wrmsr 0x%x value 0x%llx (was 0x%llx)", msr, val, old);
	err = wrmsr_safe(msr, (u32)val, val >> 32);
	say("  -> %s", err ? "fault" : "ok");
	/* a write that went through is undone: Linux keeps its caching */
	if (!err && val != old && (msr == 0x277 || (msr >= 0x200 && msr <= 0x2ff)))
		wrmsr_safe(msr, (u32)old, old >> 32);
}

/* ---- ports ----------------------------------------------------------------- */

static void act_port(void)
{
	unsigned int size = 1 << rnd_below(3);
	u32 val = rnd();
	u16 port;
	bool in = rnd_below(2);

	if (rnd_below(2) && num_ports && !avoided(9)) {
		port = ports[rnd_below(num_ports)] + rnd_below(8);
	} else {
		/* PCI config: any device read, writes only where none exists */
		u32 bus = rnd_below(4) ? 0 : rnd_below(256), dev = rnd_below(32);
		u32 addr = 0x80000000 | bus << 16 | dev << 11 | rnd_below(8) << 8 |
			   (rnd_below(64) << 2);

		if (!in && bus == 0 && dev < 16)
			in = true;
		say("port outl 0xcf8 value 0x%x", addr);
		outl(addr, 0xcf8);
		port = 0xcfc + rnd_below(4);
		/* avoid item 9: an access past 0xcff stops the root CPU */
		while (avoided(9) && port + size - 1 > 0xcff)
			size >>= 1;
	}
	if (in) {
		say("port in%c 0x%x", "bwl"[size / 2], port);
		val = size == 1 ? inb(port) : size == 2 ? inw(port) : inl(port);
		say("  -> 0x%x", val);
	} else {
		say("port out%c 0x%x value 0x%x", "bwl"[size / 2], port, val);
		if (size == 1)
			outb(val, port);
		else if (size == 2)
			outw(val, port);
		else
			outl(val, port);
		say("  -> done");
	}
}

/* ---- IPIs at the cells' CPUs ----------------------------------------------- */

static void act_ipi(void)
{
	static const u32 modes[] = {
		0 << 8, 1 << 8, 2 << 8, 4 << 8, 5 << 8, 6 << 8, 7 << 8,
	};
	u32 target = num_targets ? targets[rnd_below(num_targets)] : 1;
	u32 icr = PICK(modes) | (0x20 + rnd_below(0xe0)) | (rnd_below(2) << 14) |
		  (rnd_below(4) ? 0 : 1 << 15);
	u32 dest = target;
	void __iomem *page;
	unsigned long flags;
	int err;

	/* logical: flat model, bit N for CPU N (Linux sets LDR so up to 8) */
	if (!x2apic_enabled() && rnd_below(4) == 0) {
		icr |= 1 << 11;
		dest = 1 << target;
	}
	switch (rnd_below(3) + (avoided(1) && !x2apic_enabled())) {
	case 0:
		/* x2APIC ICR; in xAPIC mode it must #GP, and bits above the
		 * 8-bit xAPIC ID must not wrap onto another CPU */
		if (!x2apic_enabled())
			dest = target | PICK(((const u32[]){ 0, 0x100, 0x1000000, 0x80000000 }));
		say("wrmsr ICR 0x%x destination 0x%x (x2APIC MSR, APIC in %s mode)",
		    icr, dest, x2apic_enabled() ? "x2APIC" : "xAPIC");
		local_irq_save(flags);
		err = wrmsr_safe(0x830, icr, dest);
		local_irq_restore(flags);
		say("  -> %s", err ? "fault" : "ok");
		break;
	default:
		if (x2apic_enabled()) {
			say("x2APIC ICR 0x%x destination 0x%x", icr, dest);
			local_irq_save(flags);
			err = wrmsr_safe(0x830, icr, dest);
			local_irq_restore(flags);
			say("  -> %s", err ? "fault" : "ok");
			break;
		}
		/* the xAPIC page, which the hypervisor traps for the root */
		say("xAPIC ICR 0x%x destination 0x%x", icr, dest);
		page = ioremap(APIC_DEFAULT_PHYS_BASE, PAGE_SIZE);
		if (!page) {
			say("  -> ioremap failed");
			break;
		}
		local_irq_save(flags);
		writel(dest << 24, page + APIC_ICR2);
		writel(icr, page + APIC_ICR);
		local_irq_restore(flags);
		iounmap(page);
		say("  -> done");
		break;
	}
	udelay(100);
}

/* ---- memory the root does not own ------------------------------------------ */

static void act_memory(void)
{
	u64 addr = rnd_below(2) ? hv_mem : num_cell_mem ? cell_mem[rnd_below(num_cell_mem)] : hv_mem;
	void __iomem *p;
	u32 val;

	if (avoided(9)) {
		say("memory read skipped (avoid: hardening item 9)");
		return;
	}
	addr += rnd_below(0x400000) & ~3ULL;
	say("memory read32 at host-physical 0x%llx (not the root's)", addr);
	p = ioremap(addr & PAGE_MASK, PAGE_SIZE);
	if (!p) {
		say("  -> ioremap failed");
		return;
	}
	val = readl(p + (addr & ~PAGE_MASK));
	iounmap(p);
	say("  -> 0x%x", val);
}

struct action_class {
	const char *name;
	void (*run)(void);
};

static const struct action_class action_classes[] = {
	{ "hypercall", act_hypercall },
	{ "rdmsr", act_rdmsr },
	{ "wrmsr", act_wrmsr },
	{ "port", act_port },
	{ "ipi", act_ipi },
	{ "memory", act_memory },
};

static int __init fuzz_root_init(void)
{
	unsigned int i, n = ARRAY_SIZE(action_classes), mask = classes & ((1U << n) - 1);

	for (i = 0; i < n; i++)
		pr_notice("jh-fuzz-root: class %u %s%s\n", i, action_classes[i].name,
			  mask & (1U << i) ? "" : " (off)");
	if (!mask) {
		pr_err("jh-fuzz-root: classes=0x%x selects no class\n", classes);
		return -EINVAL;
	}
	pr_notice("jh-fuzz-root: seed %lu, %u actions, classes 0x%x, avoid 0x%x, APIC in %s mode\n",
		  seed, actions, mask, avoid, x2apic_enabled() ? "x2APIC" : "xAPIC");
	for (action_no = first; action_no < actions; action_no++) {
		const struct action_class *c;

		rng_state = seed ^ (action_no * 0xd1342543de82ef95ULL);
		rnd();
		do
			c = &action_classes[rnd_below(n)];
		while (!(mask & (1U << (c - action_classes))));
		c->run();
		cond_resched();
	}
	pr_notice("jh-fuzz-root: seed %lu done: %u actions\n", seed, actions);
	return 0;
}

static void __exit fuzz_root_exit(void)
{
}

module_init(fuzz_root_init);
module_exit(fuzz_root_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("jh test: the root cell's kernel attacking the hypervisor");
