// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of measure/tpm2_cmd.c through a fake transport: the exact
 * command bytes (checked against what swtpm accepted, see
 * tests/host/tpm_swtpm_check.c), a quote response recorded from swtpm, and
 * every way a response can be short, long, inconsistent or unexpected.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "measure/tpm2_cmd.h"
#include "../../include/rampart/errno.h"

#define PCRS (1u << 0 | 1u << 1 | 1u << 7 | 1u << 8 | 1u << 9)

/* --- fake transport: records the command, replays queued responses ----- */

static struct {
	uint8_t cmd[TPM2_CMD_MAX];
	size_t cmd_len;
	int calls;
	int rc;		       /* returned instead of a response if nonzero */
	const uint8_t *rsp[4]; /* the last one repeats */
	size_t rsp_len[4];
	int nrsp;
	int delays;
	uint64_t waited_us;
} fk;

static uint8_t buf[TPM2_BUF_SIZE];

static int fake_transmit(void *ctx, const uint8_t *cmd, size_t cmd_len,
			 uint8_t *rsp, size_t cap, size_t *rsp_len)
{
	int i = fk.calls < fk.nrsp ? fk.calls : fk.nrsp - 1;

	assert_ptr_equal(ctx, &fk);
	assert_in_range(cmd_len, 10, sizeof(fk.cmd));
	memcpy(fk.cmd, cmd, cmd_len);
	fk.cmd_len = cmd_len;
	fk.calls++;
	if (fk.rc)
		return fk.rc;
	assert_true(fk.nrsp > 0);
	if (fk.rsp_len[i] > cap)
		return -RAMPART_ENOSPC;
	memcpy(rsp, fk.rsp[i], fk.rsp_len[i]);
	*rsp_len = fk.rsp_len[i];
	return 0;
}

static void fake_delay(void *ctx, uint32_t us)
{
	assert_ptr_equal(ctx, &fk);
	fk.delays++;
	fk.waited_us += us;
}

static struct tpm2_dev dev = {
	.transmit = fake_transmit,
	.delay_us = fake_delay,
	.ctx = &fk,
	.buf = buf,
	.cap = sizeof(buf),
};

static void respond(const uint8_t *rsp, size_t len)
{
	fk.rsp[fk.nrsp] = rsp;
	fk.rsp_len[fk.nrsp++] = len;
}

static int setup(void **state)
{
	(void)state;
	memset(&fk, 0, sizeof(fk));
	dev.delay_us = fake_delay;
	dev.cap = sizeof(buf);
	return 0;
}

/* --- response builder ----------------------------------------------------- */

static uint8_t rb[2048];
static size_t rn;

static void put(const void *p, size_t n)
{
	assert_true(n <= sizeof(rb) - rn);
	memcpy(rb + rn, p, n);
	rn += n;
}

static void put8(uint8_t v)
{
	put(&v, 1);
}

static void put16(uint16_t v)
{
	put8((uint8_t)(v >> 8));
	put8((uint8_t)v);
}

static void put32(uint32_t v)
{
	put16((uint16_t)(v >> 16));
	put16((uint16_t)v);
}

static void patch32(size_t at, uint32_t v)
{
	rb[at] = (uint8_t)(v >> 24);
	rb[at + 1] = (uint8_t)(v >> 16);
	rb[at + 2] = (uint8_t)(v >> 8);
	rb[at + 3] = (uint8_t)v;
}

static void patch16(size_t at, uint16_t v)
{
	rb[at] = (uint8_t)(v >> 8);
	rb[at + 1] = (uint8_t)v;
}

/* A header with a placeholder size; finish() patches it. */
static void begin(uint16_t tag, uint32_t rc)
{
	rn = 0;
	put16(tag);
	put32(0);
	put32(rc);
}

static size_t finish(void)
{
	patch32(2, (uint32_t)rn);
	return rn;
}

static void put_auth_response(void)
{
	put16(0); /* nonceTPM */
	put8(1);  /* continueSession */
	put16(0); /* hmac */
}

/* The parts of a quote response the tests vary. */
struct quote_parts {
	uint16_t signer_len;
	const uint8_t *nonce;
	uint16_t nonce_len;
	uint32_t sel_count;
	uint16_t bank;
	uint8_t sel_size;
	uint32_t pcrs;
	uint16_t digest_len;
	uint16_t sig_alg;
	uint16_t sig_r_len, sig_s_len;
	size_t trailing; /* bytes after the signature, in parameters */
};

