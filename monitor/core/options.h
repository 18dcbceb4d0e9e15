/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Run options handed to the monitor by the launcher: `key=value` lines of
 * text (policy=protect, nonce=<hex>), NUL- or size-terminated. Public data:
 * nothing secret travels this way.
 */
#ifndef RAMPART_OPTIONS_H
#define RAMPART_OPTIONS_H

#include "../../include/rampart/types.h"

/*
 * Find @key in @text (at most @len bytes) and copy its value into @out
 * (NUL-terminated, @size bytes). Returns the value's length, or
 * -RAMPART_ENOENT if absent, -RAMPART_ENOSPC if it does not fit.
 */
int options_get(const char *text, size_t len, const char *key, char *out,
		size_t size);

#endif
