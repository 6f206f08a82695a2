/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Single-instruction wrappers: port I/O, MSRs, TSC, CPUID, halting. */
#ifndef _INMATE_X86_H
#define _INMATE_X86_H

#include <jh/types.h>

static inline void outb(uint16_t port, uint8_t val)
{
	asm volatile("outb %0, %1" : : "a"(val), "Nd"(port));
}

static inline void outw(uint16_t port, uint16_t val)
{
	asm volatile("outw %0, %1" : : "a"(val), "Nd"(port));
}

static inline void outl(uint16_t port, uint32_t val)
{
	asm volatile("outl %0, %1" : : "a"(val), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
	uint8_t val;

	asm volatile("inb %1, %0" : "=a"(val) : "Nd"(port));
	return val;
}

static inline uint16_t inw(uint16_t port)
{
	uint16_t val;

	asm volatile("inw %1, %0" : "=a"(val) : "Nd"(port));
	return val;
}

static inline uint32_t inl(uint16_t port)
{
	uint32_t val;

	asm volatile("inl %1, %0" : "=a"(val) : "Nd"(port));
	return val;
}

static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t val)
{
	asm volatile("wrmsr" : : "c"(msr), "a"((uint32_t)val),
		     "d"((uint32_t)(val >> 32)) : "memory");
}

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

struct cpuid_regs {
	uint32_t eax, ebx, ecx, edx;
};

static inline struct cpuid_regs cpuid(uint32_t leaf, uint32_t subleaf)
{
	struct cpuid_regs r;

	asm volatile("cpuid" : "=a"(r.eax), "=b"(r.ebx), "=c"(r.ecx),
		     "=d"(r.edx) : "a"(leaf), "c"(subleaf));
	return r;
}

static inline void cpu_relax(void)
{
	asm volatile("pause" : : : "memory");
}

static inline void irq_enable(void)
{
	asm volatile("sti" : : : "memory");
}

static inline void irq_disable(void)
{
	asm volatile("cli" : : : "memory");
}

/* Enables interrupts and waits for one; sti's one-instruction shadow
 * makes the pair atomic, so no wake-up is lost between them. */
static inline void wait_for_interrupt(void)
{
	asm volatile("sti; hlt" : : : "memory");
}

static inline void __attribute__((noreturn)) halt_forever(void)
{
	for (;;)
		asm volatile("cli; hlt" : : : "memory");
}

static inline void barrier(void)
{
	asm volatile("" : : : "memory");
}

/* Device registers: volatile accesses of exactly the width asked */
static inline uint32_t mmio_read32(const volatile void *addr)
{
	return *(const volatile uint32_t *)addr;
}

static inline void mmio_write32(volatile void *addr, uint32_t val)
{
	*(volatile uint32_t *)addr = val;
}

#endif /* _INMATE_X86_H */
