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
		} else if (!strcmp(src, "madt-gsi")) {
			if (pins > last - base + 1)
				differ("IOAPIC[%u]: madt-gsi says %" PRIu64 " pins, more than the log's %u",
				       idx, pins, last - base + 1);
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

int main(int argc, char **argv)
{
	json_object *truth, *ours;

	if (argc == 4 && !strcmp(argv[1], "--count"))
		return count_mode(argv[2], argv[3]);
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
