#!/bin/bash
# attest-tpm.sh LOG: `verifier attest --ak-pubkey` against the guest's
# agent on a machine with a TPM (case attest-agent-tpm). Two challenges,
# each TRUSTED with a quote whose qualifying data is that challenge's
# nonce, whose PCRs replay from the event log and the signed audit chain
# head, and whose signature verifies with the attestation key; without
# --ak-pubkey the quote's signature cannot be checked: NOT TRUSTED is not
# expected, only a skipped signature check.
set -uo pipefail
V=build/verifier
url=http://127.0.0.1:$ATTEST_PORT
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fails=0
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }

for _ in $(seq 100); do
	python3 -c 'import sys, urllib.request
try: urllib.request.urlopen(sys.argv[1], timeout=5)
except urllib.error.HTTPError as e: sys.exit(e.code != 404)
except Exception: sys.exit(1)' "$url/nope" && break
	sleep 0.2
done

"$V" reference --kernel build/Image --initrd build/initramfs.cpio.gz \
	--cmdline console=ttyS0 \
	--firmware /usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin \
	--monitor build/monitor-identity.bin --memory 512M \
	--policy-config fastpath=1 --max-audit 0 -o "$t/ref.json" >/dev/null ||
	{ echo "verifier reference failed"; exit 1; }
args=(attest "$url" --ref "$t/ref.json" --pubkey build/device/deviceid.pub.pem
	--ak-pubkey build/keys/ak.pub.pem)
for round in 1 2; do
	out=$(timeout 60 "$V" "${args[@]}" 2>&1)
	rc=$?
	[ "$rc" = 0 ] || bad "round $round: exit $rc"
	for want in "verdict: TRUSTED" "pass  tpm-quote " "pass  tpm-quote-pcrs" \
		"pass  tpm-quote-signature" "pass  audit-chain"; do
		grep -qF -- "$want" <<<"$out" || bad "round $round: no '$want'"
	done
	[ "$fails" = 0 ] || { tail -n 25 <<<"$out"; break; }
done
echo "attest-tpm: $fails failure(s)"
[ "$fails" = 0 ]
