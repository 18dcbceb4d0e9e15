#!/bin/sh
# harts: how many harts Linux brought online.
# Prints "RAMPART-GUEST: harts online N".
online=$(cat /sys/devices/system/cpu/online 2>/dev/null)
n=0
# /sys/devices/system/cpu/online is a list of ranges: "0", "0-3", "0,2-3".
for r in $(echo "$online" | tr ',' ' '); do
	case $r in
	*-*) n=$((n + ${r#*-} - ${r%-*} + 1)) ;;
	*) n=$((n + 1)) ;;
	esac
done
[ "$n" -gt 0 ] || n=$(grep -c '^processor' /proc/cpuinfo)
echo "RAMPART-GUEST: harts online $n"
