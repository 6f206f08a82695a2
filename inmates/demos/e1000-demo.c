// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * e1000-demo: a driver for the Intel 82540EM (e1000) NIC that Bochs
 * emulates. It resets the NIC, reads its MAC from the EEPROM, sets up one
 * receive and one transmit ring in the cell's DMA memory, resolves the
 * peer's MAC by ARP and sends ICMP echo requests to it, taking the replies
 * by interrupt (the NIC's INTx pin, routed through the IOAPIC to this
 * CPU) or by polling. Each reply prints its round-trip time; the end
 * prints the summary and one machine-readable line:
 *   rtt p50=<cycles> p99=<cycles> max=<cycles> samples=<n>
 *
 * The rings and buffers live at `dma`, a region the cell config maps with
 * guest-physical == physical (jh-plan --rt-devices writes it): without an
 * IOMMU the NIC's DMA uses physical addresses, with one the cell's IOMMU
 * domain maps it the same way.
 *
 * Booted bare (multiboot, no hypervisor: scripts/bench-nic.sh and
 * tests/suites/e2e-inmates-bare) the same binary finds the NIC by PCI
 * scan (or bdf=), takes its pin from the interrupt line register the BIOS
 * wrote and programs the IOAPIC itself; dma= is then any free RAM above
 * the image, e.g. dma=0x1000000.
 */
#include <inmate/inmate.h>
#include <inmate/apic.h>
#include <inmate/comm.h>
#include <inmate/console.h>
#include <inmate/histogram.h>
#include <inmate/ioapic.h>
#include <inmate/irq.h>
#include <inmate/layout.h>
#include <inmate/pci.h>
#include <inmate/timing.h>
#include <inmate/x86.h>

void *memset(void *s, int c, size_t n);
void *memcpy(void *dest, const void *src, size_t n);

#define E1000_VENDOR		0x8086
#define E1000_82540EM		0x100e

/* Registers (82540EM manual, section 13) */
#define REG_CTRL		0x0000
#define REG_STATUS		0x0008
#define REG_EERD		0x0014
#define REG_ICR			0x00c0
#define REG_IMS			0x00d0
#define REG_IMC			0x00d8
#define REG_RCTL		0x0100
#define REG_TCTL		0x0400
#define REG_TIPG		0x0410
#define REG_RDBAL		0x2800
#define REG_RDBAH		0x2804
#define REG_RDLEN		0x2808
#define REG_RDH			0x2810
#define REG_RDT			0x2818
#define REG_TDBAL		0x3800
#define REG_TDBAH		0x3804
#define REG_TDLEN		0x3808
#define REG_TDH			0x3810
#define REG_TDT			0x3818
#define REG_MTA			0x5200
#define REG_RAL0		0x5400
#define REG_RAH0		0x5404

#define CTRL_ASDE		(1U << 5)
#define CTRL_SLU		(1U << 6)
#define CTRL_RST		(1U << 26)
#define STATUS_LU		(1U << 1)
#define EERD_START		(1U << 0)
#define EERD_DONE		(1U << 4)
#define EERD_ADDR_SHIFT		8
#define EERD_DATA_SHIFT		16
#define INT_LSC			(1U << 2)
#define INT_RXO			(1U << 6)
#define INT_RXT0		(1U << 7)
#define RCTL_EN			(1U << 1)
#define RCTL_BAM		(1U << 15)
#define RCTL_SECRC		(1U << 26)	/* BSIZE 0: 2048-byte buffers */
#define TCTL_EN			(1U << 1)
#define TCTL_PSP		(1U << 3)
#define TCTL_CT			(0x10U << 4)
#define TCTL_COLD		(0x40U << 12)
#define TIPG_82540		(10U | 8U << 10 | 6U << 20)
#define RAH_AV			(1U << 31)

#define TX_CMD_EOP		0x01
#define TX_CMD_IFCS		0x02
#define TX_CMD_RS		0x08
#define DESC_DD			0x01
#define RX_EOP			0x02