static const uint8_t nonce32[32] = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };

static struct quote_parts good_parts(void)
{
	struct quote_parts q = {
		.signer_len = 34,
		.nonce = nonce32,
		.nonce_len = 32,
		.sel_count = 1,
		.bank = 0x000b,
		.sel_size = 3,
		.pcrs = PCRS,
		.digest_len = 32,
		.sig_alg = 0x0018,
		.sig_r_len = 32,
		.sig_s_len = 32,
	};

	return q;
}

static void put_attest(const struct quote_parts *q)
{
	put32(0xff544347);
	put16(0x8018);
	put16(q->signer_len);
	for (int i = 0; i < q->signer_len; i++)
		put8(0x5a);
	put16(q->nonce_len);
	put(q->nonce, q->nonce_len);
	for (int i = 0; i < 17 + 8; i++) /* clockInfo, firmwareVersion */
		put8((uint8_t)i);
	put32(q->sel_count);
	put16(q->bank);
	put8(q->sel_size);
	for (int i = 0; i < q->sel_size; i++)
		put8((uint8_t)(q->pcrs >> (8 * i)));
	put16(q->digest_len);
	for (int i = 0; i < q->digest_len; i++)
		put8(0xdd);
}

static size_t quote_rsp(const struct quote_parts *q)
{
	size_t psize, asize;

	begin(0x8002, 0);
	psize = rn;
	put32(0);
	asize = rn;
	put16(0);
	put_attest(q);
	patch16(asize, (uint16_t)(rn - asize - 2));
	put16(q->sig_alg);
	put16(0x000b);
	put16(q->sig_r_len);
	for (int i = 0; i < q->sig_r_len; i++)
		put8(0x11);
	if (q->sig_alg != 0x0014 || q->sig_s_len) { /* RSA has no S */
		put16(q->sig_s_len);
		for (int i = 0; i < q->sig_s_len; i++)
			put8(0x22);
	}
	for (size_t i = 0; i < q->trailing; i++)
		put8(0);
	patch32(psize, (uint32_t)(rn - psize - 4));
	put_auth_response();
	return finish();
}

/* --- TPM2_Startup --------------------------------------------------------- */

static const uint8_t startup_cmd[] = {
	0x80, 0x01, 0x00, 0x00, 0x00, 0x0c, 0x00, 0x00, 0x01, 0x44, 0x00, 0x00,
};
static const uint8_t ok_no_sessions[] = {
	0x80, 0x01, 0x00, 0x00, 0x00, 0x0a, 0x00, 0x00, 0x00, 0x00,
};

static void test_startup_bytes(void **state)
{
	(void)state;
	respond(ok_no_sessions, sizeof(ok_no_sessions));
	assert_int_equal(tpm2_cmd_startup(&dev), 0);
	assert_int_equal(fk.cmd_len, sizeof(startup_cmd));
	assert_memory_equal(fk.cmd, startup_cmd, sizeof(startup_cmd));
}

static void test_startup_initialize(void **state)
{
	static const uint8_t rsp[] = {
		0x80, 0x01, 0x00, 0x00, 0x00, 0x0a, 0x00, 0x00, 0x01, 0x00,
	};

	(void)state;
	respond(rsp, sizeof(rsp));
	assert_int_equal(tpm2_cmd_startup(&dev), TPM2_RC_INITIALIZE);
}

static void expect_startup_einval(const uint8_t *rsp, size_t len)
{
	memset(&fk, 0, sizeof(fk));
	respond(rsp, len);
	assert_int_equal(tpm2_cmd_startup(&dev), -RAMPART_EINVAL);
}

static void test_startup_malformed(void **state)
{
	uint8_t r[16];

	(void)state;
	memcpy(r, ok_no_sessions, 10);
	r[5] = 0x0b; /* size says 11, 10 came */
	expect_startup_einval(r, 10);
	expect_startup_einval(ok_no_sessions, 9); /* short header */
	expect_startup_einval(ok_no_sessions, 0);
	memcpy(r, ok_no_sessions, 10);
	r[1] = 0x02; /* success with a sessions tag */
	expect_startup_einval(r, 10);
	memcpy(r, ok_no_sessions, 10);
	r[5] = 0x0b; /* a byte more than Startup returns */
	r[10] = 0;
	expect_startup_einval(r, 11);
	memcpy(r, ok_no_sessions, 10);
	r[6] = 0x80; /* rc not representable as an int */
	expect_startup_einval(r, 10);
}

