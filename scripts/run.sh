#!/bin/bash
# run.sh boot|native|check [NAME=VALUE...]: `make run` and `make run-native`
# (docs/usage.md, "Running"); call it directly for the exact exit status
# (make itself only ever exits 0 or 2).
#   boot    check every variable (scripts/inputs.sh: one line naming a bad
#           one, exit 2, nothing written), build what the run needs
#           (make run-inputs), check the built files, then boot under the
#           monitor in a fresh build/runs/ID/ (console.log, rc, nonce,
#           evidence, event log, alias certificate). build/run then points
#           at it if the run succeeded (exit 0), and only then.
#   native  the same checks and build, then FIRMWARE itself as -bios.
#   check   the checks alone.
# Variables (the Makefile passes them all, single-quoted, so a CMDLINE
# with spaces, quotes or $ arrives as typed): FIRMWARE PAYLOAD INITRD
# CMDLINE SMP MEM POLICY TPM NONCE TIMEOUT GUEST_SCRIPT ATTEST_PORT; PAYLOAD
# or INITRD "none": without. Defaults: those of the Makefile; TIMEOUT: none
# on a terminal, 600 s otherwise (a run nobody watches still ends by
# itself); ATTEST_PORT (the host port of the guest's attestation agent):
# 8780 on a terminal, none otherwise (a scripted run takes no port unless
# it asks, so parallel runs do not collide).
# Exit status, one per way a run ends (documented once: docs/usage.md):
#   0 the guest powered off (or rebooted: the run ends there), 2 bad input,
#   3 the monitor refused the payload (measurement), 4 debug re-hash,
#   5 monitor fatal, 6 guest kernel panic, 124 TIMEOUT expired, 143 QEMU
#   stopped by a signal, other: QEMU's own.
set -uo pipefail
PROG="make run"
# shellcheck source=scripts/inputs.sh
. "$(dirname "$0")/inputs.sh"
BUILD=build

case ${1:-} in
--help | -h) sed -n '2,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
--version) echo "run.sh (Rampart) $(version)"; exit 0 ;;
check | boot | native) mode=$1; shift ;;
*) echo "run.sh: the first argument is boot, native or check (run.sh --help)" >&2; exit 2 ;;
esac
[ "$mode" != native ] || PROG="make run-native"

FIRMWARE=/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin
PAYLOAD=$BUILD/Image INITRD=$BUILD/initramfs.cpio.gz CMDLINE=console=ttyS0
SMP=1 MEM=512M POLICY=protect TPM="" NONCE="" TIMEOUT="" GUEST_SCRIPT=""
ATTEST_PORT=""
for a in "$@"; do
	case ${a%%=*} in
	FIRMWARE | PAYLOAD | INITRD | CMDLINE | SMP | MEM | POLICY | TPM | NONCE | \
		TIMEOUT | GUEST_SCRIPT | ATTEST_PORT) printf -v "${a%%=*}" '%s' "${a#*=}" ;;
	*) bad "" "$a" "not a run variable (run.sh --help)" ;;
	esac
done
tpm_on() { [ "$TPM" = 1 ] || [ "$TPM" = yes ]; }

