#!/bin/bash
# run.sh RESULTS NAME...: runs build/host/test_NAME for each NAME (cmocka
# binaries built by tests/host/build.mk), prints "PASS name (N cases)" or
# "FAIL name" with the test's output, writes "PASSED FAILED" (counted in
# cmocka test cases; a binary that is missing, crashes or times out counts
# as one failed case at least) to RESULTS, and closes with
# "N passed, N failed". BUILD_FAILED=1 in the environment counts one
# more failure: `make host-tests` failed, so a binary that ran may be stale.
set -uo pipefail

cd "$(dirname "$0")/../.." || exit 2
results=$1
shift
passed=0 failed=0
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=0:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# count LABEL TEXT: the N of cmocka's "[  LABEL  ] N test(s)" line.
count() {
	sed -n "s/^\[ *$1 *\] \([0-9][0-9]*\) test.*/\1/p" <<<"$2" | tail -1
}

for name in "$@"; do
	bin=build/host/test_$name
	if [ ! -x "$bin" ]; then
		echo "FAIL $name: $bin not built (see the compiler output above)"
		failed=$((failed + 1))
		continue
	fi
	out=$(timeout 300 "$bin" 2>&1)
	rc=$?
	p=$(count PASSED "$out")
	f=$(count FAILED "$out")
	p=${p:-0} f=${f:-0}
	if [ "$rc" -eq 0 ] && [ "$f" -eq 0 ] && [ "$p" -gt 0 ]; then
		echo "PASS $name ($p cases)"
	else
		[ "$f" -gt 0 ] || f=1
		echo "FAIL $name: exit status $rc, $f case(s) failed"
		sed 's/^/    /' <<<"$out" | tail -n 60
	fi
	passed=$((passed + p))
	failed=$((failed + f))
done
if [ "${BUILD_FAILED:-0}" = 1 ]; then
	echo "FAIL build: make host-tests failed (see above): a test that ran may be stale"
	failed=$((failed + 1))
fi
if [ $# -eq 0 ]; then
	echo "FAIL no host test declared (HOST_TESTS is empty)"
	failed=$((failed + 1))
fi
mkdir -p "$(dirname "$results")"
echo "$passed $failed" >"$results"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
