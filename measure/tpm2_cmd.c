// SPDX-License-Identifier: BSD-2-Clause
/*
 * TPM 2.0 commands, marshalled by hand. Section numbers are those of the
 * TPM 2.0 Library Specification, revision 1.59: Part 2 (structures) and
 * Part 3 (commands). Writers and readers latch an error flag instead of
 * running past their buffer, so a sequence of puts or gets is checked once
 * at its end.
 */
#include "tpm2_cmd.h"
#include "../include/rampart/errno.h"
#include <string.h>

/* Part 2 §6.9 TPM_ST */
#define TPM_ST_NO_SESSIONS 0x8001
#define TPM_ST_SESSIONS 0x8002
#define TPM_ST_ATTEST_QUOTE 0x8018
/* Part 2 §6.5.2 TPM_CC */
#define TPM_CC_STARTUP 0x00000144
#define TPM_CC_QUOTE 0x00000158
#define TPM_CC_PCR_EXTEND 0x00000182
/* Part 2 §6.2 TPM_GENERATED, §6.4 TPM_SU, §7.4 TPM_RH (TPM_RS_PW) */
#define TPM_GENERATED_VALUE 0xff544347
#define TPM_SU_CLEAR 0x0000
#define TPM_RS_PW 0x40000009
/* Part 2 §6.3 TPM_ALG_ID (in the TCG Algorithm Registry) */
#define TPM_ALG_SHA256 0x000b
#define TPM_ALG_NULL 0x0010
#define TPM_ALG_RSASSA 0x0014
#define TPM_ALG_RSAPSS 0x0016
#define TPM_ALG_ECDSA 0x0018
#define TPM_ALG_ECDAA 0x001a
#define TPM_ALG_SM2 0x001b
#define TPM_ALG_ECSCHNORR 0x001c

/* Part 2 §6.6.3 TPM_RC warnings that ask for the command again */
#define TPM_RC_YIELDED 0x908
#define TPM_RC_TESTING 0x90a
#define RETRIES 8 /* waits 10, 20, ... 1280 ms: 2.55 s in all */
#define RETRY_FIRST_US 10000

#define HEADER_SIZE 10	   /* tag u16, size u32, code or rc u32 */
#define PCR_SELECT_SIZE 3  /* sizeofSelect for TPM2_PCR_COUNT PCRs */
#define CLOCK_INFO_SIZE 17 /* Part 2 §10.11.1 TPMS_CLOCK_INFO */

struct wr {
	u8 *p;
	size_t cap, len;
	bool bad;
};

struct rd {
	const u8 *p;
	size_t len, off;
	bool bad;
};

/* Big-endian, as every TPM 2.0 structure is (Part 1 §18.1). */
static void put_be(u8 *p, u32 v, size_t n)
{
	while (n--) {
		p[n] = (u8)v;
		v >>= 8;
	}
}

static u32 get_be(const u8 *p, size_t n)
{
	u32 v = 0;

	while (n--)
		v = v << 8 | *p++;
	return v;
}

static void wr_bytes(struct wr *w, const void *src, size_t n)
{
	if (w->bad || n > w->cap - w->len) {
		w->bad = true;
		return;
	}
	if (n)
		memcpy(w->p + w->len, src, n);
	w->len += n;
}

/* An @n-byte number (1, 2 or 4). */
static void wr_be(struct wr *w, u32 v, size_t n)
{
	u8 b[4];

	put_be(b, v, n);
	wr_bytes(w, b, n);
}

/* The next @n bytes, or NULL (and the reader marked bad) if fewer remain. */
static const u8 *rd_bytes(struct rd *r, size_t n)
{
	const u8 *p;

	if (r->bad || n > r->len - r->off) {
		r->bad = true;
		return NULL;
	}
	p = r->p + r->off;
	r->off += n;
	return p;
}

/* An @n-byte number (1, 2 or 4); 0 if fewer bytes remain. */
static u32 rd_be(struct rd *r, size_t n)
{
	const u8 *p = rd_bytes(r, n);

	return p ? get_be(p, n) : 0;
}

/* A TPM2B: u16 size then that many bytes; returns them, *@n their count. */
static const u8 *rd_tpm2b(struct rd *r, size_t *n)
{
	*n = rd_be(r, 2);
	return rd_bytes(r, *n);
}

