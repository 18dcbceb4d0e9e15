#!/bin/bash
# build-linux.sh [OUT]: the guest kernel Image, built from Debian's
# linux-source-6.1 with tinyconfig + the fragments in tests/guest/linux/.
#
# The Image is cached at $CACHE/linux-<key>/Image, key = sha256 over this
# script, every file under tests/guest/linux/, the linux-source package
# version and the cross compiler version; it is rebuilt only when missing.
# OUT (default build/Image) receives a copy.
#
# Fragments: tests/guest/linux/*.config and tests/guest/linux/drivers/*/*.config,
# merged in that order. Every "CONFIG_X=y" / "CONFIG_X=<value>" and
# "# CONFIG_X is not set" line of a fragment must hold in the final .config,
# else the build fails naming the option.
#
# Drivers: each directory tests/guest/linux/drivers/NAME/ (with a Kbuild
# Makefile and optionally a Kconfig) is copied into the tree as drivers/NAME
# and hooked into drivers/Makefile (obj-y += NAME/) and drivers/Kconfig.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/../.." && pwd)
CACHE=${RAMPART_CACHE:-$HOME/.cache/rampart}
LINUX_TAR=/usr/src/linux-source-6.1.tar.xz
CROSS=riscv64-linux-gnu-
JOBS=${JOBS:-$(nproc)}
OUT=${1:-$REPO/build/Image}
TREE=$CACHE/linux-tree

say() { printf 'linux: %s\n' "$*"; }
die() { printf 'linux: error: %s\n' "$*" >&2; exit 1; }

# copy_if_changed SRC DST: keep DST's mtime when the content is the same.
copy_if_changed() {
	if ! cmp -s "$1" "$2"; then
		mkdir -p "$(dirname "$2")"
		cp "$1" "$2.tmp.$$" && mv "$2.tmp.$$" "$2"
	fi
}

linux_version() {
	dpkg-query -W -f='${Version}' linux-source-6.1 2>/dev/null ||
		die "linux-source-6.1 not installed (run make deps)"
}

cache_key() {
	{
		echo "linux-source-6.1 $(linux_version)"
		"${CROSS}gcc" --version | head -1
		(cd "$REPO" && sha256sum tests/guest/build-linux.sh &&
			find tests/guest/linux -type f -print0 | sort -z |
			xargs -0 -r sha256sum)
	} | sha256sum | cut -c1-16
}

fragments() {
	(cd "$REPO" && { ls tests/guest/linux/*.config
		ls tests/guest/linux/drivers/*/*.config; } 2>/dev/null || true)
}

# The work tree is reused across keys so that a driver change rebuilds
# only what changed; it is replaced when the source package changes.
prepare_tree() {
	local ver=$1
	if [ -e "$TREE/.rampart-version" ] &&
		[ "$(cat "$TREE/.rampart-version")" = "$ver" ]; then
		return 0
	fi
	say "extracting $LINUX_TAR ($ver) into $TREE (~1 min)"
	rm -rf "$TREE" "$TREE.tmp"
	mkdir -p "$TREE.tmp"
	tar -xJf "$LINUX_TAR" -C "$TREE.tmp" --strip-components=1
	echo "$ver" >"$TREE.tmp/.rampart-version"
	mv "$TREE.tmp" "$TREE"
}

