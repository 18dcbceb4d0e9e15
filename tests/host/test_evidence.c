// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of the evidence format (measure/evidence.c): round trips,
 * deterministic signatures that an independent tool (openssl dgst)
 * verifies, every truncation rejected, every single-bit flip of a real
 * boot's evidence rejected (by the parser or by the signature), oversized and inconsistent length fields,
 * versions, tags, padding and reserved fields, field ranges, and an
 * encoder that never writes past its buffer. Evidence under test lives in
 * exactly-sized heap blocks (ASan).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <glob.h>
#include <mbedtls/ecdsa.h>
#include <mbedtls/pk.h>
#include <mbedtls/sha256.h>
#include <mbedtls/x509_crt.h>

#include "../../include/rampart/evidence.h"
#include "../../include/rampart/errno.h"
#include "tests/fuzz/sample.h"

static struct sample s;
static struct sample_inputs in;
static mbedtls_ecp_keypair key;
static uint8_t ev_buf[EVIDENCE_MAX_SIZE];
static size_t ev_len;
static struct evidence parsed;

static int setup(void **state)
{
	(void)state;
	mbedtls_ecp_keypair_init(&key);
	if (sample_key(&key, 0))
		return -1;
	sample_default_inputs(&in);
	if (sample_measure(&s, &in) ||
	    sample_seal(&s, &key, ev_buf, sizeof(ev_buf), &ev_len))
		return -1;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	mbedtls_ecp_keypair_free(&key);
	return 0;
}

