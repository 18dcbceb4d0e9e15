#!/bin/bash
# matrix.sh [--doc FILE] [CELL-GLOB...]: boot the guest Linux natively (Debian
# OpenSBI as -bios) and under Rampart (the same OpenSBI deprivileged, protect
# policy) on every cell of machine x CPU model or feature x harts x memory
# (QEMU virt and sifive_u), and print one markdown table, native and
# Rampart side by side. With --doc FILE the table goes into FILE too
# (docs/matrix.md: make matrix); with CELL-GLOBs as well, only the rows of
# the cells run are replaced, the others are kept as FILE has them.
#
# Each cell is two cases generated into build/matrix/cases/ and run by the
# QEMU case runner (tests/qemu/runner.sh, CASES_DIR), so a cell boots
# exactly as `make test` boots: a cell boots when the guest prints
# "RAMPART-GUEST: checks done" with every hart online and QEMU exits 0;
# otherwise the table shows the runner's reason and the first line of the
# console that names the failure. Consoles: build/test-logs/matrix-*.log.
# The cases of Rampart are the default case's (rampart-protect-smp1.case):
# the debug image, guest checks harts and audit. On sifive_u the kernel
# gets every hart but hart 0 (an E51 without S-mode), its console is
# ttySIF0, and the run ends with a reboot (no power-off device there).
# Not part of `make test`: 48 boots, about 5 minutes on 2 cores.
set -uo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
cd "$REPO" || exit 2
DIR=build/matrix
DOC=
if [ "${1:-}" = --doc ]; then
	DOC=$2
	shift 2
fi
GLOBS=("$@")

# cell: name | machine | -cpu value ("" = QEMU's default) | harts | memory
CELLS=(
	"rv64-smp1-512m|virt||1|512M"
	"rv64-smp4-512m|virt||4|512M"
	"rv64-smp16-512m|virt||16|512M"
	"rv64-smp64-512m|virt||64|512M"
	"rv64-smp1-128m|virt||1|128M"
	"rv64-smp4-128m|virt||4|128M"
	"rv64-smp1-2g|virt||1|2G"
	"rv64-smp1-8g|virt||1|8G"
	"rv64-smp4-8g|virt||4|8G"
)
for cpu in rv64,priv_spec=v1.11.0 rv64,priv_spec=v1.10.0 sifive-u54 \
	rv64,zknh=on rv64,sstc=false rv64,h=true; do
	id=$(printf '%s' "$cpu" |
		sed 's/^rv64,//; s/priv_spec=v\([0-9]*\)\.\([0-9]*\)\.0/priv\1\2/; s/[,=.]/-/g')
	for smp in 1 4; do
		CELLS+=("$id-smp$smp-512m|virt|$cpu|$smp|512M")
	done
done
# The HiFive Unleashed model: its fewest harts, all five of the board, and
# the most memory
CELLS+=(
	"sifive_u-smp2-512m|sifive_u||2|512M"
	"sifive_u-smp5-512m|sifive_u||5|512M"
	"sifive_u-smp5-8g|sifive_u||5|8G"
)

selected() {
	local g
	[ "${#GLOBS[@]}" -eq 0 ] && return 0
	for g in "${GLOBS[@]}"; do
		# shellcheck disable=SC2053
		[[ $1 == $g ]] && return 0
	done
	return 1
}

# write_case FILE NAME BIOS MACHINE CPU SMP MEM: one case file of the cell.
# The timeout grows with the harts: QEMU runs them on the machine's cores.
write_case() {
	local file=$1 name=$2 bios=$3 machine=$4 cpu=$5 smp=$6 mem=$7
	local tests=harts console=ttyS0 end='' online=$6
	[ "$bios" = native ] || tests=harts,audit
	# sifive_u: hart 0 has no S-mode (the firmware hides it from Linux),
	# a SiFive UART, and no power-off device
	[ "$machine" = virt ] ||
		console=ttySIF0 end=" rampart.end=reboot" online=$((smp - 1))
	{
		echo "name      $name"
		echo "bios      $bios"
		echo "machine   $machine"
		echo "cmdline   console=$console rampart.test=$tests$end"
		echo "smp       $smp"
		echo "mem       $mem"
		[ "$bios" = native ] || echo "policy    protect"
		[ -z "$cpu" ] || echo "args      -cpu $cpu"
		# the default guest kernel has NR_CPUS=8; this one 64 (Makefile)
		[ "$smp" -le 8 ] || echo "payload   build/Image-smp64"
		echo "expect    RAMPART-GUEST: harts online $online"
		echo "expect    RAMPART-GUEST: checks done"
		[ "$bios" = native ] || {
			echo "expect    [rampart] policy: protect"
			echo "expect    RAMPART-GUEST: audit total=0 read=0 write=0 exec=0"
		}
		echo "forbid    Kernel panic"
		echo "forbid    [rampart] BUG"
		echo "forbid    [rampart] fatal"
		echo "forbid    failed (exit"
		echo "exit      0"
		echo "timeout   $((120 + 8 * smp))"
	} >"$file"
}

