#!/bin/bash
# bench.sh: `make bench` (docs/bench.md). Instruction counts under QEMU
# -icount shift=0,sleep=off with a VM clock and a seeded guest RNG
# (deterministic: the same inputs give the same figures), native OpenSBI side by side with Rampart
# POLICY=none and POLICY=protect on the same kernel and initramfs.
# Prints one table (rows = metrics; columns = native, none, protect and the
# ratios to native), writes build/bench.json and a chart of the ratios
# (build/bench.png, build/bench.svg: gnuplot), keeps every console log
# under build/bench/. Never part of `make test`.
#
# Runs (each a separate boot):
#   SMP=1  guest check "bench" (tests/guest/checks/bench.sh): boot to the
#          init marker, null, pmu_num_counters, set_timer, send_ipi_self,
#          remote_sfence_vma_self, putchar;
#          the sbibench driver's boot figure (kernel done, before /init);
#          the monitor's "measured ... insns=N" lines and its "scrub:
#          ... insns=N" line at power-off (protect)
#   SMP=2  sbibench.boot=send_ipi before /init, then power off
#   SMP=4  sbibench.boot= (boot figure only), then power off
#   SMP=1  to the kernel's end of initcalls on QEMU's hart with Zknh
#          (-cpu rv64,zknh=on) and without Zbb (-cpu rv64,zbb=off): the
#          measured lines give SHA-256's instructions per byte for each
#          block function (the SMP=1 runs above: the Zbb one)
#   firmware build/firmware/bench.bin: BENCH csr / mret
#   host   tests/host/bench_misaligned.c under valgrind --tool=callgrind
#   SMP=4  application benchmarks (scripts/bench-apps.sh, sourced below)
# and the SMP=1 protect run a second time: its console log must be
# byte-identical to the first (the determinism check). Every guest run
# loads the per-hart counting plugin (scripts/bench-scale.sh plugin), and
# scripts/bench-scale.sh adds its runs (SMP and memory scale) and the
# multi-hart rows (BENCH_SCALE=0 skips its runs).
#
# Environment: BENCH_ITERATIONS (calls per SBI benchmark, default 10000),
# BENCH_SMP4_TIMEOUT (seconds of host time for each SMP=4 boot, default 180),
# JOBS (QEMU runs at a time, default 2), V=1 (QEMU command lines).
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
cd "$REPO"
BUILD=build
OUT=$BUILD/bench
NATIVE_FW=/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin
ITER=${BENCH_ITERATIONS:-10000}
SMP4_TIMEOUT=${BENCH_SMP4_TIMEOUT:-180}
JOBS=${JOBS:-2}
CONFIGS=(native none protect)
# QEMU puts random bytes in the device tree (/chosen/rng-seed) unless its
# guest RNG is seeded: the tree, its digest and the kernel's path would vary.
QEMU_DETERMINISM=() # scripts/qemu.sh --icount passes -seed 1 itself
QEMU_EXTRA=()       # more QEMU arguments for run_guest (run_sha: -cpu)
SMP1_BENCHES=boot,null,pmu_num_counters,set_timer,send_ipi_self
SMP1_BENCHES=$SMP1_BENCHES,remote_sfence_vma_self,putchar

say() { printf 'bench: %s\n' "$*" >&2; }
die() { printf 'bench: error: %s\n' "$*" >&2; exit 1; }
# shellcheck source=scripts/bench-apps.sh
. scripts/bench-apps.sh

build() {
	say "building the kernel, initramfs, monitor, bench firmware and device"
	"${MAKE:-make}" RAMPART_DEPS_OK=1 "$BUILD/Image" \
		"$BUILD/initramfs.cpio.gz" "$BUILD/monitor.bin" \
		"$BUILD/monitor-only.bin" "$BUILD/firmware/bench.bin" \
		"$BUILD/dice" "$BUILD/device/deviceid.pub.pem" >&2
	[ -r "$NATIVE_FW" ] || die "$NATIVE_FW missing (make deps)"
	command -v valgrind >/dev/null || die "valgrind missing (make deps)"
}

