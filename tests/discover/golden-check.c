// SPDX-License-Identifier: GPL-2.0
/*
 * Compares jh-discover's --json output with a corpus machine's truth.json
 * (decoded by iasl): MADT, MCFG, DMAR, IVRS, HPET, FADT. Prints one line
 * per table: "PASS table what", "FAIL table what: first difference" or
 * "SKIP table why"; tests/suites/golden-discover turns them into TAP.
 *
 *	golden-check TRUTH.json DISCOVERED.json
 *	golden-check --ioapic-pins DMESG DISCOVERED.json [--inferred]
 *	golden-check --count FILE EXPR
 *	golden-check --cpus DISCOVERED.json
 *	golden-check --root-rules MACHINE_DIR ROOT-CONFIG.c
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

static char diff[512];

static void differ(const char *fmt, ...)
{
	va_list ap;

	if (diff[0])
		return;		/* the first difference is the useful one */
	va_start(ap, fmt);
	vsnprintf(diff, sizeof(diff), fmt, ap);
	va_end(ap);
}

static json_object *get(json_object *o, const char *key)
{
	json_object *v = NULL;

	if (o && json_object_is_type(o, json_type_object))
		json_object_object_get_ex(o, key, &v);
	return v;
}

/* Numbers, "0x.." strings, "0A" hex-without-prefix and booleans alike */
static bool num(json_object *o, uint64_t *v)
{
	const char *s;
	char *end;

	if (!o)
		return false;
	switch (json_object_get_type(o)) {
	case json_type_int:
		*v = json_object_get_int64(o);
		return true;
	case json_type_boolean:
		*v = json_object_get_boolean(o);
		return true;
	case json_type_string:
		s = json_object_get_string(o);
		*v = strtoull(s, &end, 0);
		return end != s && !*end;
	default:
		return false;
	}
}

static size_t len(json_object *a)
{
	return a && json_object_is_type(a, json_type_array) ?
	       json_object_array_length(a) : 0;
}

static json_object *at(json_object *a, size_t i)
{
	return json_object_array_get_idx(a, i);
}

/* truth.tkey vs ours.okey, both numeric; null in truth: not compared */
static void same(const char *what, json_object *t, const char *tkey,
		 json_object *o, const char *okey)
{
	json_object *tv = get(t, tkey), *ov = get(o, okey);
	uint64_t a, b;

	if (!tv || json_object_is_type(tv, json_type_null))
		return;
	if (!num(tv, &a)) {
		differ("%s: truth %s is not a number", what, tkey);
		return;
	}
	if (!num(ov, &b)) {
		differ("%s: %s missing (truth 0x%" PRIx64 ")", what, okey, a);
		return;
	}
	if (a != b)
		differ("%s: %s is 0x%" PRIx64 ", truth 0x%" PRIx64, what, okey, b, a);
}

static void same_count(const char *what, json_object *t, json_object *o)
{
	if (len(t) != len(o))
		differ("%s: %zu entries, truth %zu", what, len(o), len(t));
}

static void check_madt(json_object *truth, json_object *ours)
{
	json_object *madt = get(truth, "madt"), *cpus = get(ours, "cpus");
	json_object *lapic = get(madt, "lapic"), *x2 = get(madt, "x2apic");
	size_t n = 0;

	same("local APIC address", madt, "local_apic_address", ours,
	     "local_apic_address");
	/* our cpus are in MADT order: xAPIC and x2APIC entries interleaved */
	if (len(cpus) != len(lapic) + len(x2))
		differ("CPUs: %zu, truth %zu local APIC + %zu x2APIC", len(cpus),
		       len(lapic), len(x2));
	for (size_t i = 0; i < len(cpus) && !diff[0]; i++) {
		json_object *c = at(cpus, i);
		uint64_t x2apic = 0;
		char what[64];

		num(get(c, "x2apic"), &x2apic);
		snprintf(what, sizeof(what), "CPU %zu", i);
		if (!x2apic) {
			json_object *t = NULL;

			/* find the truth entry with this APIC id and ACPI id */
			for (size_t j = 0; j < len(lapic); j++) {
				uint64_t a, b, c1, c2;

				if (num(get(at(lapic, j), "apic_id"), &a) &&
				    num(get(c, "apic_id"), &b) &&
				    num(get(at(lapic, j), "acpi_id"), &c1) &&
				    num(get(c, "acpi_id"), &c2) && a == b && c1 == c2)
					t = at(lapic, j);
			}
			if (!t) {
				differ("%s: no truth local APIC entry with its ids", what);
				break;
			}
			same(what, t, "enabled", c, "enabled");
			n++;
		} else {
			json_object *t = NULL;

			for (size_t j = 0; j < len(x2); j++) {
				uint64_t a, b, c1, c2;

				if (num(get(at(x2, j), "x2apic_id"), &a) &&
				    num(get(c, "apic_id"), &b) &&
				    num(get(at(x2, j), "acpi_uid"), &c1) &&
				    num(get(c, "acpi_id"), &c2) && a == b && c1 == c2)
					t = at(x2, j);
			}
			if (!t) {
				differ("%s: no truth x2APIC entry with its ids", what);
				break;
			}
			same(what, t, "enabled", c, "enabled");
		}
	}
	(void)n;
	same_count("IOAPICs", get(madt, "ioapic"), get(ours, "ioapics"));
	for (size_t i = 0; i < len(get(madt, "ioapic")) && !diff[0]; i++) {
		json_object *t = at(get(madt, "ioapic"), i);
		json_object *o = at(get(ours, "ioapics"), i);

		same("IOAPIC", t, "id", o, "id");
		same("IOAPIC", t, "address", o, "address");
		same("IOAPIC", t, "gsi_base", o, "gsi_base");
	}
	same_count("interrupt overrides", get(madt, "iso"),
		   get(ours, "interrupt_overrides"));
	for (size_t i = 0; i < len(get(madt, "iso")) && !diff[0]; i++) {
		json_object *t = at(get(madt, "iso"), i);
		json_object *o = at(get(ours, "interrupt_overrides"), i);

		same("ISO", t, "bus", o, "bus");
		same("ISO", t, "source_irq", o, "source_irq");
		same("ISO", t, "gsi", o, "gsi");
		same("ISO", t, "flags", o, "flags");
	}
}

