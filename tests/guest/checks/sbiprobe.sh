#!/bin/sh
# The machine's answers to a fixed list of SBI calls (sbiprobe driver), one
# line each, for a comparison with native OpenSBI.
if [ ! -r /sys/kernel/sbiprobe/answers ]; then
	echo "RAMPART-GUEST: sbi sbiprobe absent"
	exit 0
fi
while read -r line; do
	echo "RAMPART-GUEST: sbi $line"
done < /sys/kernel/sbiprobe/answers
