// SPDX-License-Identifier: BSD-2-Clause
/*
 * Evidence encode, sign and parse (evidence.h, docs/evidence.md). The
 * parser trusts no length: every field is checked against the bytes that
 * remain before it is read, and the encoding is canonical (ascending tags,
 * zero padding and reserved fields), so one report has one byte string.
 */
#include "../include/rampart/evidence.h"
#include "../include/rampart/errno.h"
#include <mbedtls/ecdsa.h>
#include <mbedtls/sha256.h>
#include <string.h>

#define REGION_VALUE_SIZE (MEASURE_DIGEST_SIZE + 16)
#define POLICY_FIXED_SIZE (REGION_VALUE_SIZE + 8)
#define ENTRY_VALUE_SIZE (REGION_VALUE_SIZE + 16)
#define LOG_VALUE_SIZE (MEASURE_DIGEST_SIZE + 8)
#define AUDIT_VALUE_SIZE (8 * EVIDENCE_AUDIT_COUNTERS + 8 + MEASURE_DIGEST_SIZE)
#define RANGE_SIZE 24
#define DTB_FIXED_SIZE 24 /* counts, truncated flag, initrd */
#define DTB_VALUE_MAX (DTB_FIXED_SIZE + RANGE_SIZE * (EVIDENCE_DTB_MEMORY + \
						     EVIDENCE_DTB_RESERVED))

_Static_assert(EVIDENCE_HEADER_SIZE + 7 * (8 + ENTRY_VALUE_SIZE) + 8 +
			       POLICY_FIXED_SIZE + EVIDENCE_POLICY_NAME_MAX +
			       EVIDENCE_POLICY_CONFIG_MAX + 8 + 8 +
			       EVIDENCE_NONCE_MAX + 8 + LOG_VALUE_SIZE + 8 +
			       AUDIT_VALUE_SIZE + 2 * (8 + EVIDENCE_TPM_MAX) +
			       8 + EVIDENCE_CERT_MAX + 8 + DTB_VALUE_MAX +
			       EVIDENCE_TRAILER_SIZE + EVIDENCE_SIG_MAX <=
		       EVIDENCE_MAX_SIZE,
	       "the largest evidence must fit the 4 KiB the driver reads");

/* --- little-endian helpers --------------------------------------------- */

static bool is_zero(const uint8_t *p, size_t n)
{
	uint8_t acc = 0;

	while (n--)
		acc |= p[n];
	return !acc;
}

/* --- field rules, shared by encode and parse ----------------------------- */

static int fail(const char **why, const char *what)
{
	return rampart_fail(why, -RAMPART_EINVAL, what);
}

static bool is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
	       c == '-';
}

/* Length of @s if it is at most @max bytes of @ok characters, else -1. */
static long check_string(const char *s, size_t max, bool name)
{
	size_t n;

	for (n = 0; n <= max && s[n]; n++)
		if (name ? !is_name_char(s[n]) : (s[n] < 0x20 || s[n] > 0x7e))
			return -1;
	if (n > max || (name && n == 0))
		return -1;
	return (long)n;
}

static bool region_required(unsigned int type)
{
	return type != MEASURE_INITRD && type != MEASURE_CMDLINE;
}

static int check_fields(const struct evidence *ev, const char **why)
{
	unsigned int t;

	if (ev->flags & ~EVIDENCE_FLAGS_KNOWN)
		return fail(why, "unknown flags");
	if (ev->nonce_len < 1 || ev->nonce_len > EVIDENCE_NONCE_MAX)
		return fail(why, "nonce missing or longer than 64 bytes");
	for (t = MEASURE_MONITOR; t < EVIDENCE_REGIONS; t++)
		if (region_required(t) && !ev->regions[t].present)
			return fail(why, "a required measurement is missing");
	if (check_string(ev->policy_name, EVIDENCE_POLICY_NAME_MAX, true) < 0 ||
	    check_string(ev->policy_config, EVIDENCE_POLICY_CONFIG_MAX, false) <
		    0)
		return fail(why, "policy name or configuration malformed");
	if (ev->tpm_quote_len > EVIDENCE_TPM_MAX ||
	    ev->tpm_sig_len > EVIDENCE_TPM_MAX ||
	    !ev->tpm_quote_len != !ev->tpm_sig_len)
		return fail(why,
			    "TPM quote and its signature must come together");
	if (ev->dtb.memory_count > EVIDENCE_DTB_MEMORY ||
	    ev->dtb.reserved_count > EVIDENCE_DTB_RESERVED)
		return fail(why, "too many device-tree ranges");
	if (ev->cert_len > EVIDENCE_CERT_MAX)
		return fail(why, "alias certificate too long");
	if (ev->audit_kept_from > ev->audit[0])
		return fail(why, "audit chain lists records beyond its total");
	return 0;
}

