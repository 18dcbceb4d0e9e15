#!/bin/bash
# test_verifier_quote.sh DIR LOG NONCE [EXTRA_PCR]: a real TPM2_Quote for
# tests/host/test_verifier.c. Starts a fresh swtpm (loopback TCP, stopped
# by its pid), creates a restricted ECDSA P-256 signing key (the AK),
# extends the PCRs with every digest of the TCG event log LOG (as the
# monitor extends them), extends PCR EXTRA_PCR once more if given (a TPM
# that does not match the log), and quotes PCRs 0,1,7,8,9 with qualifying
# data NONCE (hex). Writes DIR/att.bin (TPMS_ATTEST), DIR/sig.bin
# (TPMT_SIGNATURE), DIR/pcrs.bin (the TPM's PCR values) and DIR/ak.pem.
set -euo pipefail
dir=$1 log=$2 nonce=$3 extra=${4:-}
die() { echo "test_verifier_quote: $*" >&2; exit 1; }

work=$(mktemp -d)
swtpm_pid=
cleanup() {
	[ -z "$swtpm_pid" ] || kill "$swtpm_pid" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

for _ in $(seq 20); do
	port=$((20000 + RANDOM % 20000 * 2))
	if swtpm socket --tpm2 --tpmstate dir="$work" \
		--server type=tcp,port=$port,bindaddr=127.0.0.1 \
		--ctrl type=tcp,port=$((port + 1)),bindaddr=127.0.0.1 \
		--flags not-need-init,startup-clear --pid file="$work/pid" \
		--daemon 2>>"$work/err"; then
		swtpm_pid=$(cat "$work/pid")
		break
	fi
done
[ -n "$swtpm_pid" ] || { cat "$work/err" >&2; die "swtpm did not start"; }
export TPM2TOOLS_TCTI="swtpm:host=127.0.0.1,port=$port"

tpm2_createprimary -Q -C e -g sha256 -G ecc256:ecdsa-sha256:null \
	-a 'restricted|sign|fixedtpm|fixedparent|sensitivedataorigin|userwithauth' \
	-c "$work/ak.ctx"
tpm2_readpublic -Q -c "$work/ak.ctx" -f pem -o "$dir/ak.pem"

# TCG_PCR_EVENT2 records after the 65-byte Spec ID event: PCR, type,
# count, alg, 32-byte digest, size, data. EV_NO_ACTION (3) is not extended.
size=$(stat -c %s "$log")
off=65
u32() { od -An -tu4 -j"$1" -N4 "$log" | tr -d ' '; }
while [ "$off" -lt "$size" ]; do
	pcr=$(u32 "$off")
	type=$(u32 $((off + 4)))
	digest=$(od -An -tx1 -j$((off + 14)) -N32 "$log" | tr -d ' \n')
	len=$(u32 $((off + 46)))
	[ "$type" = 3 ] || tpm2_pcrextend "$pcr:sha256=$digest"
	off=$((off + 50 + len))
done
[ -z "$extra" ] || tpm2_pcrextend "$extra:sha256=$(printf '%064d' 1)"

tpm2_quote -Q -c "$work/ak.ctx" -l sha256:0,1,7,8,9 -q "$nonce" -g sha256 \
	-m "$dir/att.bin" -s "$dir/sig.bin" -o "$dir/pcrs.bin"
