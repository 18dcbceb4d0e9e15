// SPDX-License-Identifier: BSD-2-Clause
/* The audit chain's wire format and hash step (include/rampart/audit_chain.h). */
#include "../include/rampart/audit_chain.h"

#include <mbedtls/sha256.h>
#include <string.h>

void audit_chain_put_record(uint8_t out[AUDIT_CHAIN_RECORD_SIZE],
			    const struct audit_chain_record *r)
{
	measure_put_le(out, r->seq, 8);
	measure_put_le(out + 8, r->hart, 4);
	measure_put_le(out + 12, r->access, 4);
	measure_put_le(out + 16, r->addr, 8);
	measure_put_le(out + 24, r->pc, 8);
	measure_put_le(out + 32, r->time, 8);
}

void audit_chain_get_record(const uint8_t in[AUDIT_CHAIN_RECORD_SIZE],
			    struct audit_chain_record *r)
{
	r->seq = measure_get_le(in, 8);
	r->hart = (uint32_t)measure_get_le(in + 8, 4);
	r->access = (uint32_t)measure_get_le(in + 12, 4);
	r->addr = measure_get_le(in + 16, 8);
	r->pc = measure_get_le(in + 24, 8);
	r->time = measure_get_le(in + 32, 8);
}

void audit_chain_digest(const struct audit_chain_record *r,
			uint8_t digest[MEASURE_DIGEST_SIZE])
{
	uint8_t rec[AUDIT_CHAIN_RECORD_SIZE];

	audit_chain_put_record(rec, r);
	mbedtls_sha256_ret(rec, sizeof(rec), digest, 0);
}

void audit_chain_step(uint8_t head[MEASURE_DIGEST_SIZE],
		      const struct audit_chain_record *r)
{
	uint8_t buf[2 * MEASURE_DIGEST_SIZE];

	memcpy(buf, head, MEASURE_DIGEST_SIZE);
	audit_chain_digest(r, buf + MEASURE_DIGEST_SIZE);
	mbedtls_sha256_ret(buf, sizeof(buf), head, 0);
}

void audit_chain_put_header(uint8_t out[AUDIT_CHAIN_HEADER_SIZE],
			    const struct audit_chain_answer *a)
{
	memcpy(out, AUDIT_CHAIN_MAGIC, 4);
	measure_put_le(out + 4, AUDIT_CHAIN_VERSION, 4);
	measure_put_le(out + 8, a->total, 8);
	measure_put_le(out + 16, a->first, 8);
	measure_put_le(out + 24, a->count, 4);
	measure_put_le(out + 28, AUDIT_CHAIN_RECORD_SIZE, 4);
	memcpy(out + 32, a->base, MEASURE_DIGEST_SIZE);
}

static int fail(const char **why, const char *what)
{
	*why = what;
	return -1;
}

int audit_chain_parse(const uint8_t *buf, size_t len,
		      struct audit_chain_answer *a, const char **why)
{
	uint32_t i;

	if (len < AUDIT_CHAIN_HEADER_SIZE)
		return fail(why, "shorter than its 64-byte header");
	if (memcmp(buf, AUDIT_CHAIN_MAGIC, 4) != 0)
		return fail(why, "not an audit chain (magic is not RPAC)");
	if (measure_get_le(buf + 4, 4) != AUDIT_CHAIN_VERSION)
		return fail(why, "unknown audit chain version");
	if (measure_get_le(buf + 28, 4) != AUDIT_CHAIN_RECORD_SIZE)
		return fail(why, "record size is not 40");
	a->total = measure_get_le(buf + 8, 8);
	a->first = measure_get_le(buf + 16, 8);
	a->count = (uint32_t)measure_get_le(buf + 24, 4);
	memcpy(a->base, buf + 32, MEASURE_DIGEST_SIZE);
	if (len - AUDIT_CHAIN_HEADER_SIZE !=
	    (size_t)a->count * AUDIT_CHAIN_RECORD_SIZE)
		return fail(why, "length does not match its record count");
	if (a->first > a->total || a->count > a->total - a->first)
		return fail(why, "lists records beyond its total");
	for (i = 0; i < a->count; i++) {
		const uint8_t *p = buf + AUDIT_CHAIN_HEADER_SIZE +
				   (size_t)i * AUDIT_CHAIN_RECORD_SIZE;

		if (measure_get_le(p, 8) != a->first + i)
			return fail(why, "records out of sequence");
	}
	return 0;
}
