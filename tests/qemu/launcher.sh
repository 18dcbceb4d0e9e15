#!/bin/bash
# launcher.sh [--results FILE] [GLOB...]: the launcher cases of
# tests/qemu/launcher.table (all, or those whose name matches a GLOB): each
# bad input ends within 15 s with its one line and exit status and writes
# nothing; each real run (a whole Linux boot, measured and attested) ends
# within 30 s with its status and leaves build/run where the table says. Prints PASS/FAIL with the reason and the time, then
# "N passed, N failed". Output of case NAME: build/test-logs/launcher-NAME.*
set -uo pipefail

# make as a user runs it: not as a child of `make test` (its jobserver)
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES
REPO=$(cd "$(dirname "$0")/../.." && pwd)
cd "$REPO" || exit 2
LOGS=build/test-logs
BOUND=15      # seconds: a refusal
BOUND_RUN=30  # a run that boots (after: keeps or links)
RESULTS=
if [ "${1:-}" = --results ]; then
	RESULTS=$2
	shift 2
fi
GLOBS=("$@")

# fixtures: files that are each wrong in one way, and guest scripts
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fixtures() {
	cp /usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.elf "$T/fw.elf"
	printf 'console=ttyS0\nnot a binary\n' >"$T/text"
	head -c 8192 /dev/urandom | tr '\037' '\036' >"$T/garbage"
	head -c 2097152 /dev/urandom | tr '\037' '\036' >"$T/garbage-2m"
	gzip -c build/Image >"$T/Image.gz"
	gzip -c "$T/text" >"$T/notcpio.gz"
	# a valid archive without /init: the kernel panics
	(cd "$T" && echo text | cpio -o -H newc --quiet | gzip >noinit.cpio.gz)
	echo 'echo script-ran' >"$T/poweroff.sh"
	echo 'sleep 600' >"$T/sleep.sh"
	echo 'reboot' >"$T/reboot.sh"
	# shellcheck disable=SC2016 # for the guest's shell
	echo 'echo "CMDLINE-IS: $(cat /proc/cmdline)"' >"$T/cmdline.sh"
}

trim() { local s=$1; s=${s#"${s%%[![:space:]]*}"}; printf '%s' "${s%"${s##*[![:space:]]}"}"; }
link() { readlink build/run 2>/dev/null || echo none; }
nruns() { find build/runs -mindepth 1 -maxdepth 1 2>/dev/null | wc -l; }
newest() { find build/runs -mindepth 1 -maxdepth 1 -printf '%T@ %f\n' 2>/dev/null | sort -n | tail -n 1 | cut -d' ' -f2; }

# check_after WHAT: prints why the state after the case is wrong, if it is.
check_after() {
	local what=${1%% *} text='' run
	[[ $1 == *" console="* ]] && text=${1#* console=}
	case $what in
	-) return ;;
	none)
		[ "$(nruns)" = "$runs0" ] || { echo "a new build/runs/ entry was written"; return; }
		[ "$(link)" = "$link0" ] || echo "build/run changed: $link0 -> $(link)"
		return ;;
	esac
	run=$(newest)
	[ "$(nruns)" -gt "$runs0" ] || { echo "no new build/runs/ entry"; return; }
	[ -s "build/runs/$run/console.log" ] && [ -s "build/runs/$run/rc" ] ||
		{ echo "build/runs/$run has no console.log or rc"; return; }
	if [ "$what" = keeps ]; then
		[ "$(link)" = "$link0" ] || echo "a failed run moved build/run: $link0 -> $(link)"
	else
		[ "$(link)" = "runs/$run" ] || { echo "build/run is $(link), not runs/$run"; return; }
		[ -s build/run/evidence.bin ] || { echo "build/run has no evidence.bin"; return; }
	fi
	[ -z "$text" ] || tr -d '\r' <"build/runs/$run/console.log" | grep -qF -- "$text" ||
		echo "console.log lacks: $text"
}

# run_case NAME EXIT AFTER TEXT CMD
run_case() {
	local name=$1 want=$2 after=$3 text=$4 cmd=$5 out=$LOGS/launcher-$1 rc s why='' lines
	local bound=$BOUND
	case ${after%% *} in keeps | links) bound=$BOUND_RUN ;; esac
	runs0=$(nruns) link0=$(link)
	s=$EPOCHREALTIME
	# make as a user runs it, but quiet about directories; stdin closed
	(export T; eval "$cmd") </dev/null >"$out.out" 2>"$out.err"
	rc=$?
	secs=$(awk -v s="$s" -v e="$EPOCHREALTIME" 'BEGIN { printf "%.1f", e - s }')
	lines=$(grep -cvE '^make(\[[0-9]+\])?: \*\*\* ' "$out.err")
	if [ "$rc" != "$want" ]; then
		why="exit status $rc, expected $want: $(tail -n 2 "$out.err" | tr '\n' ' ')"
	elif awk -v t="$secs" -v b="$bound" 'BEGIN { exit !(t > b) }'; then
		why="took $secs s, more than $bound s"
	elif [ "$text" != - ] && ! grep -qF -- "${text//\$T/$T}" "$out.err"; then
		why="stderr lacks '$text': $(tail -n 2 "$out.err" | tr '\n' ' ')"
	elif [ "$want" != 0 ] && [ "${after%% *}" = none ] && [ "$lines" != 1 ]; then
		why="$lines lines on stderr, expected one: $(tr '\n' ' ' <"$out.err")"
	else
		why=$(check_after "$after")
	fi
	if [ -n "$why" ]; then
		printf 'FAIL launcher-%s: %s\n' "$name" "$why"
		failed=$((failed + 1))
	else
		printf 'PASS launcher-%s (%s s, exit %s)\n' "$name" "$secs" "$rc"
		passed=$((passed + 1))
	fi
}

selected() {
	local g
	[ "${#GLOBS[@]}" -eq 0 ] && return 0
	for g in "${GLOBS[@]}"; do
		# shellcheck disable=SC2053
		[[ launcher-$1 == $g || $1 == $g ]] && return 0
	done
	return 1
}

main() {
	local line name want after text cmd
	passed=0 failed=0
	mkdir -p "$LOGS"
	fixtures
	while IFS= read -r line; do
		[[ $line =~ ^[[:space:]]*(#|$) ]] && continue
		IFS='|' read -r name want after text cmd <<<"$line"
		name=$(trim "$name") want=$(trim "$want") after=$(trim "$after")
		text=$(trim "$text")
		cmd=${line#*|*|*|*|}
		selected "$name" || continue
		run_case "$name" "$want" "$after" "$text" "$cmd"
	done <tests/qemu/launcher.table
	if [ -n "$RESULTS" ]; then
		mkdir -p "$(dirname "$RESULTS")"
		echo "$passed $failed" >"$RESULTS"
	fi
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}

main
