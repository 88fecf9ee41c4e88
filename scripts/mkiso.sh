#!/usr/bin/env bash
# Makes a bootable vmxhv ISO with grub-mkrescue.
#   mkiso.sh --kernel ELF --out ISO [--guest ELF] [--config GRUB.CFG]
#            [--cmdline "OPTIONS" [--guest-args "ARGS"]] [--bios-only]
# With --config, that grub.cfg is used as it is. With --cmdline, the grub.cfg has the serial
# set-up of iso/grub.cfg and one entry booting the kernel with OPTIONS and the guest with ARGS
# (the tests make their ISOs this way). --bios-only leaves out UEFI (smaller, faster to make).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
kernel= out= guest= config= cmdline= guest_args= bios_only= have_cmdline=
while [ $# -gt 0 ]; do
	case "$1" in
	--kernel) kernel=$2; shift ;;
	--out) out=$2; shift ;;
	--guest) guest=$2; shift ;;
	--config) config=$2; shift ;;
	--cmdline) cmdline=$2; have_cmdline=1; shift ;;
	--guest-args) guest_args=$2; shift ;;
	--bios-only) bios_only=1 ;;
	*) echo "mkiso.sh: unknown argument $1" >&2; exit 2 ;;
	esac
	shift
done
[ -n "$kernel" ] && [ -n "$out" ] || { echo "mkiso.sh: --kernel and --out are required" >&2; exit 2; }

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/boot/grub"
cp "$kernel" "$stage/boot/vmxhv.elf"
[ -n "$guest" ] && cp "$guest" "$stage/boot/guest.elf"

if [ -n "$config" ]; then
	cp "$config" "$stage/boot/grub/grub.cfg"
elif [ -n "$have_cmdline" ]; then
	{
		sed -n '/^menuentry/q;p' "$here/iso/grub.cfg"
		echo 'menuentry "vmxhv" {'
		echo "	multiboot2 /boot/vmxhv.elf $cmdline"
		[ -n "$guest" ] && echo "	module2 /boot/guest.elf $guest_args"
		echo '}'
	} >"$stage/boot/grub/grub.cfg"
else
	echo "mkiso.sh: give --config or --cmdline" >&2
	exit 2
fi

platforms=(-d /usr/lib/grub/i386-pc)
if [ -z "$bios_only" ] && [ -d /usr/lib/grub/x86_64-efi ] && command -v mformat >/dev/null; then
	platforms=() # grub-mkrescue then builds every platform installed: BIOS and UEFI
fi
mkdir -p "$(dirname "$out")"
if ! log=$(grub-mkrescue "${platforms[@]}" -o "$out.tmp" "$stage" 2>&1); then
	printf '%s\n' "$log" >&2
	exit 1
fi
mv "$out.tmp" "$out"
