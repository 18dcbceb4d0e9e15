# shellcheck shell=bash
# inputs.sh: sourced by scripts/run.sh and scripts/qemu.sh. One check per
# kind of input, so that `make run` and qemu.sh refuse the same things with
# the same words. Each check_* takes LABEL ("SMP=" or "--smp ") and the
# value; on a bad value it prints ONE line on stderr,
#   PROG: LABELVALUE: what is allowed
# and exits 2 (docs/usage.md, "Bad input"), before anything is written.
# Limits come from include/rampart/limits.h, the file the C side includes.

INPUTS_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# limit NAME: the value of "#define NAME N" in include/rampart/limits.h.
limit() {
	local v
	v=$(sed -n "s/^#define $1 \\([0-9]*\\)\$/\\1/p" \
		"$INPUTS_REPO/include/rampart/limits.h")
	[ -n "$v" ] || { echo "$PROG: $1 missing from include/rampart/limits.h" >&2; exit 2; }
	echo "$v"
}
# shellcheck disable=SC2034 # used by the scripts that source this
MAX_HARTS=$(limit RAMPART_MAX_HARTS)
NONCE_MAX=$(limit RAMPART_NONCE_MAX)
CMDLINE_MAX=$(limit RAMPART_CMDLINE_MAX)
FIRMWARE_MAX=$(limit RAMPART_FIRMWARE_MAX)

# version: RAMPART_VERSION from include/rampart/version.h, what the C tools print.
version() {
	sed -n 's/^#define RAMPART_VERSION "\(.*\)"$/\1/p' "$INPUTS_REPO/include/rampart/version.h"
}

# bad LABEL VALUE ALLOWED: the one line, then exit 2. Long values are cut
# so the line stays one readable line.
bad() {
	local v=$2
	[ "${#v}" -le 72 ] || v="${v:0:60}... (${#2} characters)"
	printf '%s: %s%s: %s\n' "$PROG" "$1" "$v" "$3" >&2
	exit 2
}

# magic FILE OFFSET COUNT: COUNT bytes at OFFSET as hex.
magic() {
	od -An -tx1 -j "$2" -N "$3" -- "$1" 2>/dev/null | tr -d ' \n'
}

# is_text FILE: its first 4 KiB are printable ASCII or blanks only.
is_text() {
	[ "$(head -c 4096 -- "$1" | LC_ALL=C tr -d '[:print:]\t\r\n' | wc -c)" = 0 ]
}

# check_file LABEL PATH WHAT: PATH names a readable, non-empty file.
check_file() {
	[ -n "$2" ] || bad "$1" "" "empty: give the path of $3"
	[ -e "$2" ] || bad "$1" "$2" "no such file (want $3)"
	[ -f "$2" ] && [ -r "$2" ] || bad "$1" "$2" "not a readable file (want $3)"
	[ -s "$2" ] || bad "$1" "$2" "empty file (want $3)"
}

# check_raw LABEL PATH WHAT: not an ELF, gzip or text file (a raw image).
check_raw() {
	case $(magic "$2" 0 4) in
	7f454c46) bad "$1" "$2" "an ELF file: want $3 (objcopy -O binary)" ;;
	1f8b*) bad "$1" "$2" "a gzip file: want $3, uncompressed" ;;
	esac
	! is_text "$2" || bad "$1" "$2" "a text file: want $3"
}

check_firmware() {
	local what="a raw RISC-V firmware binary (like fw_dynamic.bin)" size
	check_file "$1" "$2" "$what"
	check_raw "$1" "$2" "$what"
	size=$(stat -L -c %s -- "$2")
	[ "$size" -le "$FIRMWARE_MAX" ] ||
		bad "$1" "$2" "$size bytes: a firmware is 1 byte to 1 MiB (its region, 0x80100000-0x801fffff)"
}

# The bios qemu.sh boots: a firmware, or a Rampart image (monitor + firmware).
check_bios() {
	check_file "$1" "$2" "a raw -bios image"
	check_raw "$1" "$2" "a raw -bios image"
}

# A RISC-V Linux Image ("RSC\x05" at offset 56 of its 64-byte header) or a
# raw binary; QEMU would load an ELF itself, at addresses nobody measured.
check_payload() {
	local what="a RISC-V Linux Image or a raw binary"
	check_file "$1" "$2" "$what"
	check_raw "$1" "$2" "$what"
	if [ "$(magic "$2" 56 4)" = 52534305 ] &&
		[ "$(stat -L -c %s -- "$2")" -lt 64 ]; then
		bad "$1" "$2" "a truncated RISC-V Image (its header is 64 bytes)"
	fi
}

