// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * cell-sim: tests an inmate's cell start and comm-region protocol on bare
 * metal, without the hypervisor. Booted by a multiboot loader on CPU 0, it
 * does what jh does for a cell: copies the inmate to guest 0, the string
 * after "--" on its command line to 0x1000 (jh cell load -s ... -a 0x1000),
 * fills a comm region at 0x100000, and resets CPU 1 into real mode at
 * 0000:0000 (INIT, then SIPI with vector 0). Then it watches the comm
 * region like the hypervisor, sends a shutdown request and prints the
 * outcome as JH-TAP lines on COM1, then JH-DONE. The inmate's UART is COM2.
 *
 * Command line: [expect=approve|deny] [wait_ms=N] [cpu=N] [also=N] [starts=N]
 *	[vcon] [nocon] -- INMATE ARGS
 * also=N resets a second CPU at 0000:0000 too, as a 2-CPU cell would (the
 * inmate's first CPU runs the application, the other one parks); starts=N
 * starts the cell N times without loading it again (jh cell start after a
 * shutdown); vcon sets JH_CELL_VIRTUAL_CONSOLE in the comm region's flags
 * and nocon leaves its console JH_CON_NONE (there is no hypervisor here, so
 * the inmate must not take the virtual console anyway).
 * (Bochs values: TSC 10000 kHz at ips=10M, PM timer 0xb008, COM2 0x2f8.)
 */
#include <jh/hypercall.h>

#define COM1			0x3f8
#define COM2			0x2f8
#define BOCHS_TSC_KHZ		10000
#define BOCHS_PM_TIMER		0xb008
#define INMATE_BASE		0x0
#define INMATE_CMDLINE		0x1000
#define INMATE_CMDLINE_SIZE	0x1000
#define COMM_REGION		0x100000
#define XAPIC_BASE		0xfee00000
#define XAPIC_SVR		0xf0
#define XAPIC_ICR_LOW		0x300
#define XAPIC_ICR_HIGH		0x310
#define ICR_INIT_ASSERT		0x4500
#define ICR_STARTUP		0x4600
#define MB_INFO_CMDLINE		(1 << 2)

struct mb_info {
	uint32_t flags;
	uint32_t mem_lower, mem_upper;
	uint32_t boot_device;
	uint32_t cmdline;
};

void sim_main(const struct mb_info *mbi);

extern const char inmate_image[], inmate_image_end[];

static unsigned int tap_n;
static char staged_args[INMATE_CMDLINE_SIZE];

static void outb(uint16_t port, uint8_t val)
{
	asm volatile("outb %0, %1" : : "a"(val), "Nd"(port));
}

static uint8_t inb(uint16_t port)
{
	uint8_t val;

	asm volatile("inb %1, %0" : "=a"(val) : "Nd"(port));
	return val;
}

static uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/*
 * 32-bit code without a 32-bit libgcc (no gcc-multilib), so not the
 * project's formatter (its 64-bit divisions need one): plain strings and
 * 32-bit decimals only.
 */
static void print(const char *s)
{
	for (; *s; s++) {
		while (!(inb(COM1 + 5) & 0x20))
			;
		outb(COM1, *s);
	}
}

static void print_u32(uint32_t v)
{
	char buf[11];
	int i = sizeof(buf) - 1;

	buf[i] = '\0';
	do {
		buf[--i] = '0' + v % 10;
		v /= 10;
	} while (v);
	print(buf + i);
}

static void tap(bool ok, const char *what, uint32_t got)
{
	print(ok ? "JH-TAP: ok " : "JH-TAP: not ok ");
	print_u32(++tap_n);
	print(" - cell-sim: ");
	print(what);
	print(" (value ");
	print_u32(got);
	print(")\n");
}

static void delay_ms(uint32_t ms)
{
	uint64_t end = rdtsc() + (uint64_t)ms * BOCHS_TSC_KHZ;

	while (rdtsc() < end)
		asm volatile("pause");
}

/* Waits up to ms for the comm region's field at offset to become want;
 * returns what it holds (an offset: the struct is packed) */
#define COMM_FIELD(member)	__builtin_offsetof(struct jh_comm_region, member)

static uint32_t wait_for(uint32_t offset, uint32_t want, uint32_t ms)
{
	volatile uint32_t *field = (volatile uint32_t *)(COMM_REGION + offset);
	uint64_t end = rdtsc() + (uint64_t)ms * BOCHS_TSC_KHZ;

	while (*field != want && rdtsc() < end)
		asm volatile("pause");
	return *field;
}

static bool starts_with(const char *s, const char *prefix)
{
	while (*prefix)
		if (*s++ != *prefix++)
			return false;
	return true;
}

static uint32_t number(const char *s)
{
	uint32_t v = 0;

	while (*s >= '0' && *s <= '9')
		v = v * 10 + (*s++ - '0');
	return v;
}

static void xapic_write(uint32_t reg, uint32_t val)
{
	*(volatile uint32_t *)(XAPIC_BASE + reg) = val;
}

static uint32_t xapic_read(uint32_t reg)
{
	return *(volatile uint32_t *)(XAPIC_BASE + reg);
}

/* INIT, then SIPI vector 0: the CPU resets into real mode at 0000:0000 */
static void reset_cpu_to_zero(uint32_t apic_id)
{
	xapic_write(XAPIC_SVR, xapic_read(XAPIC_SVR) | 0x100);
	xapic_write(XAPIC_ICR_HIGH, apic_id << 24);
	xapic_write(XAPIC_ICR_LOW, ICR_INIT_ASSERT);
	delay_ms(10);
	xapic_write(XAPIC_ICR_HIGH, apic_id << 24);
	xapic_write(XAPIC_ICR_LOW, ICR_STARTUP | 0);
}

static void fill_comm_region(bool virtual_console, bool no_console)
{
	struct jh_comm_region *comm = (void *)COMM_REGION;
	const char *sig = JH_COMM_SIGNATURE;
	char *page = (char *)COMM_REGION;
	unsigned int i;

	for (i = 0; i < 4096; i++)
		page[i] = 0;
	for (i = 0; i < JH_SIGNATURE_SIZE; i++)
		comm->signature[i] = sig[i];
	comm->cell_state = JH_CELL_CREATED;
	comm->num_cpus = 1;
	comm->tsc_khz = BOCHS_TSC_KHZ;
	comm->pm_timer_port = BOCHS_PM_TIMER;
	if (virtual_console)
		comm->flags = JH_CELL_VIRTUAL_CONSOLE;
	if (no_console)
		return;
	comm->console.type = JH_CON_8250_PIO;
	comm->console.address = COM2;
	comm->console.divider = 1;
}

/* One cell start: the CPUs reset at 0, then the shutdown protocol */
static void start_and_stop(uint32_t cpu, uint32_t also, bool deny, uint32_t wait_ms)
{
	struct jh_comm_region *comm = (void *)COMM_REGION;
	uint32_t got;

	comm->cell_state = JH_CELL_CREATED;
	comm->msg_to_cell = JH_MSG_NONE;
	comm->reply_from_cell = JH_MSG_REPLY_NONE;
	reset_cpu_to_zero(cpu);
	if (also)
		reset_cpu_to_zero(also);

	got = wait_for(COMM_FIELD(cell_state),
		       deny ? JH_CELL_RUNNING_LOCKED : JH_CELL_RUNNING, 5000);
	tap(got == (deny ? JH_CELL_RUNNING_LOCKED : JH_CELL_RUNNING),
	    deny ? "inmate reports running-locked" : "inmate reports running", got);

	delay_ms(wait_ms);
	comm->msg_to_cell = JH_MSG_SHUTDOWN_REQUEST;
	got = wait_for(COMM_FIELD(reply_from_cell),
		       deny ? JH_MSG_REQUEST_DENIED : JH_MSG_REQUEST_APPROVED, 2000);
	if (deny) {
		tap(got == JH_MSG_REQUEST_DENIED, "locked inmate denies the shutdown request", got);
		delay_ms(50);
		tap(comm->cell_state == JH_CELL_RUNNING_LOCKED,
		    "inmate keeps running after the denial", comm->cell_state);
	} else {
		tap(got == JH_MSG_REQUEST_APPROVED, "inmate approves the shutdown request", got);
		got = wait_for(COMM_FIELD(cell_state), JH_CELL_SHUT_DOWN, 5000);
		tap(got == JH_CELL_SHUT_DOWN, "inmate reports shut down", got);
	}
	delay_ms(50);	/* let the inmate's last lines out on COM2 */
}

void sim_main(const struct mb_info *mbi)
{
	const char *line = (mbi->flags & MB_INFO_CMDLINE) ? (const char *)mbi->cmdline : "";
	char *dst = (char *)INMATE_BASE, *args = (char *)INMATE_CMDLINE;
	uint32_t wait_ms = 300, cpu = 1, also = 0, starts = 1, i;
	bool deny = false, virtual_console = false, no_console = false;
	const char *p;

	/* the loader's info lives in low memory, which the copy overwrites */
	for (p = line; *p && *p != ' '; p++)
		;			/* the image's own name */
	while (*p) {
		while (*p == ' ')
			p++;
		if (starts_with(p, "--")) {
			p += 2;
			while (*p == ' ')
				p++;
			break;
		}
		if (starts_with(p, "expect=deny"))
			deny = true;
		else if (starts_with(p, "wait_ms="))
			wait_ms = number(p + 8);
		else if (starts_with(p, "cpu="))
			cpu = number(p + 4);
		else if (starts_with(p, "also="))
			also = number(p + 5);
		else if (starts_with(p, "starts="))
			starts = number(p + 7);
		else if (starts_with(p, "vcon"))
			virtual_console = true;
		else if (starts_with(p, "nocon"))
			no_console = true;
		while (*p && *p != ' ')
			p++;
	}
	for (i = 0; p[i] && i < INMATE_CMDLINE_SIZE - 1; i++)
		staged_args[i] = p[i];
	staged_args[i] = '\0';

	for (i = 0; i < (uint32_t)(inmate_image_end - inmate_image); i++)
		dst[i] = inmate_image[i];
	for (i = 0; i < INMATE_CMDLINE_SIZE; i++)
		args[i] = staged_args[i];
	fill_comm_region(virtual_console, no_console);

	print("JH-TAP: # cell-sim: inmate of ");
	print_u32(inmate_image_end - inmate_image);
	print(" bytes at 0, args \"");
	print(args);
	print("\", starting CPU ");
	print_u32(cpu);
	print(" at 0000:0000\n");
	for (i = 0; i < starts; i++)
		start_and_stop(cpu, also, deny, wait_ms);
	print("JH-DONE\n");
}
