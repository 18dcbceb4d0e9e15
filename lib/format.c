// SPDX-License-Identifier: BSD-2-Clause
#include "format.h"

struct spec {
	unsigned int width;
	char pad;
	int longs;
};

static int put_num(format_put_fn put, void *ctx, unsigned long long v,
		   unsigned int base, bool neg, const struct spec *s)
{
	char tmp[24];
	unsigned int n = 0, len;

	do {
		tmp[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	len = n + (neg ? 1 : 0);
	/* zeros pad between the sign and the digits, spaces before both */
	if (neg && s->pad == '0')
		put('-', ctx);
	for (; len < s->width; len++)
		put(s->pad, ctx);
	if (neg && s->pad != '0')
		put('-', ctx);
	while (n)
		put(tmp[--n], ctx);
	return (int)len; /* sign, padding and digits */
}

static unsigned long long get_unsigned(va_list *ap, int longs)
{
	if (longs >= 2)
		return va_arg(*ap, unsigned long long);
	if (longs == 1)
		return va_arg(*ap, unsigned long);
	return va_arg(*ap, unsigned int);
}

static long long get_signed(va_list *ap, int longs)
{
	if (longs >= 2)
		return va_arg(*ap, long long);
	if (longs == 1)
		return va_arg(*ap, long);
	return va_arg(*ap, int);
}

static int put_str(format_put_fn put, void *ctx, const char *str)
{
	int out = 0;

	if (!str)
		str = "(null)";
	while (*str)
		put(*str++, ctx), out++;
	return out;
}

static int put_conv(format_put_fn put, void *ctx, char conv,
		    struct spec *s, va_list *ap)
{
	long long sv;

	switch (conv) {
	case 's': return put_str(put, ctx, va_arg(*ap, const char *));
	case 'c': put((char)va_arg(*ap, int), ctx); return 1;
	case 'd':
		sv = get_signed(ap, s->longs);
		return put_num(put, ctx, sv < 0 ? 0ULL - (unsigned long long)sv :
			       (unsigned long long)sv, 10, sv < 0, s);
	case 'u': return put_num(put, ctx, get_unsigned(ap, s->longs), 10,
				 false, s);
	case 'x': return put_num(put, ctx, get_unsigned(ap, s->longs), 16,
				 false, s);
	case 'p':
		put_str(put, ctx, "0x");
		return 2 + put_num(put, ctx, (unsigned long)va_arg(*ap, void *),
				   16, false, s);
	case '%': put('%', ctx); return 1;
	default: put('?', ctx); return 1;
	}
}

int format_v(format_put_fn put, void *ctx, const char *fmt, va_list ap)
{
	va_list aq;
	int out = 0;

	va_copy(aq, ap);
	while (*fmt) {
		struct spec s = { 0, ' ', 0 };

		if (*fmt != '%') {
			put(*fmt++, ctx);
			out++;
			continue;
		}
		fmt++;
		if (*fmt == '0')
			s.pad = '0', fmt++;
		while (*fmt >= '0' && *fmt <= '9')
			s.width = s.width * 10 + (unsigned int)(*fmt++ - '0');
		while (*fmt == 'l')
			s.longs++, fmt++;
		if (!*fmt)
			break;
		out += put_conv(put, ctx, *fmt++, &s, &aq);
	}
	va_end(aq);
	return out;
}

struct buf_ctx {
	char *buf;
	unsigned long size, len;
};

static void put_buf(char c, void *ctx)
{
	struct buf_ctx *b = ctx;

	if (b->len + 1 < b->size)
		b->buf[b->len] = c;
	b->len++;
}

int format_buf(char *buf, unsigned long size, const char *fmt, ...)
{
	struct buf_ctx b = { buf, size, 0 };
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = format_v(put_buf, &b, fmt, ap);
	va_end(ap);
	if (size)
		buf[b.len < size ? b.len : size - 1] = '\0';
	return n;
}
