#!/bin/bash
# build-redis.sh: static riscv64 redis-server and redis-benchmark from
# Debian's redis source package (fetched by `scripts/deps.sh bench` into
# $CACHE/src/redis: Debian's patches applied, the vendored Lua, hiredis,
# hdr_histogram and linenoise of its orig tarball), for make bench's
# application runs (scripts/bench-apps.sh). libc malloc (no jemalloc), no
# TLS, no systemd, and select() for the event loop: the guest kernel is
# tinyconfig-based, without epoll (redis's src/config.h says HAVE_EPOLL
# for every Linux; ae.c then falls back to ae_select.c). Cached at $CACHE/redis-<key>/{redis-server,
# redis-benchmark}, stripped; key = sha256 over this script, the source
# version and the cross compiler version. Prints the cache directory on
# stdout; progress goes to stderr.
set -euo pipefail

CACHE=${RAMPART_CACHE:-$HOME/.cache/rampart}
SRC=$CACHE/src/redis
CROSS=riscv64-linux-gnu-
JOBS=${JOBS:-$(nproc)}
# uname_S/uname_M: the target's, not the build host's (src/Makefile picks
# flags by them); CFLAGS empty: Debian's dpkg flags stay out.
MAKE_ARGS=(CC="${CROSS}gcc" AR="${CROSS}ar" RANLIB="${CROSS}ranlib"
	MALLOC=libc BUILD_TLS=no USE_SYSTEMD=no uname_S=Linux uname_M=riscv64
	OPTIMIZATION=-O2 CFLAGS= LDFLAGS=-static)
PROGS=(redis-server redis-benchmark)

say() { printf 'redis: %s\n' "$*" >&2; }
die() { printf 'redis: error: %s\n' "$*" >&2; exit 1; }

cache_key() {
	{
		sha256sum "$0" | cut -d' ' -f1
		readlink "$SRC"
		head -1 "$SRC/debian/changelog"
		"${CROSS}gcc" --version | head -1
	} | sha256sum | cut -c1-16
}

build() {
	local obj=$1 log=$1/build.log start=$SECONDS
	say "building static ${PROGS[*]} with -j$JOBS (~5 min on 2 cores; log $log)"
	if ! make -C "$obj/src" -j"$JOBS" "${MAKE_ARGS[@]}" "${PROGS[@]}" \
		>"$log" 2>&1; then
		tail -40 "$log" >&2
		die "redis build failed (log $log)"
	fi
	say "built in $((SECONDS - start)) s"
}

main() {
	local key dir obj p
	[ -e "$SRC/.rampart-ok" ] || die "$SRC missing (run scripts/deps.sh bench)"
	command -v "${CROSS}gcc" >/dev/null || die "${CROSS}gcc missing (make deps)"
	key=$(cache_key)
	dir=$CACHE/redis-$key
	# the build id in redis's INFO comes from the changelog's date
	SOURCE_DATE_EPOCH=$(date -d "$(dpkg-parsechangelog -l \
		"$SRC/debian/changelog" -S Date)" +%s)
	export SOURCE_DATE_EPOCH
	if [ ! -s "$dir/redis-server" ]; then
		exec 9>"$CACHE/redis.lock"
		flock 9
		if [ ! -s "$dir/redis-server" ]; then
			obj=$CACHE/redis-obj
			rm -rf "$obj"
			cp -a "$(readlink -f "$SRC")" "$obj"
			sed -i 's|^#define HAVE_EPOLL 1$|/* no epoll in the guest kernel */|' \
				"$obj/src/config.h"
			! grep -q HAVE_EPOLL "$obj/src/config.h" ||
				die "could not turn HAVE_EPOLL off in src/config.h"
			build "$obj"
			mkdir -p "$dir.tmp"
			for p in "${PROGS[@]}"; do
				file "$obj/src/$p" 2>/dev/null | grep -q 'statically linked' ||
					[ ! -x /usr/bin/file ] || die "$p is not static"
				"${CROSS}strip" -o "$dir.tmp/$p" "$obj/src/$p"
			done
			rm -rf "$dir" "$obj"
			mv "$dir.tmp" "$dir"
		fi
		exec 9>&-
	fi
	echo "$dir"
}

main "$@"
