#!/usr/bin/env bash
# Runs each host unit-test binary (cmocka) and prints one summary line over all of them.
# Usage: tests/run-unit.sh BINARY...
set -u
passed=0 failed=0 broken=()
for t in "$@"; do
	out=$("$t" 2>&1); rc=$?
	printf '%s\n' "$out"
	p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test(s)\./\1/p' | tail -n1)
	f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test(s), listed below:/\1/p' | tail -n1)
	passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
	if [ "$rc" -ne 0 ] && [ -z "$f" ]; then failed=$((failed + 1)); broken+=("$t"); fi
	[ "$rc" -ne 0 ] && broken+=("$t")
done
echo "unit: $passed passed, $failed failed"
if [ ${#broken[@]} -gt 0 ]; then
	echo "unit: failing binaries: $(printf '%s\n' "${broken[@]}" | sort -u | tr '\n' ' ')"
	exit 1
fi
