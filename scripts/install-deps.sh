#!/bin/sh
# Installs every Debian 12 package jh needs to build and test everything:
# user-space tools, the driver (kbuild), the guest kernel and both emulators.
# The one package list, used by README's set-up commands and by .ci/run.
set -e
export DEBIAN_FRONTEND=noninteractive

PKGS="build-essential pkg-config git clang lld llvm libclang-rt-14-dev"
# user-space libraries of the field and their test tools
PKGS="$PKGS libpci-dev pciutils libudev-dev libjson-c-dev libcmocka-dev acpica-tools zlib1g-dev"
# unit-discover-offline: what offline runs open (skipped without it)
PKGS="$PKGS strace"
# unit-cli, e2e-cells: the --json outputs against docs/json.md
PKGS="$PKGS jq"
# driver build against Debian's distribution kernel headers, and as DKMS
# module (unit-driver-dkms)
PKGS="$PKGS linux-headers-amd64 kmod dkms"
# unit-install: man pages rendered with warnings on
PKGS="$PKGS man-db groff-base"
# unit-deb: make deb (debian/) and lintian
PKGS="$PKGS debhelper dh-dkms lintian"
# guest kernel built from Debian's source package
PKGS="$PKGS linux-source-6.1 bc flex bison libelf-dev libssl-dev lz4 xz-utils cpio"
# emulators and boot media
PKGS="$PKGS bochs bochs-term bochsbios vgabios qemu-system-x86 isolinux syslinux-common"
PKGS="$PKGS xorriso busybox-static util-linux"

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $missing
