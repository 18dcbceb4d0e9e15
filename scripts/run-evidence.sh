#!/bin/bash
# run-evidence.sh DIR NONCE KERNEL INITRD CMDLINE FIRMWARE POLICY MEM [AK_PUB]
# After `make run`: take the evidence and event log the monitor printed on
# the console (DIR/console.log, hex between "[rampart] X begin N" and
# "[rampart] X end"), save them as DIR/evidence.bin, DIR/eventlog.bin and
# DIR/audit-chain.bin,
# and print the verifier commands that check this boot. Writes nothing when
# the console holds no complete evidence.
set -euo pipefail
dir=$1 nonce=$2 kernel=$3 initrd=$4 cmdline=$5 firmware=$6 policy=$7 mem=$8
ak=${9:-}

extract() { # NAME OUT: the hex dump NAME from the console, checked, to OUT
	python3 - "$dir/console.log" "$1" "$2" <<'PY'
import re, sys
log, name, out = sys.argv[1:]
text = open(log, errors="replace").read().replace("\r", "")
# whole lines only: another hart's output may interleave with the dump
m = re.search(r"^\[rampart\] %s begin (\d+)$" % name, text, re.M)
if not m:
    sys.exit(1)
data = bytes.fromhex("".join(re.findall(r"^\[rampart\] %s ([0-9a-f]+)$" % name, text, re.M)))
if len(data) != int(m.group(1)):
    sys.exit(1)
open(out + ".tmp", "wb").write(data)
PY
	mv "$2.tmp" "$2"
}

if ! extract evidence "$dir/evidence.bin" 2>/dev/null ||
	! extract event-log "$dir/eventlog.bin" 2>/dev/null ||
	! extract audit-chain "$dir/audit-chain.bin" 2>/dev/null; then
	rm -f "$dir"/*.tmp
	echo "run: no launch evidence on the console (did the boot reach the payload?)" >&2
	exit 0
fi
# Every part pinned: the monitor built here, the firmware, the policy and
# its configuration as make run boots them (fast paths on), the memory, and
# an audit budget of 0 (no firmware access blocked).
ref=(build/verifier reference --kernel "$kernel" --cmdline "$cmdline"
	--firmware "$firmware" --monitor build/monitor-identity.bin
	--policy "$policy" --policy-config fastpath=1 --memory "$mem"
	--max-audit 0 -o "$dir/ref.json")
[ "$initrd" = none ] || ref+=(--initrd "$initrd")
check=(build/verifier check --evidence "$dir/evidence.bin" --ref "$dir/ref.json"
	--pubkey build/device/deviceid.pub.pem --nonce "$nonce"
	--eventlog "$dir/eventlog.bin" --audit-chain "$dir/audit-chain.bin")
[ -z "$ak" ] || check+=(--ak-pubkey "$ak")
q() { printf '%q ' "$@"; }
cat <<MSG

run: this boot's evidence is in $dir/ (nonce $nonce). Check it with:
  $(q "${ref[@]}")
  $(q "${check[@]}")
MSG
