#!/bin/bash
# build-initramfs.sh [OUT]: the guest initramfs (gzip cpio, default
# build/initramfs.cpio.gz): static busybox with its applet links, our /init,
# tests/guest/checks/*.sh as /checks/ and the attestation agent
# (tests/guest/agent) as /bin/rampart-agent. Built without root by the kernel's
# usr/gen_init_cpio (the file list creates /dev/console), with fixed
# timestamps so that equal inputs give byte-identical output; OUT is only
# rewritten when its content changes.
#
# build-initramfs.sh --apps OUT: make bench's application initramfs
# (scripts/bench-apps.sh): build/initramfs.cpio.gz (built first) followed
# by a second archive, which the kernel unpacks over the first, holding
# redis-server and redis-benchmark (tests/guest/build-redis.sh), the
# workloads of tests/guest/apps/*.c in /bin and tests/guest/apps/apps.sh as
# /checks/apps.sh (rampart.test=apps). The test initramfs, measured at
# every boot, stays as it is.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/../.." && pwd)
CACHE=${RAMPART_CACHE:-$HOME/.cache/rampart}
LINUX_TAR=/usr/src/linux-source-6.1.tar.xz
OUT=${1:-$REPO/build/initramfs.cpio.gz}
TOOLS=$CACHE/tools

say() { printf 'initramfs: %s\n' "$*" >&2; }
die() { printf 'initramfs: error: %s\n' "$*" >&2; exit 1; }

# gen_init_cpio is one standalone C file in the kernel tree.
gen_init_cpio() {
	local src=$TOOLS/gen_init_cpio.c
	if [ ! -x "$TOOLS/gen_init_cpio" ]; then
		mkdir -p "$TOOLS"
		if [ -e "$CACHE/linux-tree/usr/gen_init_cpio.c" ]; then
			cp "$CACHE/linux-tree/usr/gen_init_cpio.c" "$src"
		else
			say "extracting usr/gen_init_cpio.c from $LINUX_TAR"
			tar -xJOf "$LINUX_TAR" linux-source-6.1/usr/gen_init_cpio.c >"$src"
		fi
		gcc -O2 -o "$TOOLS/gen_init_cpio.tmp" "$src"
		mv "$TOOLS/gen_init_cpio.tmp" "$TOOLS/gen_init_cpio"
	fi
	echo "$TOOLS/gen_init_cpio"
}

# gen_init_cpio gives files their own mtime: stage copies dated 0 (-t 0
# does the rest), so that the archive depends on contents only.
stage() {
	local src=$1 dst=$stage/$2
	cp "$src" "$dst"
	touch -d @0 "$dst"
	echo "$dst"
}

