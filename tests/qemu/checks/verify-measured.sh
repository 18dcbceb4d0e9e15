#!/bin/bash
# verify-measured.sh LOG: the verifier on the boot's evidence (a case
# without a TPM, booting build/Image and the guest initramfs with the
# command line below under protect): TRUSTED against references computed on the host
# from the exact files. For the SHA-256 cases (issue 20): the monitor's
# digests, whichever block function made them (Zknh, Zbb, portable), are
# the host's.
set -uo pipefail
log=$1
cmdline="console=ttyS0 rampart.test=harts" # the cases' (the runner splits check arguments on blanks)
V=build/verifier
fw=/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT

python3 - "$log" "$t" <<'PY' || { echo "no evidence or event log on the console"; exit 1; }
import re, sys
text = open(sys.argv[1], errors="replace").read().replace("\r", "")
for name, out in (("evidence", "ev.bin"), ("event-log", "log.bin")):
    n = int(re.search(r"^\[rampart\] %s begin (\d+)$" % name, text, re.M).group(1))
    data = bytes.fromhex("".join(re.findall(r"^\[rampart\] %s ([0-9a-f]+)$" % name, text, re.M)))
    assert len(data) == n
    open(sys.argv[2] + "/" + out, "wb").write(data)
PY
nonce=$(grep -o -- '--nonce [0-9a-f]*' "$log.cmd" | head -1 | cut -d' ' -f2)
[ -n "$nonce" ] || { echo "the case gives no nonce"; exit 1; }
"$V" reference --monitor build/monitor-debug-identity.bin \
	--policy protect --policy-config fastpath=1 --max-audit 0 \
	--memory 512M --kernel build/Image --initrd build/initramfs.cpio.gz \
	--cmdline "$cmdline" --firmware "$fw" -o "$t/ref.json" >/dev/null ||
	{ echo "reference failed"; exit 1; }
out=$("$V" check --evidence "$t/ev.bin" --ref "$t/ref.json" \
	--pubkey build/device/deviceid.pub.pem --nonce "$nonce" \
	--eventlog "$t/log.bin" 2>&1)
rc=$?
if [ "$rc" != 0 ] || ! grep -q "verdict: TRUSTED" <<<"$out"; then
	echo "verifier: exit $rc"
	tail -n 6 <<<"$out"
	exit 1
fi
echo "verdict: TRUSTED"
