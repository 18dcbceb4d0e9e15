#!/bin/bash
# run.sh SECONDS TARGET...: runs build/fuzz/fuzz_TARGET (libFuzzer) for
# SECONDS each on its corpus build/fuzz/corpus/TARGET (kept between runs,
# it grows) plus the seeds build/fuzz/seed/TARGET, and prints one line per
# target:
#   FUZZ evidence: 812345 runs in 3 s, cov 412, ft 1203, corpus 95, crashes 0
# A crash, leak or sanitizer report stops that target, leaves the input in
# build/fuzz/crash-TARGET-*, prints the report, and makes the exit status 1.
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 2
secs=$1
shift
rc=0
for t in "$@"; do
	bin=build/fuzz/fuzz_$t
	if [ ! -x "$bin" ]; then
		echo "FUZZ $t: $bin not built"
		rc=1
		continue
	fi
	mkdir -p "build/fuzz/corpus/$t"
	log=build/fuzz/$t.log
	# -close_fd_mask=2: the target's own stderr (refjson explains every
	# rejection); libFuzzer and the sanitizers keep a copy of it.
	"$bin" -max_total_time="$secs" -print_final_stats=1 -timeout=10 \
		-rss_limit_mb=2048 -close_fd_mask=2 \
		-artifact_prefix="build/fuzz/crash-$t-" \
		"build/fuzz/corpus/$t" "build/fuzz/seed/$t" >"$log" 2>&1
	st=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	last=$(grep -aE '^#[0-9]+' "$log" | tail -1)
	cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
	ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
	corp=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$last")
	crashes=0
	[ "$st" -eq 0 ] || crashes=1
	echo "FUZZ $t: ${runs:-0} runs in $secs s, cov ${cov:-?}, ft ${ft:-?}," \
		"corpus ${corp:-?}, crashes $crashes"
	if [ "$st" -ne 0 ]; then
		tail -n 40 "$log"
		rc=1
	fi
done
exit "$rc"
