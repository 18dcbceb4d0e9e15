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
#include "../lib/hex.h"

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

/* Decode @s (even length, [0-9a-fA-F]) into at most @max bytes; -1 if bad */
long hex_decode(const char *s, uint8_t *out, size_t max);

/* Constant-time comparison: true if equal. */
bool ct_equal(const uint8_t *a, const uint8_t *b, size_t n);

void sha256(const void *p, size_t n, uint8_t out[MEASURE_DIGEST_SIZE]);

/* Before a getopt_long scan of @argv: getopt reset (from argv[1], no
 * messages of its own); true if --json is among the arguments, known
 * before any error the scan may stop at, so that one is JSON too. */
bool getopt_begin(int argc, char **argv);

/* An option whose argument is kept as given (a file, a name). */
struct string_option {
	int c;		 /* its value from getopt_long */
	const char **to; /* where optarg goes */
};

/* If @c is one of the @n options in @opts: its optarg stored, true. */
bool string_option(const struct string_option *opts, size_t n, int c);
#define STRING_OPTION(opts, c) \
	string_option(opts, sizeof(opts) / sizeof(*(opts)), c)

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

/* check.c: how to check (what `check` and `attest` share). */
struct check_config {
	const char *ref, *pubkey, *ak; /* files: ref.json, DeviceID, AK */
	bool json;
	bool quiet;	/* run the checks, print nothing (attest --watch) */
	bool max_audit_set;
	uint64_t max_audit;
	bool skip[9];	/* by the index of CHECK_SKIP_NAMES */
};
#define CHECK_SKIP_NAMES                                                     \
	"monitor, firmware, initrd, cmdline, policy-config, max-audit, "    \
	"eventlog, memory or audit-chain"

/* check.c: the device's answer, in memory. A part that is NULL was not
 * given: with a *_missing reason it is reported as failed (unless
 * skipped), without one as `check` reports a missing option. */
struct check_data {
	const uint8_t *evidence;
	size_t evidence_len;
	const char *evidence_name;	/* a path or URL, for the report */
	const uint8_t *nonce;		/* the nonce this check asked for */
	size_t nonce_len;
	const uint8_t *log;		/* the TCG event log, or */
	const char *log_path;		/* ... a file to read it from */
	size_t log_len;
	const char *log_name, *log_missing;
	const uint8_t *chain;		/* the audit chain answer (issue 18) */
	size_t chain_len;
	const char *chain_name, *chain_missing;
	uint64_t chain_since;		/* report records from this one on */
	uint64_t *chain_next;		/* out: the chain's total */
};

/* The options check and attest share, for their getopt_long tables. */
#define CHECK_CONFIG_OPTIONS                                  \
	{ "ref", required_argument, NULL, 'r' },              \
	{ "pubkey", required_argument, NULL, 'k' },           \
	{ "ak-pubkey", required_argument, NULL, 'a' },        \
	{ "skip", required_argument, NULL, 's' },             \
	{ "json", no_argument, NULL, 'j' },                   \
	{ "max-audit", required_argument, NULL, 'm' }
/* getopt_long's @c, if one of CHECK_CONFIG_OPTIONS, into @c: 1, or -1 and
 * @why if its value is refused; 0 if it is not one of them. */
int check_config_option(struct check_config *c, int opt, const char **why);
/* Every check on @d; prints the report (unless c->quiet). Returns
 * EXIT_TRUSTED, EXIT_UNTRUSTED, or EXIT_BADINPUT after fail_input(). */
int check_buffers(const struct check_config *c, const struct check_data *d);

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

/* --- report.c (attest --watch) -------------------------------------------- */

/* Forget every result: the next evaluation starts empty. */
void report_reset(void);
/* Print the denied accesses listed (report_denied), as the report does. */
void report_print_denied(void);

/* --- http.c: the HTTP/1.0 client of `attest` --------------------------------- */

struct http_url {
	char host[254]; /* a name or an IPv4 address */
	unsigned int port;
};

struct http_response {
	int status;
	const uint8_t *body; /* inside the buffer parsed */
	size_t len;
};

/* "http://HOST[:PORT][/]" into @u: 0, or -1 with @why. */
int http_parse_url(const char *url, struct http_url *u, const char **why);
/* A whole answer (head, blank line, body to the end of @buf) into @r:
 * 0, or -1 with @why (no status line, a head over 8 KiB, a body that
 * is not Content-Length long). */
int http_parse_response(const uint8_t *buf, size_t len,
			struct http_response *r, const char **why);
/* The first line of @r's body, printable ASCII, NUL-terminated. */
void http_reason(const struct http_response *r, char *out, size_t size);
/* GET @target from @u within @timeout_s seconds, a body of at most @max
 * bytes. The answer is read into *@raw (malloc'ed: free it, whatever the
 * result) and parsed into @r. Returns 0 (any HTTP status), or -1 with
 * @err (DNS, connect, timeout, size, malformed answer). */
int http_get(const struct http_url *u, const char *target, int timeout_s,
	     size_t max, uint8_t **raw, struct http_response *r, char *err,
	     size_t errsz);

/* --- attest.c ----------------------------------------------------------------- */

int cmd_attest(int argc, char **argv);

#endif
