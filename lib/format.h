/* SPDX-License-Identifier: BSD-2-Clause */
/* A small printf core: %s %c %d %u %x %p, with l/ll, zero-pad and width. */
#ifndef RAMPART_FORMAT_H
#define RAMPART_FORMAT_H

#include <stdarg.h>
#include <stdbool.h>

typedef void (*format_put_fn)(char c, void *ctx);

/* Format @fmt through @put; returns the number of characters produced. */
int format_v(format_put_fn put, void *ctx, const char *fmt, va_list ap);

/* Into @buf of @size bytes, always NUL-terminated when @size > 0. */
int format_buf(char *buf, unsigned long size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