static void check_mcfg(json_object *truth, json_object *ours)
{
	json_object *t = get(get(truth, "mcfg"), "segments");
	json_object *o = get(ours, "pci_mmconfig");

	same_count("MCFG segments", t, o);
	for (size_t i = 0; i < len(t) && !diff[0]; i++) {
		same("MCFG", at(t, i), "base", at(o, i), "base");
		same("MCFG", at(t, i), "segment", at(o, i), "segment");
		same("MCFG", at(t, i), "start_bus", at(o, i), "start_bus");
		same("MCFG", at(t, i), "end_bus", at(o, i), "end_bus");
	}
}

static void check_scopes(const char *what, json_object *t, json_object *o)
{
	same_count(what, t, o);
	for (size_t i = 0; i < len(t) && !diff[0]; i++) {
		json_object *ts = at(t, i), *os = at(o, i);
		json_object *tp = get(ts, "path"), *op = get(os, "path");

		same(what, ts, "type_id", os, "type_id");
		same(what, ts, "enum_id", os, "enum_id");
		same(what, ts, "bus", os, "start_bus");
		same_count("scope path", tp, op);
		for (size_t k = 0; k < len(tp) && !diff[0]; k++)
			for (size_t h = 0; h < 2; h++) {
				uint64_t a = 0, b = 1;

				num(at(at(tp, k), h), &a);
				num(at(at(op, k), h), &b);
				if (a != b)
					differ("%s: path hop %zu differs", what, k);
			}
	}
}

static void check_dmar(json_object *truth, json_object *ours)
{
	json_object *d = get(truth, "dmar"), *units = json_object_new_array();
	json_object *drhd = get(d, "drhd"), *iommus = get(ours, "iommus");

	for (size_t i = 0; i < len(iommus); i++)
		if (!strcmp(json_object_get_string(get(at(iommus, i), "type")), "vtd"))
			json_object_array_add(units, json_object_get(at(iommus, i)));
	same("DMAR", d, "dma_address_bits", get(ours, "dmar"), "host_address_width");
	same("DMAR", d, "flags", get(ours, "dmar"), "flags");
	same_count("DRHD units", drhd, units);
	for (size_t i = 0; i < len(drhd) && !diff[0]; i++) {
		json_object *t = at(drhd, i), *o = at(units, i);

		same("DRHD", t, "base", o, "base");
		same("DRHD", t, "segment", o, "segment");
		same("DRHD", t, "flags", o, "flags");
		same("DRHD", t, "include_pci_all", o, "include_all");
		check_scopes("DRHD scope", get(t, "scopes"), get(o, "scopes"));
	}
	same_count("RMRRs", get(d, "rmrr"), get(ours, "rmrrs"));
	for (size_t i = 0; i < len(get(d, "rmrr")) && !diff[0]; i++) {
		json_object *t = at(get(d, "rmrr"), i), *o = at(get(ours, "rmrrs"), i);

		same("RMRR", t, "segment", o, "segment");
		same("RMRR", t, "base", o, "base");
		same("RMRR", t, "end", o, "end");
		check_scopes("RMRR scope", get(t, "scopes"), get(o, "scopes"));
	}
	same_count("ATSRs", get(d, "atsr"), get(get(ours, "dmar"), "atsrs"));
	json_object_put(units);
}