struct rx_desc {
	uint64_t addr;
	uint16_t length;
	uint16_t csum;
	uint8_t status;
	uint8_t errors;
	uint16_t special;
} __attribute__((packed));

struct tx_desc {
	uint64_t addr;
	uint16_t length;
	uint8_t cso;
	uint8_t cmd;
	uint8_t status;
	uint8_t css;
	uint16_t special;
} __attribute__((packed));

/* Layout of the DMA region: rings (16 descriptors = 256 bytes each, a
 * multiple of the 128 the NIC wants), then 2 KiB buffers */
#define RING_SIZE		16
#define BUF_SIZE		2048
#define DMA_RX_RING		0x0000
#define DMA_TX_RING		0x0100
#define DMA_TX_BUFS		0x1000
#define DMA_RX_BUFS		(DMA_TX_BUFS + RING_SIZE * BUF_SIZE)
#define DMA_NEEDED		(DMA_RX_BUFS + RING_SIZE * BUF_SIZE)

#define NIC_VECTOR		0x30
#define ETH_HLEN		14
#define ETH_P_IP		0x0800
#define ETH_P_ARP		0x0806
#define ICMP_PAYLOAD		56	/* like ping(8); vnet echoes up to 128-byte frames */
#define ECHO_ID			0x6a68	/* "jh" */

static uint64_t opt_bdf = ~0ULL, opt_dma, opt_bar, opt_pin = ~0ULL;
static uint64_t opt_count = 10, opt_interval_ms = 200;
static bool opt_poll, opt_intx_low;
static char opt_ip[16] = "192.168.10.2", opt_host[16] = "192.168.10.1";

static const struct cmdline_param params[] = {
	CMDLINE_U64_PARAM("dma", opt_dma,
			  "identity-mapped DMA memory for rings and buffers (at least 68 KiB), required"),
	CMDLINE_U64_PARAM("bdf", opt_bdf, "the NIC's bus/device/function; default: the first 8086:100e"),
	CMDLINE_U64_PARAM("bar", opt_bar,
			  "BAR0 address: skips PCI config space (configs without pci_devices), implies poll"),
	CMDLINE_U64_PARAM("pin", opt_pin, "IOAPIC pin of INTx; default: the interrupt line register"),
	CMDLINE_BOOL_PARAM("poll", opt_poll, "poll the receive ring instead of taking interrupts"),
	CMDLINE_BOOL_PARAM("intx_low", opt_intx_low, "INTx is active low at the IOAPIC"),
	CMDLINE_U64_PARAM("count", opt_count, "echo requests to send; 0 = until shut down"),
	CMDLINE_U64_PARAM("interval_ms", opt_interval_ms, "time between echo requests"),
	CMDLINE_STR_PARAM("ip", opt_ip, "this cell's IPv4 address"),
	CMDLINE_STR_PARAM("host", opt_host, "the peer to ping (Bochs' vnet host is 192.168.10.1)"),
	CMDLINE_END
};

static volatile uint8_t *regs;
static uint8_t *dma;
static struct rx_desc *rx_ring;
static struct tx_desc *tx_ring;
static unsigned int rx_next, tx_next;
static uint8_t my_mac[6], host_mac[6];
static uint8_t my_ip[4], host_ip[4];
static struct histogram rtt;

/*
 * Interrupt side: each receive buffer's arrival time, the entry TSC of the
 * interrupt that found it filled (0: not seen by an interrupt yet).
 */
static volatile uint64_t rx_stamp[RING_SIZE];
static volatile uint64_t irq_count, rx_irq_count;
static uint64_t late_frames;	/* found by the main loop before an interrupt */

static uint32_t rd(unsigned int reg)
{
	return mmio_read32(regs + reg);
}

