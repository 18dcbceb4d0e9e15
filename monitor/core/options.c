// SPDX-License-Identifier: BSD-2-Clause
#include "options.h"
#include "../../include/rampart/errno.h"

static size_t line_end(const char *text, size_t len, size_t at)
{
	while (at < len && text[at] && text[at] != '\n')
		at++;
	return at;
}

static bool key_matches(const char *line, size_t n, const char *key)
{
	size_t i;

	for (i = 0; key[i]; i++)
		if (i >= n || line[i] != key[i])
			return false;
	return i < n && line[i] == '=';
}

int options_get(const char *text, size_t len, const char *key, char *out,
		size_t size)
{
	size_t at = 0, klen = 0;

	while (key[klen])
		klen++;
	while (at < len && text[at]) {
		size_t end = line_end(text, len, at), n, i;

		if (key_matches(text + at, end - at, key)) {
			n = end - at - klen - 1;
			if (n >= size)
				return -RAMPART_ENOSPC;
			for (i = 0; i < n; i++)
				out[i] = text[at + klen + 1 + i];
			out[n] = '\0';
			return (int)n;
		}
		if (end >= len || !text[end])
			break; /* a NUL ends the options */
		at = end + 1;
	}
	return -RAMPART_ENOENT;
}
