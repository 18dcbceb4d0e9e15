#!/bin/sh
# switches: the monitor's world switches into the firmware by cause
# (/sys/kernel/rampart/switches, docs/sbi.md SWITCHES) around the sbibench
# driver's PMU benchmark: N calls (sbibench.iterations) that only the
# firmware answers, so under Rampart N switches of cause "ecall 0x504d55"
# (the PMU extension) in between; natively the file is absent.
#   RAMPART-GUEST: switches absent
#   RAMPART-GUEST: switches pmu DELTA of N calls
#   RAMPART-GUEST: switches base DELTA   (answered in the monitor: 0)
# Then the null benchmark: N base-extension calls, answered by the monitor,
# so N answers of cause "inplace-ecall 0x10" and no switch:
#   RAMPART-GUEST: switches base in place DELTA of N calls, DELTA switched
sw=/sys/kernel/rampart/switches
if [ ! -r "$sw" ]; then
	echo "RAMPART-GUEST: switches absent"
	exit 0
fi
# count KIND CODE FILE: that cause's count in a snapshot, 0 when absent
count() { awk -v k="$1" -v c="$2" '$1 == k && $2 == c { n = $3 } END { print n + 0 }' "$3"; }
cat "$sw" >/tmp/switches.before
out=$(cat /sys/kernel/sbibench/pmu_num_counters) || {
	echo "RAMPART-GUEST: switches sbibench failed"
	exit 1
}
cat "$sw" >/tmp/switches.after
calls=${out##* }
echo "RAMPART-GUEST: switches pmu $(($(count ecall 0x504d55 /tmp/switches.after) - \
	$(count ecall 0x504d55 /tmp/switches.before))) of $calls calls"
echo "RAMPART-GUEST: switches base $(($(count ecall 0x10 /tmp/switches.after) - \
	$(count ecall 0x10 /tmp/switches.before)))"
# The base extension's answers are learnt per hart from the firmware's
# first one (fastpath.h): warm this hart up first, and stay on it.
taskset 1 cat /sys/kernel/sbibench/null >/dev/null || {
	echo "RAMPART-GUEST: switches sbibench failed"
	exit 1
}
cat "$sw" >/tmp/switches.before
out=$(taskset 1 cat /sys/kernel/sbibench/null) || {
	echo "RAMPART-GUEST: switches sbibench failed"
	exit 1
}
cat "$sw" >/tmp/switches.after
calls=${out##* }
echo "RAMPART-GUEST: switches base in place $(($(count inplace-ecall 0x10 /tmp/switches.after) - \
	$(count inplace-ecall 0x10 /tmp/switches.before))) of $calls calls, $(($(count ecall 0x10 /tmp/switches.after) - \
	$(count ecall 0x10 /tmp/switches.before))) switched"
