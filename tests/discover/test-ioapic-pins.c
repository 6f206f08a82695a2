// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of jh-discover's IOAPIC pin counts: the kernel log parser
 * (discover/kernel-log.c) on real boot logs of the corpus, on the log
 * prefixes of klogctl, dmesg and journalctl, on malformed lines and on
 * other IOAPIC messages that must not match; the inference from the MADT
 * (discover/ioapic-pins.c). cmocka; CMOCKA_MESSAGE_OUTPUT=TAP for the
 * test runner (tests/suites/unit-discover runs it).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ioapic-pins.h"
#include "kernel-log.h"
#include "util.h"

static int parse(const char *line, struct dsc_klog_ioapic *e)
{
	memset(e, 0xa5, sizeof(*e));
	return klog_parse_ioapic_line(line, strlen(line), e);
}

static void parses_the_kernel_format(void **state)
{
	struct dsc_klog_ioapic e;

	(void)state;
	assert_int_equal(parse("IOAPIC[3]: apic_id 11, version 32, address 0xfec18000, GSI 48-55", &e), 1);
	assert_int_equal(e.index, 3);
	assert_int_equal(e.apic_id, 11);
	assert_int_equal(e.version, 32);
	assert_int_equal(e.address, 0xfec18000);
	assert_int_equal(e.gsi_base, 48);
	assert_int_equal(e.gsi_end, 55);
	/* one pin, and the most the parser accepts */
	assert_int_equal(parse("IOAPIC[0]: apic_id 0, version 17, address 0xFEC00000, GSI 7-7", &e), 1);
	assert_int_equal(e.address, 0xfec00000);
	assert_int_equal(parse("IOAPIC[0]: apic_id 0, version 17, address 0xfec00000, GSI 0-239", &e), 1);
	assert_int_equal(e.gsi_end - e.gsi_base + 1, KLOG_MAX_PINS);
}

/* klogctl, dmesg -x, journalctl -k and Windows line ends */
static void skips_log_prefixes(void **state)
{
	static const char *const lines[] = {
		"<6>[    0.041210] IOAPIC[1]: apic_id 9, version 32, address 0xfec01000, GSI 24-31",
		"<6>IOAPIC[1]: apic_id 9, version 32, address 0xfec01000, GSI 24-31",
		"[    0.041210] IOAPIC[1]: apic_id 9, version 32, address 0xfec01000, GSI 24-31\r",
		"kern  :info  : [    0.041210] IOAPIC[1]: apic_id 9, version 32, address 0xfec01000, GSI 24-31",
		"Nov 26 09:14:02 host kernel: IOAPIC[1]: apic_id 9, version 32, address 0xfec01000, GSI 24-31",
		"\tIOAPIC[1]: apic_id 9, version 32, address 0xfec01000, GSI 24-31  ",
	};
	struct dsc_klog_ioapic e;

	(void)state;
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		assert_int_equal(parse(lines[i], &e), 1);
		assert_int_equal(e.address, 0xfec01000);
		assert_int_equal(e.gsi_base, 24);
		assert_int_equal(e.gsi_end, 31);
	}
}

/* Other messages about IOAPICs: not registration lines, no warning */
static void ignores_other_ioapic_messages(void **state)
{
	static const char *const lines[] = {
		"[    0.012] IOAPIC[0]: Set routing entry (8-1 -> 0xef -> IRQ 1 Mode:0 Active:0 Dest:0)",
		"[    0.013] IOAPIC[0]: Invalid reference to IRQ 0",
		"[    0.154] DMAR-IR: IOAPIC id 8 under DRHD base  0xfed91000 IOMMU 1",
		"[    0.076] ACPI: Using IOAPIC for interrupt routing",
		"[    0.004] ACPI: IOAPIC (id[0x08] address[0xfec00000] gsi_base[0])",
		"    fec00000-fec003ff : IOAPIC 0",
		"[    0.004] xIOAPIC[0]: apic_id 0, version 32, address 0xfec00000, GSI 0-23",
		"[    0.004] IOAPIC[x]: apic_id 0, version 32, address 0xfec00000, GSI 0-23",
		"IOAPIC[",
		"",
	};
	struct dsc_klog_ioapic e;

	(void)state;
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		assert_int_equal(parse(lines[i], &e), 0);
}