# Remove the drivers hooked by a previous run, then hook the current ones.
sync_drivers() {
	local name mk kc
	mk=$(mktemp) kc=$(mktemp)
	if [ -e "$TREE/.rampart-drivers" ]; then
		while read -r name; do
			rm -rf "${TREE:?}/drivers/$name"
		done <"$TREE/.rampart-drivers"
	fi
	grep -v '# rampart-hook$' "$TREE/drivers/Makefile" >"$mk"
	grep -v '# rampart-hook$' "$TREE/drivers/Kconfig" >"$kc"
	: >"$TREE/.rampart-drivers"
	for d in "$REPO"/tests/guest/linux/drivers/*/; do
		[ -d "$d" ] || continue
		name=$(basename "$d")
		say "hooking driver drivers/$name"
		cp -r "$d" "$TREE/drivers/$name"
		echo "$name" >>"$TREE/.rampart-drivers"
		echo "obj-y += $name/ # rampart-hook" >>"$mk"
		if [ -e "$d/Kconfig" ]; then
			# Insert before the final "endmenu" of drivers/Kconfig.
			awk -v line="source \"drivers/$name/Kconfig\" # rampart-hook" '
				{ l[NR] = $0 } /^endmenu/ { last = NR }
				END { for (i = 1; i <= NR; i++) {
					if (i == last) print line; print l[i] } }' \
				"$kc" >"$kc.new" && mv "$kc.new" "$kc"
		fi
	done
	copy_if_changed "$mk" "$TREE/drivers/Makefile"
	copy_if_changed "$kc" "$TREE/drivers/Kconfig"
	rm -f "$mk" "$kc"
}

# Fixed build identity, so that equal inputs give a byte-identical Image on
# any machine (the verifier recomputes the kernel's digest from the file).
kmake() {
	KBUILD_BUILD_TIMESTAMP='Wed Jan  1 00:00:00 UTC 2020' \
		KBUILD_BUILD_USER=rampart KBUILD_BUILD_HOST=rampart \
		KBUILD_BUILD_VERSION=1 \
		make -C "$TREE" ARCH=riscv CROSS_COMPILE="$CROSS" "$@"
}

configure() {
	local frags=() f
	while read -r f; do frags+=("$REPO/$f"); done < <(fragments)
	[ "${#frags[@]}" -gt 0 ] || die "no config fragment in tests/guest/linux"
	say "configuring: tinyconfig + ${frags[*]#"$REPO/"}"
	kmake -s tinyconfig >/dev/null
	(cd "$TREE" && ARCH=riscv CROSS_COMPILE=$CROSS \
		scripts/kconfig/merge_config.sh -m .config "${frags[@]}") \
		>"$TREE/merge.log" 2>&1 || {
		cat "$TREE/merge.log" >&2
		die "merge_config.sh failed"
	}
	kmake -s olddefconfig >/dev/null
	verify_config "${frags[@]}"
}

# Every option a fragment sets must hold in the final .config.
verify_config() {
	local bad=0 line opt
	for f in "$@"; do
		while read -r line; do
			case $line in
			CONFIG_*=*)
				grep -qxF "$line" "$TREE/.config" && continue
				opt=${line%%=*}
				;;
			"# CONFIG_"*" is not set")
				opt=${line#"# "}
				opt=${opt%% *}
				grep -q "^$opt=" "$TREE/.config" || continue
				;;
			*) continue ;;
			esac
			echo "linux: error: ${f#"$REPO/"}: wants '$line', .config has:" \
				"'$(grep -E "^$opt=|^# $opt is not set" "$TREE/.config" ||
					echo "(absent: a dependency is missing)")'" >&2
			bad=1
		done <"$f"
	done
	[ "$bad" -eq 0 ] || die "config fragment not satisfied (see above)"
	say "config verified: every fragment option holds"
}

# Build Image with a progress line every 100 build steps; full log kept.
build_image() {
	local log=$TREE/build.log start=$SECONDS
	say "building Image with -j$JOBS (cold build ~2-4 min; log $log)"
	# The built-in initramfs takes its mtimes from KBUILD_BUILD_TIMESTAMP;
	# regenerate it so that a tree built before that was set converges.
	rm -f "$TREE/usr/initramfs_data.cpio"
	if ! kmake -j"$JOBS" Image 2>&1 | tee "$log" | awk '
		/^  [A-Z]/ { n++; if (n % 100 == 0)
			printf "linux: %d build steps (%s)\n", n, $NF; fflush() }
		/(error|warning):/ { print; fflush() }'; then
		tail -40 "$log" >&2
		die "kernel build failed (log $log)"
	fi
	say "Image built in $((SECONDS - start)) s"
}

main() {
	local ver key dir lock
	command -v "${CROSS}gcc" >/dev/null || die "${CROSS}gcc missing (make deps)"
	ver=$(linux_version)
	key=$(cache_key)
	dir=$CACHE/linux-$key
	if [ ! -s "$dir/Image" ]; then
		mkdir -p "$CACHE"
		lock=$CACHE/linux.lock
		exec 9>"$lock"
		flock 9
		if [ ! -s "$dir/Image" ]; then
			prepare_tree "$ver"
			sync_drivers
			configure
			build_image
			mkdir -p "$dir"
			cp "$TREE/.config" "$dir/config"
			cp "$TREE/arch/riscv/boot/Image" "$dir/Image.tmp"
			mv "$dir/Image.tmp" "$dir/Image"
		fi
		exec 9>&-
	fi
	if ! cmp -s "$dir/Image" "$OUT"; then
		copy_if_changed "$dir/Image" "$OUT"
		say "$OUT <- $dir/Image ($(stat -c %s "$dir/Image") bytes)"
	fi
}

main "$@"
