// SPDX-License-Identifier: GPL-2.0
/*
 * jh shmem: the root cell's shared-memory links (docs/shmem.md) through
 * their /dev/jh-shmemID devices. `list` shows each link and its peers'
 * state; `wait` waits for a doorbell; `ping`, `stats` and `set` speak the
 * apic-demo protocol (include/jh/shmem-demo.h): round trips with checked
 * content, the cell's live latency histogram, a new timer period.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <x86intrin.h>

#include <jh/ioctl.h>
#include <jh/shmem-demo.h>

#include "cell-list.h"
#include "command.h"
#include "jh-device.h"

struct link {
	int fd;
	unsigned int id;
	struct jh_shmem_info info;
	struct jh_demo_root *root;		/* the root's section, writable */
	const struct jh_demo_cell *cell;	/* peer 1's, read-only */
	void *map;
	size_t map_size;
};

static const char *peers_text(const struct jh_shmem_info *in, char *buf, size_t size)
{
	size_t n = 0;
	unsigned int p;

	buf[0] = 0;
	for (p = 0; p < in->num_peers && n < size; p++)
		n += snprintf(buf + n, size - n, "%s%u:%s%s", p ? " " : "", p,
			      in->peers_up & (1U << p) ? "up" : "down",
			      p == in->peer ? "(root)" : "");
	return buf;
}

static int link_info(struct link *l)
{
	if (ioctl(l->fd, JH_SHMEM_IOCTL_INFO, &l->info) == 0)
		return 0;
	fprintf(stderr, "jh shmem: link %u: %s\n", l->id, strerror(errno));
	return -1;
}

/* Opens /dev/jh-shmemID; map: also maps the demo's two sections */
static int link_open(const char *arg, struct link *l, bool map)
{
	char path[64], *end;
	size_t s0;

	memset(l, 0, sizeof(*l));
	l->id = strtoul(arg, &end, 0);
	if (!*arg || *end) {
		fprintf(stderr, "jh shmem: '%s' is no link id: 'jh shmem list' shows them\n",
			arg);
		return -1;
	}
	snprintf(path, sizeof(path), JH_SHMEM_DEVICE "%u", l->id);
	l->fd = open(path, O_RDWR);
	if (l->fd < 0) {
		fprintf(stderr, "jh shmem: %s: %s (is the hypervisor enabled with a "
			"system config that has link %u? 'jh shmem list')\n", path,
			strerror(errno), l->id);
		return -1;
	}
	if (link_info(l))
		return -1;
	if (!map)
		return 0;
	if (l->info.peer != 0 || l->info.num_peers != 2) {
		fprintf(stderr, "jh shmem: link %u: the demo protocol needs the root as "
			"peer 0 of 2 (it is peer %u of %u)\n", l->id, l->info.peer,
			l->info.num_peers);
		return -1;
	}
	s0 = l->info.section_size[0];
	l->map_size = s0 + l->info.section_size[1];
	/* read-only mapping of both, then the root's own section writable on top */
	l->map = mmap(NULL, l->map_size, PROT_READ, MAP_SHARED, l->fd, 0);
	if (l->map == MAP_FAILED ||
	    mmap(l->map, s0, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, l->fd, 0) ==
	    MAP_FAILED) {
		fprintf(stderr, "jh shmem: link %u: mmap: %s\n", l->id, strerror(errno));
		return -1;
	}
	l->root = l->map;
	l->cell = (const void *)((char *)l->map + s0);
	return 0;
}

static int cmd_shmem_list(int argc, char **argv)
{
	struct dirent *de;
	struct link l;
	char peers[128];
	DIR *dir;
	int n = 0;

	(void)argv;
	if (argc != 1) {
		fprintf(stderr, "usage: jh shmem list\n");
		return 2;
	}
	dir = opendir("/dev");
	if (!dir) {
		perror("jh shmem list: /dev");
		return 1;
	}
	printf("%-6s %-6s %-8s %-26s %-12s %s\n", "link", "index", "sections",
	       "peers", "doorbell", "doorbells");
	while ((de = readdir(dir))) {
		if (strncmp(de->d_name, "jh-shmem", 8) || link_open(de->d_name + 8, &l, false))
			continue;
		printf("%-6u %-6u %-8u %-26s cpu%u/0x%-5x %llu\n", l.info.id, l.info.index,
		       l.info.num_peers, peers_text(&l.info, peers, sizeof(peers)),
		       l.info.irq_cpu, l.info.irq_vector,
		       (unsigned long long)l.info.doorbells);
		close(l.fd);
		n++;
	}
	closedir(dir);
	if (!n)
		printf("(no links: the running system config declares none, or jh is "
		       "not enabled)\n");
	return 0;
}