static void test_transport_errors(void **state)
{
	(void)state;
	fk.rc = -RAMPART_EFAULT;
	assert_int_equal(tpm2_cmd_startup(&dev), -RAMPART_EFAULT);
	fk.rc = 3; /* a transport must not answer positive */
	assert_int_equal(tpm2_cmd_startup(&dev), -RAMPART_EINVAL);
	fk.rc = 0;
	respond(ok_no_sessions, sizeof(ok_no_sessions));
	dev.cap = 8; /* response does not fit: the transport says */
	assert_int_equal(tpm2_cmd_startup(&dev), -RAMPART_ENOSPC);
}

/* A transport that claims more bytes than the buffer holds. */
static int lying_transmit(void *ctx, const uint8_t *cmd, size_t cmd_len,
			  uint8_t *rsp, size_t cap, size_t *rsp_len)
{
	(void)ctx;
	(void)cmd;
	(void)cmd_len;
	memcpy(rsp, ok_no_sessions, sizeof(ok_no_sessions));
	*rsp_len = cap + 1;
	return 0;
}

static void test_transport_overlong(void **state)
{
	struct tpm2_dev d = { .transmit = lying_transmit,
			      .buf = buf,
			      .cap = sizeof(buf) };

	(void)state;
	assert_int_equal(tpm2_cmd_startup(&d), -RAMPART_EINVAL);
}

/* --- resubmission ---------------------------------------------------------- */

static const uint8_t retry_rsp[] = {
	0x80, 0x01, 0x00, 0x00, 0x00, 0x0a, 0x00, 0x00, 0x09, 0x22,
};

static void test_retry_then_success(void **state)
{
	static const uint8_t testing[] = {
		0x80, 0x01, 0x00, 0x00, 0x00, 0x0a, 0x00, 0x00, 0x09, 0x0a,
	};

	(void)state;
	respond(retry_rsp, sizeof(retry_rsp));
	respond(testing, sizeof(testing));
	respond(ok_no_sessions, sizeof(ok_no_sessions));
	assert_int_equal(tpm2_cmd_startup(&dev), 0);
	assert_int_equal(fk.calls, 3);
	assert_int_equal(fk.delays, 2);
	assert_int_equal(fk.waited_us, 10000 + 20000);
	/* The same command each time. */
	assert_memory_equal(fk.cmd, startup_cmd, sizeof(startup_cmd));
}

static void test_retry_bounded(void **state)
{
	(void)state;
	respond(retry_rsp, sizeof(retry_rsp));
	assert_int_equal(tpm2_cmd_startup(&dev), TPM2_RC_RETRY);
	assert_int_equal(fk.calls, 9);
	assert_int_equal(fk.waited_us, 2550000);
	/* Without a delay hook it still stops. */
	memset(&fk, 0, sizeof(fk));
	dev.delay_us = NULL;
	respond(retry_rsp, sizeof(retry_rsp));
	assert_int_equal(tpm2_cmd_startup(&dev), TPM2_RC_RETRY);
	assert_int_equal(fk.calls, 9);
}

/* --- TPM2_PCR_Extend ----------------------------------------------------- */

static const uint8_t extend_ok[] = {
	0x80, 0x02, 0x00, 0x00, 0x00, 0x13, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00,
};

static void test_extend_bytes(void **state)
{
	static const uint8_t head[] = {
		0x80, 0x02, 0x00, 0x00, 0x00, 0x41, 0x00, 0x00,
		0x01, 0x82, 0x00, 0x00, 0x00, 0x09, /* PCR 9 */
		0x00, 0x00, 0x00, 0x09,		    /* authorizationSize */
		0x40, 0x00, 0x00, 0x09, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x0b, /* 1 digest, SHA-256 */
	};
	uint8_t digest[32];

	(void)state;
	for (int i = 0; i < 32; i++)
		digest[i] = (uint8_t)(0xc0 + i);
	respond(extend_ok, sizeof(extend_ok));
	assert_int_equal(tpm2_cmd_pcr_extend(&dev, 9, digest), 0);
	assert_int_equal(fk.cmd_len, sizeof(head) + 32);
	assert_memory_equal(fk.cmd, head, sizeof(head));
	assert_memory_equal(fk.cmd + sizeof(head), digest, 32);
}

