// SPDX-License-Identifier: BSD-2-Clause
/*
 * TCG crypto-agile event log (evlog.h). Layouts from the TCG PC Client
 * Platform Firmware Profile 1.05: TCG_PCR_EVENT (10.2.1),
 * TCG_EfiSpecIDEventStruct (10.4.5.1), TCG_PCR_EVENT2 (10.2.2).
 */
#include "../include/rampart/evlog.h"
#include "../include/rampart/errno.h"
#include <mbedtls/sha256.h>
#include <string.h>

/* TCG_PCR_EVENT: pcrIndex, eventType, SHA-1 digest, eventSize, event */
#define SPEC_EVENT_SIZE_OFF 28
#define SPEC_BODY_OFF 32
/* TCG_EfiSpecIDEventStruct, from its start */
#define SPEC_BODY_SIZE 33
#define SPEC_VERSION_OFF 20 /* minor, major, errata, uintnSize */
#define SPEC_NALGS_OFF 24
#define SPEC_ALG_OFF 28
#define SPEC_VENDOR_OFF 32

/* TCG_PCR_EVENT2: pcrIndex, eventType, TPML_DIGEST_VALUES, eventSize */
#define EV2_COUNT_OFF 8
#define EV2_ALG_OFF 12
#define EV2_DIGEST_OFF 14
#define EV2_SIZE_OFF 46

static const char spec_signature[16] = "Spec ID Event03";

static void hash_pair(const void *a, size_t alen, const void *b, size_t blen,
		   uint8_t out[EVLOG_DIGEST_SIZE])
{
	mbedtls_sha256_context ctx;

	mbedtls_sha256_init(&ctx);
	mbedtls_sha256_starts_ret(&ctx, 0);
	mbedtls_sha256_update_ret(&ctx, a, alen);
	mbedtls_sha256_update_ret(&ctx, b, blen);
	mbedtls_sha256_finish_ret(&ctx, out);
	mbedtls_sha256_free(&ctx);
}

int evlog_init(struct evlog *log, uint8_t *buf, size_t size)
{
	uint8_t *body;

	*log = (struct evlog){ .buf = buf, .size = size };
	if (!buf || size < EVLOG_HEADER_SIZE)
		return -RAMPART_ENOSPC;
	body = buf + SPEC_BODY_OFF;
	memset(buf, 0, EVLOG_HEADER_SIZE);
	measure_put_le(buf + 4, EV_NO_ACTION, 4); /* PCR 0, SHA-1 digest zero */
	measure_put_le(buf + SPEC_EVENT_SIZE_OFF, SPEC_BODY_SIZE, 4);
	memcpy(body, spec_signature, sizeof(spec_signature));
	/* platformClass 0 (client); spec 2.0 errata 2 as U-Boot writes it;
	 * uintnSize 2: UINTN is 64 bits */
	body[SPEC_VERSION_OFF + 1] = 2;
	body[SPEC_VERSION_OFF + 2] = 2;
	body[SPEC_VERSION_OFF + 3] = 2;
	measure_put_le(body + SPEC_NALGS_OFF, 1, 4);
	measure_put_le(body + SPEC_ALG_OFF, EVLOG_ALG_SHA256, 2);
	measure_put_le(body + SPEC_ALG_OFF + 2, EVLOG_DIGEST_SIZE, 2);
	/* vendorInfoSize 0 */
	log->len = EVLOG_HEADER_SIZE;
	return 0;
}

int evlog_append(struct evlog *log, uint32_t pcr, uint32_t event_type,
		 const uint8_t digest[EVLOG_DIGEST_SIZE], const void *data,
		 uint32_t data_len)
{
	uint8_t *p;

	if (log->len < EVLOG_HEADER_SIZE || log->len > log->size ||
	    pcr >= EVLOG_PCRS || (!data && data_len))
		return -RAMPART_EINVAL;
	if (log->size - log->len < EVLOG_EVENT_SIZE ||
	    log->size - log->len - EVLOG_EVENT_SIZE < data_len)
		return -RAMPART_ENOSPC;
	p = log->buf + log->len;
	measure_put_le(p, pcr, 4);
	measure_put_le(p + 4, event_type, 4);
	measure_put_le(p + EV2_COUNT_OFF, 1, 4);
	measure_put_le(p + EV2_ALG_OFF, EVLOG_ALG_SHA256, 2);
	memcpy(p + EV2_DIGEST_OFF, digest, EVLOG_DIGEST_SIZE);
	measure_put_le(p + EV2_SIZE_OFF, data_len, 4);
	if (data_len)
		memcpy(p + EVLOG_EVENT_SIZE, data, data_len);
	log->len += EVLOG_EVENT_SIZE + (size_t)data_len;
	return 0;
}

