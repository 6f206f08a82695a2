#!/bin/sh
# Builds the emulator guest kernel from Debian's linux-source-6.1 and prints
# the directory that holds it (bzImage + a tree out-of-tree modules build in).
#
# The result is cached outside the checkout, keyed by the source package
# version and this script's config fragment, so a reused machine skips the
# ~7 minute build; without the cache it is simply rebuilt.
#   JH_CACHE   cache root (default /var/cache/jh, or ~/.cache/jh if unwritable)
#   JOBS       make -j (default: nproc)
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
FRAG=$HERE/guest-kernel.config
SRC_TAR=$(ls /usr/src/linux-source-6.1.tar.* 2>/dev/null | head -n 1)
if [ -z "$SRC_TAR" ]; then
	echo "build-guest-kernel: /usr/src/linux-source-6.1.tar.* missing;" \
		"run scripts/install-deps.sh" >&2
	exit 2
fi
VER=$(dpkg-query -W -f='${Version}' linux-source-6.1)
KEY=$(cat "$FRAG" "$0" | sha256sum | cut -c1-16)
CACHE=${JH_CACHE:-/var/cache/jh}
mkdir -p "$CACHE" 2>/dev/null || CACHE=$HOME/.cache/jh
OUT=$CACHE/guest-kernel-$VER-$KEY
if [ -f "$OUT/done" ]; then
	echo "$OUT"
	exit 0
fi

mkdir -p "$CACHE"
# one build at a time per cache (parallel test runs share it); the winner's
# result serves the others
exec 9>"$OUT.lock"
flock 9
if [ -f "$OUT/done" ]; then
	echo "$OUT"
	exit 0
fi
rm -rf "$OUT.tmp"
mkdir -p "$OUT.tmp"
echo "build-guest-kernel: building $VER ($KEY) in $OUT (several minutes)" >&2
tar -C "$OUT.tmp" -xf "$SRC_TAR"
TREE=$OUT.tmp/$(ls "$OUT.tmp" | head -n 1)
cd "$TREE"
make -s allnoconfig >/dev/null
./scripts/kconfig/merge_config.sh -m .config "$FRAG" >/dev/null
make -s olddefconfig >/dev/null
# a requested option that did not stick is a broken fragment, not a warning
bad=0
while IFS= read -r l; do
	case "$l" in
	CONFIG_*=n) grep -q "^${l%%=*}=" .config && { echo "not off: $l" >&2; bad=1; } ;;
	CONFIG_*=*) grep -qx "$l" .config || { echo "not set: $l" >&2; bad=1; } ;;
	esac
done < "$FRAG"
[ $bad = 0 ] || exit 1
make -s -j"${JOBS:-$(nproc)}" bzImage modules >"$OUT.tmp/build.log" 2>&1 ||
	{ tail -n 40 "$OUT.tmp/build.log" >&2; exit 1; }
cd /
rm -rf "$OUT"
mv "$OUT.tmp" "$OUT"
ln -sfn "$(basename "$TREE")" "$OUT/tree"
touch "$OUT/done"
echo "$OUT"
