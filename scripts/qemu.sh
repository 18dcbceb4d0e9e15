#!/bin/bash
# qemu.sh: the one place Rampart launches QEMU (virt or sifive_u, no
# network, console on stdio). Returns QEMU's exit status (0 on a clean guest
# poweroff), or 124 when --timeout expires.
#
#   --machine M      virt (default) or sifive_u: the HiFive Unleashed model,
#                    harts 2 to 5 (hart 0 an E51 without S-mode: the kernel
#                    gets the others), console=ttySIF0. It has no power-off
#                    device, so -no-reboot is added: the guest ends a run
#                    with a reboot (rampart.end=reboot), QEMU exits with 0
#   --bios FILE      -bios image (build/monitor.bin, or a firmware itself)
#   --kernel FILE    -kernel payload (omitted: no -kernel)
#   --initrd FILE    -initrd
#   --append STR     kernel command line (ignored without --kernel)
#   --smp N          harts (default 1)
#   --mem M          memory (default 512M)
#   --policy P       monitor option policy=P (only when given)
#   --nonce HEX      monitor option nonce=HEX (only when given)
#   --fastpath 0|1   monitor option fastpath= (only when given; on by default)
#   --option K=V     any other monitor option (repeatable; the debug image's
#                    debug_write=, monitor/hw/debug_checks.h)
#                    Options reach the monitor as key=value lines loaded into
#                    the unused half of the mask ROM at 0x8000 (QEMU 7.2 virt
#                    creates fw_cfg too late for -fw_cfg; see docs/usage.md).
#   --icount         deterministic: -icount shift=0,sleep=off, a VM clock, -seed 1
#   --tpm            attach a swtpm TPM 2.0 (tpm-tis-device) and boot with a
#                    device tree that describes it (QEMU 7.2 adds no node;
#                    virt only: sifive_u has no platform bus)
#   --tpm-state DIR  with --tpm: swtpm starts from a copy of the TPM state in
#                    DIR (keys/provision-ak.sh: holds the attestation key);
#                    DIR itself is never changed. Default: a fresh TPM.
#   --device DIR     the device's provisioned state (build/dice provision;
#                    default build/device). A Rampart image (mkimage.sh
#                    trailer) boots only through the DICE step: the boot ROM's
#                    part, build/dice launch, writes the alias key and its
#                    certificate for this monitor and configuration into a
#                    copy of the image (keys/README.md)
#   --save-cert FILE with a Rampart image: a copy of the alias certificate (PEM)
#   --timeout S      kill QEMU after S seconds (exit 124; 0: no limit)
#   --unchecked      tests of the monitor's own checks only: skip the value
#                    and file-type checks below so that a bad --smp,
#                    --policy, --nonce or payload reaches the monitor
#   --help, --version
#   -- ARGS...       extra QEMU arguments
# Every value is checked first (scripts/inputs.sh): a bad one ends at once
# with one line on stderr naming it and what is allowed, exit 2.
# V=1 in the environment prints the QEMU command line.
set -euo pipefail
PROG=qemu.sh
# shellcheck source=scripts/inputs.sh
. "$(dirname "$0")/inputs.sh"

usage() {
	sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'
	exit 0
}

board=virt
bios= kernel= initrd= append= smp=1 mem=512M policy= nonce= fastpath= icount=0
tpm=0 tpm_state= timeout_s= extra=() more_options=() unchecked=0
repo=$(cd "$(dirname "$0")/.." && pwd)
device=$repo/build/device save_cert=
while [ $# -gt 0 ]; do
	case $1 in
	--icount | --tpm | --unchecked | --help | -h | --version | --) ;;
	-*) [ $# -ge 2 ] || { echo "qemu.sh: $1 needs a value" >&2; exit 2; } ;;
	esac
	case $1 in
	--machine) board=$2; shift 2 ;;
	--bios) bios=$2; shift 2 ;;
	--kernel) kernel=$2; shift 2 ;;
	--initrd) initrd=$2; shift 2 ;;
	--append) append=$2; shift 2 ;;
	--smp) smp=$2; shift 2 ;;
	--mem) mem=$2; shift 2 ;;
	--policy) policy=$2; shift 2 ;;
	--nonce) nonce=$2; shift 2 ;;
	--fastpath) fastpath=$2; shift 2 ;;
	--option) more_options+=("$2"); shift 2 ;;
	--icount) icount=1; shift ;;
	--tpm) tpm=1; shift ;;
	--tpm-state) tpm_state=$2; shift 2 ;;
	--timeout) timeout_s=$2; shift 2 ;;
	--device) device=$2; shift 2 ;;
	--save-cert) save_cert=$2; shift 2 ;;
	--unchecked) unchecked=1; shift ;;
	--version) echo "qemu.sh (Rampart) $(version)"; exit 0 ;;
	--) shift; extra=("$@"); break ;;
	-h | --help) usage ;;
	*) echo "qemu.sh: unknown option '$1' (qemu.sh --help lists them)" >&2; exit 2 ;;
	esac
