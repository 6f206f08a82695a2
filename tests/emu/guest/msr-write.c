// SPDX-License-Identifier: GPL-2.0
/*
 * msr-write CPU MSR VALUE: writes one model-specific register of one CPU
 * through /dev/cpu/CPU/msr (busybox has no wrmsr). Exit status 1 with the
 * error when the write faults (the CPU, or the hypervisor, raised #GP).
 * Guest-side helper of the emulator scenarios, the twin of msr-read.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int parse_number(const char *s, const char *what, unsigned long long *out)
{
	char *end;

	errno = 0;
	*out = strtoull(s, &end, 0);
	if (errno || end == s || *end) {
		fprintf(stderr, "msr-write: %s '%s' is not a number\n", what, s);
		return -EINVAL;
	}
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long long cpu, msr, value;
	char path[64];
	uint64_t v;
	ssize_t n;
	int fd;

	if (argc != 4) {
		fprintf(stderr, "usage: msr-write CPU MSR VALUE   (e.g. msr-write 0 0x1b 0xfee00900)\n");
		return 2;
	}
	if (parse_number(argv[1], "CPU", &cpu) || parse_number(argv[2], "MSR", &msr) ||
	    parse_number(argv[3], "VALUE", &value))
		return 2;
	snprintf(path, sizeof(path), "/dev/cpu/%llu/msr", cpu);
	fd = open(path, O_WRONLY);
	if (fd < 0) {
		fprintf(stderr, "msr-write: %s: %s (CONFIG_X86_MSR, CPU online?)\n",
			path, strerror(errno));
		return 1;
	}
	v = value;
	n = pwrite(fd, &v, sizeof(v), (off_t)msr);
	close(fd);
	if (n != sizeof(v)) {
		/* the msr driver answers a #GP of the WRMSR with EIO */
		fprintf(stderr, "msr-write: %s: MSR 0x%llx not written: %s\n", path, msr,
			n >= 0 ? "short write" : errno == EIO ?
			"the write faulted (#GP)" : strerror(errno));
		return 1;
	}
	return 0;
}