static void test_extend_bad_pcr(void **state)
{
	uint8_t digest[32] = { 0 };

	(void)state;
	respond(extend_ok, sizeof(extend_ok));
	assert_int_equal(tpm2_cmd_pcr_extend(&dev, 24, digest),
			 -RAMPART_EINVAL);
	assert_int_equal(tpm2_cmd_pcr_extend(&dev, 0xffffffff, digest),
			 -RAMPART_EINVAL);
	assert_int_equal(fk.calls, 0);
	assert_int_equal(tpm2_cmd_pcr_extend(&dev, 23, digest), 0);
}

static void test_extend_tpm_error(void **state)
{
	static const uint8_t rsp[] = {
		/* TPM_RC_VALUE, handle 1 */
		0x80, 0x01, 0x00, 0x00, 0x00, 0x0a, 0x00, 0x00, 0x01, 0x84,
	};
	uint8_t digest[32] = { 0 };

	(void)state;
	respond(rsp, sizeof(rsp));
	assert_int_equal(tpm2_cmd_pcr_extend(&dev, 0, digest), 0x184);
}

static void expect_extend(int rc)
{
	uint8_t digest[32] = { 0 };

	memset(&fk, 0, sizeof(fk));
	respond(rb, finish());
	assert_int_equal(tpm2_cmd_pcr_extend(&dev, 0, digest), rc);
}

static void test_extend_malformed(void **state)
{
	(void)state;
	begin(0x8002, 0);
	put32(0); /* no authorization area */
	expect_extend(-RAMPART_EINVAL);
	begin(0x8002, 0);
	put32(1); /* a parameter Extend has not */
	put8(0);
	put_auth_response();
	expect_extend(-RAMPART_EINVAL);
	begin(0x8002, 0);
	put32(0);
	put_auth_response();
	put8(0); /* trailing byte */
	expect_extend(-RAMPART_EINVAL);
	begin(0x8002, 0);
	put32(0xffffffff); /* parameterSize past the end */
	put_auth_response();
	expect_extend(-RAMPART_EINVAL);
	begin(0x8002, 0);
	put32(0);
	put16(40); /* nonceTPM past the end */
	put8(1);
	put16(0);
	expect_extend(-RAMPART_EINVAL);
	begin(0x8001, 0); /* success without the sessions tag */
	put32(0);
	put_auth_response();
	expect_extend(-RAMPART_EINVAL);
	begin(0x8002, 0);
	put32(0);
	put16(2); /* a nonce is fine: a well-formed area */
	put16(0xabcd);
	put8(1);
	put16(0);
	expect_extend(0);
}

/* --- TPM2_Quote ------------------------------------------------------------ */

/* What swtpm 0.7.1 accepted and answered (tests/host/tpm_swtpm_check.c,
 * nonce byte i = 0x85 ^ i, PCRs 0, 1, 7, 8, 9). */
static const uint8_t swtpm_quote_cmd[] = {
	0x80, 0x02, 0x00, 0x00, 0x00, 0x49, 0x00, 0x00, 0x01, 0x58, 0x81,
	0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x09, 0x40, 0x00, 0x00, 0x09,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x20, 0x85, 0x84, 0x87, 0x86,
	0x81, 0x80, 0x83, 0x82, 0x8d, 0x8c, 0x8f, 0x8e, 0x89, 0x88, 0x8b,
	0x8a, 0x95, 0x94, 0x97, 0x96, 0x91, 0x90, 0x93, 0x92, 0x9d, 0x9c,
	0x9f, 0x9e, 0x99, 0x98, 0x9b, 0x9a, 0x00, 0x10, 0x00, 0x00, 0x00,
	0x01, 0x00, 0x0b, 0x03, 0x83, 0x03, 0x00,
};