static uint32_t get32(const uint8_t *p)
{
	return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

/* Parse @len bytes of @src from an exactly-sized heap copy. */
static int parse_exact(const uint8_t *src, size_t len, const char **why)
{
	uint8_t *p = malloc(len ? len : 1);
	int rc;

	assert_non_null(p);
	memcpy(p, src, len);
	rc = evidence_parse(p, len, &parsed, why);
	free(p);
	return rc;
}

/* Offset of the TLV with @tag in @buf, or 0. */
static size_t find_tlv(const uint8_t *buf, uint16_t tag)
{
	size_t off = EVIDENCE_HEADER_SIZE, end = off + get32(buf + 8);

	while (off < end) {
		uint32_t len = get32(buf + off + 4);

		if ((buf[off] | buf[off + 1] << 8) == tag)
			return off;
		off += 8 + len + (8 - len % 8) % 8;
	}
	return 0;
}

static bool signature_ok(const uint8_t *buf, size_t len)
{
	const uint8_t *sig;
	size_t signed_len, sig_len;
	uint8_t hash[32];

	if (evidence_split(buf, len, &signed_len, &sig, &sig_len, NULL))
		return false;
	mbedtls_sha256_ret(buf, signed_len, hash, 0);
	return !mbedtls_ecdsa_read_signature(&key, hash, sizeof(hash), sig,
					     sig_len);
}

static void expect_reject(const uint8_t *buf, size_t len, const char *why)
{
	const char *got = NULL;

	assert_int_equal(parse_exact(buf, len, &got), -RAMPART_EINVAL);
	assert_non_null(got);
	if (why)
		assert_string_equal(got, why);
}

static void test_round_trip(void **state)
{
	const char *why = "unset";
	unsigned int t;

	(void)state;
	assert_int_equal(parse_exact(ev_buf, ev_len, &why), 0);
	assert_string_equal(why, "unset");
	assert_int_equal(parsed.version, EVIDENCE_VERSION);
	assert_int_equal(parsed.flags, EVIDENCE_FLAG_LAUNCH);
	assert_int_equal(parsed.nonce_len, in.nonce_len);
	assert_memory_equal(parsed.nonce, in.nonce, in.nonce_len);
	for (t = 0; t < EVIDENCE_REGIONS; t++) {
		assert_int_equal(parsed.regions[t].present,
				 s.ev.regions[t].present);
		assert_int_equal(parsed.regions[t].base, s.ev.regions[t].base);
		assert_int_equal(parsed.regions[t].size, s.ev.regions[t].size);
		assert_memory_equal(parsed.regions[t].digest,
				    s.ev.regions[t].digest, 32);
	}
	assert_int_equal(parsed.regions[MEASURE_KERNEL].size, 4096);
	assert_string_equal(parsed.policy_name, "protect");
	assert_string_equal(parsed.policy_config, "");
	assert_int_equal(parsed.policy_id, 1);
	assert_int_equal(parsed.entry_pc, SAMPLE_KERNEL_BASE);
	assert_int_equal(parsed.entry_a1, SAMPLE_DTB_ADDR);
	assert_memory_equal(parsed.log_digest, s.ev.log_digest, 32);
	assert_int_equal(parsed.log_size, s.log_len);
	assert_memory_equal(parsed.audit, s.ev.audit, sizeof(s.ev.audit));
	assert_int_equal(parsed.tpm_quote_len, 0);
	assert_true(parsed.sig_len >= EVIDENCE_SIG_MIN);
	assert_true(signature_ok(ev_buf, ev_len));
	/* the alias certificate, as sealed */
	assert_true(parsed.cert_len > 0);
	assert_int_equal(parsed.cert_len, s.ev.cert_len);
	assert_memory_equal(parsed.cert, s.ev.cert, s.ev.cert_len);
	assert_true(ev_len < 1536);
}

static void test_deterministic_signature(void **state)
{
	uint8_t again[EVIDENCE_MAX_SIZE];
	size_t len;

	(void)state;
	assert_int_equal(sample_seal(&s, &key, again, sizeof(again), &len), 0);
	assert_int_equal(len, ev_len);
	assert_memory_equal(again, ev_buf, len);
}

/* docs/evidence.md: split with head/tail, verify with openssl. */
static void test_openssl_verifies(void **state)
{
	char dir[] = "/tmp/rampart-ev-XXXXXX", cmd[1024], path[256];
	size_t signed_len, sig_len;
	const uint8_t *sig;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/pub.pem", dir);
	assert_int_equal(sample_write_pubkey(&key, path), 0);
	snprintf(path, sizeof(path), "%s/evidence.bin", dir);
	assert_int_equal(sample_write_file(path, ev_buf, ev_len), 0);
	assert_int_equal(evidence_split(ev_buf, ev_len, &signed_len, &sig,
					&sig_len, NULL),
			 0);
	/* the recipe of docs/evidence.md, verbatim */
	snprintf(cmd, sizeof(cmd),
		 "cd %s && body=$(od -An -tu4 -j8 -N4 evidence.bin) && "
		 "n=$((16 + body)) && head -c $n evidence.bin >signed.bin && "
		 "tail -c +$((n + 9)) evidence.bin >sig.der && "
		 "openssl dgst -sha256 -verify pub.pem -signature sig.der "
		 "signed.bin >out.txt 2>&1 && grep -qx 'Verified OK' out.txt",
		 dir);
	assert_int_equal(system(cmd), 0);
	/* and the same with one byte of the signed part changed */
	snprintf(
		cmd, sizeof(cmd),
		"cd %s && printf x | dd of=signed.bin bs=1 seek=40 conv=notrunc "
		"2>/dev/null && ! openssl dgst -sha256 -verify pub.pem "
		"-signature sig.der signed.bin >/dev/null 2>&1 && rm -r %s",
		dir, dir);
	assert_int_equal(system(cmd), 0);
}

static void test_every_truncation_rejected(void **state)
{
	uint8_t longer[EVIDENCE_MAX_SIZE + 1];
	size_t cut;

	(void)state;
	for (cut = 0; cut < ev_len; cut++)
		expect_reject(ev_buf, cut, NULL);
	memcpy(longer, ev_buf, ev_len);
	longer[ev_len] = 0;
	expect_reject(longer, ev_len + 1,
		      "signature length does not match the size");
	expect_reject(ev_buf, 0, "truncated header");
	assert_int_equal(evidence_parse(NULL, 0, &parsed, NULL),
			 -RAMPART_EINVAL);
}

static void test_oversized_lengths(void **state)
{
	uint8_t b[EVIDENCE_MAX_SIZE];
	size_t signed_len = EVIDENCE_HEADER_SIZE + get32(ev_buf + 8);
	uint32_t bad[] = { 0xffffffff, 0xfffffff8, 0x80000000, 4096, 8 };
	size_t i, first = EVIDENCE_HEADER_SIZE;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memcpy(b, ev_buf, ev_len);
		put32(b + 8, bad[i]); /* body length */
		expect_reject(b, ev_len, NULL);
		memcpy(b, ev_buf, ev_len);
		put32(b + first + 4, bad[i]); /* first field's length */
		expect_reject(b, ev_len, NULL);
		memcpy(b, ev_buf, ev_len);
		put32(b + signed_len, bad[i]); /* signature length */
		expect_reject(b, ev_len, NULL);
	}
	memcpy(b, ev_buf, ev_len);
	put32(b + 8, get32(b + 8) + 8);
	expect_reject(b, ev_len, NULL);
	memcpy(b, ev_buf, ev_len);
	put32(b + first + 4, get32(b + first + 4) + 1);
	expect_reject(b, ev_len, "field has the wrong length");
}

