// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of the TCG event log (measure/evlog.c): the Spec ID event
 * byte for byte, appends that never overrun and fail atomically, a parser
 * that rejects every malformed length, replay against a SHA-256 chain
 * computed independently (Python hashlib), and agreement with
 * tpm2_eventlog (tpm2-tools) on a log written the way the monitor writes
 * it. Logs under test live in exactly-sized heap blocks (ASan).
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

#include "../../include/rampart/evlog.h"
#include "../../include/rampart/errno.h"
#include "tests/fuzz/sample.h"

static const uint8_t spec_event[EVLOG_HEADER_SIZE] = {
	0x00, 0x00, 0x00, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x21, 0x00, 0x00, 0x00, 0x53,
	0x70, 0x65, 0x63, 0x20, 0x49, 0x44, 0x20, 0x45, 0x76, 0x65, 0x6e,
	0x74, 0x30, 0x33, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x02,
	0x02, 0x01, 0x00, 0x00, 0x00, 0x0b, 0x00, 0x20, 0x00, 0x00,
};

/* Python: H(H(0*32 || aa*32) || bb*32), H(0*32 || cc*32), ... ee */
static const char *pcr0_hex =
	"aaf51febf5ed5e45e5bcd62d127a21328f3b78b943377466fb57cf303b814b9a";
static const char *pcr8_hex =
	"acdc8027c53d56978fd548b20de80d54153bbefd2356a1225748b14ee3962ac3";
static const char *pcr23_hex =
	"cb603f172fb5d769ecc6a20a8c1d3f81d7b96e38a9a7d07b637c3c18a569318d";

static uint8_t buf[4096];

