// SPDX-License-Identifier: BSD-2-Clause
#include "dice.h"
#include <mbedtls/asn1.h>
#include <mbedtls/asn1write.h>
#include <mbedtls/bignum.h>
#include <mbedtls/ecp.h>
#include <mbedtls/hkdf.h>
#include <mbedtls/md.h>
#include <mbedtls/pk.h>
#include <mbedtls/sha256.h>
#include <mbedtls/x509_crt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define SALT "Rampart DICE v1"
#define MAX_TRIES 16
/* id-sha256, 2.16.840.1.101.3.4.2.1 */
#define OID_SHA256 "\x60\x86\x48\x01\x65\x03\x04\x02\x01"
#define VENDOR "Rampart"
#define TAG_CTX(n) (MBEDTLS_ASN1_CONTEXT_SPECIFIC | (n))
#define NOT_BEFORE "20200101000000"
#define NOT_AFTER "99991231235959"

static int hkdf(const uint8_t *ikm, const void *info, size_t info_len,
		uint8_t out[DICE_SECRET_SIZE])
{
	return mbedtls_hkdf(mbedtls_md_info_from_type(MBEDTLS_MD_SHA256),
			    (const uint8_t *)SALT, sizeof(SALT) - 1, ikm,
			    DICE_SECRET_SIZE, info, info_len, out,
			    DICE_SECRET_SIZE);
}

/* A P-256 private scalar from @ikm: the first HKDF output, over @label
 * and a counter, that lies in [1, n - 1] (almost always the first). */
static int scalar(const uint8_t *ikm, const char *label,
		  uint8_t d[DICE_SECRET_SIZE])
{
	mbedtls_ecp_group grp;
	mbedtls_mpi x;
	uint8_t info[32];
	size_t n = strlen(label);
	int rc = -1, i;

	mbedtls_ecp_group_init(&grp);
	mbedtls_mpi_init(&x);
	if (n >= sizeof(info) ||
	    mbedtls_ecp_group_load(&grp, MBEDTLS_ECP_DP_SECP256R1))
		goto out;
	for (i = 0; i < (int)n; i++)
		info[i] = (uint8_t)label[i];
	for (i = 0; i < MAX_TRIES && rc; i++) {
		info[n] = (uint8_t)i;
		if (hkdf(ikm, info, n + 1, d) ||
		    mbedtls_mpi_read_binary(&x, d, DICE_SECRET_SIZE))
			break;
		if (mbedtls_mpi_cmp_int(&x, 0) > 0 &&
		    mbedtls_mpi_cmp_mpi(&x, &grp.N) < 0)
			rc = 0;
	}
out:
	mbedtls_mpi_free(&x);
	mbedtls_ecp_group_free(&grp);
	return rc;
}

int dice_derive(const struct dice_inputs *in, struct dice_secrets *out)
{
	static const uint8_t label[3] = { 'C', 'D', 'I' };
	uint8_t info[sizeof(label) + 2 * DICE_SECRET_SIZE];

	memcpy(info, label, sizeof(label));
	memcpy(info + 3, in->fwid, DICE_SECRET_SIZE);
	memcpy(info + 3 + DICE_SECRET_SIZE, in->config, DICE_SECRET_SIZE);
	if (scalar(in->uds, "DeviceID", out->deviceid) ||
	    hkdf(in->uds, info, sizeof(info), out->cdi) ||
	    scalar(out->cdi, "Alias", out->alias))
		return -1;
	return 0;
}

/* Each mbedtls_asn1_write_* returns the bytes written or a negative error;
 * ADD sums them and leaves on the first error. */
#define ADD(expr)                     \
	do {                          \
		int r_ = (expr);      \
		if (r_ < 0)           \
			return -1;    \
		len += (size_t)r_;    \
	} while (0)

/*
 * DiceTcbInfo ::= SEQUENCE {
 *   vendor [0] IMPLICIT UTF8String, ..., layer [4] IMPLICIT INTEGER, ...,
 *   fwids [6] IMPLICIT SEQUENCE OF SEQUENCE { hashAlg OID, digest OCTET STRING },
 *   ..., vendorInfo [8] IMPLICIT OCTET STRING, ... }
 * Written backwards: vendorInfo (the configuration digest), fwids, layer,
 * vendor. The monitor is layer 1 (the ROM is layer 0).
 */
