#!/bin/bash
# stack-usage.sh: the deepest monitor stack, from GCC's own numbers. Builds
# the monitor once more into build/stack/ with -fstack-usage and
# -fcallgraph-info=su, then walks the call graph from each entry point
# (boot: monitor_main; a trap: trap_handle; a trap in the monitor itself:
# monitor_trap) and prints the deepest chain of direct calls. An indirect
# call (ops tables, policy hooks, mbedTLS's allocator) is not followed:
# the deepest function whose address the code takes is printed apart,
# what one indirect call may add at most.
# HART_STACK_SIZE (monitor/core/hart.h) is sized from this output.
set -euo pipefail
cd "$(dirname "$0")/.."
make -s RAMPART_DEPS_OK=1 BUILD=build/stack \
	CROSS_CC="${CROSS_COMPILE:-riscv64-unknown-elf-}gcc -fstack-usage -fcallgraph-info=su" \
	build/stack/monitor.elf >/dev/null
python3 - build/stack/mon "${CROSS_COMPILE:-riscv64-unknown-elf-}" <<'PY'
import glob, re, sys
frame, calls, indirect = {}, {}, set()
for f in glob.glob(sys.argv[1] + '/**/*.ci', recursive=True):
    t = open(f).read()
    for m in re.finditer(r'node: \{ title: "([^"]+)" label: "([^"]*)"', t):
        s = re.search(r'(\d+) bytes \(static\)', m.group(2))
        if s:
            frame[m.group(1)] = int(s.group(1))
    for m in re.finditer(r'edge: \{ sourcename: "([^"]+)" targetname: "([^"]+)"', t):
        calls.setdefault(m.group(1), set()).add(m.group(2))
        if m.group(2) == '__indirect_call':
            indirect.add(m.group(1))
byname = {}
for k in frame:
    byname.setdefault(k.split(':')[-1], []).append(k)
# An indirect call may reach any function whose address the code takes (a
# data relocation: an ops table; or a PC-relative one that is no call).
import subprocess
taken = set()
for o in glob.glob(sys.argv[1] + '/**/*.o', recursive=True):
    out = subprocess.run([sys.argv[2] + 'objdump', '-r', o],
                         capture_output=True, text=True).stdout
    for m in re.finditer(r'R_RISCV_(64|PCREL_HI20)\s+(\S+)', out):
        name = m.group(2).split('+')[0]
        if name in byname and name not in ('trap_handle', 'monitor_trap'):
            taken.add(name)
def resolve(n):
    return [n] if n in frame else byname.get(n.split(':')[-1], [])
memo = {}
def deepest(n, seen=()):
    if n in memo:
        return memo[n]
    best = (0, [])
    for c in calls.get(n, ()):
        for r in resolve(c):
            if r not in seen:
                d = deepest(r, seen + (n,))
                best = max(best, d, key=lambda x: x[0])
    memo[n] = (frame.get(n, 0) + best[0], [f'{n.split(":")[-1]} {frame.get(n, 0)}'] + best[1])
    return memo[n]
for root in ('monitor_main', 'trap_handle', 'monitor_trap'):
    for r in resolve(root):
        d, chain = deepest(r)
        print(f'{root}: {d} bytes: ' + ' > '.join(chain))
d, name = max((deepest(k)[0], k.split(':')[-1]) for t in taken
              for k in byname[t])
print(f'an indirect call: at most {d} bytes more ({name}, one of '
      f'{len(taken)} functions whose address is taken)')
PY
