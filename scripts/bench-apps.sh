#!/bin/bash
# bench-apps.sh: make bench's application runs (docs/bench.md, "Application
# benchmarks"), sourced by scripts/bench.sh, whose say, spawn and run_guest
# it uses. Three boots at SMP=4 (native OpenSBI, Rampart none and protect)
# of build/Image with build/initramfs-apps.cpio.gz, guest check "apps"
# (tests/guest/apps/apps.sh): Redis SET and GET (redis-benchmark over
# loopback), msgbench (message passing between processes on every hart)
# and compute (integer hashing on every hart), each a fixed amount of work
# timed by the guest's own clock, and the monitor's world switches by
# cause around each. apps_report prints their table and adds its rows to
# build/bench.json.
#
# Environment: BENCH_APPS (rampart.apps= sizes, REQUESTS,CLIENTS,GROUPS,
# FDS,LOOPS,PROCS,ROUNDS; default below), BENCH_APPS_TIMEOUT (host seconds
# per boot, default 900).
APPS_SIZES=${BENCH_APPS:-20000,50,4,10,100,4,1000}
APPS_TIMEOUT=${BENCH_APPS_TIMEOUT:-900}
APPS_INITRD=build/initramfs-apps.cpio.gz

apps_build() {
	say "building $APPS_INITRD (Redis from Debian's source: ~3 min once)"
	"${MAKE:-make}" RAMPART_DEPS_OK=1 "$APPS_INITRD" >&2
}

# apps_spawn_runs: the three SMP=4 boots, through bench.sh's spawn.
apps_spawn_runs() {
	local cfg
	for cfg in native none protect; do
		spawn run_guest "apps-$cfg" "$cfg" 4 "$APPS_TIMEOUT" \
			"console=ttyS0 rampart.test=apps rampart.apps=$APPS_SIZES" \
			--initrd "$APPS_INITRD"
	done
}

