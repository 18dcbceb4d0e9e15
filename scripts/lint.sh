#!/bin/bash
# lint.sh CFLAGS TARGET_FLAGS "HOST_FILES" "TARGET_FILES": clang-tidy
# (.clang-tidy) on each file, host files for x86-64 and the others for
# riscv64 freestanding, then cppcheck over all of them. Exits 1 on any
# finding. Called by `make lint`.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2
cflags=$1 target=$2
read -ra host <<<"$3"
read -ra bare <<<"$4"
rc=0
if [ $((${#host[@]} + ${#bare[@]})) -eq 0 ]; then
	echo "lint: no C file tracked by git"
	exit 0
fi

tidy() {
	local extra=$1
	shift
	[ $# -gt 0 ] || return 0
	printf '%s\0' "$@" | FLAGS="$cflags $extra" xargs -0 -n1 -P"$(nproc)" \
		sh -c 'echo "  TIDY   $0"
			out=$(clang-tidy --quiet "$0" -- $FLAGS 2>&1) ||
			{ printf "%s\n" "$out"; exit 1; }'
}
tidy "" "${host[@]}" || rc=1
tidy "$target" "${bare[@]}" || rc=1

echo "  CPPCHECK ${#host[@]} + ${#bare[@]} files"
incs=$(grep -oE -- "-I[^ ]+" <<<"$cflags $target" | tr "\n" " ")
# shellcheck disable=SC2086
cppcheck --quiet --error-exitcode=1 --std=c11 --inline-suppr \
	--enable=warning,performance,portability --max-configs=4 \
	--suppress=missingIncludeSystem $incs "${host[@]}" "${bare[@]}" || rc=1

[ "$rc" -eq 0 ] && echo "lint: clean" || echo "lint: findings above"
exit "$rc"
