// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of monitor/core/isa.c: what a device tree's riscv,isa string
 * or riscv,isa-extensions list is taken to say about Zknh. A false "yes"
 * would be caught by the hart's probe; these check the tree is read
 * exactly (whole names only, bounded by the property's length).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "monitor/core/isa.h"

static bool str_has(const char *isa, const char *ext)
{
	return isa_string_has(isa, (int)strlen(isa) + 1, ext);
}

/* QEMU 7.2's strings, with -cpu rv64,zknh=on and without */
static void test_qemu_strings(void **unused)
{
	static const char with[] = "rv64imafdch_zicsr_zifencei_zihintpause_"
				   "zba_zbb_zbc_zbs_zknh_sstc";
	static const char without[] = "rv64imafdch_zicsr_zifencei_"
				      "zihintpause_zba_zbb_zbc_zbs_sstc";

	(void)unused;
	assert_true(isa_has_zknh(with, sizeof(with), NULL, 0));
	assert_false(isa_has_zknh(without, sizeof(without), NULL, 0));
	assert_true(str_has(with, "sstc"));
	assert_true(str_has(with, "zicsr"));
}

static void test_whole_names_only(void **unused)
{
	(void)unused;
	assert_false(str_has("rv64imac_zknhx", "zknh"));
	assert_false(str_has("rv64imac_zkn", "zknh"));
	assert_false(str_has("rv64imac_xzknh", "zknh"));
	/* single letters are not names: "zknh" never hides in them */
	assert_false(str_has("rv64zknh", "zknh"));
	assert_false(str_has("rv64imac", "imac"));
	assert_false(str_has("rv64imac_", "zknh"));
	assert_false(str_has("rv64imac__zknh_", "zkn"));
	assert_true(str_has("rv64imac__zknh_", "zknh"));
	assert_false(str_has("zknh_zknh", "zknh")); /* not an ISA string */
	assert_false(str_has("", "zknh"));
	assert_false(str_has("rv64imac_zknh", ""));
}

/* Zkn and Zk include Zknh (scalar cryptography 1.0, "Zkn", "Zk") */
static void test_including_extensions(void **unused)
{
	static const char zkn[] = "rv64gc_zkn";
	static const char zk[] = "rv64gc_zbb_zk_sstc";
	static const char zkr[] = "rv64gc_zkr_zkt";

	(void)unused;
	assert_true(isa_has_zknh(zkn, sizeof(zkn), NULL, 0));
	assert_true(isa_has_zknh(zk, sizeof(zk), NULL, 0));
	assert_false(isa_has_zknh(zkr, sizeof(zkr), NULL, 0));
}

/* The property's length bounds the scan, NUL or not. */
static void test_length_bounds(void **unused)
{
	static const char isa[] = "rv64imac_zknh";

	(void)unused;
	assert_true(isa_string_has(isa, 13, "zknh"));
	assert_false(isa_string_has(isa, 12, "zknh"));
	assert_false(isa_string_has(isa, 0, "zknh"));
	assert_false(isa_string_has(NULL, 10, "zknh"));
}

static void test_extension_list(void **unused)
{
	static const char list[] = "i\0m\0a\0zicsr\0zknh\0sstc";
	static const char unterminated[] = { 'i', 0, 'z', 'k', 'n', 'h' };

	(void)unused;
	assert_true(isa_list_has(list, sizeof(list), "zknh"));
	assert_true(isa_list_has(list, sizeof(list), "sstc"));
	assert_false(isa_list_has(list, sizeof(list), "zkn"));
	assert_false(isa_list_has(list, sizeof(list) - 1, "sstc"));
	assert_false(isa_list_has(unterminated, sizeof(unterminated), "zknh"));
	assert_true(isa_has_zknh(NULL, 0, list, sizeof(list)));
	assert_false(isa_has_zknh(NULL, 0, NULL, 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_qemu_strings),
		cmocka_unit_test(test_whole_names_only),
		cmocka_unit_test(test_including_extensions),
		cmocka_unit_test(test_length_bounds),
		cmocka_unit_test(test_extension_list),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
