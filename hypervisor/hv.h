/* SPDX-License-Identifier: GPL-2.0 */
/* Hypervisor-wide declarations: per-CPU data, memory, console, cells */
#ifndef _HV_HV_H
#define _HV_HV_H

#include <jh/config.h>
#include <jh/hv-boot.h>
#include <jh/hypercall.h>

#include "x86.h"

#define PAGE_SIZE		4096UL
#define PER_CPU_SIZE		0x10000UL	/* per_cpu is aligned to it: see this_cpu() */
#define STACK_SIZE		0x8000UL

#define EINVAL	22
#define ENOMEM	12
#define EPERM	1
#define EBUSY	16
#define ENOSYS	38
#define EIO	5
#define ENODEV	19
#define ERANGE	34
#define EEXIST	17

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#define ALIGN_UP(x, a)		(((x) + (a) - 1) & ~((u64)(a) - 1))

/* Guest general-purpose registers as the exit stub pushes them */
struct guest_regs {
	u64 gpr[16];	/* gpr[15 - n] is register n (0 = RAX ... 15 = R15) */
};

static inline u64 *guest_reg(struct guest_regs *r, unsigned int n)
{
	return &r->gpr[15 - n];
}

#define REG_RAX	0
#define REG_RCX	1
#define REG_RDX	2
#define REG_RBX	3
#define REG_RSP	4
#define REG_RSI	6
#define REG_RDI	7

struct tss64 {
	u32 reserved0;
	u64 rsp[3];
	u64 reserved1;
	u64 ist[7];
	u64 reserved2;
	u16 reserved3;
	u16 iomap_base;
} JH_PACKED;

#define GDT_ENTRIES	16
#define HOST_CS		0x10	/* the same selectors as Linux's kernel */
#define HOST_DS		0x18
#define HOST_TR		0x40

struct cell;

struct per_cpu {
	u8 stack[STACK_SIZE];		/* first: this_cpu() masks RSP */
	u8 vmxon_region[PAGE_SIZE];
	u8 vmcs[PAGE_SIZE];
	u64 gdt[GDT_ENTRIES];
	struct tss64 tss;
	unsigned int cpu;
	u32 apic_id;			/* recorded by apic_cpu_init() */
	bool vmx_on;
	bool failed;
	u64 linux_rsp;			/* at entry, for a failed entry */
	struct cell *cell;
	u64 exits_total;
	u64 exits[JH_EXIT_REASONS];
} __attribute__((aligned(PER_CPU_SIZE)));

extern struct per_cpu per_cpu[JH_MAX_CPUS];
extern struct jh_hv_boot boot;
extern const struct jh_system *sys_config;

static inline struct per_cpu *this_cpu(void)
{
	u64 rsp;

	asm volatile("mov %%rsp, %0" : "=r"(rsp));
	return (struct per_cpu *)(rsp & ~(PER_CPU_SIZE - 1));
}

/* Memory: hypervisor virtual <-> physical, the direct map, the page pool */
static inline u64 hv_virt_to_phys(const void *v)
{
	return (u64)v - JH_HV_LINK_BASE + boot.phys_base;
}

static inline void *hv_phys_to_virt(u64 phys)
{
	return (void *)(phys - boot.phys_base + JH_HV_LINK_BASE);
}

static inline void *direct_map(u64 phys)
{
	return (void *)(JH_HV_DIRECT_MAP + phys);
}

void pool_init(void);
void *page_alloc(unsigned int pages);	/* zeroed, NULL if out of memory */
void page_free(void *page, unsigned int pages);
u64 pool_size(void);
u64 pool_used(void);

void *memset(void *dst, int c, unsigned long n);
void *memcpy(void *dst, const void *src, unsigned long n);

/* Console: UART from the config and the ring the driver reads */
void console_init(const struct jh_console *con);
void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void console_putc(char c);

/* Spinlocks */
typedef struct {
	volatile u32 locked;
} spinlock_t;

static inline void spin_lock(spinlock_t *l)
{
	while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE))
		cpu_relax();
}

static inline void spin_unlock(spinlock_t *l)
{
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
}

/* Failure reasons go to boot.status for the driver, and to the console */
void set_status(int err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Host GDT, IDT, exceptions (host-cpu.c) */
void host_cpu_init(struct per_cpu *c);
const struct dtr *host_idtr(void);
struct exc_frame;
void host_exception(struct exc_frame *f);

/* Return to Linux for good (leave.c) */
void __attribute__((noreturn)) leave_from_entry(struct per_cpu *c, int err);
void __attribute__((noreturn)) leave_from_guest(struct per_cpu *c,
						struct guest_regs *regs);
void __attribute__((noreturn)) cpu_park(void);

/* Cells */
struct cell {
	const struct jh_cell_desc *config;
	u64 *ept_root;			/* PML4 of its EPT */
	u8 *io_bitmap;			/* 2 pages */
	u8 *msr_bitmap;			/* 1 page */
	u16 vpid;
};

extern struct cell root_cell;
struct cell *cpu_cell(unsigned int cpu);	/* the cell owning a CPU */
int root_cell_init(void);

/* EPT (ept.c) */
int ept_map_region(u64 *root, u64 guest_phys, u64 phys, u64 size, u64 flags);
u64 ept_pointer(const u64 *root);

#endif /* _HV_HV_H */
