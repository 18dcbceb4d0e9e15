// SPDX-License-Identifier: BSD-2-Clause
/* The few C library string functions the monitor and libfdt use. */
#include <string.h>
#include <stdbool.h>
#include <stdint.h>

/*
 * A word at a time where source and destination are aligned alike (the
 * kernel's bss, the log region: ~2 million instructions of each boot byte
 * by byte), else four bytes at a time where they are alike modulo 4 (libfdt
 * moves a tree's tail by multiples of 4 for every node or property it
 * adds: ~200,000 instructions of each boot byte by byte), never a
 * misaligned access: M-mode may not be able to take one.
 */
typedef unsigned long __attribute__((may_alias)) word_t;
typedef unsigned int __attribute__((may_alias)) half_t;
#define WORD sizeof(word_t)
#define HALF sizeof(half_t)
#define MISALIGN(p, size) ((uintptr_t)(p) & ((size) - 1))

void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (MISALIGN(d, HALF) == MISALIGN(s, HALF)) {
		bool words = MISALIGN(d, WORD) == MISALIGN(s, WORD);

		for (; n && MISALIGN(d, words ? WORD : HALF); n--)
			*d++ = *s++;
		for (; words && n >= WORD; n -= WORD, d += WORD, s += WORD)
			*(word_t *)d = *(const word_t *)s;
		for (; n >= HALF; n -= HALF, d += HALF, s += HALF)
			*(half_t *)d = *(const half_t *)s;
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

/* Forward is safe when the destination is below the source. */
void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = (unsigned char *)dst + n;
	const unsigned char *s = (const unsigned char *)src + n;

	if (dst == src) /* libfdt's fdt_open_into() in place */
		return dst;
	if ((uintptr_t)dst < (uintptr_t)src)
		return memcpy(dst, src, n);
	if (MISALIGN(d, HALF) == MISALIGN(s, HALF)) {
		bool words = MISALIGN(d, WORD) == MISALIGN(s, WORD);

		for (; n && MISALIGN(d, words ? WORD : HALF); n--)
			*--d = *--s;
		for (; words && n >= WORD; n -= WORD) {
			d -= WORD;
			s -= WORD;
			*(word_t *)d = *(const word_t *)s;
		}
		for (; n >= HALF; n -= HALF) {
			d -= HALF;
			s -= HALF;
			*(half_t *)d = *(const half_t *)s;
		}
	}
	while (n--)
		*--d = *--s;
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	word_t w = (unsigned char)c * (~(word_t)0 / 0xff);

	for (; n && MISALIGN(d, WORD); n--)
		*d++ = (unsigned char)c;
	for (; n >= WORD; n -= WORD, d += WORD)
		*(word_t *)d = w;
	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

char *strchr(const char *s, int c)
{
	for (; *s; s++)
		if (*s == (char)c)
			return (char *)s;
	return c ? NULL : (char *)s;
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	do {
		if (*s == (char)c)
			last = s;
	} while (*s++);
	return (char *)last;
}
