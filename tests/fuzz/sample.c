// SPDX-License-Identifier: BSD-2-Clause
/*
 * Sample evidence (sample.h): measures like monitor/hw/boot_measure.c
 * (bases and sizes per docs/evidence.md), logs like the monitor, then
 * encodes and signs with the shared measure/ code.
 */
#include "sample.h"
#include "measure/dice.h"
#include "../../include/rampart/evlog.h"
#include <mbedtls/ecp.h>
#include <mbedtls/pk.h>
#include <mbedtls/sha256.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint8_t kernel_file[200];
static uint8_t firmware_file[300];
static uint8_t monitor_file[256];
static uint8_t initrd_file[150];
static uint8_t dtb_file[128];
static const uint8_t nonce_default[16] = { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55,
					   0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb,
					   0xcc, 0xdd, 0xee, 0xff };

static void fill(uint8_t *p, size_t n, uint8_t seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (uint8_t)(seed + 7 * i + (i >> 3));
}

void sample_default_inputs(struct sample_inputs *in)
{
	fill(kernel_file, sizeof(kernel_file), 1);
	/* RISC-V Image header: image_size 4096 at 16, "RSC\x05" at 56 */
	memset(kernel_file + 16, 0, 8);
	kernel_file[17] = 0x10;
	kernel_file[56] = 'R';
	kernel_file[57] = 'S';
	kernel_file[58] = 'C';
	kernel_file[59] = 0x05;
	fill(firmware_file, sizeof(firmware_file), 2);
	fill(monitor_file, sizeof(monitor_file), 3);
	fill(initrd_file, sizeof(initrd_file), 4);
	fill(dtb_file, sizeof(dtb_file), 5);
	memset(in, 0, sizeof(*in));
	in->monitor = monitor_file;
	in->monitor_len = sizeof(monitor_file);
	in->firmware = firmware_file;
	in->firmware_len = sizeof(firmware_file);
	in->kernel = kernel_file;
	in->kernel_len = sizeof(kernel_file);
	in->initrd = initrd_file;
	in->initrd_len = sizeof(initrd_file);
	in->cmdline = "console=ttyS0";
	in->dtb = dtb_file;
	in->dtb_len = sizeof(dtb_file);
	in->policy = "protect";
	in->policy_config = "";
	in->policy_id = 1;
	in->nonce = nonce_default;
	in->nonce_len = sizeof(nonce_default);
}

static void region(struct sample *s, uint32_t type, uint64_t base,
		   uint64_t size, const void *bytes)
{
	struct evidence_region *r = &s->ev.regions[type];

	r->present = true;
	r->base = base;
	r->size = size;
	measure_region(type, base, size, bytes, r->digest);
}

static int measure_kernel(struct sample *s, const struct sample_inputs *in)
{
	uint64_t size;
	uint8_t *img;

	if (measure_payload_size(in->kernel, in->kernel_len, &size) ||
	    size > (64u << 20))
		return -1;
	img = calloc(1, size ? size : 1);
	if (!img)
		return -1;
	memcpy(img, in->kernel, in->kernel_len);
	region(s, MEASURE_KERNEL, SAMPLE_KERNEL_BASE, size, img);
	free(img);
	return 0;
}

