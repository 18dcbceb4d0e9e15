#!/bin/bash
# test-summary.sh DIR SUITE...: adds up the "PASSED FAILED" files
# DIR/SUITE written by the test suites and prints the one closing line
# "N passed, N failed"; a suite that left no result (it could not even
# start) counts as one failure. Exits 1 if anything failed.
set -euo pipefail
dir=$1
shift
passed=0 failed=0
for s in "$@"; do
	if [ -r "$dir/$s" ] && read -r p f <"$dir/$s"; then
		passed=$((passed + p))
		failed=$((failed + f))
	else
		echo "FAIL $s: the suite produced no result"
		failed=$((failed + 1))
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