static void check_ivrs(json_object *truth, json_object *ours, bool partial)
{
	json_object *t = get(get(truth, "ivrs"), "ivhd");
	json_object *o = get(get(ours, "ivrs"), "ivhd");
	size_t j = 0;

	same("IVRS", get(truth, "ivrs"), "iv_info", get(ours, "ivrs"), "iv_info");
	if (!partial)
		same_count("IVHD blocks", t, o);
	/* a partial truth lacks the blocks iasl could not decode: skip ours */
	for (size_t i = 0; i < len(t) && !diff[0]; i++, j++) {
		json_object *th = at(t, i), *oh;
		json_object *te, *oe;
		uint64_t tt = 0, ot = 1;

		num(get(th, "type"), &tt);
		while (j < len(o) && num(get(at(o, j), "type"), &ot) && ot != tt &&
		       partial)
			j++;
		oh = at(o, j);
		if (!oh) {
			differ("IVHD %zu (type 0x%" PRIx64 ") missing", i, tt);
			break;
		}
		same("IVHD", th, "type", oh, "type");
		same("IVHD", th, "flags", oh, "flags");
		same("IVHD", th, "iommu_devid", oh, "iommu_bdf16");
		same("IVHD", th, "capability_offset", oh, "capability_offset");
		same("IVHD", th, "base", oh, "base");
		same("IVHD", th, "segment", oh, "segment");
		same("IVHD", th, "info", oh, "info");
		/* iasl decoded only the header of a type it does not know */
		if (partial && !get(th, "base"))
			continue;
		te = get(th, "entries");
		oe = get(oh, "entries");
		same_count("IVHD device entries", te, oe);
		for (size_t k = 0; k < len(te) && !diff[0]; k++) {
			same("IVHD entry", at(te, k), "type", at(oe, k), "type");
			same("IVHD entry", at(te, k), "devid", at(oe, k), "devid");
			same("IVHD entry", at(te, k), "data", at(oe, k), "data");
			same("IVHD entry", at(te, k), "source_devid", at(oe, k),
			     "source_devid");
			same("IVHD entry", at(te, k), "handle", at(oe, k), "handle");
		}
	}
	same_count("IVMD blocks", get(get(truth, "ivrs"), "ivmd"),
		   get(get(ours, "ivrs"), "ivmd"));
}

static void check_hpet(json_object *truth, json_object *ours)
{
	json_object *t = get(truth, "hpet"), *o = get(ours, "hpet");

	same_count("HPET tables", t, o);
	for (size_t i = 0; i < len(t) && !diff[0]; i++) {
		same("HPET", at(t, i), "address", at(o, i), "address");
		same("HPET", at(t, i), "block_id", at(o, i), "block_id");
		same("HPET", at(t, i), "sequence", at(o, i), "sequence");
		same("HPET", at(t, i), "min_ticks", at(o, i), "min_ticks");
	}
}

static void check_fadt(json_object *truth, json_object *ours)
{
	json_object *t = get(truth, "fadt"), *o = get(ours, "fadt");
	static const char *const ports[] = {
		"smi_command_port", "pm1a_event_block", "pm1a_control_block",
		"pm_timer_block",
	};

	if (!o) {
		differ("no FADT decoded");
		return;
	}
	same("FADT", t, "sci_interrupt", o, "sci_interrupt");
	same("FADT", t, "hw_reduced", o, "hw_reduced");
	same("FADT", t, "flags", o, "flags");
	for (size_t i = 0; i < 4; i++) {
		uint64_t v;

		/* our null means "none": compare with truth's 0 */
		if (num(get(t, ports[i]), &v) && v == 0 &&
		    json_object_is_type(get(o, ports[i]), json_type_null))
			continue;
		same("FADT", t, ports[i], o, ports[i]);
	}
}

static void check_srat(json_object *truth, json_object *ours)
{
	json_object *t = get(truth, "srat"), *numa = get(ours, "numa");
	json_object *oc = get(numa, "srat_cpus"), *om = get(numa, "srat_memory");
	json_object *tm = get(t, "memory");
	size_t tc = len(get(t, "cpu")) + len(get(t, "x2apic"));

	if (len(oc) != tc)
		differ("SRAT CPU entries: %zu, truth %zu", len(oc), tc);
	/* every truth CPU entry is one of ours (same APIC id, node, flag) */
	for (int k = 0; k < 2 && !diff[0]; k++) {
		json_object *a = get(t, k ? "x2apic" : "cpu");

		for (size_t i = 0; i < len(a) && !diff[0]; i++) {
			uint64_t id = 0, node = 0, en = 0, x, y, z;
			bool found = false;

			num(get(at(a, i), k ? "x2apic_id" : "apic_id"), &id);
			num(get(at(a, i), "proximity_domain"), &node);
			num(get(at(a, i), "enabled"), &en);
			for (size_t j = 0; j < len(oc) && !found; j++)
				found = num(get(at(oc, j), "apic_id"), &x) && x == id &&
					num(get(at(oc, j), "node"), &y) && y == node &&
					num(get(at(oc, j), "enabled"), &z) && z == en;
			if (!found)
				differ("SRAT CPU %zu (APIC id %" PRIu64 ") not decoded alike", i, id);
		}
	}
	same_count("SRAT memory ranges", tm, om);
	for (size_t i = 0; i < len(tm) && !diff[0]; i++) {
		same("SRAT memory", at(tm, i), "base", at(om, i), "base");
		same("SRAT memory", at(tm, i), "length", at(om, i), "size");
		same("SRAT memory", at(tm, i), "proximity_domain", at(om, i), "node");
		same("SRAT memory", at(tm, i), "enabled", at(om, i), "enabled");
		same("SRAT memory", at(tm, i), "hot_pluggable", at(om, i), "hotpluggable");
		same("SRAT memory", at(tm, i), "non_volatile", at(om, i), "nonvolatile");
	}
}

