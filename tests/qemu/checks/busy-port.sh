#!/bin/bash
# busy-port.sh COMMAND...: run COMMAND with BUSY_PORT set to a port on
# 127.0.0.1 that something listens on for as long as COMMAND runs (a
# launcher case: ATTEST_PORT must refuse a port in use). Prints nothing of
# its own; exits with COMMAND's status.
set -uo pipefail
ready=$(mktemp)
trap 'rm -f "$ready"; kill "$holder" 2>/dev/null' EXIT
python3 -c '
import socket, sys, time
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(1)
open(sys.argv[1], "w").write("%d\n" % s.getsockname()[1])
time.sleep(60)' "$ready" &
holder=$!
for _ in $(seq 50); do
	[ -s "$ready" ] && break
	sleep 0.1
done
BUSY_PORT=$(cat "$ready")
export BUSY_PORT
"$@"
