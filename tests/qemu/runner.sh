#!/bin/bash
# runner.sh [--results FILE] [GLOB...]: run the QEMU integration cases
# tests/qemu/cases/*.case (all, or those whose name matches a GLOB), one
# after the other, through scripts/qemu.sh. Each case's console goes to
# build/test-logs/<name>.log. Prints PASS/FAIL per case, the reason and the
# log's tail on failure, and closes with "N passed, N failed".
# BUILD_FAILED=1 in the environment counts one extra failure (`make` failed).
# CASES_DIR=DIR runs DIR/*.case instead (scripts/matrix.sh generates its
# cases into build/matrix/).
#
# Case file: one "key value" per line; "#" starts a comment at the start of
# a line or after two or more blanks (so "~ # " can be expected).
#   name      native-smp4      (default: the file name without .case)
#   bios      native | rampart | rampart-release
#                              (rampart: scripts/mkimage.sh
#                              build/monitor-debug-only.bin FIRMWARE
#                              build/cases/NAME.bin: the debug image, whose
#                              checks run in every case; rampart-release:
#                              build/monitor-only.bin, what make run boots)
#   monitor   PATH             (bios rampart: this monitor image instead)
#   firmware  default | PATH   (default: Debian fw_dynamic.bin)
#   payload   linux | none | PATH    (linux = build/Image)
#   initrd    guest | none | PATH    (guest = build/initramfs.cpio.gz)
#   cmdline   STR              (default: console=ttyS0)
#   machine   virt | sifive_u  (scripts/qemu.sh --machine; default virt)
#   smp N, mem M, policy P, nonce HEX, fastpath 0|1, icount yes, tpm yes
#   option    K=V              (repeatable: scripts/qemu.sh --option)
#   unchecked yes              (scripts/qemu.sh --unchecked: the launcher
#                              does not check the values, so a bad smp,
#                              policy, nonce or payload reaches the
#                              monitor, whose own checks the case tests)
#   args      extra QEMU arguments (split on blanks)
#   requires  monitor | PATH   (repeatable; missing = the case fails)
#   expect    TEXT             (repeatable; substring that must appear)
#   forbid    TEXT             (repeatable; substring that must not appear)
#   wait      TEXT             (repeatable, in order with send: block until
#                              TEXT appears in the console)
#   send      TEXT             (write TEXT to the console; \n, \r, \t, \\)
#   host      COMMAND          (repeatable, in order with wait/send: run
#                              COMMAND LOG on the host while the guest
#                              runs; a non-zero exit fails the case, the
#                              later steps still run; output in LOG.host)
#   attest    yes              (a network card: QEMU user networking with
#                              a free 127.0.0.1 port forwarded to the
#                              guest agent's port 80, ATTEST_PORT for
#                              the host steps and checks)
#   exit      N                (expected QEMU exit status; default 0;
#                              124 = timed out)
#   timeout   S                (default 60)
#   compare   ERE              (repeatable: run the case again with
#                              bios native; the lines matching ERE must be
#                              the same in both logs, in order)
#   ignore    ERE              (repeatable: lines compare leaves out)
set -uo pipefail

REPO=$(cd "$(dirname "$0")/../.." && pwd)
cd "$REPO" || exit 2
BUILD=build
LOGS=$BUILD/test-logs
DEFAULT_FW=/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin
PROG=runner.sh
# shellcheck source=scripts/inputs.sh
. scripts/inputs.sh # attest_netdev: the same network card as make run
RESULTS=
CASES_DIR=${CASES_DIR:-tests/qemu/cases}

if [ "${1:-}" = --results ]; then
	RESULTS=$2
	shift 2
fi
GLOBS=("$@")

# --- case parsing --------------------------------------------------------

# Resets the case variables; multi-valued keys are arrays.
case_defaults() {
	c_name=$1 c_bios=native c_firmware=default c_payload=linux
	c_initrd=guest c_cmdline=console=ttyS0 c_machine=virt c_smp=1 c_mem=512M c_policy=
	c_nonce= c_fastpath= c_icount= c_tpm= c_args= c_exit=0 c_timeout=60
	c_unchecked= c_attest=
	c_option=() c_monitor=
	c_expect=() c_forbid=() c_requires=() c_compare=() c_ignore=() c_steps=()
	c_check=()
	c_error=
}