/* SLIT rows are hex strings, two digits per locality ("0A14") */
static void check_slit(json_object *truth, json_object *ours)
{
	json_object *rows = get(get(truth, "slit"), "rows");
	json_object *m = get(get(ours, "numa"), "slit");

	same_count("SLIT rows", rows, m);
	for (size_t i = 0; i < len(rows) && !diff[0]; i++) {
		const char *raw = json_object_get_string(at(rows, i));
		json_object *row = at(m, i);
		char r[1100];
		size_t n = 0;

		/* iasl writes "0A 10" or "0A10": drop the blanks */
		for (; raw && *raw && n + 1 < sizeof(r); raw++)
			if (*raw != ' ')
				r[n++] = *raw;
		r[n] = '\0';

		if (strlen(r) != 2 * len(row)) {
			differ("SLIT row %zu: %zu entries, truth %s", i, len(row), r);
			break;
		}
		for (size_t j = 0; j < len(row); j++) {
			char hx[3] = { r[2 * j], r[2 * j + 1], 0 };
			uint64_t v = 0;

			num(at(row, j), &v);
			if (strtoul(hx, NULL, 16) != v)
				differ("SLIT[%zu][%zu] is %" PRIu64 ", truth %s", i, j, v, hx);
		}
	}
}

static bool has_warning(json_object *truth, const char *key)
{
	return get(get(truth, "iasl_warnings"), key) != NULL;
}

/*
 * truth.json decodes the first of duplicate tables (acpixtract's *1.dat);
 * jh-discover decodes the one the XSDT lists, as Linux does
 */
static bool other_instance(json_object *truth, json_object *ours,
			   const char *sig)
{
	json_object *w = get(ours, "warnings");
	uint64_t count = 0;
	char want[64];

	if (!num(get(get(truth, "table_counts"), sig), &count) || count < 2)
		return false;
	snprintf(want, sizeof(want), "instance 0 ignored");
	for (size_t i = 0; i < len(w); i++)
		if (!strcmp(json_object_get_string(get(at(w, i), "source")), sig) &&
		    strstr(json_object_get_string(get(at(w, i), "message")), want))
			return true;
	return false;
}

static void skip(const char *table, const char *sig)
{
	printf("SKIP %s truth decodes the first of the %s tables, jh-discover the one the XSDT lists (as Linux does)\n",
	       table, sig);
}

static void report(const char *table, const char *what)
{
	printf("%s %s %s%s%s\n", diff[0] ? "FAIL" : "PASS", table, what,
	       diff[0] ? ": " : "", diff);
	diff[0] = '\0';
}

/*
 * --count FILE EXPR: prints how many elements EXPR selects, "null" if
 * absent. EXPR is KEY[.KEY...] naming an array, optionally :FIELD to count
 * only the elements whose FIELD is true.
 */
static int count_mode(const char *file, const char *expr)
{
	json_object *o = json_object_from_file(file);
	char buf[256], *field, *tok, *save;
	size_t n = 0;

	if (!o) {
		printf("unparsable\n");
		return 1;
	}
	snprintf(buf, sizeof(buf), "%s", expr);
	field = strchr(buf, ':');
	if (field)
		*field++ = '\0';
	for (tok = strtok_r(buf, ".", &save); tok && o; tok = strtok_r(NULL, ".", &save))
		o = get(o, tok);
	if (!o || !json_object_is_type(o, json_type_array)) {
		printf("null\n");
		return 0;
	}
	for (size_t i = 0; i < len(o); i++) {
		uint64_t v = 0;

		if (!field || (num(get(at(o, i), field), &v) && v))
			n++;
	}
	printf("%zu\n", n);
	return 0;
}

/* The IOAPIC with this address in DISCOVERED.json's "ioapics" */
static json_object *ioapic_at(json_object *ours, uint64_t address)
{
	json_object *a = get(ours, "ioapics");

	for (size_t i = 0; i < len(a); i++) {
		uint64_t v;

		if (num(get(at(a, i), "address"), &v) && v == address)
			return at(a, i);
	}
	return NULL;
}

/*
 * --ioapic-pins DMESG JSON: the pin count of every IOAPIC the boot log
 * names ("IOAPIC[i]: apic_id A, version V, address 0xX, GSI B-E", read
 * here with sscanf, independently of jh-discover's parser) against the
 * JSON. Default: each must be B-E and come from the kernel log (a run with
 * --dmesg). --inferred (a run without): counts jh-discover inferred from
 * the MADT must equal the log's ("gsi-gap") or not exceed it ("madt-gsi");
 * assumed ones are listed. One line: "PASS|FAIL ioapic-pins what".
 */
