#!/bin/sh
# mk-initramfs.sh --scenario FILE --out FILE.cpio.lz4 [--kdir KERNEL_TREE]
# Packs the guest initramfs: busybox-static, /init, /lib/jh-test.sh, the
# scenario as /scenario.sh, and whatever of the project is built:
#   build/bin/*            -> /bin/ (with the shared libraries ldd lists)
#   driver/ (jh.ko)        -> /lib/modules/jh.ko, built against KERNEL_TREE
#   build/hypervisor/jh.bin -> /lib/firmware/jh.bin
#   build/configs/*.cell   -> /configs/
#   build/inmates/*.bin    -> /inmates/
#   tests/emu/guest/*.c    -> /bin/<name> (static guest-side helpers)
#   tests/emu/guest/modules/*.c -> /lib/modules/<name>.ko (test modules)
#   $EMU_INITRAMFS_EXTRA/*  -> / (a suite's own files, e.g. a kernel to boot in a cell)
# A missing part is left out; the scenario decides what it needs.
# /lib/jh-cell.sh (tests/emu/guest/jh-cell.sh) has the cell scenarios' helpers.
# KERNEL_TREE defaults to the cached guest kernel (build-guest-kernel.sh).
set -e
. "$(dirname "$0")/lib.sh"

SCENARIO="" OUT="" KDIR=""
while [ $# -gt 0 ]; do
	case $1 in
	--scenario) SCENARIO=$2; shift 2 ;;
	--out) OUT=$2; shift 2 ;;
	--kdir) KDIR=$2; shift 2 ;;
	*) emu_die "unknown argument '$1'; usage: mk-initramfs.sh --scenario FILE --out FILE [--kdir DIR]" ;;
	esac
done
[ -n "$SCENARIO" ] && [ -n "$OUT" ] ||
	emu_die "usage: mk-initramfs.sh --scenario FILE --out FILE [--kdir DIR]"
[ -f "$SCENARIO" ] || emu_die "scenario '$SCENARIO' does not exist"
SCENARIO=$(realpath "$SCENARIO")
[ -n "$KDIR" ] || KDIR=$(emu_kernel_dir)/tree
[ -f "$KDIR/Makefile" ] || emu_die "kernel tree '$KDIR' has no Makefile (use --kdir DIR)"

OUT=$(realpath -m "$OUT")
mkdir -p "$(dirname "$OUT")"
ROOT=$OUT.d
rm -rf "$ROOT"
mkdir -p "$ROOT"
cd "$ROOT"
mkdir -p bin sbin etc proc sys dev tmp run root lib/modules lib/firmware configs inmates usr/bin
cp /bin/busybox bin/busybox
install -m 755 "$EMU_DIR/guest/init" init
install -m 644 "$EMU_DIR/guest/jh-test.sh" lib/jh-test.sh
install -m 644 "$EMU_DIR/guest/jh-cell.sh" lib/jh-cell.sh
install -m 755 "$SCENARIO" scenario.sh

# copy a dynamically linked program's libraries to the same paths
copy_libs()
{
	ldd "$1" 2>/dev/null | grep -o '/[^ ]*' | while read -r lib; do
		[ -e "$ROOT$lib" ] && continue
		mkdir -p "$ROOT$(dirname "$lib")"
		cp -L "$lib" "$ROOT$lib"
	done
}

for p in "$TOP"/build/bin/*; do
	[ -f "$p" ] && [ -x "$p" ] || continue
	cp "$p" bin/
	copy_libs "$p"
done
# libpci prints device names from pci.ids
for f in /usr/share/misc/pci.ids /usr/share/misc/pci.ids.gz; do
	[ -f "$f" ] && mkdir -p usr/share/misc && cp -L "$f" usr/share/misc/
done
[ -f "$TOP/build/hypervisor/jh.bin" ] && cp "$TOP/build/hypervisor/jh.bin" lib/firmware/
for f in "$TOP"/build/configs/*.cell; do [ -f "$f" ] && cp "$f" configs/; done
for f in "$TOP"/build/inmates/*.bin; do [ -f "$f" ] && cp "$f" inmates/; done

[ -d "$EMU_INITRAMFS_EXTRA" ] && cp -R "$EMU_INITRAMFS_EXTRA"/. .

# guest-side helper programs (static)
GUEST_BIN=$TOP/build/emu/guest-bin
make -s -C "$EMU_DIR/guest" OUT="$GUEST_BIN" >&2
for p in "$GUEST_BIN"/*; do
	[ -x "$p" ] && install -s -m 755 "$p" bin/
done

# The driver, built against the guest kernel (see driver_build in lib.sh).
# A failed build leaves /lib/modules/jh.ko.failed with the log's tail for
# the scenario to report, and a warning here.
if [ -f "$TOP/driver/Makefile" ]; then
	if driver_build "$KDIR" "$(kernel_release "$KDIR")"; then
		cp "$DRIVER_KO" lib/modules/jh.ko
		strip --strip-debug lib/modules/jh.ko
	else
		tail -n 20 "$DRIVER_LOG" > lib/modules/jh.ko.failed
		echo "mk-initramfs: warning: building driver/ against $KDIR failed;" \
			"no jh.ko in the guest (log: ${DRIVER_LOG#"$TOP"/})" >&2
	fi
fi

# Test modules (tests/emu/guest/modules/*.c -> /lib/modules/NAME.ko), built
# against the guest kernel in build/emu/guest-modules-RELEASE/ (kbuild
# writes next to its sources; cp -p keeps kbuild's rebuild decisions right)
MOD_SRC=$EMU_DIR/guest/modules
if [ -d "$MOD_SRC" ]; then
	mod_dir=$TOP/build/emu/guest-modules-$(kernel_release "$KDIR")
	mkdir -p "$mod_dir"
	if (flock 9 && cp -p "$MOD_SRC"/*.c "$MOD_SRC"/Kbuild "$mod_dir"/ &&
		make -C "$KDIR" M="$mod_dir" JH_INCLUDE="$TOP/include" modules \
			>"$mod_dir/build.log" 2>&1) 9>"$mod_dir.lock"; then
		for m in "$mod_dir"/*.ko; do
			install -m 644 "$m" lib/modules/ && strip --strip-debug "lib/modules/${m##*/}"
		done
	else
		echo "mk-initramfs: warning: building the test modules failed" \
			"(log: ${mod_dir#"$TOP"/}/build.log)" >&2
	fi
fi

# lz4 (legacy format, as the kernel wants) unpacks much faster than gzip
# in Bochs
find . | sort | cpio -o -H newc --quiet | lz4 -l -9 -q > "$OUT"
cd /
rm -rf "$ROOT"