static const uint8_t swtpm_quote_rsp[] = {
	0x80, 0x02, 0x00, 0x00, 0x00, 0xee, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0xdb, 0x00, 0x91, 0xff, 0x54, 0x43, 0x47, 0x80, 0x18, 0x00, 0x22,
	0x00, 0x0b, 0x6c, 0x17, 0xda, 0x4b, 0x74, 0x30, 0x63, 0xc1, 0x9a, 0x5f,
	0x85, 0x37, 0x87, 0x3f, 0x48, 0x34, 0x95, 0x9c, 0xd2, 0xfb, 0x6f, 0xde,
	0x18, 0xd2, 0xd1, 0xe7, 0x32, 0xde, 0x06, 0xc7, 0x07, 0x8f, 0x00, 0x20,
	0x85, 0x84, 0x87, 0x86, 0x81, 0x80, 0x83, 0x82, 0x8d, 0x8c, 0x8f, 0x8e,
	0x89, 0x88, 0x8b, 0x8a, 0x95, 0x94, 0x97, 0x96, 0x91, 0x90, 0x93, 0x92,
	0x9d, 0x9c, 0x9f, 0x9e, 0x99, 0x98, 0x9b, 0x9a, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x01, 0x83, 0x92, 0xa4, 0xc0, 0x37, 0xfa, 0x0b, 0x71, 0x62,
	0x01, 0x22, 0xe4, 0x5a, 0xc3, 0x87, 0x9f, 0x57, 0xa2, 0x00, 0x00, 0x00,
	0x01, 0x00, 0x0b, 0x03, 0x83, 0x03, 0x00, 0x00, 0x20, 0xcf, 0x1a, 0xfd,
	0x3f, 0x5f, 0xdf, 0xbb, 0x56, 0xe1, 0xb7, 0xba, 0x89, 0x26, 0xde, 0x00,
	0xab, 0x79, 0x22, 0x07, 0xb8, 0xa5, 0x0e, 0x94, 0xa7, 0xa9, 0xac, 0x6c,
	0x8b, 0x5f, 0xf8, 0x64, 0x17, 0x00, 0x18, 0x00, 0x0b, 0x00, 0x20, 0x88,
	0x19, 0x2d, 0x62, 0x80, 0x7f, 0xd6, 0x90, 0xa3, 0x4a, 0xaa, 0xc1, 0xd8,
	0x09, 0x80, 0x14, 0xcd, 0x10, 0x0e, 0x3e, 0xdc, 0x03, 0x03, 0xb7, 0x78,
	0x58, 0xd7, 0x99, 0x41, 0x5b, 0x8c, 0x00, 0x00, 0x20, 0x3a, 0xb3, 0x2c,
	0x0c, 0x7d, 0x3f, 0xae, 0xd8, 0xb4, 0x44, 0xc1, 0xf1, 0x74, 0x95, 0x5d,
	0x8d, 0x22, 0x89, 0x27, 0x97, 0x43, 0x55, 0x76, 0x94, 0x91, 0x35, 0xfa,
	0xe7, 0xb8, 0x43, 0x19, 0x28, 0x00, 0x00, 0x01, 0x00, 0x00,
};

#define SWTPM_ATTEST_AT 16
#define SWTPM_ATTEST_LEN 0x91
#define SWTPM_SIG_LEN (0xdb - 2 - 0x91)

static struct tpm2_quote q;
static uint8_t swtpm_nonce[32];

static int quote_setup(void **state)
{
	setup(state);
	for (int i = 0; i < 32; i++)
		swtpm_nonce[i] = (uint8_t)(0x85 ^ i);
	memset(&q, 0x77, sizeof(q));
	return 0;
}

static void test_quote_swtpm(void **state)
{
	(void)state;
	respond(swtpm_quote_rsp, sizeof(swtpm_quote_rsp));
	assert_int_equal(
		tpm2_cmd_quote(&dev, TPM2_AK_HANDLE, swtpm_nonce, 32, PCRS, &q),
		0);
	assert_int_equal(fk.cmd_len, sizeof(swtpm_quote_cmd));
	assert_memory_equal(fk.cmd, swtpm_quote_cmd, sizeof(swtpm_quote_cmd));
	assert_int_equal(q.attest_len, SWTPM_ATTEST_LEN);
	assert_memory_equal(q.attest, swtpm_quote_rsp + SWTPM_ATTEST_AT,
			    SWTPM_ATTEST_LEN);
	assert_int_equal(q.sig_len, SWTPM_SIG_LEN);
	assert_memory_equal(
		q.sig, swtpm_quote_rsp + SWTPM_ATTEST_AT + SWTPM_ATTEST_LEN,
		SWTPM_SIG_LEN);
}

static int parse(const uint8_t *rsp, size_t len)
{
	return tpm2_cmd_parse_quote(rsp, len, swtpm_nonce, 32, PCRS, &q);
}

