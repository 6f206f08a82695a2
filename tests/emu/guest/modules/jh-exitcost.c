// SPDX-License-Identifier: GPL-2.0
/*
 * jh-exitcost: the round trip of each VM exit the root cell's Linux makes
 * often, measured from its kernel (scripts/bench-root.sh):
 *	insmod jh-exitcost.ko n=200 hv=1
 * logs one line per operation, "jh-exitcost: <op> <median cycles> <n>",
 * the median of n TSC-timed runs with interrupts off, and does not stay
 * loaded (its init fails with ECANCELED on purpose). The operations are
 * harmless for the running Linux:
 *	xapic_eoi	an EOI write with no interrupt in service (ignored)
 *	xapic_timer	the timer's divide configuration written with its own
 *			value (Linux programs the timer by the initial count,
 *			which it must keep: in Bochs its TSC-deadline mode
 *			is off, by an erratum check, so the timer runs one-shot)
 *	xapic_read	a read of the APIC version register
 *	xapic_icr	an ICR write: a fixed IPI to this CPU by the self
 *			shorthand, the reschedule vector (taken once interrupts
 *			are on again: a harmless scheduler check); through the
 *			hypervisor's IPI filter
 *	ioapic_read	a read of IOREGSEL of the first IOAPIC
 *	cpuid		CPUID leaf 0
 *	msr_pat		IA32_PAT written with its own value (a checked write)
 *	hypercall	JH_HC_HYPERVISOR_GET_INFO (only with hv=1: VMCALL
 *			outside VMX is #UD)
 * With the hypervisor off the same module gives what each costs natively.
 */
#include <linux/module.h>
#include <linux/io.h>
#include <linux/sort.h>
#include <linux/slab.h>
#include <asm/apic.h>
#include <asm/irq_vectors.h>
#include <asm/msr.h>
#include <jh/hypercall.h>

#define IOAPIC_PHYS	0xfec00000UL	/* the first IOAPIC (MP/ACPI default) */

static uint n = 200;
static bool hv;
module_param(n, uint, 0);
module_param(hv, bool, 0);

static void __iomem *ioapic;
static u32 tdcr;

static void op_xapic_eoi(void)
{
	native_apic_mem_write(APIC_EOI, 0);
}

static void op_xapic_timer(void)
{
	native_apic_mem_write(APIC_TDCR, tdcr);
}

static void op_xapic_read(void)
{
	native_apic_mem_read(APIC_LVR);
}

static void op_xapic_icr(void)
{
	native_apic_mem_write(APIC_ICR, APIC_DEST_SELF | APIC_DM_FIXED |
			      RESCHEDULE_VECTOR);
}

static void op_ioapic_read(void)
{
	readl(ioapic);
}

static void op_cpuid(void)
{
	unsigned int a = 0, b, c = 0, d;

	asm volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
}

static void op_msr_pat(void)
{
	u64 pat;

	rdmsrl(MSR_IA32_CR_PAT, pat);
	wrmsrl(MSR_IA32_CR_PAT, pat);
}

static void op_hypercall(void)
{
	long ret;

	asm volatile("vmcall" : "=a"(ret) : "a"((long)JH_HC_HYPERVISOR_GET_INFO),
		     "D"((long)JH_INFO_NUM_CELLS), "S"(0L) : "memory");
}

static const struct {
	const char *name;
	void (*op)(void);
	bool needs_hv;
} ops[] = {
	{ "xapic_eoi", op_xapic_eoi },
	{ "xapic_timer", op_xapic_timer },
	{ "xapic_read", op_xapic_read },
	{ "xapic_icr", op_xapic_icr },
	{ "ioapic_read", op_ioapic_read },
	{ "cpuid", op_cpuid },
	{ "msr_pat", op_msr_pat, },
	{ "hypercall", op_hypercall, true },
};

static int cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

/* The median TSC cycles of one op, less the timing's own cost (empty) */
static u64 median_cycles(void (*op)(void), u64 *t)
{
	unsigned long flags;
	unsigned int i;
	u64 t0;

	for (i = 0; i < n; i++) {
		local_irq_save(flags);
		t0 = rdtsc_ordered();
		if (op)
			op();
		t[i] = rdtsc_ordered() - t0;
		local_irq_restore(flags);
	}
	sort(t, n, sizeof(*t), cmp_u64, NULL);
	return t[n / 2];
}

static int __init jh_exitcost_init(void)
{
	unsigned int i;
	u64 *t, empty, m;

	if (!n || n > 100000 || !boot_cpu_has(X86_FEATURE_APIC) || x2apic_enabled()) {
		pr_err("jh-exitcost: needs 0 < n <= 100000 and an xAPIC\n");
		return -EINVAL;
	}
	t = kmalloc_array(n, sizeof(*t), GFP_KERNEL);
	ioapic = ioremap(IOAPIC_PHYS, PAGE_SIZE);
	if (!t || !ioapic) {
		kfree(t);
		if (ioapic)
			iounmap(ioapic);
		return -ENOMEM;
	}
	tdcr = native_apic_mem_read(APIC_TDCR);
	empty = median_cycles(NULL, t);
	for (i = 0; i < ARRAY_SIZE(ops); i++) {
		if (ops[i].needs_hv && !hv)
			continue;
		m = median_cycles(ops[i].op, t);
		pr_info("jh-exitcost: %s %llu %u\n", ops[i].name,
			m > empty ? m - empty : 0, n);
	}
	iounmap(ioapic);
	kfree(t);
	return -ECANCELED;
}
module_init(jh_exitcost_init);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("jh bench: the round trip of the root cell's frequent VM exits");
