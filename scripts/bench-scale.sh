#!/bin/bash
# bench-scale.sh: the multi-hart and scale part of `make bench`
# (docs/bench.md, "Multi-hart figures" and "Scale"), called by
# scripts/bench.sh:
#
#   bench-scale.sh plugin       build build/plugin/hartinsns.so (the QEMU
#                               plugin tests/bench/hartinsns.c) and print
#                               its -plugin argument, with marks at the
#                               monitor's lock barrier (hw_lock_firmware's
#                               entry and the return from it)
#   bench-scale.sh run OUT      the scale runs, logs under OUT/scale/
#   bench-scale.sh rows OUT     OUT/scale-rows.json: rows for bench.sh's
#                               table, from OUT/scale/ and from bench.sh's
#                               own SMP=2 and SMP=4 runs (OUT/*.plugin)
#
# Every run has the plugin: it counts each hart's executed instructions,
# so figures are sums over harts without -icount's idle warps.
# Runs (each boots to the kernel's end of initcalls and powers off):
#   SMP=N  for N in BENCH_SCALE_SMP (default "1 2 4 8 16"; above 8 the
#          kernel build/Image-smp64, NR_CPUS=64): native, none, protect;
#          sbibench.boot=null,set_timer,send_ipi,remote_sfence_vma (native
#          without remote_sfence_vma: each call spins QEMU time slices)
#   MEM=M  for M in BENCH_SCALE_MEM (default "512M 1G 2G 4G 8G"), SMP=1:
#          native, none, protect; one at a time (protect's scrub at
#          power-off touches all of it)
# Environment: BENCH_SCALE=0 skips the runs (the multi-hart rows of
# bench.sh's own runs stay), BENCH_SCALE_SMP, BENCH_SCALE_MEM,
# BENCH_ITERATIONS (default 10000), JOBS (default 2).
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
cd "$REPO"
BUILD=build
CACHE=${RAMPART_CACHE:-$HOME/.cache/rampart}
HEADER_DIR=$CACHE/src/qemu-plugin
PLUGIN_SRC=tests/bench/hartinsns.c
PLUGIN=$BUILD/plugin/hartinsns.so
NATIVE_FW=/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin
ITER=${BENCH_ITERATIONS:-10000}
JOBS=${JOBS:-2}
SCALE_SMP=${BENCH_SCALE_SMP:-1 2 4 8 16}
SCALE_MEM=${BENCH_SCALE_MEM:-512M 1G 2G 4G 8G}
CONFIGS=(native none protect)

say() { printf 'bench-scale: %s\n' "$*" >&2; }
die() { printf 'bench-scale: error: %s\n' "$*" >&2; exit 1; }

# lock_marks: mark=ADDR arguments bracketing the lock barrier in
# build/monitor.elf: hw_lock_firmware's entry, and the instruction after
# its call (its return address). Nothing when either is not found.
lock_marks() {
	local entry ret
	entry=$(nm "$BUILD/monitor.elf" | awk '$3 == "hw_lock_firmware" { print $1 }')
	ret=$(riscv64-unknown-elf-objdump -d "$BUILD/monitor.elf" |
		awk '/jal.*<hw_lock_firmware>/ { getline; sub(/:.*/, ""); gsub(/ /, ""); print; exit }')
	if [ -z "$entry" ] || [ -z "$ret" ]; then
		say "lock barrier not found in monitor.elf"
		return
	fi
	printf ',mark=0x%s,mark=0x%s' "${entry#"${entry%%[!0]*}"}" "$ret"
}

plugin() {
	[ -r "$HEADER_DIR/qemu-plugin.h" ] ||
		die "$HEADER_DIR/qemu-plugin.h missing: run make deps"
	mkdir -p "$BUILD/plugin"
	if ! [ "$PLUGIN" -nt "$PLUGIN_SRC" ] ||
		! [ "$PLUGIN" -nt "$HEADER_DIR/qemu-plugin.h" ]; then
		gcc -std=gnu11 -O2 -Wall -Wextra -Wconversion -Werror -shared \
			-fPIC -fvisibility=hidden -I"$HEADER_DIR" -o "$PLUGIN" \
			"$PLUGIN_SRC" >&2 || die "building $PLUGIN failed"
	fi
	printf '%s%s\n' "$PLUGIN" "$(lock_marks)"
}

