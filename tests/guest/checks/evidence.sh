#!/bin/sh
# evidence: on-demand evidence through /sys/kernel/rampart/{nonce,evidence}.
# Prints "RAMPART-GUEST: evidence nonce rejected" when a malformed nonce is
# refused, then "RAMPART-GUEST: evidence N bytes" (and the first 16 bytes in
# hex) or "RAMPART-GUEST: evidence unsupported" (the monitor answers -2), or
# "RAMPART-GUEST: evidence error MESSAGE". Without the monitor:
# "RAMPART-GUEST: rampart absent".
r=/sys/kernel/rampart
if [ ! -d "$r" ]; then
	echo "RAMPART-GUEST: rampart absent"
	exit 0
fi
if echo "xyz" >"$r/nonce" 2>/dev/null; then
	echo "RAMPART-GUEST: evidence nonce accepted (bad)"
else
	echo "RAMPART-GUEST: evidence nonce rejected"
fi
nonce=${RAMPART_NONCE:-00112233445566778899aabbccddeeff}
echo "$nonce" >"$r/nonce" || exit 1
[ "$(cat "$r/nonce")" = "$nonce" ] || echo "RAMPART-GUEST: evidence nonce mismatch"
if err=$(cat "$r/evidence" 2>&1 >/tmp/evidence); then
	echo "RAMPART-GUEST: evidence $(wc -c </tmp/evidence) bytes"
	echo "RAMPART-GUEST: evidence head $(head -c 16 /tmp/evidence | od -An -tx1 | tr -d ' \n')"
else
	case $err in
	*"not supported"*) echo "RAMPART-GUEST: evidence unsupported" ;;
	*) echo "RAMPART-GUEST: evidence error $err" ;;
	esac
fi
