/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * TCG crypto-agile event log, SHA-256 only (TCG PC Client Platform Firmware
 * Profile 1.05, 10.2): a TCG_PCR_EVENT carrying the "Spec ID Event03"
 * structure, then TCG_PCR_EVENT2 records. Little-endian throughout. Shared
 * by the monitor (writes it) and the verifier (parses and replays it);
 * docs/evidence.md lists the events Rampart logs.
 */
#ifndef RAMPART_EVLOG_H
#define RAMPART_EVLOG_H

#include <stddef.h>
#include <stdint.h>

#include "measure.h"

#define EVLOG_PCRS 24
#define EVLOG_DIGEST_SIZE 32
#define EVLOG_ALG_SHA256 0x000B /* TPM_ALG_SHA256 */

/* Size of the Spec ID event (TCG_PCR_EVENT with its 33-byte body) */
#define EVLOG_HEADER_SIZE 65
/* Size of a TCG_PCR_EVENT2 record without its event data */
#define EVLOG_EVENT_SIZE 50

/* Event types (TCG PC Client PFP, table 9) */
#define EV_POST_CODE 0x00000001
#define EV_NO_ACTION 0x00000003
#define EV_SEPARATOR 0x00000004
#define EV_EVENT_TAG 0x00000006
#define EV_S_CRTM_VERSION 0x00000008
#define EV_PLATFORM_CONFIG_FLAGS 0x0000000A
#define EV_TABLE_OF_DEVICES 0x0000000B
#define EV_COMPACT_HASH 0x0000000C

/* Rampart's separator: 4 zero bytes (PFP 10.4.1: 0 = no error) */
#define EVLOG_SEPARATOR_PCRS 8
#define EVLOG_SEPARATOR_SIZE 4

/*
 * How a measured region (enum measure_type) is logged: PCR, event type and
 * event data (a NUL-terminated label, as U-Boot's bootm_measure writes
 * "linux", "initrd", "dts", "bootargs"). docs/evidence.md has the table.
 */
struct evlog_region_event {
	uint32_t pcr;
	uint32_t type;
	const char *label;
};

/* A log being written into a caller's buffer. */
struct evlog {
	uint8_t *buf;
	size_t size;
	size_t len;
};

/* One TCG_PCR_EVENT2 record; the pointers point into the parsed log. */
struct evlog_event {
	size_t offset; /* of the record in the log */
	uint32_t pcr;
	uint32_t type;
	const uint8_t *digest; /* EVLOG_DIGEST_SIZE bytes */
	const uint8_t *data;
	uint32_t data_len;
};

/*
 * Start a log in @buf (@size bytes) with the Spec ID event. Returns 0, or
 * -RAMPART_ENOSPC if @size < EVLOG_HEADER_SIZE (@log is then empty and
 * every append fails).
 */
int evlog_init(struct evlog *log, uint8_t *buf, size_t size);

/*
 * Append a TCG_PCR_EVENT2 (@pcr, @event_type, SHA-256 @digest, @data_len
 * bytes of @data). Returns 0, -RAMPART_EINVAL (PCR >= 24, uninitialised
 * log, NULL data with a length), or -RAMPART_ENOSPC; on failure nothing
 * is written.
 */
int evlog_append(struct evlog *log, uint32_t pcr, uint32_t event_type,
		 const uint8_t digest[EVLOG_DIGEST_SIZE], const void *data,
		 uint32_t data_len);

/*
 * Append an event whose digest is SHA-256 of its own data (U-Boot's
 * tcg2_measure_event: EV_S_CRTM_VERSION, EV_SEPARATOR). Returns as
 * evlog_append; @digest_out (may be NULL) receives the digest, for the
 * TPM extend.
 */
int evlog_append_data(struct evlog *log, uint32_t pcr, uint32_t event_type,
		      const void *data, uint32_t data_len,
		      uint8_t digest_out[EVLOG_DIGEST_SIZE]);

/* The log entry for measure type @measure_type, or NULL if none. */
const struct evlog_region_event *evlog_region_event(uint32_t measure_type);

/*
 * Append the event for region @measure_type whose measure_region digest
 * is @digest. Returns as evlog_append, -RAMPART_EINVAL for an unknown
 * type.
 */
int evlog_append_region(struct evlog *log, uint32_t measure_type,
			const uint8_t digest[EVLOG_DIGEST_SIZE]);

/*
 * Close PCRs 0-7 with EV_SEPARATOR events (U-Boot's
 * tcg2_measurement_term), all or none. @digest_out (may be NULL) gets the
 * digest to extend each of those PCRs with. Returns as evlog_append.
 */
int evlog_append_separators(struct evlog *log,
			    uint8_t digest_out[EVLOG_DIGEST_SIZE]);

/* Bytes used so far: what linux,sml-size must say. */
size_t evlog_len(const struct evlog *log);

/* Called for each TCG_PCR_EVENT2 in order; non-zero stops the parse. */
typedef int (*evlog_fn)(const struct evlog_event *ev, void *arg);

/*
 * Walk the log in @buf (exactly @len bytes: trailing bytes are an error),
 * checking the Spec ID event (SHA-256 as the only algorithm) and every
 * record against @len before reading it. Calls @fn (may be NULL) for each
 * record. Returns the number of records, -RAMPART_EINVAL for a malformed
 * log, or the first non-zero value @fn returned.
 */
int evlog_parse(const uint8_t *buf, size_t len, evlog_fn fn, void *arg);

/*
 * Replay the log into @pcrs (from zeros: new = SHA-256(old || digest);
 * EV_NO_ACTION records are not extended). Returns the number of records,
 * or -RAMPART_EINVAL for a malformed log (@pcrs then undefined).
 */
int evlog_replay(const uint8_t *buf, size_t len,
		 uint8_t pcrs[EVLOG_PCRS][EVLOG_DIGEST_SIZE]);

#endif