static bool rd_is_done(const struct rd *r)
{
	return !r->bad && r->off == r->len;
}

/* Part 1 §18.2 command header into @cmd; its size is patched by cmd_end(). */
static void cmd_begin(struct wr *w, u8 cmd[TPM2_CMD_MAX], u16 tag, u32 cc)
{
	*w = (struct wr){ .p = cmd, .cap = TPM2_CMD_MAX };
	wr_be(w, tag, 2);
	wr_be(w, 0, 4);
	wr_be(w, cc, 4);
}

/* The command's length, or 0 if it did not fit. */
static size_t cmd_end(struct wr *w)
{
	if (w->bad)
		return 0;
	put_be(w->p + 2, (u32)w->len, 4);
	return w->len;
}

/* Authorization area with one password session and an empty password:
 * authorizationSize, then Part 2 §10.13.2 TPMS_AUTH_COMMAND. */
static void cmd_pw_session(struct wr *w)
{
	wr_be(w, 4 + 2 + 1 + 2, 4);
	wr_be(w, TPM_RS_PW, 4);
	wr_be(w, 0, 2); /* nonceCaller: empty */
	wr_be(w, 0, 1); /* sessionAttributes */
	wr_be(w, 0, 2); /* hmac: the (empty) password */
}

/*
 * The response header (Part 1 §18.4) of @rsp: its size must be @len; a
 * nonzero responseCode is returned as is; on success the tag must be
 * @tag, and *@r reads what follows the header.
 */
static int rsp_header(const u8 *rsp, size_t len, u16 tag, struct rd *r)
{
	u32 rtag, size, rc;

	*r = (struct rd){ .p = rsp, .len = len };
	rtag = rd_be(r, 2);
	size = rd_be(r, 4);
	rc = rd_be(r, 4);
	if (r->bad || size != len)
		return -RAMPART_EINVAL;
	if (rc)
		return rc <= 0x7fffffff ? (int)rc : -RAMPART_EINVAL;
	return rtag == tag ? 0 : -RAMPART_EINVAL;
}

/*
 * After the header of a success response to a command with one session:
 * parameterSize, the parameters (then read through *@params) and exactly
 * one Part 2 §10.13.3 TPMS_AUTH_RESPONSE ending the response.
 */
static int rsp_params(struct rd *r, struct rd *params)
{
	size_t n, size = rd_be(r, 4);

	*params = (struct rd){ .p = rd_bytes(r, size), .len = size };
	rd_tpm2b(r, &n); /* nonceTPM */
	rd_be(r, 1);	  /* sessionAttributes */
	rd_tpm2b(r, &n); /* hmac */
	return rd_is_done(r) ? 0 : -RAMPART_EINVAL;
}

static bool is_resubmit(const u8 *rsp, size_t len)
{
	u32 rc;

	if (len < HEADER_SIZE)
		return false;
	rc = get_be(rsp + 6, 4);
	return rc == TPM2_RC_RETRY || rc == TPM_RC_YIELDED ||
	       rc == TPM_RC_TESTING;
}

/* Send @cmd (@cmd_len 0: it did not fit); the response lands in dev->buf.
 * Resubmitted while the TPM asks for it, at most RETRIES times. */
static int cmd_send(const struct tpm2_dev *dev, const u8 *cmd, size_t cmd_len,
		    size_t *rsp_len)
{
	u32 wait = RETRY_FIRST_US;
	unsigned int tries = 0;
	int rc;

	if (!cmd_len)
		return -RAMPART_ENOSPC;
	for (;;) {
		*rsp_len = 0;
		rc = dev->transmit(dev->ctx, cmd, cmd_len, dev->buf, dev->cap,
				   rsp_len);
		if (rc)
			return rc < 0 ? rc : -RAMPART_EINVAL;
		if (*rsp_len > dev->cap)
			return -RAMPART_EINVAL;
		if (!is_resubmit(dev->buf, *rsp_len) || tries++ == RETRIES)
			return 0;
		if (dev->delay_us)
			dev->delay_us(dev->ctx, wait);
		wait *= 2;
	}
}