int evlog_append_data(struct evlog *log, uint32_t pcr, uint32_t event_type,
		      const void *data, uint32_t data_len,
		      uint8_t digest_out[EVLOG_DIGEST_SIZE])
{
	uint8_t digest[EVLOG_DIGEST_SIZE];
	int rc;

	if (!data && data_len)
		return -RAMPART_EINVAL;
	hash_pair(data, data_len, NULL, 0, digest);
	rc = evlog_append(log, pcr, event_type, digest, data, data_len);
	if (!rc && digest_out)
		memcpy(digest_out, digest, EVLOG_DIGEST_SIZE);
	return rc;
}

/* U-Boot's PCR layout (boot/bootm.c bootm_measure, lib/tpm_tcg2.c) */
static const struct evlog_region_event region_events[] = {
	[MEASURE_MONITOR] = { 0, EV_POST_CODE, "monitor" },
	[MEASURE_FIRMWARE] = { 0, EV_POST_CODE, "firmware" },
	[MEASURE_POLICY] = { 7, EV_PLATFORM_CONFIG_FLAGS, "policy" },
	[MEASURE_KERNEL] = { 8, EV_COMPACT_HASH, "linux" },
	[MEASURE_INITRD] = { 9, EV_COMPACT_HASH, "initrd" },
	[MEASURE_CMDLINE] = { 1, EV_PLATFORM_CONFIG_FLAGS, "bootargs" },
	[MEASURE_DTB] = { 1, EV_TABLE_OF_DEVICES, "dts" },
	[MEASURE_ENTRY] = { 1, EV_PLATFORM_CONFIG_FLAGS, "entry" },
};

const struct evlog_region_event *evlog_region_event(uint32_t measure_type)
{
	if (measure_type >= sizeof(region_events) / sizeof(region_events[0]) ||
	    !region_events[measure_type].label)
		return NULL;
	return &region_events[measure_type];
}

int evlog_append_region(struct evlog *log, uint32_t measure_type,
			const uint8_t digest[EVLOG_DIGEST_SIZE])
{
	const struct evlog_region_event *e = evlog_region_event(measure_type);

	if (!e)
		return -RAMPART_EINVAL;
	return evlog_append(log, e->pcr, e->type, digest, e->label,
			    (uint32_t)strlen(e->label) + 1);
}

int evlog_append_separators(struct evlog *log,
			    uint8_t digest_out[EVLOG_DIGEST_SIZE])
{
	static const uint8_t sep[EVLOG_SEPARATOR_SIZE];
	uint8_t digest[EVLOG_DIGEST_SIZE];
	uint32_t pcr;
	int rc;

	if (log->len < EVLOG_HEADER_SIZE || log->len > log->size)
		return -RAMPART_EINVAL;
	if ((log->size - log->len) / (EVLOG_EVENT_SIZE + sizeof(sep)) <
	    EVLOG_SEPARATOR_PCRS)
		return -RAMPART_ENOSPC;
	hash_pair(sep, sizeof(sep), NULL, 0, digest);
	for (pcr = 0; pcr < EVLOG_SEPARATOR_PCRS; pcr++) {
		rc = evlog_append(log, pcr, EV_SEPARATOR, digest, sep,
				  sizeof(sep));
		if (rc)
			return rc;
	}
	if (digest_out)
		memcpy(digest_out, digest, EVLOG_DIGEST_SIZE);
	return 0;
}

size_t evlog_len(const struct evlog *log)
{
	return log->len;
}

