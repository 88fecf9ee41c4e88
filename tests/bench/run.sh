#!/usr/bin/env bash
# `make bench`: the exit-cost benchmark. Boots the bench guest in Bochs, where with
# `clock: sync=none` the TSC advances one tick per instruction, so every figure is an exact,
# repeatable instruction count. Prints ticks per round trip (guest instruction -> VM exit ->
# handler -> VM entry) for CPUID, a UART scratch-register read, an emulated RDMSR and a THR
# write, and the ticks from GRUB's hand-off to the guest's first instruction.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
out=$top/build/bench
cpu=${BENCH_CPU:-corei7_haswell_4770}
mkdir -p "$out"
"$top/scripts/mkiso.sh" --bios-only --kernel "$top/build/vmxhv.elf" \
	--guest "$top/build/guest/bench.elf" --cmdline "poweroff" --out "$out/bench.iso"
"$top/scripts/bochs.sh" --iso "$out/bench.iso" --serial "$out/serial.txt" --log "$out/bochs.log" \
	--cpu "$cpu" --timeout 120 || { echo "bench: Bochs did not finish; see $out/" >&2; exit 1; }
serial=$(tr -d '\r' <"$out/serial.txt")

handoff=$(sed -n 's/^vmxhv: launching the guest (GRUB handed over at TSC \([0-9]*\)).*/\1/p' <<<"$serial")
first=$(sed -n 's/^guest: bench: first instruction at tsc \([0-9]*\)$/\1/p' <<<"$serial")
ops=$(grep '^guest: bench: .* ticks/round trip' <<<"$serial" || true)
if [ -z "$handoff" ] || [ -z "$first" ] || [ -z "$ops" ]; then
	echo "bench: the run did not print its figures; serial output:" >&2
	tail -n 40 <<<"$serial" >&2
	exit 1
fi

echo "bench: Bochs $cpu, clock sync=none: 1 tick = 1 instruction"
echo "bench: round trip per exit (net of the measuring loop; min and median of 64):"
sed -E 's/^guest: bench: (.*) min ([0-9]+) median ([0-9]+) ticks.*/  \1: \2 ticks (median \3)/' <<<"$ops"
echo "bench: GRUB hand-off (TSC $handoff) to the guest's first instruction (TSC $first): $((first - handoff)) ticks"
