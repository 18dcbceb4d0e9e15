#!/bin/sh
# mkimage.sh MONITOR_BIN FIRMWARE_BIN OUT
# Builds the single -bios image: the monitor padded to 1 MiB, then the
# firmware blob, so that the firmware lands at 0x8010_0000 (DESIGN: memory
# layout). Fails, leaving no output, if the monitor does not fit.
set -eu
mon=$1 fw=$2 out=$3
limit=1048576
size=$(stat -c %s "$mon")
if [ "$size" -gt "$limit" ]; then
	echo "mkimage: $mon is $size bytes, over the 1 MiB monitor region" >&2
	exit 1
fi
[ -r "$fw" ] || { echo "mkimage: cannot read firmware $fw" >&2; exit 1; }
tmp="$out.tmp.$$"
trap 'rm -f "$tmp"' EXIT
cp "$mon" "$tmp"
truncate -s "$limit" "$tmp"
cat "$fw" >> "$tmp"
mv "$tmp" "$out"
trap - EXIT
