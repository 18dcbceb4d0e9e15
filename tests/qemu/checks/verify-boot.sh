#!/bin/bash
# verify-boot.sh SCENARIO LOG: the verifier on a real boot's evidence (the
# console log of a case). SCENARIO linux: trusted with the reference from
# the exact files; NOT trusted, naming the right check, for another kernel,
# initrd, command line or firmware, a wrong nonce, a wrong key, a flipped
# signature byte, and an event log that does not replay (a quote whose PCRs
# are not the log's cannot come from an honest boot: tests/host's verifier
# tests craft one). SCENARIO hostile: trusted, but not with --max-audit 0.
# SCENARIO sifive_u: a QEMU sifive_u boot, trusted with the reference from
# its files, not with a virt boot's command line.
# Issue 8, must-shows 1 and 2.
set -uo pipefail
scenario=$1 log=$2
V=build/verifier
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fails=0

python3 - "$log" "$t" <<'PY' || { echo "no evidence or event log on the console"; exit 1; }
import re, sys
text = open(sys.argv[1], errors="replace").read().replace("\r", "")
for name, out in (("evidence", "ev.bin"), ("event-log", "log.bin"),
                  ("audit-chain", "chain.bin")):
    n = int(re.search(r"^\[rampart\] %s begin (\d+)$" % name, text, re.M).group(1))
    data = bytes.fromhex("".join(re.findall(r"^\[rampart\] %s ([0-9a-f]+)$" % name, text, re.M)))
    assert len(data) == n
    open(sys.argv[2] + "/" + out, "wb").write(data)
PY
nonce=$(grep -o -- '--nonce [0-9a-f]*' "$log.cmd" 2>/dev/null | head -1 | cut -d' ' -f2)
[ -n "$nonce" ] || nonce=00112233445566778899aabbccddeeff

# expect EXIT WORD -- ARGS: the verifier exits EXIT and its output names WORD
expect() {
	local want=$1 word=$2 out rc
	shift 3
	out=$("$V" "$@" 2>&1)
	rc=$?
	if [ "$rc" != "$want" ] || ! grep -q -- "$word" <<<"$out"; then
		echo "expected exit $want naming '$word', got $rc:"
		tail -n 4 <<<"$out"
		fails=$((fails + 1))
	fi
}

# NAME then verifier reference arguments. Strict references: the monitor
# the cases boot (the debug image), the policy's configuration and an audit
# budget of 0 and the cases' 512 MiB unless the arguments say otherwise (the last one given wins).
ref() {
	local name=$1
	shift
	"$V" reference --monitor build/monitor-debug-identity.bin \
		--policy protect --policy-config fastpath=1 --max-audit 0 \
		--memory 512M \
		"$@" -o "$t/$name.json" >/dev/null ||
		{ echo "reference $name failed"; exit 1; }
}

check() { # REF [extra check arguments]
	local r=$1
	shift
	echo check --evidence "$t/ev.bin" --ref "$t/$r.json" \
		--pubkey build/device/deviceid.pub.pem --nonce "$nonce" \
		--eventlog "$t/log.bin" --audit-chain "$t/chain.bin" "$@"
}

# chain MODE: the audit chain answer altered as an agent could: drop the
# last record, drop the first (and restart the chain after it), change a
# record's address; each must be NOT TRUSTED naming audit-chain.
chain() {
	python3 - "$t/chain.orig" "$t/chain.bin" "$1" <<'PY'
import hashlib, struct, sys
d = bytearray(open(sys.argv[1], "rb").read())
mode, hdr, rec = sys.argv[3], 64, 40
total, first, count = struct.unpack("<QQI", d[8:28])
recs = [bytes(d[hdr + i * rec:hdr + (i + 1) * rec]) for i in range(count)]
base = bytes(d[32:64])
if mode == "drop-last":
    recs = recs[:-1]
elif mode == "trim-first":
    base = hashlib.sha256(base + hashlib.sha256(recs[0]).digest()).digest()
    first, recs = first + 1, recs[1:]
elif mode == "alter":
    r = bytearray(recs[0]); r[16] ^= 0x40; recs[0] = bytes(r)
out = d[:8] + struct.pack("<QQI", total, first, len(recs)) + d[28:32] + base
open(sys.argv[2], "wb").write(out + b"".join(recs))
PY
}

