// SPDX-License-Identifier: BSD-2-Clause
/* Host tests of the membuf fake guest memory (tests/host/lib/membuf.c). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "tests/host/lib/membuf.h"

#define BASE 0x80200000ULL

static uint8_t bytes[64];
static struct membuf mem;

static int setup(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(bytes); i++)
		bytes[i] = (uint8_t)i;
	membuf_init(&mem, BASE, bytes, sizeof(bytes));
	return 0;
}

static void test_read_inside(void **state)
{
	uint32_t v;

	(void)state;
	assert_int_equal(membuf_read(&mem, BASE + 4, &v, sizeof(v)), 0);
	assert_int_equal(v, 0x07060504); /* little-endian host */
	assert_int_equal(mem.reads, 1);
}

static void test_write_then_read_last_byte(void **state)
{
	uint8_t in = 0xab, out = 0;

	(void)state;
	assert_int_equal(membuf_write(&mem, BASE + 63, &in, 1), 0);
	assert_int_equal(membuf_read(&mem, BASE + 63, &out, 1), 0);
	assert_int_equal(out, 0xab);
	assert_int_equal(mem.writes, 1);
}

static void test_outside_faults(void **state)
{
	uint64_t v = 0;

	(void)state;
	assert_int_equal(membuf_read(&mem, BASE - 1, &v, 1), -EFAULT);
	assert_int_equal(membuf_read(&mem, BASE + 64, &v, 1), -EFAULT);
	/* Straddles the end: nothing is copied. */
	assert_int_equal(membuf_read(&mem, BASE + 60, &v, 8), -EFAULT);
	assert_int_equal(v, 0);
	assert_int_equal(membuf_read(&mem, BASE, &v, 0), -EFAULT);
	assert_int_equal(mem.reads, 0);
}

static void test_no_wraparound(void **state)
{
	uint8_t big[16];
	struct membuf top;
	uint64_t v;

	(void)state;
	membuf_init(&top, UINT64_MAX - 15, big, sizeof(big));
	assert_int_equal(membuf_read(&top, UINT64_MAX - 7, &v, 8), 0);
	assert_int_equal(membuf_read(&top, UINT64_MAX - 3, &v, 8), -EFAULT);
	assert_false(membuf_is_mapped(&mem, UINT64_MAX, SIZE_MAX));
}

static void test_fault_window(void **state)
{
	uint16_t v;

	(void)state;
	membuf_set_fault(&mem, BASE + 16, BASE + 32);
	assert_int_equal(membuf_read(&mem, BASE + 14, &v, 2), 0);
	assert_int_equal(membuf_read(&mem, BASE + 15, &v, 2), -EFAULT);
	assert_int_equal(membuf_write(&mem, BASE + 31, &v, 1), -EFAULT);
	assert_int_equal(membuf_read(&mem, BASE + 32, &v, 2), 0);
	membuf_set_fault(&mem, 0, 0);
	assert_int_equal(membuf_read(&mem, BASE + 20, &v, 2), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_read_inside, setup),
		cmocka_unit_test_setup(test_write_then_read_last_byte, setup),
		cmocka_unit_test_setup(test_outside_faults, setup),
		cmocka_unit_test_setup(test_no_wraparound, setup),
		cmocka_unit_test_setup(test_fault_window, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