static int pins_mode(const char *dmesg, const char *json, bool inferred)
{
	json_object *ours = json_object_from_file(json);
	FILE *f = fopen(dmesg, "r");
	char line[1024], assumed[256] = "";
	int n = 0, exact = 0;

	if (!ours || !f) {
		printf("FAIL ioapic-pins cannot read %s\n", ours ? dmesg : json);
		if (f)
			fclose(f);
		return 0;
	}
	while (fgets(line, sizeof(line), f)) {
		char *tag = strstr(line, "IOAPIC[");
		unsigned int idx, id, ver, base, last;
		unsigned long long addr;
		json_object *io;
		const char *src;
		uint64_t pins;

		if (!tag || sscanf(tag, "IOAPIC[%u]: apic_id %u, version %u, address 0x%llx, GSI %u-%u",
				   &idx, &id, &ver, &addr, &base, &last) != 6)
			continue;
		n++;
		io = ioapic_at(ours, addr);
		if (!io) {
			differ("IOAPIC[%u] at 0x%llx: not in the JSON", idx, addr);
			continue;
		}
		src = json_object_get_string(get(io, "pins_source"));
		if (!num(get(io, "pins"), &pins) || !src) {
			differ("IOAPIC[%u]: no pins or pins_source", idx);
			continue;
		}
		if (!inferred) {
			if (pins != last - base + 1 || strcmp(src, "kernel-log"))
				differ("IOAPIC[%u] at 0x%llx: %" PRIu64 " pins (%s), the log says %u",
				       idx, addr, pins, src, last - base + 1);
		} else if (!strcmp(src, "gsi-gap")) {
			exact++;
			if (pins != last - base + 1)
				differ("IOAPIC[%u]: gsi-gap says %" PRIu64 " pins, the log %u",
				       idx, pins, last - base + 1);
		} else if (!strcmp(src, "madt-gsi") || !strcmp(src, "pci-line")) {
			if (pins > last - base + 1)
				differ("IOAPIC[%u]: %s says %" PRIu64 " pins, more than the log's %u",
				       idx, src, pins, last - base + 1);
		} else if (!strcmp(src, "assumed")) {
			snprintf(assumed + strlen(assumed), sizeof(assumed) - strlen(assumed),
				 ", IOAPIC[%u] assumed %" PRIu64 " (log: %u)", idx, pins,
				 last - base + 1);
		} else {
			differ("IOAPIC[%u]: pins_source \"%s\" in a run without the log",
			       idx, src);
		}
	}
	fclose(f);
	if (!n)
		differ("%s has no IOAPIC lines", dmesg);
	if (n != (int)len(get(ours, "ioapics")) && !diff[0])
		differ("the log names %d IOAPICs, the JSON has %zu", n,
		       len(get(ours, "ioapics")));
	json_object_put(ours);
	snprintf(line, sizeof(line), inferred ?
		 "%d IOAPIC(s): %d gsi-gap count(s) equal the boot log's%s" :
		 "%d IOAPIC(s): pin counts are the boot log's", n, exact, assumed);
	report("ioapic-pins", line);
	return 0;
}

/* ---- --root-rules: the root-cell config against the machine's files ---- */

#define MAX_RANGES	512

struct range {
	uint64_t start, end;	/* inclusive */
	bool dma;
};

struct root_cfg {
	struct range mem[MAX_RANGES];
	int n_mem;
	uint64_t chip_addr[16], chip_bits[16][4];
	int n_chips;
	uint64_t io_addr[16];
	unsigned int io_base[16], io_pins[16];
	int n_io;
	unsigned int pm_timer_port, ir_table_size;
	bool have_pm_timer, have_ir;
};

static uint64_t field_hex(const char *line, const char *key, bool *found)
{
	const char *p = strstr(line, key);

	*found = p != NULL;
	return p ? strtoull(p + strlen(key), NULL, 0) : 0;
}

/*
 * The generated C config, read line by line as a reviewer would: memory
 * regions (.phys_start/.size/.flags), the platform's IOAPICs and PM timer
 * and IR table size, the root's irqchips (.address then .pin_bitmap).
 */
static bool read_root_cfg(const char *path, struct root_cfg *c)
{
	FILE *f = fopen(path, "r");
	char line[512];
	uint64_t start = 0, size = 0, addr = 0;
	bool in_hv = false, have_start = false, have_size = false, found;

	if (!f)
		return false;
	memset(c, 0, sizeof(*c));
	while (fgets(line, sizeof(line), f)) {
		uint64_t v;

		if (strstr(line, ".hypervisor_memory"))
			in_hv = true;
		v = field_hex(line, ".phys_start = ", &found);
		if (found) {
			start = v;
			have_start = true;
		}
		v = field_hex(line, ".size = ", &found);
		if (found && have_start) {
			size = v;
			have_size = true;
			if (in_hv) {
				in_hv = have_start = have_size = false;
				continue;
			}
		}
		if (strstr(line, ".flags = ") && have_start && have_size &&
		    c->n_mem < MAX_RANGES) {
			c->mem[c->n_mem++] = (struct range){
				.start = start, .end = start + size - 1,
				.dma = strstr(line, "JH_MEM_DMA") != NULL };
			have_start = have_size = false;
		}
		v = field_hex(line, ".address = ", &found);
		if (found)
			addr = v;
		v = field_hex(line, ".gsi_base = ", &found);
		if (found && c->n_io < 16 && !c->n_chips) {
			c->io_addr[c->n_io] = addr;
			c->io_base[c->n_io] = v;
		}
		v = field_hex(line, ".pins = ", &found);
		if (found && c->n_io < 16)
			c->io_pins[c->n_io++] = v;
		if (strstr(line, ".pin_bitmap = {") && c->n_chips < 16) {
			unsigned long long b[4] = { 0 };

			sscanf(strchr(line, '{'), "{ %llx, %llx, %llx, %llx", &b[0],
			       &b[1], &b[2], &b[3]);
			c->chip_addr[c->n_chips] = addr;
			for (int i = 0; i < 4; i++)
				c->chip_bits[c->n_chips][i] = b[i];
			c->n_chips++;
		}
		v = field_hex(line, ".pm_timer_port = ", &found);
		if (found) {
			c->pm_timer_port = v;
			c->have_pm_timer = true;
		}
		v = field_hex(line, ".ir_table_size = ", &found);
		if (found) {
			c->ir_table_size = v;
			c->have_ir = true;
		}
	}
	fclose(f);
	return true;
}

