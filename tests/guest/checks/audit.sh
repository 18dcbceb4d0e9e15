#!/bin/sh
# audit: Rampart's SBI extension through /sys/kernel/rampart (the rampart
# driver). Prints "RAMPART-GUEST: rampart info abi=1 policy=P",
# "RAMPART-GUEST: audit total=N read=N write=N exec=N",
# "RAMPART-GUEST: audit suppressed=N", then one
# "RAMPART-GUEST: audit-record hart=H access=A addr=0x.. pc=0x.." per record
# (most recent first). Without the monitor: "RAMPART-GUEST: rampart absent".
r=/sys/kernel/rampart
if [ ! -d "$r" ]; then
	echo "RAMPART-GUEST: rampart absent"
	exit 0
fi
info=$(cat "$r/info") || exit 1
echo "RAMPART-GUEST: rampart info $info"
line=
for k in total read write exec; do
	v=$(cat "$r/audit/$k") || exit 1
	line="$line $k=$v"
done
echo "RAMPART-GUEST: audit${line}"
v=$(cat "$r/audit/suppressed") || exit 1
echo "RAMPART-GUEST: audit suppressed=$v"
cat "$r/audit/records" >/tmp/audit-records || exit 1
while read -r rec; do
	echo "RAMPART-GUEST: audit-record $rec"
done </tmp/audit-records
echo "RAMPART-GUEST: audit records $(wc -l </tmp/audit-records)"