/* Until the next doorbell after *seen or timeout_ms; 0 on a doorbell */
static int wait_doorbell(struct link *l, uint64_t *seen, int timeout_ms)
{
	struct pollfd p = { .fd = l->fd, .events = POLLIN };
	uint64_t count;

	if (poll(&p, 1, timeout_ms) != 1)
		return -1;
	if (read(l->fd, &count, sizeof(count)) != sizeof(count))
		return -1;
	*seen = count;
	return 0;
}

static int cmd_shmem_wait(int argc, char **argv)
{
	struct link l;
	char peers[128];
	uint64_t seen;
	int secs = argc == 4 && !strcmp(argv[2], "-t") ? atoi(argv[3]) : 10;

	if ((argc != 2 && argc != 4) || secs <= 0) {
		fprintf(stderr, "usage: jh shmem wait LINK [-t SECONDS]\n");
		return 2;
	}
	if (link_open(argv[1], &l, false))
		return 1;
	if (wait_doorbell(&l, &seen, secs * 1000)) {
		fprintf(stderr, "jh shmem wait: no doorbell on link %u within %d s\n",
			l.id, secs);
		return 1;
	}
	if (link_info(&l))
		return 1;
	printf("doorbell %llu on link %u: peers %s\n", (unsigned long long)seen, l.id,
	       peers_text(&l.info, peers, sizeof(peers)));
	return 0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* VM exits of cell id so far, or 0 when they cannot be read */
static uint64_t cell_exits(unsigned int id)
{
	static struct jh_cell_stats st;
	struct jh_ioc_cell_stats req;
	int fd = jh_device_open();
	uint64_t total = 0;

	if (fd < 0)
		return 0;
	memset(&req, 0, sizeof(req));
	req.cell_id = id;
	req.stats = (uintptr_t)&st;
	if (!jh_device_ioctl(fd, JH_IOCTL_CELL_STATS, &req, req.reason, "shmem ping"))
		total = st.total;
	close(fd);
	return total;
}

static int cmd_shmem_ping(int argc, char **argv)
{
	struct jh_cell_entry cell = { 0 };
	unsigned long n = 1000, i, bad = 0;
	uint64_t *rtt, seq, seen = 0, t0, exits_root = 0, exits_cell = 0, w;
	const char *cell_arg = NULL;
	struct link l;
	unsigned int k;
	int opt;

	while ((opt = getopt(argc, argv, "n:c:")) != -1) {
		if (opt == 'n')
			n = strtoul(optarg, NULL, 0);
		else if (opt == 'c')
			cell_arg = optarg;
		else
			n = 0;
	}
	if (optind != argc - 1 || !n || n > 10000000) {
		fprintf(stderr, "usage: jh shmem ping LINK [-n 1..10000000] [-c CELL]\n");
		return 2;
	}
	if (cell_arg && jh_cell_resolve(cell_arg, &cell, "shmem ping"))
		return 1;
	if (link_open(argv[optind], &l, true))
		return 1;
	if (l.cell->magic != JH_DEMO_MAGIC) {
		fprintf(stderr, "jh shmem ping: link %u: peer 1 does not run the demo "
			"(start apic-demo with shmem=1)\n", l.id);
		return 1;
	}
	rtt = calloc(n, sizeof(*rtt));
	if (!rtt)
		return 1;
	if (cell_arg) {
		exits_root = cell_exits(0);
		exits_cell = cell_exits(cell.id);
	}
	seq = l.cell->pong_seq;
	for (i = 0; i < n; i++) {
		seq++;
		for (k = 0; k < JH_DEMO_PAYLOAD; k++)
			l.root->payload[k] = seq * 0x100000001b3ULL + k * 0x51ed27;
		t0 = __rdtsc();
		__atomic_thread_fence(__ATOMIC_RELEASE);
		l.root->ping_seq = seq;
		if (ioctl(l.fd, JH_SHMEM_IOCTL_RING)) {
			fprintf(stderr, "jh shmem ping: ring: %s\n", strerror(errno));
			return 1;
		}
		/* the answer comes with a doorbell: an interrupt in Linux */
		while (l.cell->pong_seq != seq)
			if (wait_doorbell(&l, &seen, 1000)) {
				fprintf(stderr, "jh shmem ping: no answer to ping %llu within "
					"1 s (%lu done)\n", (unsigned long long)seq, i);
				return 1;
			}
		rtt[i] = __rdtsc() - t0;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		for (k = 0; k < JH_DEMO_PAYLOAD; k++) {
			w = seq * 0x100000001b3ULL + k * 0x51ed27;
			bad += l.cell->payload[k] != jh_demo_pong_word(w, seq);
		}
	}
	if (cell_arg) {
		exits_root = cell_exits(0) - exits_root;
		exits_cell = cell_exits(cell.id) - exits_cell;
	}
	qsort(rtt, n, sizeof(*rtt), cmp_u64);
	printf("%lu round trips on link %u, %lu payload words wrong\n", n, l.id, bad);
	printf("bench shm_rtt_cycles p50=%llu p99=%llu max=%llu\n",
	       (unsigned long long)rtt[n / 2], (unsigned long long)rtt[n * 99 / 100],
	       (unsigned long long)rtt[n - 1]);
	if (cell_arg)
		/* each side sends one message and receives one per round trip */
		printf("bench shm_exits_per_msg root=%.2f cell=%.2f\n",
		       (double)exits_root / n, (double)exits_cell / n);
	free(rtt);
	return bad ? 1 : 0;
}

/* A consistent copy of the cell's histogram (seqlock) */
static int read_stats(const struct link *l, struct jh_demo_cell *out)
{
	uint64_t s;
	int tries;

	for (tries = 0; tries < 1000; tries++) {
		if (tries)
			usleep(1000);	/* the cell is writing it */
		s = l->cell->stats_seq;
		if (s & 1)
			continue;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		memcpy(out, (const void *)l->cell, sizeof(*out));
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		if (l->cell->stats_seq == s)
			return 0;
	}
	return -1;
}

static int cmd_shmem_stats(int argc, char **argv)
{
	struct jh_demo_cell st;
	unsigned long count = 1, i, ms = 1000;
	bool live = false;
	struct link l;
	unsigned int o;
	int opt;

	while ((opt = getopt(argc, argv, "ln:i:")) != -1) {
		if (opt == 'l')
			live = true, count = 0;
		else if (opt == 'n')
			count = strtoul(optarg, NULL, 0);
		else if (opt == 'i')
			ms = strtoul(optarg, NULL, 0);
		else
			return fprintf(stderr, "usage: jh shmem stats LINK [-l] [-n COUNT] "
				       "[-i MS]\n"), 2;
	}
	if (optind != argc - 1 || !ms)
		return fprintf(stderr, "usage: jh shmem stats LINK [-l] [-n COUNT] [-i MS]\n"), 2;
	if (link_open(argv[optind], &l, true))
		return 1;
	for (i = 0; !count || i < count; i++) {
		if (i)
			usleep(ms * 1000);
		if (l.cell->magic != JH_DEMO_MAGIC) {
			fprintf(stderr, "jh shmem stats: link %u: peer 1 publishes no "
				"histogram (apic-demo with shmem=1?)\n", l.id);
			return 1;
		}
		if (read_stats(&l, &st)) {
			fprintf(stderr, "jh shmem stats: link %u: no consistent histogram "
				"within 1 s (the cell stopped while writing it?)\n", l.id);
			return 1;
		}
		printf("ticks=%llu period_us=%llu min=%llu mean=%llu p50=%llu p99=%llu "
		       "max=%llu overruns=%llu\n", (unsigned long long)st.ticks,
		       (unsigned long long)st.period_us, (unsigned long long)st.min,
		       (unsigned long long)st.mean, (unsigned long long)st.p50,
		       (unsigned long long)st.p99, (unsigned long long)st.max,
		       (unsigned long long)st.overruns);
		for (o = 0; !live && o < JH_DEMO_OCTAVES; o++)
			if (st.octave[o])
				printf("  %10llu..%-10llu %llu\n", o ? 1ULL << o : 0ULL,
				       (2ULL << o) - 1, (unsigned long long)st.octave[o]);
		fflush(stdout);
	}
	return 0;
}

static int cmd_shmem_set(int argc, char **argv)
{
	unsigned long period, tries;
	struct link l;
	uint64_t seq;

	if (argc != 3 || strncmp(argv[2], "period_us=", 10) ||
	    !(period = strtoul(argv[2] + 10, NULL, 0)) || period > 10000000) {
		fprintf(stderr, "usage: jh shmem set LINK period_us=1..10000000\n");
		return 2;
	}
	if (link_open(argv[1], &l, true))
		return 1;
	seq = l.root->cmd_seq + 1;
	l.root->cmd_period_us = period;
	__atomic_thread_fence(__ATOMIC_RELEASE);
	l.root->cmd_seq = seq;
	for (tries = 0; tries < 200 && l.cell->cmd_ack != seq; tries++)
		usleep(10000);
	if (l.cell->cmd_ack != seq) {
		fprintf(stderr, "jh shmem set: link %u: the cell did not take command %llu "
			"within 2 s (apic-demo with shmem=1 running?)\n", l.id,
			(unsigned long long)seq);
		return 1;
	}
	printf("command %llu taken: period_us=%llu\n", (unsigned long long)seq,
	       (unsigned long long)l.cell->period_us);
	return 0;
}

/* The first words of each section, to see what a peer wrote (or did not) */
static int cmd_shmem_dump(int argc, char **argv)
{
	unsigned int k, w, words;
	const uint64_t *p;
	size_t off = 0;
	struct link l;

	if (argc != 2) {
		fprintf(stderr, "usage: jh shmem dump LINK\n");
		return 2;
	}
	if (link_open(argv[1], &l, false))
		return 1;
	for (k = 0; k < l.info.num_peers; k++)
		off += l.info.section_size[k];
	p = mmap(NULL, off, PROT_READ, MAP_SHARED, l.fd, 0);
	if (p == MAP_FAILED) {
		fprintf(stderr, "jh shmem dump: link %u: mmap: %s\n", l.id, strerror(errno));
		return 1;
	}
	for (off = 0, k = 0; k < l.info.num_peers; off += l.info.section_size[k++]) {
		words = l.info.section_size[k] / 8 < 8 ? l.info.section_size[k] / 8 : 8;
		printf("section %u:", k);
		for (w = 0; w < words; w++)
			printf(" %016llx", (unsigned long long)p[off / 8 + w]);
		printf("\n");
	}
	return 0;
}

JH_COMMAND(shmem_dump) = {
	.group = "shmem", .name = "dump", .args = "LINK",
	.help = "the first 64 bytes of each section of a link, in hex",
	.run = cmd_shmem_dump,
};

JH_COMMAND(shmem_list) = {
	.group = "shmem", .name = "list", .args = "",
	.help = "the root cell's shared-memory links, their peers' state and doorbells",
	.run = cmd_shmem_list,
};

JH_COMMAND(shmem_wait) = {
	.group = "shmem", .name = "wait", .args = "LINK [-t SECONDS]",
	.help = "wait for a doorbell on a link (a peer rang, went up or down)",
	.run = cmd_shmem_wait,
};

JH_COMMAND(shmem_ping) = {
	.group = "shmem", .name = "ping", .args = "LINK [-n COUNT] [-c CELL]",
	.help = "round trips with apic-demo (shmem=1): checked content, RTT, exits",
	.run = cmd_shmem_ping,
};

JH_COMMAND(shmem_stats) = {
	.group = "shmem", .name = "stats", .args = "LINK [-l] [-n COUNT] [-i MS]",
	.help = "apic-demo's latency histogram from shared memory; -l: live",
	.run = cmd_shmem_stats,
};

JH_COMMAND(shmem_set) = {
	.group = "shmem", .name = "set", .args = "LINK period_us=N",
	.help = "send apic-demo a new timer period through shared memory",
	.run = cmd_shmem_set,
};
