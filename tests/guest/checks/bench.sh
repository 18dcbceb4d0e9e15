#!/bin/sh
# bench: SBI round trips through /sys/kernel/sbibench (the sbibench driver,
# docs/bench.md). Reads instret first: instructions from reset to here, just
# after the init marker. Then prints, in the order asked,
#   RAMPART-GUEST: bench boot-instret N
#   RAMPART-GUEST: bench NAME PER_CALL     (instructions per call, 2 decimals)
#   RAMPART-GUEST: bench NAME unavailable (ERROR)   (send_ipi and
#                  remote_sfence_vma need a second hart)
# rampart.bench=LIST (comma separated) on the kernel command line picks them:
# boot, null, pmu_num_counters, set_timer, send_ipi, send_ipi_self,
# remote_sfence_vma, remote_sfence_vma_self, putchar; default all. sbibench.iterations=N sets
# the calls per benchmark (default 10000).
s=/sys/kernel/sbibench
boot=$(cat "$s/instret" 2>/dev/null)
if [ -z "$boot" ]; then
	echo "RAMPART-GUEST: bench sbibench absent"
	exit 1
fi

list=boot,null,pmu_num_counters,set_timer,send_ipi,send_ipi_self
list=$list,remote_sfence_vma,remote_sfence_vma_self,putchar
# shellcheck disable=SC2013 # the command line is words
for arg in $(cat /proc/cmdline); do
	case $arg in
	rampart.bench=*) list=${arg#rampart.bench=} ;;
	esac
done

for name in $(echo "$list" | tr ',' ' '); do
	case $name in
	boot)
		echo "RAMPART-GUEST: bench boot-instret $boot"
		continue
		;;
	null | pmu_num_counters | set_timer | send_ipi | send_ipi_self | \
		remote_sfence_vma | remote_sfence_vma_self | putchar) ;;
	*)
		echo "RAMPART-GUEST: bench $name unknown"
		continue
		;;
	esac
	if out=$(cat "$s/$name" 2>/tmp/bench-err); then
		echo "RAMPART-GUEST: bench $name ${out%% *}"
	else
		echo "RAMPART-GUEST: bench $name unavailable ($(cat /tmp/bench-err))"
	fi
done
