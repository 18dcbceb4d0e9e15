// SPDX-License-Identifier: BSD-2-Clause
/*
 * The TPM quote in the evidence, checked as tpm2_checkquote checks it:
 * TPMS_ATTEST magic and type, qualifying data, the PCR digest against the
 * PCRs replayed from the event log, and the TPMT_SIGNATURE with the
 * attestation key (TPM 2.0 Part 3, 18.4 TPM2_Quote).
 */
#include "verifier.h"
#include <mbedtls/ecdsa.h>
#include <mbedtls/pk.h>
#include <mbedtls/rsa.h>
#include <mbedtls/sha256.h>
#include <stdio.h>
#include <string.h>
#include <tss2/tss2_mu.h>

static void quote_fail(const char *expected, const char *actual,
		       const char *what)
{
	report_add(ST_FAIL, "tpm-quote", expected, actual, "%s", what);
}

static bool unmarshal(const struct evidence *ev, TPMS_ATTEST *att,
		      TPMT_SIGNATURE *sig)
{
	size_t off = 0;

	if (Tss2_MU_TPMS_ATTEST_Unmarshal(ev->tpm_quote, ev->tpm_quote_len,
					  &off, att) ||
	    off != ev->tpm_quote_len) {
		quote_fail(NULL, NULL, "the quote is not one TPMS_ATTEST");
		return false;
	}
	off = 0;
	if (Tss2_MU_TPMT_SIGNATURE_Unmarshal(ev->tpm_sig, ev->tpm_sig_len, &off,
					     sig) ||
	    off != ev->tpm_sig_len) {
		quote_fail(NULL, NULL,
			   "the quote signature is not one "
			   "TPMT_SIGNATURE");
		return false;
	}
	return true;
}

static bool check_header(const struct evidence *ev, const TPMS_ATTEST *att)
{
	const TPM2B_DATA *x = &att->extraData;
	char want[2 * EVIDENCE_NONCE_MAX + 1], got[2 * sizeof(x->buffer) + 1];

	if (att->magic != TPM2_GENERATED_VALUE ||
	    att->type != TPM2_ST_ATTEST_QUOTE) {
		quote_fail(NULL, NULL,
			   "not a TPM-generated quote (magic, "
			   "type)");
		return false;
	}
	hex_encode(ev->nonce, ev->nonce_len, want);
	hex_encode(x->buffer, x->size, got);
	/* launch or on demand, the monitor quotes with the evidence's nonce */
	if (x->size != ev->nonce_len ||
	    !ct_equal(x->buffer, ev->nonce, ev->nonce_len)) {
		quote_fail(want, got,
			   "the quote's qualifying data is not the "
			   "nonce");
		return false;
	}
	report_add(ST_PASS, "tpm-quote", NULL, NULL,
		   "made by the TPM over this evidence's nonce");
	return true;
}

static bool selection_ok(const TPML_PCR_SELECTION *sel)
{
	uint32_t i;

	if (sel->count > TPM2_NUM_PCR_BANKS)
		return false;
	for (i = 0; i < sel->count; i++)
		if (sel->pcrSelections[i].hash != TPM2_ALG_SHA256 ||
		    sel->pcrSelections[i].sizeofSelect > 3)
			return false;
	return true;
}

/* SHA-256 over the selected PCRs, in selection order (Part 3, 18.4.1);
 * @sel is selection_ok. Names them in @list. */
static void pcr_digest(const TPML_PCR_SELECTION *sel,
		       const uint8_t (*pcrs)[MEASURE_DIGEST_SIZE],
		       uint8_t out[MEASURE_DIGEST_SIZE], char *list, size_t lsz)
{
	mbedtls_sha256_context ctx;
	size_t used = 0;
	uint32_t i, j;

	mbedtls_sha256_init(&ctx);
	mbedtls_sha256_starts_ret(&ctx, 0);
	list[0] = '\0';
	for (i = 0; i < sel->count; i++) {
		const TPMS_PCR_SELECTION *s = &sel->pcrSelections[i];

		for (j = 0; j < 8u * s->sizeofSelect; j++) {
			if (!(s->pcrSelect[j / 8] & (1u << (j % 8))))
				continue;
			mbedtls_sha256_update_ret(&ctx, pcrs[j],
						  MEASURE_DIGEST_SIZE);
			if (used < lsz)
				used += (size_t)snprintf(list + used,
							 lsz - used, "%s%u",
							 used ? "," : "", j);
		}
	}
	mbedtls_sha256_finish_ret(&ctx, out);
	mbedtls_sha256_free(&ctx);
}

static void check_pcrs(const TPMS_ATTEST *att,
		       const uint8_t (*pcrs)[MEASURE_DIGEST_SIZE])
{
	const TPMS_QUOTE_INFO *q = &att->attested.quote;
	uint8_t d[MEASURE_DIGEST_SIZE];
	char want[DIGEST_HEX], got[2 * sizeof(q->pcrDigest.buffer) + 1];
	char list[100];

	if (!pcrs) {
		report_add(ST_SKIP, "tpm-quote-pcrs", NULL, NULL,
			   "no --eventlog: the quoted PCRs are not compared");
		return;
	}
	if (!selection_ok(&q->pcrSelect)) {
		report_add(ST_FAIL, "tpm-quote-pcrs", NULL, NULL,
			   "the quote selects PCRs of a bank other than "
			   "SHA-256");
		return;
	}
	pcr_digest(&q->pcrSelect, pcrs, d, list, sizeof(list));
	hex_encode(d, sizeof(d), want);
	hex_encode(q->pcrDigest.buffer, q->pcrDigest.size, got);
	if (q->pcrDigest.size != sizeof(d) ||
	    !ct_equal(q->pcrDigest.buffer, d, sizeof(d)))
		report_add(ST_FAIL, "tpm-quote-pcrs", want, got,
			   "the TPM's PCRs %s are not the event log's replay",
			   list);
	else
		report_add(ST_PASS, "tpm-quote-pcrs", NULL, NULL,
			   "the TPM's PCRs %s equal the event log's replay",
			   list);
}

