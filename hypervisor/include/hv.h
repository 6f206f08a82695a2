/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The generic core's declarations: per-CPU data, memory, console, cells,
 * management requests. Nothing here names a VMX or VT-d type: the core
 * reaches the hardware only through the seams included at the end.
 */
#ifndef _HV_HV_H
#define _HV_HV_H

#include <jh/config.h>
#include <jh/hv-boot.h>
#include <jh/hypercall.h>

#include "processor.h"

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
#define ESRCH	3
#define ETIMEDOUT	110

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

/* What one CPU asks of another, with an NMI (mgmt.c) */
enum mgmt_request {
	MGMT_NONE,
	MGMT_FLUSH_EPT,		/* root CPU: its root EPT changed */
	MGMT_PARK,		/* stop the guest, wait in the hypervisor */
	MGMT_START,		/* parked CPU: enter its cell at the reset address */
	MGMT_INIT,		/* to the root (from a cell), halted until a SIPI */
	MGMT_SIPI,		/* CPU waiting for SIPI: start the root at sipi_vector */
};

/* Where a CPU is */
enum cpu_mode {
	CPU_ROOT,		/* runs the root cell (Linux) */
	CPU_PARKED,		/* halted in the hypervisor (wait_sipi: the root's) */
	CPU_CELL,		/* runs a non-root cell */
	CPU_OFF,		/* left VMX (disable, or a cell's CPU needing INIT) */
};