file_list() {
	local bb=$1 d l
	for d in /bin /sbin /usr /usr/bin /usr/sbin /dev /proc /sys /tmp \
		/root /etc /checks; do
		echo "dir $d 0755 0 0"
	done
	echo "nod /dev/console 0600 0 0 c 5 1"
	echo "nod /dev/null 0666 0 0 c 1 3"
	echo "file /bin/busybox $(stage "$bb/busybox" busybox) 0755 0 0"
	echo "file /init $(stage "$REPO/tests/guest/init" init) 0755 0 0"
	echo "file /bin/rdtime-probe $(stage "$rdtime" rdtime-probe) 0755 0 0"
	echo "file /bin/rampart-agent $(stage "$agent" rampart-agent) 0755 0 0"
	for c in "$REPO"/tests/guest/checks/*.sh; do
		[ -e "$c" ] || continue
		echo "file /checks/$(basename "$c") $(stage "$c" "check-$(basename "$c")") 0755 0 0"
	done
	# busybox.links holds one absolute path per applet, e.g. /usr/bin/env.
	while read -r l; do
		[ "$l" = /bin/busybox ] && continue
		echo "slink $l /bin/busybox 0777 0 0"
	done <"$bb/busybox.links"
}

# rdtime-probe: user space reading the time CSR (tests/guest/rdtime), no
# libc; the flags leave nothing in it that varies between builds.
build_rdtime() {
	command -v riscv64-linux-gnu-gcc >/dev/null ||
		die "riscv64-linux-gnu-gcc missing (make deps)"
	riscv64-linux-gnu-gcc -static -nostdlib -ffreestanding -fno-pie \
		-no-pie -O2 -Wall -Wextra -Werror -s -Wl,--build-id=none \
		-o "$stage/rdtime-probe.elf" \
		"$REPO/tests/guest/rdtime/rdtime-probe.c"
}

# rampart-agent: the HTTP attestation agent (tests/guest/agent), static
# against Debian's riscv64 glibc. Cached at $CACHE/agent-<key>, key = its
# source, this recipe's flags and the compiler's version; the flags leave
# nothing in it that varies between builds.
AGENT_FLAGS="-static -O2 -Wall -Wextra -Werror -s -Wl,--build-id=none"
build_agent() {
	local src=$REPO/tests/guest/agent/agent.c key dir
	key=$({ riscv64-linux-gnu-gcc --version | head -1
		echo "$AGENT_FLAGS"; sha256sum <"$src"; } | sha256sum | cut -c1-16)
	dir=$CACHE/agent-$key
	if [ ! -s "$dir/rampart-agent" ]; then
		mkdir -p "$dir"
		# shellcheck disable=SC2086 # the flags are words
		riscv64-linux-gnu-gcc $AGENT_FLAGS -o "$dir/rampart-agent.tmp" \
			"$src" || die "rampart-agent does not build"
		mv "$dir/rampart-agent.tmp" "$dir/rampart-agent"
	fi
	echo "$dir/rampart-agent"
}

# The apps archive's file list: the programs in /bin, the script in /checks.
apps_list() {
	local redis=$1 c name
	for name in redis-server redis-benchmark; do
		echo "file /bin/$name $(stage "$redis/$name" "$name") 0755 0 0"
	done
	for c in "$REPO"/tests/guest/apps/*.c; do
		name=$(basename "$c" .c)
		# shellcheck disable=SC2086 # the flags are words
		riscv64-linux-gnu-gcc $AGENT_FLAGS -o "$stage/$name.elf" "$c" ||
			die "tests/guest/apps/$name.c does not build"
		echo "file /bin/$name $(stage "$stage/$name.elf" "$name") 0755 0 0"
	done
	echo "file /checks/apps.sh $(stage "$REPO/tests/guest/apps/apps.sh" apps.sh) 0755 0 0"
}

# write_out TMP: OUT = TMP when it differs.
write_out() {
	mkdir -p "$(dirname "$OUT")"
	if ! cmp -s "$1" "$OUT"; then
		cp "$1" "$OUT"
		chmod 644 "$OUT"
		say "$OUT ($(stat -c %s "$OUT") bytes)"
	fi
}

apps_main() {
	local base=$REPO/build/initramfs.cpio.gz redis gen
	[ -s "$base" ] || die "$base missing (make build/initramfs.cpio.gz)"
	command -v riscv64-linux-gnu-gcc >/dev/null ||
		die "riscv64-linux-gnu-gcc missing (make deps)"
	redis=$("$REPO/tests/guest/build-redis.sh")
	gen=$(gen_init_cpio)
	list=$(mktemp) tmp=$(mktemp) stage=$(mktemp -d)
	trap 'rm -rf "$list" "$tmp" "$stage"' EXIT
	apps_list "$redis" >"$list"
	{ cat "$base"; "$gen" -t 0 "$list" | gzip -9n; } >"$tmp"
	write_out "$tmp"
}

main() {
	local bb gen
	if [ "${1:-}" = --apps ]; then
		[ $# -eq 2 ] || die "usage: build-initramfs.sh --apps OUT"
		OUT=$2
		apps_main
		return
	fi
	bb=$("$REPO/tests/guest/build-busybox.sh")
	gen=$(gen_init_cpio)
	list=$(mktemp) tmp=$(mktemp) stage=$(mktemp -d)
	trap 'rm -rf "$list" "$tmp" "$stage"' EXIT
	build_rdtime
	rdtime=$stage/rdtime-probe.elf
	agent=$(build_agent)
	file_list "$bb" >"$list"
	"$gen" -t 0 "$list" | gzip -9n >"$tmp"
	write_out "$tmp"
}

main "$@"