static int verify_ecdsa(mbedtls_pk_context *ak, const TPMS_SIGNATURE_ECC *e,
			const uint8_t *hash)
{
	mbedtls_ecp_keypair *ec = mbedtls_pk_ec(*ak);
	mbedtls_mpi r, s;
	int rc = -1;

	mbedtls_mpi_init(&r);
	mbedtls_mpi_init(&s);
	if (e->hash == TPM2_ALG_SHA256 &&
	    !mbedtls_mpi_read_binary(&r, e->signatureR.buffer,
				     e->signatureR.size) &&
	    !mbedtls_mpi_read_binary(&s, e->signatureS.buffer,
				     e->signatureS.size))
		rc = mbedtls_ecdsa_verify(&ec->grp, hash, MEASURE_DIGEST_SIZE,
					  &ec->Q, &r, &s);
	mbedtls_mpi_free(&r);
	mbedtls_mpi_free(&s);
	return rc;
}

static int verify_rsa(mbedtls_pk_context *ak, const TPMT_SIGNATURE *sig,
		      const uint8_t *hash)
{
	const TPMS_SIGNATURE_RSA *r = &sig->signature.rsassa;
	mbedtls_pk_rsassa_pss_options pss = { MBEDTLS_MD_SHA256,
					      MBEDTLS_RSA_SALT_LEN_ANY };

	if (r->hash != TPM2_ALG_SHA256)
		return -1;
	if (sig->sigAlg == TPM2_ALG_RSASSA)
		return mbedtls_pk_verify(ak, MBEDTLS_MD_SHA256, hash,
					 MEASURE_DIGEST_SIZE, r->sig.buffer,
					 r->sig.size);
	return mbedtls_pk_verify_ext(
		MBEDTLS_PK_RSASSA_PSS, &pss, ak, MBEDTLS_MD_SHA256, hash,
		MEASURE_DIGEST_SIZE, r->sig.buffer, r->sig.size);
}

static void check_signature(const struct evidence *ev,
			    const TPMT_SIGNATURE *sig, mbedtls_pk_context *ak,
			    const char *ak_path)
{
	uint8_t hash[MEASURE_DIGEST_SIZE];
	bool ec = mbedtls_pk_get_type(ak) == MBEDTLS_PK_ECKEY;
	int rc = -1;

	sha256(ev->tpm_quote, ev->tpm_quote_len, hash);
	if (sig->sigAlg == TPM2_ALG_ECDSA && ec)
		rc = verify_ecdsa(ak, &sig->signature.ecdsa, hash);
	else if ((sig->sigAlg == TPM2_ALG_RSASSA ||
		  sig->sigAlg == TPM2_ALG_RSAPSS) &&
		 mbedtls_pk_get_type(ak) == MBEDTLS_PK_RSA)
		rc = verify_rsa(ak, sig, hash);
	if (rc)
		report_add(ST_FAIL, "tpm-quote-signature", NULL, NULL,
			   "the quote is not signed (SHA-256, scheme 0x%x) by "
			   "the attestation key %s",
			   sig->sigAlg, ak_path);
	else
		report_add(ST_PASS, "tpm-quote-signature", NULL, NULL,
			   "signed by the attestation key %s", ak_path);
}

static int load_ak(mbedtls_pk_context *ak, const char *path)
{
	mbedtls_pk_type_t t;

	if (mbedtls_pk_parse_public_keyfile(ak, path)) {
		fail_input("%s: not a PEM or DER public key", path);
		return -1;
	}
	t = mbedtls_pk_get_type(ak);
	if (t != MBEDTLS_PK_ECKEY && t != MBEDTLS_PK_RSA) {
		fail_input("%s: an attestation key is ECC or RSA", path);
		return -1;
	}
	return 0;
}

int quote_check(const struct evidence *ev,
		const uint8_t (*pcrs)[MEASURE_DIGEST_SIZE], const char *ak_path)
{
	static TPMS_ATTEST att;
	static TPMT_SIGNATURE sig;
	mbedtls_pk_context ak;
	int rc = 0;

	mbedtls_pk_init(&ak);
	if (ak_path && load_ak(&ak, ak_path)) {
		rc = -1;
	} else if (!ev->tpm_quote_len) {
		if (ak_path)
			quote_fail("a TPM quote", "none",
				   "--ak-pubkey given, but the boot had no TPM "
				   "quote");
		else
			report_add(ST_SKIP, "tpm-quote", NULL, NULL,
				   "no TPM quote in the evidence");
	} else if (unmarshal(ev, &att, &sig) && check_header(ev, &att)) {
		check_pcrs(&att, pcrs);
		if (ak_path)
			check_signature(ev, &sig, &ak, ak_path);
		else
			report_add(ST_SKIP, "tpm-quote-signature", NULL, NULL,
				   "no --ak-pubkey: the quote's signature is "
				   "not checked");
	}
	mbedtls_pk_free(&ak);
	return rc;
}
