#!/bin/bash
# attest.sh LOG: `verifier attest` against the guest's agent while the
# guest runs (case attest-agent; the runner's host step, ATTEST_PORT is
# the forwarded port). Issue 18: two challenges with different nonces are
# TRUSTED (one read as --json); a replayed evidence answer is NOT TRUSTED,
# naming the nonce; --watch keeps challenging until SIGINT; an idle client
# does not hold the agent; the agent's HTTP errors; an unreachable agent
# and a malformed URL end with exit 2 within seconds.
# attest.sh tpm LOG (case attest-agent-tpm, a machine with a TPM): two
# challenges, each TRUSTED with a quote over that challenge's nonce whose
# PCRs replay from the event log and the signed audit chain head (PCR 15)
# and whose signature verifies with the attestation key.
set -uo pipefail
tpm=
[ $# -lt 2 ] || [ "$1" != tpm ] || tpm=1
# (LOG, the console, is not needed: the agent is asked over the network)
V=build/verifier
url=http://127.0.0.1:$ATTEST_PORT
t=$(mktemp -d)
trap 'rm -rf "$t"; [ -z "${proxy:-}" ] || kill "$proxy" 2>/dev/null' EXIT
fails=0
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }

# status PATH: the HTTP status the agent answers PATH with (000: none)
status() {
	python3 - "$url$1" <<'PY'
import sys, urllib.request, urllib.error
try:
    print(urllib.request.urlopen(sys.argv[1], timeout=5).status)
except urllib.error.HTTPError as e:
    print(e.code)
except Exception:
    print("000")
PY
}

# The forward is QEMU's; poll until the agent behind it answers (20 s).
for _ in $(seq 100); do
	[ "$(status /nope)" = 404 ] && break
	sleep 0.2
done
[ "$(status /nope)" = 404 ] || { echo "the agent does not answer at $url"; exit 1; }

"$V" reference --kernel build/Image --initrd build/initramfs.cpio.gz \
	--cmdline console=ttyS0 \
	--firmware /usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin \
	--monitor build/monitor-identity.bin --memory 512M \
	--policy-config fastpath=1 --max-audit 0 -o "$t/ref.json" >/dev/null ||
	{ echo "verifier reference failed"; exit 1; }
args=(--ref "$t/ref.json" --pubkey build/device/deviceid.pub.pem)

if [ -n "$tpm" ]; then
	for round in 1 2; do
		out=$(timeout 60 "$V" attest "$url" "${args[@]}" \
			--ak-pubkey build/keys/ak.pub.pem 2>&1)
		rc=$?
		[ "$rc" = 0 ] || bad "tpm round $round: exit $rc"
		for want in "verdict: TRUSTED" "pass  tpm-quote " \
			"pass  tpm-quote-pcrs" "pass  tpm-quote-signature" \
			"pass  audit-chain"; do
			grep -qF -- "$want" <<<"$out" || bad "tpm round $round: no '$want'"
		done
		[ "$fails" = 0 ] || { tail -n 25 <<<"$out"; break; }
	done
	echo "attest tpm: $fails failure(s)"
	[ "$fails" = 0 ]
	exit
fi

# The monitor answers EVENT_LOG and AUDIT_CHAIN: the agent serves both
for p in /eventlog /audit?from=0; do
	s=$(status "$p")
	[ "$s" = 200 ] || bad "GET $p: HTTP $s"
done

# 1. two challenges, two nonces, both TRUSTED; the second as JSON
out=$("$V" attest "$url" "${args[@]}" 2>&1)
rc=$?
[ "$rc" = 0 ] && grep -qx 'verdict: TRUSTED' <<<"$out" ||
	bad "first attest: exit $rc: $(tail -n 3 <<<"$out")"
