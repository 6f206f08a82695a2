// SPDX-License-Identifier: GPL-2.0
/*
 * jh-mmio: 32-bit device register accesses through /dev/mem, for the
 * scenarios that check what the hypervisor lets the root cell do to the
 * interrupt controllers. Each command does its accesses back to back in
 * one process, so Linux's own accesses rarely come in between.
 *   jh-mmio read ADDR                    prints the value
 *   jh-mmio write ADDR VALUE
 *   jh-mmio ioapic-read BASE INDEX       IOREGSEL = INDEX, prints IOWIN
 *   jh-mmio ioapic-write BASE INDEX VALUE
 *   jh-mmio ipi DEST ICR_LOW             xAPIC ICR high = DEST << 24, then low
 *   jh-mmio reads ADDR N                 reads ADDR N times, prints the last value
 *   jh-mmio recode ADDR VALUE            writes VALUE to ADDR twice with a MOV from
 *                                        a code buffer (prints "mov done"),
 *                                        rewrites those bytes into an ADD (a
 *                                        read-modify-write, not emulated) and
 *                                        runs them again: the hypervisor must
 *                                        refuse it (#GP, so SIGSEGV) though it
 *                                        kept the MOV and its decode
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define XAPIC_BASE	0xfee00000UL
#define ICR_LOW		0x300
#define ICR_HIGH	0x310
#define IOREGSEL	0x00
#define IOWIN		0x10

/* The 32-bit register at addr (the page around it mapped uncached) */
static volatile uint32_t *map_reg(unsigned long addr)
{
	int fd = open("/dev/mem", O_RDWR | O_SYNC);
	char *page;

	if (fd < 0) {
		perror("jh-mmio: /dev/mem");
		exit(1);
	}
	page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, addr & ~4095UL);
	if (page == MAP_FAILED) {
		perror("jh-mmio: mmap of /dev/mem");
		exit(1);
	}
	close(fd);
	return (volatile uint32_t *)(page + (addr & 4095));
}

/* The same code bytes as a MOV read of *r, then as an ADD (not emulated) */
static void recode(volatile uint32_t *r, uint32_t value)
{
	static const unsigned char mov[] = { 0x89, 0x37, 0xc3 };	/* mov %esi, (%rdi); ret */
	static const unsigned char add[] = { 0x01, 0x37, 0xc3 };	/* add %esi, (%rdi) */
	unsigned char *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
				   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	void (*run)(volatile uint32_t *, uint32_t) = (void (*)(volatile uint32_t *, uint32_t))code;

	if (code == MAP_FAILED) {
		perror("jh-mmio: mmap of a code buffer");
		exit(1);
	}
	memcpy(code, mov, sizeof(mov));
	run(r, value);
	run(r, value);
	printf("mov done\n");
	fflush(stdout);
	memcpy(code, add, sizeof(add));
	run(r, value);
	printf("add done\n");
}

static unsigned long num(const char *s)
{
	return strtoul(s, NULL, 0);
}

int main(int argc, char **argv)
{
	volatile uint32_t *r;

	if (argc == 3 && !strcmp(argv[1], "read")) {
		printf("0x%08x\n", *map_reg(num(argv[2])));
	} else if (argc == 4 && !strcmp(argv[1], "write")) {
		*map_reg(num(argv[2])) = num(argv[3]);
	} else if (argc == 4 && !strcmp(argv[1], "ioapic-read")) {
		r = map_reg(num(argv[2]));
		r[IOREGSEL / 4] = num(argv[3]);
		printf("0x%08x\n", r[IOWIN / 4]);
	} else if (argc == 5 && !strcmp(argv[1], "ioapic-write")) {
		r = map_reg(num(argv[2]));
		r[IOREGSEL / 4] = num(argv[3]);
		r[IOWIN / 4] = num(argv[4]);
	} else if (argc == 4 && !strcmp(argv[1], "ipi")) {
		r = map_reg(XAPIC_BASE);
		r[ICR_HIGH / 4] = num(argv[2]) << 24;
		r[ICR_LOW / 4] = num(argv[3]);
	} else if (argc == 4 && !strcmp(argv[1], "reads")) {
		unsigned long i, n = num(argv[3]);
		uint32_t value = 0;

		r = map_reg(num(argv[2]));
		for (i = 0; i < n; i++)
			value = *r;
		printf("0x%08x\n", value);
	} else if (argc == 4 && !strcmp(argv[1], "recode")) {
		recode(map_reg(num(argv[2])), num(argv[3]));
	} else {
		fprintf(stderr, "usage: jh-mmio read ADDR | write ADDR VALUE | "
			"ioapic-read BASE INDEX | ioapic-write BASE INDEX VALUE | "
			"ipi DEST ICR_LOW | reads ADDR N | recode ADDR VALUE\n");
		return 2;
	}
	return 0;
}