# bios_of CONFIG: the -bios image for a guest run.
bios_of() {
	if [ "$1" = native ]; then echo "$NATIVE_FW"; else echo "$BUILD/monitor.bin"; fi
}

# run_guest NAME CONFIG SMP TIMEOUT CMDLINE [QEMU.SH ARGS]: one boot of the guest, console
# to $OUT/NAME.log, QEMU's exit status to $OUT/NAME.rc.
run_guest() {
	local name=$1 cfg=$2 smp=$3 t=$4 cmdline=$5 rc=0 args
	shift 5
	args=(--bios "$(bios_of "$cfg")" --smp "$smp" --icount --timeout "$t"
		--kernel "$BUILD/Image" --initrd "$BUILD/initramfs.cpio.gz"
		--append "$cmdline" "$@")
	[ "$cfg" = native ] || args+=(--policy "$cfg")
	scripts/qemu.sh "${args[@]}" -- "${QEMU_DETERMINISM[@]}" \
		"${QEMU_EXTRA[@]}" -plugin "$BENCH_PLUGIN" -d plugin \
		-D "$OUT/$name.plugin" </dev/null >"$OUT/$name.log" 2>&1 || rc=$?
	echo "$rc" >"$OUT/$name.rc"
}

# run_sha NAME CONFIG CPU: boot on QEMU hart model CPU (-cpu) until the
# kernel's initcalls are done, for the monitor's measured lines.
run_sha() {
	local name=$1 cfg=$2 cpu=$3
	local QEMU_EXTRA=(-cpu "$cpu") # seen by run_guest
	run_guest "$name" "$cfg" 1 120 \
		"console=ttyS0 sbibench.boot= sbibench.poweroff=1"
}

# run_fw CONFIG: the bench firmware as -bios, or under the monitor.
run_fw() {
	local cfg=$1 bios=$BUILD/firmware/bench.bin rc=0 args
	args=(--icount --timeout 60)
	if [ "$cfg" != native ]; then
		bios=$OUT/bench-fw-rampart.bin
		args+=(--policy "$cfg")
	fi
	scripts/qemu.sh --bios "$bios" "${args[@]}" -- "${QEMU_DETERMINISM[@]}" \
		</dev/null >"$OUT/fw-$cfg.log" 2>&1 || rc=$?
	echo "$rc" >"$OUT/fw-$cfg.rc"
}

# Host side: the misaligned emulator's instructions per access (x86-64),
# counted by callgrind inside misaligned_emulate() only.
run_misaligned() {
	local bin=$OUT/bench_misaligned n=$ITER
	gcc -std=gnu11 -O2 -g -Wall -Wextra -I. -o "$bin" \
		tests/host/bench_misaligned.c monitor/core/misaligned.c \
		monitor/core/insn.c monitor/core/emulate.c monitor/core/vcsr.c \
		monitor/core/vtrap.c monitor/core/vcpu.c monitor/core/clint.c
	valgrind --tool=callgrind --toggle-collect=misaligned_emulate \
		--callgrind-out-file="$OUT/misaligned.callgrind" "$bin" "$n" \
		>"$OUT/misaligned.log" 2>&1 || { echo 1 >"$OUT/misaligned.rc"; return; }
	awk -v n="$n" '/^summary:/ { printf "%.2f\n", $2 / n }' \
		"$OUT/misaligned.callgrind" >"$OUT/misaligned.per-call"
	echo 0 >"$OUT/misaligned.rc"
}

# spawn CMD...: run in the background, at most JOBS at a time.
spawn() {
	while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do
		wait -n || true
	done
	"$@" &
}