# strip_comment LINE: drop "# ..." at line start or after 2+ blanks.
strip_comment() {
	local l=$1
	[[ $l =~ ^[[:space:]]*# ]] && return 0
	if [[ $l =~ ^(.*[^[:space:]])[[:space:]]{2,}#.*$ ]]; then
		l=${BASH_REMATCH[1]}
	fi
	# trailing blanks
	l=${l%"${l##*[![:space:]]}"}
	printf '%s' "${l#"${l%%[![:space:]]*}"}"
}

parse_case() {
	local file=$1 raw line key val n=0
	case_defaults "$(basename "$file" .case)"
	while IFS= read -r raw || [ -n "$raw" ]; do
		n=$((n + 1))
		line=$(strip_comment "$raw")
		[ -n "$line" ] || continue
		key=${line%%[[:space:]]*}
		val=${line#"$key"}
		val=${val#"${val%%[![:space:]]*}"}
		case $key in
		name) c_name=$val ;;
		bios) c_bios=$val ;;
		firmware) c_firmware=$val ;;
		monitor) c_monitor=$val ;;
		payload) c_payload=$val ;;
		initrd) c_initrd=$val ;;
		cmdline) c_cmdline=$val ;;
		machine) c_machine=$val ;;
		smp) c_smp=$val ;;
		mem) c_mem=$val ;;
		policy) c_policy=$val ;;
		nonce) c_nonce=$val ;;
		fastpath) c_fastpath=$val ;;
		option) c_option+=("$val") ;;
		icount) c_icount=$val ;;
		unchecked) c_unchecked=$val ;;
		tpm) c_tpm=$val ;;
		args) c_args=$val ;;
		exit) c_exit=$val ;;
		timeout) c_timeout=$val ;;
		expect) c_expect+=("$val") ;;
		forbid) c_forbid+=("$val") ;;
		requires) c_requires+=("$val") ;;
		compare) c_compare+=("$val") ;;
		ignore) c_ignore+=("$val") ;;
		check) c_check+=("$val") ;;
		attest) c_attest=$val ;;
		wait | send | host) c_steps+=("$key $val") ;;
		*) c_error="$file:$n: unknown key '$key'" ;;
		esac
	done <"$file"
	case $c_bios in native | rampart | rampart-release) ;;
	*) c_error="bad bios '$c_bios'" ;; esac
	if [ "$c_bios" = native ] && [ "${#c_compare[@]}" -gt 0 ]; then
		c_error="compare needs bios rampart or rampart-release"
	fi
	[ "${#c_expect[@]}" -gt 0 ] || [ -n "$c_error" ] ||
		c_error="no expect line: a case that checks nothing cannot fail"
}

# --- running -------------------------------------------------------------

firmware_path() {
	if [ "$c_firmware" = default ]; then echo "$DEFAULT_FW"; else echo "$c_firmware"; fi
}

# monitor_image: the monitor build/cases/NAME.bin is made from.
monitor_image() {
	if [ -n "$c_monitor" ]; then
		echo "$c_monitor"
	elif [ "$c_bios" = rampart-release ]; then
		echo "$BUILD/monitor-only.bin"
	else
		echo "$BUILD/monitor-debug-only.bin"
	fi
}

# check_requires: prints the first unmet requirement.
check_requires() {
	local r
	if [ "$c_bios" != native ]; then
		# the image, and the device the launcher's DICE step needs
		c_requires+=(monitor "$BUILD/dice" "$BUILD/device/uds.bin")
	fi
	for r in "${c_requires[@]}"; do
		case $r in
		monitor) [ -s "$(monitor_image)" ] ||
			{ echo "$(monitor_image) missing"; return; } ;;
		*) [ -e "$r" ] || { echo "$r missing"; return; } ;;
		esac
	done
	case $c_payload in linux) [ -s "$BUILD/Image" ] ||
		echo "$BUILD/Image missing" ;; esac
	case $c_initrd in guest) [ -s "$BUILD/initramfs.cpio.gz" ] ||
		echo "$BUILD/initramfs.cpio.gz missing" ;; esac
}

