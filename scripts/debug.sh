#!/usr/bin/env bash
# `make debug`: QEMU stopped at the first instruction with a GDB stub on localhost:1234, and
# GDB attached with the kernel's symbols and a hardware breakpoint on kmain. The serial console
# goes to build/debug/serial.txt. Uses KVM with nested VT-x when available, else TCG.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
elf=${1:-$here/build/vmxhv.elf}
iso=${2:-$here/build/vmxhv.iso}
"$here/scripts/deps.sh" debug
mkdir -p "$here/build/debug"
accel=(-cpu max)
if grep -qw vmx /proc/cpuinfo && [ -w /dev/kvm ]; then accel=(-enable-kvm -cpu host,+vmx); fi
qemu-system-x86_64 -cdrom "$iso" -m 512M -no-reboot -display none "${accel[@]}" \
	-serial "file:$here/build/debug/serial.txt" -s -S &
qemu=$!
trap 'kill $qemu 2>/dev/null || true' EXIT
echo "debug: QEMU is waiting for GDB on localhost:1234; serial output in build/debug/serial.txt"
gdb -q "$elf" -ex "target remote localhost:1234" -ex "hbreak kmain" -ex "continue"