int evidence_policy_text(const struct evidence *ev, char *out, size_t size)
{
	size_t n = strlen(ev->policy_name), c = strlen(ev->policy_config);
	size_t total = n + (c ? 1 + c : 0);

	if (total >= size)
		return -RAMPART_ENOSPC;
	memcpy(out, ev->policy_name, n);
	if (c) {
		out[n] = ' ';
		memcpy(out + n + 1, ev->policy_config, c);
	}
	out[total] = '\0';
	return (int)total;
}

/* --- encode --------------------------------------------------------------- */

struct wbuf {
	uint8_t *p;
	size_t size;
	size_t len;
	bool full;
};

static void put(struct wbuf *w, const void *v, size_t n)
{
	if (w->full || w->size - w->len < n) {
		w->full = true;
		return;
	}
	memcpy(w->p + w->len, v, n);
	w->len += n;
}

static void put_u(struct wbuf *w, uint64_t v, unsigned int bytes)
{
	uint8_t b[8];

	measure_put_le(b, v, bytes);
	put(w, b, bytes);
}

/* Start a TLV; returns where its header is, for tlv_close. */
static size_t tlv_open(struct wbuf *w, uint16_t tag)
{
	size_t at = w->len;

	put_u(w, tag, 2);
	put_u(w, 0, 2);
	put_u(w, 0, 4);
	return at;
}

static void tlv_close(struct wbuf *w, size_t at)
{
	static const uint8_t zero[8];
	size_t n = w->len - at - EVIDENCE_TLV_HEADER_SIZE;

	if (w->full)
		return;
	measure_put_le(w->p + at + 4, n, 4);
	put(w, zero, (8 - n % 8) % 8);
}

static void put_region(struct wbuf *w, const struct evidence_region *r)
{
	put(w, r->digest, MEASURE_DIGEST_SIZE);
	put_u(w, r->base, 8);
	put_u(w, r->size, 8);
}

static void put_regions(struct wbuf *w, const struct evidence *ev)
{
	size_t name = strlen(ev->policy_name),
	       config = strlen(ev->policy_config);
	unsigned int t;
	size_t at;

	for (t = MEASURE_MONITOR; t < EVIDENCE_REGIONS; t++) {
		if (!ev->regions[t].present)
			continue;
		at = tlv_open(w, (uint16_t)t);
		put_region(w, &ev->regions[t]);
		if (t == MEASURE_POLICY) {
			put_u(w, ev->policy_id, 4);
			put_u(w, name, 2);
			put_u(w, config, 2);
			put(w, ev->policy_name, name);
			put(w, ev->policy_config, config);
		} else if (t == MEASURE_ENTRY) {
			put_u(w, ev->entry_pc, 8);
			put_u(w, ev->entry_a1, 8);
		}
		tlv_close(w, at);
	}
}

/* u16 memory count, u16 reserved count, u32 flags (bit 0: truncated),
 * u64 initrd start, u64 initrd end, then the ranges (base, size, flags). */
static void put_dtb(struct wbuf *w, const struct evidence_dtb *d)
{
	size_t at = tlv_open(w, EVIDENCE_TAG_DTB_FACTS);
	uint32_t i;

	put_u(w, d->memory_count, 2);
	put_u(w, d->reserved_count, 2);
	put_u(w, d->truncated, 4);
	put_u(w, d->initrd_start, 8);
	put_u(w, d->initrd_end, 8);
	for (i = 0; i < d->memory_count + d->reserved_count; i++) {
		const struct evidence_range *r = i < d->memory_count ?
			&d->memory[i] : &d->reserved[i - d->memory_count];

		put_u(w, r->base, 8);
		put_u(w, r->size, 8);
		put_u(w, r->flags, 8);
	}
	tlv_close(w, at);
}