/* Registration lines that are cut, changed or impossible: -EINVAL */
static void rejects_malformed_lines(void **state)
{
	static const char *const lines[] = {
		"IOAPIC[0]: apic_id 0, version 32, address 0xfec00000, GSI 0-",
		"IOAPIC[0]: apic_id 0, version 32, address 0xfec00000, GSI 0",
		"IOAPIC[0]: apic_id 0, version 32, address 0xfec00000",
		"IOAPIC[0]: apic_id 0, version 32, address fec00000, GSI 0-23",
		"IOAPIC[0]: apic_id 0, version 32, address 0x, GSI 0-23",
		"IOAPIC[0]: apic_id , version 32, address 0xfec00000, GSI 0-23",
		"IOAPIC[0]: apic_id -1, version 32, address 0xfec00000, GSI 0-23",
		"IOAPIC[0]: apic_id 0, version 32, address 0xfec00000, GSI 23-0",
		"IOAPIC[0]: apic_id 0, version 32, address 0xfec00000, GSI 0-240",
		"IOAPIC[0]: apic_id 0, version 32, address 0xfec00000, GSI 0-23 (again)",
		"IOAPIC[0]: apic_id 99999999999, version 32, address 0xfec00000, GSI 0-23",
		"IOAPIC[0]: apic_id 0, version 32, address 0x10000000000000000, GSI 0-23",
		"IOAPIC[0]: apic_id 0, version 32, address 0xfec00000, GSI 4294967295-4294967296",
		"IOAPIC[0]: apic_id 0, version 32, address 0xfec00000, GSI 4294967040-4294967295",
	};
	struct dsc_klog_ioapic e;

	(void)state;
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		print_message("# %s\n", lines[i]);
		assert_int_equal(parse(lines[i], &e), -EINVAL);
	}
}

/* The line ends where len says, NUL or not */
static void stops_at_len(void **state)
{
	const char *text = "IOAPIC[0]: apic_id 0, version 32, address 0xfec00000, GSI 0-23\n"
			   "IOAPIC[1]: apic_id 1, ";
	struct dsc_klog_ioapic e;

	(void)state;
	assert_int_equal(klog_parse_ioapic_line(text, strchr(text, '\n') - text, &e), 1);
	assert_int_equal(klog_parse_ioapic_line(text, 30, &e), -EINVAL);
	assert_int_equal(klog_parse_ioapic_line(text, 8, &e), 0);
}

static int has_warning(const struct machine *m, const char *part)
{
	for (size_t i = 0; i < m->warnings.n; i++)
		if (strstr(m->warnings.v[i].message, part))
			return 1;
	return 0;
}

static void log_text_keeps_the_last_boot(void **state)
{
	const char *log =
		"<6>[    0.0] IOAPIC[0]: apic_id 8, version 32, address 0xfec00000, GSI 0-23\n"
		"<6>[    0.0] IOAPIC[1]: apic_id 9, version 32, address 0xfec01000, GSI 24-31\n"
		"<6>[    0.0] IOAPIC[2]: apic_id 10, version 32, address 0xfec08000, GSI 32-\n"
		"<6>[    0.0] reboot: Restarting system\n"
		"<6>[    0.0] IOAPIC[1]: apic_id 9, version 32, address 0xfec01000, GSI 24-39\n"
		"<6>[    0.0] IOAPIC[0]: apic_id 8, version 32, address 0xfec00000, GSI 0-23";
	struct machine m;

	(void)state;
	machine_init(&m);
	klog_parse_text(&m, log, strlen(log), "boot.log");
	assert_int_equal(m.klog_ioapics.n, 2);
	assert_int_equal(m.klog_ioapics.v[0].address, 0xfec00000);
	assert_int_equal(m.klog_ioapics.v[0].line, 6);
	assert_int_equal(m.klog_ioapics.v[1].gsi_end, 39);
	assert_int_equal(m.klog_ioapics.v[1].line, 5);
	assert_int_equal(m.warnings.n, 2);
	assert_true(has_warning(&m, "boot.log line 3: IOAPIC line not understood"));
	assert_true(has_warning(&m, "boot.log line 5: IOAPIC at 0xfec01000 has GSI 24-39, line 2 said 24-31"));
	machine_free(&m);
}

