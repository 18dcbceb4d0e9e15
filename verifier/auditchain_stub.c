// SPDX-License-Identifier: BSD-2-Clause
/*
 * TEMPORARY STUB (issue 18): stands in for verifier/auditchain.c, the
 * monitor side's audit chain check, until that file is merged. Delete this
 * file (and its name in verifier/build.mk) then; being weak, the real
 * audit_chain_check() wins anyway as soon as both are linked.
 *
 * It verifies nothing: it reads the chain's total (the cursor of attest
 * --watch) and says, as a skip, that the chain was not checked.
 */
#include "verifier.h"

__attribute__((weak)) void audit_chain_check(const struct evidence *ev,
					     const uint8_t *chain, size_t len,
					     const char *path, uint64_t since,
					     uint64_t *next)
{
	uint64_t total = 0;
	int i;

	(void)ev;
	(void)since;
	/* header: "RPAC", version, then total (u64 LE) at offset 8 */
	if (len >= 64 && chain[0] == 'R' && chain[1] == 'P' &&
	    chain[2] == 'A' && chain[3] == 'C')
		for (i = 7; i >= 0; i--)
			total = total << 8 | chain[8 + i];
	if (next)
		*next = total;
	report_add(ST_SKIP, "audit-chain", NULL, NULL,
		   "%s: %zu bytes, not checked: this verifier has no audit "
		   "chain check yet (verifier/auditchain_stub.c)",
		   path, len);
}