static void measure_boot(struct sample *s, const struct sample_inputs *in)
{
	struct evidence *ev = &s->ev;
	char text[EVIDENCE_POLICY_NAME_MAX + EVIDENCE_POLICY_CONFIG_MAX + 2];
	uint8_t entry[16];
	int n, i;

	region(s, MEASURE_MONITOR, SAMPLE_MONITOR_BASE, in->monitor_len,
	       in->monitor);
	region(s, MEASURE_FIRMWARE, SAMPLE_FIRMWARE_BASE, in->firmware_len,
	       in->firmware);
	snprintf(ev->policy_name, sizeof(ev->policy_name), "%s", in->policy);
	snprintf(ev->policy_config, sizeof(ev->policy_config), "%s",
		 in->policy_config);
	ev->policy_id = in->policy_id;
	n = evidence_policy_text(ev, text, sizeof(text));
	region(s, MEASURE_POLICY, 0, n < 0 ? 0 : (uint64_t)n, text);
	if (in->initrd)
		region(s, MEASURE_INITRD, 0, in->initrd_len, in->initrd);
	if (in->cmdline)
		region(s, MEASURE_CMDLINE, 0, strlen(in->cmdline), in->cmdline);
	region(s, MEASURE_DTB, SAMPLE_DTB_ADDR, in->dtb_len, in->dtb);
	ev->entry_pc = SAMPLE_KERNEL_BASE;
	ev->entry_a1 = SAMPLE_DTB_ADDR;
	for (i = 0; i < 16; i++)
		entry[i] = (uint8_t)((i < 8 ? ev->entry_pc : ev->entry_a1) >>
				     (8 * (i % 8)));
	region(s, MEASURE_ENTRY, 0, sizeof(entry), entry);
	/* what the tree tells the kernel, as the monitor reports it */
	ev->dtb = (struct evidence_dtb){
		.present = true,
		.memory_count = 1,
		.memory = { { SAMPLE_MONITOR_BASE, SAMPLE_MEMORY, 0 } },
		.reserved_count = 2,
		.reserved = { { SAMPLE_MONITOR_BASE, 0x100000,
				EVIDENCE_DTB_NO_MAP },
			      { SAMPLE_FIRMWARE_BASE, 0x100000,
				EVIDENCE_DTB_NO_MAP } },
	};
	if (in->initrd) {
		ev->dtb.initrd_start = SAMPLE_INITRD_ADDR;
		ev->dtb.initrd_end = SAMPLE_INITRD_ADDR + in->initrd_len;
	}
}

/* The monitor's log: CRTM version, regions in measure order, separators */
static int write_log(struct sample *s)
{
	static const char version[] = SAMPLE_CRTM_VERSION;
	struct evlog log;
	uint32_t t;

	if (evlog_init(&log, s->log, sizeof(s->log)) ||
	    evlog_append_data(&log, 0, EV_S_CRTM_VERSION, version,
			      sizeof(version), NULL))
		return -1;
	for (t = MEASURE_MONITOR; t < EVIDENCE_REGIONS; t++)
		if (s->ev.regions[t].present &&
		    evlog_append_region(&log, t, s->ev.regions[t].digest))
			return -1;
	if (evlog_append_separators(&log, NULL))
		return -1;
	s->log_len = evlog_len(&log);
	return 0;
}

/* Three denied accesses, as the monitor would chain and count them. */
static void write_chain(struct sample *s)
{
	static const uint32_t access[] = { 0, 2, 0 };
	struct audit_chain_answer a = { .total = 3, .count = 3 };
	uint32_t i;

	for (i = 0; i < a.count; i++) {
		struct audit_chain_record r = { .seq = i, .hart = i,
						.access = access[i],
						.addr = SAMPLE_KERNEL_BASE + 8 * i,
						.pc = SAMPLE_FIRMWARE_BASE + i,
						.time = 1000 * (i + 1) };

		audit_chain_put_record(s->chain + AUDIT_CHAIN_HEADER_SIZE +
					       i * AUDIT_CHAIN_RECORD_SIZE,
				       &r);
		audit_chain_step(s->ev.audit_head, &r);
		s->ev.audit[1 + access[i]]++;
	}
	audit_chain_put_header(s->chain, &a);
	s->chain_len = AUDIT_CHAIN_HEADER_SIZE + 3 * AUDIT_CHAIN_RECORD_SIZE;
	s->ev.audit[0] = a.total;
}

int sample_measure(struct sample *s, const struct sample_inputs *in)
{
	memset(s, 0, sizeof(*s));
	if (in->nonce_len > EVIDENCE_NONCE_MAX)
		return -1;
	memcpy(s->ev.nonce, in->nonce, in->nonce_len);
	s->ev.nonce_len = (uint32_t)in->nonce_len;
	s->ev.flags = EVIDENCE_FLAG_LAUNCH;
	if (measure_kernel(s, in))
		return -1;
	measure_boot(s, in);
	write_chain(s);
	return write_log(s);
}