# apps_report OUT JSON: the table, and the rows appended to JSON.
apps_report() {
	python3 - "$1" "$2" "$APPS_SIZES" <<'PY'
import json, re, sys

out, json_path, sizes = sys.argv[1:4]
CONFIGS = ["native", "none", "protect"]
EIDS = {0x10: "BASE", 0x54494D45: "TIME", 0x735049: "IPI",
        0x52464E43: "RFENCE", 0x48534D: "HSM", 0x53525354: "SRST",
        0x504D55: "PMU", 0x4442434E: "DBCN", 0x53555350: "SUSP",
        0x43505043: "CPPC"}
EXC = {0: "insn misaligned", 2: "illegal insn", 3: "breakpoint",
       4: "load misaligned", 6: "store misaligned", 5: "load fault",
       7: "store fault", 8: "ecall U", 9: "ecall S"}
IRQ = {1: "S soft", 3: "M soft", 5: "S timer", 7: "M timer",
       9: "S external", 11: "M external"}
# workload: (label, figure's regex, unit, bigger is better)
WORK = [("redis_set", "Redis SET", r"redis_set .* rps=([0-9.]+)", "requests/s"),
        ("redis_get", "Redis GET", r"redis_get .* rps=([0-9.]+)", "requests/s"),
        ("msgbench", "msgbench (message passing)",
         r"msgbench .* msgs_per_s=([0-9.]+)", "messages/s"),
        ("compute", "compute (integer hashing)",
         r"compute .* mwords_per_s=([0-9.]+)", "Mwords/s")]
TARGET = {"redis_set": 0.99, "redis_get": 0.99, "msgbench": 0.99}


def log(c):
    try:
        with open(f"{out}/apps-{c}.log", "rb") as f:
            return f.read().decode("utf-8", "replace").replace("\r", "")
    except OSError:
        return ""


def status(c):
    try:
        with open(f"{out}/apps-{c}.rc") as f:
            r = int(f.read().strip())
    except (OSError, ValueError):
        r = -1
    return {0: "missing", 124: "timeout"}.get(r, f"exit {r}")


def cause(kind, code):
    code = int(code, 0)
    if kind.startswith("inplace-"):
        kind = kind[8:]
    if kind == "ecall":
        name = EIDS.get(code, "legacy" if code < 0x10 else "SBI")
        return f"{name} 0x{code:x}"
    return f"{kind} {code} ({(EXC if kind == 'exception' else IRQ).get(code, '?')})"


rows, switch_rows = [], []
for wid, label, pat, unit in WORK:
    vals, why, ns, sw, causes, here, here_causes = {}, {}, {}, {}, {}, {}, {}
    for c in CONFIGS:
        text = log(c)
        m = re.search(r"^RAMPART-GUEST: apps " + pat, text, re.M)
        vals[c] = float(m.group(1)) if m else None
        if vals[c] is None:
            err = re.search(r"^RAMPART-GUEST: apps error (.*)", text, re.M)
            why[c] = err.group(1)[:40] if err else status(c)
        w = re.search(rf"^RAMPART-GUEST: apps window {wid} ns=(\d+) "
                      r"switches=(\d+)(?: inplace=(\d+))?", text, re.M)
        if c != "native" and re.search(rf"^RAMPART-GUEST: apps window {wid} "
                                        r"ns=\d+ switches=absent", text, re.M):
            why.setdefault(c, "no counters")
            sw[c] = "no counters"
        elif w and c != "native":
            secs = int(w.group(1)) / 1e9
            sw[c] = round(int(w.group(2)) / secs, 1)
            causes[c] = sorted(
                ((cause(k, code), round(int(n) / secs, 1)) for k, code, n in
                 re.findall(rf"^RAMPART-GUEST: apps switch {wid} (\w+) "
                            r"(\S+) (\d+)$", text, re.M)),
                key=lambda x: -x[1])
            if w.group(3) is not None:
                here[c] = round(int(w.group(3)) / secs, 1)
                here_causes[c] = sorted(
                    ((cause(k, code), round(int(n) / secs, 1)) for k, code, n
                     in re.findall(rf"^RAMPART-GUEST: apps inplace {wid} "
                                   r"(\S+) (\S+) (\d+)$", text, re.M)),
                    key=lambda x: -x[1])
    r = {"id": "app_" + wid, "metric": f"{label}, SMP=4 (guest clock)",
         "unit": unit, "note": "fixed work timed by the guest's clock "
         "(docs/bench.md, Application benchmarks); higher is better"}
    for c in CONFIGS:
        r[c] = vals[c] if vals[c] is not None else why.get(c, "-")
    for c in CONFIGS[1:]:
        r[c + "_ratio"] = (round(vals[c] / vals["native"], 3)
                           if vals[c] and vals["native"] else None)
    if wid in TARGET:
        r["target"] = f">= {TARGET[wid]}x native (protect)"
        r["target_met"] = (r["protect_ratio"] is not None and
                           r["protect_ratio"] >= TARGET[wid])
    rows.append(r)
    s = {"id": "app_switches_" + wid,
         "metric": f"world switches per guest second, {label}",
         "unit": "switches/s", "native": "n/a",
         "note": "world switches into the firmware (SWITCHES), by cause",
         "none_ratio": None, "protect_ratio": None,
         "causes": {c: causes.get(c, []) for c in CONFIGS[1:]},
         "target": "0 (protect)",
         "target_met": sw.get("protect") == 0.0,
         "in_place": {c: here.get(c) for c in CONFIGS[1:]},
         "in_place_causes": {c: here_causes.get(c, []) for c in CONFIGS[1:]}}
    for c in CONFIGS[1:]:
        s[c] = sw.get(c, status(c))
    switch_rows.append(s)


# The per-hart plugin's marks (docs/bench.md, "Multi-hart figures"): the
# workloads read instret at each clock read (instret_mark.h), 14 user-space
# marks in apps.sh's order; the timed regions of msgbench and compute
# (marks 7-8, 11-12) give the M-mode share: what OpenSBI (native) or the
# monitor and the firmware (Rampart) executed, of every hart's instructions.
# The Redis windows (marks 2-3, 4-5) give it too; natively they also hold
# OpenSBI's spinning remote fences at redis-benchmark's start and exit.
TIMED = {"msgbench": (7, 8), "compute": (11, 12)}
WINDOWS = {"redis_set": (2, 3), "redis_get": (4, 5), **TIMED}


def marks(c):
    got = []
    try:
        with open(f"{out}/apps-{c}.plugin") as f:
            for line in f:
                m = re.match(r"hartinsns: mark \d+ hart \d+ csr \S+ "
                             r"pc (0x[0-9a-f]+) (.*)", line)
                if m and int(m.group(1), 16) < 0x80000000:
                    got.append([list(map(int, h.split()))[1:4] for h in
                                re.findall(r"\[([^\]]*)\]", m.group(2))])
    except OSError:
        pass
    return got if len(got) == 14 else None


def window_m(c, a, b):
    """(M-mode instructions, all instructions), all harts, between marks
    a and b of configuration c's run, or None."""
    mk = marks(c)
    if mk is None:
        return None
    d = [[y - x for x, y in zip(ha, hb)] for ha, hb in zip(mk[a], mk[b])]
    return sum(h[0] for h in d), sum(sum(h) for h in d)


mshare_rows = []
for wid, (a, b) in TIMED.items():
    r = {"id": "app_mshare_" + wid, "unit": "% of all harts' instructions",
         "metric": f"M-mode share of {wid}'s timed region (per-hart plugin)",
         "note": "native: OpenSBI; Rampart: the monitor and the firmware"}
    for c in CONFIGS:
        w = window_m(c, a, b)
        if w is None:
            r[c] = "no marks"
            continue
        r[c] = round(100.0 * w[0] / w[1], 3) if w[1] else "-"
        r[c + "_m_insns"] = w[0]
    mshare_rows.append(r)


# What Rampart's own work can cost each workload, exactly counted: the
# kernel and user space run the same code with and without Rampart, so the
# instructions the monitor and the firmware executed in the window, on
# all harts, are the most Rampart can add to its guest time (each is one
# nanosecond under -icount, none overlapping). The raw guest-clock ratios
# above also move by where spin-waits end (docs/bench.md).
bound_rows = []
for wid, (a, b) in WINDOWS.items():
    r = {"id": "app_bound_" + wid, "unit": "x native, at least",
         "metric": f"{wid}: 1 - M-mode share of its window, all harts",
         "note": "the throughput ratio Rampart's own instructions allow",
         "native": "n/a", "none_ratio": None, "protect_ratio": None}
    for c in CONFIGS[1:]:
        w = window_m(c, a, b)
        if w is None:
            r[c] = "no marks"
            continue
        r[c] = round(1 - w[0] / w[1], 5) if w[1] else "-"
    if wid in TARGET:
        r["target"] = f">= {TARGET[wid]}x native (protect)"
        r["target_met"] = (isinstance(r["protect"], float) and
                           r["protect"] >= TARGET[wid])
    bound_rows.append(r)


def fmt(x):
    if isinstance(x, float):
        return f"{x:,.2f}" if x < 1000 else f"{x:,.0f}"
    return str(x)


def ratio(x):
    return f"{x:.3f}x" if x is not None else "-"


head = ["application (SMP=4, guest clock)", "native", "none", "protect",
        "none/native", "protect/native"]
table = [head] + [[r["metric"].split(", SMP")[0] + f" ({r['unit']})",
                   fmt(r["native"]), fmt(r["none"]), fmt(r["protect"]),
                   ratio(r["none_ratio"]), ratio(r["protect_ratio"])]
                  for r in rows]
table += [[f"switches/guest s, {s['metric'].split(', ', 1)[1]}", "n/a",
           fmt(s["none"]), fmt(s["protect"]), "", ""] for s in switch_rows]
widths = [max(len(t[i]) for t in table) for i in range(len(head))]
print(f"\nApplication benchmarks: SMP=4, rampart.apps={sizes} "
      "(requests,clients,groups,fds,loops,procs,rounds)")
for i, t in enumerate(table):
    print("  ".join(t[0].ljust(widths[0]) if j == 0 else t[j].rjust(widths[j])
                    for j in range(len(t))).rstrip())
    if i == 0:
        print("  ".join("-" * wd for wd in widths))
for s in switch_rows:
    for c in CONFIGS[1:]:
        top = ", ".join(f"{n} {v:,.1f}/s" for n, v in s["causes"][c][:3])
        if top:
            print(f"  top causes, {s['id'][13:]}, {c}: {top}")
for s in switch_rows:
    for c in CONFIGS[1:]:
        if s["in_place"][c] is None:
            continue
        top = ", ".join(f"{n} {v:,.0f}/s" for n, v in s["in_place_causes"][c][:4])
        print(f"  answered in place, {s['id'][13:]}, {c}: "
              f"{s['in_place'][c]:,.0f}/s ({top})")
for r in mshare_rows:
    print(f"  {r['metric']}: " + ", ".join(
        f"{c} {r[c]}{'%' if isinstance(r[c], float) else ''}"
        + (f" ({r[c + '_m_insns']:,} insns)" if c + "_m_insns" in r else "")
        for c in CONFIGS))
for r in bound_rows:
    print(f"  bound, {r['metric']}: none {r['none']}, protect {r['protect']}")
for r in rows + switch_rows + bound_rows:
    if "target" in r:
        print(f"Target {r['id']}: {r['target']}: "
              + ("met" if r["target_met"] else "NOT met")
              + f" (protect {r['protect'] if r in bound_rows else fmt(r['protect'])}"
              + (f", {ratio(r['protect_ratio'])}" if r.get('protect_ratio') else "")
              + ")")
try:
    with open(json_path) as f:
        doc = json.load(f)
except (OSError, ValueError):
    doc = {"tool": "scripts/bench.sh", "rows": []}
doc["rows"] = [r for r in doc["rows"] if not r["id"].startswith("app_")]
doc["rows"] += rows + switch_rows + mshare_rows + bound_rows
doc["apps_sizes"] = sizes
with open(json_path, "w") as f:
    json.dump(doc, f, indent=1)
    f.write("\n")
PY
}
