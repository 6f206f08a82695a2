#!/bin/sh
# uncovered-ports.sh REFERENCE.c OURS.c: prints the port ranges a Jailhouse
# root-cell config (its pio_bitmap: a clear bit lets the root cell access
# the port, entries not written are 0) lets the root use and jh's config
# (its pio_regions) does not, as "0xSTART-0xEND". 0xcf8-0xcff are left out:
# both hypervisors intercept PCI config access whatever the config says.
awk '
function hex(s,   n, i, c, neg) {
	neg = 0; s = tolower(s); gsub(/[ \t]/, "", s)
	if (substr(s, 1, 1) == "-") { neg = 1; s = substr(s, 2) }
	n = 0
	if (substr(s, 1, 2) == "0x") {
		s = substr(s, 3)
		for (i = 1; i <= length(s); i++) {
			c = index("0123456789abcdef", substr(s, i, 1)); if (!c) break
			n = n * 16 + c - 1
		}
	} else n = s + 0
	return neg ? -n : n
}
function tohex(n,   s, d) {
	if (n == 0) return "0"
	s = ""
	while (n > 0) { d = n % 16; s = substr("0123456789abcdef", d + 1, 1) s; n = (n - d) / 16 }
	return s
}
FNR == 1 { file++ }
file == 1 && /\.pio_bitmap = \{/ { inbm = 1; next }
file == 1 && inbm && /^\t\},/ { inbm = 0 }
file == 1 && inbm && /\[.*\.\.\..*\] *=/ {
	line = $0
	sub(/^[^[]*\[/, "", line)
	a = line; sub(/\/8.*/, "", a)
	b = line; sub(/^[^.]*\.\.\. */, "", b); sub(/\/8.*/, "", b)
	v = line; sub(/^[^=]*= */, "", v); sub(/[,\/].*/, "", v)
	a = int(hex(a) / 8); b = int(hex(b) / 8); v = hex(v); if (v < 0) v = 255
	for (i = a; i <= b; i++) trap[i] = v
}
file == 2 && /\.pio_regions = \{/ { inpio = 1; next }
file == 2 && inpio && /^\t\},/ { inpio = 0 }
file == 2 && inpio && /\.base *=/ { v = $0; sub(/.*\.base *= */, "", v); sub(/,.*/, "", v); base = hex(v) }
file == 2 && inpio && /\.length *=/ {
	v = $0; sub(/.*\.length *= */, "", v); sub(/,.*/, "", v)
	for (p = base; p < base + hex(v); p++) ours[p] = 1
}
END {
	start = -1
	for (p = 0; p <= 65536; p++) {
		bad = 0
		if (p < 65536 && !(p >= 3320 && p <= 3327)) {
			byte = trap[int(p / 8)] + 0
			bit = int(byte / (2 ^ (p % 8))) % 2
			bad = !bit && !(p in ours)
		}
		if (bad && start < 0) start = p
		if (!bad && start >= 0) { print "0x" tohex(start) "-0x" tohex(p - 1); start = -1 }
	}
}' "$1" "$2"
