// SPDX-License-Identifier: BSD-2-Clause
/*
 * The audit chain check (docs/evidence.md, "Audit chain"): the records an
 * agent returned must recompute, from their base, to the head the evidence
 * signs, starting no later than the caller asked (or than the oldest record
 * the monitor still lists). A dropped, reordered, altered or invented
 * record breaks the hash; a trimmed start breaks the cursor rule.
 */
#include "verifier.h"
#include "../include/rampart/audit_chain.h"
#include <stdio.h>
#include <string.h>

static const char CHECK[] = "audit-chain";

/* The records with seq in [since, signed total): the new denied accesses. */
static void list_new(const uint8_t *buf, const struct audit_chain_answer *a,
		     uint64_t since, uint64_t total)
{
	uint32_t i;

	for (i = 0; i < a->count && a->first + i < total; i++) {
		struct audit_chain_record r;

		audit_chain_get_record(buf + AUDIT_CHAIN_HEADER_SIZE +
					       (size_t)i * AUDIT_CHAIN_RECORD_SIZE,
				       &r);
		if (r.seq >= since)
			report_denied(&r);
	}
}

bool audit_chain_check(const struct evidence *ev, const uint8_t *buf,
		       size_t len, const char *path, uint64_t since,
		       uint64_t *next)
{
	uint64_t total = ev->audit[0];
	uint64_t start = since > ev->audit_kept_from ? since : ev->audit_kept_from;
	struct audit_chain_answer a;
	uint8_t head[MEASURE_DIGEST_SIZE];
	char want[64], got[64];
	const char *why = NULL;
	uint32_t i;

	*next = total;
	if (start > total)
		start = total;
	if (audit_chain_parse(buf, len, &a, &why)) {
		report_add(ST_FAIL, CHECK, NULL, NULL, "%s: %s", path, why);
		return false;
	}
	if (a.total < total || a.first > start) {
		snprintf(want, sizeof(want), "records from %llu",
			 (unsigned long long)start);
		snprintf(got, sizeof(got), "from %llu of %llu",
			 (unsigned long long)a.first,
			 (unsigned long long)a.total);
		report_add(ST_FAIL, CHECK, want, got,
			   "%s starts after the records asked for (trimmed, "
			   "or rolled over since: attest again)", path);
		return false;
	}
	if (a.first + a.count < total) {
		snprintf(want, sizeof(want), "%llu records",
			 (unsigned long long)total);
		snprintf(got, sizeof(got), "%llu",
			 (unsigned long long)a.first + a.count);
		report_add(ST_FAIL, CHECK, want, got,
			   "%s stops before the head the evidence signs", path);
		return false;
	}
	memcpy(head, a.base, sizeof(head));
	for (i = 0; a.first + i < total; i++) {
		struct audit_chain_record r;

		audit_chain_get_record(buf + AUDIT_CHAIN_HEADER_SIZE +
					       (size_t)i * AUDIT_CHAIN_RECORD_SIZE,
				       &r);
		audit_chain_step(head, &r);
	}
	if (!ct_equal(head, ev->audit_head, sizeof(head))) {
		hex_encode(ev->audit_head, 8, want);
		hex_encode(head, 8, got);
		report_add(ST_FAIL, CHECK, want, got,
			   "%s does not chain to the signed head: a record was "
			   "dropped, reordered or altered", path);
		return false;
	}
	list_new(buf, &a, since, total);
	report_add(ST_PASS, CHECK, NULL, NULL,
		   "%llu denied access%s chained to the signed head; %llu new "
		   "since %llu listed%s",
		   (unsigned long long)total, total == 1 ? "" : "es",
		   (unsigned long long)(total - start),
		   (unsigned long long)since,
		   start > since ? ", older ones summarised by the monitor "
				   "(counted, not listed)" : "");
	return true;
}