# qemu_args BIOS: the scripts/qemu.sh argument list for the current case.
qemu_args() {
	local bios=$1
	args=(--machine "$c_machine" --bios "$bios" --smp "$c_smp" --mem "$c_mem"
		--timeout "$c_timeout")
	case $c_payload in
	none) ;;
	linux) args+=(--kernel "$BUILD/Image") ;;
	*) args+=(--kernel "$c_payload") ;;
	esac
	case $c_initrd in
	none) ;;
	guest) args+=(--initrd "$BUILD/initramfs.cpio.gz") ;;
	*) args+=(--initrd "$c_initrd") ;;
	esac
	[ "$c_payload" = none ] || args+=(--append "$c_cmdline")
	if [ "$bios" != "$(firmware_path)" ]; then
		[ -z "$c_policy" ] || args+=(--policy "$c_policy")
		[ -z "$c_nonce" ] || args+=(--nonce "$c_nonce")
		[ -z "$c_fastpath" ] || args+=(--fastpath "$c_fastpath")
		for o in "${c_option[@]}"; do args+=(--option "$o"); done
	fi
	[ -z "$c_icount" ] || args+=(--icount)
	[ -z "$c_unchecked" ] || args+=(--unchecked)
	[ -z "$c_tpm" ] || args+=(--tpm)
	# tpm provisioned: the swtpm state keys/provision-ak.sh made (the AK)
	[ "$c_tpm" != provisioned ] || args+=(--tpm-state "$BUILD/tpm-state")
	[ -n "$c_args" ] || [ -n "$c_attest" ] && args+=(--)
	if [ -n "$c_args" ]; then
		# shellcheck disable=SC2206
		args+=($c_args)
	fi
	if [ -n "$c_attest" ]; then
		# shellcheck disable=SC2207 # words without blanks
		args+=($(attest_netdev "$ATTEST_PORT"))
	fi
}

# free_port: a TCP port nothing listens on at 127.0.0.1 now.
free_port() {
	python3 -c 'import socket; s = socket.socket()
s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# host_step COMMAND LOG: run COMMAND LOG on the host, output to LOG.host;
# the first failure is the case's (h_why), later steps still run.
host_step() {
	local out
	# shellcheck disable=SC2086 # the case gives a command line
	if ! out=$($1 "$2" 2>&1); then
		[ -n "$h_why" ] || h_why="host step $1 failed: $(printf '%s' "$out" | tail -n 5)"
	fi
	printf '$ %s %s\n%s\n' "$1" "$2" "$out" >>"$2.host"
}

# run_qemu BIOS LOG: boots once; console to LOG; feeds wait/send steps.
# Sets q_rc (QEMU's status) and adds the wall time to q_secs.
run_qemu() {
	local bios=$1 log=$2 fifo pid step text start=$EPOCHREALTIME
	qemu_args "$bios"
	fifo=$(mktemp -u "$BUILD/cases/fifo.XXXXXX")
	mkfifo "$fifo"
	exec 7<>"$fifo"
	{
		echo "# scripts/qemu.sh ${args[*]}"
	} >"$log.cmd"
	: >"$log"
	rm -f "$log.host"
	scripts/qemu.sh "${args[@]}" <&7 >"$log" 2>&1 &
	pid=$!
	for step in "${c_steps[@]}"; do
		text=${step#* }
		case $step in
		wait\ *)
			# grep the file itself: "tr | grep -q" fails under
			# pipefail when grep quits early (SIGPIPE).
			while kill -0 "$pid" 2>/dev/null &&
				! grep -qF -- "$text" "$log"; do
				sleep 0.2
			done
			;;
		send\ *)
			printf '%b' "$text" >&7
			;;
		host\ *)
			host_step "$text" "$log"
			;;
		esac
	done
	wait "$pid"
	q_rc=$?
	exec 7>&-
	rm -f "$fifo"
	q_secs=$(elapsed "$start" "$q_secs")
}

# elapsed START ACC: ACC + seconds since START (an $EPOCHREALTIME), 0.1 s.
elapsed() {
	awk -v s="$1" -v e="$EPOCHREALTIME" -v a="$2" \
		'BEGIN { printf "%.1f", a + e - s }'
}

# check_log LOG: prints the reason of the first failed check, if any.
check_log() {
	local log=$1 clean e
	clean=$(tr -d '\r' <"$log")
	# A forbidden line (a panic) explains a timeout better than the timeout.
	for e in "${c_forbid[@]}"; do
		if grep -qF -- "$e" <<<"$clean"; then
			echo "forbidden line appeared: '$e': $(grep -F -m1 -- "$e" <<<"$clean")"
			return
		fi
	done
	if [ "$q_rc" != "$c_exit" ]; then
		if [ "$q_rc" = 124 ]; then
			echo "timed out after ${c_timeout} s (expected exit $c_exit)"
		else
			echo "QEMU exit status $q_rc, expected $c_exit"
		fi
		return
	fi
	for e in "${c_expect[@]}"; do
		grep -qF -- "$e" <<<"$clean" || { echo "expected line missing: '$e'"; return; }
	done
}

