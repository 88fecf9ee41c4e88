#!/usr/bin/env bash
# Boots an ISO in Bochs, headless, with COM1 written to a file.
#   bochs.sh --iso ISO --serial FILE [--log FILE] [--cpu MODEL] [--megs N] [--timeout SECONDS]
#            [--until REGEX] [--tail] [--type TEXT --type-after REGEX]
# Bochs stops when the kernel powers it off (port 0x8900), when the serial output matches
# REGEX (--until), or after the timeout. --tail copies the serial output to stdout as it comes.
# --type connects COM1 to scripts/serial_peer.py instead of a plain file, which types TEXT
# (backslash escapes allowed, such as \r) once the output matches the --type-after REGEX.
# Exit status: 0 when Bochs stopped by power-off or --until, 124 on time-out.
# Facts this relies on: ../shared/notes/bochs.md.
set -u
iso= serial= log=/dev/null cpu=corei7_haswell_4770 megs=256 timeout=60 until= tail=
type_text= type_after=
while [ $# -gt 0 ]; do
	case "$1" in
	--iso) iso=$2; shift ;;
	--serial) serial=$2; shift ;;
	--log) log=$2; shift ;;
	--cpu) cpu=$2; shift ;;
	--megs) megs=$2; shift ;;
	--timeout) timeout=$2; shift ;;
	--until) until=$2; shift ;;
	--tail) tail=1 ;;
	--type) type_text=$2; shift ;;
	--type-after) type_after=$2; shift ;;
	*) echo "bochs.sh: unknown argument $1" >&2; exit 2 ;;
	esac
	shift
done
[ -n "$iso" ] && [ -n "$serial" ] || { echo "bochs.sh: --iso and --serial are required" >&2; exit 2; }

work=$(mktemp -d)
peer_pid=
trap 'rm -rf "$work"; [ -n "$peer_pid" ] && kill "$peer_pid" 2>/dev/null' EXIT
: >"$serial"
com1="com1: enabled=1, mode=file, dev=$serial"
if [ -n "$type_text" ]; then
	python3 "$(dirname "$0")/serial_peer.py" "$work/port" "$serial" "$type_after" "$type_text" \
		"$timeout" &
	peer_pid=$!
	for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
	com1="com1: enabled=1, mode=socket-client, dev=localhost:$(cat "$work/port")"
fi
printf 'c\nquit\n' >"$work/rc"
# ignore_bad_msrs=0: an MSR the model lacks raises #GP, as on hardware, instead of reading 0.
cat >"$work/bochsrc" <<CONF
megs: $megs
romimage: file=/usr/share/bochs/BIOS-bochs-latest
vgaromimage: file=/usr/share/vgabios/vgabios.bin
cpu: model=$cpu, count=1, ips=4000000, reset_on_triple_fault=0, ignore_bad_msrs=0
clock: sync=none, time0=946681200
ata0-master: type=cdrom, path=$iso, status=inserted
boot: cdrom
$com1
display_library: term
log: $log
panic: action=fatal
error: action=report
info: action=report
debug: action=ignore
speaker: enabled=0
sound: waveoutdrv=dummy, waveindrv=dummy, midioutdrv=dummy
CONF

# Bochs ignores SIGTERM; SIGINT drops it into its debugger, which reads "quit" from the rc file.
# Its term display needs a terminal type even though nobody looks at it: give it one.
TERM=dumb timeout -s INT -k 5 "$timeout" bochs -q -f "$work/bochsrc" -rc "$work/rc" \
	</dev/null >"$work/stdout" 2>&1 &
bochs_pid=$!
tail_pid=
if [ -n "$tail" ]; then
	tail -n +1 -f "$serial" &
	tail_pid=$!
fi

result=0
while kill -0 "$bochs_pid" 2>/dev/null; do
	if [ -n "$until" ] && tr -d '\r' <"$serial" | grep -Eq -- "$until"; then
		sleep 0.5
		pkill -INT -P "$bochs_pid" bochs 2>/dev/null || kill -INT "$bochs_pid" 2>/dev/null
		break
	fi
	sleep 0.2
done
wait "$bochs_pid" 2>/dev/null
rc=$?
[ "$rc" -eq 124 ] && result=124
# Bochs' own messages go to the log too, so that a failed start (no display, a bad option)
# shows up there; a run that ended neither by the kernel's power-off (Bochs then reports the
# shutdown port), nor by --until, nor by the time-out is a failure of the run itself.
cat "$work/stdout" >>"$log" 2>/dev/null
stopped_by_until=
[ -n "$until" ] && tr -d '\r' <"$serial" | grep -Eq -- "$until" && stopped_by_until=1
if [ "$result" -eq 0 ] && [ -z "$stopped_by_until" ] &&
	! grep -q "Shutdown port: shutdown requested" "$work/stdout" "$log" 2>/dev/null; then
	echo "bochs.sh: Bochs stopped before the kernel powered it off; its output:" >&2
	tail -n 5 "$work/stdout" >&2
	result=1
fi
[ -n "$tail_pid" ] && { sleep 0.3; kill "$tail_pid" 2>/dev/null; }
exit $result
