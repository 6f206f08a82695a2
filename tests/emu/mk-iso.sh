#!/bin/sh
# mk-iso.sh --out ISO --kernel BZIMAGE --initrd INITRAMFS --cmdline "ARGS"
# mk-iso.sh --out ISO --multiboot IMAGE [--args "ARGS"]
# Makes an El Torito ISO that boots with ISOLINUX, without menu or delay
# (Bochs cannot boot a bzImage directly). The first form boots Linux; the
# second loads a flat multiboot (v1) image with mboot.c32 and passes ARGS
# as its command line.
set -e
. "$(dirname "$0")/lib.sh"

OUT="" KERNEL="" INITRD="" CMDLINE="" MBOOT="" ARGS=""
while [ $# -gt 0 ]; do
	case $1 in
	--out) OUT=$2; shift 2 ;;
	--kernel) KERNEL=$2; shift 2 ;;
	--initrd) INITRD=$2; shift 2 ;;
	--cmdline) CMDLINE=$2; shift 2 ;;
	--multiboot) MBOOT=$2; shift 2 ;;
	--args) ARGS=$2; shift 2 ;;
	*) emu_die "unknown argument '$1' (see the usage at the top of $0)" ;;
	esac
done
[ -n "$OUT" ] || emu_die "--out ISO is required"
SYSLINUX=/usr/lib/syslinux/modules/bios
[ -f /usr/lib/ISOLINUX/isolinux.bin ] ||
	emu_die "/usr/lib/ISOLINUX/isolinux.bin missing: run scripts/install-deps.sh"

OUT=$(realpath -m "$OUT")
T=$OUT.d
rm -rf "$T"
mkdir -p "$T/isolinux"
cp /usr/lib/ISOLINUX/isolinux.bin "$SYSLINUX/ldlinux.c32" "$T/isolinux/"
{
	echo "SERIAL 0 115200"
	echo "DEFAULT boot"
	echo "PROMPT 0"
	echo "TIMEOUT 0"
	echo "LABEL boot"
} > "$T/isolinux/isolinux.cfg"
if [ -n "$MBOOT" ]; then
	[ -f "$MBOOT" ] || emu_die "multiboot image '$MBOOT' does not exist"
	cp "$SYSLINUX/mboot.c32" "$SYSLINUX/libcom32.c32" "$T/isolinux/"
	cp "$MBOOT" "$T/isolinux/image.bin"
	printf '  KERNEL mboot.c32\n  APPEND image.bin %s\n' "$ARGS" >> "$T/isolinux/isolinux.cfg"
else
	[ -f "$KERNEL" ] || emu_die "kernel '$KERNEL' does not exist (--kernel)"
	[ -f "$INITRD" ] || emu_die "initramfs '$INITRD' does not exist (--initrd)"
	cp "$KERNEL" "$T/isolinux/vmlinuz"
	cp "$INITRD" "$T/isolinux/initrd"
	# ISOLINUX passes '$' through as is (memmap=32M$0x3d000000)
	printf '  KERNEL vmlinuz\n  INITRD initrd\n  APPEND %s\n' "$CMDLINE" >> "$T/isolinux/isolinux.cfg"
fi
xorriso -as mkisofs -quiet -o "$OUT" -b isolinux/isolinux.bin -c isolinux/boot.cat \
	-no-emul-boot -boot-load-size 4 -boot-info-table -R -J "$T" 2>"$OUT.log" || {
	cat "$OUT.log" >&2
	emu_die "xorriso failed"
}
rm -rf "$T" "$OUT.log"