# compare_logs A B: the lines matching each compare ERE must be equal,
# once the lines matching an ignore ERE are left out.
compare_logs() {
	local re d ra rb
	ra=$(tr -d '\r' <"$1")
	rb=$(tr -d '\r' <"$2")
	for re in "${c_ignore[@]}"; do
		ra=$(grep -vE -- "$re" <<<"$ra")
		rb=$(grep -vE -- "$re" <<<"$rb")
	done
	for re in "${c_compare[@]}"; do
		d=$(diff <(grep -E -- "$re" <<<"$rb") <(grep -E -- "$re" <<<"$ra"))
		if [ -n "$d" ]; then
			printf "compare '%s' differs (< native, > rampart):\n%s\n" "$re" "$d"
			return
		fi
		if ! grep -qE -- "$re" <<<"$ra"; then
			echo "compare '$re' matches no line"
			return
		fi
	done
}

fail() {
	local log=$1
	shift
	printf 'FAIL %s: %s\n' "$c_name" "$*"
	if [ -n "$log" ] && [ -s "$log" ]; then
		echo "---- last 20 lines of $log ----"
		tail -n 20 "$log" | tr -d '\r' | sed 's/^/    /'
		echo "----"
	fi
	failed=$((failed + 1))
}

# check CMD ARGS: after the boot, run CMD ARGS LOG (the console log);
# its exit status decides, its output is the reason.
run_checks() {
	local log=$1 c out
	for c in "${c_check[@]}"; do
		# shellcheck disable=SC2086 # the case gives a command line
		if ! out=$($c "$log" 2>&1); then
			printf 'check %s failed: %s' "$c" "$(printf '%s' "$out" | tail -n 5)"
			return
		fi
	done
}

run_case() {
	local file=$1 log bios why native_log
	parse_case "$file"
	log=$LOGS/$c_name.log
	rm -f "$log" "$LOGS/$c_name.native.log"
	if [ -n "$c_error" ]; then fail "" "bad case file: $c_error"; return; fi
	why=$(check_requires)
	if [ -n "$why" ]; then fail "" "cannot run: $why"; return; fi
	if [ "$c_bios" != native ]; then
		bios=$BUILD/cases/$c_name.bin
		if ! scripts/mkimage.sh "$(monitor_image)" "$(firmware_path)" \
			"$bios" >"$log" 2>&1; then
			fail "$log" "scripts/mkimage.sh failed"
			return
		fi
	else
		bios=$(firmware_path)
	fi
	q_secs=0 h_why=
	# the port the attest steps reach the guest's agent at
	if [ -n "$c_attest" ]; then
		ATTEST_PORT=$(free_port)
		export ATTEST_PORT
	fi
	run_qemu "$bios" "$log"
	why=$(check_log "$log")
	[ -n "$why" ] || why=$h_why
	if [ -z "$why" ] && [ "${#c_compare[@]}" -gt 0 ]; then
		native_log=$LOGS/$c_name.native.log
		run_qemu "$(firmware_path)" "$native_log"
		why=$(check_log "$native_log")
		if [ -n "$why" ]; then
			why="native run for compare: $why"
			log=$native_log
		else
			why=$(compare_logs "$log" "$native_log")
		fi
	fi
	[ -n "$why" ] || why=$(run_checks "$log")
	if [ -n "$why" ]; then
		fail "$log" "$why"
	else
		printf 'PASS %s (%s s)\n' "$c_name" "$q_secs"
		passed=$((passed + 1))
	fi
}

selected() {
	local name=$1 g
	[ "${#GLOBS[@]}" -eq 0 ] && return 0
	for g in "${GLOBS[@]}"; do
		# shellcheck disable=SC2053
		[[ $name == $g ]] && return 0
	done
	return 1
}

main() {
	local f n=0
	passed=0 failed=0
	mkdir -p "$LOGS" "$BUILD/cases"
	if [ "${BUILD_FAILED:-0}" = 1 ]; then
		echo "FAIL build: make failed, images may be missing or stale"
		failed=$((failed + 1))
	fi
	for f in "$CASES_DIR"/*.case; do
		[ -e "$f" ] || continue
		selected "$(basename "$f" .case)" || continue
		n=$((n + 1))
		run_case "$f"
	done
	if [ "$n" -eq 0 ]; then
		echo "FAIL no case matches: ${GLOBS[*]:-$CASES_DIR/*.case}"
		failed=$((failed + 1))
	fi
	if [ -n "$RESULTS" ]; then
		mkdir -p "$(dirname "$RESULTS")"
		echo "$passed $failed" >"$RESULTS"
	fi
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}

main
