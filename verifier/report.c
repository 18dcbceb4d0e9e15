// SPDX-License-Identifier: BSD-2-Clause
/*
 * Check results and the verdict: one line per check for people, one JSON
 * object for machines (docs/usage.md, "Remote attestation").
 */
#include "verifier.h"
#include "../include/rampart/audit_chain.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define MAX_RESULTS 96

struct result {
	enum status st;
	char check[32];
	char expected[160];
	char actual[160];
	char detail[400];
};

static struct result results[MAX_RESULTS];
static int nresults;
static int dropped_failures;
/* what the audit chain lists: at most what the monitor keeps */
static struct audit_chain_record denied[AUDIT_CHAIN_KEEP];
static unsigned int ndenied;

static const char *const status_name[] = { "pass", "fail", "skip", "info" };
static const char *const audit_names[EVIDENCE_AUDIT_COUNTERS] = {
	"total", "read", "write", "exec", "suppressed"
};

void report_add(enum status st, const char *check, const char *expected,
		const char *actual, const char *fmt, ...)
{
	struct result *r;
	va_list ap;

	if (nresults == MAX_RESULTS) {
		dropped_failures += st == ST_FAIL;
		return;
	}
	r = &results[nresults++];
	r->st = st;
	snprintf(r->check, sizeof(r->check), "%s", check);
	snprintf(r->expected, sizeof(r->expected), "%s",
		 expected ? expected : "");
	snprintf(r->actual, sizeof(r->actual), "%s", actual ? actual : "");
	va_start(ap, fmt);
	vsnprintf(r->detail, sizeof(r->detail), fmt, ap);
	va_end(ap);
}

void report_denied(const struct audit_chain_record *r)
{
	if (ndenied < AUDIT_CHAIN_KEEP)
		denied[ndenied++] = *r;
}

static const char *access_name(uint32_t access)
{
	static const char *const names[] = { "read", "write", "exec" };

	return access < 3 ? names[access] : "?";
}

int report_failures(void)
{
	int i, n = dropped_failures;

	for (i = 0; i < nresults; i++)
		n += results[i].st == ST_FAIL;
	return n;
}

void report_reset(void)
{
	nresults = 0;
	dropped_failures = 0;
	ndenied = 0;
}

void report_print_denied(void)
{
	unsigned int i;

	for (i = 0; i < ndenied; i++)
		printf("  denied #%llu hart=%u access=%s addr=0x%llx pc=0x%llx "
		       "time=%llu\n",
		       (unsigned long long)denied[i].seq, denied[i].hart,
		       access_name(denied[i].access),
		       (unsigned long long)denied[i].addr,
		       (unsigned long long)denied[i].pc,
		       (unsigned long long)denied[i].time);
	fflush(stdout);
}

/* --- human --------------------------------------------------------------- */

/* Result @i failed and is the first failure of its check's name. */
static bool is_first_failure(int i)
{
	int j;

	if (results[i].st != ST_FAIL)
		return false;
	for (j = 0; j < i; j++)
		if (results[j].st == ST_FAIL &&
		    !strcmp(results[j].check, results[i].check))
			return false;
	return true;
}

static void print_human(const struct evidence *ev, const char *path, size_t len)
{
	int i, fails = report_failures();
	const char *sep = "";

	printf("evidence %s: %zu bytes, format version %u%s\n", path, len,
	       ev->version,
	       ev->flags & EVIDENCE_FLAG_LAUNCH ?
		       ", made at boot (launch nonce)" :
		       ", made on demand (SBI)");
	for (i = 0; i < nresults; i++) {
		const struct result *r = &results[i];

		printf("  %-4s  %-19s %s\n",
		       r->st == ST_FAIL ? "FAIL" : status_name[r->st], r->check,
		       r->detail);
		if (r->expected[0] || r->actual[0])
			printf("        %-19s expected %s\n        %-19s actual   %s\n",
			       "", r->expected, "", r->actual);
	}
	report_print_denied();
	if (!fails) {
		printf("verdict: TRUSTED\n");
		return;
	}
	printf("verdict: NOT TRUSTED (%d failed check%s: ", fails,
	       fails == 1 ? "" : "s");
	for (i = 0; i < nresults; i++) {
		if (!is_first_failure(i))
			continue;
		printf("%s%s", sep, results[i].check);
		sep = ", ";
	}
	printf(")\n");
}

/* --- JSON ---------------------------------------------------------------- */

static void json_str(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			printf("\\%c", *s);
		else if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7f)
			printf("\\u%04x", (unsigned char)*s);
		else
			putchar(*s);
	}
	putchar('"');
}

static void json_hex(const char *key, const uint8_t *p, size_t n, bool comma)
{
	char hex[2 * EVIDENCE_TPM_MAX + 1];

	hex_encode(p, n, hex);
	printf("%s\"%s\":\"%s\"", comma ? "," : "", key, hex);
}