/* A TLV holding @n bytes at @v. */
static void put_tlv(struct wbuf *w, uint16_t tag, const void *v, size_t n)
{
	size_t at = tlv_open(w, tag);

	put(w, v, n);
	tlv_close(w, at);
}

static void put_rest(struct wbuf *w, const struct evidence *ev)
{
	size_t at;
	unsigned int i;

	put_tlv(w, EVIDENCE_TAG_NONCE, ev->nonce, ev->nonce_len);
	at = tlv_open(w, EVIDENCE_TAG_EVENT_LOG);
	put(w, ev->log_digest, MEASURE_DIGEST_SIZE);
	put_u(w, ev->log_size, 8);
	tlv_close(w, at);
	at = tlv_open(w, EVIDENCE_TAG_AUDIT);
	for (i = 0; i < EVIDENCE_AUDIT_COUNTERS; i++)
		put_u(w, ev->audit[i], 8);
	put_u(w, ev->audit_kept_from, 8);
	put(w, ev->audit_head, MEASURE_DIGEST_SIZE);
	tlv_close(w, at);
	if (ev->tpm_quote_len) {
		put_tlv(w, EVIDENCE_TAG_TPM_QUOTE, ev->tpm_quote,
			ev->tpm_quote_len);
		put_tlv(w, EVIDENCE_TAG_TPM_SIGNATURE, ev->tpm_sig,
			ev->tpm_sig_len);
	}
	if (ev->cert_len)
		put_tlv(w, EVIDENCE_TAG_ALIAS_CERT, ev->cert, ev->cert_len);
	if (ev->dtb.present)
		put_dtb(w, &ev->dtb);
}

int evidence_encode(const struct evidence *ev, uint8_t *out, size_t size,
		    size_t *len)
{
	struct wbuf w = { out, size, 0, false };

	if (check_fields(ev, NULL))
		return -RAMPART_EINVAL;
	put(&w, EVIDENCE_MAGIC, 4);
	put_u(&w, EVIDENCE_VERSION, 2);
	put_u(&w, ev->flags, 2);
	put_u(&w, 0, 4); /* body length, below */
	put_u(&w, EVIDENCE_SIG_ECDSA_P256_SHA256, 2);
	put_u(&w, 0, 2);
	put_regions(&w, ev);
	put_rest(&w, ev);
	if (w.full || w.len > EVIDENCE_MAX_SIZE - EVIDENCE_TRAILER_SIZE -
				      EVIDENCE_SIG_MAX)
		return -RAMPART_ENOSPC;
	measure_put_le(out + 8, w.len - EVIDENCE_HEADER_SIZE, 4);
	*len = w.len;
	return 0;
}

/* --- sign ----------------------------------------------------------------- */

int evidence_sign(struct mbedtls_ecp_keypair *key, uint8_t *buf,
		  size_t signed_len, size_t size, size_t *total)
{
	uint8_t hash[MEASURE_DIGEST_SIZE];
	uint8_t sig[MBEDTLS_ECDSA_MAX_LEN];
	size_t sig_len = 0;
	int rc;

	if (signed_len > size || size - signed_len < EVIDENCE_TRAILER_SIZE)
		return -RAMPART_ENOSPC;
	mbedtls_sha256_ret(buf, signed_len, hash, 0);
	/* f_rng NULL: RFC 6979 nonce, blinding from a second HMAC-DRBG
	 * seeded the same way (mbedTLS 2.28 ecdsa_sign_det_restartable) */
	rc = mbedtls_ecdsa_write_signature(key, MBEDTLS_MD_SHA256, hash,
					   sizeof(hash), sig, &sig_len, NULL,
					   NULL);
	if (rc || sig_len < EVIDENCE_SIG_MIN || sig_len > EVIDENCE_SIG_MAX)
		return -RAMPART_EINVAL;
	if (size - signed_len - EVIDENCE_TRAILER_SIZE < sig_len)
		return -RAMPART_ENOSPC;
	measure_put_le(buf + signed_len, sig_len, 4);
	measure_put_le(buf + signed_len + 4, 0, 4);
	memcpy(buf + signed_len + EVIDENCE_TRAILER_SIZE, sig, sig_len);
	*total = signed_len + EVIDENCE_TRAILER_SIZE + sig_len;
	return 0;
}

