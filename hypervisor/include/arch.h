/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The x86 platform seam (x86/): what the generic core may call of the
 * host CPU setup, the local APIC and the MMIO emulation of interrupt
 * controllers. None of it depends on the CPU vendor's virtualization.
 */
#ifndef _HV_ARCH_H
#define _HV_ARCH_H

struct per_cpu;
struct cell;
struct guest_regs;

/* Host GDT, TSS and IDT of this CPU (host-cpu.c) */
void host_cpu_init(struct per_cpu *c);

/*
 * A machine check hit this CPU in the hypervisor since the last call:
 * the caller hands it to the guest that owns the machine's RAS
 */
bool host_machine_check(unsigned int cpu);

/* This CPU halts for good with interrupts off (a hypervisor bug), failed */
void __attribute__((noreturn)) cpu_park(void);

/* After an NMI exit NMIs may stay blocked until an IRET: do one */
void nmi_unblock(void);

/* This CPU's APIC ID and logical destination, recorded at entry (apic.c) */
void apic_cpu_init(struct per_cpu *c);

/*
 * Flushes at a CPU's handover between cells (cpu-flush.c): which ones the
 * CPU needs by its CPUID leaf 7 EDX and IA32_ARCH_CAPABILITIES, and the
 * flush itself, on this CPU
 */
#define CPU_FLUSH_IBPB		0x1	/* IA32_PRED_CMD: branch predictors */
#define CPU_FLUSH_L1D		0x2	/* IA32_FLUSH_CMD: L1 data cache */
#define CPU_FLUSH_VERW		0x4	/* VERW: CPU buffers (MD_CLEAR) */
unsigned int cpu_flush_needs(u32 cpuid7_edx, u64 arch_caps);
void cpu_handover_flush(void);

/*
 * SMT siblings (cpu-smt.c): how many low APIC ID bits number a core's
 * threads; of the CPUs in known but not in cpus, those sharing a core with
 * one of cpus (*inside: the CPUs of cpus that share one)
 */
unsigned int cpu_smt_shift(void);
u64 cpu_smt_shared(const u32 *apic_ids, u64 known, u64 cpus, unsigned int shift, u64 *inside);

/* NMI to a CPU (management requests); works in xAPIC and x2APIC mode */
int apic_send_nmi(unsigned int cpu);
/* A fixed interrupt with vector to a CPU (shared-memory doorbells) */
void apic_send_vector(unsigned int cpu, u8 vector);

/*
 * The root cell's interrupt controllers, emulated so that it cannot reach
 * other cells' CPUs: its xAPIC page (xapic.c), its IOAPICs (ioapic.c)
 */
int mmio_trap_root(struct cell *root);

/*
 * A cell's IOAPIC pins (its irqchips) taken from the root (take) or given
 * back, masked either way; taking traps its IOAPIC pages (ioapic.c)
 */
int ioapic_cell_pins(struct cell *cell, bool take);
/* Every pin rewritten through its remapping entry (on) or as written */
int ioapic_irq_remapping(bool on);

/*
 * A guest-physical access at gpa that faulted on CPU c (write: it was a
 * write): 1 when a registered page's emulator performed it and the guest
 * continues after the instruction; 0 when gpa is no emulated page or the
 * access cannot be emulated (reason on the console).
 */
int mmio_access(struct per_cpu *c, struct guest_regs *regs, u64 gpa, bool write);

/*
 * PCI configuration space (pci-cfg.c): the hypervisor's own accesses
 * (size 1, 2 or 4; all ones where nothing answers), the MMCONFIG windows
 * trapped in the root at enable and in a cell at create (pci.h), and a
 * cell's accesses to ports 0xcf8-0xcff, which end in pci_cfg_access()
 * (core/pci.c)
 */
u32 arch_pci_read(u16 seg, u16 bdf, u16 reg, unsigned int size);
void arch_pci_write(u16 seg, u16 bdf, u16 reg, unsigned int size, u32 value);
int arch_pci_cell_init(struct cell *cell);
void pci_port_access(struct per_cpu *c, u16 port, unsigned int size, bool in, u32 *value);

#endif /* _HV_ARCH_H */