static void test_size_limit(void **state)
{
	uint8_t *big = calloc(1, EVIDENCE_MAX_SIZE + 1);

	(void)state;
	assert_non_null(big);
	memcpy(big, ev_buf, EVIDENCE_HEADER_SIZE);
	expect_reject(big, EVIDENCE_MAX_SIZE + 1, "larger than 4096 bytes");
	free(big);
}

static void test_versions_and_magic(void **state)
{
	uint8_t b[EVIDENCE_MAX_SIZE];
	static const uint8_t versions[][2] = {
		{ 0, 0 }, { 2, 0 }, { 4, 0 }, { 3, 1 }, { 0xff, 0xff }
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(versions) / sizeof(versions[0]); i++) {
		memcpy(b, ev_buf, ev_len);
		memcpy(b + 4, versions[i], 2);
		expect_reject(b, ev_len, "unsupported format version");
	}
	memcpy(b, ev_buf, ev_len);
	b[0] = 'X';
	expect_reject(b, ev_len, "bad magic (not Rampart evidence)");
	memcpy(b, ev_buf, ev_len);
	b[6] = 2; /* an unknown flag */
	expect_reject(b, ev_len, "unknown flags");
	memcpy(b, ev_buf, ev_len);
	b[12] = 2; /* signature algorithm */
	expect_reject(b, ev_len, "unknown signature algorithm");
	memcpy(b, ev_buf, ev_len);
	b[15] = 1; /* reserved */
	expect_reject(b, ev_len, "unknown signature algorithm");
}

static void test_tags(void **state)
{
	uint8_t b[EVIDENCE_MAX_SIZE];
	size_t audit = find_tlv(ev_buf, EVIDENCE_TAG_AUDIT);
	size_t kernel = find_tlv(ev_buf, MEASURE_KERNEL);

	(void)state;
	assert_true(audit && kernel);
	memcpy(b, ev_buf, ev_len);
	b[audit] = 0x13; /* unknown, still in order */
	expect_reject(b, ev_len, "unknown tag (a newer format version?)");
	memcpy(b, ev_buf, ev_len);
	b[kernel] = MEASURE_POLICY; /* duplicate of the previous tag */
	expect_reject(b, ev_len, "duplicate or out-of-order tag");
	memcpy(b, ev_buf, ev_len);
	b[kernel] = MEASURE_FIRMWARE; /* out of order */
	expect_reject(b, ev_len, "duplicate or out-of-order tag");
	memcpy(b, ev_buf, ev_len);
	b[kernel + 2] = 1; /* reserved */
	expect_reject(b, ev_len, "reserved field header bits not zero");
}

static void test_padding_and_reserved(void **state)
{
	uint8_t b[EVIDENCE_MAX_SIZE];
	size_t policy = find_tlv(ev_buf, MEASURE_POLICY);
	size_t signed_len = EVIDENCE_HEADER_SIZE + get32(ev_buf + 8);
	uint32_t len = get32(ev_buf + policy + 4);

	(void)state;
	assert_true(len % 8 != 0); /* "protect": 63 bytes, one of padding */
	memcpy(b, ev_buf, ev_len);
	b[policy + 8 + len] = 1;
	expect_reject(b, ev_len, "field padding not zero");
	memcpy(b, ev_buf, ev_len);
	b[signed_len + 4] = 1;
	expect_reject(b, ev_len, "reserved trailer field not zero");
}

