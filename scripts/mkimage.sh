#!/bin/sh
# mkimage.sh MONITOR_BIN FIRMWARE_BIN OUT
# Builds the single -bios image: the monitor padded to 1 MiB, then the
# firmware blob, so that the firmware lands at 0x8010_0000 (docs/architecture.md: memory
# layout). The last 16 bytes of the monitor region hold a trailer the
# monitor reads to measure exactly the blob: "RPIMAGE1", then the
# firmware's size as a little-endian u64. Fails, leaving no output, if the
# monitor or the firmware does not fit.
set -eu
# make FIRMWARE= leaves the firmware's word out: say so, not "parameter
# not set"
if [ $# -ne 3 ] || [ -z "$2" ]; then
	echo "mkimage: FIRMWARE is empty: give the path of a raw RISC-V firmware (usage: mkimage.sh MONITOR_BIN FIRMWARE_BIN OUT)" >&2
	exit 2
fi
mon=$1 fw=$2 out=$3
limit=1048576
trailer=16
size=$(stat -c %s "$mon")
if [ "$size" -gt $((limit - trailer)) ]; then
	echo "mkimage: $mon is $size bytes, over the 1 MiB monitor region" >&2
	exit 1
fi
[ -r "$fw" ] || { echo "mkimage: cannot read firmware $fw" >&2; exit 1; }
fwsize=$(stat -c %s "$fw")
if [ "$fwsize" -eq 0 ] || [ "$fwsize" -gt "$limit" ]; then
	echo "mkimage: firmware $fw is $fwsize bytes: must be 1 byte to 1 MiB" >&2
	exit 1
fi
tmp="$out.tmp.$$"
trap 'rm -f "$tmp"' EXIT
cp "$mon" "$tmp"
truncate -s $((limit - trailer)) "$tmp"
printf 'RPIMAGE1' >> "$tmp"
for i in 0 1 2 3 4 5 6 7; do
	printf "\\$(printf '%03o' $(( (fwsize >> (8 * i)) & 255 )))" >> "$tmp"
done
cat "$fw" >> "$tmp"
mv "$tmp" "$out"
trap - EXIT
