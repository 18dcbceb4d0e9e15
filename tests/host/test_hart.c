// SPDX-License-Identifier: BSD-2-Clause
/* Host tests of where the harts' state and stacks go (monitor/core/hart.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "monitor/core/hart.h"

#define PER_HART (HART_SIZE + HART_STACK_SIZE)

static uint8_t *area;	/* room for MAX_HARTS + 1 harts, HART_SIZE aligned */
static u64 base;

static int setup(void **state)
{
	(void)state;
	area = aligned_alloc(HART_SIZE, (MAX_HARTS + 1) * PER_HART);
	memset(area, 0xa5, (MAX_HARTS + 1) * PER_HART);
	base = (u64)(uintptr_t)area;
	return area ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	free(area);
	return 0;
}

/* Exactly n harts fit: state zeroed, stacks after it, ids 0..n-1 only. */
static void test_places_exactly_n(void **state)
{
	u64 stacks;

	(void)state;
	stacks = hart_area_init(base, base + 4 * PER_HART, 4);
	assert_int_equal(stacks, base + 4 * HART_SIZE);
	assert_ptr_equal(harts, area);
	assert_ptr_equal(hart_get(3), &harts[3]);
	assert_null(hart_get(4));
	assert_int_equal(harts[3].kicks, 0);
	assert_int_equal(area[4 * HART_SIZE], 0xa5); /* stacks not cleared */
}

/* One byte short of room: refused, nothing placed or cleared. */
static void test_refuses_one_byte_short(void **state)
{
	(void)state;
	assert_int_equal(hart_area_init(base, base + 64 * PER_HART - 1, 64), 0);
	assert_int_equal(area[0], 0xa5);
	assert_int_equal(hart_area_init(base, base + 64 * PER_HART, 64),
			 base + 64 * HART_SIZE);
}

/* The state starts on a HART_SIZE boundary: a start past one is rounded
 * up, and the rounding counts against the room. */
static void test_aligns_state(void **state)
{
	(void)state;
	assert_int_equal(hart_area_init(base + 8, base + 2 * PER_HART, 1),
			 base + 2 * HART_SIZE);
	assert_ptr_equal(harts, area + HART_SIZE);
	assert_int_equal(hart_area_init(base + 8, base + 2 * PER_HART, 2), 0);
}

/* No harts, more than MAX_HARTS, an empty or wrapped range: refused. */
static void test_refuses_bad_counts(void **state)
{
	(void)state;
	assert_int_equal(hart_area_init(base, base + 8 * PER_HART, 0), 0);
	assert_int_equal(hart_area_init(base, base + (MAX_HARTS + 1) * PER_HART,
					MAX_HARTS + 1), 0);
	assert_int_equal(hart_area_init(base + PER_HART, base, 1), 0);
	assert_int_equal(hart_area_init(~0ULL - 8, ~0ULL, 1), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_places_exactly_n, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_one_byte_short, setup, teardown),
		cmocka_unit_test_setup_teardown(test_aligns_state, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuses_bad_counts, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