struct per_cpu {
	u8 stack[STACK_SIZE];		/* first: this_cpu() masks RSP */
	u8 vcpu_pages[2][PAGE_SIZE];	/* the vendor backend's (vcpu.h) */
	u64 gdt[GDT_ENTRIES];
	struct tss64 tss;
	unsigned int cpu;
	u32 apic_id;			/* recorded by apic_cpu_init() */
	bool vcpu_on;
	bool failed;
	u64 linux_rsp;			/* at entry, for a failed entry */
	struct cell *cell;
	bool entered;			/* the guest has run (an exit happened) */
	struct guest_regs *regs;	/* of the exit being handled */
	volatile u32 mgmt_request;	/* enum mgmt_request, cleared = acknowledged */
	volatile u32 mode;		/* enum cpu_mode */
	volatile u32 nmis_sent;		/* management NMIs sent to this CPU */
	u32 nmis_seen;
	volatile bool nmi_pending;	/* not yet dispatched (nmi_dispatch) */
	bool wait_sipi;			/* parked: an offline root CPU (after INIT) */
	u8 sipi_vector;			/* of a MGMT_SIPI request */
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
void page_free(void *page, unsigned int pages);	/* zeroes them */
/* a page table a CPU may cache: freed by pool_release_deferred() */
void page_free_deferred(void *page, unsigned int pages);
/* only once every CPU that used such tables flushed (mgmt_flush_root_ept) */
void pool_release_deferred(void);
u64 pool_size(void);
u64 pool_used(void);

/*
 * Sets (set) or clears bits [first, first + n) of a bitmap: the pool's,
 * and the byte-addressed I/O and MSR bitmaps (the same bits on x86)
 */
static inline void bitmap_assign(u64 *map, u64 first, u64 n, bool set)
{
	for (; n; n--, first++) {
		if (set)
			map[first / 64] |= 1ULL << (first % 64);
		else
			map[first / 64] &= ~(1ULL << (first % 64));
	}
}

void *memset(void *dst, int c, unsigned long n);
void *memcpy(void *dst, const void *src, unsigned long n);

/* Console: UART from the config and the ring the driver reads */
void console_init(const struct jh_console *con);
void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void console_putc(char c);

/*
 * Console lines a guest can cause (refused accesses, dropped IPIs): the
 * first REPORT_LIMIT of each kind, so that a guest cannot flood the log.
 * count: that kind's counter.
 */
#define REPORT_LIMIT	16
static inline bool report_allowed(unsigned int *count)
{
	return __atomic_fetch_add(count, 1, __ATOMIC_RELAXED) < REPORT_LIMIT;
}

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

/*
 * Failure reasons go to boot.status for the driver, and to the console;
 * returns err, for return set_status(-E..., "why")
 */
int set_status(int err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
struct jh_finding;
void report_finding(const struct jh_finding *f, void *opaque);

/* Cells */
#define MORE_MEMORY	"enlarge hypervisor_memory in the system config"
#define MAX_CELLS		16	/* ids 1..MAX_CELLS-1; the root is 0 */

struct cell {
	const struct jh_cell_desc *config;
	u64 config_pages;		/* of the config copy (0: root) */
	u64 *gpa_root;			/* its guest-physical page tables */
	u8 *io_bitmap;			/* port and MSR intercepts, in the */
	u8 *msr_bitmap;			/* vendor backend's format (vcpu.h) */
	struct jh_comm_region *comm;	/* its page (NULL: root) */
	u16 vpid;
	unsigned int id;
	u32 state;			/* JH_CELL_*: the hypervisor's view */
	bool started;			/* started since its loadable RAM was zeroed */
	bool loadable;			/* LOADABLE regions mapped in the root */
	bool mem_taken;			/* its memory and ports taken from the root */
	u64 cpus;			/* CPU mask */
};

extern struct cell root_cell;
extern struct cell *cells[MAX_CELLS];
struct cell *cpu_cell(unsigned int cpu);	/* the cell owning a CPU */
int root_cell_init(void);
bool root_owns_port(u32 port);
int root_copy(u64 gpa, void *buf, u64 size, bool write);

/*
 * Cell lifecycle (cell*.c). The root's management hypercalls, called with
 * the guest's arguments as every hypercall (hypercall.c): each returns >= 0
 * or -errno with set_status().
 */
void cell_lock(struct per_cpu *c);
void cell_unlock(void);
struct cell *cell_get(u64 id, const char *what);
long cell_create(struct per_cpu *c, struct guest_regs *r, u64 config_gpa, u64 size);
long cell_destroy(struct per_cpu *c, struct guest_regs *r, u64 id, u64 a2);
long cell_set_loadable(struct per_cpu *c, struct guest_regs *r, u64 id, u64 a2);
long cell_start(struct per_cpu *c, struct guest_regs *r, u64 id, u64 a2);
long cell_shutdown(struct per_cpu *c, struct guest_regs *r, u64 id, u64 a2);
long cell_get_stats(struct per_cpu *c, struct guest_regs *r, u64 id, u64 stats_gpa);
long cell_get_state(u64 id);
unsigned int cell_count(void);
int cell_request_cpus(struct cell *cell, u32 req);
int cell_take_from_root(struct cell *cell, bool loadable_only);
int cell_return_to_root(struct cell *cell, bool loadable_only);
int cell_scrub(struct cell *cell, bool loadable_only);
void __attribute__((noreturn)) cell_fail(struct per_cpu *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void __attribute__((noreturn)) cell_cpu_stopped(struct per_cpu *c);

/* Management requests between CPUs (mgmt.c) */
int mgmt_request(unsigned int cpu, u32 req);
void mgmt_request_async(unsigned int cpu, u32 req);
int mgmt_flush_root_ept(void);
void mgmt_check(struct per_cpu *c);
void nmi_dispatch(struct per_cpu *c);
void __attribute__((noreturn)) mgmt_park(struct per_cpu *c);
int mgmt_init_sipi(struct per_cpu *c, unsigned int cpu, bool sipi, u8 vector);
u64 ms_to_tsc(u64 ms);
void status_clear(void);

/* Shared-memory links' doorbells and peer states (shmem.c) */
void shmem_update(void);
long shmem_ring(struct per_cpu *c, struct guest_regs *r, u64 link, u64 a2);
long shmem_root_irq(struct per_cpu *c, struct guest_regs *r, u64 link, u64 to);

/* A hypercall of the guest on CPU c (hypercall.c); only from CPL 0 */
long hypercall(struct per_cpu *c, struct guest_regs *regs, u64 code, u64 a1, u64 a2);

/* The seams: what the core may call of the platform and the backends */
#include "arch.h"
#include "vcpu.h"
#include "iommu.h"

#endif /* _HV_HV_H */
