/* SPDX-License-Identifier: GPL-2.0 */
/* VMX on one CPU: turning it on, the VMCS, exits (vmx-cpu.c, vmx-exit.c) */
#ifndef _HV_VMX_CPU_H
#define _HV_VMX_CPU_H

#include "hv.h"

void vmx_handle_exit(struct guest_regs *regs);
void vmx_entry_failed(void);

/*
 * Helpers for exit handlers; both return true, what a handler returns once
 * the guest continues after the instruction or gets the exception
 */
bool skip_instruction(void);
bool inject_exception(unsigned int vector, bool has_code, u32 code);
unsigned int guest_cpl(void);
void __attribute__((noreturn)) guest_fatal(struct per_cpu *c, struct guest_regs *regs,
					   const char *why);

/* CR0/CR4 bits the guest may not own; their shadows hold what it wrote */
u64 vmx_cr0_mask(void);
u64 vmx_cr4_mask(void);
u64 vmx_cr0_fix(u64 val);
u64 vmx_cr4_fix(u64 val);

void root_msr_bitmap_init(u8 *bitmap);
void cell_msr_bitmap_init(u8 *bitmap);
bool root_msr_write_ignored(u32 msr);
int vmx_set_controls(struct per_cpu *c);
void vmx_halt_exits(bool on);
void vmx_flush_translations(void);
void vmx_reset_real_mode(u64 cs_base, u16 cs_sel, u64 ip);
u64 ept_pointer(const u64 *root);

typedef bool (*exit_handler_t)(struct per_cpu *c, struct guest_regs *regs);

/* A CPUID feature Linux may use whose secondary control is missing, or NULL */
const char *cpuid_needs_missing(u32 proc2_allowed);
bool handle_cpuid(struct per_cpu *c, struct guest_regs *regs);
bool handle_xsetbv(struct per_cpu *c, struct guest_regs *regs);
bool handle_cr_access(struct per_cpu *c, struct guest_regs *regs);
bool handle_rdmsr(struct per_cpu *c, struct guest_regs *regs);
bool handle_wrmsr(struct per_cpu *c, struct guest_regs *regs);
bool handle_io(struct per_cpu *c, struct guest_regs *regs);
bool handle_init_signal(struct per_cpu *c, struct guest_regs *regs);

#endif /* _HV_VMX_CPU_H */