int evidence_key_init(struct mbedtls_ecp_keypair *key, const uint8_t d[32])
{
	if (mbedtls_ecp_group_load(&key->grp, MBEDTLS_ECP_DP_SECP256R1) ||
	    mbedtls_mpi_read_binary(&key->d, d, 32) ||
	    mbedtls_ecp_check_privkey(&key->grp, &key->d))
		return -RAMPART_EINVAL;
	return 0;
}

/* --- parse ---------------------------------------------------------------- */

/* One DER INTEGER at @p (@n bytes left): returns its encoded size or 0. */
static size_t der_integer(const uint8_t *p, size_t n)
{
	size_t len;

	if (n < 3 || p[0] != 0x02)
		return 0;
	len = p[1];
	/* 1..33 bytes, positive, minimal (a leading zero only before 0x80) */
	if (len < 1 || len > 33 || len > n - 2 || (p[2] & 0x80) ||
	    (len > 1 && p[2] == 0 && !(p[3] & 0x80)))
		return 0;
	return 2 + len;
}

/* SEQUENCE { INTEGER r, INTEGER s }, short-form lengths, nothing else. */
static bool is_der_signature(const uint8_t *p, size_t n)
{
	size_t r, s;

	if (n < EVIDENCE_SIG_MIN || n > EVIDENCE_SIG_MAX || p[0] != 0x30 ||
	    p[1] != n - 2)
		return false;
	r = der_integer(p + 2, n - 2);
	if (!r)
		return false;
	s = der_integer(p + 2 + r, n - 2 - r);
	return s && 2 + r + s == n;
}

int evidence_split(const uint8_t *buf, size_t len, size_t *signed_len,
		   const uint8_t **sig, size_t *sig_len, const char **why)
{
	uint64_t body, slen;

	if (len < EVIDENCE_HEADER_SIZE)
		return fail(why, "truncated header");
	if (memcmp(buf, EVIDENCE_MAGIC, 4) != 0)
		return fail(why, "bad magic (not Rampart evidence)");
	if (measure_get_le(buf + 4, 2) != EVIDENCE_VERSION)
		return fail(why, "unsupported format version");
	if (len > EVIDENCE_MAX_SIZE)
		return fail(why, "larger than 4096 bytes");
	if (measure_get_le(buf + 6, 2) & ~(uint64_t)EVIDENCE_FLAGS_KNOWN)
		return fail(why, "unknown flags");
	if (measure_get_le(buf + 12, 2) != EVIDENCE_SIG_ECDSA_P256_SHA256 ||
	    measure_get_le(buf + 14, 2))
		return fail(why, "unknown signature algorithm");
	body = measure_get_le(buf + 8, 4);
	if (body % 8)
		return fail(why, "body length not a multiple of 8");
	if (body > len - EVIDENCE_HEADER_SIZE ||
	    len - EVIDENCE_HEADER_SIZE - body < EVIDENCE_TRAILER_SIZE)
		return fail(why, "body length runs past the end (truncated?)");
	*signed_len = EVIDENCE_HEADER_SIZE + body;
	slen = measure_get_le(buf + *signed_len, 4);
	if (measure_get_le(buf + *signed_len + 4, 4))
		return fail(why, "reserved trailer field not zero");
	if (slen != len - *signed_len - EVIDENCE_TRAILER_SIZE)
		return fail(why, "signature length does not match the size");
	*sig = buf + *signed_len + EVIDENCE_TRAILER_SIZE;
	*sig_len = slen;
	if (!is_der_signature(*sig, slen))
		return fail(why,
			    "signature is not a DER ECDSA P-256 signature");
	return 0;
}

static void get_region(struct evidence_region *r, const uint8_t *v)
{
	r->present = true;
	memcpy(r->digest, v, MEASURE_DIGEST_SIZE);
	r->base = measure_get_le(v + MEASURE_DIGEST_SIZE, 8);
	r->size = measure_get_le(v + MEASURE_DIGEST_SIZE + 8, 8);
}

