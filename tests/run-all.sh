#!/usr/bin/env bash
# Everything `make test` runs: the host unit tests, then the boot tests; one summary at the end.
# Usage: tests/run-all.sh UNIT_TEST_BINARY...
set -u
here=$(cd "$(dirname "$0")" && pwd)
unit_out=$("$here/run-unit.sh" "$@" 2>&1 | tee /dev/stderr | tail -n 2)
boot_out=$("$here/boot/run.sh" 2>&1 | tee /dev/stderr | tail -n 1)
count() { sed -n "s/.*: \([0-9]*\) passed, \([0-9]*\) failed.*/\\$2/p" <<<"$1" | head -n1; }
up=$(count "$unit_out" 1) uf=$(count "$unit_out" 2) bp=$(count "$boot_out" 1) bf=$(count "$boot_out" 2)
passed=$(( ${up:-0} + ${bp:-0} )) failed=$(( ${uf:-1} + ${bf:-1} ))
echo
echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