/* Cut the TLV with @tag out (body length fixed): a required one missing. */
static void test_required_fields(void **state)
{
	static const uint16_t required[] = {
		MEASURE_MONITOR,    MEASURE_FIRMWARE,
		MEASURE_POLICY,	    MEASURE_KERNEL,
		MEASURE_DTB,	    MEASURE_ENTRY,
		EVIDENCE_TAG_NONCE, EVIDENCE_TAG_EVENT_LOG,
		EVIDENCE_TAG_AUDIT,
	};
	static const uint16_t optional[] = { MEASURE_INITRD, MEASURE_CMDLINE };
	const size_t nreq = sizeof(required) / sizeof(required[0]);
	uint8_t b[EVIDENCE_MAX_SIZE];
	size_t i, off, n;

	(void)state;
	for (i = 0; i < nreq + 2; i++) {
		bool req = i < nreq;
		uint16_t tag = req ? required[i] : optional[i - nreq];

		off = find_tlv(ev_buf, tag);
		assert_true(off);
		n = 8 + get32(ev_buf + off + 4);
		n += (8 - n % 8) % 8;
		memcpy(b, ev_buf, off);
		memcpy(b + off, ev_buf + off + n, ev_len - off - n);
		put32(b + 8, get32(ev_buf + 8) - (uint32_t)n);
		if (req)
			expect_reject(
				b, ev_len - n,
				tag == EVIDENCE_TAG_NONCE ?
					"nonce missing or longer than 64 bytes" :
				tag > EVIDENCE_TAG_NONCE ?
					"event log digest or audit counters missing" :
					"a required measurement is missing");
		else
			assert_int_equal(parse_exact(b, ev_len - n, NULL), 0);
	}
}

static void test_der_shape(void **state)
{
	uint8_t b[EVIDENCE_MAX_SIZE];
	size_t signed_len = EVIDENCE_HEADER_SIZE + get32(ev_buf + 8);
	size_t sig = signed_len + EVIDENCE_TRAILER_SIZE;

	(void)state;
	memcpy(b, ev_buf, ev_len);
	b[sig] = 0x31;
	expect_reject(b, ev_len,
		      "signature is not a DER ECDSA P-256 signature");
	memcpy(b, ev_buf, ev_len);
	b[sig + 2] = 0x03;
	expect_reject(b, ev_len,
		      "signature is not a DER ECDSA P-256 signature");
	memcpy(b, ev_buf, ev_len);
	b[sig + 3] ^= 0x40; /* r's length */
	expect_reject(b, ev_len,
		      "signature is not a DER ECDSA P-256 signature");
}

/* Every buffer size up to the needed one: -ENOSPC, nothing past @size. */
static void test_encode_never_overruns(void **state)
{
	size_t signed_len = EVIDENCE_HEADER_SIZE + get32(ev_buf + 8);
	size_t size, len, total;
	uint8_t *p;

	(void)state;
	for (size = 0; size <= ev_len; size++) {
		p = malloc(size ? size : 1);
		assert_non_null(p);
		if (size < signed_len) {
			assert_int_equal(evidence_encode(&s.ev, p, size, &len),
					 -RAMPART_ENOSPC);
		} else {
			assert_int_equal(evidence_encode(&s.ev, p, size, &len),
					 0);
			assert_int_equal(len, signed_len);
			assert_int_equal(
				evidence_sign(&key, p, len, size, &total),
				size == ev_len ? 0 : -RAMPART_ENOSPC);
		}
		free(p);
	}
}

static void expect_encode_einval(void)
{
	uint8_t b[EVIDENCE_MAX_SIZE];
	size_t len;

	assert_int_equal(evidence_encode(&s.ev, b, sizeof(b), &len),
			 -RAMPART_EINVAL);
}

