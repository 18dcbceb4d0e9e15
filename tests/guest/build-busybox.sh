#!/bin/bash
# build-busybox.sh: a static riscv64 busybox from Debian's busybox source
# (fetched by make deps into $CACHE/src/busybox), defconfig plus the changes
# below. Cached at $CACHE/busybox-<key>/{busybox,busybox.links}, key =
# sha256 over this script, the source version and the cross compiler
# version. Prints the cache directory on stdout; progress goes to stderr.
set -euo pipefail

CACHE=${RAMPART_CACHE:-$HOME/.cache/rampart}
SRC=$CACHE/src/busybox
CROSS=riscv64-linux-gnu-
JOBS=${JOBS:-$(nproc)}

# Config changes over defconfig: static, cross, and applets that do not
# build against Debian's riscv64 cross headers or make no sense here.
CONFIG_SET=(
	CONFIG_STATIC=y
	"CONFIG_CROSS_COMPILER_PREFIX=\"$CROSS\""
)
CONFIG_UNSET=(
	CONFIG_TC              # needs CBQ definitions gone from linux 6.x uapi
	CONFIG_FEATURE_TC_INGRESS
	CONFIG_PIE
)

say() { printf 'busybox: %s\n' "$*" >&2; }
die() { printf 'busybox: error: %s\n' "$*" >&2; exit 1; }

cache_key() {
	{
		sha256sum "$0" | cut -d' ' -f1
		readlink "$SRC"
		head -1 "$SRC/debian/changelog"
		"${CROSS}gcc" --version | head -1
	} | sha256sum | cut -c1-16
}

# The build date in busybox's banner comes from the source's changelog, so
# that equal inputs give a byte-identical binary.
source_date() {
	date -d "$(dpkg-parsechangelog -l "$SRC/debian/changelog" -S Date)" +%s
}

configure() {
	local obj=$1 opt
	make -s -C "$SRC" O="$obj" defconfig >/dev/null
	for opt in "${CONFIG_UNSET[@]}"; do
		sed -i "s/^$opt=.*/# $opt is not set/" "$obj/.config"
	done
	for opt in "${CONFIG_SET[@]}"; do
		sed -i "/^${opt%%=*}=/d; /^# ${opt%%=*} is not set/d" "$obj/.config"
		echo "$opt" >>"$obj/.config"
	done
	{ yes '' || true; } | make -s -C "$SRC" O="$obj" oldconfig >/dev/null
	grep -qx 'CONFIG_STATIC=y' "$obj/.config" || die "CONFIG_STATIC lost"
}

build() {
	local obj=$1 log=$1/build.log start=$SECONDS
	say "building static busybox with -j$JOBS (~1-2 min; log $log)"
	if ! make -C "$obj" -j"$JOBS" busybox busybox.links 2>&1 | tee "$log" |
		awk '/^  [A-Z]/ { n++; if (n % 100 == 0) {
			printf "busybox: %d build steps (%s)\n", n, $NF > "/dev/stderr"
			fflush("/dev/stderr") } }'; then
		tail -40 "$log" >&2
		die "busybox build failed (log $log)"
	fi
	say "built in $((SECONDS - start)) s"
}

main() {
	local key dir obj
	[ -e "$SRC/.rampart-ok" ] || die "$SRC missing (run make deps)"
	command -v "${CROSS}gcc" >/dev/null || die "${CROSS}gcc missing (make deps)"
	key=$(cache_key)
	dir=$CACHE/busybox-$key
	SOURCE_DATE_EPOCH=$(source_date)
	export SOURCE_DATE_EPOCH KCONFIG_NOTIMESTAMP=1
	if [ ! -s "$dir/busybox" ]; then
		exec 9>"$CACHE/busybox.lock"
		flock 9
		if [ ! -s "$dir/busybox" ]; then
			obj=$CACHE/busybox-obj
			rm -rf "$obj"
			mkdir -p "$obj"
			configure "$obj"
			build "$obj"
			file "$obj/busybox" 2>/dev/null | grep -q 'statically linked' ||
				[ ! -x /usr/bin/file ] || die "busybox is not static"
			mkdir -p "$dir.tmp"
			cp "$obj/busybox" "$obj/busybox.links" "$obj/.config" "$dir.tmp/"
			rm -rf "$dir"
			mv "$dir.tmp" "$dir"
		fi
		exec 9>&-
	fi
	echo "$dir"
}

main "$@"
