#!/bin/bash
# deps.sh: install every Debian package Rampart needs and fetch the sources
# the bare-metal and guest builds compile (docs/usage.md, "Setup").
#
# Idempotent: when everything is present it prints one line and exits 0.
# Otherwise it needs root (apt); it says what it does at every long step.
#
# Sources land in ${RAMPART_CACHE:-$HOME/.cache/rampart}/src/:
#   mbedtls/  -> Debian's mbedtls source package (MBEDTLS_SRC)
#   busybox/  -> Debian's busybox source package (guest user space)
#   libfdt/   -> scripts/dtc/libfdt of linux-source-6.1 (LIBFDT_SRC)
#   qemu-plugin/ -> include/qemu/qemu-plugin.h of Debian's qemu source
#                package, the installed version (make bench's per-hart
#                counting plugin, tests/bench/hartinsns.c; Debian's
#                binary packages leave the header out)
#   redis/    -> Debian's redis source package, only with the argument
#                "bench" (make bench: tests/guest/build-redis.sh)
set -euo pipefail

CACHE=${RAMPART_CACHE:-$HOME/.cache/rampart}
SRC=$CACHE/src
LINUX_TAR=/usr/src/linux-source-6.1.tar.xz

PACKAGES=(
	make gcc libc6-dev git ca-certificates pkg-config
	qemu-system-misc opensbi u-boot-qemu
	gcc-riscv64-unknown-elf gcc-riscv64-linux-gnu libc6-dev-riscv64-cross
	device-tree-compiler libfdt-dev libmbedtls-dev libtss2-dev
	tpm2-tools swtpm swtpm-tools
	linux-source-6.1
	libcmocka-dev clang libclang-rt-14-dev clang-tidy cppcheck openssl valgrind
	bc bison flex libssl-dev libelf-dev cpio xz-utils gzip dpkg-dev python3
	gnuplot-nox
)

say() { printf 'deps: %s\n' "$*"; }
die() { printf 'deps: error: %s\n' "$*" >&2; exit 1; }

missing_packages() {
	local p st
	for p in "${PACKAGES[@]}"; do
		st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
		[ "$st" = "install ok installed" ] || printf '%s\n' "$p"
	done
}

# A source is complete once its directory holds our marker file.
have_src() { [ -e "$SRC/$1/.rampart-ok" ]; }

sources_ok() {
	have_src mbedtls && have_src busybox && have_src libfdt &&
		have_src qemu-plugin &&
		{ [ -z "$BENCH" ] || have_src redis; }
}

as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	elif command -v sudo >/dev/null; then
		sudo "$@"
	else
		die "need root to run: $*"
	fi
}

# deb-src stanzas for every Debian deb822 stanza that lacks one; one-line
# "deb" entries in sources.list get their "deb-src" twin.
have_deb_src() {
	grep -rqsE '^[[:space:]]*(Types:.*deb-src|deb-src[[:space:]])' \
		/etc/apt/sources.list /etc/apt/sources.list.d/
}

enable_deb_src() {
	local out=/etc/apt/sources.list.d/rampart-deb-src.sources tmp
	tmp=$(mktemp)
	# deb822: copy Debian stanzas (URIs mentioning debian) as deb-src.
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -e "$f" ] || continue
		awk -v RS= -v ORS='\n\n' '
			/URIs:[^\n]*debian/ && /Types:[^\n]*deb/ {
				sub(/Types:[^\n]*/, "Types: deb-src"); print
			}' "$f" >>"$tmp"
	done
	# one-line format
	if [ -e /etc/apt/sources.list ]; then
		awk '$1 == "deb" && /debian/ { $1 = "deb-src"; print; }' \
			/etc/apt/sources.list >>"$tmp"
	fi
	[ -s "$tmp" ] || die "no Debian archive found in apt sources"
	if grep -q '^deb-src ' "$tmp"; then
		grep '^deb-src ' "$tmp" >"$tmp.list"
		as_root install -m 644 "$tmp.list" /etc/apt/sources.list.d/rampart-deb-src.list
	fi
	if grep -q '^Types: deb-src' "$tmp"; then
		grep -v '^deb-src ' "$tmp" >"$tmp.s"
		as_root install -m 644 "$tmp.s" "$out"
	fi
	rm -f "$tmp" "$tmp.list" "$tmp.s"
}