static int get_policy(struct evidence *ev, const uint8_t *v, size_t n,
		      const char **why)
{
	size_t name, config;

	if (n < POLICY_FIXED_SIZE)
		return fail(why, "policy field too short");
	get_region(&ev->regions[MEASURE_POLICY], v);
	ev->policy_id = (uint32_t)measure_get_le(v + REGION_VALUE_SIZE, 4);
	name = measure_get_le(v + REGION_VALUE_SIZE + 4, 2);
	config = measure_get_le(v + REGION_VALUE_SIZE + 6, 2);
	if (name > EVIDENCE_POLICY_NAME_MAX ||
	    config > EVIDENCE_POLICY_CONFIG_MAX ||
	    n != POLICY_FIXED_SIZE + name + config)
		return fail(why, "policy string lengths do not add up");
	memcpy(ev->policy_name, v + POLICY_FIXED_SIZE, name);
	ev->policy_name[name] = '\0';
	memcpy(ev->policy_config, v + POLICY_FIXED_SIZE + name, config);
	ev->policy_config[config] = '\0';
	/* an embedded NUL shows as a short string: check_fields rejects it */
	if (strlen(ev->policy_name) != name ||
	    strlen(ev->policy_config) != config)
		return fail(why, "NUL inside a policy string");
	return 0;
}

static int get_blob(uint8_t *dst, uint32_t *dst_len, size_t max,
		    const uint8_t *v, size_t n, const char **why)
{
	if (n < 1 || n > max)
		return fail(why, "field length out of range");
	memcpy(dst, v, n);
	*dst_len = (uint32_t)n;
	return 0;
}

static int get_dtb(struct evidence_dtb *d, const uint8_t *v, size_t n,
		   const char **why)
{
	uint32_t i, flags;

	if (n < DTB_FIXED_SIZE)
		return fail(why, "field has the wrong length");
	d->memory_count = (uint32_t)measure_get_le(v, 2);
	d->reserved_count = (uint32_t)measure_get_le(v + 2, 2);
	flags = (uint32_t)measure_get_le(v + 4, 4);
	if (d->memory_count > EVIDENCE_DTB_MEMORY ||
	    d->reserved_count > EVIDENCE_DTB_RESERVED || flags > 1 ||
	    n != DTB_FIXED_SIZE +
			 RANGE_SIZE * (d->memory_count + d->reserved_count))
		return fail(why, "device-tree facts malformed");
	d->present = true;
	d->truncated = flags;
	d->initrd_start = measure_get_le(v + 8, 8);
	d->initrd_end = measure_get_le(v + 16, 8);
	v += DTB_FIXED_SIZE;
	for (i = 0; i < d->memory_count + d->reserved_count; i++, v += 24) {
		struct evidence_range *r = i < d->memory_count ?
			&d->memory[i] : &d->reserved[i - d->memory_count];

		r->base = measure_get_le(v, 8);
		r->size = measure_get_le(v + 8, 8);
		r->flags = measure_get_le(v + 16, 8);
		if (r->flags & ~(uint64_t)EVIDENCE_DTB_NO_MAP)
			return fail(why, "device-tree facts malformed");
	}
	return 0;
}

static int get_fixed(size_t n, size_t want, const char **why)
{
	return n == want ? 0 : fail(why, "field has the wrong length");
}

