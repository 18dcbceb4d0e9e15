/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The audit chain: every firmware access the monitor denied, in order,
 * hashed into one value the evidence signs, so a verifier given the
 * records can tell a complete log from a trimmed, reordered or altered
 * one (docs/evidence.md, "Audit chain"). Shared by the monitor (append,
 * answer SBI AUDIT_CHAIN) and the verifier (parse, recompute).
 *
 *   head(-1) = 32 zero bytes
 *   head(n)  = SHA-256(head(n - 1) || SHA-256(record n))  (record: 40 bytes)
 *
 * which is a TPM PCR extend: with a TPM the monitor extends
 * AUDIT_CHAIN_PCR with SHA-256 of each record, in order, so the PCR and
 * the head are equal, and a quote vouches for the chain too.
 */
#ifndef RAMPART_AUDIT_CHAIN_H
#define RAMPART_AUDIT_CHAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "measure.h"

#define AUDIT_CHAIN_PCR 15 /* OS-defined (TCG PC Client: 8-15), unused by
			    * U-Boot's layout and by this monitor's log */
#define AUDIT_CHAIN_MAGIC "RPAC"
#define AUDIT_CHAIN_VERSION 1
#define AUDIT_CHAIN_HEADER_SIZE 64
#define AUDIT_CHAIN_RECORD_SIZE 40
/* records the monitor keeps itself; older ones are summarised by the
 * signed (total, kept_from, head) and the per-kind counters */
#define AUDIT_CHAIN_KEEP 128
#define AUDIT_CHAIN_ANSWER_MAX \
	(AUDIT_CHAIN_HEADER_SIZE + AUDIT_CHAIN_KEEP * AUDIT_CHAIN_RECORD_SIZE)

/* One denied access: wire layout, little-endian, in this order. */
struct audit_chain_record {
	uint64_t seq;	/* 0, 1, ...: its place in the chain */
	uint32_t hart;
	uint32_t access; /* 0 read, 1 write, 2 exec */
	uint64_t addr;	/* what the firmware tried to reach */
	uint64_t pc;	/* the firmware's pc */
	uint64_t time;	/* timer ticks (mtime) when it was denied */
};

/* The answer to SBI AUDIT_CHAIN (docs/sbi.md): its 64-byte header. */
struct audit_chain_answer {
	uint64_t total;	/* records ever appended: the next seq */
	uint64_t first;	/* seq of the first record that follows */
	uint32_t count;	/* records that follow */
	uint8_t base[MEASURE_DIGEST_SIZE]; /* head(first - 1) */
};

void audit_chain_put_record(uint8_t out[AUDIT_CHAIN_RECORD_SIZE],
			    const struct audit_chain_record *r);
void audit_chain_get_record(const uint8_t in[AUDIT_CHAIN_RECORD_SIZE],
			    struct audit_chain_record *r);

/* SHA-256 of the record's wire bytes: what the PCR is extended with */
void audit_chain_digest(const struct audit_chain_record *r,
			uint8_t digest[MEASURE_DIGEST_SIZE]);

/* head = SHA-256(head || audit_chain_digest(r)) */
void audit_chain_step(uint8_t head[MEASURE_DIGEST_SIZE],
		      const struct audit_chain_record *r);

void audit_chain_put_header(uint8_t out[AUDIT_CHAIN_HEADER_SIZE],
			    const struct audit_chain_answer *a);

/*
 * Parse the answer in @buf (@len bytes exactly): magic, version, record
 * size, count against @len, first + count <= total, records numbered
 * first, first + 1, ... Returns 0 (records at @buf +
 * AUDIT_CHAIN_HEADER_SIZE), or -1 with @why naming the first problem.
 */
int audit_chain_parse(const uint8_t *buf, size_t len,
		      struct audit_chain_answer *a, const char **why);

#endif