/* Every boot log of the corpus: each registration line parses, no warning */
static void corpus_logs_parse(void **state)
{
	static const struct {
		const char *machine, *file;
		unsigned int lines;
		uint64_t address;	/* of the last IOAPIC, and its GSI range */
		uint32_t base, end;
	} logs[] = {
		{ "jh-gigabyte-mz01-ce1-epyc", "dmesg.txt", 5, 0xea8f0000, 120, 151 },
		{ "jh-hp-elitebook-8460p", "dmesg.txt", 1, 0xfec00000, 0, 23 },
		{ "jh-hp-elitebook-8470p", "dmesg.txt", 1, 0xfec00000, 0, 23 },
		{ "lhw-server-supermicro-h8dgu-57ed14", "dmesg.excerpt.txt", 2,
		  0xfec20000, 24, 55 },
		{ "lhw-workstation-asustek-computer-rog-zenith-ii-extreme-alpha-bf6a37",
		  "dmesg.excerpt.txt", 5, 0xe2280000, 24, 55 },
	};
	const char *corpus = getenv("JH_CORPUS");	/* tests/corpus/select.sh */
	int read = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(logs) / sizeof(logs[0]); i++) {
		struct dsc_klog_ioapic *last;
		char path[4096];
		struct machine m;
		uint8_t *text;
		size_t len;

		snprintf(path, sizeof(path), "%s/%s/%s",
			 corpus ? corpus : "tests/corpus/machines",
			 logs[i].machine, logs[i].file);
		if (read_whole_file(path, &text, &len) < 0)
			continue;	/* a corpus without this machine */
		read++;
		machine_init(&m);
		klog_parse_text(&m, (char *)text, len, path);
		print_message("# %s: %zu IOAPIC lines\n", logs[i].machine, m.klog_ioapics.n);
		assert_int_equal(m.warnings.n, 0);
		assert_int_equal(m.klog_ioapics.n, logs[i].lines);
		last = &m.klog_ioapics.v[m.klog_ioapics.n - 1];
		assert_int_equal(last->address, logs[i].address);
		assert_int_equal(last->gsi_base, logs[i].base);
		assert_int_equal(last->gsi_end, logs[i].end);
		machine_free(&m);
		free(text);
	}
	if (!read)
		skip();		/* a corpus without these machines */
}

/* A machine whose MADT lists IOAPICs (id, address, GSI base) */
static void madt(struct machine *m, const uint32_t (*io)[3], size_t n)
{
	machine_init(m);
	m->have_madt = true;
	for (size_t i = 0; i < n; i++) {
		struct dsc_ioapic *a = vec_push(&m->ioapics);

		a->id = io[i][0];
		a->address = io[i][1];
		a->gsi_base = io[i][2];
		a->bdf16 = a->iommu = DSC_NONE;
	}
}

static void iso(struct machine *m, uint32_t gsi)
{
	vec_push(&m->isos)->gsi = gsi;
}

static void klog(struct machine *m, uint64_t address, uint32_t base,
		 uint32_t end)
{
	*vec_push(&m->klog_ioapics) = (struct dsc_klog_ioapic){
		.address = address, .gsi_base = base, .gsi_end = end, .line = 1,
	};
}

static void expect(const struct machine *m, size_t i, int pins,
		   enum dsc_pins_source src)
{
	print_message("# IOAPIC %zu: %d pins (%s)\n", i, m->ioapics.v[i].pins,
		      ioapic_pins_source_name(m->ioapics.v[i].pins_source));
	assert_int_equal(m->ioapics.v[i].pins, pins);
	assert_string_equal(ioapic_pins_source_name(m->ioapics.v[i].pins_source),
			    ioapic_pins_source_name(src));
}

static const struct dsc_limit *pin_limit(const struct machine *m)
{
	for (size_t i = 0; i < m->limits.n; i++)
		if (strstr(m->limits.v[i].what, "IOAPIC"))
			return &m->limits.v[i];
	return NULL;
}

/* Gaps between GSI bases, in GSI order whatever the MADT order */
static void infers_from_gsi_gaps(void **state)
{
	static const uint32_t io[][3] = {
		{ 2, 0xfec20000, 56 }, { 0, 0xfec00000, 0 }, { 1, 0xfec10000, 24 },
	};
	const struct dsc_limit *l;
	struct machine m;

	(void)state;
	madt(&m, io, 3);
	m.klog_why = strdup("no --dmesg given (offline mode)");
	ioapic_assign_pins(&m);
	expect(&m, 1, 24, PINS_GSI_GAP);
	expect(&m, 2, 32, PINS_GSI_GAP);
	expect(&m, 0, 24, PINS_ASSUMED);
	l = pin_limit(&m);
	assert_non_null(l);
	assert_string_equal(l->why, "no --dmesg given (offline mode)");
	assert_non_null(strstr(l->leaves_out, "3 of 3 IOAPIC(s): 2 inferred from the MADT or PCI interrupt lines, 1 assumed 24"));
	machine_free(&m);
}

