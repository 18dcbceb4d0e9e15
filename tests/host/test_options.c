// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of the run-options parser (monitor/core/options.c): `key=value`
 * lines, NUL- or size-terminated, as options.h documents. Texts that must
 * not be read past their length live in exactly-sized heap buffers, so
 * ASan reports any overread.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../include/rampart/errno.h"
#include "monitor/core/options.h"

#define TEXT "policy=protect\nnonce=00112233aabbccdd\nname=last"

static char out[32];

/* options_get on NUL-terminated @text into out[]. */
static int get(const char *text, const char *key)
{
	memset(out, 'Z', sizeof(out));
	return options_get(text, strlen(text) + 1, key, out, sizeof(out));
}

/* @len bytes of @text copied to a heap block of exactly @len bytes. */
static int get_exact(const char *text, size_t len, const char *key, size_t size)
{
	char *copy = malloc(len ? len : 1);
	int rc;

	assert_non_null(copy);
	memcpy(copy, text, len);
	memset(out, 'Z', sizeof(out));
	rc = options_get(copy, len, key, out, size);
	free(copy);
	return rc;
}

static void test_finds_key_on_any_line(void **state)
{
	(void)state;
	assert_int_equal(get(TEXT, "policy"), 7);
	assert_string_equal(out, "protect");
	assert_int_equal(get(TEXT, "nonce"), 16);
	assert_string_equal(out, "00112233aabbccdd");
	assert_int_equal(get(TEXT, "name"), 4); /* last line, no newline */
	assert_string_equal(out, "last");
}

static void test_no_prefix_match(void **state)
{
	(void)state;
	assert_int_equal(get("policyx=evil\npolicy=none\n", "policy"), 4);
	assert_string_equal(out, "none");
	assert_int_equal(get("policy=protect\n", "polic"), -RAMPART_ENOENT);
	assert_int_equal(get("xpolicy=evil\n", "policy"), -RAMPART_ENOENT);
	assert_int_equal(get("policy\npolicy=x\n", "policy"), 1);
	assert_string_equal(out, "x");
	assert_int_equal(get("nonce=policy=evil\n", "policy"), -RAMPART_ENOENT);
}

static void test_value_keeps_equals_signs(void **state)
{
	(void)state;
	assert_int_equal(get("k=a=b\n", "k"), 3);
	assert_string_equal(out, "a=b");
}

static void test_missing(void **state)
{
	(void)state;
	assert_int_equal(get(TEXT, "tpm"), -RAMPART_ENOENT);
	assert_int_equal(get("", "policy"), -RAMPART_ENOENT);
	assert_int_equal(get_exact("policy=x", 0, "policy", sizeof(out)),
			 -RAMPART_ENOENT);
	assert_int_equal(get("\n\n\n", "policy"), -RAMPART_ENOENT);
}

static void test_empty_lines_skipped(void **state)
{
	(void)state;
	assert_int_equal(get("\n\npolicy=none", "policy"), 4);
	assert_string_equal(out, "none");
}

static void test_empty_value(void **state)
{
	(void)state;
	assert_int_equal(get("policy=\nnonce=1\n", "policy"), 0);
	assert_string_equal(out, "");
	assert_int_equal(get_exact("policy=", 7, "policy", 1), 0);
	assert_int_equal(out[0], '\0');
}

/* The value and its NUL must fit in size bytes; nothing is written else. */
static void test_value_too_long(void **state)
{
	(void)state;
	assert_int_equal(get_exact("policy=protect", 14, "policy", 7),
			 -RAMPART_ENOSPC);
	assert_int_equal(out[0], 'Z');
	assert_int_equal(get_exact("policy=protect", 14, "policy", 8), 7);
	assert_string_equal(out, "protect");
	assert_int_equal(out[8], 'Z');
	assert_int_equal(get_exact("policy=", 7, "policy", 0), -RAMPART_ENOSPC);
	assert_int_equal(out[0], 'Z');
}

/* Without a NUL the text ends at len: the value is cut there too. */
static void test_size_terminated(void **state)
{
	(void)state;
	assert_int_equal(get_exact("policy=noneXX", 11, "policy", sizeof(out)),
			 4);
	assert_string_equal(out, "none");
	assert_int_equal(
		get_exact("nonce=1\npolicy", 14, "policy", sizeof(out)),
		-RAMPART_ENOENT);
	assert_int_equal(get_exact("policy=", 6, "policy", sizeof(out)),
			 -RAMPART_ENOENT); /* "policy" without its '=' */
}

/* A NUL ends the text: what follows it within len is not options. */
static void test_nul_terminates(void **state)
{
	static const char text[] = "nonce=1\0policy=evil\n";

	(void)state;
	assert_int_equal(
		get_exact("policy=none\0XX", 14, "policy", sizeof(out)), 4);
	assert_string_equal(out, "none");
	assert_int_equal(get_exact(text, sizeof(text), "policy", sizeof(out)),
			 -RAMPART_ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_finds_key_on_any_line),
		cmocka_unit_test(test_no_prefix_match),
		cmocka_unit_test(test_value_keeps_equals_signs),
		cmocka_unit_test(test_missing),
		cmocka_unit_test(test_empty_lines_skipped),
		cmocka_unit_test(test_empty_value),
		cmocka_unit_test(test_value_too_long),
		cmocka_unit_test(test_size_terminated),
		cmocka_unit_test(test_nul_terminates),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