/* cmd_send(), then check the header of the response. */
static int cmd_transact(const struct tpm2_dev *dev, const u8 *cmd,
			size_t cmd_len, u16 tag, struct rd *r)
{
	size_t rsp_len;
	int rc;

	rc = cmd_send(dev, cmd, cmd_len, &rsp_len);
	if (rc)
		return rc;
	return rsp_header(dev->buf, rsp_len, tag, r);
}

/* Part 3 §9.3 TPM2_Startup */
int tpm2_cmd_startup(const struct tpm2_dev *dev)
{
	u8 cmd[TPM2_CMD_MAX];
	struct wr w;
	struct rd r;
	int rc;

	cmd_begin(&w, cmd, TPM_ST_NO_SESSIONS, TPM_CC_STARTUP);
	wr_be(&w, TPM_SU_CLEAR, 2);
	rc = cmd_transact(dev, cmd, cmd_end(&w), TPM_ST_NO_SESSIONS, &r);
	if (!rc && !rd_is_done(&r))
		rc = -RAMPART_EINVAL;
	return rc;
}

/* Part 3 §22.2 TPM2_PCR_Extend: pcrHandle, auth, TPML_DIGEST_VALUES. */
int tpm2_cmd_pcr_extend(const struct tpm2_dev *dev, u32 pcr,
			const u8 digest[TPM2_SHA256_SIZE])
{
	u8 cmd[TPM2_CMD_MAX];
	struct rd r, params;
	struct wr w;
	int rc;

	if (pcr >= TPM2_PCR_COUNT)
		return -RAMPART_EINVAL;
	cmd_begin(&w, cmd, TPM_ST_SESSIONS, TPM_CC_PCR_EXTEND);
	wr_be(&w, pcr, 4); /* TPM_RH_PCR0 + pcr (Part 2 §7.4) */
	cmd_pw_session(&w);
	wr_be(&w, 1, 4); /* TPML_DIGEST_VALUES.count */
	wr_be(&w, TPM_ALG_SHA256, 2);
	wr_bytes(&w, digest, TPM2_SHA256_SIZE);
	rc = cmd_transact(dev, cmd, cmd_end(&w), TPM_ST_SESSIONS, &r);
	if (!rc)
		rc = rsp_params(&r, &params);
	if (!rc && params.len != 0)
		rc = -RAMPART_EINVAL;
	return rc;
}

/* Part 2 §10.9.7 TPML_PCR_SELECTION of one §10.6.2 TPMS_PCR_SELECTION. */
static void wr_pcr_selection(struct wr *w, u32 pcrs)
{
	wr_be(w, 1, 4);
	wr_be(w, TPM_ALG_SHA256, 2);
	wr_be(w, PCR_SELECT_SIZE, 1);
	wr_be(w, pcrs, 1);
	wr_be(w, pcrs >> 8, 1);
	wr_be(w, pcrs >> 16, 1);
}

/* Part 3 §18.4 TPM2_Quote: signHandle, auth, qualifyingData, inScheme,
 * PCRselect. */
int tpm2_cmd_quote(const struct tpm2_dev *dev, u32 ak, const u8 *qual,
		   size_t qual_len, u32 pcrs, struct tpm2_quote *out)
{
	u8 cmd[TPM2_CMD_MAX];
	size_t rsp_len;
	struct wr w;
	int rc;

	out->attest_len = 0;
	out->sig_len = 0;
	if (qual_len > TPM2_QUALIFYING_MAX || (qual_len && !qual) || !pcrs ||
	    pcrs >> TPM2_PCR_COUNT)
		return -RAMPART_EINVAL;
	cmd_begin(&w, cmd, TPM_ST_SESSIONS, TPM_CC_QUOTE);
	wr_be(&w, ak, 4);
	cmd_pw_session(&w);
	wr_be(&w, (u32)qual_len, 2);
	wr_bytes(&w, qual, qual_len);
	wr_be(&w, TPM_ALG_NULL, 2); /* inScheme: the key's own */
	wr_pcr_selection(&w, pcrs);
	rc = cmd_send(dev, cmd, cmd_end(&w), &rsp_len);
	if (rc)
		return rc;
	return tpm2_cmd_parse_quote(dev->buf, rsp_len, qual, qual_len, pcrs,
				    out);
}

