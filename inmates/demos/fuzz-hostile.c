// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * fuzz-hostile: a cell that attacks the hypervisor. From a seed it runs a
 * bounded random sequence of hypercalls, MSR reads and writes, port
 * accesses, memory accesses at and past the edges of its regions,
 * privileged and VMX instructions, CR/DR/XCR0 writes and IPIs of every
 * delivery mode and destination. Each action is printed before it is done,
 * so the last line names the action that stopped the cell. Faults the
 * action provokes (#GP, #UD, #PF, ...) are caught and the instruction
 * skipped, so one run covers many actions. The same seed replays the same
 * sequence. In a jh cell the run ends either with "done" (every action
 * survived) or with the hypervisor failing the cell: both are fine; what
 * must never happen is harm to anything outside the cell.
 */
#include <inmate/inmate.h>
#include <inmate/apic.h>
#include <inmate/console.h>
#include <inmate/irq.h>
#include <inmate/layout.h>
#include <inmate/x86.h>

static uint64_t seed = 1;
static uint64_t actions = 200;
static uint64_t classes = ~0ULL;
static uint64_t first;
static uint64_t avoid;

static const struct cmdline_param params[] = {
	CMDLINE_U64_PARAM("seed", seed, "seed of the random sequence"),
	CMDLINE_U64_PARAM("actions", actions, "how many actions to run"),
	CMDLINE_U64_PARAM("classes", classes,
			  "bit mask of action classes (bit N = class N, see the list it prints)"),
	CMDLINE_U64_PARAM("first", first,
			  "number of the first action to run (to replay the end of a sequence)"),
	CMDLINE_U64_PARAM("avoid", avoid,
			  "known open holes not to try: bit N = item N of the hardening issue (5: XSETBV)"),
	CMDLINE_END
};

/* ---- randomness: splitmix64, so a seed names one sequence -------------- */

static uint64_t rng_state;

static uint64_t rnd(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t rnd_below(uint64_t n)
{
	return n ? rnd() % n : 0;
}

#define PICK(table)	((table)[rnd_below(ARRAY_SIZE(table))])
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* a random value, biased towards the edges where checks go wrong */
static uint64_t rnd_value(void)
{
	static const uint64_t edges[] = {
		0, 1, 0x7f, 0x80, 0xff, 0xfff, 0x1000, 0xffff, 0x7fffffff,
		0x80000000, 0xffffffff, 0x100000000ULL, 0x100000001ULL,
		0x7fffffffffffffffULL, 0x8000000000000000ULL, ~0ULL, ~0ULL - 1,
		0x3d000000, 0x3e000000, 0x3e400000, 0xfee00000, 0xfec00000,
		0x100000, 0x400000, 0xffffffffffff0000ULL,
	};

	switch (rnd_below(4)) {
	case 0:
		return PICK(edges);
	case 1:
		return rnd() & 0xffffffff;
	case 2:
		return rnd_below(64);
	default:
		return rnd();
	}
}

/* ---- surviving faults ------------------------------------------------------
 * PROBE(insn, inputs) runs instructions with a resume address: a fault in
 * them comes back to the end of the block, with the vector in probe_vector.
 * The general registers the instructions may change are saved around them
 * (no red zone in inmates); RAX and RDX as they were at the end of the
 * block are left in probe_rax and probe_rdx.
 */
static volatile uint64_t probe_resume, probe_rax, probe_rdx;
static volatile int probe_vector = -1;
static volatile bool in_window;
static volatile uint64_t probe_error;
static unsigned long faults, interrupts, nmis;

#define PROBE(insn, in...)						\
	asm volatile("pushq %%rax; pushq %%rbx; pushq %%rcx; pushq %%rdx\n\t" \
		     "pushq %%rsi; pushq %%rdi\n\t"			\
		     "leaq 1f(%%rip), %%r11\n\t"			\
		     "movq %%r11, %[resume]\n\t"			\
		     insn "\n"						\
		     "1:\n\t"						\
		     "movq $0, %[resume]\n\t"				\
		     "movq %%rax, %[rax_out]\n\t"			\
		     "movq %%rdx, %[rdx_out]\n\t"			\
		     "popq %%rdi; popq %%rsi; popq %%rdx; popq %%rcx\n\t"	\
		     "popq %%rbx; popq %%rax"				\
		     : [resume] "+m"(probe_resume), [rax_out] "=m"(probe_rax), \
		       [rdx_out] "=m"(probe_rdx)				\
		     : in : "r11", "memory", "cc")

/* vectors that are no exception: an interrupt it sent itself below 32 */
static bool vector_reserved(uint64_t v)
{
	return v == 9 || v == 15 || v >= 22;
}

static bool hostile_fixup(struct irq_frame *f)
{
	if (in_window || vector_reserved(f->vector)) {
		/* in the window only interrupts arrive (its own low vectors) */
		interrupts++;
		x2apic_eoi();
		return true;
	}
	switch (f->vector) {
	case 2:
		/* an NMI it sent itself: nothing to skip */
		nmis++;
		return true;
	case 1:
		/* a breakpoint it set in DR7: take them all out again */
		asm volatile("mov %0, %%dr7" : : "r"(0UL));
		faults++;
		return true;
	case 8:
	case 18:
		return false;	/* #DF, #MC: nothing to resume */
	}
	if (!probe_resume)
		return false;
	probe_vector = f->vector;
	probe_error = f->error;
	f->rip = probe_resume;
	probe_resume = 0;
	faults++;
	return true;
}

static void count_interrupt(struct irq_frame *f __attribute__((unused)))
{
	interrupts++;
}

static const char *const vector_names[32] = {
	[0] = "#DE", [1] = "#DB", [3] = "#BP", [4] = "#OF", [5] = "#BR",
	[6] = "#UD", [7] = "#NM", [10] = "#TS", [11] = "#NP", [12] = "#SS",
	[13] = "#GP", [14] = "#PF", [16] = "#MF", [17] = "#AC", [19] = "#XM",
	[21] = "#CP",
};

/* what the last probe did: "ok" or the fault it was stopped by */
static void report(void)
{
	int v = probe_vector;

	probe_vector = -1;
	if (v < 0) {
		printk("  -> ok, rax 0x%lx rdx 0x%lx\n", (unsigned long)probe_rax,
		       (unsigned long)probe_rdx);
	} else {
		printk("  -> %s (vector %d, error 0x%lx)\n",
		       v < 32 && vector_names[v] ? vector_names[v] : "fault", v,
		       (unsigned long)probe_error);
	}
}

/* interrupts on for a moment, so IPIs and timers it caused arrive */
static void irq_window(void)
{
	unsigned int i;

	in_window = true;
	irq_enable();
	for (i = 0; i < 2000; i++)
		cpu_relax();
	irq_disable();
	in_window = false;
}

/* ---- the actions ----------------------------------------------------------- */

static unsigned long action_no;

#define say(fmt, ...) \
	printk("fuzz-hostile: #%lu " fmt "\n", action_no, ##__VA_ARGS__)

static void act_hypercall(void)
{
	uint64_t code = rnd_below(3) ? rnd_below(14) : rnd_value();
	uint64_t a1 = rnd_value(), a2 = rnd_value();

	/* a character for the console call, not 8 bytes of noise */
	if (code == 8)
		a1 &= 0x7f;
	say("hypercall code 0x%lx arg1 0x%lx arg2 0x%lx", (unsigned long)code,
	    (unsigned long)a1, (unsigned long)a2);
	PROBE("vmcall", "a"(code), "D"(a1), "S"(a2));
	report();
}

static const uint32_t interesting_msrs[] = {
	0x10,		/* TSC */
	0x1b,		/* APIC base */
	0x3a,		/* FEATURE_CONTROL */
	0x79,		/* microcode update trigger */
	0x8b,		/* microcode revision */
	0xfe,		/* MTRR cap */
	0x174, 0x175, 0x176,	/* SYSENTER */
	0x1d9,		/* DEBUGCTL */
	0x200, 0x201, 0x20e, 0x20f,	/* variable MTRRs */
	0x250, 0x258, 0x268, 0x2ff,	/* fixed MTRRs, MTRR default type */
	0x277,		/* PAT */
	0x280, 0x281,	/* MCi_CTL2 */
	0x400, 0x401,	/* MC0 */
	0x480, 0x481, 0x482, 0x485, 0x48b, 0x48c, 0x491,	/* VMX caps */
	0x560, 0x561, 0x570,	/* Intel PT output and control */
	0x600,		/* DS area */
	0x6e0,		/* TSC deadline */
	0x802, 0x803, 0x808, 0x80b, 0x80d, 0x80f, 0x810, 0x820, 0x828,
	0x830, 0x832, 0x835, 0x836, 0x837, 0x838, 0x839, 0x83e, 0x83f,
	0x8ff,		/* the x2APIC range */
	0x9ff, 0xd90,	/* unknown, BNDCFGS */
	0xc0000080,	/* EFER */
	0xc0000081, 0xc0000082, 0xc0000084,	/* STAR, LSTAR, FMASK */
	0xc0000100, 0xc0000101, 0xc0000102, 0xc0000103,	/* FS, GS, KERNEL_GS, TSC_AUX */
	0xc0010000, 0x40000000, 0x4b564d00, 0xffffffff,
};

static uint32_t rnd_msr(void)
{
	switch (rnd_below(4)) {
	case 0:
		return rnd();
	case 1:
		return 0x800 + rnd_below(0x100);	/* x2APIC */
	default:
		return PICK(interesting_msrs);
	}
}

static void act_rdmsr(void)
{
	uint32_t msr = rnd_msr();

	say("rdmsr 0x%x", msr);
	PROBE("rdmsr", "c"(msr));
	report();
}

/* MSRs whose random value would only break the inmate itself (its code
 * and stack), which says nothing about the hypervisor */
static bool msr_self_destructive(uint32_t msr)
{
	return msr == 0xc0000080 || msr == 0xc0000100 || msr == 0xc0000101 ||
	       msr == 0x10 || msr == 0x1d9;
}

static void act_wrmsr(void)
{
	uint32_t msr = rnd_msr();
	uint64_t val = rnd_value();

	if (msr_self_destructive(msr))
		msr = 0x6e0;
	/* the APIC base: another address, or x2APIC off, or its own value */
	if (msr == 0x1b && rnd_below(2))
		val = (rdmsr(0x1b) & ~0xfffULL) | (rnd_below(2) ? 0xc00 : 0x800) |
		      (rnd_below(2) ? 0x1000 : 0);
	/* an ICR write here would be a random IPI; act_ipi aims them */
	say("wrmsr 0x%x value 0x%lx", msr, (unsigned long)val);
	PROBE("wrmsr", "c"(msr), "a"((uint32_t)val), "d"((uint32_t)(val >> 32)));
	report();
	irq_window();
}

static const uint16_t interesting_ports[] = {
	0x20, 0x21, 0x40, 0x43, 0x60, 0x64, 0x70, 0x71, 0x80, 0x92, 0xa0,
	0xb2, 0xcf8, 0xcf9, 0xcfa, 0xcfc, 0xcfd, 0xcfe, 0xcff, 0xe9, 0x2f8,
	0x2fd, 0x3f8, 0x3fd, 0x402, 0x600, 0x604, 0x608, 0x8900, 0xffff,
};

static void act_port(void)
{
	uint16_t port = rnd_below(4) ? PICK(interesting_ports) : rnd();
	unsigned int size = 1 << rnd_below(3), kind = rnd_below(5);
	uint32_t val = rnd_value();

	/* never ask the machine to reset: a write of 6 to 0xcf9 that got
	 * through would only say so by a reboot, not by a cell failure */
	if (port == 0xcf9 || port == 0x92 || port == 0x64)
		val = 0;
	if (kind == 4) {
		/* string I/O: the hypervisor's decoder gets an address too */
		say("port rep outsb to 0x%x, 2 bytes from 0x%lx", port,
		    (unsigned long)0x101000);
		PROBE("rep outsb", "d"(port), "S"(0x101000UL), "c"(2UL));
		report();
		return;
	}
	if (kind & 1) {
		say("port in%c 0x%x", "bwl"[size / 2], port);
		if (size == 1)
			PROBE("inb %%dx, %%al", "d"(port), "a"(0));
		else if (size == 2)
			PROBE("inw %%dx, %%ax", "d"(port), "a"(0));
		else
			PROBE("inl %%dx, %%eax", "d"(port), "a"(0));
	} else {
		say("port out%c 0x%x value 0x%x", "bwl"[size / 2], port, val);
		if (size == 1)
			PROBE("outb %%al, %%dx", "d"(port), "a"(val));
		else if (size == 2)
			PROBE("outw %%ax, %%dx", "d"(port), "a"(val));
		else
			PROBE("outl %%eax, %%dx", "d"(port), "a"(val));
	}
	report();
}

/*
 * Guest-physical addresses at and past the edges of the cell's regions
 * (the sample cells: RAM 0-0xfffff, comm region 0x100000, RAM
 * 0x101000-0x3fffff), other cells' and the hypervisor's host addresses,
 * the APICs, and what lies above the inmate's 4 GiB map (#PF).
 */
static const uint64_t memory_targets[] = {
	0xffff8, 0xffffc, 0xfffff, 0x100000, 0x100008, 0x100010, 0x100ffc,
	0x100fff, 0x101000, 0x3ffff8, 0x3ffffc, 0x3fffff, 0x400000,
	0x400008, 0x500000, 0x3d000000, 0x3d001000, 0x3e000000, 0x3e400000,
	0x3f000000, 0xa0000, 0xb8000, 0xf0000, 0xfec00000, 0xfec00010,
	0xfed00000, 0xfee00000, 0xfee00300, 0xfee00310, 0xfee000b0,
	0xe0000000, 0xffffffff8, 0x100000000ULL, 0x8000000000000ULL,
};

/* where a write could only corrupt the inmate itself (code, data, stacks) */
static bool write_hits_image(uint64_t addr)
{
	return addr < 0xff000;
}

static void act_memory(void)
{
	uint64_t addr = rnd_below(5) ? PICK(memory_targets) : rnd() & 0xffffffffULL;
	unsigned int size = 1 << rnd_below(4);
	bool write;
	uint64_t val = rnd_value();

	if (rnd_below(4) == 0)
		addr += rnd_below(16) - 8;	/* straddle the edge */
	write = rnd_below(2) && !write_hits_image(addr);
	if (write) {
		say("memory write%u at 0x%lx value 0x%lx", size * 8,
		    (unsigned long)addr, (unsigned long)val);
		if (size == 1)
			PROBE("movb %%al, (%%rdx)", "d"(addr), "a"(val));
		else if (size == 2)
			PROBE("movw %%ax, (%%rdx)", "d"(addr), "a"(val));
		else if (size == 4)
			PROBE("movl %%eax, (%%rdx)", "d"(addr), "a"(val));
		else
			PROBE("movq %%rax, (%%rdx)", "d"(addr), "a"(val));
	} else {
		say("memory read%u at 0x%lx", size * 8, (unsigned long)addr);
		if (size == 1)
			PROBE("movb (%%rdx), %%al", "d"(addr), "a"(0));
		else if (size == 2)
			PROBE("movw (%%rdx), %%ax", "d"(addr), "a"(0));
		else if (size == 4)
			PROBE("movl (%%rdx), %%eax", "d"(addr), "a"(0));
		else
			PROBE("movq (%%rdx), %%rax", "d"(addr), "a"(0));
	}
	report();
}

/* the x2APIC timer brings a halted CPU back (interrupts on) */
static void arm_wakeup(void)
{
	/* earlier actions may have raised the TPR or disabled the APIC */
	wrmsr(MSR_X2APIC_TPR, 0);
	wrmsr(MSR_X2APIC_SIVR, APIC_SIVR_ENABLE | IRQ_SPURIOUS_VECTOR);
	wrmsr(MSR_X2APIC_LVT_TIMER, APIC_LVT_TSC_DEADLINE | 0xf0);
	asm volatile("mfence" : : : "memory");
	wrmsr(MSR_IA32_TSC_DEADLINE, rdtsc() + 200000);
}

static void act_instruction(void)
{
	static uint8_t vmx_region[4096] __attribute__((aligned(4096)));
	static uint64_t desc[2];
	uint64_t region = (uint64_t)vmx_region, arg = rnd_value();
	uint32_t leaf;

	switch (rnd_below(22)) {
	case 0:
		say("vmxon [0x%lx]", (unsigned long)region);
		PROBE("vmxon (%%rax)", "a"(&region));
		break;
	case 1:
		say("vmclear [0x%lx]", (unsigned long)region);
		PROBE("vmclear (%%rax)", "a"(&region));
		break;
	case 2:
		say("vmptrld [0x%lx]", (unsigned long)region);
		PROBE("vmptrld (%%rax)", "a"(&region));
		break;
	case 3:
		say("vmread 0x%lx", (unsigned long)arg);
		PROBE("vmread %%rax, %%rdx", "a"(arg), "d"(0));
		break;
	case 4:
		say("vmwrite 0x%lx", (unsigned long)arg);
		PROBE("vmwrite %%rdx, %%rax", "a"(arg), "d"(arg));
		break;
	case 5:
		say("vmlaunch / vmresume / vmxoff");
		PROBE("vmlaunch", "a"(0));
		PROBE("vmresume", "a"(0));
		PROBE("vmxoff", "a"(0));
		break;
	case 6:
		desc[0] = rnd_value();
		desc[1] = rnd_value();
		say("invept type %lu desc 0x%lx", (unsigned long)(arg & 3),
		    (unsigned long)desc[0]);
		PROBE("invept (%%rdx), %%rax", "a"(arg & 3), "d"(desc));
		break;
	case 7:
		desc[0] = rnd_value();
		desc[1] = rnd_value();
		say("invvpid type %lu desc 0x%lx", (unsigned long)(arg & 3),
		    (unsigned long)desc[0]);
		PROBE("invvpid (%%rdx), %%rax", "a"(arg & 3), "d"(desc));
		break;
	case 8:
		say("vmfunc leaf 0x%lx", (unsigned long)(arg & 0xff));
		PROBE(".byte 0x0f, 0x01, 0xd4", "a"(arg & 0xff), "c"(0));
		break;
	case 9:
		say("invd");
		PROBE("invd", "a"(0));
		break;
	case 10:
		say("wbinvd");
		PROBE("wbinvd", "a"(0));
		break;
	case 11:
		say("hlt (timer wake-up in 200000 TSC cycles)");
		arm_wakeup();
		PROBE("sti; hlt; cli", "a"(0));
		break;
	case 12: {
		static const uint32_t leaves[] = {
			0, 1, 2, 4, 6, 7, 0xa, 0xb, 0xd, 0xf, 0x10, 0x12, 0x14,
			0x1f, 0x40000000, 0x40000001, 0x40000010, 0x400000ff,
			0x80000000, 0x80000001, 0x80000008, 0x8fffffff,
			0xffffffff,
		};

		leaf = rnd_below(4) ? PICK(leaves) : rnd();
		say("cpuid 0x%x subleaf 0x%x", leaf, (uint32_t)arg);
		PROBE("cpuid", "a"(leaf), "c"((uint32_t)arg));
		break;
	}
	case 13:
		say("rdpmc 0x%x", (uint32_t)arg);
		PROBE("rdpmc", "c"((uint32_t)arg));
		break;
	case 14:
		say("getsec leaf 0x%x", (uint32_t)arg & 7);
		PROBE("getsec", "a"((uint32_t)arg & 7));
		break;
	case 15:
		say("monitor at 0x%lx, then pause", (unsigned long)0x101000);
		PROBE("monitor", "a"(0x101000UL), "c"(0), "d"(0));
		break;
	case 16:
		say("invlpg 0x%lx / invpcid type %lu", (unsigned long)arg,
		    (unsigned long)(arg & 3));
		PROBE("invlpg (%%rax)", "a"(arg));
		desc[0] = arg;
		desc[1] = 0;
		PROBE("invpcid (%%rdx), %%rax", "a"(arg & 3), "d"(desc));
		break;
	case 17:
		say("rdtscp, rdrand, rdseed, xgetbv 0x%x", (uint32_t)arg & 3);
		PROBE("rdtscp", "a"(0));
		PROBE("rdrand %%rax", "a"(0));
		PROBE("rdseed %%rax", "a"(0));
		PROBE("xgetbv", "c"((uint32_t)arg & 3), "a"(0));
		break;
	case 18:
		say("int3, ud2");
		PROBE("int3", "a"(0));
		PROBE("ud2", "a"(0));
		break;
	case 19:
		say("int 0x%x", 0x20 + (uint32_t)(arg % 0xdf));
		/* INT n takes an immediate: jump through a table of them */
		switch (arg % 4) {
		case 0: PROBE("int $0x20", "a"(0)); break;
		case 1: PROBE("int $0x80", "a"(0)); break;
		case 2: PROBE("int $0xf0", "a"(0)); break;
		default: PROBE("int $0xfe", "a"(0)); break;
		}
		break;
	case 20:
		say("clts, swapgs twice, pause");
		PROBE("clts; swapgs; swapgs; pause", "a"(0));
		break;
	default:
		/* avoid item 5: the hypervisor's own XSETBV faults (#UD
		 * without host CR4.OSXSAVE, #GP on values it lets through) */
		if (avoid & (1 << 5)) {
			say("xsetbv skipped (avoid: hardening item 5)");
			break;
		}
		{
			/* valid ones, and the all-or-none groups: AVX-512
			 * (bits 5-7), MPX (3-4), AMX (17-18) */
			static const uint32_t xcr0s[] = {
				0x1, 0x3, 0x7, 0x5, 0x2, 0xe7, 0x27, 0x67, 0x1f,
				0xf, 0x60007, 0x20007, 0x207,
			};
			uint32_t index = rnd_below(4) ? 0 : arg >> 60;
			uint32_t val = rnd_below(2) ? PICK(xcr0s) : arg & 0x7ffff;
			uint64_t cr4;

			say("xsetbv index 0x%x value 0x%x (CR4.OSXSAVE on)", index, val);
			asm volatile("mov %%cr4, %0" : "=r"(cr4));
			PROBE("mov %%rax, %%cr4", "a"(cr4 | (1UL << 18)));
			PROBE("xsetbv", "c"(index), "a"(val), "d"(0));
		}
		break;
	}
	report();
	irq_window();
}

/* control and debug registers: a value, then back to what it was */
static void act_register(void)
{
	unsigned int which = rnd_below(7);
	uint64_t old, val, bit = 1ULL << rnd_below(64);

	switch (which) {
	case 0:
		asm volatile("mov %%cr0, %0" : "=r"(old));
		/* one bit flipped, mostly; PG/PE off in long mode, reserved bits */
		val = rnd_below(4) ? old ^ bit : rnd_value();
		say("mov cr0 0x%lx (was 0x%lx)", (unsigned long)val, (unsigned long)old);
		PROBE("mov %%rax, %%cr0", "a"(val));
		report();
		PROBE("mov %%rax, %%cr0", "a"(old));
		goto restored;
	case 1:
		asm volatile("mov %%cr4, %0" : "=r"(old));
		val = rnd_below(4) ? old ^ bit : rnd_value();
		say("mov cr4 0x%lx (was 0x%lx)", (unsigned long)val, (unsigned long)old);
		PROBE("mov %%rax, %%cr4", "a"(val));
		report();
		PROBE("mov %%rax, %%cr4", "a"(old));
		goto restored;
	case 2:
		asm volatile("mov %%cr3, %0" : "=r"(old));
		/* reserved bits above the address width, or PCID bits */
		val = rnd_below(2) ? old | (1ULL << (52 + rnd_below(12))) : old | rnd_below(4096);
		say("mov cr3 0x%lx (was 0x%lx)", (unsigned long)val, (unsigned long)old);
		PROBE("mov %%rax, %%cr3", "a"(val));
		report();
		PROBE("mov %%rax, %%cr3", "a"(old));
		goto restored;
	case 3:
		val = rnd_below(16);
		say("mov cr8 0x%lx", (unsigned long)val);
		PROBE("mov %%rax, %%cr8", "a"(val));
		report();
		PROBE("mov %%rax, %%cr8", "a"(0UL));
		goto restored;
	case 4:
		val = rnd_value();
		say("mov dr0..dr3 0x%lx, dr6", (unsigned long)val);
		PROBE("mov %%rax, %%dr0; mov %%rax, %%dr1; mov %%rax, %%dr2; "
		      "mov %%rax, %%dr3; mov %%rax, %%dr6", "a"(val));
		break;
	case 5:
		/* breakpoints on the free RAM: a #DB later, caught */
		val = rnd_value() | 0x400;
		say("mov dr0 0x101000, dr7 0x%lx", (unsigned long)val);
		PROBE("mov %%rdx, %%dr0; mov %%rax, %%dr7", "a"(val), "d"(0x101000UL));
		report();
		*(volatile uint8_t *)0x101000 = 1;
		PROBE("mov %%rax, %%dr7", "a"(0x400UL));
		goto restored;
	default:
		val = rnd_value();
		say("mov dr4/dr5 0x%lx (CR4.DE decides: #UD or DR6/DR7)",
		    (unsigned long)val);
		PROBE("mov %%rax, %%dr5", "a"(val & 0xffffffff));
		break;
	}
	report();
	irq_window();
	return;
restored:
	/* how the restore went says nothing new */
	probe_vector = -1;
	irq_window();
}

static const uint32_t delivery_modes[] = {
	0 << 8,		/* fixed */
	1 << 8,		/* lowest priority */
	2 << 8,		/* SMI */
	3 << 8,		/* reserved */
	4 << 8,		/* NMI */
	5 << 8,		/* INIT */
	6 << 8,		/* SIPI */
	7 << 8,		/* ExtINT */
};

static void act_ipi(void)
{
	uint32_t self = x2apic_id();
	uint32_t mode = PICK(delivery_modes), shorthand = rnd_below(4) << 18;
	uint32_t logical = rnd_below(4) == 0 ? 1 << 11 : 0;
	uint32_t vector = rnd_below(4) ? 0x20 + rnd_below(0xe0) : rnd_below(0x100);
	uint32_t level = rnd_below(2) << 14, trigger = rnd_below(4) == 0 ? 1 << 15 : 0;
	uint32_t icr, dest;
	static const uint32_t dests[] = {
		0, 1, 2, 3, 0xff, 0x101, 0x10001, 0xffffffff, 0x00010001,
		0x00010008, 0x0001ffff,
	};

	switch (rnd_below(3)) {
	case 0:
		dest = self;
		break;
	case 1:
		/* its own logical ID: cluster << 16 | 1 << (ID & 15) */
		dest = ((self >> 4) << 16) | (1 << (self & 15));
		break;
	default:
		dest = PICK(dests);
		break;
	}
	icr = mode | shorthand | logical | level | trigger | vector;
	if (rnd_below(8) == 0) {
		say("self IPI MSR 0x83f vector 0x%x", vector);
		PROBE("wrmsr", "c"(0x83f), "a"(vector), "d"(0));
	} else {
		say("IPI ICR 0x%x destination 0x%x (self 0x%x)", icr, dest, self);
		PROBE("wrmsr", "c"(MSR_X2APIC_ICR), "a"(icr), "d"(dest));
	}
	report();
	irq_window();
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
	{ "memory", act_memory },
	{ "instruction", act_instruction },
	{ "register", act_register },
	{ "ipi", act_ipi },
};

static int fuzz_hostile_main(void)
{
	unsigned int i, n = ARRAY_SIZE(action_classes);
	uint64_t mask = classes & ((1ULL << n) - 1);
	int ret;

	for (i = 0; i < n; i++)
		printk("fuzz-hostile: class %u %s%s\n", i, action_classes[i].name,
		       mask & (1ULL << i) ? "" : " (off)");
	if (!mask) {
		printk("fuzz-hostile: classes=0x%lx selects no class\n",
		       (unsigned long)classes);
		return -22;
	}
	ret = x2apic_init();
	if (ret)
		return ret;
	for (i = 32; i < 255; i++)
		irq_set_handler(i, count_interrupt);
	exception_set_fixup(hostile_fixup);
	printk("fuzz-hostile: seed %lu, %lu actions, classes 0x%lx, avoid 0x%lx, APIC ID %u\n",
	       (unsigned long)seed, (unsigned long)actions, (unsigned long)mask,
	       (unsigned long)avoid, x2apic_id());
	/* each action draws from its own stream: "first" starts anywhere */
	for (action_no = first; action_no < actions; action_no++) {
		const struct action_class *c;

		rng_state = seed ^ (action_no * 0xd1342543de82ef95ULL);
		rnd();
		do
			c = &action_classes[rnd_below(n)];
		while (!(mask & (1ULL << (c - action_classes))));
		c->run();
	}
	printk("fuzz-hostile: seed %lu done: %lu actions, %lu faults caught, "
	       "%lu interrupts, %lu NMIs\n", (unsigned long)seed,
	       (unsigned long)actions, faults, interrupts, nmis);
	return 0;
}

INMATE("fuzz-hostile", fuzz_hostile_main, params);
