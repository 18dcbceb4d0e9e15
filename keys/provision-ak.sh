#!/bin/bash
# provision-ak.sh [STATE_DIR [OUT_DIR]]: manufacture a fresh swtpm TPM 2.0
# in STATE_DIR (default build/tpm-state) and provision the attestation key
# (AK) that the monitor's TPM2_Quote uses:
#
#   owner-hierarchy primary  ECC NIST P-256, restricted decrypt, AES-128-CFB
#                            (the TCG "SRK" template; not kept: it is
#                            re-derivable from the owner seed)
#   AK                       ECC NIST P-256, ECDSA-SHA256, restricted|sign|
#                            fixedTPM|fixedParent|sensitiveDataOrigin|
#                            userWithAuth, empty auth
#   persistent handle        0x81010002 (TPM2_EvictControl, owner)
#
# and writes its public part to OUT_DIR (default build/keys):
#   ak.pub.pem   SubjectPublicKeyInfo PEM (tpm2_checkquote -u, openssl)
#   ak.pub       TPM2B_PUBLIC as the TPM marshals it
#   ak.name      the AK's TPM name (nameAlg SHA-256 || digest of TPMT_PUBLIC)
#
# A TPM already provisioned in STATE_DIR is kept: its AK is what verifiers
# registered, so the script says so and changes nothing. --force (first
# argument) wipes it and makes a new TPM with new seeds, so a new AK that
# verifiers must register again. Boots use a copy of it (scripts/qemu.sh --tpm-state STATE_DIR),
# which leaves it unchanged. swtpm runs on loopback TCP only while this
# script runs and is stopped by its pid.
set -euo pipefail

AK_HANDLE=0x81010002
force=0
if [ "${1:-}" = --force ]; then
	force=1
	shift
fi
state=${1:-build/tpm-state}
out=${2:-build/keys}

die() { echo "provision-ak: $*" >&2; exit 1; }
for t in swtpm swtpm_ioctl tpm2_createprimary tpm2_create tpm2_load \
	tpm2_evictcontrol tpm2_readpublic; do
	command -v "$t" >/dev/null || die "$t not found (make deps)"
done

work=$(mktemp -d)
swtpm_pid=
cleanup() {
	if [ -n "$swtpm_pid" ]; then
		kill "$swtpm_pid" 2>/dev/null || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT

if [ "$force" = 0 ] && [ -e "$state/tpm2-00.permall" ] &&
	[ -e "$out/ak.pub.pem" ]; then
	echo "provision-ak: $state already holds a TPM whose AK is $out/ak.pub.pem: kept (--force replaces it)"
	exit 0
fi
rm -rf "$state"
mkdir -p "$state" "$out"
state=$(cd "$state" && pwd)	# swtpm --daemon leaves the working directory

# One swtpm on a free loopback port pair (server P, control P+1): --daemon
# returns only after binding, non-zero if a port is taken; retry elsewhere.
start_swtpm() {
	local i
	for i in $(seq 20); do
		port=$((20000 + RANDOM % 20000 * 2))
		if swtpm socket --tpm2 --tpmstate dir="$state" \
			--server type=tcp,port=$port,bindaddr=127.0.0.1 \
			--ctrl type=tcp,port=$((port + 1)),bindaddr=127.0.0.1 \
			--flags not-need-init,startup-clear \
			--pid file="$work/swtpm.pid" --log file="$work/swtpm.log" \
			--daemon 2>>"$work/swtpm.err"; then
			swtpm_pid=$(cat "$work/swtpm.pid")
			return 0
		fi
	done
	cat "$work/swtpm.err" >&2
	die "swtpm did not start"
}
start_swtpm
export TPM2TOOLS_TCTI="swtpm:host=127.0.0.1,port=$port"

# No resource manager here: flush transient objects after each tool, or
# the TPM runs out of object slots (TPM_RC_OBJECT_MEMORY).
tpm2_createprimary -Q -C o -g sha256 -G ecc256:aes128cfb \
	-c "$work/primary.ctx"
tpm2_flushcontext -t
tpm2_create -Q -C "$work/primary.ctx" -g sha256 -G ecc256:ecdsa-sha256:null \
	-a 'restricted|sign|fixedtpm|fixedparent|sensitivedataorigin|userwithauth' \
	-u "$work/ak.tpm2b" -r "$work/ak.priv"
tpm2_flushcontext -t
tpm2_load -Q -C "$work/primary.ctx" -u "$work/ak.tpm2b" -r "$work/ak.priv" \
	-c "$work/ak.ctx"
tpm2_flushcontext -t
tpm2_evictcontrol -Q -C o -c "$work/ak.ctx" "$AK_HANDLE"
tpm2_flushcontext -t
tpm2_readpublic -Q -c "$AK_HANDLE" -f tss -o "$out/ak.pub" -n "$out/ak.name"
tpm2_readpublic -Q -c "$AK_HANDLE" -f pem -o "$out/ak.pub.pem"

# Orderly: TPM2_Shutdown(CLEAR), then stop swtpm through its control
# channel so that the state file is complete when this script returns.
tpm2_shutdown -Q -c
swtpm_ioctl --tcp 127.0.0.1:$((port + 1)) -s
for _ in $(seq 50); do
	kill -0 "$swtpm_pid" 2>/dev/null || { swtpm_pid=; break; }
	sleep 0.1
done
[ -z "$swtpm_pid" ] || die "swtpm did not stop"
[ -s "$state/tpm2-00.permall" ] || die "no TPM state in $state"
echo "provision-ak: AK at $AK_HANDLE in $state; public key $out/ak.pub.pem"