/* TPMS_QUOTE_INFO (Part 2 §10.12.1): exactly our selection, a SHA-256
 * pcrDigest, nothing after it. */
static bool is_quote_info(struct rd *r, u32 pcrs)
{
	const u8 *sel;
	size_t n;

	if (rd_be(r, 4) != 1 || rd_be(r, 2) != TPM_ALG_SHA256 ||
	    rd_be(r, 1) != PCR_SELECT_SIZE)
		return false;
	sel = rd_bytes(r, PCR_SELECT_SIZE);
	if (!sel || sel[0] != (u8)pcrs || sel[1] != (u8)(pcrs >> 8) ||
	    sel[2] != (u8)(pcrs >> 16))
		return false;
	rd_tpm2b(r, &n); /* pcrDigest */
	return n == TPM2_SHA256_SIZE && rd_is_done(r);
}

/* Part 2 §10.12.12 TPMS_ATTEST of a quote that answers @qual. */
static bool is_quote_attest(const u8 *attest, size_t len, const u8 *qual,
			    size_t qual_len, u32 pcrs)
{
	struct rd r = { .p = attest, .len = len };
	const u8 *extra;
	size_t n;

	if (rd_be(&r, 4) != TPM_GENERATED_VALUE ||
	    rd_be(&r, 2) != TPM_ST_ATTEST_QUOTE)
		return false;
	rd_tpm2b(&r, &n);	  /* qualifiedSigner */
	extra = rd_tpm2b(&r, &n); /* extraData */
	if (!extra || n != qual_len || (n && memcmp(extra, qual, n) != 0))
		return false;
	rd_bytes(&r, CLOCK_INFO_SIZE);
	rd_bytes(&r, 8); /* firmwareVersion */
	return !r.bad && is_quote_info(&r, pcrs);
}

/* Part 2 §11.3.4 TPMT_SIGNATURE: an RSA (§11.3.1) or ECC (§11.3.2) one
 * filling @len bytes exactly. */
static bool is_signature(const u8 *sig, size_t len)
{
	struct rd r = { .p = sig, .len = len };
	size_t n;

	switch (rd_be(&r, 2)) {
	case TPM_ALG_RSASSA:
	case TPM_ALG_RSAPSS:
		rd_be(&r, 2);	  /* hash */
		rd_tpm2b(&r, &n); /* sig */
		break;
	case TPM_ALG_ECDSA:
	case TPM_ALG_ECDAA:
	case TPM_ALG_SM2:
	case TPM_ALG_ECSCHNORR:
		rd_be(&r, 2);	  /* hash */
		rd_tpm2b(&r, &n); /* signatureR */
		rd_tpm2b(&r, &n); /* signatureS */
		break;
	default:
		return false;
	}
	return rd_is_done(&r);
}

int tpm2_cmd_parse_quote(const u8 *rsp, size_t len, const u8 *qual,
			 size_t qual_len, u32 pcrs, struct tpm2_quote *out)
{
	const u8 *attest, *sig;
	struct rd r, params;
	size_t attest_len, sig_len;
	int rc;

	out->attest_len = 0;
	out->sig_len = 0;
	rc = rsp_header(rsp, len, TPM_ST_SESSIONS, &r);
	if (!rc)
		rc = rsp_params(&r, &params);
	if (rc)
		return rc;
	/* Part 3 §18.4.2: quoted (TPM2B_ATTEST), then the signature fills
	 * the rest of the parameters. */
	attest = rd_tpm2b(&params, &attest_len);
	if (!attest)
		return -RAMPART_EINVAL;
	sig_len = params.len - params.off;
	sig = rd_bytes(&params, sig_len);
	if (!is_quote_attest(attest, attest_len, qual, qual_len, pcrs) ||
	    !is_signature(sig, sig_len))
		return -RAMPART_EINVAL;
	if (attest_len > sizeof(out->attest) || sig_len > sizeof(out->sig))
		return -RAMPART_ENOSPC;
	memcpy(out->attest, attest, attest_len);
	memcpy(out->sig, sig, sig_len);
	out->attest_len = attest_len;
	out->sig_len = sig_len;
	return 0;
}
