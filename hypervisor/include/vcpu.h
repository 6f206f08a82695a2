/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The CPU-vendor backend seam. vmx/ implements it for Intel VT-x; an AMD
 * SVM backend would be a sibling folder implementing the same functions,
 * and the Makefile links exactly one (VENDOR=vmx). The core and the x86
 * platform code reach the virtualization hardware only through these.
 */
#ifndef _HV_VCPU_H
#define _HV_VCPU_H

struct per_cpu;
struct cell;
struct guest_regs;

/* One CPU: from Linux into the hypervisor with Linux as its guest */
int vcpu_cpu_init(struct per_cpu *c);
void __attribute__((noreturn)) vcpu_launch(void);
/* back into this CPU's guest from any depth of the hypervisor */
void __attribute__((noreturn)) vcpu_resume(struct guest_regs *regs);
void vcpu_cpu_off(struct per_cpu *c);

/* Back to Linux for good: after a failed entry, or on disable */
void __attribute__((noreturn)) leave_from_entry(struct per_cpu *c, int err);
void __attribute__((noreturn)) leave_from_guest(struct per_cpu *c, struct guest_regs *regs);

/* On a parked CPU: reset it into its cell at the config's start address */
void vcpu_cell_reset(struct per_cpu *c);
/*
 * On a cell CPU given back: the root's controls and an xAPIC again; where
 * the APIC needs an INIT for that, it leaves VMX instead (CPU_OFF, no return)
 */
void vcpu_cell_leave(struct per_cpu *c);
/* On a root CPU waiting for SIPI: the state after INIT, CS:IP vector:0 */
void vcpu_sipi(struct per_cpu *c, u8 vector);

/*
 * A cell's port and MSR intercepts (io_bitmap, msr_bitmap): init traps
 * every port and applies the MSR policy (the root's or a cell's); ports
 * then opens or closes [port, port + len).
 */
int vcpu_cell_init(struct cell *cell);
void vcpu_cell_exit(struct cell *cell);
void vcpu_cell_ports(struct cell *cell, u32 port, u32 len, bool allow);

/* The guest state of the exit this CPU handles */
struct vcpu_state {
	u64 rip, cr0, cr3, cr4, efer, cs_base;
	bool cs_long, cs_32;	/* 64-bit code segment, 32-bit default size */
};
void vcpu_get_state(struct vcpu_state *s);
void vcpu_set_rip(u64 rip);
/* General-purpose register n (0 = RAX ... 15 = R15) of the exit's guest */
u64 vcpu_gpr(struct guest_regs *regs, unsigned int n);
void vcpu_set_gpr(struct guest_regs *regs, unsigned int n, u64 val);
/* An NMI for this CPU's guest: at the next entry, or once it unblocks NMIs */
void vcpu_inject_nmi(void);

/* Guest-physical page tables (EPT for VMX); -EEXIST on overlap */
extern volatile u64 gpa_generation;	/* counts changes to any of them */
int gpa_map(u64 *root, u64 gpa, u64 pa, u64 size, u64 mem_flags);
int gpa_unmap(u64 *root, u64 gpa, u64 size);
/* maps back what gpa_unmap took, merging 2 MiB pages again; merged tables
 * are freed deferred (the caller flushes, see pool_release_deferred) */
int gpa_restore(u64 *root, u64 gpa, u64 pa, u64 size, u64 mem_flags);
/* all tables, at once: no CPU may use them any more */
void gpa_free(u64 *root);
/*
 * Host-physical address of RAM at gpa that the guest may access with
 * access (JH_MEM_READ, JH_MEM_WRITE); ~0 otherwise (device memory too:
 * the hypervisor never touches a device for a guest)
 */
u64 gpa_to_hpa(const u64 *root, u64 gpa, u64 access);
/* this CPU drops every cached guest-physical translation */
void gpa_flush_all(void);

#endif /* _HV_VCPU_H */