/* The response answers another nonce or another selection. */
static void test_quote_not_ours(void **state)
{
	(void)state;
	swtpm_nonce[31] ^= 1;
	assert_int_equal(parse(swtpm_quote_rsp, sizeof(swtpm_quote_rsp)),
			 -RAMPART_EINVAL);
	assert_int_equal(q.attest_len, 0);
	assert_int_equal(q.sig_len, 0);
	swtpm_nonce[31] ^= 1;
	assert_int_equal(tpm2_cmd_parse_quote(swtpm_quote_rsp,
					      sizeof(swtpm_quote_rsp),
					      swtpm_nonce, 31, PCRS, &q),
			 -RAMPART_EINVAL);
	assert_int_equal(tpm2_cmd_parse_quote(swtpm_quote_rsp,
					      sizeof(swtpm_quote_rsp),
					      swtpm_nonce, 32, PCRS | 4, &q),
			 -RAMPART_EINVAL);
	assert_int_equal(parse(swtpm_quote_rsp, sizeof(swtpm_quote_rsp)), 0);
}

/* Every prefix of the response, with its size field saying so, fails. */
static void test_quote_truncated(void **state)
{
	uint8_t r[sizeof(swtpm_quote_rsp)];

	(void)state;
	for (size_t len = 0; len < sizeof(r); len++) {
		memcpy(r, swtpm_quote_rsp, len);
		if (len >= 6) {
			r[4] = (uint8_t)(len >> 8);
			r[5] = (uint8_t)len;
		}
		assert_int_not_equal(parse(r, len), 0);
		assert_int_equal(q.attest_len, 0);
	}
}

/* Any one byte changed: the parser stays in bounds; it accepts the change
 * only in fields it does not judge (signer name, clock, firmware version,
 * pcrDigest value, signature values, hash algorithms, session bytes). */
static void test_quote_byte_flips(void **state)
{
	uint8_t r[sizeof(swtpm_quote_rsp)];
	size_t accepted = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(r); i++) {
		for (int bit = 0; bit < 8; bit++) {
			memcpy(r, swtpm_quote_rsp, sizeof(r));
			r[i] ^= (uint8_t)(1 << bit);
			if (parse(r, sizeof(r)) != 0) {
				assert_int_equal(q.attest_len, 0);
				continue;
			}
			accepted++;
			assert_memory_equal(q.attest, r + SWTPM_ATTEST_AT,
					    q.attest_len);
			assert_true(i < 6 || i >= 10);
		}
	}
	assert_in_range(accepted, 1, sizeof(r) * 8 - 1);
}

static void expect_quote(const struct quote_parts *p, int rc)
{
	size_t len = quote_rsp(p);

	memset(&fk, 0, sizeof(fk));
	respond(rb, len);
	assert_int_equal(tpm2_cmd_quote(&dev, TPM2_AK_HANDLE, p->nonce,
					p->nonce_len, PCRS, &q),
			 rc);
}

static void test_quote_synthetic(void **state)
{
	struct quote_parts p = good_parts();

	(void)state;
	expect_quote(&p, 0);
	assert_int_equal(q.sig_len, 2 + 2 + 2 + 32 + 2 + 32);
	p.sig_alg = 0x0014; /* RSASSA: hash, one TPM2B; S is extra */
	expect_quote(&p, -RAMPART_EINVAL);
	p.sig_s_len = 0;
	p.sig_r_len = 256; /* RSA-2048 */
	expect_quote(&p, 0);
	assert_int_equal(q.sig_len, 2 + 2 + 2 + 256);
	p = good_parts();
	p.sig_alg = 0x0010; /* TPM_ALG_NULL: no signature at all */
	expect_quote(&p, -RAMPART_EINVAL);
	p = good_parts();
	p.trailing = 1;
	expect_quote(&p, -RAMPART_EINVAL);
}

static void test_quote_wrong_selection(void **state)
{
	struct quote_parts p;

	(void)state;
	p = good_parts();
	p.bank = 0x0004; /* SHA-1 */
	expect_quote(&p, -RAMPART_EINVAL);
	p = good_parts();
	p.pcrs = 0; /* a TPM without the bank drops the PCRs */
	expect_quote(&p, -RAMPART_EINVAL);
	p = good_parts();
	p.sel_size = 4;
	expect_quote(&p, -RAMPART_EINVAL);
	p = good_parts();
	p.sel_count = 2;
	expect_quote(&p, -RAMPART_EINVAL);
	p = good_parts();
	p.digest_len = 20;
	expect_quote(&p, -RAMPART_EINVAL);
}