# fetch_source PKG: apt-get source into $SRC, symlink $SRC/PKG to it.
fetch_source() {
	local pkg=$1 dir work
	work=$SRC/.fetch-$pkg
	rm -rf "$work"
	mkdir -p "$work"
	say "fetching Debian source package $pkg (apt-get source)"
	(cd "$work" && apt-get source -q "$pkg") ||
		die "apt-get source $pkg failed"
	dir=$(find "$work" -mindepth 1 -maxdepth 1 -type d -name "$pkg-*" | head -1)
	[ -n "$dir" ] || die "apt-get source $pkg produced no directory"
	rm -rf "${SRC:?}/$(basename "$dir")"
	mv "$dir" "$SRC/"
	rm -rf "$work"
	ln -sfn "$(basename "$dir")" "$SRC/$pkg"
	touch "$SRC/$pkg/.rampart-ok"
	say "  $pkg -> $SRC/$(basename "$dir")"
}

fetch_libfdt() {
	local tmp=$SRC/.fetch-libfdt
	[ -r "$LINUX_TAR" ] || die "$LINUX_TAR missing (package linux-source-6.1)"
	say "extracting scripts/dtc/libfdt from $LINUX_TAR (~30 s)"
	rm -rf "$tmp" "$SRC/libfdt"
	mkdir -p "$tmp"
	tar -xJf "$LINUX_TAR" -C "$tmp" --strip-components=3 \
		linux-source-6.1/scripts/dtc/libfdt
	mv "$tmp/libfdt" "$SRC/libfdt"
	rm -rf "$tmp"
	dpkg-query -W -f='${Version}\n' linux-source-6.1 >"$SRC/libfdt/.rampart-ok"
	say "  libfdt -> $SRC/libfdt"
}

# fetch_qemu_plugin_h: QEMU's plugin API header, from the source package of
# the installed QEMU (only the upstream tarball is downloaded and only the
# header kept: Debian's patches do not touch it).
fetch_qemu_plugin_h() {
	local tmp=$SRC/.fetch-qemu-plugin ver orig
	ver=$(dpkg-query -W -f='${source:Version}' qemu-system-misc) ||
		die "qemu-system-misc is not installed"
	say "fetching qemu-plugin.h from Debian's qemu $ver source package (24 MB)"
	rm -rf "$tmp" "$SRC/qemu-plugin"
	mkdir -p "$tmp"
	(cd "$tmp" && apt-get source -q --download-only "qemu=$ver") ||
		die "apt-get source qemu=$ver failed"
	orig=$(find "$tmp" -maxdepth 1 -name 'qemu_*.orig.tar.*' | head -1)
	[ -n "$orig" ] || die "apt-get source qemu=$ver gave no upstream tarball"
	tar -xf "$orig" -C "$tmp" --wildcards --strip-components=3 \
		'*/include/qemu/qemu-plugin.h' || die "no qemu-plugin.h in $orig"
	mkdir -p "$SRC/qemu-plugin"
	mv "$tmp/qemu-plugin.h" "$SRC/qemu-plugin/"
	rm -rf "$tmp"
	echo "$ver" >"$SRC/qemu-plugin/.rampart-ok"
	say "  qemu-plugin.h -> $SRC/qemu-plugin"
}

main() {
	local missing
	case ${1:-} in
	"") BENCH= ;;
	bench) BENCH=1 ;;
	*) die "unknown argument '$1' (none, or bench)" ;;
	esac
	missing=$(missing_packages)
	if [ -z "$missing" ] && sources_ok; then
		say "all packages installed, sources in $SRC"
		return 0
	fi

	if ! sources_ok && ! have_deb_src; then
		say "enabling deb-src entries for the Debian archive"
		enable_deb_src
	fi
	say "apt-get update"
	as_root apt-get update -q
	if [ -n "$missing" ]; then
		# shellcheck disable=SC2086
		say "installing $(echo $missing | wc -w) packages: $(echo $missing)"
		as_root env DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -q --no-install-recommends $missing
		missing=$(missing_packages)
		[ -z "$missing" ] || die "still missing after install: $missing"
	fi

	mkdir -p "$SRC"
	have_src mbedtls || fetch_source mbedtls
	have_src busybox || fetch_source busybox
	have_src libfdt || fetch_libfdt
	have_src qemu-plugin || fetch_qemu_plugin_h
	[ -z "$BENCH" ] || have_src redis || fetch_source redis
	say "done: packages installed, sources in $SRC"
}

main "$@"
