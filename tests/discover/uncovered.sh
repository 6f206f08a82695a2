#!/bin/sh
# uncovered.sh REFERENCE.c OURS.c: prints each region of REFERENCE (a
# Jailhouse root-cell config) that no region of OURS covers, as
# "0xSTART-0xEND" (inclusive). Empty output: everything is covered.
dir=$(dirname "$0")
awk -f "$dir/regions.awk" "$2" | sed 's/^/ours /' >"${TMPDIR:-/tmp}/unc.$$"
awk -f "$dir/regions.awk" "$1" | sed 's/^/ref /' >>"${TMPDIR:-/tmp}/unc.$$"
awk '
function hex(s,   n, i, c) {
	n = 0; s = tolower(s); sub(/^0x/, "", s); sub(/ull$|ul$|u$/, "", s)
	for (i = 1; i <= length(s); i++) {
		c = index("0123456789abcdef", substr(s, i, 1)); if (!c) break
		n = n * 16 + c - 1
	}
	return n
}
function tohex(n,   s, d) {
	if (n == 0) return "0"
	s = ""
	while (n > 0) { d = n % 16; s = substr("0123456789abcdef", d + 1, 1) s; n = (n - d) / 16 }
	return s
}
$1 == "ours" { os[++no] = hex($2); oe[no] = hex($2) + hex($3) - 1 }
$1 == "ref" {
	s = hex($2); e = s + hex($3) - 1
	while (s <= e) {
		covered = 0; next_start = e + 1
		for (i = 1; i <= no; i++) {
			if (os[i] <= s && oe[i] >= s) { covered = oe[i] + 1; break }
			if (os[i] > s && os[i] < next_start) next_start = os[i]
		}
		if (covered) { s = covered; continue }
		print "0x" tohex(s) "-0x" tohex(next_start - 1)
		s = next_start
	}
}' "${TMPDIR:-/tmp}/unc.$$"
rm -f "${TMPDIR:-/tmp}/unc.$$"