static void wr(unsigned int reg, uint32_t val)
{
	mmio_write32(regs + reg, val);
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static bool same(const uint8_t *a, const uint8_t *b, size_t n)
{
	while (n--)
		if (*a++ != *b++)
			return false;
	return true;
}

/* The Internet checksum (RFC 1071) of len bytes */
static uint16_t inet_csum(const uint8_t *p, size_t len)
{
	uint32_t sum = 0;

	for (; len > 1; p += 2, len -= 2)
		sum += get16(p);
	if (len)
		sum += (uint32_t)p[0] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static bool parse_ip(const char *s, uint8_t ip[4], const char *what)
{
	unsigned int part = 0, val = 0, digits = 0;

	for (;; s++) {
		if (*s >= '0' && *s <= '9' && digits < 3) {
			val = val * 10 + (unsigned int)(*s - '0');
			digits++;
		} else if ((*s == '.' || !*s) && digits && val < 256 && part < 4) {
			ip[part++] = (uint8_t)val;
			val = digits = 0;
			if (!*s)
				break;
		} else {
			part = 0;
			break;
		}
	}
	if (part == 4)
		return true;
	printk("e1000-demo: %s is not an IPv4 address like 192.168.10.2\n", what);
	return false;
}

static void nic_irq(struct irq_frame *frame)
{
	unsigned int i, n;

	irq_count++;
	/* reading ICR acknowledges the causes and drops the INTx line,
	 * before the library's EOI reaches the IOAPIC */
	if (!(rd(REG_ICR) & (INT_RXT0 | INT_RXO)))
		return;
	rx_irq_count++;
	for (n = 0, i = rx_next; n < RING_SIZE; n++, i = (i + 1) % RING_SIZE) {
		if (!(*(volatile uint8_t *)&rx_ring[i].status & DESC_DD))
			break;
		if (!rx_stamp[i])
			rx_stamp[i] = frame->entry_tsc;
	}
}

static uint16_t eeprom_read(unsigned int word)
{
	uint32_t v = 0;
	int i;

	wr(REG_EERD, EERD_START | word << EERD_ADDR_SHIFT);
	for (i = 0; i < 10000; i++) {
		v = rd(REG_EERD);
		if (v & EERD_DONE)
			return (uint16_t)(v >> EERD_DATA_SHIFT);
		delay_us(1);
	}
	return 0xffff;
}

static int nic_reset(void)
{
	unsigned int i;

	/* receive and transmit off first: until the rings below are set up,
	 * ring addresses left by the NIC's previous owner must not be used
	 * (some models, Bochs' among them, do not clear them on reset) */
	wr(REG_IMC, ~0U);
	wr(REG_RCTL, 0);
	wr(REG_TCTL, 0);
	wr(REG_CTRL, rd(REG_CTRL) | CTRL_RST);
	delay_us(1000);
	for (i = 0; i < 1000 && (rd(REG_CTRL) & CTRL_RST); i++)
		delay_us(10);
	if (rd(REG_CTRL) & CTRL_RST) {
		printk("e1000-demo: the NIC did not leave reset\n");
		return -1;
	}
	wr(REG_IMC, ~0U);
	rd(REG_ICR);
	return 0;
}

static void nic_setup_rings(void)
{
	unsigned int i;

	memset(dma, 0, DMA_TX_BUFS);
	rx_ring = (struct rx_desc *)(dma + DMA_RX_RING);
	tx_ring = (struct tx_desc *)(dma + DMA_TX_RING);
	for (i = 0; i < RING_SIZE; i++)
		rx_ring[i].addr = (uintptr_t)dma + DMA_RX_BUFS + i * BUF_SIZE;
	for (i = 0; i < 128; i++)
		wr(REG_MTA + 4 * i, 0);
	wr(REG_RAL0, (uint32_t)my_mac[0] | my_mac[1] << 8 | my_mac[2] << 16 |
		     (uint32_t)my_mac[3] << 24);
	wr(REG_RAH0, my_mac[4] | my_mac[5] << 8 | RAH_AV);

	wr(REG_RDBAL, (uint32_t)(uintptr_t)rx_ring);
	wr(REG_RDBAH, (uint32_t)((uint64_t)(uintptr_t)rx_ring >> 32));
	wr(REG_RDLEN, RING_SIZE * sizeof(struct rx_desc));
	wr(REG_RDH, 0);
	wr(REG_RDT, RING_SIZE - 1);	/* all but one buffer to the NIC */
	rx_next = 0;
	wr(REG_RCTL, RCTL_EN | RCTL_BAM | RCTL_SECRC);

	wr(REG_TDBAL, (uint32_t)(uintptr_t)tx_ring);
	wr(REG_TDBAH, (uint32_t)((uint64_t)(uintptr_t)tx_ring >> 32));
	wr(REG_TDLEN, RING_SIZE * sizeof(struct tx_desc));
	wr(REG_TDH, 0);
	wr(REG_TDT, 0);
	tx_next = 0;
	wr(REG_TIPG, TIPG_82540);
	wr(REG_TCTL, TCTL_EN | TCTL_PSP | TCTL_CT | TCTL_COLD);
}

/* Queues one frame (padded to the Ethernet minimum) and returns the TSC
 * right before the NIC was told */
static uint64_t nic_send(const uint8_t *frame, size_t len)
{
	struct tx_desc *d = &tx_ring[tx_next];
	uint8_t *buf = dma + DMA_TX_BUFS + tx_next * BUF_SIZE;
	uint64_t tsc;

	memcpy(buf, frame, len);
	if (len < 60) {
		memset(buf + len, 0, 60 - len);
		len = 60;
	}
	d->addr = (uintptr_t)buf;
	d->length = (uint16_t)len;
	d->status = 0;
	d->cmd = TX_CMD_EOP | TX_CMD_IFCS | TX_CMD_RS;
	tx_next = (tx_next + 1) % RING_SIZE;
	barrier();
	tsc = rdtsc();
	wr(REG_TDT, tx_next);
	return tsc;
}

/* The next received frame, or NULL; nic_rx_done() gives it back */
static const uint8_t *nic_receive(size_t *len)
{
	struct rx_desc *d = &rx_ring[rx_next];

	if (!(*(volatile uint8_t *)&d->status & DESC_DD))
		return NULL;
	barrier();
	*len = d->length;
	return dma + DMA_RX_BUFS + rx_next * BUF_SIZE;
}

static void nic_rx_done(void)
{
	/* status first: the interrupt handler stamps only filled buffers */
	rx_ring[rx_next].status = 0;
	barrier();
	rx_stamp[rx_next] = 0;
	barrier();
	wr(REG_RDT, rx_next);
	rx_next = (rx_next + 1) % RING_SIZE;
}

static void eth_header(uint8_t *f, const uint8_t *dst, uint16_t type)
{
	memcpy(f, dst, 6);
	memcpy(f + 6, my_mac, 6);
	put16(f + 12, type);
}

static void send_arp_request(void)
{
	static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	uint8_t f[42] = { 0 };
	uint8_t *a = f + ETH_HLEN;

	eth_header(f, bcast, ETH_P_ARP);
	put16(a, 1);			/* Ethernet */
	put16(a + 2, ETH_P_IP);
	a[4] = 6;
	a[5] = 4;
	put16(a + 6, 1);		/* request */
	memcpy(a + 8, my_mac, 6);
	memcpy(a + 14, my_ip, 4);
	memcpy(a + 24, host_ip, 4);
	nic_send(f, sizeof(f));
}

static bool is_arp_reply(const uint8_t *f, size_t len)
{
	const uint8_t *a = f + ETH_HLEN;

	if (len < ETH_HLEN + 28 || get16(f + 12) != ETH_P_ARP ||
	    get16(a + 6) != 2 || !same(a + 14, host_ip, 4))
		return false;
	memcpy(host_mac, a + 8, 6);
	return true;
}

static uint64_t send_echo(uint16_t seq)
{
	uint8_t f[ETH_HLEN + 20 + 8 + ICMP_PAYLOAD];
	uint8_t *ip = f + ETH_HLEN, *icmp = ip + 20;
	unsigned int i;

	eth_header(f, host_mac, ETH_P_IP);
	memset(ip, 0, 20);
	ip[0] = 0x45;
	put16(ip + 2, 20 + 8 + ICMP_PAYLOAD);
	put16(ip + 4, seq);
	ip[8] = 64;			/* TTL */
	ip[9] = 1;			/* ICMP */
	memcpy(ip + 12, my_ip, 4);
	memcpy(ip + 16, host_ip, 4);
	put16(ip + 10, inet_csum(ip, 20));
	icmp[0] = 8;			/* echo request */
	icmp[1] = 0;
	put16(icmp + 2, 0);
	put16(icmp + 4, ECHO_ID);
	put16(icmp + 6, seq);
	for (i = 0; i < ICMP_PAYLOAD; i++)
		icmp[8 + i] = (uint8_t)i;
	put16(icmp + 2, inet_csum(icmp, 8 + ICMP_PAYLOAD));
	return nic_send(f, sizeof(f));
}

static bool is_echo_reply(const uint8_t *f, size_t len, uint16_t seq)
{
	const uint8_t *ip = f + ETH_HLEN, *icmp;

	if (len < ETH_HLEN + 20 + 8 || get16(f + 12) != ETH_P_IP ||
	    (ip[0] & 0xf0) != 0x40 || ip[9] != 1 || !same(ip + 12, host_ip, 4))
		return false;
	icmp = ip + (ip[0] & 0xf) * 4;
	if ((size_t)(icmp - f) + 8 > len)
		return false;
	return icmp[0] == 0 && get16(icmp + 4) == ECHO_ID && get16(icmp + 6) == seq;
}

/*
 * Waits until `match` accepts a received frame or timeout_us pass. Frames
 * it does not want are dropped. *when gets the frame's arrival: the entry
 * TSC of the interrupt that found it, or, polling (or when the main loop
 * saw it before any interrupt did), the TSC when it was found. false on
 * timeout or a shutdown request (*stop then set).
 */
static bool wait_frame(bool (*match)(const uint8_t *, size_t, uint16_t),
		       uint16_t seq, uint64_t timeout_us, uint64_t *when,
		       bool *stop)
{
	uint64_t end = rdtsc() + tsc_from_us(timeout_us), seen;
	const uint8_t *f;
	size_t len;
	bool hit;

	for (;;) {
		/* before the ring is read: an interrupt after this is seen */
		seen = irq_count;
		while ((f = nic_receive(&len))) {
			*when = rx_stamp[rx_next];
			if (!*when) {
				*when = rdtsc();
				late_frames += !opt_poll;
			}
			hit = match(f, len, seq);
			nic_rx_done();
			if (hit)
				return true;
		}
		if (rdtsc() >= end)
			return false;
		if (comm_poll()) {
			*stop = true;
			return false;
		}
		/* no HLT: it would leave the cell's CPU (a VM exit) */
		while (!opt_poll && irq_count == seen && rdtsc() < end)
			cpu_relax();
	}
}

static bool match_arp(const uint8_t *f, size_t len, uint16_t seq)
{
	(void)seq;
	return is_arp_reply(f, len);
}

static int resolve_host(bool *stop)
{
	uint64_t when;
	int i;

	for (i = 0; i < 5 && !*stop; i++) {
		send_arp_request();
		if (wait_frame(match_arp, 0, 500000, &when, stop)) {
			printk("e1000-demo: %s is at %02x:%02x:%02x:%02x:%02x:%02x\n",
			       opt_host, host_mac[0], host_mac[1], host_mac[2],
			       host_mac[3], host_mac[4], host_mac[5]);
			return 0;
		}
	}
	if (!*stop)
		printk("e1000-demo: no ARP reply from %s\n", opt_host);
	return -1;
}

static int setup_pci(uint16_t *bdf)
{
	int found;

	if (opt_bar) {
		regs = (volatile uint8_t *)(uintptr_t)opt_bar;
		opt_poll = true;
		printk("e1000-demo: BAR0 0x%lx from the command line, no PCI config access, polling\n",
		       (unsigned long)opt_bar);
		return 0;
	}
	found = opt_bdf <= 0xffff ? (int)opt_bdf :
		pci_find_device(E1000_VENDOR, E1000_82540EM, 0);
	if (found == PCI_NO_DEVICE ||
	    pci_read_config((uint16_t)found, PCI_CFG_VENDOR_ID, 2) == 0xffff) {
		printk("e1000-demo: no 8086:100e NIC visible; fix: give the cell the NIC (jh-plan --rt-devices BDF)\n");
		return -1;
	}
	*bdf = (uint16_t)found;
	regs = pci_bar_map(*bdf, 0);
	if (!regs)
		return -1;
	/* memory decoding and DMA; INTx on unless polling */
	pci_enable(*bdf, PCI_CMD_MEM | PCI_CMD_MASTER);
	pci_write_config(*bdf, PCI_CFG_COMMAND,
			 (pci_read_config(*bdf, PCI_CFG_COMMAND, 2) &
			  ~PCI_CMD_INTX_OFF) | (opt_poll ? PCI_CMD_INTX_OFF : 0), 2);
	if (opt_pin > 255)
		opt_pin = pci_read_config(*bdf, PCI_CFG_INT_LINE, 1);
	printk("e1000-demo: NIC %02x:%02x.%x, BAR0 0x%lx, INTx on IOAPIC pin %lu\n",
	       JH_PCI_BUS(*bdf), JH_PCI_DEV(*bdf), JH_PCI_FN(*bdf),
	       (unsigned long)(uintptr_t)regs, (unsigned long)opt_pin);
	return 0;
}

static int nic_up(void)
{
	unsigned int i;
	uint16_t w;

	if (nic_reset())
		return -1;
	for (i = 0; i < 3; i++) {
		w = eeprom_read(i);
		my_mac[2 * i] = w & 0xff;
		my_mac[2 * i + 1] = w >> 8;
	}
	printk("e1000-demo: MAC %02x:%02x:%02x:%02x:%02x:%02x\n", my_mac[0],
	       my_mac[1], my_mac[2], my_mac[3], my_mac[4], my_mac[5]);
	wr(REG_CTRL, rd(REG_CTRL) | CTRL_SLU | CTRL_ASDE);
	for (i = 0; i < 2000 && !(rd(REG_STATUS) & STATUS_LU); i++)
		delay_us(1000);
	if (!(rd(REG_STATUS) & STATUS_LU)) {
		printk("e1000-demo: link stays down (STATUS 0x%x)\n", rd(REG_STATUS));
		return -1;
	}
	nic_setup_rings();
	return 0;
}

static void nic_down(void)
{
	wr(REG_IMC, ~0U);
	wr(REG_RCTL, 0);
	wr(REG_TCTL, 0);
	rd(REG_ICR);
}

static void print_summary(uint64_t sent)
{
	printk("e1000-demo: %lu echo requests, %lu replies, rtt min %lu avg %lu max %lu cycles (max %lu us), %lu interrupts (%lu receive), %lu frames found before their interrupt\n",
	       (unsigned long)sent, (unsigned long)rtt.count,
	       (unsigned long)(rtt.count ? rtt.min : 0), (unsigned long)hist_mean(&rtt),
	       (unsigned long)rtt.max, (unsigned long)(tsc_to_ns(rtt.max) / 1000),
	       (unsigned long)irq_count, (unsigned long)rx_irq_count,
	       (unsigned long)late_frames);
	printk("rtt p50=%lu p99=%lu max=%lu samples=%lu\n",
	       (unsigned long)hist_percentile(&rtt, 500),
	       (unsigned long)hist_percentile(&rtt, 990),
	       (unsigned long)rtt.max, (unsigned long)rtt.count);
}

static int e1000_demo_main(void)
{
	uint64_t seq, sent = 0, tx, when, cycles;
	uint16_t bdf = 0;
	bool stop = false;
	int ret;

	if (!opt_dma || (opt_dma & 0xfff) ||
	    opt_dma + DMA_NEEDED > (uint64_t)INMATE_MAPPED_GIB << 30) {
		printk("e1000-demo: dma=0x%lx: give the page-aligned start of %s, at least %u bytes\n",
		       (unsigned long)opt_dma, inmate_in_cell() ?
		       "the cell's identity-mapped DMA region (jh config show <cell>.cell)" :
		       "free RAM below 4 GiB (bare metal: above the image, e.g. dma=0x1000000)",
		       DMA_NEEDED);
		return -1;
	}
	if (!parse_ip(opt_ip, my_ip, "ip") || !parse_ip(opt_host, host_ip, "host"))
		return -1;
	dma = (uint8_t *)(uintptr_t)opt_dma;
	ret = timing_init();
	ret = ret ?: x2apic_init();
	ret = ret ?: setup_pci(&bdf);
	ret = ret ?: nic_up();
	if (ret)
		return -1;
	hist_init(&rtt);
	if (!opt_poll) {
		irq_set_handler(NIC_VECTOR, nic_irq);
		ioapic_pin_set((unsigned int)opt_pin, NIC_VECTOR, x2apic_id(),
			       opt_intx_low ? IOAPIC_LEVEL_LOW : IOAPIC_LEVEL_HIGH);
		wr(REG_IMS, INT_RXT0 | INT_RXO);
		irq_enable();
		printk("e1000-demo: IOAPIC pin %lu entry 0x%lx\n", (unsigned long)opt_pin,
		       (unsigned long)ioapic_pin_read((unsigned int)opt_pin));
	}
	printk("e1000-demo: %s -> %s, replies by %s\n", opt_ip, opt_host,
	       opt_poll ? "polling" : "interrupt");
	if (resolve_host(&stop))
		goto out;
	for (seq = 1; !opt_count || seq <= opt_count; seq++) {
		tx = send_echo((uint16_t)seq);
		sent++;
		if (wait_frame(is_echo_reply, (uint16_t)seq, 1000000, &when, &stop)) {
			cycles = when > tx ? when - tx : 0;
			hist_add(&rtt, cycles);
			printk("e1000-demo: reply from %s: icmp_seq=%lu time=%lu us (%lu cycles)\n",
			       opt_host, (unsigned long)seq,
			       (unsigned long)(tsc_to_ns(cycles) / 1000),
			       (unsigned long)cycles);
		} else if (!stop) {
			printk("e1000-demo: icmp_seq=%lu: no reply\n", (unsigned long)seq);
		}
		if (stop)
			break;
		when = rdtsc() + tsc_from_us(opt_interval_ms * 1000);
		while (rdtsc() < when && !stop)
			stop = comm_poll();
		if (stop)
			break;
	}
out:
	irq_disable();
	if (!opt_poll) {
		/* delivery status (bit 12) and remote IRR (bit 14) say where a
		 * missing interrupt got stuck */
		printk("e1000-demo: at the end: IOAPIC pin %lu entry 0x%lx, ICR 0x%x, IMS 0x%x\n",
		       (unsigned long)opt_pin,
		       (unsigned long)ioapic_pin_read((unsigned int)opt_pin),
		       rd(REG_ICR), rd(REG_IMS));
		ioapic_pin_mask((unsigned int)opt_pin);
	}
	nic_down();
	if (stop)
		printk("e1000-demo: shutdown requested, stopping\n");
	print_summary(sent);
	return rtt.count ? 0 : -1;
}

INMATE("e1000-demo", e1000_demo_main, params);