n1=$(sed -n 's/^  pass  nonce *\([0-9a-f]*\) (fresh)$/\1/p' <<<"$out")
echo "first attest: $(grep '^verdict' <<<"$out") (nonce $n1)"
"$V" attest "$url" "${args[@]}" --json >"$t/2.json" 2>"$t/2.err"
rc=$?
n2=$(python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
assert d["verdict"] == "trusted" and d["exit"] == 0 and not d["failed"], d["failed"]
assert [c for c in d["checks"] if c["check"] == "nonce"][0]["status"] == "pass"
print(d["evidence"]["nonce"])' "$t/2.json") && [ "$rc" = 0 ] ||
	bad "second attest (--json): exit $rc: $(head -c 300 "$t/2.json" "$t/2.err")"
echo "second attest (--json): $(head -c 60 "$t/2.json")... (nonce $n2)"
[ "${#n1}" = 64 ] && [ "${#n2}" = 64 ] && [ "$n1" != "$n2" ] ||
	bad "the two nonces are not two fresh 32-byte nonces: '$n1' '$n2'"

# 2. a replayed answer: NOT TRUSTED, the nonce check failing
python3 tests/qemu/checks/replay-proxy.py "$ATTEST_PORT" "$t/proxy-port" &
proxy=$!
for _ in $(seq 50); do [ -s "$t/proxy-port" ] && break; sleep 0.1; done
out=$("$V" attest "http://127.0.0.1:$(cat "$t/proxy-port" 2>/dev/null)" \
	"${args[@]}" 2>&1)
rc=$?
[ "$rc" = 1 ] && grep -q '^  FAIL  nonce ' <<<"$out" &&
	grep -q '^verdict: NOT TRUSTED (1 failed check: nonce)$' <<<"$out" ||
	bad "replayed answer: exit $rc: $(tail -n 4 <<<"$out")"
echo "replayed answer: $(grep '^verdict' <<<"$out") (exit $rc)"
kill "$proxy" 2>/dev/null
proxy=

# 3. --watch: a new challenge every second, until SIGINT (exit 0)
"$V" attest "$url" "${args[@]}" --watch 1 >"$t/watch" 2>&1 &
w=$!
for _ in $(seq 100); do
	[ "$(grep -c 'TRUSTED (fresh nonce)' "$t/watch")" -ge 2 ] && break
	sleep 0.1
done
kill -INT "$w"
wait "$w"
rc=$?
[ "$rc" = 0 ] && [ "$(grep -c 'TRUSTED (fresh nonce)' "$t/watch")" -ge 2 ] ||
	bad "--watch: exit $rc: $(tail -n 3 "$t/watch")"

# 4. a client that connects and says nothing holds the agent 5 s at most
python3 -c 'import socket, time
s = socket.create_connection(("127.0.0.1", '"$ATTEST_PORT"')); time.sleep(8)' &
idle=$!
sleep 0.3
start=$SECONDS
"$V" attest "$url" "${args[@]}" --timeout 15 >/dev/null 2>&1 ||
	bad "attest behind an idle client failed"
[ $((SECONDS - start)) -le 7 ] || bad "an idle client held the agent $((SECONDS - start)) s"
kill "$idle" 2>/dev/null

# 5. the agent's errors
[ "$(status '/evidence?nonce=abc')" = 400 ] || bad "odd nonce: not 400"
[ "$(status '/evidence?nonce=zz')" = 400 ] || bad "non-hex nonce: not 400"
[ "$(status "/evidence?nonce=$(printf 'ab%.0s' $(seq 65))")" = 400 ] ||
	bad "65-byte nonce: not 400"
[ "$(status '/audit?from=x')" = 400 ] || bad "bad cursor: not 400"
[ "$(status /)" = 404 ] || bad "/: not 404"

# 6. bad inputs to attest: exit 2 within seconds, one line naming it
expect2() { # WORD ARGS...
	local word=$1 start=$SECONDS out rc
	shift
	out=$(timeout 20 "$V" attest "$@" 2>&1)
	rc=$?
	[ "$rc" = 2 ] && grep -q -- "$word" <<<"$out" &&
		[ "$(wc -l <<<"$out")" = 1 ] && [ $((SECONDS - start)) -le 5 ] ||
		bad "attest $1: exit $rc in $((SECONDS - start)) s: $out"
}
closed=$(python3 -c 'import socket; s = socket.socket()
s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
expect2 "Connection refused" "http://127.0.0.1:$closed" "${args[@]}"
expect2 "want http://HOST" "https://127.0.0.1:$ATTEST_PORT" "${args[@]}"
expect2 "no path" "$url/evidence" "${args[@]}"
expect2 "port must be" "http://127.0.0.1:99999" "${args[@]}"

[ "$fails" = 0 ] || exit 1
echo "attest verdicts as expected"
