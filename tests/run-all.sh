#!/usr/bin/env bash
# Everything `make test` runs: the host unit tests, then the boot tests; one summary at the end.
# Usage: tests/run-all.sh UNIT_TEST_BINARY...
set -u
here=$(cd "$(dirname "$0")" && pwd)
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
"$here/run-unit.sh" "$@" 2>&1 | tee "$logs/unit"
"$here/boot/run.sh" 2>&1 | tee "$logs/boot"
# "unit: N passed, M failed" and "boot: N passed, M failed"; a missing line counts as a failure.
count() { sed -n "s/^$1: \([0-9]*\) passed, \([0-9]*\) failed.*/\\$2/p" "$logs/$1" | tail -n1; }
up=$(count unit 1) uf=$(count unit 2) bp=$(count boot 1) bf=$(count boot 2)
passed=$((${up:-0} + ${bp:-0})) failed=$((${uf:-1} + ${bf:-1}))
echo
echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