static void test_encode_validates(void **state)
{
	struct evidence keep = s.ev;

	(void)state;
	s.ev.nonce_len = 0;
	expect_encode_einval();
	s.ev = keep;
	s.ev.nonce_len = 65;
	expect_encode_einval();
	s.ev = keep;
	s.ev.regions[MEASURE_KERNEL].present = false;
	expect_encode_einval();
	s.ev = keep;
	strcpy(s.ev.policy_name, "Protect");
	expect_encode_einval();
	s.ev = keep;
	s.ev.policy_name[0] = '\0';
	expect_encode_einval();
	s.ev = keep;
	strcpy(s.ev.policy_config, "a\nb");
	expect_encode_einval();
	s.ev = keep;
	s.ev.tpm_quote_len = 10;
	expect_encode_einval();
	s.ev = keep;
	s.ev.flags = 0x8000;
	expect_encode_einval();
	s.ev = keep;
}

static void test_policy_text(void **state)
{
	struct evidence ev = { 0 };
	char out[300];

	(void)state;
	strcpy(ev.policy_name, "protect");
	assert_int_equal(evidence_policy_text(&ev, out, sizeof(out)), 7);
	assert_string_equal(out, "protect");
	strcpy(ev.policy_config, "dma=deny");
	assert_int_equal(evidence_policy_text(&ev, out, sizeof(out)), 16);
	assert_string_equal(out, "protect dma=deny");
	assert_int_equal(evidence_policy_text(&ev, out, 16), -RAMPART_ENOSPC);
}

/* Every field at its maximum still fits the 4 KiB the driver reads. */
static void test_largest_evidence(void **state)
{
	static struct sample big;
	uint8_t quote[EVIDENCE_TPM_MAX], out[EVIDENCE_MAX_SIZE], nonce[64];
	struct sample_inputs bin = in;
	char config[EVIDENCE_POLICY_CONFIG_MAX + 1];
	size_t len;

	(void)state;
	memset(quote, 0x5c, sizeof(quote));
	memset(nonce, 0xee, sizeof(nonce));
	memset(config, '~', sizeof(config) - 1);
	config[sizeof(config) - 1] = '\0';
	bin.nonce = nonce;
	bin.nonce_len = sizeof(nonce);
	bin.policy = "abcdefghijklmnopqrstuvwxyz012345";
	bin.policy_config = config;
	assert_int_equal(sample_measure(&big, &bin), 0);
	assert_int_equal(sample_set_quote(&big, quote, sizeof(quote), quote,
					  sizeof(quote)),
			 0);
	assert_int_equal(sample_seal(&big, &key, out, sizeof(out), &len), 0);
	print_message("largest evidence: %zu bytes\n", len);
	assert_true(len <= EVIDENCE_MAX_SIZE);
	assert_int_equal(parse_exact(out, len, NULL), 0);
	assert_int_equal(parsed.tpm_quote_len, EVIDENCE_TPM_MAX);
	assert_int_equal(strlen(parsed.policy_config),
			 EVIDENCE_POLICY_CONFIG_MAX);
	assert_true(signature_ok(out, len));
}