/* The Spec ID event at the start of @buf: returns its size or -EINVAL. */
static long parse_spec_event(const uint8_t *buf, size_t len)
{
	static const uint8_t zero[20];
	const uint8_t *body = buf + SPEC_BODY_OFF;
	uint32_t size;

	if (len < EVLOG_HEADER_SIZE || (uint32_t)measure_get_le(buf, 4) != 0 ||
	    (uint32_t)measure_get_le(buf + 4, 4) != EV_NO_ACTION ||
	    memcmp(buf + 8, zero, 20) != 0)
		return -RAMPART_EINVAL;
	size = (uint32_t)measure_get_le(buf + SPEC_EVENT_SIZE_OFF, 4);
	if (memcmp(body, spec_signature, sizeof(spec_signature)) != 0 ||
	    body[SPEC_VERSION_OFF + 1] != 2 || /* major */
	    body[SPEC_VERSION_OFF] != 0 ||     /* minor */
	    (body[SPEC_VERSION_OFF + 3] != 1 &&
	     body[SPEC_VERSION_OFF + 3] != 2))
		return -RAMPART_EINVAL;
	/* exactly one algorithm, SHA-256: the only bank Rampart logs */
	if ((uint32_t)measure_get_le(body + SPEC_NALGS_OFF, 4) != 1 ||
	    (uint32_t)measure_get_le(body + SPEC_ALG_OFF, 2) != EVLOG_ALG_SHA256 ||
	    (uint32_t)measure_get_le(body + SPEC_ALG_OFF + 2, 2) != EVLOG_DIGEST_SIZE)
		return -RAMPART_EINVAL;
	/* eventSize must be the structure plus its vendor info, all in @len */
	if (size != SPEC_BODY_SIZE + (uint32_t)body[SPEC_VENDOR_OFF] ||
	    size > len - SPEC_BODY_OFF)
		return -RAMPART_EINVAL;
	return SPEC_BODY_OFF + (long)size;
}

/* The record at @off: fills @ev, returns its size or -EINVAL. */
static long parse_event(const uint8_t *buf, size_t len, size_t off,
			struct evlog_event *ev)
{
	const uint8_t *p = buf + off;
	size_t left = len - off;

	if (left < EVLOG_EVENT_SIZE || (uint32_t)measure_get_le(p + EV2_COUNT_OFF, 4) != 1 ||
	    (uint32_t)measure_get_le(p + EV2_ALG_OFF, 2) != EVLOG_ALG_SHA256)
		return -RAMPART_EINVAL;
	ev->offset = off;
	ev->pcr = (uint32_t)measure_get_le(p, 4);
	ev->type = (uint32_t)measure_get_le(p + 4, 4);
	ev->digest = p + EV2_DIGEST_OFF;
	ev->data_len = (uint32_t)measure_get_le(p + EV2_SIZE_OFF, 4);
	ev->data = p + EVLOG_EVENT_SIZE;
	if (ev->pcr >= EVLOG_PCRS || ev->data_len > left - EVLOG_EVENT_SIZE)
		return -RAMPART_EINVAL;
	return EVLOG_EVENT_SIZE + (long)ev->data_len;
}

int evlog_parse(const uint8_t *buf, size_t len, evlog_fn fn, void *arg)
{
	struct evlog_event ev;
	long n = -RAMPART_EINVAL;
	size_t off;
	int count = 0, rc;

	if (buf)
		n = parse_spec_event(buf, len);
	if (n < 0)
		return -RAMPART_EINVAL;
	for (off = (size_t)n; off < len; off += (size_t)n) {
		n = parse_event(buf, len, off, &ev);
		if (n < 0 || count == INT32_MAX)
			return -RAMPART_EINVAL;
		count++;
		rc = fn ? fn(&ev, arg) : 0;
		if (rc)
			return rc;
	}
	return count;
}

static int replay_one(const struct evlog_event *ev, void *arg)
{
	uint8_t(*pcrs)[EVLOG_DIGEST_SIZE] = arg;

	/* PFP 10.4.5: EV_NO_ACTION events are not extended */
	if (ev->type != EV_NO_ACTION)
		hash_pair(pcrs[ev->pcr], EVLOG_DIGEST_SIZE, ev->digest,
		       EVLOG_DIGEST_SIZE, pcrs[ev->pcr]);
	return 0;
}

int evlog_replay(const uint8_t *buf, size_t len,
		 uint8_t pcrs[EVLOG_PCRS][EVLOG_DIGEST_SIZE])
{
	memset(pcrs, 0, EVLOG_PCRS * EVLOG_DIGEST_SIZE);
	return evlog_parse(buf, len, replay_one, pcrs);
}
