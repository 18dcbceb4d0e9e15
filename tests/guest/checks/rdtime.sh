#!/bin/sh
# rdtime: the time CSR read from user space (tests/guest/rdtime/
# rdtime-probe.c), first as the kernel was started (scounteren as the
# firmware left it: OpenSBI enables TM, so the hart answers), then with
# scounteren.TM cleared, so each read traps to M-mode. Prints
#   RAMPART-GUEST: rdtime scounteren 0xVALUE
#   RAMPART-GUEST: rdtime direct|trapped reads N monotonic yes consistent yes
#   RAMPART-GUEST: rdtime direct|trapped ticks T
# rampart.rdtime=N sets the reads (default 10000).
s=/sys/kernel/sbibench/scounteren
n=10000
# shellcheck disable=SC2013 # the command line is words
for arg in $(cat /proc/cmdline); do
	case $arg in
	rampart.rdtime=*) n=${arg#rampart.rdtime=} ;;
	esac
done
if ! old=$(cat "$s" 2>/dev/null); then
	echo "RAMPART-GUEST: rdtime sbibench absent"
	exit 1
fi
echo "RAMPART-GUEST: rdtime scounteren $old"
rc=0
/bin/rdtime-probe direct "$n" || rc=1
echo $((old & ~2)) >"$s"
/bin/rdtime-probe trapped "$n" || rc=1
echo "$old" >"$s"
exit $rc