/* Bytes of [s, e] that ranges with DMA (want_dma) or without cover */
static uint64_t covered(const struct root_cfg *c, uint64_t s, uint64_t e,
			bool want_dma)
{
	uint64_t n = 0;

	for (int i = 0; i < c->n_mem; i++) {
		uint64_t a = c->mem[i].start > s ? c->mem[i].start : s;
		uint64_t b = c->mem[i].end < e ? c->mem[i].end : e;

		if (a <= b && c->mem[i].dma == want_dma)
			n += b - a + 1;
	}
	return n;
}

/* "START-END : NAME" lines of a /proc/iomem or /proc/ioports copy */
static int read_proc_ranges(const char *path, const char *name, bool top_only,
			    struct range *out, int max)
{
	FILE *f = fopen(path, "r");
	char line[512];
	int n = 0;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f) && n < max) {
		unsigned long long s, e;
		char *colon = strstr(line, " : ");

		if (!colon || (top_only && line[0] == ' '))
			continue;
		colon[strcspn(colon, "\n")] = '\0';
		if (strcmp(colon + 3, name) ||
		    sscanf(line, " %llx-%llx", &s, &e) != 2)
			continue;
		out[n++] = (struct range){ .start = s, .end = e };
	}
	fclose(f);
	return n;
}

/* memmap=SIZE$ADDR of the machine's kernel command line */
static bool read_memmap(const char *path, struct range *r)
{
	FILE *f = fopen(path, "r");
	char line[2048], *p, unit;
	unsigned long long size, addr;
	int used = 0;

	if (!f)
		return false;
	p = fgets(line, sizeof(line), f) ? strstr(line, "memmap=") : NULL;
	fclose(f);
	if (!p || sscanf(p + 7, "%lli%n", &size, &used) != 1)
		return false;
	p += 7 + used;
	unit = *p;
	if (unit == 'K' || unit == 'M' || unit == 'G') {
		size <<= unit == 'K' ? 10 : unit == 'M' ? 20 : 30;
		p++;
	}
	while (*p == '\\')
		p++;
	if (*p != '$' || sscanf(p + 1, "%lli", &addr) != 1)
		return false;
	*r = (struct range){ .start = addr, .end = addr + size - 1 };
	return true;
}

/* Whether some range holds a byte of the page at a (regions are pages) */
static bool page_in_ranges(const struct range *r, int n, uint64_t a)
{
	for (int i = 0; i < n; i++)
		if (a + 0xfff >= r[i].start && a <= r[i].end)
			return true;
	return false;
}

/*
 * RMRRs (truth.json, iasl's decode): every byte with DMA. DMA anywhere
 * else only on System RAM (the machine's iomem.txt) and the memmap= area:
 * no firmware container gets DMA because an RMRR lies in it.
 */
static void check_rmrr_dma(const char *dir, json_object *truth,
			   const struct root_cfg *c)
{
	static struct range allowed[MAX_RANGES];
	json_object *rmrrs = get(get(truth, "dmar"), "rmrr");
	uint64_t bytes = 0, extra = 0;
	char path[4200];
	int n;

	snprintf(path, sizeof(path), "%s/iomem.txt", dir);
	n = read_proc_ranges(path, "System RAM", true, allowed, MAX_RANGES - 80);
	if (n < 0) {
		printf("SKIP rmrr-dma no iomem.txt\n");
		return;
	}
	snprintf(path, sizeof(path), "%s/cmdline.txt", dir);
	if (read_memmap(path, &allowed[n]))
		n++;
	for (size_t i = 0; i < len(rmrrs); i++) {
		uint64_t s, e;

		if (!num(get(at(rmrrs, i), "base"), &s) ||
		    !num(get(at(rmrrs, i), "end"), &e) || e < s)
			continue;
		bytes += e - s + 1;
		if (covered(c, s, e, true) != e - s + 1)
			differ("RMRR 0x%" PRIx64 "-0x%" PRIx64 ": %" PRIu64 " of %" PRIu64 " bytes with DMA",
			       s, e, covered(c, s, e, true), e - s + 1);
		if (n < MAX_RANGES)
			allowed[n++] = (struct range){ .start = s, .end = e };
	}
	printf("%s rmrr-dma all %" PRIu64 " KiB of the %zu RMRR(s) with DMA%s%s\n",
	       diff[0] ? "FAIL" : "PASS", bytes >> 10, len(rmrrs),
	       diff[0] ? ": " : "", diff);
	diff[0] = '\0';
	for (int i = 0; i < c->n_mem; i++) {
		if (!c->mem[i].dma)
			continue;
		for (uint64_t a = c->mem[i].start; a < c->mem[i].end; a += 0x1000)
			if (!page_in_ranges(allowed, n, a)) {
				if (!extra)
					differ("DMA at 0x%" PRIx64 " (region 0x%" PRIx64 "-0x%" PRIx64 "): no RAM, RMRR or memmap= area",
					       a, c->mem[i].start, c->mem[i].end);
				extra += 0x1000;
			}
	}
	printf("%s containers-no-dma DMA only on System RAM, the RMRRs and the memmap= area%s%s\n",
	       diff[0] ? "FAIL" : "PASS", diff[0] ? ": " : "", diff);
	diff[0] = '\0';
}