run_all() {
	local cfg
	rm -rf "$OUT"
	mkdir -p "$OUT"
	scripts/mkimage.sh "$BUILD/monitor-only.bin" "$BUILD/firmware/bench.bin" \
		"$OUT/bench-fw-rampart.bin" >/dev/null
	say "$((3 * 4 + 3 + 4)) QEMU runs, $JOBS at a time, $ITER calls per benchmark" \
		"(SMP=4 boots time out after $SMP4_TIMEOUT s)"
	# The runs that may time out first, so that the rest fills the other slot.
	apps_spawn_runs
	for cfg in "${CONFIGS[@]}"; do
		spawn run_guest "$cfg-smp4" "$cfg" 4 "$SMP4_TIMEOUT" \
			"console=ttyS0 rampart.test=bench rampart.bench=boot sbibench.boot="
	done
	for cfg in "${CONFIGS[@]}"; do
		spawn run_guest "$cfg-smp1" "$cfg" 1 300 \
			"console=ttyS0 rampart.test=bench,rdtime rampart.bench=$SMP1_BENCHES sbibench.boot= sbibench.iterations=$ITER rampart.rdtime=$ITER"
		# natively each remote fence spins QEMU time slices: not taken
		fences=,remote_sfence_vma
		[ "$cfg" != native ] || fences=
		spawn run_guest "$cfg-smp2" "$cfg" 2 300 \
			"console=ttyS0 sbibench.boot=send_ipi$fences sbibench.poweroff=1 sbibench.iterations=$ITER"
		spawn run_fw "$cfg"
	done
	for cfg in "${CONFIGS[@]:1}"; do
		spawn run_guest "$cfg-nofast" "$cfg" 1 300 \
			"console=ttyS0 rampart.test=rdtime rampart.rdtime=$ITER" \
			--fastpath 0
	done
	for cfg in "${CONFIGS[@]:1}"; do
		spawn run_sha "sha-$cfg-zknh" "$cfg" rv64,zknh=on
		spawn run_sha "sha-$cfg-nozbb" "$cfg" rv64,zbb=off
	done
	spawn run_guest protect-smp1-again protect 1 300 \
		"console=ttyS0 rampart.test=bench,rdtime rampart.bench=$SMP1_BENCHES sbibench.boot= sbibench.iterations=$ITER rampart.rdtime=$ITER"
	spawn run_misaligned
	wait
	scripts/bench-scale.sh run "$OUT"
}