/* All bit flips of @buf: each rejected by the parser or by @pk. */
static void flip_all(const uint8_t *buf, size_t len, mbedtls_pk_context *pk,
		     const char *name)
{
	uint8_t *p = malloc(len), hash[32];
	size_t bit, by_parse = 0, by_sig = 0, signed_len, sig_len;
	const uint8_t *sig;

	assert_non_null(p);
	for (bit = 0; bit < 8 * len; bit++) {
		memcpy(p, buf, len);
		p[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		if (evidence_parse(p, len, &parsed, NULL)) {
			by_parse++;
			continue;
		}
		assert_int_equal(evidence_split(p, len, &signed_len, &sig,
						&sig_len, NULL),
				 0);
		mbedtls_sha256_ret(p, signed_len, hash, 0);
		assert_int_not_equal(mbedtls_pk_verify(pk, MBEDTLS_MD_SHA256,
						       hash, 32, sig, sig_len),
				     0);
		by_sig++;
	}
	free(p);
	print_message("%s: %zu bit flips, %zu rejected by the parser, %zu by "
		      "the signature\n",
		      name, 8 * len, by_parse, by_sig);
}

/* @pk (initialised) gets the key of the alias certificate @ev carries. */
static int alias_key(const struct evidence *ev, mbedtls_pk_context *pk)
{
	mbedtls_x509_crt crt;
	int rc;

	mbedtls_x509_crt_init(&crt);
	rc = mbedtls_x509_crt_parse_der(&crt, ev->cert, ev->cert_len) ||
	     mbedtls_pk_setup(pk, mbedtls_pk_info_from_type(MBEDTLS_PK_ECKEY)) ||
	     mbedtls_ecp_copy(&mbedtls_pk_ec(*pk)->Q, &mbedtls_pk_ec(crt.pk)->Q) ||
	     mbedtls_ecp_group_copy(&mbedtls_pk_ec(*pk)->grp,
				    &mbedtls_pk_ec(crt.pk)->grp);
	mbedtls_x509_crt_free(&crt);
	return rc;
}

/*
 * Every file matching @pattern (colon-separated globs): if the alias key its
 * certificate names verifies it, all its single-bit flips rejected.
 * Returns how many files; others (an older format) are reported, skipped.
 */
static size_t flip_files(const char *pattern)
{
	char *list = strdup(pattern), *save = NULL, *f;
	static uint8_t buf[EVIDENCE_MAX_SIZE + 1];
	size_t i, done = 0, len, signed_len, sig_len;
	mbedtls_pk_context pk;
	const uint8_t *sig;
	glob_t g = { 0 };
	uint8_t hash[32];
	FILE *fp;

	assert_non_null(list);
	for (f = strtok_r(list, ":", &save); f; f = strtok_r(NULL, ":", &save))
		glob(f, g.gl_pathc ? GLOB_APPEND : 0, NULL, &g);
	for (i = 0; i < g.gl_pathc; i++) {
		fp = fopen(g.gl_pathv[i], "rb");
		assert_non_null(fp);
		len = fread(buf, 1, sizeof(buf), fp);
		fclose(fp);
		mbedtls_pk_init(&pk);
		if (parse_exact(buf, len, NULL) || alias_key(&parsed, &pk) ||
		    evidence_split(buf, len, &signed_len, &sig, &sig_len, NULL) ||
		    mbedtls_sha256_ret(buf, signed_len, hash, 0) ||
		    mbedtls_pk_verify(&pk, MBEDTLS_MD_SHA256, hash, 32, sig,
				      sig_len)) {
			print_message("%s: not evidence its alias key signed: "
				      "skipped\n", g.gl_pathv[i]);
			mbedtls_pk_free(&pk);
			continue;
		}
		flip_all(buf, len, &pk, g.gl_pathv[i]);
		mbedtls_pk_free(&pk);
		done++;
	}
	globfree(&g);
	free(list);
	return done;
}

/*
 * Real boots' evidence: the one kept with the fuzz seeds, and any the build
 * dir holds (build/<...>evidence<...>.bin), or RAMPART_REAL_EVIDENCE
 * (colon-separated globs); each checked with the key its certificate names.
 */
static void test_real_evidence_bit_flips(void **state)
{
	const char *env = getenv("RAMPART_REAL_EVIDENCE");

	(void)state;
	if (env) {
		assert_true(flip_files(env) > 0);
		return;
	}
	assert_int_equal(flip_files("tests/fuzz/seeds/evidence/*.bin"), 1);
	if (!flip_files("build/*evidence*.bin:build/run/evidence.bin"))
		print_message("no boot evidence in build/ (make run saves it "
			      "there)\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_deterministic_signature),
		cmocka_unit_test(test_openssl_verifies),
		cmocka_unit_test(test_every_truncation_rejected),
		cmocka_unit_test(test_oversized_lengths),
		cmocka_unit_test(test_size_limit),
		cmocka_unit_test(test_versions_and_magic),
		cmocka_unit_test(test_tags),
		cmocka_unit_test(test_padding_and_reserved),
		cmocka_unit_test(test_required_fields),
		cmocka_unit_test(test_der_shape),
		cmocka_unit_test(test_encode_never_overruns),
		cmocka_unit_test(test_encode_validates),
		cmocka_unit_test(test_policy_text),
		cmocka_unit_test(test_largest_evidence),
		cmocka_unit_test(test_real_evidence_bit_flips),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