# run NAME CONFIG SMP MEM CMDLINE: one boot with the plugin, console to
# NAME.log, plugin output to NAME.plugin, QEMU's status to NAME.rc.
run() {
	local name=$1 cfg=$2 smp=$3 mem=$4 cmdline=$5 rc=0 args image=$BUILD/Image
	[ "$smp" -le 8 ] || image=$BUILD/Image-smp64
	args=(--smp "$smp" --mem "$mem" --icount --timeout 600 --kernel "$image"
		--initrd "$BUILD/initramfs.cpio.gz" --append "$cmdline")
	if [ "$cfg" = native ]; then
		args+=(--bios "$NATIVE_FW")
	else
		args+=(--bios "$BUILD/monitor.bin" --policy "$cfg")
	fi
	scripts/qemu.sh "${args[@]}" -- -plugin "$PLUGIN_ARG" -d plugin \
		-D "$DIR/$name.plugin" </dev/null >"$DIR/$name.log" 2>&1 || rc=$?
	echo "$rc" >"$DIR/$name.rc"
}

spawn() {
	while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do
		wait -n || true
	done
	"$@" &
}

run_all() {
	local cfg n m list need64=0
	DIR=$1/scale
	mkdir -p "$DIR"
	PLUGIN_ARG=$(plugin)
	for n in $SCALE_SMP; do
		[ "$n" -le 8 ] || need64=1
	done
	[ "$need64" = 0 ] || "${MAKE:-make}" RAMPART_DEPS_OK=1 "$BUILD/Image-smp64" >&2
	say "$(($(wc -w <<<"$SCALE_SMP") * 3)) SMP runs ($SCALE_SMP), $JOBS at a time," \
		"then $(($(wc -w <<<"$SCALE_MEM") * 3)) memory runs ($SCALE_MEM) one at a time"
	for n in $SCALE_SMP; do
		for cfg in "${CONFIGS[@]}"; do
			list=null,set_timer,send_ipi,remote_sfence_vma
			[ "$cfg" != native ] || list=null,set_timer,send_ipi
			spawn run "smp$n-$cfg" "$cfg" "$n" 512M \
				"console=ttyS0 sbibench.boot=$list sbibench.poweroff=1 sbibench.iterations=$ITER"
		done
	done
	wait
	for m in $SCALE_MEM; do
		for cfg in "${CONFIGS[@]}"; do
			run "mem$m-$cfg" "$cfg" 1 "$m" \
				"console=ttyS0 sbibench.boot= sbibench.poweroff=1"
		done
	done
}

