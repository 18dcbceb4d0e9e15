// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of the monitor's SHA-256 block function (measure/
 * sha256_compress.c): block for block against Debian's mbedTLS from random
 * states, and whole digests (FIPS 180-4's examples, every length around a
 * block boundary) with padding done here, so a wrong round constant,
 * rotation or schedule step fails by name. Every test runs twice: on the
 * portable build, and on the Zknh build with the instructions modelled in
 * C (tests/host/sha256_zknh_model.c); QEMU runs the real ones
 * (tests/qemu/cases/measure-zknh.case).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <mbedtls/sha256.h>

#include "measure/sha256_compress.h"
#define SHA256_ZKNH_EMULATE
#include "measure/sha256_sigma.h"

static const uint32_t initial[8] = {
	0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
	0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

typedef void compress_fn(uint32_t state[8], const uint8_t block[64]);

/* cmocka's state for each test: the build under test */
struct build {
	compress_fn *compress;
};

static struct build portable = { sha256_compress };
static struct build zknh = { sha256_compress_zknh };

static uint32_t rng_state = 0x2545f491;

/* FIPS 180-4, 4.1.2, written here again for the model's test */
static uint32_t ror(uint32_t x, unsigned int n)
{
	return x >> n | x << (32 - n);
}

static uint32_t sha256_sum0_ror(uint32_t x)
{
	return ror(x, 2) ^ ror(x, 13) ^ ror(x, 22);
}

static uint32_t sha256_sig1_ror(uint32_t x)
{
	return ror(x, 17) ^ ror(x, 19) ^ x >> 10;
}

static uint32_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

/* SHA-256 of @msg with padding done here and blocks by sha256_compress. */
static void digest(compress_fn *compress, const uint8_t *msg, size_t len,
		   uint8_t out[32])
{
	uint32_t state[8];
	uint8_t tail[128] = { 0 };
	size_t full = len / 64 * 64, rest = len - full, tail_len, i;
	uint64_t bits = (uint64_t)len * 8;

	memcpy(state, initial, sizeof(state));
	for (i = 0; i < full; i += 64)
		compress(state, msg + i);
	memcpy(tail, msg + full, rest);
	tail[rest] = 0x80;
	tail_len = rest + 9 <= 64 ? 64 : 128;
	for (i = 0; i < 8; i++)
		tail[tail_len - 1 - i] = (uint8_t)(bits >> (8 * i));
	for (i = 0; i < tail_len; i += 64)
		compress(state, tail + i);
	for (i = 0; i < 32; i++)
		out[i] = (uint8_t)(state[i / 4] >> (24 - 8 * (i % 4)));
}

static void hex(const uint8_t *d, char out[65])
{
	int i;

	for (i = 0; i < 32; i++)
		sprintf(out + 2 * i, "%02x", d[i]);
}

static void test_fips_examples(void **fn)
{
	compress_fn *compress = ((const struct build *)*fn)->compress;
	static const char *two_block =
		"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	uint8_t d[32];
	char h[65];

	digest(compress, (const uint8_t *)"abc", 3, d);
	hex(d, h);
	assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223"
			       "b00361a396177a9cb410ff61f20015ad");
	digest(compress, (const uint8_t *)two_block, strlen(two_block), d);
	hex(d, h);
	assert_string_equal(h, "248d6a61d20638b8e5c026930c3e6039"
			       "a33ce45964ff2167f6ecedd419db06c1");
	digest(compress, (const uint8_t *)"", 0, d);
	hex(d, h);
	assert_string_equal(h, "e3b0c44298fc1c149afbf4c8996fb924"
			       "27ae41e4649b934ca495991b7852b855");
}

