// SPDX-License-Identifier: GPL-2.0
/*
 * jh-load WORKLOAD N [ARG]: one fixed root-cell workload, timed; prints
 * "jh-load: WORKLOAD <ns>" (CLOCK_MONOTONIC, so emulated time in Bochs).
 * scripts/bench-root.sh runs each with the hypervisor off and on;
 * tests/emu/scenarios/cell-stress.sh runs them as the root's stress.
 *	spawn N	N short processes (fork, exec /bin/true, wait)
 *	ipc N [A,B]  N round trips between a process on CPU A and one on CPU
 *		B (default 0,1) over pipes (a wake-up IPI each way when the
 *		other CPU idles), each side also doing a few syscalls and,
 *		every 8th trip, a 50 us sleep (a timer programmed, its
 *		interrupt)
 *	io N [TTY]  N blocks of 64 bytes to TTY (default /dev/ttyS1: the
 *		UART's interrupts), each followed by a 4 KiB write, fsync and
 *		read back of a tmpfs file (the machine has no disk)
 *	mem N	N copies of 4 MiB between two buffers (memory traffic)
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static const char *arg;	/* the optional ARG */

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set))
		die("sched_setaffinity");
}

static void spawn(long n)
{
	int st;

	while (n--) {
		pid_t pid = fork();

		if (pid < 0)
			die("fork");
		if (!pid) {
			execl("/bin/true", "true", (char *)NULL);
			_exit(127);
		}
		if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st))
			die("/bin/true");
	}
}

/* one side of the ping-pong: read a byte, some syscalls, write it back */
static void pong(int in, int out, long n, int first)
{
	const struct timespec nap = { 0, 50000 };
	char b = 0;
	long i;

	for (i = 0; i < n; i++) {
		if ((i || !first) && read(in, &b, 1) != 1)
			die("read");
		getppid();
		sched_yield();
		if (!(i % 8))
			nanosleep(&nap, NULL);
		if (write(out, &b, 1) != 1)
			die("write");
	}
	if (first && read(in, &b, 1) != 1)
		die("read");
}

static void ipc(long n)
{
	int ab[2], ba[2], st, a = 0, b = 1;
	pid_t pid;

	if (arg && sscanf(arg, "%d,%d", &a, &b) != 2) {
		fprintf(stderr, "jh-load: ipc CPUs '%s': give two CPUs as A,B\n", arg);
		exit(2);
	}
	if (pipe(ab) || pipe(ba))
		die("pipe");
	pid = fork();
	if (pid < 0)
		die("fork");
	if (!pid) {
		pin(b);
		pong(ab[0], ba[1], n, 0);
		_exit(0);
	}
	pin(a);
	pong(ba[0], ab[1], n, 1);
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st))
		die("ipc partner");
}

static void io(long n)
{
	static char block[4096];
	const char *path = arg ? arg : "/dev/ttyS1";
	int tty = open(path, O_WRONLY | O_NOCTTY);
	int f = open("/tmp/jh-load.io", O_RDWR | O_CREAT | O_TRUNC, 0600);
	struct termios tio;
	char line[64];

	if (tty < 0 || tcgetattr(tty, &tio))
		die(path);
	cfsetospeed(&tio, B115200);
	if (tcsetattr(tty, TCSANOW, &tio))
		die(path);
	if (f < 0)
		die("/tmp/jh-load.io");
	memset(line, 'x', sizeof(line) - 1);
	line[sizeof(line) - 1] = '\n';
	while (n--) {
		if (write(tty, line, sizeof(line)) != sizeof(line))
			die(path);
		if (pwrite(f, block, sizeof(block), 0) != sizeof(block) || fsync(f) ||
		    pread(f, block, sizeof(block), 0) != sizeof(block))
			die("/tmp/jh-load.io");
	}
	if (tcdrain(tty))
		die(path);
	close(tty);
	close(f);
	unlink("/tmp/jh-load.io");
}

static void mem(long n)
{
	static char a[4 << 20], b[4 << 20];

	while (n--) {
		memcpy(n & 1 ? a : b, n & 1 ? b : a, sizeof(a));
		/* keep the copy: the compiler sees the buffers escape */
		asm volatile("" : : "r"(a), "r"(b) : "memory");
	}
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		void (*run)(long n);
	} loads[] = {
		{ "spawn", spawn }, { "ipc", ipc }, { "io", io }, { "mem", mem },
	};
	long long t0;
	unsigned int i;
	long n;

	if (argc < 3 || argc > 4 || (n = atol(argv[2])) <= 0) {
		fprintf(stderr, "usage: jh-load spawn|ipc|io|mem N [ARG] (N > 0)\n");
		return 2;
	}
	for (i = 0; i < sizeof(loads) / sizeof(loads[0]); i++) {
		if (strcmp(argv[1], loads[i].name))
			continue;
		arg = argc == 4 ? argv[3] : NULL;
		t0 = now_ns();
		loads[i].run(n);
		printf("jh-load: %s %lld\n", loads[i].name, now_ns() - t0);
		return 0;
	}
	fprintf(stderr, "jh-load: unknown workload '%s': use spawn, ipc, io or mem\n", argv[1]);
	return 2;
}
