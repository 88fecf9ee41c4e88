#!/usr/bin/env bash
# Installs the Debian packages vmxhv needs, for one purpose or all of them:
#   scripts/deps.sh build|run|test|debug|all
# As root it runs apt-get itself; otherwise it prints the exact apt-get line and stops.
set -eu

build_pkgs="gcc make binutils nasm grub-common grub-pc-bin grub-efi-amd64-bin xorriso mtools"
run_pkgs="qemu-system-x86 bochs bochs-term bochsbios vgabios"
test_pkgs="libcmocka-dev ovmf python3 $run_pkgs"
debug_pkgs="gdb qemu-system-x86"

case "${1:-all}" in
build) wanted=$build_pkgs ;;
run) wanted="$build_pkgs $run_pkgs" ;;
test) wanted="$build_pkgs $test_pkgs" ;;
debug) wanted="$build_pkgs $debug_pkgs" ;;
all) wanted="$build_pkgs $test_pkgs $debug_pkgs" ;;
*) echo "usage: $0 build|run|test|debug|all" >&2; exit 2 ;;
esac

missing=()
for pkg in $wanted; do
	status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
	[ "$status" = "install ok installed" ] || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

# Unique, in order.
missing=($(printf '%s\n' "${missing[@]}" | awk '!seen[$0]++'))
line="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
	echo "vmxhv needs these Debian packages: ${missing[*]}" >&2
	echo "install them as root with:" >&2
	echo "  sudo apt-get update && sudo $line" >&2
	exit 1
fi
echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
$line