flip() { # IN OFFSET_FROM_END OUT: one byte inverted
	python3 -c 'import sys; d=bytearray(open(sys.argv[1],"rb").read()); i=len(d)-int(sys.argv[2]); d[i]^=0xff; open(sys.argv[3],"wb").write(d)' "$@"
}

# Independent tools check the device identity as a user would: openssl
# verifies the alias certificate the evidence carries against the DeviceID
# certificate, and the evidence signature with the alias key (the signed
# part is the header and body, then an 8-byte trailer, then DER).
python3 - "$t" <<'PY'
import struct, sys
d = open(sys.argv[1] + "/ev.bin", "rb").read()
end = 16 + struct.unpack("<I", d[8:12])[0]
open(sys.argv[1] + "/signed.bin", "wb").write(d[:end])
open(sys.argv[1] + "/sig.der", "wb").write(d[end + 8:])
off = 16
while off < end:
    tag, _, n = struct.unpack("<HHI", d[off:off + 8])
    if tag == 0x30:
        open(sys.argv[1] + "/alias.der", "wb").write(d[off + 8:off + 8 + n])
    off += 8 + n + (8 - n % 8) % 8
PY
if ! openssl x509 -inform der -in "$t/alias.der" -out "$t/alias.pem" ||
	! openssl verify -CAfile build/device/deviceid.crt.pem "$t/alias.pem" >/dev/null ||
	! openssl x509 -in "$t/alias.pem" -pubkey -noout >"$t/alias.pub.pem" ||
	! openssl dgst -sha256 -verify "$t/alias.pub.pem" \
		-signature "$t/sig.der" "$t/signed.bin" >/dev/null; then
	echo "openssl does not verify the alias certificate or the evidence signature"
	fails=$((fails + 1))
fi

# No secret in any file under build/ but the device's own state: the UDS,
# and the DeviceID key, CDI and alias key the launcher derived for this
# boot (build/dice secrets; the configuration is the case's options but
# the nonce and payload size). The alias key must be the certificate's, or
# the search would look for the wrong bytes.
no_secret_in_build() {
	local image=build/cases/$(basename "$log" .log).bin
	printf 'policy=protect\n' >"$t/opts"
	build/dice secrets build/device "$image" "$t/opts" >"$t/secrets" ||
		{ echo "dice secrets failed"; fails=$((fails + 1)); return; }
	python3 - "$t" <<'PY' || fails=$((fails + 1))
import os, stat, subprocess, sys
t = sys.argv[1]
secrets = {n: bytes.fromhex(h) for n, h in
           (l.split() for l in open(t + "/secrets"))}
secrets["uds"] = open("build/device/uds.bin", "rb").read()
# SEC1 DER of the alias scalar: openssl derives its public key
der = bytes.fromhex("30310201010420") + secrets["alias"] + \
    bytes.fromhex("a00a06082a8648ce3d030107")
pub = subprocess.run(["openssl", "ec", "-inform", "der", "-pubout"],
                     input=der, capture_output=True).stdout
if pub != open(t + "/alias.pub.pem", "rb").read():
    sys.exit("the derived alias key is not the certificate's: search void")
found = []
for root, dirs, files in os.walk("build"):
    for f in files:
        p = os.path.join(root, f)
        # regular files only: a FIFO (a runner's) would block the read
        if p == "build/device/uds.bin" or not stat.S_ISREG(os.lstat(p).st_mode):
            continue
        try:
            data = open(p, "rb").read()
        except OSError:
            continue
        found += ["%s in %s" % (n, p) for n, s in secrets.items() if s in data]
if found:
    sys.exit("secret bytes under build/: " + ", ".join(found))
PY
}

