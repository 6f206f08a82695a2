// SPDX-License-Identifier: GPL-2.0
/*
 * msr-read CPU MSR: prints one model-specific register of one CPU, read
 * through /dev/cpu/CPU/msr (busybox has no rdmsr). Guest-side helper of the
 * emulator scenarios, e.g. to check IA32_FEATURE_CONTROL (0x3a) in Bochs.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int parse_number(const char *s, const char *what, unsigned long *out)
{
	char *end;

	errno = 0;
	*out = strtoul(s, &end, 0);
	if (errno || end == s || *end) {
		fprintf(stderr, "msr-read: %s '%s' is not a number\n", what, s);
		return -EINVAL;
	}
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long cpu, msr;
	char path[64];
	uint64_t value;
	ssize_t n;
	int fd;

	if (argc != 3) {
		fprintf(stderr, "usage: msr-read CPU MSR   (e.g. msr-read 0 0x3a)\n");
		return 2;
	}
	if (parse_number(argv[1], "CPU", &cpu) || parse_number(argv[2], "MSR", &msr))
		return 2;
	snprintf(path, sizeof(path), "/dev/cpu/%lu/msr", cpu);
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "msr-read: %s: %s (CONFIG_X86_MSR, CPU online?)\n",
			path, strerror(errno));
		return 1;
	}
	n = pread(fd, &value, sizeof(value), (off_t)msr);
	close(fd);
	if (n != sizeof(value)) {
		fprintf(stderr, "msr-read: %s: MSR 0x%lx not readable: %s\n", path, msr,
			n < 0 ? strerror(errno) : "short read");
		return 1;
	}
	printf("0x%llx\n", (unsigned long long)value);
	return 0;
}
