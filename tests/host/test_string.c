// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of the monitor's memcpy, memmove and memset (lib/string.c),
 * built here as lib_memcpy, lib_memmove and lib_memset (build.mk) and
 * compared with a byte-by-byte model: every source and destination
 * alignment, every length around the word size, overlaps both ways, and
 * not a byte touched outside the range.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#define ROOM 256
#define GUARD 0xa5

static unsigned char buf[ROOM], want[ROOM];

static void fill(unsigned char *p)
{
	unsigned int i;

	for (i = 0; i < ROOM; i++)
		p[i] = (unsigned char)(i * 7 + 3);
}

static void test_copy_every_alignment(void **state)
{
	static unsigned char src[ROOM];
	size_t d, s, n, i;

	(void)state;
	fill(src);
	for (d = 0; d < 16; d++)
		for (s = 0; s < 16; s++)
			for (n = 0; n < 72; n++) {
				for (i = 0; i < ROOM; i++)
					buf[i] = want[i] = GUARD;
				for (i = 0; i < n; i++)
					want[32 + d + i] = src[s + i];
				assert_ptr_equal(memcpy(buf + 32 + d, src + s, n),
						 buf + 32 + d);
				assert_memory_equal(buf, want, ROOM);
			}
}

/* dst = src + @shift (may be negative): what a byte-wise memmove gives. */
static void check_move(size_t at, long shift, size_t n)
{
	unsigned char tmp[ROOM];
	size_t i;

	fill(buf);
	fill(want);
	for (i = 0; i < n; i++)
		tmp[i] = want[at + i];
	for (i = 0; i < n; i++)
		want[at + shift + i] = tmp[i];
	assert_ptr_equal(memmove(buf + at + shift, buf + at, n),
			 buf + at + shift);
	assert_memory_equal(buf, want, ROOM);
}

static void test_move_overlapping(void **state)
{
	size_t at, n;
	long shift;

	(void)state;
	for (at = 64; at < 80; at++)
		for (shift = -20; shift <= 20; shift++)
			for (n = 0; n < 72; n++)
				check_move(at, shift, n);
}

static void test_set_every_alignment(void **state)
{
	size_t d, n, i;
	int c;

	(void)state;
	for (c = 0; c < 256; c += 85)
		for (d = 0; d < 16; d++)
			for (n = 0; n < 72; n++) {
				for (i = 0; i < ROOM; i++)
					buf[i] = want[i] = GUARD;
				for (i = 0; i < n; i++)
					want[32 + d + i] = (unsigned char)c;
				/* only the low byte of c counts (C11 7.24.6.1) */
				assert_ptr_equal(memset(buf + 32 + d, c | 0x300, n),
						 buf + 32 + d);
				assert_memory_equal(buf, want, ROOM);
			}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_copy_every_alignment),
		cmocka_unit_test(test_move_overlapping),
		cmocka_unit_test(test_set_every_alignment),
	};

	return cmocka_run_group_tests_name("string", tests, NULL, NULL);
}
