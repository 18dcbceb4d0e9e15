/* SPDX-License-Identifier: BSD-2-Clause */
/* The event log and signed evidence the monitor produces (docs/evidence.md). */
#ifndef RAMPART_ATTEST_H
#define RAMPART_ATTEST_H

#include "../../include/rampart/types.h"

/* Once at boot, before any signing: the allocator pool, and the alias key
 * and certificate the launcher left in the monitor region (wiped there).
 * Returns 0, or a negative error (no usable identity: nothing is signed). */
int attest_init(void);

/*
 * After boot_measure_payload(): write the TCG event log into the payload
 * region, then the launch evidence (signed, with the launch nonce if one
 * was given) next to it, and print both on the console for the host.
 * Returns 0 or a negative error with @why set.
 */
int attest_boot(const u8 *nonce, u32 nonce_len, u32 policy_id,
		const char *policy_name, const char *policy_config,
		const char **why);

/*
 * Fresh evidence with the caller's @nonce and the audit counters as they
 * are now, into @out (@size bytes). Returns its length, or a negative SBI
 * error code (docs/sbi.md) with @needed set when @out is too small.
 */
long attest_evidence(const u8 *nonce, u32 nonce_len, u8 *out, u64 size,
		     u64 *needed);

/* The TCG event log attest_boot wrote, and its length; NULL before. */
const u8 *attest_event_log(u64 *len);

#endif
