#!/bin/sh
# Application benchmarks (make bench: scripts/bench-apps.sh, docs/bench.md),
# run as a guest check (rampart.test=apps) from build/initramfs-apps.cpio.gz.
# Each workload is a fixed amount of work timed by the guest's own clock:
#   redis SET, redis GET  redis-benchmark over loopback against redis-server
#   msgbench              hackbench-style message passing on every hart
#   compute               integer hashing on every hart
# Around each one the monitor's world switches and its in-place answers
# (payload traps answered without a switch), by cause, are read
# (/sys/kernel/rampart/switches; absent natively) with the guest clock
# (nsclock), and the differences printed. Sizes come from the command line:
#   rampart.apps=REQUESTS,CLIENTS,NGROUPS,FDS,LOOPS,PROCS,ROUNDS
# Lines: "RAMPART-GUEST: apps NAME ..." (the workload's figure),
#        "RAMPART-GUEST: apps window NAME ns=T switches=N inplace=M",
#        "RAMPART-GUEST: apps switch NAME KIND CODE COUNT" (one per cause),
#        "RAMPART-GUEST: apps inplace NAME KIND CODE COUNT" (one per cause
#        answered in place: KIND inplace-ecall, -exception, -interrupt),
#        "RAMPART-GUEST: apps error ..." and "RAMPART-GUEST: apps done".
# Pinning. Under QEMU -icount the harts run round-robin, and a hart that
# waits spinning keeps its time slice (docs/bench.md): native OpenSBI
# spins in every remote TLB shootdown (SBI remote_sfence_vma), which Linux
# sends when a process's memory map changes after it ran on other harts.
# So this script runs on hart 0 only (re-executed under taskset: exec gives
# a fresh memory map that has run nowhere else), redis-server on hart 1 and
# redis-benchmark on hart 2, each alone on its hart: their frees and this
# shell's forks flush locally. msgbench and compute run on every hart and
# keep forks and exits outside their windows (see their sources).
if [ -z "$APPS_PINNED" ]; then
	APPS_PINNED=1 exec taskset 1 sh "$0" "$@"
fi
SW=/sys/kernel/rampart/switches
TMP=/tmp/apps
mkdir -p $TMP

say() { echo "RAMPART-GUEST: apps $*"; }

sizes=20000,50,4,10,100,4,1000
for arg in $(cat /proc/cmdline); do
	case $arg in
	rampart.apps=*) sizes=${arg#rampart.apps=} ;;
	esac
done
IFS=, read -r REQUESTS CLIENTS NGROUPS FDS LOOPS PROCS ROUNDS <<EOF_SIZES
$sizes
EOF_SIZES
for v in "$REQUESTS" "$CLIENTS" "$NGROUPS" "$FDS" "$LOOPS" "$PROCS" "$ROUNDS"; do
	case $v in
	'' | *[!0-9]*)
		say "error rampart.apps=$sizes: seven numbers wanted"
		exit 1 ;;
	esac
done

snapshot() { if [ -r $SW ]; then cat $SW >"$1"; else : >"$1"; fi; }

# window NAME: from the snapshot before (begin) to now, the guest time and
# each cause's switches in between (the file has one "KIND CODE COUNT" line
# per cause; a cause absent before counts from 0).
begin() { snapshot $TMP/before; T0=$(nsclock); }
window() {
	T1=$(nsclock)
	snapshot $TMP/after
	if [ ! -r $SW ]; then
		say "window $1 ns=$((T1 - T0)) switches=absent"
		return
	fi
	awk -v name="$1" -v ns=$((T1 - T0)) '
		FILENAME == ARGV[1] { before[$1 " " $2] = $3; next }
		{ d = $3 - before[$1 " " $2]
		  what = ($1 ~ /^inplace-/ || ($1 == "other" && $2 == 1)) ? "inplace" : "switch"
		  if (what == "inplace") here += d; else total += d
		  if (d > 0) lines = lines sprintf("RAMPART-GUEST: apps %s %s %s %s %.0f\n", what, name, $1, $2, d) }
		END { printf "RAMPART-GUEST: apps window %s ns=%.0f switches=%.0f inplace=%.0f\n", name, ns, total, here
		      printf "%s", lines }' $TMP/before $TMP/after
}

ifconfig lo 127.0.0.1 up || say "error loopback"
[ -r $SW ] || say "no world-switch counters ($SW absent)"

taskset 2 redis-server --bind 127.0.0.1 --port 6379 --save '' --appendonly no \
	--dir $TMP --logfile $TMP/redis.log --protected-mode no &
REDIS=$!
# listening: 127.0.0.1:6379 (0x18EB), state 0A, in /proc/net/tcp; natively
# the start alone can take guest seconds (OpenSBI's fence spins, above)
T0=$(nsclock)
i=0
until grep -q ':18EB 00000000:0000 0A' /proc/net/tcp; do
	i=$((i + 1))
	if [ $i -gt 2400 ] || ! kill -0 $REDIS 2>/dev/null; then
		say "error redis-server did not start in 120 s"
		cat $TMP/redis.log
		exit 1
	fi
	sleep 0.05
done
say "redis-server listening after $(( ($(nsclock) - T0) / 1000000 )) ms"

for t in set get; do
	begin
	out=$(taskset 4 redis-benchmark -h 127.0.0.1 -p 6379 -t $t -n "$REQUESTS" \
		-c "$CLIENTS" --csv 2>&1)
	window "redis_$t"
	# --csv: a header line, then "SET","12345.68","avg ms",...
	rps=$(echo "$out" | awk -F'"' -v t="$(echo $t | tr a-z A-Z)" \
		'$2 == t { print $4 }')
	if [ -n "$rps" ]; then
		say "redis_$t requests=$REQUESTS clients=$CLIENTS rps=$rps"
	else
		say "error redis-benchmark $t: $(echo "$out" | tail -1)"
	fi
done
kill $REDIS
wait $REDIS 2>/dev/null

begin
out=$(taskset ffff msgbench "$NGROUPS" "$FDS" "$LOOPS" 2>&1) || say "error $out"
window msgbench
say "$out"

begin
out=$(taskset ffff compute "$PROCS" "$ROUNDS" 2>&1) || say "error $out"
window compute
say "$out"
say done