# The table and build/bench.json, from the logs in $OUT.
report() {
	python3 - "$OUT" "$BUILD/bench.json" "$ITER" "$1" "$SMP4_TIMEOUT" <<'PY'
import json, re, subprocess, sys

out, json_path, iters, seconds, smp4_timeout = sys.argv[1:6]
CONFIGS = ["native", "none", "protect"]


def log(name):
    try:
        with open(f"{out}/{name}.log", "rb") as f:
            return f.read().decode("utf-8", "replace").replace("\r", "")
    except OSError:
        return ""


def rc(name):
    try:
        with open(f"{out}/{name}.rc") as f:
            return int(f.read().strip() or -1)
    except (OSError, ValueError):
        return -1


def status(name):
    """Why a figure of run NAME is missing."""
    r = rc(name)
    return {0: "missing", 124: "timeout"}.get(r, f"exit {r}")


def find(name, pattern, group=1, conv=float):
    m = re.search(pattern, log(name), re.M)
    return conv(m.group(group)) if m else None


def measured(name):
    """{region: (size, insns)} from the monitor's measured lines."""
    regs = {}
    for m in re.finditer(r"\[rampart\] measured (\w+) 0x[0-9a-f]+\+0x([0-9a-f]+)"
                         r" sha256=[0-9a-f]+(?: insns=(\d+))?", log(name)):
        regs[m.group(1)] = (int(m.group(2), 16),
                            int(m.group(3)) if m.group(3) else None)
    return regs


rows = []


def row(rid, label, unit, values, why=None, note="", target=None):
    """values: {config: number or None}; why: {config: text when None};
    target: the most a figure may be (the row then says if each met it)."""
    cells = {}
    for c in CONFIGS:
        v = values.get(c)
        cells[c] = v if v is not None else (why or {}).get(c, "-")
    r = {"id": rid, "metric": label, "unit": unit, "note": note, **cells}
    if target is not None:
        got = [values.get(c) for c in CONFIGS if values.get(c) is not None]
        r["target"] = target
        r["target_met"] = bool(got) and all(x <= target for x in got)
    rows.append(r)


def scale_rows():
    """scripts/bench-scale.sh's rows: same id replaces, others append."""
    try:
        with open(f"{out}/scale-rows.json") as f:
            new = json.load(f)
    except (OSError, ValueError):
        return
    at = {r["id"]: i for i, r in enumerate(rows)}
    for r in new:
        if r["id"] in at:
            rows[at[r["id"]]] = r
        else:
            rows.append(r)


def per_config(name_fmt, pattern, conv=float):
    vals, why = {}, {}
    for c in CONFIGS:
        name = name_fmt.format(c)
        vals[c] = find(name, pattern, conv=conv)
        if vals[c] is None:
            why[c] = status(name)
    return vals, why


insn = "instructions"
v, w = per_config("{}-smp1", r"^RAMPART-GUEST: bench boot-instret (\d+)", int)
boot_init = v
row("boot_init_smp1", "boot: reset to init marker, SMP=1", insn, v, w)
v, w = per_config("{}-smp1", r"^sbibench: boot-instret (\d+)", int)
row("boot_kernel_smp1", "boot: reset to /init (kernel done), SMP=1", insn, v, w)
v, w = per_config("{}-smp2", r"^sbibench: boot-instret (\d+)", int)
row("boot_kernel_smp2", "boot: reset to /init (kernel done), SMP=2 *", insn,
    v, w, "multi-hart: see note *")
v, w = per_config("{}-smp4", r"^RAMPART-GUEST: bench boot-instret (\d+)", int)
row("boot_init_smp4", "boot: reset to init marker, SMP=4 *", insn, v, w,
    "multi-hart: see note *")
v, w = per_config("{}-smp4", r"^sbibench: boot-instret (\d+)", int)
boot_smp4 = v
row("boot_kernel_smp4", "boot: reset to /init (kernel done), SMP=4 *", insn,
    v, w, "multi-hart: see note *")

meas = {c: measured(f"{c}-smp1") for c in CONFIGS}


def meas_sum(c, regions=None, logs=None):
    regs = (logs or meas)[c]
    sel = [r for r in regs if regions is None or r in regions]
    if not sel or any(regs[r][1] is None for r in sel):
        return None
    return sum(regs[r][1] for r in sel)


def unmeasured(boot, logs):
    """boot minus every measured region's insns= (native: nothing)."""
    v = {}
    for c in CONFIGS:
        total = meas_sum(c, logs=logs) if c != "native" else 0
        v[c] = (boot[c] - total
                if boot[c] is not None and total is not None else None)
    return v


row("boot_init_unmeasured_smp1",
    "boot to init marker minus all measuring, SMP=1", insn,
    unmeasured(boot_init, meas))
row("boot_kernel_unmeasured_smp4",
    "boot to /init minus all measuring, SMP=4 *", insn,
    unmeasured(boot_smp4, {c: measured(f"{c}-smp4") for c in CONFIGS}),
    note="multi-hart: see note *")

for name, label in [("null", "SBI null call (get_spec_version), SMP=1"),
                    ("set_timer", "sbi_set_timer, SMP=1"),
                    ("send_ipi_self", "sbi_send_ipi to own hart, SMP=1"),
                    ("putchar", "console putchar (legacy), SMP=1"),
                    ("remote_sfence_vma_self",
                     "remote_sfence_vma to own hart, SMP=1")]:
    v, w = per_config("{}-smp1",
                      rf"^RAMPART-GUEST: bench {name} ([0-9.]+)$")
    row(name, label, "instructions/call", v, w)
    if name == "null":
        v, w = per_config("{}-smp1",
                          r"^RAMPART-GUEST: bench pmu_num_counters ([0-9.]+)$")
        row("pmu_num_counters",
            "SBI call only the firmware answers (PMU), SMP=1", "instructions/call",
            v, w, "always a world switch under Rampart")
        ws = {c: round(v[c] - v["native"], 2)
              for c in CONFIGS[1:] if v[c] is not None and v["native"] is not None}
        row("world_switch", "world switch: PMU call minus native's, SMP=1",
            "instructions/call", ws, {"native": "-", "none": "-", "protect": "-"},
            "trap to the monitor, firmware world and back (docs/bench.md)")
v, w = per_config("{}-smp2", r"^sbibench: bench send_ipi ([0-9.]+) ")
row("send_ipi", "sbi_send_ipi to another hart (sender), SMP=2 *",
    "instructions/call", v, w, "multi-hart: see note *")
v, w = per_config("{}-smp2", r"^sbibench: bench remote_sfence_vma ([0-9.]+) ")
v["native"], w["native"] = None, "n/a"
row("remote_sfence_vma", "remote_sfence_vma to another hart, SMP=2 **",
    "instructions/call", v, w,
    "native: not measurable under -icount, see note **")
# rdtime-probe: ticks of the 10 MHz timer for the fastest 1,000 reads in a
# row (no timer tick among them); under -icount a tick is 100 instructions
# (1 ns each).
TICK = 100
v, w = per_config("{}-smp1", r"^RAMPART-GUEST: rdtime trapped best-1000 (\d+)$",
                  lambda t: round(int(t) * TICK / 1000, 2))
row("rdtime_trapped", "time read trapped from U-mode, SMP=1", "instructions/read",
    v, w, "scounteren.TM clear; the fast path answers under Rampart")
v, w = per_config("{}-nofast", r"^RAMPART-GUEST: rdtime trapped best-1000 (\d+)$",
                  lambda t: round(int(t) * TICK / 1000, 2))
v["native"], w["native"] = None, "-"
row("rdtime_trapped_nofast", "the same, fast paths off (fastpath=0)",
    "instructions/read", v, w,
    "none: a world switch to OpenSBI; protect: the policy answers (rule 3)")
for name, label in [("csr", "firmware CSR read (csrr mscratch)"),
                    ("mstatus", "firmware write changing mstatus"),
                    ("mret", "firmware mret to M, with its set-up (5 insns)")]:
    v, w = per_config("fw-{}", rf"^BENCH {name} ([0-9.]+)$")
    row("fw_" + name, label, "instructions/op", v, w)

mis = None
try:
    with open(f"{out}/misaligned.per-call") as f:
        mis = float(f.read())
except (OSError, ValueError):
    pass
mis_why = "error" if mis is None else None
row("misaligned_lw", "misaligned lw emulated (host x86-64) ***",
    "x86-64 instructions/access",
    {"none": mis, "protect": mis},
    {"native": "n/a", "none": mis_why, "protect": mis_why},
    "monitor code on the host; QEMU never traps on misaligned accesses")

v, vt, va = {}, {}, {}
for c in CONFIGS[1:]:
    regs = meas[c]
    ki = meas_sum(c, ("kernel", "initrd"))
    if ki is not None and "kernel" in regs and "initrd" in regs:
        size = regs["kernel"][0] + regs["initrd"][0]
        v[c] = round(ki / (size / 2**20))
    vt[c] = ki
    va[c] = meas_sum(c)
na = {"native": "n/a"}
for c in CONFIGS[1:]:
    na_c = status(f"{c}-smp1") if not meas[c] else "no insns="
    na.setdefault(c, na_c)
row("measure_per_mib", "measuring: per MiB hashed (kernel+initrd)",
    "instructions/MiB", v, na)
row("measure_kernel_initrd", "measuring kernel + initrd (added to boot)",
    insn, vt, na)
row("measure_all", "measuring everything (all measured regions)", insn, va, na)

# SHA-256 per byte for each block function the monitor has: kernel and
# initrd (3.7 MB) through mbedTLS's update with our block function, each
# run naming the function it chose ("sha256: NAME block function").
SHA_RUNS = [("zbb", "{}-smp1", 40, "portable build with Zbb (QEMU's default hart)"),
            ("zknh", "sha-{}-zknh", 24, "Zknh build (-cpu rv64,zknh=on)"),
            ("portable", "sha-{}-nozbb", None,
             "portable build without Zbb (-cpu rv64,zbb=off)")]
for fn, name_fmt, target, label in SHA_RUNS:
    v, w = {"native": None}, {"native": "n/a"}
    for c in CONFIGS[1:]:
        name = name_fmt.format(c)
        regs, used = measured(name), find(
            name, r"^\[rampart\] sha256: (\w+) block function", conv=str)
        ki = meas_sum(c, ("kernel", "initrd"), {c: regs})
        v[c] = (round(ki / (regs["kernel"][0] + regs["initrd"][0]), 2)
                if ki is not None and used == fn else None)
        w[c] = (status(name) if used is None else
                f"ran {used}" if used != fn else "no insns=")
    tgt = f" (target <= {target})" if target else ""
    row("sha256_" + fn, f"SHA-256: {label}{tgt}", "instructions/byte", v, w,
        "kernel + initrd through the monitor's measuring", target=target)
# Under protect the guest's SRST power-off reaches the test device through
# the monitor, which clears payload memory first (reset.c); none and native
# have no lock and clear nothing.
v, w = per_config("{}-smp1", r"^\[rampart\] scrub: payload memory "
                  r"0x[0-9a-f]+-0x[0-9a-f]+ cleared \(0x[0-9a-f]+ bytes\) "
                  r"before the firmware's reset \(insns=(\d+)\)", int)
for c in ("native", "none"):
    v[c], w[c] = None, "n/a"
row("scrub_payload", "scrub: 512 MiB payload memory cleared at power-off",
    insn, v, w, "protect: the firmware's test-device write after the lock")

# Determinism: the same run twice, byte for byte.
same = log("protect-smp1") == log("protect-smp1-again") and \
    rc("protect-smp1") == 0 and rc("protect-smp1-again") == 0
det = {"run": "protect SMP=1 (guest check bench)", "identical": same}


scale_rows()


def num(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


for r in rows:
    for c in CONFIGS[1:]:
        r[c + "_ratio"] = (round(r[c] / r["native"], 3)
                           if num(r[c]) and num(r["native"]) and r["native"]
                           else None)


def fmt(x):
    if isinstance(x, int):
        return f"{x:,}"
    if isinstance(x, float):
        return f"{x:,.2f}"
    return str(x)


def ratio(x):
    return f"{x:.2f}x" if x is not None else "-"


head = ["metric", "native", "none", "protect", "none/native", "protect/native"]
table = [head] + [[r["metric"], fmt(r["native"]), fmt(r["none"]),
                   fmt(r["protect"]), ratio(r["none_ratio"]),
                   ratio(r["protect_ratio"])] for r in rows]
widths = [max(len(t[i]) for t in table) for i in range(len(head))]
qemu = subprocess.run(["qemu-system-riscv64", "--version"], capture_output=True,
                      text=True).stdout.splitlines()[0]
print(f"Rampart bench: instructions retired under QEMU -icount shift=0,"
      f"sleep=off ({qemu}); {iters} calls per SBI benchmark")
for i, t in enumerate(table):
    print("  ".join(t[0].ljust(widths[0]) if j == 0 else t[j].rjust(widths[j])
                    for j in range(len(t))).rstrip())
    if i == 0:
        print("  ".join("-" * wd for wd in widths))
print(f"""
Units: boot and measuring rows in instructions; SBI rows per call; firmware
rows per operation; the misaligned row in x86-64 instructions (host).
  *   more than one hart: rows saying "all harts" add up each hart's executed
      instructions (the hartinsns plugin: no idle warps); the init-marker row
      is the machine-wide instret. QEMU runs the harts round-robin, so a hart
      that waits for another spins until its time slice ends: spin-waits
      remain in every multi-hart figure (docs/bench.md).
  **  each call waits for the other hart. OpenSBI waits spinning, so each
      call costs QEMU time slices (100 calls do not end in minutes); the
      monitor waits in wfi, which ends its slice: docs/bench.md.
  *** none and protect run the same emulator; native OpenSBI's figure
      cannot be taken on QEMU (it never traps on a misaligned access).
  SMP=4 boots are cut after {smp4_timeout} s of host time ("timeout").
Determinism: {det['run']} run twice: console logs """
      + ("byte-identical" if same else "DIFFER (see build/bench/)")
      + f"\nWall time: {seconds} s; logs in {out}/, figures in {json_path}")
for r in rows:
    if "target" in r:
        print(f"Target {r['id']}: <= {r['target']} {r['unit']}: "
              + ("met" if r["target_met"] else "NOT met")
              + f" (none {fmt(r['none'])}, protect {fmt(r['protect'])})")

# The chart's data (chart() in bench.sh): every one-hart row with a ratio;
# whole-boot multi-hart rows are left out (spin-waits: docs/bench.md), and
# so are the sweeps of bench-scale.sh (their own section there).
with open(f"{out}/ratios.dat", "w") as f:
    f.write("# metric none/native protect/native\n")
    for r in rows:
        if r["none_ratio"] is None and r["protect_ratio"] is None:
            continue
        if "multi-hart" in r["note"] or "all harts" in r["metric"]:
            continue
        if r["id"].startswith(("scale_", "mem_", "lock_")):
            continue  # the sweeps: docs/bench.md, "Scale"
        label = r["metric"].replace('"', "'")
        f.write(f'"{label}" {r["none_ratio"] or "NaN"} '
                f'{r["protect_ratio"] or "NaN"}\n')

doc = {"tool": "scripts/bench.sh", "qemu": qemu,
       "icount": "shift=0,sleep=off,rtc clock=vm", "iterations": int(iters),
       "seconds": float(seconds), "determinism": det, "rows": rows}
with open(json_path, "w") as f:
    json.dump(doc, f, indent=1)
    f.write("\n")
PY
}

# chart: build/bench.png and build/bench.svg, the ratios to native of
# $OUT/ratios.dat (written by report) as bars, on a log scale so that
# 0.5x and 2x are as far from 1x.
chart() {
	local dat=$OUT/ratios.dat t
	[ -s "$dat" ] || { say "no ratios: no chart"; return; }
	command -v gnuplot >/dev/null || { say "gnuplot missing (make deps): no chart"; return; }
	for t in "pngcairo size 1200,700 font ',10'" "svg size 1200,700 font ',10'"; do
		gnuplot <<-EOF || say "gnuplot failed (${t%% *})"
			set terminal $t
			set output "$BUILD/bench.${t:0:3}"
			set title "Rampart: instructions retired relative to native OpenSBI (QEMU -icount, SMP=1; 1 = native)"
			set style data histograms
			set style histogram clustered gap 1
			set style fill solid 0.8 border -1
			set boxwidth 0.9
			set logscale y 2
			set yrange [0.125:1024]
			set format y "%gx"
			set grid ytics
			set xtics rotate by 30 right noenhanced
			set bmargin 14
			set lmargin 30
			set rmargin 4
			set key top left
			set arrow from graph 0, first 1 to graph 1, first 1 nohead lw 2 lc rgb "black"
			plot "$dat" using 2:xtic(1) title "none / native" lc rgb "#4477aa", 			     "" using 3 title "protect / native" lc rgb "#cc6677"
		EOF
	done
	say "chart: $BUILD/bench.png, $BUILD/bench.svg"
}

main() {
	local start=$SECONDS
	# One make bench at a time per build dir: each starts by emptying $OUT.
	mkdir -p "$BUILD"
	exec 9>"$BUILD/bench.lock"
	flock -n 9 || { say "waiting for another make bench"; flock 9; }
	build
	BENCH_PLUGIN=$(scripts/bench-scale.sh plugin)
	apps_build
	run_all
	scripts/bench-scale.sh rows "$OUT"
	report "$((SECONDS - start))"
	apps_report "$OUT" "$BUILD/bench.json"
	chart
}

main "$@"