# first_failure LOG: the first console line that names what went wrong.
first_failure() {
	grep -m1 -E '\[rampart\] (fatal|BUG|refuse)|Kernel panic|Oops|Unable to handle|qemu-system-riscv64:|check .* (failed|missing)|not booting' \
		"$1" 2>/dev/null | tr -d '\r|' | cut -c1-120
}

# result NAME: the table's word for one case of the last runner output.
result() {
	local name=$1 line log=build/test-logs/$1.log why first
	line=$(grep -E "^(PASS|FAIL) $name( |:)" "$DIR/runner.out" | head -1)
	case $line in
	"PASS $name "*) echo "boots (${line##* (}" ;;
	"FAIL $name"*)
		why=${line#FAIL "$name": }
		first=$(first_failure "$log")
		printf 'no: %s%s' "$(printf '%s' "$why" | tr -d '|' | cut -c1-80)" \
			"${first:+; first failure: \`$first\`}" ;;
	*) echo "not run" ;;
	esac
}

rm -rf "$DIR/cases"
mkdir -p "$DIR/cases"
names=()
for c in "${CELLS[@]}"; do
	IFS='|' read -r id machine cpu smp mem <<<"$c"
	selected "$id" || continue
	names+=("$c")
	for bios in native rampart; do
		write_case "$DIR/cases/matrix-$id-$bios.case" "matrix-$id-$bios" \
			"$bios" "$machine" "$cpu" "$smp" "$mem"
	done
done
[ "${#names[@]}" -gt 0 ] || { echo "matrix.sh: no cell matches ${GLOBS[*]}" >&2; exit 2; }

# make first, as make test does: a stale image must not be tabled
make -s RAMPART_DEPS_OK=1 build-all >"$DIR/make.out" 2>&1 ||
	{ echo "matrix.sh: make failed (build/matrix/make.out)" >&2; exit 1; }
CASES_DIR=$DIR/cases tests/qemu/runner.sh | tee "$DIR/runner.out" |
	grep -E '^(PASS|FAIL|[0-9]+ passed)' >&2

# row_key MACHINE CPU SMP MEM: how a cell's row starts (sifive_u's harts
# are the board's: an E51, then U54s).
row_key() {
	local cpu=${2:-rv64 (default)}
	[ "$1" = virt ] || [ -n "$2" ] || cpu="E51 + U54s (the board's)"
	echo "| $1 | $cpu | $3 | $4 |"
}

# The table: a cell run now gets its result; with --doc and CELL-GLOBs, a
# cell not run keeps the row FILE has for it (none: "not run").
table() {
	local c id machine cpu smp mem key old
	echo "| machine | CPU (\`-cpu\`) | harts | memory | native (Debian OpenSBI 1.1 as \`-bios\`) | Rampart, protect |"
	echo "| --- | --- | --- | --- | --- | --- |"
	for c in "${CELLS[@]}"; do
		IFS='|' read -r id machine cpu smp mem <<<"$c"
		key=$(row_key "$machine" "$cpu" "$smp" "$mem")
		if selected "$id"; then
			echo "$key $(result "matrix-$id-native") | $(result "matrix-$id-rampart") |"
		elif [ -n "$DOC" ] && old=$(grep -m1 -F -- "$key" "$DOC"); then
			echo "$old"
		elif [ -n "$DOC" ]; then
			echo "$key not run | not run |"
		fi
	done
}
table >"$DIR/table.md"
cat "$DIR/table.md"
if [ -n "$DOC" ]; then
	when="$(date -u +%Y-%m-%d) on $(nproc) cores, QEMU $(qemu-system-riscv64 --version | sed -n '1s/.*version \([^ ]*\).*/\1/p'), Rampart $(git rev-parse --short HEAD)"
	{
		sed -n '1,/^<!-- table -->$/p' "$DOC"
		cat "$DIR/table.md"
		echo
		if [ "${#GLOBS[@]}" -eq 0 ]; then
			echo "Generated $when."
		else
			# the rows kept say when they were made: the old lines stay
			# (but the line of these same cells, now replaced)
			sed -n '/^<!-- table -->$/,$p' "$DOC" |
				grep -E '^(Generated|Cells) .* Rampart [0-9a-f]+\.$' |
				grep -vF "Cells \`${GLOBS[*]}\` " || true
			echo "Cells \`${GLOBS[*]}\` generated $when."
		fi
	} >"$DOC.tmp" && mv "$DOC.tmp" "$DOC"
fi
! grep -q '^FAIL' "$DIR/runner.out"
