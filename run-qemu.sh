#!/usr/bin/env bash
# Boots the vmxhv ISO in QEMU, with the serial console on this terminal (Ctrl-A X quits).
#   ./run-qemu.sh [ISO] [-- extra QEMU arguments]
# With a KVM that can nest VT-x (an Intel host CPU with VMX, a usable /dev/kvm, kvm_intel's
# nested=Y) it runs `-enable-kvm -cpu host,+vmx` and the guest really runs. Otherwise it says
# why and runs plain QEMU (TCG), which has no VMX: the kernel then reports that and stops.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
iso=$here/build/vmxhv.iso
if [ $# -gt 0 ] && [ "$1" != "--" ]; then iso=$1; shift; fi
[ "${1:-}" = "--" ] && shift
[ -f "$iso" ] || { echo "run-qemu.sh: $iso not found; run 'make' first" >&2; exit 1; }
command -v qemu-system-x86_64 >/dev/null || "$here/scripts/deps.sh" run

# Prints why KVM with nested VT-x cannot be used here, or nothing when it can.
kvm_vmx_unavailable_reason() {
	if ! grep -qw vmx /proc/cpuinfo; then
		if grep -qw svm /proc/cpuinfo; then
			echo "the host CPU is AMD (SVM), not Intel VT-x"
		else
			echo "the host CPU does not show the vmx flag (no VT-x, or it is disabled in the firmware)"
		fi
		return
	fi
	if [ ! -e /dev/kvm ]; then echo "/dev/kvm does not exist (kvm_intel not loaded)"; return; fi
	if [ ! -r /dev/kvm ] || [ ! -w /dev/kvm ]; then echo "/dev/kvm is not readable and writable by $(id -un)"; return; fi
	local nested=/sys/module/kvm_intel/parameters/nested
	if [ ! -r "$nested" ]; then echo "kvm_intel is not loaded"; return; fi
	case "$(cat "$nested")" in
	Y | y | 1) ;;
	*) echo "kvm_intel has nested virtualization off (modprobe kvm_intel nested=1)" ;;
	esac
}

common=(-cdrom "$iso" -m 512M -no-reboot -display none -serial mon:stdio
	-device isa-debug-exit,iobase=0xf4,iosize=0x04)
reason=$(kvm_vmx_unavailable_reason)
if [ -z "$reason" ]; then
	echo "run-qemu.sh: KVM with nested VT-x available: -enable-kvm -cpu host,+vmx" >&2
	accel=(-enable-kvm -cpu host,+vmx)
else
	echo "run-qemu.sh: not using KVM: $reason." >&2
	echo "run-qemu.sh: falling back to QEMU TCG, which has no VMX: vmxhv will report that and stop." >&2
	echo "run-qemu.sh: (Bochs emulates VT-x: 'make run' uses it on machines like this one.)" >&2
	accel=(-cpu max)
fi
status=0
qemu-system-x86_64 "${common[@]}" "${accel[@]}" "$@" || status=$?
# isa-debug-exit makes QEMU exit with (value << 1) | 1: 1 means the kernel stopped with success.
[ "$status" -eq 1 ] && status=0
exit "$status"
