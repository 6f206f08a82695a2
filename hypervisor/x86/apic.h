/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The local APIC as the hypervisor sees it: each CPU's APIC ID and logical
 * destination, NMIs for management requests, the x2APIC switch of cell
 * CPUs, and the ICR filter that keeps IPIs inside the sender's cell.
 */
#ifndef _HV_APIC_H
#define _HV_APIC_H

#include "hv.h"

#define APIC_BASE_ADDR		0xffffff000ULL
#define APIC_MODE_XAPIC		APIC_BASE_EN
#define APIC_MODE_X2APIC	(APIC_BASE_EN | APIC_BASE_EXTD)

/* xAPIC register offsets in the APIC page (x2APIC MSR = 0x800 + off / 16) */
#define APIC_REG_ID		0x020
#define APIC_REG_LDR		0x0d0
#define APIC_REG_DFR		0x0e0
#define APIC_REG_ICR_LO		0x300
#define APIC_REG_ICR_HI		0x310

#define MSR_X2APIC_ID		0x802
#define MSR_X2APIC_VERSION	0x803
#define MSR_X2APIC_TPR		0x808
#define MSR_X2APIC_EOI		0x80b
#define MSR_X2APIC_SIVR		0x80f
#define APIC_SIVR_ENABLE	(1U << 8)
#define MSR_X2APIC_ISR0		0x810
#define MSR_X2APIC_ESR		0x828
#define MSR_X2APIC_TIMER_INIT	0x838
#define MSR_X2APIC_TIMER_DIV	0x83e
#define APIC_LVT_MASKED		(1U << 16)

/* ICR low word */
#define APIC_ICR_VECTOR		0x000000ffU
#define APIC_ICR_DM_MASK	0x00000700U	/* delivery mode */
#define APIC_ICR_DM_FIXED	0x00000000U
#define APIC_ICR_DM_LOWEST	0x00000100U
#define APIC_ICR_DM_SMI		0x00000200U
#define APIC_ICR_DM_NMI		0x00000400U
#define APIC_ICR_DM_INIT	0x00000500U
#define APIC_ICR_DM_SIPI	0x00000600U
#define APIC_ICR_DM_EXTINT	0x00000700U
#define APIC_ICR_LOGICAL	0x00000800U
#define APIC_ICR_BUSY		0x00001000U	/* xAPIC delivery status */
#define APIC_ICR_ASSERT		0x00004000U
#define APIC_ICR_SH_MASK	0x000c0000U	/* destination shorthand */
#define APIC_ICR_SH_SELF	0x00040000U
#define APIC_ICR_SH_ALL		0x00080000U
#define APIC_ICR_SH_OTHERS	0x000c0000U

/*
 * What the IPI router needs to know of one CPU's APIC: recorded when the
 * CPU enters the hypervisor and whenever its mode changes (root's
 * IA32_APIC_BASE writes, cell start and destroy), the logical destination
 * also when the root cell writes LDR/DFR through the trapped xAPIC page.
 */
struct apic_view {
	u32 id;		/* xAPIC: 8 bits; x2APIC: 32 bits */
	u32 ldr;	/* xAPIC logical destination register (bits 31:24) */
	u32 dfr;	/* xAPIC destination format (0xffffffff = flat) */
	bool x2apic;	/* the APIC is in x2APIC mode (ldr, dfr unused) */
};

/*
 * CPUs an IPI reaches (pure, host-tested in apic-route.c). known: bit n
 * set if cpus[n] is valid; x2apic: the sender's mode (the format of
 * dest). Each receiver matches dest in its own mode; where sender and
 * receiver modes differ (the hardware leaves that undefined) a receiver
 * counts as reached if any reading of dest reaches it. *others is set
 * when the IPI may also reach an APIC the hypervisor does not know
 * (broadcast, or an unknown ID).
 */
u64 apic_ipi_targets(const struct apic_view *cpus, u64 known, unsigned int self,
		     u32 icr_lo, u32 dest, bool x2apic, bool *others);

enum apic_verdict {
	APIC_IPI_FORWARD,	/* write the ICR as the guest wrote it */
	APIC_IPI_SPLIT,		/* one physical IPI to each CPU in *deliver */
	APIC_IPI_DROP,		/* root cell: aimed only at other cells' CPUs */
	APIC_IPI_DENY,		/* non-root cell: aimed outside the cell */
};

/*
 * May a sender whose cell owns the CPUs in own reach targets (others:
 * see above)? *deliver is what a SPLIT sends to (one CPU for lowest
 * priority).
 */
enum apic_verdict apic_ipi_verdict(u64 targets, bool others, u64 own, bool root,
				   u32 icr_lo, u64 *deliver);

/* This CPU's APIC mode: IA32_APIC_BASE & (EN | EXTD) */
u64 apic_mode(void);

/*
 * A cell CPU gets its APIC in x2APIC mode, cleared at every start (LVTs
 * masked, timer stopped, TPR 0, nothing in service, software-disabled);
 * destroy gives back the mode the root had when the cell first started
 * on the CPU.
 */
void apic_cell_reset(void);
void apic_restore_root_mode(void);

/*
 * A guest's write of the x2APIC ICR (MSR 0x830) on CPU c, whose APIC is
 * in x2APIC mode (else the caller injects #GP, as hardware would).
 * Forwarded if every destination belongs to c's cell; a root cell IPI to
 * CPUs of other cells is dropped (or trimmed, for broadcasts) with a
 * console message. false: a non-root cell aimed outside itself; the
 * caller fails the cell.
 */
bool apic_x2apic_icr_write(struct per_cpu *c, u64 value);

/* The same filter for an xAPIC ICR low write (dest = ICR high bits 31:24) */
bool apic_xapic_icr_write(struct per_cpu *c, u32 icr_lo, u32 icr_hi);

/*
 * An interrupt a cell routes (IOAPIC entry or MSI in compatibility format:
 * delivery mode and destination mode bits as in the ICR, 8-bit dest):
 * true if it reaches no CPU of another cell; a non-root cell's must also
 * be fixed or lowest priority and reach only CPUs the hypervisor knows.
 */
bool apic_cell_owns_destination(const struct cell *cell, u32 mode, u32 dest);

/*
 * The root cell's write of MSR_APIC_BASE on CPU c: done, unless it would
 * move the APIC page away from where the hypervisor traps it or is not a
 * valid write (false: the caller injects #GP).
 */
bool apic_root_base_write(struct per_cpu *c, u64 val);

/* The root cell changed its logical destination (trapped xAPIC page) */
void apic_set_logical(struct per_cpu *c, u32 ldr, u32 dfr);

/* This CPU's xAPIC registers, through the hypervisor's uncached mapping */
u32 apic_mmio_read(u32 reg);
void apic_mmio_write(u32 reg, u32 val);

/* The root cell's trapped xAPIC page (xapic.c) and IOAPICs (ioapic.c) */
int xapic_trap_root(struct cell *root);
int ioapic_trap_root(struct cell *root);

#endif /* _HV_APIC_H */