int sample_set_quote(struct sample *s, const uint8_t *quote, size_t qlen,
		     const uint8_t *sig, size_t slen)
{
	if (qlen > EVIDENCE_TPM_MAX || slen > EVIDENCE_TPM_MAX)
		return -1;
	memcpy(s->ev.tpm_quote, quote, qlen);
	s->ev.tpm_quote_len = (uint32_t)qlen;
	memcpy(s->ev.tpm_sig, sig, slen);
	s->ev.tpm_sig_len = (uint32_t)slen;
	return 0;
}

/* @pk (initialised) gets @key's public part, and its private one if @priv. */
static int to_pk(mbedtls_pk_context *pk, const struct mbedtls_ecp_keypair *key,
		 bool priv)
{
	return mbedtls_pk_setup(pk, mbedtls_pk_info_from_type(MBEDTLS_PK_ECKEY)) ||
	       mbedtls_ecp_group_copy(&mbedtls_pk_ec(*pk)->grp, &key->grp) ||
	       mbedtls_ecp_copy(&mbedtls_pk_ec(*pk)->Q, &key->Q) ||
	       (priv && mbedtls_mpi_copy(&mbedtls_pk_ec(*pk)->d, &key->d));
}

int sample_certify(struct sample *s, const struct mbedtls_ecp_keypair *key)
{
	struct mbedtls_ecp_keypair dev;
	mbedtls_pk_context subject, issuer;
	uint8_t der[1024], config[32] = { 0 };
	int len = -1;

	mbedtls_ecp_keypair_init(&dev);
	mbedtls_pk_init(&subject);
	mbedtls_pk_init(&issuer);
	if (!sample_key(&dev, SAMPLE_DEVICEID) && !to_pk(&subject, key, false) &&
	    !to_pk(&issuer, &dev, true))
		len = dice_cert_write(&subject, &issuer,
				      s->ev.regions[MEASURE_MONITOR].digest,
				      config, der, sizeof(der), NULL, NULL);
	s->ev.cert_len = 0;
	if (len > 0 && len <= EVIDENCE_CERT_MAX) {
		memcpy(s->ev.cert, der + sizeof(der) - len, (size_t)len);
		s->ev.cert_len = (uint32_t)len;
	}
	mbedtls_pk_free(&subject);
	mbedtls_pk_free(&issuer);
	mbedtls_ecp_keypair_free(&dev);
	return s->ev.cert_len ? 0 : -1;
}

int sample_seal(struct sample *s, struct mbedtls_ecp_keypair *key, uint8_t *out,
		size_t size, size_t *len)
{
	size_t signed_len;

	if (!s->ev.cert_len && sample_certify(s, key))
		return -1;
	mbedtls_sha256_ret(s->log, s->log_len, s->ev.log_digest, 0);
	s->ev.log_size = s->log_len;
	if (evidence_encode(&s->ev, out, size, &signed_len) ||
	    evidence_sign(key, out, signed_len, size, len))
		return -1;
	return 0;
}

int sample_key(struct mbedtls_ecp_keypair *key, int which)
{
	uint8_t d[32];
	int i;

	for (i = 0; i < 32; i++)
		d[i] = (uint8_t)(0x11 * (which + 1) + i);
	if (evidence_key_init(key, d) ||
	    mbedtls_ecp_mul(&key->grp, &key->Q, &key->d, &key->grp.G, NULL,
			    NULL))
		return -1;
	return 0;
}

int sample_write_pubkey(struct mbedtls_ecp_keypair *key, const char *path)
{
	unsigned char pem[512];
	mbedtls_pk_context pk;
	int rc = -1;

	mbedtls_pk_init(&pk);
	if (!to_pk(&pk, key, false) &&
	    !mbedtls_pk_write_pubkey_pem(&pk, pem, sizeof(pem)))
		rc = sample_write_file(path, pem, strlen((char *)pem));
	mbedtls_pk_free(&pk);
	return rc;
}

int sample_write_file(const char *path, const void *buf, size_t len)
{
	FILE *f = fopen(path, "wb");
	int rc = 0;

	if (!f)
		return -1;
	if (len && fwrite(buf, 1, len, f) != len)
		rc = -1;
	if (fclose(f))
		rc = -1;
	return rc;
}
