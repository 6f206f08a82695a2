#!/bin/sh
# mk-cell-initramfs.sh --out FILE.cpio.lz4: the initramfs of the Linux cell
# of tests/emu/scenarios/linux-cell.sh: busybox-static and
# tests/emu/linux-cell/init, nothing of the project.
set -e
. "$(dirname "$0")/lib.sh"

[ "$1" = --out ] && [ -n "$2" ] || emu_die "usage: mk-cell-initramfs.sh --out FILE"
OUT=$(realpath -m "$2")
ROOT=$OUT.d
rm -rf "$ROOT"
mkdir -p "$ROOT/bin" "$(dirname "$OUT")"
cp /bin/busybox "$ROOT/bin/busybox"
install -m 755 "$EMU_DIR/linux-cell/init" "$ROOT/init"
(cd "$ROOT" && find . | sort | cpio -o -H newc --quiet | lz4 -l -9 -q > "$OUT")
rm -rf "$ROOT"