static void test_quote_too_large(void **state)
{
	struct quote_parts p = good_parts();

	(void)state;
	p.signer_len = TPM2_ATTEST_MAX; /* well-formed, larger than ours */
	expect_quote(&p, -RAMPART_ENOSPC);
	assert_int_equal(q.attest_len, 0);
	p = good_parts();
	p.sig_r_len = TPM2_SIGNATURE_MAX;
	expect_quote(&p, -RAMPART_ENOSPC);
	/* TPM2B_ATTEST's size past the end of the parameters */
	p = good_parts();
	memset(&fk, 0, sizeof(fk));
	respond(rb, quote_rsp(&p));
	patch16(14, 0xffff);
	assert_int_equal(tpm2_cmd_quote(&dev, TPM2_AK_HANDLE, p.nonce,
					p.nonce_len, PCRS, &q),
			 -RAMPART_EINVAL);
}

static void test_quote_tpm_error(void **state)
{
	static const uint8_t rsp[] = {
		/* TPM_RC_HANDLE, handle 1 */
		0x80, 0x01, 0x00, 0x00, 0x00, 0x0a, 0x00, 0x00, 0x01, 0x8b,
	};

	(void)state;
	respond(rsp, sizeof(rsp));
	assert_int_equal(
		tpm2_cmd_quote(&dev, 0x81000099, nonce32, 32, PCRS, &q), 0x18b);
	assert_int_equal(q.attest_len, 0);
}

static void test_quote_bad_arguments(void **state)
{
	uint8_t nonce[TPM2_QUALIFYING_MAX + 1] = { 0 };
	struct quote_parts p = good_parts();

	(void)state;
	respond(swtpm_quote_rsp, sizeof(swtpm_quote_rsp));
	assert_int_equal(tpm2_cmd_quote(&dev, TPM2_AK_HANDLE, nonce,
					sizeof(nonce), PCRS, &q),
			 -RAMPART_EINVAL);
	assert_int_equal(
		tpm2_cmd_quote(&dev, TPM2_AK_HANDLE, NULL, 4, PCRS, &q),
		-RAMPART_EINVAL);
	assert_int_equal(tpm2_cmd_quote(&dev, TPM2_AK_HANDLE, nonce, 4, 0, &q),
			 -RAMPART_EINVAL);
	assert_int_equal(
		tpm2_cmd_quote(&dev, TPM2_AK_HANDLE, nonce, 4, 1u << 24, &q),
		-RAMPART_EINVAL);
	assert_int_equal(fk.calls, 0);
	/* The largest nonce, and none at all, are fine. */
	p.nonce = nonce;
	p.nonce_len = TPM2_QUALIFYING_MAX;
	expect_quote(&p, 0);
	assert_int_equal(fk.cmd[27], 0); /* qualifyingData.size */
	assert_int_equal(fk.cmd[28], TPM2_QUALIFYING_MAX);
	p.nonce_len = 0;
	expect_quote(&p, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_startup_bytes, setup),
		cmocka_unit_test_setup(test_startup_initialize, setup),
		cmocka_unit_test_setup(test_startup_malformed, setup),
		cmocka_unit_test_setup(test_transport_errors, setup),
		cmocka_unit_test_setup(test_transport_overlong, setup),
		cmocka_unit_test_setup(test_retry_then_success, setup),
		cmocka_unit_test_setup(test_retry_bounded, setup),
		cmocka_unit_test_setup(test_extend_bytes, setup),
		cmocka_unit_test_setup(test_extend_bad_pcr, setup),
		cmocka_unit_test_setup(test_extend_tpm_error, setup),
		cmocka_unit_test_setup(test_extend_malformed, setup),
		cmocka_unit_test_setup(test_quote_swtpm, quote_setup),
		cmocka_unit_test_setup(test_quote_not_ours, quote_setup),
		cmocka_unit_test_setup(test_quote_truncated, quote_setup),
		cmocka_unit_test_setup(test_quote_byte_flips, quote_setup),
		cmocka_unit_test_setup(test_quote_synthetic, quote_setup),
		cmocka_unit_test_setup(test_quote_wrong_selection, quote_setup),
		cmocka_unit_test_setup(test_quote_too_large, quote_setup),
		cmocka_unit_test_setup(test_quote_tpm_error, quote_setup),
		cmocka_unit_test_setup(test_quote_bad_arguments, quote_setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
