// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of the printf core (lib/format.c). Expected strings
 * are what C11 7.21.6.1 (fprintf) and 7.21.6.5 (snprintf) prescribe for
 * the conversions format.h supports.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "lib/format.h"

static char buf[128];

/* Format into buf and check both the text and the returned count. */
#define CHECK(want, ...)                                                    \
	do {                                                                \
		memset(buf, 'Z', sizeof(buf));                              \
		assert_int_equal(format_buf(buf, sizeof(buf), __VA_ARGS__), \
				 strlen(want));                             \
		assert_string_equal(buf, want);                             \
	} while (0)

static void test_plain_and_percent(void **state)
{
	(void)state;
	CHECK("", "%s", "");
	CHECK("hello", "hello");
	CHECK("%", "%%");
	CHECK("100% sure", "100%% sure");
	CHECK("a%b", "a%%%c", 'b');
}

static void test_strings_and_chars(void **state)
{
	(void)state;
	CHECK("axyzb", "a%sb", "xyz");
	CHECK("[rampart] x", "[%s] %s", "rampart", "x");
	CHECK("A", "%c", 'A');
	CHECK("<\n>", "<%c>", '\n');
}

static void test_signed(void **state)
{
	(void)state;
	CHECK("0", "%d", 0);
	CHECK("-42", "%d", -42);
	CHECK("2147483647", "%d", INT_MAX);
	CHECK("-2147483648", "%d", INT_MIN);
	CHECK("-9223372036854775808", "%ld", LONG_MIN);
	CHECK("9223372036854775807", "%lld", LLONG_MAX);
	CHECK("-1 1", "%d %d", -1, 1);
}

static void test_unsigned(void **state)
{
	(void)state;
	CHECK("0", "%u", 0u);
	CHECK("4294967295", "%u", UINT_MAX);
	CHECK("18446744073709551615", "%lu", ULONG_MAX);
	CHECK("18446744073709551615", "%llu", ULLONG_MAX);
}

static void test_hex(void **state)
{
	(void)state;
	CHECK("0", "%x", 0u);
	CHECK("deadbeef", "%x", 0xdeadbeefu);
	CHECK("80000000", "%x", 0x80000000u);
	CHECK("8000000000000000", "%lx", 0x8000000000000000UL);
	CHECK("ffffffffffffffff", "%llx", ~0ULL);
	CHECK("0x80201000", "0x%lx", 0x80201000UL);
}

/* Only the int is consumed for %x: the next argument is still right. */
static void test_argument_sizes(void **state)
{
	(void)state;
	CHECK("ffffffff 7", "%x %d", 0xffffffffu, 7);
	CHECK("1 ffffffffffffffff 2", "%d %lx %d", 1, ~0UL, 2);
}

static void test_width_and_zero_pad(void **state)
{
	(void)state;
	CHECK("00001234", "%08x", 0x1234u);
	CHECK("    1234", "%8x", 0x1234u);
	CHECK("12345", "%2x", 0x12345u); /* width never truncates */
	CHECK("   42", "%5d", 42);
	CHECK("  -42", "%5d", -42);
	CHECK("-0042", "%05d", -42);
	CHECK("00000000", "%08x", 0u);
	CHECK("0000000000000001", "%016lx", 1UL);
	CHECK("007", "%03u", 7u);
}

static void test_pointer(void **state)
{
	(void)state;
	CHECK("0x80200000", "%p", (void *)0x80200000UL);
	CHECK("at 0xffffffffffffffff.", "at %p.", (void *)~0UL);
}

static void test_audit_line(void **state)
{
	(void)state;
	CHECK("[rampart] audit hart=0 access=read addr=0x80201000 pc=0x80104abc",
	      "[rampart] audit hart=%u access=%s addr=0x%lx pc=0x%lx", 0u,
	      "read", 0x80201000UL, 0x80104abcUL);
}

/* snprintf semantics: the full length is returned, size - 1 characters
 * and a NUL are stored, nothing past buf[size - 1] is touched. */
static void test_truncation(void **state)
{
	(void)state;
	memset(buf, 'Z', sizeof(buf));
	assert_int_equal(format_buf(buf, 5, "%s", "abcdefgh"), 8);
	assert_string_equal(buf, "abcd");
	assert_int_equal(buf[5], 'Z');
	memset(buf, 'Z', sizeof(buf));
	assert_int_equal(format_buf(buf, 4, "%08x", 0x1234u), 8);
	assert_string_equal(buf, "000");
	assert_int_equal(buf[4], 'Z');
	memset(buf, 'Z', sizeof(buf));
	assert_int_equal(format_buf(buf, 1, "abc"), 3);
	assert_int_equal(buf[0], '\0');
	assert_int_equal(buf[1], 'Z');
}

static void test_exact_fit(void **state)
{
	(void)state;
	memset(buf, 'Z', sizeof(buf));
	assert_int_equal(format_buf(buf, 4, "%d", 123), 3);
	assert_string_equal(buf, "123");
	assert_int_equal(buf[4], 'Z');
}

static void test_size_zero(void **state)
{
	(void)state;
	memset(buf, 'Z', sizeof(buf));
	assert_int_equal(format_buf(buf, 0, "abc%d", 42), 5);
	assert_int_equal(buf[0], 'Z');
	assert_int_equal(format_buf(NULL, 0, "%s", "xyz"), 3);
}

struct sink {
	char out[32];
	unsigned int n;
};

static void put_sink(char c, void *ctx)
{
	struct sink *s = ctx;

	if (s->n < sizeof(s->out) - 1)
		s->out[s->n] = c;
	s->n++;
}

static int sink_format(struct sink *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int sink_format(struct sink *s, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = format_v(put_sink, s, fmt, ap);
	va_end(ap);
	return n;
}

/* format_v hands every character to put, and counts them. */
static void test_format_v(void **state)
{
	struct sink s = { { 0 }, 0 };

	(void)state;
	assert_int_equal(sink_format(&s, "x=%d,%s", -7, "ok"), 7);
	assert_int_equal(s.n, 7);
	assert_memory_equal(s.out, "x=-7,ok", 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_and_percent),
		cmocka_unit_test(test_strings_and_chars),
		cmocka_unit_test(test_signed),
		cmocka_unit_test(test_unsigned),
		cmocka_unit_test(test_hex),
		cmocka_unit_test(test_argument_sizes),
		cmocka_unit_test(test_width_and_zero_pad),
		cmocka_unit_test(test_pointer),
		cmocka_unit_test(test_audit_line),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_exact_fit),
		cmocka_unit_test(test_size_zero),
		cmocka_unit_test(test_format_v),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