/* The config's PM timer port is the "ACPI PM_TMR" range of ioports.txt */
static void check_pm_timer(const char *dir, const struct root_cfg *c)
{
	struct range r[4];
	char path[4200];
	int n;

	snprintf(path, sizeof(path), "%s/ioports.txt", dir);
	n = read_proc_ranges(path, "ACPI PM_TMR", false, r, 4);
	if (n <= 0) {
		printf("SKIP pm-timer ioports.txt names no ACPI PM_TMR\n");
		return;
	}
	if (!c->have_pm_timer || c->pm_timer_port != r[0].start)
		differ("pm_timer_port 0x%x, ioports.txt says 0x%" PRIx64,
		       c->pm_timer_port, r[0].start);
	printf("%s pm-timer port 0x%" PRIx64 " as ioports.txt's ACPI PM_TMR%s%s\n",
	       diff[0] ? "FAIL" : "PASS", r[0].start, diff[0] ? ": " : "", diff);
	diff[0] = '\0';
}

/*
 * lspci's own decode (lspci-vvvnn.from-dump.txt): every "routed to IRQ N"
 * is a pin of some IOAPIC of the config and set in the root's irqchip;
 * the MSI ("Count=a/MAX") and MSI-X ("Count=N") vectors plus the IOAPIC
 * pins, half again, fit the IR table (a power of two, not oversized).
 */
static void check_lspci(const char *dir, json_object *truth,
			const struct root_cfg *c)
{
	char path[4200], line[512];
	unsigned int lines = 0, top = 0, pins = 0;
	uint64_t vectors = 0, want;
	FILE *f;

	snprintf(path, sizeof(path), "%s/lspci-vvvnn.from-dump.txt", dir);
	f = fopen(path, "r");
	if (!f) {
		printf("SKIP ioapic-pins no lspci decode\nSKIP ir-table no lspci decode\n");
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		unsigned int irq, a, b;
		char *p;
		int i, k;

		if ((p = strstr(line, "routed to IRQ ")) &&
		    sscanf(p, "routed to IRQ %u", &irq) == 1 && irq && irq < 255) {
			lines++;
			top = irq > top ? irq : top;
			for (i = 0; i < c->n_io; i++)
				if (irq >= c->io_base[i] &&
				    irq < c->io_base[i] + c->io_pins[i])
					break;
			for (k = 0; i < c->n_io && k < c->n_chips; k++)
				if (c->chip_addr[k] == c->io_addr[i])
					break;
			if (i == c->n_io || k == c->n_chips)
				differ("IRQ %u: no IOAPIC of the config has that GSI", irq);
			else if (!((c->chip_bits[k][(irq - c->io_base[i]) / 64] >>
				    ((irq - c->io_base[i]) % 64)) & 1))
				differ("IRQ %u: pin %u of IOAPIC 0x%" PRIx64 " not the root's",
				       irq, irq - c->io_base[i], c->io_addr[i]);
		}
		if ((p = strstr(line, " MSI: ")) && (p = strstr(p, "Count=")) &&
		    sscanf(p, "Count=%u/%u", &a, &b) == 2)
			vectors += b;
		if ((p = strstr(line, " MSI-X: ")) && (p = strstr(p, "Count=")) &&
		    sscanf(p, "Count=%u", &a) == 1)
			vectors += a;
	}
	fclose(f);
	if (!lines)
		printf("SKIP ioapic-pins firmware wrote no interrupt line (all 0 or 255)\n");
	else
		printf("%s ioapic-pins the %u interrupt line(s) lspci decodes (highest %u) are root IOAPIC pins%s%s\n",
		       diff[0] ? "FAIL" : "PASS", lines, top, diff[0] ? ": " : "", diff);
	diff[0] = '\0';
	if (!get(get(truth, "dmar"), "intr_remap") && !get(truth, "ivrs")) {
		printf("SKIP ir-table no interrupt remapping\n");
		return;
	}
	for (int i = 0; i < c->n_io; i++)
		pins += c->io_pins[i];
	want = (vectors + pins) * 3 / 2;
	if (!c->have_ir || c->ir_table_size & (c->ir_table_size - 1) ||
	    c->ir_table_size < want || c->ir_table_size < 256 ||
	    (c->ir_table_size > 256 && c->ir_table_size / 2 >= want + 3 * 32 * 2))
		differ("ir_table_size %u for %" PRIu64 " vectors + %u pins", c->ir_table_size,
		       vectors, pins);
	printf("%s ir-table %u entries for %" PRIu64 " MSI/MSI-X vectors + %u IOAPIC pins (+50%%)%s%s\n",
	       diff[0] ? "FAIL" : "PASS", c->ir_table_size, vectors, pins,
	       diff[0] ? ": " : "", diff);
	diff[0] = '\0';
}

/*
 * --root-rules MACHINE_DIR CONFIG.c: the root-cell rules of issue 12 on a
 * corpus machine, each against the machine's own files (truth.json,
 * iomem.txt, ioports.txt, cmdline.txt, lspci's decode), one line each.
 */