/* One TLV value: @tag already known to be in order. */
static int get_value(struct evidence *ev, unsigned int tag, const uint8_t *v,
		     size_t n, const char **why)
{
	unsigned int i;

	switch (tag) {
	case MEASURE_MONITOR:
	case MEASURE_FIRMWARE:
	case MEASURE_KERNEL:
	case MEASURE_INITRD:
	case MEASURE_CMDLINE:
	case MEASURE_DTB:
		if (get_fixed(n, REGION_VALUE_SIZE, why))
			return -RAMPART_EINVAL;
		get_region(&ev->regions[tag], v);
		return 0;
	case MEASURE_POLICY:
		return get_policy(ev, v, n, why);
	case MEASURE_ENTRY:
		if (get_fixed(n, ENTRY_VALUE_SIZE, why))
			return -RAMPART_EINVAL;
		get_region(&ev->regions[tag], v);
		ev->entry_pc = measure_get_le(v + REGION_VALUE_SIZE, 8);
		ev->entry_a1 = measure_get_le(v + REGION_VALUE_SIZE + 8, 8);
		return 0;
	case EVIDENCE_TAG_NONCE:
		return get_blob(ev->nonce, &ev->nonce_len, EVIDENCE_NONCE_MAX,
				v, n, why);
	case EVIDENCE_TAG_EVENT_LOG:
		if (get_fixed(n, LOG_VALUE_SIZE, why))
			return -RAMPART_EINVAL;
		memcpy(ev->log_digest, v, MEASURE_DIGEST_SIZE);
		ev->log_size = measure_get_le(v + MEASURE_DIGEST_SIZE, 8);
		return 0;
	case EVIDENCE_TAG_AUDIT:
		if (get_fixed(n, AUDIT_VALUE_SIZE, why))
			return -RAMPART_EINVAL;
		for (i = 0; i < EVIDENCE_AUDIT_COUNTERS; i++)
			ev->audit[i] = measure_get_le(v + 8 * i, 8);
		ev->audit_kept_from = measure_get_le(v + 8 * i, 8);
		memcpy(ev->audit_head, v + 8 * i + 8, MEASURE_DIGEST_SIZE);
		return 0;
	case EVIDENCE_TAG_TPM_QUOTE:
		return get_blob(ev->tpm_quote, &ev->tpm_quote_len,
				EVIDENCE_TPM_MAX, v, n, why);
	case EVIDENCE_TAG_TPM_SIGNATURE:
		return get_blob(ev->tpm_sig, &ev->tpm_sig_len, EVIDENCE_TPM_MAX,
				v, n, why);
	case EVIDENCE_TAG_DTB_FACTS:
		return get_dtb(&ev->dtb, v, n, why);
	case EVIDENCE_TAG_ALIAS_CERT:
		return get_blob(ev->cert, &ev->cert_len, EVIDENCE_CERT_MAX, v,
				n, why);
	default:
		return fail(why, "unknown tag (a newer format version?)");
	}
}

static int get_body(struct evidence *ev, const uint8_t *p, size_t n,
		    const char **why)
{
	unsigned int tag, last = 0;
	size_t off = 0, len, pad;
	bool log = false, audit = false;

	while (off < n) {
		if (n - off < EVIDENCE_TLV_HEADER_SIZE)
			return fail(why, "truncated field header");
		tag = (unsigned int)measure_get_le(p + off, 2);
		len = measure_get_le(p + off + 4, 4);
		if (measure_get_le(p + off + 2, 2))
			return fail(why, "reserved field header bits not zero");
		if (tag <= last)
			return fail(why, "duplicate or out-of-order tag");
		off += EVIDENCE_TLV_HEADER_SIZE;
		pad = (8 - len % 8) % 8;
		if (len > n - off || pad > n - off - len)
			return fail(why, "field length runs past the body");
		if (get_value(ev, tag, p + off, len, why))
			return -RAMPART_EINVAL;
		if (!is_zero(p + off + len, pad))
			return fail(why, "field padding not zero");
		off += len + pad;
		last = tag;
		log |= tag == EVIDENCE_TAG_EVENT_LOG;
		audit |= tag == EVIDENCE_TAG_AUDIT;
	}
	/* the other required fields are checked by check_fields */
	if (!log || !audit)
		return fail(why, "event log digest or audit counters missing");
	return 0;
}

int evidence_parse(const uint8_t *buf, size_t len, struct evidence *ev,
		   const char **why)
{
	const uint8_t *sig;
	size_t signed_len, sig_len;

	memset(ev, 0, sizeof(*ev));
	if (!buf)
		return fail(why, "no evidence");
	if (evidence_split(buf, len, &signed_len, &sig, &sig_len, why))
		return -RAMPART_EINVAL;
	ev->version = EVIDENCE_VERSION;
	ev->flags = (uint16_t)measure_get_le(buf + 6, 2);
	if (get_body(ev, buf + EVIDENCE_HEADER_SIZE,
		     signed_len - EVIDENCE_HEADER_SIZE, why))
		return -RAMPART_EINVAL;
	if (check_fields(ev, why))
		return -RAMPART_EINVAL;
	memcpy(ev->sig, sig, sig_len);
	ev->sig_len = (uint32_t)sig_len;
	return 0;
}
