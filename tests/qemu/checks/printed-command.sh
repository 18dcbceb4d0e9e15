#!/bin/bash
# printed-command.sh EXIT WORD FIRMWARE PAYLOAD CMDLINE LOG: run the
# verifier commands `make run` prints for this boot (scripts/run-evidence.sh
# on the case's console log, as make run calls it) and require the check to
# exit EXIT and name WORD (e.g. "FAIL  monitor").
set -uo pipefail
want=$1 word=$2 firmware=$3 payload=$4 cmdline=$5 log=$6
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
nonce=$(grep -o -- '--nonce [0-9a-f]*' "$log.cmd" | head -1 | cut -d' ' -f2)
cp "$log" "$t/console.log"
printed=$(scripts/run-evidence.sh "$t" "$nonce" "$payload" none "$cmdline" \
	"$firmware" protect 512M) || { echo "run-evidence.sh failed"; exit 1; }
mapfile -t cmds < <(grep '^  build/verifier ' <<<"$printed")
[ "${#cmds[@]}" = 2 ] || { echo "no verifier commands printed: $printed"; exit 1; }
eval "${cmds[0]}" >/dev/null || { echo "printed reference command failed"; exit 1; }
out=$(eval "${cmds[1]}" 2>&1)
rc=$?
if [ "$rc" != "$want" ] || ! grep -q -- "$word" <<<"$out"; then
	echo "expected exit $want naming '$word' from: ${cmds[1]}"
	echo "got $rc:"
	tail -n 25 <<<"$out"
	exit 1
fi
grep -- "$word" <<<"$out"