int dice_tcbinfo_write(const uint8_t fwid[DICE_SECRET_SIZE],
		       const uint8_t config[DICE_SECRET_SIZE], uint8_t *buf,
		       size_t size, const uint8_t **der)
{
	uint8_t *p = buf + size;
	size_t len = 0, fw_len;

	ADD(mbedtls_asn1_write_raw_buffer(&p, buf, config, DICE_SECRET_SIZE));
	ADD(mbedtls_asn1_write_len(&p, buf, DICE_SECRET_SIZE));
	ADD(mbedtls_asn1_write_tag(&p, buf, TAG_CTX(8)));
	fw_len = len;
	ADD(mbedtls_asn1_write_octet_string(&p, buf, fwid, DICE_SECRET_SIZE));
	ADD(mbedtls_asn1_write_oid(&p, buf, OID_SHA256,
				   sizeof(OID_SHA256) - 1));
	ADD(mbedtls_asn1_write_len(&p, buf, len - fw_len));
	ADD(mbedtls_asn1_write_tag(&p, buf, MBEDTLS_ASN1_CONSTRUCTED |
						    MBEDTLS_ASN1_SEQUENCE));
	ADD(mbedtls_asn1_write_len(&p, buf, len - fw_len));
	ADD(mbedtls_asn1_write_tag(&p, buf, MBEDTLS_ASN1_CONSTRUCTED |
						    TAG_CTX(6)));
	ADD(mbedtls_asn1_write_raw_buffer(&p, buf, (const uint8_t *)"\x01", 1));
	ADD(mbedtls_asn1_write_len(&p, buf, 1));
	ADD(mbedtls_asn1_write_tag(&p, buf, TAG_CTX(4)));
	ADD(mbedtls_asn1_write_raw_buffer(&p, buf, (const uint8_t *)VENDOR,
					  sizeof(VENDOR) - 1));
	ADD(mbedtls_asn1_write_len(&p, buf, sizeof(VENDOR) - 1));
	ADD(mbedtls_asn1_write_tag(&p, buf, TAG_CTX(0)));
	ADD(mbedtls_asn1_write_len(&p, buf, len));
	ADD(mbedtls_asn1_write_tag(&p, buf, MBEDTLS_ASN1_CONSTRUCTED |
						    MBEDTLS_ASN1_SEQUENCE));
	*der = p;
	return (int)len;
}

/* Inside the fwids list at *p (up to @end): the first SHA-256 FWID. */
static int read_fwids(uint8_t **p, const uint8_t *end,
		      uint8_t fwid[DICE_SECRET_SIZE])
{
	size_t len;
	mbedtls_asn1_buf oid;
	const uint8_t *item_end;

	while (*p < end) {
		if (mbedtls_asn1_get_tag(p, end, &len, MBEDTLS_ASN1_CONSTRUCTED |
						       MBEDTLS_ASN1_SEQUENCE))
			return -1;
		item_end = *p + len;
		if (mbedtls_asn1_get_tag(p, item_end, &oid.len, MBEDTLS_ASN1_OID))
			return -1;
		oid.p = *p;
		*p += oid.len;
		if (mbedtls_asn1_get_tag(p, item_end, &len,
					 MBEDTLS_ASN1_OCTET_STRING))
			return -1;
		if (oid.len == sizeof(OID_SHA256) - 1 &&
		    !memcmp(oid.p, OID_SHA256, oid.len) &&
		    len == DICE_SECRET_SIZE && *p + len == item_end) {
			memcpy(fwid, *p, DICE_SECRET_SIZE);
			return 0;
		}
		*p = (uint8_t *)item_end;
	}
	return -1;
}

int dice_tcbinfo_read(const uint8_t *der, size_t len,
		      uint8_t fwid[DICE_SECRET_SIZE])
{
	uint8_t *p = (uint8_t *)der;
	const uint8_t *end = der + len;
	size_t n;

	if (mbedtls_asn1_get_tag(&p, end, &n, MBEDTLS_ASN1_CONSTRUCTED |
						      MBEDTLS_ASN1_SEQUENCE) ||
	    p + n != end)
		return -1;
	/* fields in tag order; skip all but [6] */
	while (p < end) {
		int tag = *p++;

		if (mbedtls_asn1_get_len(&p, end, &n))
			return -1;
		if (tag == (MBEDTLS_ASN1_CONSTRUCTED | TAG_CTX(6))) {
			uint8_t *list = p;

			return read_fwids(&list, p + n, fwid);
		}
		p += n;
	}
	return -1;
}

