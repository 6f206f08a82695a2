#!/bin/sh
# run-qemu.sh --scenario FILE [--cpus N] [--cmdline EXTRA] [--timeout S]
#             [--name NAME] [--expect REGEX]... [--stop-on REGEX]
# run-qemu.sh --multiboot IMAGE [--args "ARGS"] [--cpus N] [same options]
# Boots the guest kernel + an initramfs running FILE as /scenario.sh (or a
# multiboot image) in QEMU TCG: q35 with an Intel IOMMU (DMAR, interrupt
# remapping, MCFG) but no VMX, 1024 MiB, direct -kernel/-initrd boot.
# Prints the run as TAP (see tests/emu/README.md); exit 0 if all passed.
# EMU_QEMU_IOMMU replaces the IOMMU device, EMU_QEMU_DEVICES adds devices.
# Logs: build/e2e/NAME/ (serial.log = COM1, serial2.log = COM2, e9.log =
# port 0xe9, emulator.log = QEMU's own messages).
. "$(dirname "$0")/lib.sh"

emu_args qemu "$@"
command -v qemu-system-x86_64 >/dev/null ||
	emu_die "qemu-system-x86_64 missing: run scripts/install-deps.sh"
if [ -n "$MBOOT" ]; then
	set -- -kernel "$MBOOT" -append "$ARGS"
else
	emu_initramfs
	set -- -kernel "$KERNEL" -initrd "$DIR/initramfs.lz4" -append "$(cat "$DIR/cmdline")"
fi
cd "$DIR" || exit 2
qemu-system-x86_64 -M q35 -accel tcg -cpu max -smp "$CPUS" -m 1024 \
	-device "${EMU_QEMU_IOMMU:-intel-iommu,intremap=on}" $EMU_QEMU_DEVICES -display none -monitor none -nodefaults \
	-no-reboot -serial file:serial.log -serial file:serial2.log \
	-chardev file,id=e9,path=e9.log -device isa-debugcon,iobase=0xe9,chardev=e9 \
	"$@" </dev/null >emulator.log 2>&1 8>&- &
[ -n "$MBOOT" ] && EMU_GRACE=1
emu_watch $! "$TIMEOUT" "$DIR"
emu_judge "$NAME" "$DIR"
