#!/bin/sh
# Compiles one jh config written in C (designated initializers, see
# configs/*.c and docs/config.md) into its binary .cell blob:
#   scripts/config-compile.sh CONFIG.c OUT.cell
# The config is one non-const, packed object (header + arrays) in .data;
# the blob is exactly that section (objcopy -O binary -j .data), so notes
# such as .note.gnu.property never end up in it. The rule is shared: the
# configs/ Makefile and jh-plan's output both go through here.
# Environment: CC (default gcc), OBJCOPY (default objcopy), READELF.
set -e
CC=${CC:-gcc}
OBJCOPY=${OBJCOPY:-objcopy}
READELF=${READELF:-readelf}
TOP=$(cd "$(dirname "$0")/.." && pwd)

if [ $# -ne 2 ]; then
	echo "usage: $0 CONFIG.c OUT.cell" >&2
	exit 2
fi
src=$1
out=$2
if [ ! -r "$src" ]; then
	echo "$src: cannot read the config source; fix: give an existing .c file" >&2
	exit 2
fi

obj=$(mktemp "${TMPDIR:-/tmp}/jh-config.XXXXXX")
trap 'rm -f "$obj" "$obj.sec"' EXIT INT TERM

# -O0 -fno-common: one object laid out as written; no PIC so the object
# has no GOT or relocations of its own
$CC -c -O0 -std=gnu11 -Wall -Wextra -Werror -fno-common -fno-pic \
	-I"$TOP/include" -o "$obj" "$src"

# a pointer in a config cannot survive the copy into a flat blob
if $READELF -S -W "$obj" | grep -q '\.rela\?\.data'; then
	echo "$src: the config contains pointers (relocations in .data); fix: use only numbers and inline arrays" >&2
	exit 1
fi
$READELF -S -W "$obj" >"$obj.sec"
data_size=$(awk '$2 == ".data" { print $6 } $3 == ".data" { print $7 }' "$obj.sec" | head -n1)
if [ -z "$data_size" ] || [ $((0x${data_size:-0})) -eq 0 ]; then
	if grep -q '\.rodata' "$obj.sec"; then
		echo "$src: the config is in .rodata, not .data; fix: declare the config object without 'const'" >&2
	else
		echo "$src: no config object in .data; fix: define one non-static packed object (see configs/*.c)" >&2
	fi
	exit 1
fi
mkdir -p "$(dirname "$out")"
$OBJCOPY -O binary -j .data "$obj" "$out.tmp"
mv "$out.tmp" "$out"