static void hex(const uint8_t *p, size_t n, char *out)
{
	size_t i;

	for (i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", p[i]);
}

static void digest_of(uint8_t fill, uint8_t d[EVLOG_DIGEST_SIZE])
{
	memset(d, fill, EVLOG_DIGEST_SIZE);
}

/* The chain log: aa, bb in PCR 0, cc in 8, a NO_ACTION, ee in 23. */
static size_t chain_log(uint8_t *out, size_t size)
{
	struct evlog log;
	uint8_t d[EVLOG_DIGEST_SIZE];

	assert_int_equal(evlog_init(&log, out, size), 0);
	digest_of(0xaa, d);
	assert_int_equal(evlog_append(&log, 0, EV_POST_CODE, d, "a", 2), 0);
	digest_of(0xbb, d);
	assert_int_equal(evlog_append(&log, 0, EV_POST_CODE, d, NULL, 0), 0);
	digest_of(0xcc, d);
	assert_int_equal(evlog_append(&log, 8, EV_COMPACT_HASH, d, "linux", 6),
			 0);
	digest_of(0xdd, d);
	assert_int_equal(evlog_append(&log, 0, EV_NO_ACTION, d, "x", 1), 0);
	digest_of(0xee, d);
	assert_int_equal(evlog_append(&log, 23, EV_EVENT_TAG, d, "z", 1), 0);
	return evlog_len(&log);
}

/* @len bytes of @src in a heap block of exactly that size. */
static uint8_t *exact(const uint8_t *src, size_t len)
{
	uint8_t *p = malloc(len ? len : 1);

	assert_non_null(p);
	memcpy(p, src, len);
	return p;
}

static int parse_exact(const uint8_t *src, size_t len)
{
	uint8_t *p = exact(src, len);
	int rc = evlog_parse(p, len, NULL, NULL);

	free(p);
	return rc;
}

static void test_spec_event_bytes(void **state)
{
	struct evlog log;

	(void)state;
	assert_int_equal(evlog_init(&log, buf, sizeof(buf)), 0);
	assert_int_equal(evlog_len(&log), EVLOG_HEADER_SIZE);
	assert_memory_equal(buf, spec_event, sizeof(spec_event));
	assert_int_equal(evlog_parse(buf, evlog_len(&log), NULL, NULL), 0);
}

static void test_init_too_small(void **state)
{
	struct evlog log;
	uint8_t d[EVLOG_DIGEST_SIZE] = { 0 };

	(void)state;
	memset(buf, 0x5a, sizeof(buf));
	assert_int_equal(evlog_init(&log, buf, EVLOG_HEADER_SIZE - 1),
			 -RAMPART_ENOSPC);
	assert_int_equal(buf[0], 0x5a);
	assert_int_equal(evlog_append(&log, 0, EV_POST_CODE, d, NULL, 0),
			 -RAMPART_EINVAL);
	assert_int_equal(evlog_len(&log), 0);
}

/* Every buffer size: appends either fit or fail leaving the log as it was
 * and the bytes past the end untouched. */
static void test_append_never_overruns(void **state)
{
	static const char data[32] = "0123456789abcdefghijklmnopqrstu";
	uint8_t d[EVLOG_DIGEST_SIZE];
	struct evlog log;
	size_t size, before;
	int rc, i;

	(void)state;
	digest_of(0x42, d);
	for (size = EVLOG_HEADER_SIZE; size < 400; size++) {
		memset(buf, 0xa5, sizeof(buf));
		assert_int_equal(evlog_init(&log, buf, size), 0);
		for (i = 0; i < 10; i++) {
			uint8_t copy[400];

			before = evlog_len(&log);
			memcpy(copy, buf, size);
			rc = evlog_append(&log, (uint32_t)i, EV_POST_CODE, d,
					  data, (uint32_t)i * 3);
			if (rc) {
				assert_int_equal(rc, -RAMPART_ENOSPC);
				assert_int_equal(evlog_len(&log), before);
				assert_memory_equal(copy, buf, size);
			}
			assert_true(evlog_len(&log) <= size);
			assert_int_equal(buf[size], 0xa5);
		}
		assert_true(evlog_parse(buf, evlog_len(&log), NULL, NULL) >= 0);
	}
}

static void test_append_rejects_bad_arguments(void **state)
{
	uint8_t d[EVLOG_DIGEST_SIZE] = { 0 };
	struct evlog log;

	(void)state;
	assert_int_equal(evlog_init(&log, buf, sizeof(buf)), 0);
	assert_int_equal(evlog_append(&log, 24, EV_POST_CODE, d, NULL, 0),
			 -RAMPART_EINVAL);
	assert_int_equal(evlog_append(&log, 0, EV_POST_CODE, d, NULL, 1),
			 -RAMPART_EINVAL);
	assert_int_equal(
		evlog_append(&log, 0, EV_POST_CODE, d, "x", 0xffffffffu),
		-RAMPART_ENOSPC);
	assert_int_equal(evlog_append_region(&log, 0, d), -RAMPART_EINVAL);
	assert_int_equal(evlog_append_region(&log, 9, d), -RAMPART_EINVAL);
	assert_int_equal(evlog_len(&log), EVLOG_HEADER_SIZE);
}

static void test_separators_all_or_none(void **state)
{
	uint8_t d[EVLOG_DIGEST_SIZE];
	char text[65];
	struct evlog log;
	size_t need = EVLOG_HEADER_SIZE + 8 * (EVLOG_EVENT_SIZE + 4);

	(void)state;
	assert_int_equal(evlog_init(&log, buf, need - 1), 0);
	assert_int_equal(evlog_append_separators(&log, d), -RAMPART_ENOSPC);
	assert_int_equal(evlog_len(&log), EVLOG_HEADER_SIZE);
	assert_int_equal(evlog_init(&log, buf, need), 0);
	assert_int_equal(evlog_append_separators(&log, d), 0);
	assert_int_equal(evlog_len(&log), need);
	hex(d, sizeof(d), text);
	assert_string_equal(text, "df3f619804a92fdb4057192dc43dd748"
				  "ea778adc52bc498ce80524c014b81119");
	assert_int_equal(evlog_parse(buf, need, NULL, NULL), 8);
}

static void test_replay_matches_hand_chain(void **state)
{
	uint8_t pcrs[EVLOG_PCRS][EVLOG_DIGEST_SIZE], zero[32] = { 0 };
	size_t len = chain_log(buf, sizeof(buf));
	char text[65];
	int i;

	(void)state;
	assert_int_equal(evlog_replay(buf, len, pcrs), 5);
	hex(pcrs[0], 32, text);
	assert_string_equal(text, pcr0_hex);
	hex(pcrs[8], 32, text);
	assert_string_equal(text, pcr8_hex);
	hex(pcrs[23], 32, text);
	assert_string_equal(text, pcr23_hex);
	for (i = 1; i < 23; i++)
		if (i != 8)
			assert_memory_equal(pcrs[i], zero, 32);
}

struct seen {
	int n;
	uint32_t pcr[8];
	uint32_t len[8];
};

static int collect(const struct evlog_event *ev, void *arg)
{
	struct seen *s = arg;

	if (s->n < 8) {
		s->pcr[s->n] = ev->pcr;
		s->len[s->n] = ev->data_len;
	}
	s->n++;
	return 0;
}

static int stop_at_two(const struct evlog_event *ev, void *arg)
{
	int *n = arg;

	(void)ev;
	return ++*n == 2 ? -99 : 0;
}

static void test_parse_callback(void **state)
{
	size_t len = chain_log(buf, sizeof(buf));
	struct seen s = { 0 };
	int n = 0;

	(void)state;
	assert_int_equal(evlog_parse(buf, len, collect, &s), 5);
	assert_int_equal(s.n, 5);
	assert_int_equal(s.pcr[2], 8);
	assert_int_equal(s.len[2], 6);
	assert_int_equal(s.len[1], 0);
	assert_int_equal(evlog_parse(buf, len, stop_at_two, &n), -99);
}

/* A cut inside a record is malformed; a cut between records is a valid
 * shorter log (the evidence's log digest and size catch that). */
static void test_every_truncation(void **state)
{
	size_t len = chain_log(buf, sizeof(buf)), cut, boundary = 0;
	size_t bounds[8];
	int nb = 0, rc, i;
	bool at;

	(void)state;
	bounds[nb++] = EVLOG_HEADER_SIZE;
	for (cut = EVLOG_HEADER_SIZE; cut < len;) {
		uint32_t dl = buf[cut + 46] | (uint32_t)buf[cut + 47] << 8;

		cut += EVLOG_EVENT_SIZE + dl;
		bounds[nb++] = cut;
	}
	for (cut = 0; cut < len; cut++) {
		rc = parse_exact(buf, cut);
		for (at = false, i = 0; i < nb; i++)
			if (bounds[i] == cut) {
				at = true;
				boundary = (size_t)i;
			}
		if (at)
			assert_int_equal(rc, (int)boundary);
		else
			assert_int_equal(rc, -RAMPART_EINVAL);
	}
	assert_int_equal(parse_exact(buf, len), 5);
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static void expect_bad(size_t off, const uint8_t *bytes, size_t n)
{
	uint8_t copy[4096];
	size_t len = chain_log(copy, sizeof(copy));

	memcpy(copy + off, bytes, n);
	assert_int_equal(parse_exact(copy, len), -RAMPART_EINVAL);
}

static void test_rejects_malformed(void **state)
{
	const size_t ev1 = EVLOG_HEADER_SIZE;
	uint8_t b[4];

	(void)state;
	put32(b, 0x7fffffff); /* oversized event size, first record */
	expect_bad(ev1 + 46, b, 4);
	put32(b, 3); /* one byte more than the data it has */
	expect_bad(ev1 + 46, b, 4);
	put32(b, 0xffffffff);
	expect_bad(ev1 + 46, b, 4);
	put32(b, 2); /* two digests */
	expect_bad(ev1 + 8, b, 4);
	put32(b, 0);
	expect_bad(ev1 + 8, b, 4);
	expect_bad(ev1 + 12, (const uint8_t *)"\x04\x00", 2); /* SHA-1 */
	put32(b, 24); /* PCR out of range */
	expect_bad(ev1, b, 4);
	/* Spec ID event: size, signature, version, algorithms */
	put32(b, 34);
	expect_bad(28, b, 4);
	put32(b, 0xffffffff);
	expect_bad(28, b, 4);
	expect_bad(32, (const uint8_t *)"Spec ID Event02", 15);
	expect_bad(53, (const uint8_t *)"\x01", 1);
	expect_bad(55, (const uint8_t *)"\x03", 1);
	expect_bad(56, (const uint8_t *)"\x02", 1);
	expect_bad(60, (const uint8_t *)"\x04", 1);
	expect_bad(62, (const uint8_t *)"\x14", 1);
	expect_bad(64, (const uint8_t *)"\x01", 1); /* vendor info */
	expect_bad(4, (const uint8_t *)"\x01", 1);  /* event type */
	expect_bad(0, (const uint8_t *)"\x01", 1);  /* PCR */
	expect_bad(8, (const uint8_t *)"\x01", 1);  /* SHA-1 digest */
	assert_int_equal(evlog_parse(NULL, 0, NULL, NULL), -RAMPART_EINVAL);
}

/* The monitor's log (sample.c follows docs/evidence.md), read by
 * tpm2_eventlog; its PCR values must equal evlog_replay's. */
static void test_tpm2_eventlog_agrees(void **state)
{
	uint8_t pcrs[EVLOG_PCRS][EVLOG_DIGEST_SIZE];
	struct sample_inputs in;
	static struct sample s;
	char path[] = "/tmp/rampart-evlog-XXXXXX", cmd[128], line[256];
	char want[100];
	int fd, found = 0, i;
	FILE *p;

	(void)state;
	sample_default_inputs(&in);
	assert_int_equal(sample_measure(&s, &in), 0);
	assert_int_equal(evlog_replay(s.log, s.log_len, pcrs), 17);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, s.log, s.log_len), (ssize_t)s.log_len);
	close(fd);
	snprintf(cmd, sizeof(cmd), "tpm2_eventlog %s 2>&1", path);
	p = popen(cmd, "r");
	assert_non_null(p);
	while (fgets(line, sizeof(line), p)) {
		for (i = 0; i < EVLOG_PCRS; i++) {
			char h[65];

			hex(pcrs[i], 32, h);
			snprintf(want, sizeof(want), "    %-3d: 0x%s\n", i, h);
			if (!strcmp(line, want))
				found |= 1 << i;
		}
	}
	assert_int_equal(pclose(p), 0);
	unlink(path);
	/* PCRs 0-9 but 2-6 only hold separators: all of 0-9 are printed */
	assert_int_equal(found, 0x3ff);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spec_event_bytes),
		cmocka_unit_test(test_init_too_small),
		cmocka_unit_test(test_append_never_overruns),
		cmocka_unit_test(test_append_rejects_bad_arguments),
		cmocka_unit_test(test_separators_all_or_none),
		cmocka_unit_test(test_replay_matches_hand_chain),
		cmocka_unit_test(test_parse_callback),
		cmocka_unit_test(test_every_truncation),
		cmocka_unit_test(test_rejects_malformed),
		cmocka_unit_test(test_tpm2_eventlog_agrees),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