# After its attacks the payload fetched fresh evidence (nonce a0..af), the
# event log and the audit chain through the SBI extension, as an agent
# would: the verifier must trust them and list exactly the accesses the
# monitor denied (the payload's own AUDIT_RECORDS view, the newest 16),
# and refuse the chain with two records swapped.
ondemand_after_attacks() {
	python3 - "$log" "$t" <<'PY' || { echo "no on-demand attestation from the payload"; fails=$((fails + 1)); return; }
import re, sys
text = open(sys.argv[1], errors="replace").read().replace("\r", "")
for name in ("evidence", "eventlog", "chain"):
    n = int(re.search(r"^PAYLOAD attest-%s begin (\d+)$" % name, text, re.M).group(1))
    data = bytes.fromhex("".join(re.findall(r"^PAYLOAD attest-%s ([0-9a-f]+)$" % name, text, re.M)))
    assert len(data) == n, name
    open("%s/od-%s.bin" % (sys.argv[2], name), "wb").write(data)
recs = re.findall(r"^PAYLOAD audit record hart=(\d+) access=(\w+) addr=(0x[0-9a-f]+)", text, re.M)
open(sys.argv[2] + "/od-records.txt", "w").write("".join("%s %s %s\n" % r for r in reversed(recs)))
PY
	od=(check --evidence "$t/od-evidence.bin" --ref "$t/good.json"
		--pubkey build/device/deviceid.pub.pem --nonce a0a1a2a3a4a5a6a7a8a9aaabacadaeaf
		--eventlog "$t/od-eventlog.bin" --audit-chain "$t/od-chain.bin")
	expect 0 "verdict: TRUSTED" -- "${od[@]}"
	"$V" "${od[@]}" | grep '^  denied\|^verdict'
	if [ "$scenario" = hostile-tpm ]; then
		expect 0 "8,15 equal the event log's replay" -- \
			"${od[@]}" --ak-pubkey build/keys/ak.pub.pem
		expect 0 "pass  tpm-quote-signature" -- "${od[@]}" --ak-pubkey build/keys/ak.pub.pem
	fi
	"$V" "${od[@]}" --json | python3 -c '
import json, sys
d = json.load(sys.stdin)["audit"]
got = ["%d %s 0x%x" % (r["hart"], r["access"], r["addr"]) for r in d["denied"]]
want = open(sys.argv[1]).read().split("\n")[:-1]
assert len(got) == d["total"] > 1, "not every denied access listed"
assert got[-len(want):] == want, "listed %s, the monitor recorded %s" % (got, want)
' "$t/od-records.txt" || { echo "on-demand: the denied accesses listed are not the monitor's"; fails=$((fails + 1)); }
	expect 1 "FAIL  nonce" -- "${od[@]}" --nonce a0a1a2a3a4a5a6a7a8a9aaabacadaeae
	python3 - "$t/od-chain.bin" <<'PY'
import struct, sys
d = bytearray(open(sys.argv[1], "rb").read())
a, b = d[64:104], d[104:144]
d[64:104], d[104:144] = b[:0] + b, a
d[64:72], d[104:112] = struct.pack("<Q", 0), struct.pack("<Q", 1)
open(sys.argv[1], "wb").write(d)
PY
	expect 1 "FAIL  audit-chain" -- "${od[@]}"
	echo "on-demand chain, two records swapped: $("$V" "${od[@]}" | grep '^verdict')"
}

fw=/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin
case $scenario in
linux)
	cmdline="console=ttyS0 rampart.test=tpm"
	ref good --kernel build/Image --initrd build/initramfs.cpio.gz --cmdline "$cmdline" --firmware "$fw"
	ref kernel --kernel build/bad/onebyte.Image --initrd build/initramfs.cpio.gz --cmdline "$cmdline" --firmware "$fw"
	ref initrd --kernel build/Image --initrd build/bad/truncated.Image --cmdline "$cmdline" --firmware "$fw"
	ref cmdline --kernel build/Image --initrd build/initramfs.cpio.gz --cmdline "$cmdline quiet" --firmware "$fw"
	ref firmware --kernel build/Image --initrd build/initramfs.cpio.gz --cmdline "$cmdline" \
		--firmware /usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.bin
	# the policy's configuration: fast paths on, as booted; off is another
	ref config --kernel build/Image --initrd build/initramfs.cpio.gz --cmdline "$cmdline" --firmware "$fw" --policy-config fastpath=1
	ref noconfig --kernel build/Image --initrd build/initramfs.cpio.gz --cmdline "$cmdline" --firmware "$fw" --policy-config fastpath=0
	ak=(--ak-pubkey build/keys/ak.pub.pem)
	expect 0 "verdict: TRUSTED" -- $(check good) "${ak[@]}"
	expect 1 "FAIL  kernel" -- $(check kernel) "${ak[@]}"
	expect 1 "FAIL  initrd" -- $(check initrd) "${ak[@]}"
	expect 1 "FAIL  cmdline" -- $(check cmdline) "${ak[@]}"
	expect 1 "FAIL  firmware" -- $(check firmware) "${ak[@]}"
	expect 0 "verdict: TRUSTED" -- $(check config) "${ak[@]}"
	expect 1 "FAIL  policy" -- $(check noconfig) "${ak[@]}"
	nonce_ok=$nonce; nonce=ffeeddccbbaa99887766554433221100
	expect 1 "FAIL  nonce" -- $(check good) "${ak[@]}"
	nonce=$nonce_ok
	no_secret_in_build
	# evidence from another provisioned device: its DeviceID is not ours
	build/dice provision "$t/other" >/dev/null
	expect 1 "FAIL  identity" -- $(check good | sed "s#build/device/deviceid.pub.pem#$t/other/deviceid.pub.pem#") "${ak[@]}"
	cp "$t/ev.bin" "$t/ev.orig"; flip "$t/ev.orig" 2 "$t/ev.bin"
	expect 1 "FAIL  signature" -- $(check good) "${ak[@]}"
	cp "$t/ev.orig" "$t/ev.bin"
	cp "$t/log.bin" "$t/log.orig"; flip "$t/log.orig" 40 "$t/log.bin"
	expect 1 "FAIL  eventlog" -- $(check good) "${ak[@]}"
	cp "$t/log.orig" "$t/log.bin"
	;;