/* The last IOAPIC: a GSI the MADT routes there proves its size */
static void last_ioapic_from_routed_gsis(void **state)
{
	static const uint32_t io[][3] = { { 0, 0xfec00000, 0 }, { 1, 0xfec10000, 24 } };
	struct machine m;

	(void)state;
	madt(&m, io, 2);
	iso(&m, 9);
	iso(&m, 60);
	ioapic_assign_pins(&m);
	expect(&m, 1, 37, PINS_MADT_GSI);	/* GSI 24..60 */
	machine_free(&m);

	/* below the usual 24: no proof of anything, 24 assumed */
	madt(&m, io, 2);
	*vec_push(&m.nmi_gsis) = 40;
	ioapic_assign_pins(&m);
	expect(&m, 1, 24, PINS_ASSUMED);
	machine_free(&m);

	madt(&m, io, 2);
	*vec_push(&m.nmi_gsis) = 50;
	ioapic_assign_pins(&m);
	expect(&m, 1, 27, PINS_MADT_GSI);
	machine_free(&m);
}

/* Gaps no IOAPIC can have, and IOAPICs sharing a GSI base */
static void implausible_layouts(void **state)
{
	static const uint32_t far[][3] = { { 0, 0xfec00000, 0 }, { 1, 0xfec10000, 1000 } };
	static const uint32_t same[][3] = {
		{ 0, 0xfec00000, 0 }, { 1, 0xfec10000, 24 }, { 2, 0xfec20000, 24 },
	};
	struct machine m;

	(void)state;
	madt(&m, far, 2);
	ioapic_assign_pins(&m);
	expect(&m, 0, 24, PINS_ASSUMED);
	expect(&m, 1, 24, PINS_ASSUMED);
	machine_free(&m);

	madt(&m, far, 2);
	iso(&m, 30);
	ioapic_assign_pins(&m);
	expect(&m, 0, 31, PINS_MADT_GSI);
	machine_free(&m);

	madt(&m, same, 3);
	ioapic_assign_pins(&m);
	expect(&m, 0, 24, PINS_GSI_GAP);
	expect(&m, 1, 24, PINS_ASSUMED);
	expect(&m, 2, 24, PINS_ASSUMED);
	assert_true(has_warning(&m, "IOAPICs id 1 and id 2 both start at GSI 24"));
	machine_free(&m);
}

/* The kernel log wins, matched by address; lines that do not fit warn */
static void kernel_log_first(void **state)
{
	static const uint32_t io[][3] = {
		{ 0, 0xfec00000, 0 }, { 1, 0xfec10000, 24 }, { 2, 0xfec20000, 56 },
	};
	struct machine m;

	(void)state;
	madt(&m, io, 3);
	m.klog_source = strdup("boot.log");
	klog(&m, 0xfec20000, 56, 87);
	klog(&m, 0xfec00000, 0, 15);
	ioapic_assign_pins(&m);
	expect(&m, 0, 16, PINS_KERNEL_LOG);
	expect(&m, 1, 32, PINS_GSI_GAP);
	expect(&m, 2, 32, PINS_KERNEL_LOG);
	assert_non_null(pin_limit(&m));
	assert_string_equal(pin_limit(&m)->why,
			    "boot.log has no usable line for 1 of the MADT's IOAPICs");
	machine_free(&m);

	/* every count from the log: nothing left out */
	madt(&m, io, 3);
	klog(&m, 0xfec00000, 0, 23);
	klog(&m, 0xfec10000, 24, 55);
	klog(&m, 0xfec20000, 56, 63);
	ioapic_assign_pins(&m);
	expect(&m, 2, 8, PINS_KERNEL_LOG);
	assert_null(pin_limit(&m));
	assert_int_equal(m.warnings.n, 0);
	machine_free(&m);

	/* another machine's log, another firmware's GSI layout */
	madt(&m, io, 3);
	m.klog_source = strdup("other.log");
	klog(&m, 0xfe000000, 0, 23);
	klog(&m, 0xfec10000, 32, 55);
	ioapic_assign_pins(&m);
	expect(&m, 1, 32, PINS_GSI_GAP);
	assert_true(has_warning(&m, "other.log line 1: IOAPIC at 0xfe000000 (GSI 0-23) is not in the MADT"));
	assert_true(has_warning(&m, "IOAPIC at 0xfec10000 starts at GSI 32, the MADT says 24"));
	machine_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_the_kernel_format),
		cmocka_unit_test(skips_log_prefixes),
		cmocka_unit_test(ignores_other_ioapic_messages),
		cmocka_unit_test(rejects_malformed_lines),
		cmocka_unit_test(stops_at_len),
		cmocka_unit_test(log_text_keeps_the_last_boot),
		cmocka_unit_test(corpus_logs_parse),
		cmocka_unit_test(infers_from_gsi_gaps),
		cmocka_unit_test(last_ioapic_from_routed_gsis),
		cmocka_unit_test(implausible_layouts),
		cmocka_unit_test(kernel_log_first),
	};

	return cmocka_run_group_tests_name("ioapic-pins", tests, NULL, NULL);
}
