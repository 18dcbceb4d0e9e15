// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of the boot configuration (monitor/core/config.c) and the
 * policy registry it looks names up in (monitor/core/policy.c): what the
 * run options turn into, and every option the monitor must refuse rather
 * than guess (the line it prints comes from here).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../include/rampart/errno.h"
#include "monitor/core/config.h"
#include "monitor/core/policy.h"

/* two registered policies, as the monitor has (no hooks needed here) */
static const struct policy_ops fake_protect = { .name = "protect", .id = 1 };
static const struct policy_ops fake_none = { .name = "none", .id = 0 };
POLICY_REGISTER(fake_protect);
POLICY_REGISTER(fake_none);

static struct boot_config cfg;
static char why[64];

static int parse(const char *text)
{
	memset(&cfg, 0x5a, sizeof(cfg));
	memset(why, 0, sizeof(why));
	return config_parse(text, strlen(text) + 1, &cfg, why, sizeof(why));
}

static void test_defaults(void **unused)
{
	(void)unused;
	assert_int_equal(parse(""), 0);
	assert_ptr_equal(cfg.policy, &fake_protect);
	assert_true(cfg.policy_default);
	assert_true(cfg.fastpath);
	assert_int_equal(cfg.nonce_len, 0);
	assert_int_equal(cfg.payload_size, 0);
	assert_string_equal(config_policy_text(&cfg), "fastpath=1");
}

static void test_every_option(void **unused)
{
	(void)unused;
	assert_int_equal(parse("policy=none\nnonce=00Ff\nfastpath=0\n"
			       "payload_size=4096\n"), 0);
	assert_ptr_equal(cfg.policy, &fake_none);
	assert_false(cfg.policy_default);
	assert_false(cfg.fastpath);
	assert_int_equal(cfg.nonce_len, 2);
	assert_int_equal(cfg.nonce[0], 0x00);
	assert_int_equal(cfg.nonce[1], 0xff);
	assert_int_equal(cfg.payload_size, 4096);
	assert_string_equal(config_policy_text(&cfg), "fastpath=0");
}

static void test_refused(void **unused)
{
	static const struct {
		const char *text, *why;
	} bad[] = {
		{ "policy=bogus", "unknown policy 'bogus': not booting" },
		{ "policy=protectprotectprotect",
		  "policy option too long: not booting" },
		{ "nonce=abc", "nonce option is not 1 to 64 bytes of hex" },
		{ "nonce=", "nonce option is not 1 to 64 bytes of hex" },
		{ "nonce=zz", "nonce option is not hex" },
		{ "nonce=" /* 65 bytes */
		  "0000000000000000000000000000000000000000000000000000000000000000"
		  "000000000000000000000000000000000000000000000000000000000000000000",
		  "nonce option is not 1 to 64 bytes of hex" },
	};
	unsigned int i;

	(void)unused;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(parse(bad[i].text), -RAMPART_EINVAL);
		assert_string_equal(why, bad[i].why);
	}
}

/* 64 bytes is the limit, and is taken whole */
static void test_longest_nonce(void **unused)
{
	(void)unused;
	assert_int_equal(parse("nonce="
			       "0102030405060708091011121314151617181920212223"
			       "2425262728293031323334353637383940414243444546"
			       "474849505152535455565758596061626364"), 0);
	assert_int_equal(cfg.nonce_len, 64);
	assert_int_equal(cfg.nonce[63], 0x64);
}

/* payload_size that is not a decimal number counts as absent */
static void test_bad_size_is_absent(void **unused)
{
	(void)unused;
	assert_int_equal(parse("payload_size=12k"), 0);
	assert_int_equal(cfg.payload_size, 0);
	assert_int_equal(parse("payload_size=0x10"), 0);
	assert_int_equal(cfg.payload_size, 0);
}

static void test_registry(void **unused)
{
	(void)unused;
	assert_ptr_equal(policy_find("none"), &fake_none);
	assert_ptr_equal(policy_find("protect"), &fake_protect);
	assert_null(policy_find("prot"));
	assert_null(policy_find(""));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_every_option),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_longest_nonce),
		cmocka_unit_test(test_bad_size_is_absent),
		cmocka_unit_test(test_registry),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