rows() {
	python3 - "$1" "$ITER" "$SCALE_SMP" "$SCALE_MEM" "$BUILD/monitor.elf" <<'PY'
import json, os, re, subprocess, sys

out, iters, smps, mems, elf = sys.argv[1:6]
iters = int(iters)
CONFIGS = ["native", "none", "protect"]
KERNEL = 0xffffffff00000000  # the kernel's virtual addresses
MARK = re.compile(r"^hartinsns: mark \d+ hart (\d+) csr (\w+) pc (0x[0-9a-f]+)"
                  r"((?: \[\d+ \d+ \d+ \d+ \d+\])+)$")
COUNTS = re.compile(r"\[(\d+) (\d+) (\d+) (\d+) (\d+)\]")
_func = {}


def text(path):
    try:
        with open(path, "rb") as f:
            return f.read().decode("utf-8", "replace").replace("\r", "")
    except OSError:
        return None


def status(base):
    t = text(base + ".rc")
    if t is None:
        return "not run"
    return {"0": "no figure", "124": "timeout"}.get(t.strip(), f"exit {t.strip()}")


def marks(base):
    """[(hart, csr, pc, [(m, s, u, wfi) per hart])] from NAME.plugin."""
    t = text(base + ".plugin")
    if t is None:
        return None
    res = []
    for line in t.splitlines():
        m = MARK.match(line)
        if m:
            c = [tuple(int(x) for x in g[1:]) for g in COUNTS.findall(m.group(4))]
            res.append((int(m.group(1)), m.group(2), int(m.group(3), 16), c))
    return res


def func(pc):
    """The monitor function holding pc (addr2line)."""
    if pc not in _func:
        r = subprocess.run(["riscv64-unknown-elf-addr2line", "-f", "-e", elf,
                            hex(pc)], capture_output=True, text=True)
        _func[pc] = r.stdout.split("\n")[0] if r.returncode == 0 else "?"
    return _func[pc]


def work(c, region=None):
    """Instructions in counts c, all harts (region 0 = M images only)."""
    return sum(h[region] if region is not None else h[0] + h[1] + h[2]
               for h in c)


def hart_work(c, hart):
    return c[hart][0] + c[hart][1] + c[hart][2]


def kernel_marks(ms):
    return [m for m in ms if m[1] == "instret" and m[2] >= KERNEL]


def measuring(ms, region=None):
    """All harts' instructions inside the monitor's measured-region pairs
    (its two minstret reads in record()), before the kernel runs."""
    total, open_ = 0, None
    for hart, csr, pc, c in ms:
        if csr == "instret" and pc >= KERNEL:
            break
        if csr != "minstret" or func(pc) != "record":
            continue
        if open_ is None:
            open_ = c
        else:
            total += work(c, region) - work(open_, region)
            open_ = None
    return total


def boot(base, cfg, region=None, minus_measuring=False):
    """All harts' instructions at the kernel's first instret read
    (sbibench's boot-instret), or why there is none."""
    ms = marks(base)
    if ms is None:
        return None, "no plugin"
    km = kernel_marks(ms)
    if not km:
        return None, status(base)
    v = work(km[0][3], region)
    if minus_measuring and cfg != "native":
        v -= measuring(ms, region)
    return v, None


def boot_native_kernel(base, cfg):
    """The native boot's instructions (all harts, to the driver's read)
    with its M-mode images' part replaced by this configuration's, minus
    measuring: what the boot costs if the kernel and user space execute
    what they execute natively. Their own instructions differ between
    configurations by where spin-waits end, not by work (docs/bench.md)."""
    nat, why = boot(base.format("native"), "native")
    nat_m, why_m = boot(base.format("native"), "native", 0)
    m, why_c = boot(base.format(cfg), cfg, 0, True)
    if None in (nat, nat_m, m):
        return None, why or why_m or why_c
    return nat - nat_m + m, None


def per_call(base, name, others=None):
    """Instructions per call of sbibench NAME between its two instret
    reads: the calling hart's, plus the other harts' (others="all") or
    only what they ran in the M-mode images (others="m": a fence's
    target flushes there, and its kernel runs whatever it was running)."""
    log, ms = text(base + ".log"), marks(base)
    if ms is None or log is None:
        return None, "no plugin" if log is not None else status(base)
    ran = re.findall(r"^sbibench: bench (\w+) [0-9.]+ \d+ \d+$", log, re.M)
    if name not in ran:
        return None, status(base)
    km = kernel_marks(ms)
    i = 1 + 2 * ran.index(name)
    if len(km) < i + 2 or km[i][0] != km[i + 1][0]:
        return None, "marks"
    h, a, b = km[i][0], km[i][3], km[i + 1][3]
    d = hart_work(b, h) - hart_work(a, h)
    for o in range(len(b)) if others else []:
        if o != h:
            d += b[o][0] - a[o][0] if others == "m" else hart_work(b, o) - hart_work(a, o)
    return round(d / iters, 2), None


def lock(base):
    ms = marks(base)
    if ms is None:
        return None, "no plugin"
    pcs = [m for m in ms if m[1] == "pc"]
    if len(pcs) < 2:
        return None, status(base) if status(base) != "no figure" else "no mark"
    return work(pcs[1][3]) - work(pcs[0][3]), None


def scrub(base):
    m = re.search(r"^\[rampart\] scrub: .* \(insns=(\d+)\)$", text(base + ".log") or "", re.M)
    return (int(m.group(1)), None) if m else (None, status(base))


rows = []
MH = "hartinsns: sum over harts of executed instructions (no idle warps)"


def row(rid, label, unit, fn, configs=CONFIGS, note=MH):
    r = {"id": rid, "metric": label, "unit": unit, "note": note}
    for c in CONFIGS:
        if c in configs:
            v, why = fn(c)
            r[c] = v if v is not None else why
        else:
            r[c] = "n/a"
    rows.append(r)


ins, ipc = "instructions", "instructions/call"
# bench.sh's own multi-hart runs, now per hart (they replace its rows).
row("boot_kernel_smp2", "boot: reset to /init (kernel done), SMP=2, all harts *",
    ins, lambda c: boot(f"{out}/{c}-smp2", c))
row("boot_kernel_smp4", "boot: reset to /init (kernel done), SMP=4, all harts *",
    ins, lambda c: boot(f"{out}/{c}-smp4", c))
row("boot_kernel_unmeasured_smp4",
    "boot to /init minus all measuring, SMP=4, all harts *", ins,
    lambda c: boot(f"{out}/{c}-smp4", c, minus_measuring=True))
row("boot_kernel_unmeasured_smp4_nk",
    "boot to /init minus all measuring, SMP=4: native's kernel, this M-mode", ins,
    lambda c: boot_native_kernel(f"{out}/{{}}-smp4", c),
    note=MH + "; the kernel and user part is native's, the M-mode images' "
    "this configuration's: no spin-waits of the kernel")
row("boot_kernel_m_smp4",
    "boot to /init: M-mode images minus measuring, SMP=4, all harts", ins,
    lambda c: boot(f"{out}/{c}-smp4", c, 0, True),
    note=MH + "; firmware (and monitor) only, no kernel: no spin-waits of the kernel")
row("send_ipi", "sbi_send_ipi to another hart, SMP=2, sender's hart", ipc,
    lambda c: per_call(f"{out}/{c}-smp2", "send_ipi"))
row("send_ipi_all", "sbi_send_ipi to another hart, SMP=2, all harts", ipc,
    lambda c: per_call(f"{out}/{c}-smp2", "send_ipi", "all"),
    note=MH + "; the target's IPI handling included")
row("remote_sfence_vma",
    "remote_sfence_vma to another hart, SMP=2, sender + target's M-mode **",
    ipc, lambda c: per_call(f"{out}/{c}-smp2", "remote_sfence_vma", "m"),
    CONFIGS[1:], note=MH + "; the target's kernel left out: it runs what it "
    "was running; native: not measurable under -icount, see note **")

# Scale: SMP=N and MEM=M runs of this script (none when BENCH_SCALE=0).
scale = f"{out}/scale"
if os.path.isdir(scale):
    for n in smps.split():
        b = scale + f"/smp{n}-{{}}"
        row(f"scale_boot_smp{n}", f"scale: boot to /init, SMP={n}, all harts *",
            ins, lambda c: boot(b.format(c), c))
        row(f"scale_boot_m_smp{n}",
            f"scale: boot to /init, M-mode images minus measuring, SMP={n}", ins,
            lambda c: boot(b.format(c), c, 0, True))
        row(f"lock_barrier_smp{n}", f"scale: lock barrier, SMP={n}, all harts",
            ins, lambda c: lock(b.format(c)), ["protect"],
            note=MH + "; hw_lock_firmware entry to return, at the first entry")
        for name in ["null", "set_timer"] + (["send_ipi"] if n != "1" else []):
            row(f"scale_{name}_smp{n}", f"scale: {name}, SMP={n}, caller's hart",
                ipc, lambda c: per_call(b.format(c), name))
        if n != "1":
            row(f"scale_remote_sfence_vma_smp{n}",
                f"scale: remote_sfence_vma, SMP={n}, sender + targets' M-mode",
                ipc, lambda c: per_call(b.format(c), "remote_sfence_vma", "m"),
                CONFIGS[1:])
    for m in mems.split():
        b = scale + f"/mem{m}-{{}}"
        row(f"mem_boot_{m}", f"memory: boot to /init, {m}, SMP=1", ins,
            lambda c: boot(b.format(c), c))
        row(f"mem_boot_m_{m}",
            f"memory: boot to /init, M-mode images minus measuring, {m}", ins,
            lambda c: boot(b.format(c), c, 0, True))
        row(f"mem_scrub_{m}", f"memory: scrub at power-off, {m}", ins,
            lambda c: scrub(b.format(c)), ["protect"],
            note="grows with memory by necessity: docs/bench.md")

with open(f"{out}/scale-rows.json", "w") as f:
    json.dump(rows, f, indent=1)
    f.write("\n")
PY
}

# check_env: the sweep variables, before anything runs (bench.sh calls
# "plugin" first, so a bad value stops make bench at once).
check_env() {
	local n m
	for n in $SCALE_SMP; do
		if ! [[ $n =~ ^[1-9][0-9]*$ ]] || [ "$n" -gt 64 ]; then
			die "BENCH_SCALE_SMP: $n is not a hart count 1-64"
		fi
	done
	for m in $SCALE_MEM; do
		[[ $m =~ ^[0-9]+[MG]$ ]] || die "BENCH_SCALE_MEM: $m is not a size like 512M or 8G"
	done
}

check_env
case ${1:-} in
plugin) plugin ;;
run)
	[ $# = 2 ] || die "usage: bench-scale.sh run OUT"
	if [ "${BENCH_SCALE:-1}" = 0 ]; then
		say "BENCH_SCALE=0: no scale runs"
	else
		run_all "$2"
	fi
	;;
rows)
	[ $# = 2 ] || die "usage: bench-scale.sh rows OUT"
	rows "$2"
	;;
*) die "usage: bench-scale.sh plugin | run OUT | rows OUT" ;;
esac
