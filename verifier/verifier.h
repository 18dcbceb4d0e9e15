/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The host verifier (docs/evidence.md; docs/usage.md,
 * "Remote attestation"). Exit status: 0 trusted, 1 not trusted, 2 bad input
 * or usage.
 */
#ifndef RAMPART_VERIFIER_H
#define RAMPART_VERIFIER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../include/rampart/evidence.h"
#include "../include/rampart/evlog.h"
#include "../include/rampart/limits.h"

#define EXIT_TRUSTED 0
#define EXIT_UNTRUSTED 1
#define EXIT_BADINPUT 2

#include "../include/rampart/layout.h"

#define REF_MAX_FILE (1ULL << 30) /* largest file reference reads */

/* ref.json: the longest command line, every byte escaped (\u00XX), and
 * the rest of the file */
#define REF_JSON_MAX (6 * RAMPART_CMDLINE_MAX + 64 * 1024)
#define DIGEST_HEX (2 * MEASURE_DIGEST_SIZE + 1)

/* --- util.c ------------------------------------------------------------- */

/* Print "verifier: MESSAGE" on stderr (and remember it for --json). */
void fail_input(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
const char *last_input_error(void);

/* Read all of @path (at most @max bytes) into a malloc'ed buffer. Returns
 * 0, or -1 after fail_input(). */
int read_file(const char *path, size_t max, uint8_t **buf, size_t *len);

/* Write @len bytes to @path through a temporary file and rename(2), so
 * @path is either the old file or the complete new one. "-": stdout. */
int write_file_atomic(const char *path, const void *buf, size_t len);

void hex_encode(const uint8_t *p, size_t n, char *out);
/* Decode @s (even length, [0-9a-fA-F]) into at most @max bytes; -1 if bad */
long hex_decode(const char *s, uint8_t *out, size_t max);

/* Constant-time comparison: true if equal. */
bool ct_equal(const uint8_t *a, const uint8_t *b, size_t n);

void sha256(const void *p, size_t n, uint8_t out[MEASURE_DIGEST_SIZE]);

/* A decimal count (digits only, no overflow) into @v: 0 or -1. */
int parse_count(const char *s, uint64_t *v);

/* "kernel", "initrd", ... for a measure type (enum measure_type). */
const char *region_name(unsigned int type);

/* --- refjson.c: the reference file (docs/evidence.md) --------------------- */

struct ref_region {
	bool set;    /* the reference says something about it */
	bool absent; /* ... that the evidence must not measure it */
	uint64_t size;
	uint8_t digest[MEASURE_DIGEST_SIZE];
};

struct reference {
	struct ref_region regions[EVIDENCE_REGIONS];
	/* informative, hashes to regions[CMDLINE] */
	char cmdline[RAMPART_CMDLINE_MAX + 1]; /* include/rampart/limits.h */
	bool cmdline_text;
	char policy[EVIDENCE_POLICY_NAME_MAX + 1];
	char policy_config[EVIDENCE_POLICY_CONFIG_MAX + 1];
	bool policy_config_set;
	uint64_t max_audit;	/* the audit budget: blocked accesses allowed */
	bool max_audit_set;
	uint64_t memory_size;	/* DRAM from MONITOR_BASE (QEMU virt) */
	bool memory_size_set;
};

/* Parse ref.json text; 0, or -1 after fail_input(). */
int ref_parse(const char *text, size_t len, struct reference *ref);
/* ref.json text for @ref in a malloc'ed string, or NULL. */
char *ref_format(const struct reference *ref);

/* --- reference.c, check.c ---------------------------------------------- */

/* dtbfacts.c: the evidence's device-tree facts: "memory" against @ref,
 * "reserved", "initrd-range". Returns false if @ref has no memory to
 * compare with (the caller reports it), true otherwise. */
bool dtbfacts_check(const struct evidence *ev, const struct reference *ref);

/* identity.c: the alias certificate in @ev against the DeviceID key
 * @deviceid, its FWID against the measured monitor, and the evidence's
 * signature (@buf, @len) by its key: "identity", "fwid", "signature". */
struct mbedtls_pk_context;
void identity_check(const struct evidence *ev, const uint8_t *buf,
		    size_t len, struct mbedtls_pk_context *deviceid,
		    const char *deviceid_path);

int cmd_reference(int argc, char **argv);
int cmd_check(int argc, char **argv);

/* --- report.c: results ----------------------------------------------------- */

enum status { ST_PASS, ST_FAIL, ST_SKIP, ST_INFO };

void report_add(enum status st, const char *check, const char *expected,
		const char *actual, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
int report_failures(void);
/* A denied firmware access to list with the verdict (audit chain). */
struct audit_chain_record;
void report_denied(const struct audit_chain_record *r);
void report_print(bool json, const struct evidence *ev, const char *path,
		  size_t len, const uint8_t (*pcrs)[MEASURE_DIGEST_SIZE]);
void report_error_json(const char *msg);

/* --- eventlog.c ------------------------------------------------------------ */

/* Check the event log @log (@len bytes, from @path) against @ev; results
 * go to the report. Returns true if it replayed, into @pcrs. */
bool eventlog_check(const struct evidence *ev, const uint8_t *log, size_t len,
		    const char *path,
		    uint8_t pcrs[EVLOG_PCRS][MEASURE_DIGEST_SIZE]);

/* --- auditchain.c ---------------------------------------------------------- */

/*
 * Check the audit chain answer @buf (@len bytes, from @path; docs/sbi.md,
 * AUDIT_CHAIN) against the head and counters @ev signs: it must list every
 * record from @since (or the oldest the monitor keeps) to the signed total
 * and recompute to the signed head. Lists the records from @since with
 * report_denied(); *@next: the cursor for the next attestation (the signed
 * total). Results go to the report ("audit-chain"). Returns true if it
 * passed.
 */
bool audit_chain_check(const struct evidence *ev, const uint8_t *buf,
		       size_t len, const char *path, uint64_t since,
		       uint64_t *next);

/* --- quote.c ------------------------------------------------------------- */

/* Check the TPM quote in @ev against @pcrs (NULL: no event log) and the AK
 * in @ak_path (NULL: none given). Results go to the report. Returns 0, or
 * -1 after fail_input() for an unusable --ak-pubkey. */
int quote_check(const struct evidence *ev,
		const uint8_t (*pcrs)[MEASURE_DIGEST_SIZE],
		const char *ak_path);

#endif