# A gzip-compressed or plain newc cpio archive, what the kernel unpacks.
check_initrd() {
	local what="a newc cpio archive (070701), plain or gzip"
	check_file "$1" "$2" "$what"
	case $(magic "$2" 0 6) in
	303730373031) return ;;
	1f8b*) [ "$(gzip -dc -- "$2" 2>/dev/null | head -c 6)" = 070701 ] ||
		bad "$1" "$2" "a gzip file that holds no newc cpio archive: want $what" ;;
	*) bad "$1" "$2" "neither gzip nor cpio: want $what" ;;
	esac
}

check_smp() { # LABEL VALUE MAX [MIN]
	local min=${4:-1}
	[[ $2 =~ ^[1-9][0-9]*$ ]] && [ "${#2}" -le 4 ] && [ "$2" -le "$3" ] &&
		[ "$2" -ge "$min" ] ||
		bad "$1" "$2" "must be a number of harts from $min to $3"
}

# The QEMU machines Rampart runs on (docs/usage.md, "Machines").
check_machine() {
	case $2 in virt | sifive_u) ;;
	*) bad "$1" "$2" "must be virt or sifive_u" ;; esac
}

# QEMU's -m syntax as we allow it: a whole number of MiB, or with a K, M, G
# suffix; 64 MiB (the monitor, the firmware and a kernel) to 16 GiB.
check_mem() {
	local n unit mib
	[[ $2 =~ ^([0-9]{1,8})([kKmMgG]?)$ ]] ||
		bad "$1" "$2" "must be a memory size from 64M to 16G: MiB, or a number with K, M or G (512M, 1G)"
	n=$((10#${BASH_REMATCH[1]})) unit=${BASH_REMATCH[2]}
	case $unit in
	k | K) mib=$((n / 1024)); [ $((n % 1024)) -eq 0 ] || mib=0 ;;
	g | G) mib=$((n * 1024)) ;;
	*) mib=$n ;;
	esac
	[ "$mib" -ge 64 ] && [ "$mib" -le 16384 ] ||
		bad "$1" "$2" "must be a memory size from 64M to 16G, in whole MiB"
}

check_policy() {
	case $2 in protect | none) ;;
	*) bad "$1" "$2" "must be protect or none" ;; esac
}

check_nonce() {
	[[ $2 =~ ^([0-9a-fA-F]{2})+$ ]] && [ "${#2}" -le $((2 * NONCE_MAX)) ] ||
		bad "$1" "$2" "must be 1 to $NONCE_MAX bytes in hex: an even number of 2 to $((2 * NONCE_MAX)) digits 0-9a-f"
}

check_cmdline() {
	[ "${#2}" -le "$CMDLINE_MAX" ] ||
		bad "$1" "$2" "must be at most $CMDLINE_MAX characters (what Linux keeps of a command line)"
	[[ ! $2 =~ [[:cntrl:]] ]] ||
		bad "$1" "$2" "must not hold control characters (newline, tab...)"
}

check_tpm() {
	case $2 in '' | 0 | 1 | yes | no) ;;
	*) bad "$1" "$2" "must be 1 or yes (attach a TPM), or empty, 0 or no" ;; esac
}

check_timeout() {
	[ -z "$2" ] || { [[ $2 =~ ^[0-9]{1,6}$ ]] && [ "$((10#$2))" -le 86400 ]; } ||
		bad "$1" "$2" "must be whole seconds from 1 to 86400, or 0 for no limit"
}

check_fastpath() {
	case $2 in 0 | 1) ;; *) bad "$1" "$2" "must be 0 or 1" ;; esac
}

check_script() { # LABEL PATH INITRD
	check_file "$1" "$2" "a shell script for the guest"
	is_text "$2" || bad "$1" "$2" "not a text file: want a shell script for the guest"
	[ "$3" != none ] || bad "$1" "$2" "needs an initrd to carry it (INITRD=none)"
}

# ATTEST_PORT: the host port QEMU forwards to the guest's agent (TCP 80),
# on 127.0.0.1 only; "none": no network card. Refused when something
# already listens there: QEMU would fail later with a less clear line.
check_attest_port() {
	[ "$2" = none ] && return
	[[ $2 =~ ^[1-9][0-9]{0,4}$ ]] && [ "$2" -le 65535 ] ||
		bad "$1" "$2" "must be a TCP port from 1 to 65535, or none (no network)"
	python3 -c 'import socket, sys
s = socket.socket()
s.bind(("127.0.0.1", int(sys.argv[1])))' "$2" 2>/dev/null ||
		bad "$1" "$2" "port already in use on 127.0.0.1 (pick another, or none)"
}

# attest_netdev PORT: the QEMU arguments of the agent's network card: user
# networking (the guest is 10.0.2.15), host 127.0.0.1:PORT forwarded to
# the guest's port 80, on one of the virt board's virtio-mmio transports
# (no new MMIO window: the firmware's allow list is unchanged).
attest_netdev() {
	echo "-netdev user,id=net0,hostfwd=tcp:127.0.0.1:$1-:80" \
		"-device virtio-net-device,netdev=net0"
}
