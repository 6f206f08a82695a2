// SPDX-License-Identifier: GPL-2.0
/*
 * as-nobody: what an unprivileged user can do to jh, for the attack tests
 * (scenarios/harden-driver.sh). Drops to uid/gid 65534 with no groups and
 * no capabilities (and checks it cannot get root back), then:
 *	as-nobody read FILE...	reads each file; one line per file saying
 *				"FILE: read ok" or "FILE: read denied (ERR)"
 *	as-nobody write FILE...	writes "1\n" to each, the same way
 *	as-nobody ioctl		opens /dev/jh and asks JH_IOCTL_INFO
 *	as-nobody vmcall CODE [A1 [A2]]
 *				issues the hypercall from user space (CPL 3)
 *				and prints RAX
 *	as-nobody exec CMD...	runs CMD
 * Exit status: 0 when every access was denied (vmcall: RAX < 0), 1 when
 * one went through, 2 on usage or setup errors.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jh/ioctl.h>

#define NOBODY	65534

static int drop_root(void)
{
	if (setgroups(0, NULL) || setgid(NOBODY) || setuid(NOBODY)) {
		fprintf(stderr, "as-nobody: cannot become uid %d: %s\n", NOBODY,
			strerror(errno));
		return -1;
	}
	if (setuid(0) == 0 || geteuid() == 0) {
		fprintf(stderr, "as-nobody: uid 0 could be regained\n");
		return -1;
	}
	return 0;
}

/* 1 if the access went through, 0 if denied */
static int try_file(const char *path, bool write_it)
{
	char buf[4096];
	ssize_t n;
	int fd = open(path, write_it ? O_WRONLY : O_RDONLY);

	if (fd >= 0) {
		n = write_it ? write(fd, "1\n", 2) : read(fd, buf, sizeof(buf));
		if (n < 0) {
			int err = errno;

			close(fd);
			errno = err;
			fd = -1;
		} else {
			close(fd);
		}
	}
	if (fd < 0) {
		printf("%s: %s denied (%s)\n", path, write_it ? "write" : "read",
		       strerror(errno));
		return 0;
	}
	printf("%s: %s ok\n", path, write_it ? "write" : "read");
	return 1;
}

static int try_ioctl(void)
{
	struct jh_ioc_info info;
	int fd = open(JH_DEVICE, O_RDWR);

	if (fd < 0) {
		printf(JH_DEVICE ": open denied (%s)\n", strerror(errno));
		return 0;
	}
	printf(JH_DEVICE ": open ok\n");
	memset(&info, 0, sizeof(info));
	if (ioctl(fd, JH_IOCTL_INFO, &info)) {
		printf(JH_DEVICE ": JH_IOCTL_INFO denied (%s)\n", strerror(errno));
		close(fd);
		return 0;
	}
	printf(JH_DEVICE ": JH_IOCTL_INFO ok (enabled %u)\n", info.enabled);
	close(fd);
	return 1;
}

static int try_vmcall(int argc, char **argv)
{
	unsigned long code = strtoul(argv[0], NULL, 0);
	unsigned long a1 = argc > 1 ? strtoul(argv[1], NULL, 0) : 0;
	unsigned long a2 = argc > 2 ? strtoul(argv[2], NULL, 0) : 0;
	long ret;

	asm volatile("vmcall" : "=a"(ret) : "a"(code), "D"(a1), "S"(a2) : "memory");
	printf("vmcall %lu: %ld\n", code, ret);
	return ret >= 0;
}

int main(int argc, char **argv)
{
	int i, got = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: as-nobody read|write FILE... | ioctl | vmcall CODE [A1 [A2]] | exec CMD...\n");
		return 2;
	}
	if (drop_root())
		return 2;
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!strcmp(argv[1], "read") || !strcmp(argv[1], "write")) {
		for (i = 2; i < argc; i++)
			got |= try_file(argv[i], argv[1][0] == 'w');
		return got;
	}
	if (!strcmp(argv[1], "ioctl"))
		return try_ioctl();
	if (!strcmp(argv[1], "vmcall") && argc >= 3)
		return try_vmcall(argc - 2, argv + 2);
	if (!strcmp(argv[1], "exec") && argc >= 3) {
		execvp(argv[2], argv + 2);
		fprintf(stderr, "as-nobody: cannot run %s: %s\n", argv[2], strerror(errno));
		return 2;
	}
	fprintf(stderr, "as-nobody: unknown request '%s'\n", argv[1]);
	return 2;
}
