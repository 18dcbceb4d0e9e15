/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Sample evidence and event logs made the way the monitor makes them
 * (docs/evidence.md), for host tests and fuzz seeds. Host only.
 */
#ifndef RAMPART_SAMPLE_H
#define RAMPART_SAMPLE_H

#include <stddef.h>
#include <stdint.h>

#include "../../include/rampart/audit_chain.h"
#include "../../include/rampart/evidence.h"

struct mbedtls_ecp_keypair;

#define SAMPLE_LOG_MAX 4096
#define SAMPLE_MONITOR_BASE 0x80000000ULL
#define SAMPLE_FIRMWARE_BASE 0x80100000ULL
#define SAMPLE_KERNEL_BASE 0x80200000ULL
#define SAMPLE_DTB_ADDR 0x82200000ULL
#define SAMPLE_INITRD_ADDR 0x84200000ULL
#define SAMPLE_MEMORY 0x20000000ULL /* 512 MiB */
#define SAMPLE_CRTM_VERSION "Rampart sample"

/* What a boot measures. NULL initrd/cmdline: none. */
struct sample_inputs {
	const uint8_t *monitor;
	size_t monitor_len;
	const uint8_t *firmware;
	size_t firmware_len;
	const uint8_t *kernel; /* the file; measured per measure.h */
	size_t kernel_len;
	const uint8_t *initrd;
	size_t initrd_len;
	const char *cmdline;
	const uint8_t *dtb;
	size_t dtb_len;
	const char *policy;
	const char *policy_config;
	uint32_t policy_id;
	const uint8_t *nonce;
	size_t nonce_len;
};

struct sample {
	struct evidence ev;
	uint8_t log[SAMPLE_LOG_MAX];
	size_t log_len;
	/* the audit chain answer (from 0) whose head ev signs */
	uint8_t chain[AUDIT_CHAIN_ANSWER_MAX];
	size_t chain_len;
};

/* Small built-in inputs: a 200-byte RISC-V Image of image_size 4096, ... */
void sample_default_inputs(struct sample_inputs *in);

/* Measure @in into @s->ev, write the event log and the audit chain (three
 * denied accesses: two reads, one exec). Returns 0 or -1. */
int sample_measure(struct sample *s, const struct sample_inputs *in);

/* Add a TPM quote pair (opaque bytes) to @s. Returns 0 or -1. */
int sample_set_quote(struct sample *s, const uint8_t *quote, size_t qlen,
		     const uint8_t *sig, size_t slen);

/* The sample device's DeviceID key (sample_key index): it certifies the
 * key that seals (sample_seal) as a launcher would (measure/dice.h). */
#define SAMPLE_DEVICEID 3

/* Give @s the alias certificate a launcher would make for @key on the
 * sample device, for the monitor @s measured. Returns 0 or -1. */
int sample_certify(struct sample *s, const struct mbedtls_ecp_keypair *key);

/* Set the log digest from @s->log, add the alias certificate for @key
 * (unless @s has one), encode and sign with @key. Returns 0 or -1. */
int sample_seal(struct sample *s, struct mbedtls_ecp_keypair *key, uint8_t *out,
		size_t size, size_t *len);

/* The fixed test device key (private and public); 0 or -1. */
int sample_key(struct mbedtls_ecp_keypair *key, int which);

/* Write @key's public part as PEM to @path. Returns 0 or -1. */
int sample_write_pubkey(struct mbedtls_ecp_keypair *key, const char *path);

/* Write @len bytes to @path. Returns 0 or -1. */
int sample_write_file(const char *path, const void *buf, size_t len);

#endif
