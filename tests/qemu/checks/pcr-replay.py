#!/usr/bin/env python3
"""pcr-replay.py LOG: the event log the monitor printed (hex, between
"[rampart] event-log begin N" and "end") must be the log the guest read
from securityfs (same size and SHA-256), tpm2_eventlog must parse it, and
replaying it (SHA-256 bank, from zeros) must give the PCR values the guest
read from the TPM. Exit 0 if all hold; else 1 and the reason."""
import hashlib, re, subprocess, sys, tempfile

def fail(why):
    print(why)
    sys.exit(1)

def monitor_log(text):
    m = re.search(r"\[rampart\] event-log begin (\d+)\n(.*?)\[rampart\] event-log end", text, re.S)
    if not m:
        fail("no event log on the console")
    data = bytes.fromhex("".join(l.split()[-1] for l in m.group(2).strip().splitlines()))
    if len(data) != int(m.group(1)):
        fail("console event log truncated")
    return data

def replay(data):
    """Walk TCG_PCR_EVENT2 records after the Spec ID event (SHA-256 only)."""
    pcrs = {i: bytes(32) for i in range(24)}
    at = 32 + int.from_bytes(data[28:32], "little")  # TCG_PCR_EVENT header + data
    while at < len(data):
        pcr, etype, count = (int.from_bytes(data[at + o:at + o + 4], "little") for o in (0, 4, 8))
        at += 12
        digest = None
        for _ in range(count):
            alg = int.from_bytes(data[at:at + 2], "little")
            if alg != 0x000B:
                fail("log has a digest that is not SHA-256")
            digest, at = data[at + 2:at + 34], at + 34
        size = int.from_bytes(data[at:at + 4], "little")
        at += 4 + size
        if etype != 3:  # EV_NO_ACTION is never extended
            pcrs[pcr] = hashlib.sha256(pcrs[pcr] + digest).digest()
    return pcrs

def main():
    text = open(sys.argv[1], errors="replace").read().replace("\r", "")
    data = monitor_log(text)
    m = re.search(r"RAMPART-GUEST: eventlog (\d+) bytes sha256 ([0-9a-f]{64})", text)
    if not m:
        fail("the guest printed no event log")
    if int(m.group(1)) != len(data) or m.group(2) != hashlib.sha256(data).hexdigest():
        fail("the guest's log differs from the monitor's")
    with tempfile.NamedTemporaryFile(suffix=".bin") as f:
        f.write(data)
        f.flush()
        r = subprocess.run(["tpm2_eventlog", f.name], capture_output=True, text=True)
    if r.returncode != 0:
        fail("tpm2_eventlog rejects the log: " + r.stderr.strip()[-200:])
    ours = replay(data)
    for i in range(10):
        g = re.search(r"RAMPART-GUEST: pcr %d ([0-9A-Fa-f]{64})" % i, text)
        if not g:
            fail("the guest printed no PCR %d" % i)
        t = re.search(r"^\s+%d\s*: 0x([0-9A-Fa-f]{64})" % i, r.stdout, re.M)
        if g.group(1).lower() != ours[i].hex():
            fail("PCR %d: TPM %s, replay %s" % (i, g.group(1).lower(), ours[i].hex()))
        if not t or t.group(1).lower() != ours[i].hex():
            fail("PCR %d: tpm2_eventlog's replay differs from ours" % i)
    print("event log, tpm2_eventlog and PCRs 0-9 agree")

main()