/* One block at a time from arbitrary states: the compression alone. */
static void test_blocks_match_mbedtls(void **fn)
{
	compress_fn *compress = ((const struct build *)*fn)->compress;
	mbedtls_sha256_context ctx;
	uint8_t block[64];
	uint32_t ours[8];
	int n, i;

	mbedtls_sha256_init(&ctx);
	for (n = 0; n < 2000; n++) {
		for (i = 0; i < 8; i++)
			ours[i] = ctx.state[i] = rng();
		for (i = 0; i < 64; i++)
			block[i] = (uint8_t)rng();
		assert_int_equal(mbedtls_internal_sha256_process(&ctx, block),
				 0);
		compress(ours, block);
		assert_memory_equal(ours, ctx.state, sizeof(ours));
	}
	mbedtls_sha256_free(&ctx);
}

/* Every length from 0 to 300 bytes, and an odd large one. */
static void test_lengths_match_mbedtls(void **fn)
{
	compress_fn *compress = ((const struct build *)*fn)->compress;
	static uint8_t msg[70001];
	uint8_t want[32], got[32];
	size_t len, i;

	for (i = 0; i < sizeof(msg); i++)
		msg[i] = (uint8_t)rng();
	for (len = 0; len <= 300; len++) {
		assert_int_equal(mbedtls_sha256_ret(msg, len, want, 0), 0);
		digest(compress, msg, len, got);
		assert_memory_equal(got, want, 32);
	}
	assert_int_equal(mbedtls_sha256_ret(msg, sizeof(msg), want, 0), 0);
	digest(compress, msg, sizeof(msg), got);
	assert_memory_equal(got, want, 32);
}

/* The Zknh model is the instruction on RV64: rs1's upper half ignored,
 * the 32-bit result sign-extended into rd. */
static void test_zknh_model_rv64(void **unused)
{
	uint64_t rs1;
	uint32_t x;
	int n;

	(void)unused;
	for (n = 0; n < 1000; n++) {
		x = rng();
		rs1 = (uint64_t)rng() << 32 | x;
		assert_int_equal(sha256_zknh_model_sum0(rs1),
				 (uint64_t)(int64_t)(int32_t)sha256_sum0_ror(x));
		assert_int_equal(sha256_zknh_model_sig1(rs1),
				 (uint64_t)(int64_t)(int32_t)sha256_sig1_ror(x));
	}
	/* FIPS 180-4, 4.1.2 on one bit: the rotations and the shift */
	assert_int_equal(sha256_zknh_model_sum0(1), 0x40080400);
	assert_int_equal(sha256_zknh_model_sum1(1), 0x04200080);
	assert_int_equal(sha256_zknh_model_sig0(0x80000000), 0x11002000);
	assert_int_equal(sha256_zknh_model_sig1(0x80000000), 0x205000);
	assert_int_equal(sha256_zknh_model_sig0(1), 0x02004000);
	assert_int_equal(sha256_zknh_model_sum1(0x20), 0xffffffff84001000);
}

/* A block at every alignment: the word loads must not assume one. */
static void test_unaligned_blocks(void **fn)
{
	compress_fn *compress = ((const struct build *)*fn)->compress;
	uint8_t buf[64 + 8];
	uint32_t want[8], got[8];
	unsigned int off, i;

	for (i = 0; i < sizeof(buf); i++)
		buf[i] = (uint8_t)rng();
	for (off = 0; off < 8; off++) {
		memcpy(want, initial, sizeof(want));
		memcpy(got, initial, sizeof(got));
		sha256_compress(want, buf + off);
		compress(got, buf + off);
		assert_memory_equal(got, want, sizeof(got));
	}
}

#define BOTH(test)                                                  \
	{ #test " (portable)", test, NULL, NULL, &portable },       \
		{ #test " (zknh model)", test, NULL, NULL, &zknh }

int main(void)
{
	const struct CMUnitTest tests[] = {
		BOTH(test_fips_examples),
		BOTH(test_blocks_match_mbedtls),
		BOTH(test_lengths_match_mbedtls),
		BOTH(test_unaligned_blocks),
		cmocka_unit_test(test_zknh_model_rv64),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
