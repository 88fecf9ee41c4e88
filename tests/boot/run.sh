#!/usr/bin/env bash
# Boot tests: each case in tests/boot/cases/ boots a real vmxhv ISO (the built kernel, a guest
# from build/guest/ and a command line) in QEMU TCG or Bochs and asserts on the serial output.
#   tests/boot/run.sh [CASE...]     (default: every case; JOBS=n boots in parallel, default 2)
# A case file sets: engine (bochs|qemu), cpu, cmdline, guest, guest_args, timeout, megs,
# firmware (bios, or uefi: QEMU with OVMF and the hybrid ISO), type and type_after (Bochs: type
# that text on COM1 once the output matches that regex), and
# calls `expect REGEX` (a line must match), `once REGEX` (exactly one line matches) and
# `reject REGEX` (no line may match); regexes are
# extended, matched against the serial lines with \r removed. A case whose kernel halts instead
# of powering off sets `until REGEX`: the engine is stopped once a line matches it. A case may
# boot a file of its own as the guest module: `guest_file=PATH` (relative to the top folder).
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out=$top/build/test/boot
mkdir -p "$out"

run_case() {
	local name=$1
	local engine=bochs cpu= cmdline=poweroff guest=hello guest_file= guest_args= timeout=60 megs=256
	local firmware=bios type= type_after=
	local until= expects=() rejects=() onces=()
	expect() { expects+=("$1"); }
	once() { onces+=("$1"); }
	reject() { rejects+=("$1"); }
	# shellcheck source=/dev/null
	. "$here/cases/$name.sh"

	local iso=$out/$name.iso serial=$out/$name.serial log=$out/$name.log result=$out/$name.result
	local guest_opt=()
	[ -n "$guest" ] && guest_opt=(--guest "$top/build/guest/$guest.elf")
	[ -n "$guest_file" ] && guest_opt=(--guest "$top/$guest_file")
	local platform_opt=(--bios-only) firmware_opt=()
	if [ "$firmware" = uefi ]; then
		platform_opt=()
		cp /usr/share/OVMF/OVMF_VARS_4M.fd "$out/$name.vars"
		firmware_opt=(-machine q35
			-drive if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd
			-drive "if=pflash,format=raw,file=$out/$name.vars")
	fi
	if ! "$top/scripts/mkiso.sh" "${platform_opt[@]}" --kernel "$top/build/vmxhv.elf" "${guest_opt[@]}" \
		--cmdline "$cmdline" --guest-args "$guest_args" --out "$iso" 2>"$log"; then
		echo "FAIL $name: could not make the ISO" >"$result"
		return
	fi
	local start=$SECONDS rc=0
	case "$engine" in
	bochs)
		"$top/scripts/bochs.sh" --iso "$iso" --serial "$serial" --log "$log" \
			--cpu "${cpu:-corei7_haswell_4770}" --megs "$megs" --timeout "$timeout" \
			${until:+--until "$until"} ${type:+--type "$type" --type-after "$type_after"} \
			|| rc=$?
		;;
	qemu)
		: >"$serial"
		timeout -k 5 "$timeout" qemu-system-x86_64 "${firmware_opt[@]}" -cdrom "$iso" -m "${megs}M" \
			-cpu "${cpu:-max}" -display none -no-reboot -serial "file:$serial" \
			-device isa-debug-exit,iobase=0xf4,iosize=0x04 >"$log" 2>&1 &
		local qemu_pid=$!
		while kill -0 "$qemu_pid" 2>/dev/null; do
			if [ -n "$until" ] && tr -d '\r' <"$serial" | grep -Eq -- "$until"; then
				kill "$qemu_pid" 2>/dev/null
				break
			fi
			sleep 0.2
		done
		wait "$qemu_pid" 2>/dev/null
		rc=$?
		[ "$rc" -eq 124 ] || rc=0 # QEMU's exit status is the guest's debug-exit value
		;;
	esac
	local text failures=()
	text=$(tr -d '\r' <"$serial" 2>/dev/null)
	[ "$rc" -eq 124 ] && failures+=("timed out after ${timeout}s")
	[ "$rc" -ne 0 ] && [ "$rc" -ne 124 ] && failures+=("the $engine run failed (status $rc): see $log")
	# grep's status 2 is a broken regex in the case: a failure, never a silent "no match".
	for re in "${expects[@]}" "${onces[@]}" "${rejects[@]}"; do
		grep -Eq -- "$re" </dev/null; [ $? -eq 2 ] && failures+=("bad regex: $re")
	done
	for re in "${expects[@]}"; do
		grep -Eq -- "$re" <<<"$text" || failures+=("missing: $re")
	done
	for re in "${onces[@]}"; do
		local n
		n=$(grep -Ec -- "$re" <<<"$text")
		[ "$n" -eq 1 ] || failures+=("expected once, found $n times: $re")
	done
	for re in "${rejects[@]}"; do
		grep -Eq -- "$re" <<<"$text" && failures+=("unexpected: $(grep -E -m1 -- "$re" <<<"$text")")
	done
	if [ ${#failures[@]} -eq 0 ]; then
		echo "PASS $name ($engine, $((SECONDS - start))s)" >"$result"
	else
		{
			echo "FAIL $name ($engine, $((SECONDS - start))s)"
			printf '  %s\n' "${failures[@]}"
			echo "  --- serial output of $name ---"
			sed 's/^/  | /' <<<"$text" | grep -v '^  | .\[' | tail -n 80
			if [ "$engine" = bochs ]; then
				echo "  --- Bochs log (VMFAIL, errors), $log ---"
				grep -E 'VMFAIL|VMEXIT|PANIC|ERROR|panic|rror' "$log" | tail -n 20 | sed 's/^/  # /'
			fi
		} >"$result"
	fi
}

if [ "${1:-}" = "--one" ]; then
	run_case "$2"
	exit 0
fi

cases=("$@")
if [ ${#cases[@]} -eq 0 ]; then
	for f in "$here"/cases/*.sh; do cases+=("$(basename "$f" .sh)"); done
fi
rm -f "$out"/*.result
printf '%s\n' "${cases[@]}" | xargs -P "${JOBS:-2}" -I{} "$0" --one {}
passed=0 failed=0
for c in "${cases[@]}"; do
	if [ -f "$out/$c.result" ]; then cat "$out/$c.result"; else echo "FAIL $c: no result"; fi
	if grep -q '^PASS' "$out/$c.result" 2>/dev/null; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo "boot: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