sifive_u)
	# QEMU sifive_u (issue 19), no TPM: the reference is made as for
	# virt, from the same files (the verifier names no machine: the
	# evidence's facts, DRAM from 0x8000_0000 and the monitor's and
	# firmware's memory kept from the kernel, hold on both); only the
	# command line differs, and a virt boot's does not match
	cmdline="console=ttySIF0 rampart.test=harts rampart.end=reboot"
	ref good --kernel build/Image --initrd build/initramfs.cpio.gz --cmdline "$cmdline" --firmware "$fw"
	ref virt --kernel build/Image --initrd build/initramfs.cpio.gz --cmdline "console=ttyS0 rampart.test=harts" --firmware "$fw"
	expect 0 "verdict: TRUSTED" -- $(check good)
	expect 0 "pass  memory" -- $(check good)
	expect 1 "FAIL  cmdline" -- $(check virt)
	;;
hostile | hostile-tpm)
	ref good --kernel build/firmware/payload.bin --cmdline console=ttyS0 \
		--firmware build/firmware/hostile.bin --max-audit 64
	expect 0 "verdict: TRUSTED" -- $(check good)
	expect 1 "FAIL  max-audit" -- $(check good) --max-audit 0
	# the monitor that ran is not the one the reference names
	ref release --kernel build/firmware/payload.bin --cmdline console=ttyS0 \
		--firmware build/firmware/hostile.bin --max-audit 64 \
		--monitor build/monitor-identity.bin
	expect 1 "FAIL  monitor" -- $(check release)
	# every denied access listed, with its hart, kind, address and pc
	expect 0 "denied #0 hart=0 access=" -- $(check good)
	cp "$t/chain.bin" "$t/chain.orig"
	for mode in drop-last trim-first alter; do
		chain "$mode"
		expect 1 "FAIL  audit-chain" -- $(check good)
		echo "launch chain, $mode: $("$V" $(check good) | grep '^verdict')"
	done
	cp "$t/chain.orig" "$t/chain.bin"
	ondemand_after_attacks
	;;
bss)
	# QEMU loaded garbage into the kernel's bss before the boot (RAM that
	# is not zero at reset, as on a board): it must lie past the Image
	# file and inside its image_size, and the kernel must still verify
	# against the file alone (the monitor zeroes the bss before hashing).
	read -r at len < <(sed -n 's/.*loader,file=[^,]*,addr=\(0x[0-9a-f]*\).*/\1/p' "$log.cmd" |
		head -1 | xargs -I{} echo {} "$(stat -c %s build/bad/bss-garbage.bin)")
	python3 - "$at" "$len" <<'PY' || exit 1
import struct, os, sys
at, n = int(sys.argv[1], 16), int(sys.argv[2])
size = struct.unpack("<Q", open("build/Image", "rb").read(24)[16:24])[0]
lo, hi = 0x80200000 + os.path.getsize("build/Image"), 0x80200000 + size
if not (lo <= at and at + n <= hi):
    sys.exit("garbage at %#x+%#x is not inside the bss [%#x, %#x)" % (at, n, lo, hi))
PY
	ref good --kernel build/Image --initrd build/initramfs.cpio.gz \
		--cmdline "console=ttyS0 rampart.test=harts" --firmware "$fw"
	expect 0 "verdict: TRUSTED" -- $(check good)
	;;
*)
	echo "unknown scenario $scenario"
	exit 2
	;;
esac
[ "$fails" = 0 ] || exit 1
echo "verifier verdicts as expected ($scenario)"