done
[ -n "$bios" ] || { echo "qemu.sh: --bios is required (qemu.sh --help)" >&2; exit 2; }

# A Rampart image ("RPIMAGE1" at the end of its 1 MiB monitor region):
# the boot ROM measures the monitor and hands it its alias key (DICE).
is_rampart_image() {
	[ "$(dd if="$1" bs=1 skip=$((0x100000 - 16)) count=8 status=none 2>/dev/null)" = RPIMAGE1 ]
}

# check_options: every value, before anything starts (scripts/inputs.sh).
check_options() {
	local harts=512 min=1 # QEMU 7.2 virt's own limits
	check_machine "--machine " "$board"
	# QEMU 7.2 sifive_u: an E51 and 1 to 4 U54s
	[ "$board" = virt ] || harts=5 min=2
	[ "$tpm" = 0 ] || [ "$board" = virt ] ||
		bad "--machine " "$board" "--tpm needs virt (its platform bus)"
	check_bios "--bios " "$bios"
	[ -z "$kernel" ] || check_payload "--kernel " "$kernel"
	[ -z "$initrd" ] || check_initrd "--initrd " "$initrd"
	! is_rampart_image "$bios" || [ "$harts" -le "$MAX_HARTS" ] ||
		harts=$MAX_HARTS
	check_smp "--smp " "$smp" "$harts" "$min"
	check_mem "--mem " "$mem"
	check_cmdline "--append " "$append"
	[ -z "$policy" ] || check_policy "--policy " "$policy"
	[ -z "$nonce" ] || check_nonce "--nonce " "$nonce"
	[ -z "$fastpath" ] || check_fastpath "--fastpath " "$fastpath"
}
if [ "$unchecked" = 0 ]; then
	check_options
else
	for f in "$bios" "$kernel" "$initrd"; do
		[ -z "$f" ] || [ -r "$f" ] || { echo "qemu.sh: cannot read $f" >&2; exit 2; }
	done
fi
check_timeout "--timeout " "$timeout_s"
if [ -n "$tpm_state" ] && ! [ -r "$tpm_state/tpm2-00.permall" ]; then
	echo "qemu.sh: --tpm-state $tpm_state: no TPM state there (keys/provision-ak.sh)" >&2
	exit 2
fi

# the monitor never sees a bad machine name: checked even --unchecked
[ "$unchecked" = 0 ] || check_machine "--machine " "$board"
machine=(-M "$board" -smp "$smp" -m "$mem" -nic none -bios "$bios")
# no power-off device: a reset (the guest's reboot) ends the run
[ "$board" = virt ] || machine+=(-no-reboot)
[ -z "$kernel" ] || machine+=(-kernel "$kernel")
[ -z "$initrd" ] || machine+=(-initrd "$initrd")
# QEMU refuses -append without -kernel; make run passes CMDLINE always.
[ -z "$append" ] || [ -z "$kernel" ] || machine+=(-append "$append")
options=
[ -z "$policy" ] || options+="policy=$policy"$'\n'
[ -z "$nonce" ] || options+="nonce=$nonce"$'\n'
[ -z "$fastpath" ] || options+="fastpath=$fastpath"$'\n'
for o in "${more_options[@]}"; do
	[[ $o =~ ^[a-z_]+=[^[:space:]]*$ ]] ||
		{ echo "qemu.sh: --option must be key=value: $o" >&2; exit 2; }
	options+="$o"$'\n'
done
# The payload file's size is known only to us: the monitor measures a raw
# payload over that many bytes (the verifier, the same file), and zeroes an
# Image's bss from there to its header's image_size before hashing it (RAM
# need not be zero at reset; docs/evidence.md).
[ -z "$kernel" ] || \
	options+="payload_size=$(stat -c %s "$kernel")"$'\n'