# later FILE: before the build, a file under build/ that make builds.
built=0
later() { [ "$built" = 0 ] && [[ $1 == "$BUILD"/* ]] && [ ! -e "$1" ]; }

check_all() {
	check_firmware FIRMWARE= "$FIRMWARE"
	[ "$PAYLOAD" = none ] || later "$PAYLOAD" || check_payload PAYLOAD= "$PAYLOAD"
	[ "$INITRD" = none ] || later "$INITRD" || check_initrd INITRD= "$INITRD"
	check_cmdline CMDLINE= "$CMDLINE"
	check_smp SMP= "$SMP" "$MAX_HARTS"
	check_mem MEM= "$MEM"
	check_policy POLICY= "$POLICY"
	[ -z "$NONCE" ] || check_nonce NONCE= "$NONCE"
	check_tpm TPM= "$TPM"
	check_timeout TIMEOUT= "$TIMEOUT"
	[ -z "$GUEST_SCRIPT" ] || check_script GUEST_SCRIPT= "$GUEST_SCRIPT" "$INITRD"
	[ "$built" = 1 ] || [ -z "$ATTEST_PORT" ] ||
		check_attest_port ATTEST_PORT= "$ATTEST_PORT"
}
check_all
[ "$mode" != check ] || exit 0

# The build (Makefile, run-inputs): the payload, initrd, monitor image with
# this FIRMWARE, verifier, device, TPM state; make's errors say why.
files=
for f in "$PAYLOAD" "$INITRD"; do [ "$f" = none ] || files+=" $f"; done
inputs=("RUN_INPUT_FILES=$files")
tpm_on && inputs+=(RUN_TPM=1)
[ "$mode" != native ] || inputs+=(RUN_NATIVE=1)
${MAKE:-make} -s RAMPART_DEPS_OK=1 run-inputs "FIRMWARE=$FIRMWARE" "${inputs[@]}" ||
	{ echo "run: the build failed (make's message above)" >&2; exit 2; }
built=1
check_all

[ -n "$TIMEOUT" ] || [ -t 0 ] || TIMEOUT=600
if [ -z "$ATTEST_PORT" ]; then
	ATTEST_PORT=none
	# the default port, if free: a busy one is no error unless asked for
	if [ -t 0 ] && (check_attest_port ATTEST_PORT= 8780 2>/dev/null); then
		ATTEST_PORT=8780
	elif [ -t 0 ]; then
		echo "run: port 8780 is in use on 127.0.0.1: no attestation agent this run (ATTEST_PORT=PORT picks another)" >&2
	fi
fi
netdev=()
# shellcheck disable=SC2207 # attest_netdev prints words without blanks
[ "$ATTEST_PORT" = none ] || netdev=($(attest_netdev "$ATTEST_PORT"))
qemu=(scripts/qemu.sh --smp "$SMP" --mem "$MEM" --timeout "${TIMEOUT:-0}")
[ "$PAYLOAD" = none ] || qemu+=(--kernel "$PAYLOAD" --append "$CMDLINE")
tpm_on && qemu+=(--tpm)

if [ "$mode" = native ]; then
	[ "$INITRD" = none ] || qemu+=(--initrd "$INITRD")
	[ "$ATTEST_PORT" = none ] ||
		echo "run: the guest's attestation agent: http://127.0.0.1:$ATTEST_PORT" >&2
	extra=()
	[ "${#netdev[@]}" = 0 ] || extra=(-- "${netdev[@]}")
	exec "${qemu[@]}" --bios "$FIRMWARE" "${extra[@]}"
fi

# --- boot: a fresh directory per run --------------------------------------

# new_run_dir: build/runs/<date-time>[-N], made atomically (mkdir).
new_run_dir() {
	local id n=1
	id=$(date +%Y%m%d-%H%M%S)
	mkdir -p "$BUILD/runs"
	# a build/run directory from before build/runs/ existed: kept, unlinked
	if [ -d "$BUILD/run" ] && [ ! -L "$BUILD/run" ]; then
		mv "$BUILD/run" "$BUILD/runs/before-$id"
	fi
	run_id=$id
	while ! mkdir "$BUILD/runs/$run_id" 2>/dev/null; do
		n=$((n + 1))
		run_id=$id-$n
	done
	dir=$BUILD/runs/$run_id
}

# guest_initrd: INITRD plus a second archive holding GUEST_SCRIPT as
# /guest-script, which /init runs (the kernel unpacks concatenated
# archives). The result is what boots, so it is what the monitor measures
# and what the reference is made from.
guest_initrd() {
	python3 - "$GUEST_SCRIPT" "$dir/guest-script.cpio" <<'PY'
import sys
src, out = sys.argv[1:]
data = open(src, "rb").read()
def entry(name, mode, body):
    name = name.encode() + b"\0"
    fields = [1, mode, 0, 0, 1, 0, len(body), 0, 0, 0, 0, len(name), 0]
    hdr = b"070701" + b"".join(b"%08x" % f for f in fields) + name
    pad = lambda b: b + b"\0" * (-len(b) % 4)
    return pad(hdr) + pad(body)
open(out, "wb").write(entry("guest-script", 0o100755, data) +
                      entry("TRAILER!!!", 0, b""))
PY
	gzip -9n "$dir/guest-script.cpio"
	cat "$INITRD" "$dir/guest-script.cpio.gz" >"$dir/initrd.cpio.gz"
	rm -f "$dir/guest-script.cpio.gz"
	INITRD=$dir/initrd.cpio.gz
}

# watch_panic: a guest kernel panic never ends by itself (the kernel spins):
# stop QEMU a second after the panic line, and say so (exit 6).
watch_panic() {
	while sleep 0.5; do
		grep -q 'Kernel panic - not syncing' "$dir/console.log" 2>/dev/null ||
			continue
		sleep 1
		: >"$dir/panicked"
		kill "$(cat "$dir/qemu.pid")" 2>/dev/null
		return
	done
}

# feed_stdin: stdin that is not a terminal (a pipe, a file) is read to its
# end first and typed into the guest's shell once it is ready, then Ctrl-D
# (the shell exits, the guest powers off): typed earlier, the first
# characters are lost to the UART's reset during boot.
feed_stdin() {
	until grep -q 'RAMPART-GUEST: shell' "$dir/console.log" 2>/dev/null; do
		sleep 0.2
	done
	sleep 0.5
	printf '\004' >"$dir/stdin.eof"
	# exec: killing this helper stops the writer too, should QEMU end
	# before it has read everything
	exec cat "$dir/stdin" "$dir/stdin.eof" >&3
}

# why RC: the status and one line for the way the run ended.
why() {
	local rc=$1
	if [ -e "$dir/panicked" ]; then
		echo "6 the guest kernel panicked (console.log has the panic); QEMU stopped"
	elif [ "$rc" = 124 ]; then
		echo "124 TIMEOUT=$TIMEOUT seconds expired; QEMU stopped"
	elif [ "$rc" = 0 ] && grep -q 'qemu-system-riscv64: terminating on signal' "$dir/console.log"; then
		echo "143 QEMU was stopped by a signal before the guest powered off"
	elif [ "$rc" = 0 ] && grep -q 'reboot: Restarting system' "$dir/console.log"; then
		echo "0 the guest rebooted: a run ends at a reboot (QEMU -no-reboot), so the evidence saved is this boot's"
	else
		case $rc in
		0) echo "0 the guest powered off" ;;
		3) echo "3 the monitor refused to enter the payload (the [rampart] measurement failed/refuse line says why)" ;;
		4) echo "4 debug re-hash: a measured range changed before the payload ran" ;;
		5) echo "5 the monitor stopped the machine (the [rampart] fatal: line says why)" ;;
		*) echo "$rc QEMU failed (exit status $rc)" ;;
		esac
	fi
}

[ -z "$NONCE" ] && NONCE=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
new_run_dir
echo "$NONCE" >"$dir/nonce"
[ -z "$GUEST_SCRIPT" ] || guest_initrd
[ "$INITRD" = none ] || qemu+=(--initrd "$INITRD")
tpm_on && qemu+=(--tpm-state "$BUILD/tpm-state")
qemu+=(--bios "$BUILD/monitor.bin" --policy "$POLICY" --nonce "$NONCE"
	--save-cert "$dir/alias.crt.pem" -- -no-reboot -pidfile "$dir/qemu.pid"
	"${netdev[@]}")
[ "$ATTEST_PORT" = none ] ||
	echo "run: the guest's attestation agent: http://127.0.0.1:$ATTEST_PORT (build/verifier attest, docs/usage.md)" >&2
: >"$dir/console.log"
watch_panic &
helpers=$!
if [ -t 0 ]; then
	exec 3<&0
else
	cat >"$dir/stdin"
	mkfifo "$dir/stdin.fifo"
	exec 3<>"$dir/stdin.fifo"
	feed_stdin &
	helpers="$helpers $!"
fi
"${qemu[@]}" <&3 2>&1 | tee "$dir/console.log"
rc=${PIPESTATUS[0]}
# shellcheck disable=SC2086 # two pids
kill $helpers 2>/dev/null
wait 2>/dev/null
exec 3<&-
rm -f "$dir/stdin.fifo" "$dir/stdin.eof"
read -r status reason <<<"$(why "$rc")"
echo "$status" >"$dir/rc"
ak=
tpm_on && ak=$BUILD/keys/ak.pub.pem
scripts/run-evidence.sh "$dir" "$NONCE" "$PAYLOAD" "$INITRD" "$CMDLINE" \
	"$FIRMWARE" "$POLICY" "$MEM" ${ak:+"$ak"}
if [ "$status" = 0 ]; then
	ln -sfn "runs/$run_id" "$BUILD/run.tmp" && mv -T "$BUILD/run.tmp" "$BUILD/run"
	echo "run: $reason (exit 0); $BUILD/run -> $dir" >&2
else
	echo "run: $reason (exit $status); outputs in $dir, $BUILD/run unchanged" >&2
fi
exit "$status"