static int root_rules_mode(const char *dir, const char *config)
{
	static struct root_cfg c;
	json_object *truth;
	char path[4200];

	snprintf(path, sizeof(path), "%s/truth.json", dir);
	truth = json_object_from_file(path);
	if (!truth || !read_root_cfg(config, &c) || !c.n_mem) {
		printf("FAIL all cannot read %s\n", truth ? config : path);
		return 0;
	}
	if (len(get(get(truth, "dmar"), "rmrr")))
		check_rmrr_dma(dir, truth, &c);
	else
		printf("SKIP rmrr-dma the DMAR has no RMRR\n");
	check_pm_timer(dir, &c);
	check_lspci(dir, truth, &c);
	json_object_put(truth);
	return 0;
}

/* An integer or boolean member as text, "-" for null or absent */
static const char *field(json_object *o, const char *key, char *buf, size_t size)
{
	uint64_t v;

	if (!num(get(o, key), &v))
		return "-";
	snprintf(buf, size, "%" PRId64, (int64_t)v);
	return buf;
}

/*
 * --cpus FILE: the CPUs as the golden files of tests/fixtures/
 * offline-topology have them: where the topology came from, one line per
 * MADT CPU, and the root cell's CPUs
 */
static int cpus_mode(const char *file)
{
	static const char *const keys[] = {
		"apic_id", "enabled", "linux_cpu", "online", "package", "die",
		"core", "thread", "node",
	};
	static const char *const caches[] = { "l1d", "l1i", "l2", "l3" };
	json_object *m = json_object_from_file(file), *cpus, *rc;
	const char *topo;
	char buf[32];

	if (!m) {
		fprintf(stderr, "golden-check: cannot parse %s\n", file);
		return 2;
	}
	topo = json_object_get_string(get(get(m, "source"), "cpu_topology"));
	printf("cpu_topology %s\n", topo ? topo : "null");
	cpus = get(m, "cpus");
	for (size_t i = 0; i < len(cpus); i++) {
		json_object *c = at(cpus, i);

		for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
			printf("%s%s %s", k ? " " : "", keys[k],
			       field(c, keys[k], buf, sizeof(buf)));
		for (size_t k = 0; k < 4; k++)
			printf(" %s %s", caches[k],
			       field(get(c, "cache_ids"), caches[k], buf, sizeof(buf)));
		printf("\n");
	}
	rc = get(get(m, "root_cell"), "cpus");
	printf("root_cell.cpus");
	for (size_t i = 0; i < len(rc); i++)
		printf(" %s", json_object_get_string(at(rc, i)));
	printf("%s\n", get(m, "root_cell") ? "" : " null");
	json_object_put(m);
	return 0;
}

int main(int argc, char **argv)
{
	json_object *truth, *ours;

	if (argc == 4 && !strcmp(argv[1], "--count"))
		return count_mode(argv[2], argv[3]);
	if (argc == 3 && !strcmp(argv[1], "--cpus"))
		return cpus_mode(argv[2]);
	if (argc == 4 && !strcmp(argv[1], "--root-rules"))
		return root_rules_mode(argv[2], argv[3]);
	if ((argc == 4 || argc == 5) && !strcmp(argv[1], "--ioapic-pins"))
		return pins_mode(argv[2], argv[3],
				 argc == 5 && !strcmp(argv[4], "--inferred"));

	if (argc != 3) {
		fprintf(stderr, "usage: golden-check TRUTH.json DISCOVERED.json\n");
		return 2;
	}
	truth = json_object_from_file(argv[1]);
	ours = json_object_from_file(argv[2]);
	if (!truth || !ours) {
		printf("FAIL all cannot parse %s\n", truth ? argv[2] : argv[1]);
		return 0;
	}
	if (get(truth, "madt") && other_instance(truth, ours, "APIC")) {
		skip("MADT", "APIC");
	} else if (get(truth, "madt")) {
		check_madt(truth, ours);
		report("MADT", "CPUs, IOAPICs, overrides");
	}
	if (get(truth, "mcfg")) {
		check_mcfg(truth, ours);
		report("MCFG", "segments");
	}
	if (get(truth, "dmar")) {
		check_dmar(truth, ours);
		report("DMAR", has_warning(truth, "dmar") ?
		       "units, scopes, RMRRs (truth partial: iasl could not decode SATC)" :
		       "units, flags, scopes, RMRRs");
	}
	if (get(truth, "ivrs")) {
		bool partial = has_warning(truth, "ivrs");

		check_ivrs(truth, ours, partial);
		report("IVRS", partial ?
		       "IVHD blocks iasl decoded (truth partial: see iasl_warnings)" :
		       "IVHD blocks and device entries, IVMD");
	}
	if (len(get(truth, "hpet"))) {
		check_hpet(truth, ours);
		report("HPET", "timer blocks");
	}
	if (get(truth, "fadt") && other_instance(truth, ours, "FACP")) {
		skip("FADT", "FACP");
	} else if (get(truth, "fadt")) {
		check_fadt(truth, ours);
		report("FADT", has_warning(truth, "facp") ?
		       "SCI, flags, PM ports (truth from a truncated table)" :
		       "SCI, flags, PM ports");
	}
	if (get(truth, "srat")) {
		check_srat(truth, ours);
		report("SRAT", "CPU and memory affinity");
	}
	if (get(truth, "slit")) {
		check_slit(truth, ours);
		report("SLIT", "distance matrix");
	}
	json_object_put(truth);
	json_object_put(ours);
	return 0;
}
