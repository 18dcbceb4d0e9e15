// SPDX-License-Identifier: BSD-2-Clause
/*
 * The device identity (DICE, keys/README.md): the evidence's alias
 * certificate must be signed by the registered DeviceID key (--pubkey),
 * name in its TcbInfo the monitor the evidence says ran (FWID), and its
 * key must have signed the evidence. Anything else is NOT TRUSTED.
 */
#include "verifier.h"
#include "measure/dice.h"
#include <mbedtls/asn1.h>
#include <mbedtls/md.h>
#include <mbedtls/pk.h>
#include <mbedtls/x509_crt.h>
#include <string.h>

/* The TcbInfo extension's value in the certificate's extensions, or -1. */
static int find_tcbinfo(const mbedtls_x509_crt *crt, const uint8_t **val,
			size_t *len)
{
	uint8_t *p = crt->v3_ext.p;
	const uint8_t *end;
	size_t n;

	if (!p)
		return -1;
	end = p + crt->v3_ext.len;
	if (*p == (MBEDTLS_ASN1_CONTEXT_SPECIFIC | MBEDTLS_ASN1_CONSTRUCTED | 3) &&
	    mbedtls_asn1_get_tag(&p, end, &n, *p))
		return -1;
	if (mbedtls_asn1_get_tag(&p, end, &n, MBEDTLS_ASN1_CONSTRUCTED |
						      MBEDTLS_ASN1_SEQUENCE))
		return -1;
	end = p + n;
	while (p < end) {
		const uint8_t *ext_end;
		mbedtls_asn1_buf oid;
		int critical = 0;

		if (mbedtls_asn1_get_tag(&p, end, &n, MBEDTLS_ASN1_CONSTRUCTED |
							      MBEDTLS_ASN1_SEQUENCE))
			return -1;
		ext_end = p + n;
		if (mbedtls_asn1_get_tag(&p, ext_end, &oid.len, MBEDTLS_ASN1_OID))
			return -1;
		oid.p = p;
		p += oid.len;
		if (p < ext_end && *p == MBEDTLS_ASN1_BOOLEAN &&
		    mbedtls_asn1_get_bool(&p, ext_end, &critical))
			return -1;
		if (mbedtls_asn1_get_tag(&p, ext_end, &n,
					 MBEDTLS_ASN1_OCTET_STRING) ||
		    p + n != ext_end)
			return -1;
		if (oid.len == sizeof(DICE_OID_TCBINFO) - 1 &&
		    !memcmp(oid.p, DICE_OID_TCBINFO, oid.len)) {
			*val = p;
			*len = n;
			return 0;
		}
		p += n;
	}
	return -1;
}

/* Is @crt signed by @deviceid? */
static bool signed_by(const mbedtls_x509_crt *crt, mbedtls_pk_context *deviceid)
{
	const mbedtls_md_info_t *md = mbedtls_md_info_from_type(crt->sig_md);
	uint8_t hash[MBEDTLS_MD_MAX_SIZE];

	return md && !mbedtls_md(md, crt->tbs.p, crt->tbs.len, hash) &&
	       !mbedtls_pk_verify(deviceid, crt->sig_md, hash,
				  mbedtls_md_get_size(md), crt->sig.p,
				  crt->sig.len);
}

static void check_fwid(const struct evidence *ev, const mbedtls_x509_crt *crt)
{
	const uint8_t *monitor = ev->regions[MEASURE_MONITOR].digest;
	uint8_t fwid[DICE_SECRET_SIZE];
	char want[DIGEST_HEX], got[DIGEST_HEX];
	const uint8_t *val;
	size_t len;

	if (find_tcbinfo(crt, &val, &len) || dice_tcbinfo_read(val, len, fwid)) {
		report_add(ST_FAIL, "fwid", NULL, NULL,
			   "the alias certificate has no TcbInfo FWID");
		return;
	}
	hex_encode(monitor, MEASURE_DIGEST_SIZE, want);
	hex_encode(fwid, sizeof(fwid), got);
	if (!ev->regions[MEASURE_MONITOR].present ||
	    !ct_equal(fwid, monitor, sizeof(fwid)))
		report_add(ST_FAIL, "fwid", want, got,
			   "the certificate's FWID is not the monitor the "
			   "evidence measured");
	else
		report_add(ST_PASS, "fwid", NULL, NULL,
			   "%s: the key is this monitor's on this device", got);
}

static void check_signature(const uint8_t *buf, size_t len,
			    mbedtls_pk_context *alias)
{
	uint8_t hash[MEASURE_DIGEST_SIZE];
	size_t signed_len, sig_len;
	const uint8_t *sig;

	/* evidence_parse accepted it: the split cannot fail */
	if (evidence_split(buf, len, &signed_len, &sig, &sig_len, NULL))
		signed_len = sig_len = 0;
	sha256(buf, signed_len, hash);
	if (!sig_len || mbedtls_pk_verify(alias, MBEDTLS_MD_SHA256, hash,
					  sizeof(hash), sig, sig_len))
		report_add(ST_FAIL, "signature", NULL, NULL,
			   "the evidence does not verify with the alias key "
			   "(altered evidence)");
	else
		report_add(ST_PASS, "signature", NULL, NULL,
			   "ECDSA P-256/SHA-256 by the alias key");
}

void identity_check(const struct evidence *ev, const uint8_t *buf,
		    size_t len, mbedtls_pk_context *deviceid,
		    const char *deviceid_path)
{
	mbedtls_x509_crt crt;
	char subject[160];

	mbedtls_x509_crt_init(&crt);
	if (!ev->cert_len) {
		report_add(ST_FAIL, "identity", NULL, NULL,
			   "the evidence carries no alias certificate");
		report_add(ST_FAIL, "signature", NULL, NULL,
			   "no alias key to check it with");
	} else if (mbedtls_x509_crt_parse_der(&crt, ev->cert, ev->cert_len) ||
		   mbedtls_pk_get_type(&crt.pk) != MBEDTLS_PK_ECKEY) {
		report_add(ST_FAIL, "identity", NULL, NULL,
			   "the alias certificate is not an X.509 P-256 "
			   "certificate");
		report_add(ST_FAIL, "signature", NULL, NULL,
			   "no alias key to check it with");
	} else {
		if (mbedtls_x509_dn_gets(subject, sizeof(subject),
					 &crt.subject) < 0)
			strcpy(subject, "?");
		if (signed_by(&crt, deviceid))
			report_add(ST_PASS, "identity", NULL, NULL,
				   "alias certificate (%s) signed by the "
				   "DeviceID key %s", subject, deviceid_path);
		else
			report_add(ST_FAIL, "identity", NULL, NULL,
				   "the alias certificate is not signed by the "
				   "DeviceID key %s (another device)",
				   deviceid_path);
		check_fwid(ev, &crt);
		check_signature(buf, len, &crt.pk);
	}
	mbedtls_x509_crt_free(&crt);
}
