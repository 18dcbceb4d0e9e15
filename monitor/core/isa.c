// SPDX-License-Identifier: BSD-2-Clause
#include "isa.h"
#include <string.h>

/* @len bytes at @s up to the first NUL. */
static int bounded_len(const char *s, int len)
{
	return (int)strnlen(s, (size_t)len);
}

bool isa_string_has(const char *isa, int len, const char *ext)
{
	int want = (int)strlen(ext), n, i, start, end;

	if (!isa || len <= 0 || !want)
		return false;
	n = bounded_len(isa, len);
	if (n < 4 ||
	    (memcmp(isa, "rv64", 4) != 0 && memcmp(isa, "rv32", 4) != 0))
		return false;
	/* the single letters up to the first '_' are not multi-letter
	 * names (unprivileged ISA, "ISA Extension Naming Conventions") */
	for (i = 0; i < n && isa[i] != '_'; i++)
		;
	while (i < n) {
		start = i + 1;
		for (end = start; end < n && isa[end] != '_'; end++)
			;
		if (end - start == want &&
		    memcmp(isa + start, ext, (size_t)want) == 0)
			return true;
		i = end;
	}
	return false;
}

bool isa_list_has(const char *list, int len, const char *ext)
{
	int i = 0, n;

	if (!list || len <= 0)
		return false;
	while (i < len) {
		n = bounded_len(list + i, len - i);
		if (i + n < len && !strcmp(list + i, ext))
			return true; /* only a NUL-terminated entry counts */
		i += n + 1;
	}
	return false;
}

bool isa_has_zknh(const char *isa, int isa_len, const char *list, int list_len)
{
	static const char *const names[] = { "zknh", "zkn", "zk" };
	unsigned int i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (isa_string_has(isa, isa_len, names[i]) ||
		    isa_list_has(list, list_len, names[i]))
			return true;
	return false;
}
