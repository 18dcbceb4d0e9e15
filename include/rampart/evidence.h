/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Rampart evidence: a versioned, little-endian, length-prefixed report of
 * what the monitor measured, signed with the device key. Layout, tag table
 * and validation rules: docs/evidence.md. Shared by the monitor (encode,
 * sign) and the verifier (parse); portable and freestanding.
 *
 *   header   "RPEV", u16 version, u16 flags, u32 body length,
 *            u16 signature algorithm, u16 reserved            (16 bytes)
 *   body     TLVs: u16 tag, u16 reserved, u32 length, value padded
 *            with zeros to 8 bytes; tags strictly ascending
 *   trailer  u32 signature length, u32 reserved, DER ECDSA signature
 *            over SHA-256(header || body)
 */
#ifndef RAMPART_EVIDENCE_H
#define RAMPART_EVIDENCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "limits.h"
#include "measure.h"

struct mbedtls_ecp_keypair;

#define EVIDENCE_MAGIC "RPEV"
/* 2: signed by the alias key, carries its certificate;
 * 3: the audit field carries the audit chain (audit_chain.h) */
#define EVIDENCE_VERSION 3
#define EVIDENCE_HEADER_SIZE 16
#define EVIDENCE_TLV_HEADER_SIZE 8
#define EVIDENCE_TRAILER_SIZE 8
#define EVIDENCE_SIG_ECDSA_P256_SHA256 1
#define EVIDENCE_SIG_MIN 8     /* DER SEQUENCE of two 1-byte INTEGERs */
#define EVIDENCE_SIG_MAX 72    /* DER SEQUENCE of two 33-byte INTEGERs */
#define EVIDENCE_MAX_SIZE 4096 /* what the Linux driver reads */

#define EVIDENCE_FLAG_LAUNCH 0x0001 /* made at boot, launch nonce */
#define EVIDENCE_FLAGS_KNOWN EVIDENCE_FLAG_LAUNCH

#define EVIDENCE_NONCE_MAX RAMPART_NONCE_MAX
#define EVIDENCE_POLICY_NAME_MAX 32
#define EVIDENCE_POLICY_CONFIG_MAX 256
#define EVIDENCE_TPM_MAX 512 /* a P-256 quote is ~150, its signature ~72 */
#define EVIDENCE_CERT_MAX 768 /* measure/dice_blob.h: DICE_CERT_MAX */
#define EVIDENCE_AUDIT_COUNTERS 5 /* total, read, write, exec, unprinted */

/* Body tags. 1..8 are the measured regions, equal to enum measure_type. */
enum evidence_tag {
	EVIDENCE_TAG_NONCE = 0x10,
	EVIDENCE_TAG_EVENT_LOG = 0x11,
	EVIDENCE_TAG_AUDIT = 0x12,
	EVIDENCE_TAG_TPM_QUOTE = 0x20,	   /* TPMS_ATTEST, marshalled */
	EVIDENCE_TAG_TPM_SIGNATURE = 0x21, /* TPMT_SIGNATURE, marshalled */
	EVIDENCE_TAG_ALIAS_CERT = 0x30,	   /* X.509 DER: the signing key's */
	EVIDENCE_TAG_DTB_FACTS = 0x31,	   /* struct evidence_dtb */
};

#define EVIDENCE_DTB_MEMORY 2	/* /memory ranges carried */
#define EVIDENCE_DTB_RESERVED 8	/* /reserved-memory ranges carried */
#define EVIDENCE_DTB_NO_MAP 1	/* evidence_range.flags */

struct evidence_range {
	uint64_t base;
	uint64_t size;
	uint64_t flags;
};

/*
 * What the measured device tree tells the kernel about memory, read by the
 * monitor from the tree it hashed, so a verifier can judge it against a
 * reference without the tree itself: the /memory ranges, the
 * /reserved-memory ranges (EVIDENCE_DTB_NO_MAP if no-map), the initrd's
 * place. A tree with more ranges than carried sets @truncated.
 */
struct evidence_dtb {
	bool present;
	bool truncated;
	uint32_t memory_count;
	struct evidence_range memory[EVIDENCE_DTB_MEMORY];
	uint32_t reserved_count;
	struct evidence_range reserved[EVIDENCE_DTB_RESERVED];
	uint64_t initrd_start, initrd_end; /* 0, 0: none */
};

#define EVIDENCE_REGIONS 9 /* regions[] index: enum measure_type */

/* A measured region: the header measure_region hashed, and the digest. */
struct evidence_region {
	bool present;
	uint64_t base;
	uint64_t size;
	uint8_t digest[MEASURE_DIGEST_SIZE];
};

