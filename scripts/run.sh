#!/usr/bin/env bash
# `make run`: boots the ISO on the best engine this machine has, and says which and why.
# KVM with nested VT-x (via run-qemu.sh) when there is one, else Bochs, which emulates VT-x in
# software; QEMU TCG has no VMX, so it is the last resort.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
iso=${1:-$here/build/vmxhv.iso}
if grep -qw vmx /proc/cpuinfo && [ -w /dev/kvm ] &&
	grep -qE '^(Y|y|1)$' /sys/module/kvm_intel/parameters/nested 2>/dev/null; then
	echo "run: using QEMU with KVM: this host has Intel VT-x and nested KVM"
	exec "$here/run-qemu.sh" "$iso"
fi
"$here/scripts/deps.sh" run
echo "run: using Bochs: no KVM with nested VT-x here ($(grep -qw svm /proc/cpuinfo && echo 'AMD host' || echo 'no usable VT-x')), and Bochs emulates VT-x with EPT"
echo "run: serial console below; Bochs stops when vmxhv prints its 'stopping:' line (or after 120 s)"
mkdir -p "$here/build/run"
exec "$here/scripts/bochs.sh" --iso "$iso" --serial "$here/build/run/serial.txt" \
	--log "$here/build/run/bochs.log" --timeout "${RUN_TIMEOUT:-120}" --tail \
	--until '^vmxhv: (error: )?stopping:'