int dice_key(struct mbedtls_pk_context *pk, const uint8_t d[DICE_SECRET_SIZE],
	     dice_rng rng, void *rng_ctx)
{
	mbedtls_ecp_keypair *ec;

	if (mbedtls_pk_setup(pk, mbedtls_pk_info_from_type(MBEDTLS_PK_ECKEY)))
		return -1;
	ec = mbedtls_pk_ec(*pk);
	if (mbedtls_ecp_group_load(&ec->grp, MBEDTLS_ECP_DP_SECP256R1) ||
	    mbedtls_mpi_read_binary(&ec->d, d, DICE_SECRET_SIZE) ||
	    mbedtls_ecp_check_privkey(&ec->grp, &ec->d) ||
	    mbedtls_ecp_mul(&ec->grp, &ec->Q, &ec->d, &ec->grp.G, rng, rng_ctx))
		return -1;
	return 0;
}

/* "CN=<cn>,serialNumber=<first 8 bytes of SHA-256(public key), hex>", and
 * those bytes as a positive serial number. */
static int key_name(char *out, size_t size, const char *cn,
		    mbedtls_pk_context *pk, uint8_t serial[8])
{
	uint8_t der[200], hash[32];
	int len = mbedtls_pk_write_pubkey_der(pk, der, sizeof(der)), i, n;

	if (len < 0)
		return -1;
	mbedtls_sha256_ret(der + sizeof(der) - len, (size_t)len, hash, 0);
	n = snprintf(out, size, "CN=%s,serialNumber=", cn);
	for (i = 0; i < 8; i++)
		n += snprintf(out + n, size - (size_t)n, "%02x", hash[i]);
	memcpy(serial, hash, 8);
	serial[0] &= 0x7f;
	return 0;
}

static int set_names(mbedtls_x509write_cert *crt, mbedtls_pk_context *subject,
		     mbedtls_pk_context *issuer, bool ca, mbedtls_mpi *serial)
{
	char sname[128], iname[128];
	uint8_t sser[8], iser[8];

	return key_name(sname, sizeof(sname),
			ca ? "Rampart DeviceID" : "Rampart Alias", subject,
			sser) ||
	       key_name(iname, sizeof(iname), "Rampart DeviceID", issuer,
			iser) ||
	       mbedtls_mpi_read_binary(serial, sser, sizeof(sser)) ||
	       mbedtls_x509write_crt_set_serial(crt, serial) ||
	       mbedtls_x509write_crt_set_subject_name(crt, sname) ||
	       mbedtls_x509write_crt_set_issuer_name(crt, iname);
}

int dice_cert_write(struct mbedtls_pk_context *subject,
		    struct mbedtls_pk_context *issuer, const uint8_t *fwid,
		    const uint8_t *config, uint8_t *buf, size_t size,
		    dice_rng rng, void *rng_ctx)
{
	mbedtls_x509write_cert crt;
	mbedtls_mpi serial;
	uint8_t ext[256];
	const uint8_t *tcb;
	bool ca = !fwid;
	int rc, tcb_len;

	mbedtls_x509write_crt_init(&crt);
	mbedtls_mpi_init(&serial);
	mbedtls_x509write_crt_set_version(&crt, MBEDTLS_X509_CRT_VERSION_3);
	mbedtls_x509write_crt_set_md_alg(&crt, MBEDTLS_MD_SHA256);
	mbedtls_x509write_crt_set_subject_key(&crt, subject);
	mbedtls_x509write_crt_set_issuer_key(&crt, issuer);
	rc = set_names(&crt, subject, issuer, ca, &serial) ||
	     mbedtls_x509write_crt_set_validity(&crt, NOT_BEFORE, NOT_AFTER) ||
	     mbedtls_x509write_crt_set_basic_constraints(&crt, ca, ca ? 1 : -1) ||
	     mbedtls_x509write_crt_set_key_usage(
		     &crt, ca ? MBEDTLS_X509_KU_KEY_CERT_SIGN :
				MBEDTLS_X509_KU_DIGITAL_SIGNATURE);
	if (!rc && !ca) {
		tcb_len = dice_tcbinfo_write(fwid, config, ext, sizeof(ext), &tcb);
		rc = tcb_len < 0 ||
		     mbedtls_x509write_crt_set_extension(
			     &crt, DICE_OID_TCBINFO, sizeof(DICE_OID_TCBINFO) - 1,
			     0, tcb, (size_t)tcb_len);
	}
	if (!rc)
		rc = mbedtls_x509write_crt_der(&crt, buf, size, rng, rng_ctx);
	else
		rc = -1;
	mbedtls_mpi_free(&serial);
	mbedtls_x509write_crt_free(&crt);
	return rc > 0 ? rc : -1;
}
