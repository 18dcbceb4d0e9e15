/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * DICE layering (TCG DICE Layering Architecture) as Rampart does it, and
 * the one certificate extension both sides need (keys/README.md). Host
 * only: the launcher, playing the boot ROM, derives the keys and writes the
 * alias certificate (keys/dice.c); the verifier reads the certificate's
 * FWID back (verifier/identity.c). The monitor receives only the alias key
 * and the certificate; it derives nothing.
 *
 *   UDS (device secret, provisioning)
 *    ├─ DeviceID key  = scalar(HKDF(UDS, "DeviceID"))
 *    └─ CDI           = HKDF(UDS, "CDI" ‖ FWID ‖ H(configuration))
 *        └─ alias key = scalar(HKDF(CDI, "Alias"))
 *
 * FWID is the monitor's measurement (its MEASURE_MONITOR region digest,
 * docs/evidence.md), the configuration the monitor's run options.
 */
#ifndef RAMPART_DICE_H
#define RAMPART_DICE_H

#include <stddef.h>
#include <stdint.h>

#define DICE_SECRET_SIZE 32

/* TCG DICE TcbInfo extension, tcg-dice-TcbInfo (2.23.133.5.4.1) */
#define DICE_OID_TCBINFO "\x67\x81\x05\x05\x04\x01"

struct dice_inputs {
	uint8_t uds[DICE_SECRET_SIZE];
	uint8_t fwid[DICE_SECRET_SIZE];
	uint8_t config[DICE_SECRET_SIZE];	/* SHA-256 of the options */
};

/* Private P-256 scalars (big-endian) and the CDI. */
struct dice_secrets {
	uint8_t deviceid[DICE_SECRET_SIZE];
	uint8_t cdi[DICE_SECRET_SIZE];
	uint8_t alias[DICE_SECRET_SIZE];
};

/* All of it from @in. Returns 0, or -1 if mbedTLS fails. */
int dice_derive(const struct dice_inputs *in, struct dice_secrets *out);

/*
 * The TcbInfo extension's value (DER) for a layer whose code measured
 * @fwid (SHA-256) under configuration digest @config, into the end of
 * @buf (mbedTLS writes backwards): returns its length and sets @der, or
 * -1 if @size is too small.
 */
int dice_tcbinfo_write(const uint8_t fwid[DICE_SECRET_SIZE],
		       const uint8_t config[DICE_SECRET_SIZE], uint8_t *buf,
		       size_t size, const uint8_t **der);

/* The SHA-256 FWID in a TcbInfo value @der of @len bytes. 0 or -1. */
int dice_tcbinfo_read(const uint8_t *der, size_t len,
		      uint8_t fwid[DICE_SECRET_SIZE]);

struct mbedtls_pk_context;
typedef int (*dice_rng)(void *ctx, unsigned char *out, size_t len);

/* @pk (initialised) becomes the P-256 key pair of private scalar @d. 0 or -1. */
int dice_key(struct mbedtls_pk_context *pk, const uint8_t d[DICE_SECRET_SIZE],
	     dice_rng rng, void *rng_ctx);

/*
 * An X.509 v3 certificate for @subject's public key, signed by @issuer's
 * private key. @fwid NULL: the DeviceID certificate (self-signed, a CA);
 * else the alias certificate, an end entity carrying TcbInfo(@fwid,
 * @config). Names are "CN=Rampart DeviceID|Alias,serialNumber=<hash of the
 * key>", so each names its key. DER into the end of @buf; returns its
 * length, or -1.
 */
int dice_cert_write(struct mbedtls_pk_context *subject,
		    struct mbedtls_pk_context *issuer, const uint8_t *fwid,
		    const uint8_t *config, uint8_t *buf, size_t size,
		    dice_rng rng, void *rng_ctx);

#endif