struct evidence {
	uint16_t version; /* parse output; encode writes EVIDENCE_VERSION */
	uint16_t flags;
	uint8_t nonce[EVIDENCE_NONCE_MAX];
	uint32_t nonce_len;
	/* [MEASURE_MONITOR..MEASURE_ENTRY]; [0] unused. Required: all but
	 * initrd and cmdline (absent when the device tree names none). */
	struct evidence_region regions[EVIDENCE_REGIONS];
	/* MEASURE_POLICY: the policy the monitor runs (id as in SBI GET_INFO)
	 * and its configuration; the region hashes evidence_policy_text(). */
	uint32_t policy_id;
	char policy_name[EVIDENCE_POLICY_NAME_MAX + 1];
	char policy_config[EVIDENCE_POLICY_CONFIG_MAX + 1];
	/* MEASURE_ENTRY: the two u64 the region hashes */
	uint64_t entry_pc;
	uint64_t entry_a1;
	/* SHA-256 of the TCG event log bytes, and their number */
	uint8_t log_digest[MEASURE_DIGEST_SIZE];
	uint64_t log_size;
	uint64_t audit[EVIDENCE_AUDIT_COUNTERS];
	/* the audit chain: its head after audit[0] records, and the oldest
	 * record the monitor still lists (older ones: summarised) */
	uint64_t audit_kept_from;
	uint8_t audit_head[MEASURE_DIGEST_SIZE];
	/* optional TPM2_Quote: both or neither */
	uint32_t tpm_quote_len;
	uint8_t tpm_quote[EVIDENCE_TPM_MAX];
	uint32_t tpm_sig_len;
	uint8_t tpm_sig[EVIDENCE_TPM_MAX];
	/* parse output: the device signature (DER) */
	/* the alias certificate (DICE): its key signs; optional to the
	 * parser, required by the verifier */
	uint32_t cert_len;
	uint8_t cert[EVIDENCE_CERT_MAX];

	struct evidence_dtb dtb;

	uint32_t sig_len;
	uint8_t sig[EVIDENCE_SIG_MAX];
};

/*
 * The policy's measured text: its name, or name, one space, configuration
 * when the configuration is not empty ("protect", "protect dma=deny").
 * Writes at most @size bytes (NUL-terminated) and returns the text's
 * length without the NUL, or -RAMPART_ENOSPC.
 */
int evidence_policy_text(const struct evidence *ev, char *out, size_t size);

/*
 * Encode @ev (header and body: the signed part) into @out (@size bytes).
 * Returns 0 and the length in @len, -RAMPART_EINVAL if @ev is incomplete
 * or out of range (docs/evidence.md), or -RAMPART_ENOSPC.
 */
int evidence_encode(const struct evidence *ev, uint8_t *out, size_t size,
		    size_t *len);

/*
 * Sign the @signed_len encoded bytes at @buf with @key (deterministic
 * ECDSA P-256, RFC 6979) and append the trailer. Returns 0 and the whole
 * evidence length in @total, -RAMPART_ENOSPC if @size cannot hold it, or
 * -RAMPART_EINVAL if mbedTLS fails (bad key).
 */
int evidence_sign(struct mbedtls_ecp_keypair *key, uint8_t *buf,
		  size_t signed_len, size_t size, size_t *total);

/*
 * Load the raw 32-byte big-endian private scalar @d into @key (P-256),
 * checking its range. @key must have been mbedtls_ecp_keypair_init'ed.
 * Returns 0 or -RAMPART_EINVAL.
 */
int evidence_key_init(struct mbedtls_ecp_keypair *key, const uint8_t d[32]);

/*
 * Locate the signed part and the signature of the evidence in @buf (@len
 * bytes exactly), checking only the header and the trailer. Returns 0, or
 * -RAMPART_EINVAL with @why (may be NULL) saying what is wrong.
 */
int evidence_split(const uint8_t *buf, size_t len, size_t *signed_len,
		   const uint8_t **sig, size_t *sig_len, const char **why);

/*
 * Parse and validate the whole evidence in @buf (@len bytes exactly) into
 * @ev: magic, version, flags, every length, tag order (no duplicates, no
 * unknown tags), value sizes and ranges, required fields, zero padding
 * and reserved fields, the DER shape of the signature. Does not check the
 * signature itself. Returns 0, or -RAMPART_EINVAL with @why (may be NULL)
 * naming the first problem.
 */
int evidence_parse(const uint8_t *buf, size_t len, struct evidence *ev,
		   const char **why);

#endif