static void json_evidence(const struct evidence *ev)
{
	unsigned int t;

	printf(",\"evidence\":{\"version\":%u,\"flags\":%u", ev->version,
	       ev->flags);
	json_hex("nonce", ev->nonce, ev->nonce_len, true);
	printf(",\"policy\":");
	json_str(ev->policy_name);
	printf(",\"policy_config\":");
	json_str(ev->policy_config);
	printf(",\"policy_id\":%u,\"regions\":{", ev->policy_id);
	for (t = MEASURE_MONITOR; t < EVIDENCE_REGIONS; t++) {
		const struct evidence_region *r = &ev->regions[t];

		printf("%s\"%s\":", t == MEASURE_MONITOR ? "" : ",",
		       region_name(t));
		if (!r->present) {
			printf("null");
			continue;
		}
		printf("{\"base\":%llu,\"size\":%llu",
		       (unsigned long long)r->base,
		       (unsigned long long)r->size);
		json_hex("digest", r->digest, MEASURE_DIGEST_SIZE, true);
		printf("}");
	}
	printf("},\"entry\":{\"pc\":%llu,\"a1\":%llu}",
	       (unsigned long long)ev->entry_pc,
	       (unsigned long long)ev->entry_a1);
	printf(",\"eventlog\":{\"size\":%llu",
	       (unsigned long long)ev->log_size);
	json_hex("digest", ev->log_digest, MEASURE_DIGEST_SIZE, true);
	printf("},\"tpm_quote\":%s}", ev->tpm_quote_len ? "true" : "false");
}

static void json_audit(const struct evidence *ev)
{
	int i;

	printf(",\"audit\":{");
	for (i = 0; i < EVIDENCE_AUDIT_COUNTERS; i++)
		printf("%s\"%s\":%llu", i ? "," : "", audit_names[i],
		       (unsigned long long)ev->audit[i]);
	printf(",\"kept_from\":%llu", (unsigned long long)ev->audit_kept_from);
	json_hex("chain_head", ev->audit_head, MEASURE_DIGEST_SIZE, true);
	printf(",\"denied\":[");
	for (i = 0; i < (int)ndenied; i++)
		printf("%s{\"seq\":%llu,\"hart\":%u,\"access\":\"%s\","
		       "\"addr\":%llu,\"pc\":%llu,\"time\":%llu}",
		       i ? "," : "", (unsigned long long)denied[i].seq,
		       denied[i].hart, access_name(denied[i].access),
		       (unsigned long long)denied[i].addr,
		       (unsigned long long)denied[i].pc,
		       (unsigned long long)denied[i].time);
	printf("]}");
}

static void json_pcrs(const uint8_t (*pcrs)[MEASURE_DIGEST_SIZE])
{
	static const uint8_t zero[MEASURE_DIGEST_SIZE];
	char key[16];
	bool first = true;
	int i;

	printf(",\"pcrs\":{");
	for (i = 0; i < EVLOG_PCRS; i++) {
		if (!memcmp(pcrs[i], zero, sizeof(zero)))
			continue;
		snprintf(key, sizeof(key), "%d", i);
		json_hex(key, pcrs[i], MEASURE_DIGEST_SIZE, !first);
		first = false;
	}
	printf("}");
}

static void print_json(const struct evidence *ev,
		       const uint8_t (*pcrs)[MEASURE_DIGEST_SIZE])
{
	int fails = report_failures(), i;
	const char *sep = "";

	printf("{\"verdict\":\"%s\",\"exit\":%d,\"failed\":[",
	       fails ? "not-trusted" : "trusted",
	       fails ? EXIT_UNTRUSTED : EXIT_TRUSTED);
	for (i = 0; i < nresults; i++) {
		if (!is_first_failure(i))
			continue;
		printf("%s", sep);
		json_str(results[i].check);
		sep = ",";
	}
	printf("],\"checks\":[");
	for (i = 0; i < nresults; i++) {
		const struct result *r = &results[i];

		printf("%s{\"check\":", i ? "," : "");
		json_str(r->check);
		printf(",\"status\":\"%s\",\"detail\":", status_name[r->st]);
		json_str(r->detail);
		if (r->expected[0] || r->actual[0]) {
			printf(",\"expected\":");
			json_str(r->expected);
			printf(",\"actual\":");
			json_str(r->actual);
		}
		printf("}");
	}
	printf("]");
	json_evidence(ev);
	json_audit(ev);
	if (pcrs)
		json_pcrs(pcrs);
	printf("}\n");
}

void report_print(bool json, const struct evidence *ev, const char *path,
		  size_t len, const uint8_t (*pcrs)[MEASURE_DIGEST_SIZE])
{
	if (json)
		print_json(ev, pcrs);
	else
		print_human(ev, path, len);
	fflush(stdout);
}

void report_error_json(const char *msg)
{
	printf("{\"verdict\":\"error\",\"exit\":%d,\"error\":", EXIT_BADINPUT);
	json_str(msg);
	printf("}\n");
	fflush(stdout);
}