if [ "$icount" = 1 ]; then
	# -seed: QEMU otherwise puts random bytes in /chosen/rng-seed, which
	# changes the device tree's digest and the instruction counts
	machine+=(-icount shift=0,sleep=off
		-rtc base=2020-01-01T00:00:00,clock=vm -seed 1)
fi

# Interactive (a terminal on stdin): Ctrl-A X quits, Ctrl-C reaches the guest.
if [ -t 0 ]; then
	console=(-nographic -serial mon:stdio)
else
	console=(-nographic -monitor none -serial stdio)
fi

tmpdir=$(mktemp -d)
swtpm_pid=
cleanup() {
	if [ -n "$swtpm_pid" ]; then
		kill "$swtpm_pid" 2>/dev/null || true
		wait "$swtpm_pid" 2>/dev/null || true
	fi
	[ -z "$tmpdir" ] || rm -rf "$tmpdir"
}
trap cleanup EXIT

# TPM: one swtpm per run, stopped by pid; QEMU's tree dumped and given a
# tcg,tpm-tis-mmio node at the platform-bus address of tpm-tis-device.
start_tpm() {
	local i dts
	mkdir "$tmpdir/state"
	[ -z "$tpm_state" ] || cp "$tpm_state/tpm2-00.permall" "$tmpdir/state/"
	swtpm socket --tpm2 --tpmstate dir="$tmpdir/state" \
		--ctrl type=unixio,path="$tmpdir/swtpm.sock" \
		--log file="$tmpdir/swtpm.log" &
	swtpm_pid=$!
	for i in $(seq 50); do
		[ -S "$tmpdir/swtpm.sock" ] && break
		sleep 0.1
	done
	[ -S "$tmpdir/swtpm.sock" ] || { echo "qemu.sh: swtpm did not start" >&2; exit 1; }
	machine+=(-chardev "socket,id=chrtpm,path=$tmpdir/swtpm.sock"
		-tpmdev emulator,id=tpm0,chardev=chrtpm
		-device tpm-tis-device,tpmdev=tpm0)
	timeout 30 qemu-system-riscv64 "${machine[@]}" -machine "dumpdtb=$tmpdir/qemu.dtb" \
		-display none >/dev/null
	dts=$tmpdir/rampart.dts
	dtc -q -I dtb -O dts -o "$dts" "$tmpdir/qemu.dtb"
	cat >>"$dts" <<-'EOF'
	/ {
		tpm@4000000 {
			compatible = "tcg,tpm-tis-mmio";
			reg = <0x0 0x4000000 0x0 0x5000>;
		};
	};
	EOF
	dtc -q -I dts -O dtb -o "$tmpdir/rampart.dtb" "$dts"
	machine+=(-dtb "$tmpdir/rampart.dtb")
}
[ "$tpm" = 0 ] || start_tpm
printf '%s' "$options" >"$tmpdir/rampart.opts"
if [ -n "$options" ]; then
	machine+=(-device "loader,file=$tmpdir/rampart.opts,addr=0x8000,force-raw=on")
fi

if is_rampart_image "$bios"; then
	[ -x "$repo/build/dice" ] || { echo "qemu.sh: $repo/build/dice missing (make)" >&2; exit 2; }
	[ -r "$device/uds.bin" ] ||
		{ echo "qemu.sh: no provisioned device in $device (make provision)" >&2; exit 2; }
	"$repo/build/dice" launch "$device" "$bios" "$tmpdir/rampart.opts" \
		"$tmpdir/bios.bin" || exit 2
	[ -z "$save_cert" ] || cp "$tmpdir/bios.bin.crt.pem" "$save_cert"
	for i in "${!machine[@]}"; do
		[ "${machine[$i]}" != -bios ] || machine[i + 1]=$tmpdir/bios.bin
	done
fi

cmd=(qemu-system-riscv64 "${machine[@]}" "${console[@]}" "${extra[@]}")
if [ -n "$timeout_s" ] && [ "$timeout_s" != 0 ]; then
	# on a terminal QEMU must stay in the foreground process group, or
	# reading the terminal stops it (SIGTTIN)
	fg=()
	[ ! -t 0 ] || fg=(--foreground)
	cmd=(timeout "${fg[@]}" -k 5 "$timeout_s" "${cmd[@]}")
fi
[ "${V:-0}" != 1 ] || echo "qemu.sh: ${cmd[*]}" >&2
rc=0
"${cmd[@]}" || rc=$?
exit "$rc"
