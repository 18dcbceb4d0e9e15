/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The audit log of blocked firmware accesses: counters that never lose an
 * event, the audit chain (include/rampart/audit_chain.h) with its most
 * recent records, and the console rate limit. Pure but for the lock:
 * every call on a log shared by harts goes between audit_lock and
 * audit_unlock, so readers see the counters, the head and the records of
 * one instant.
 */
#ifndef RAMPART_AUDIT_H
#define RAMPART_AUDIT_H

#include "../../include/rampart/types.h"
#include "../../include/rampart/audit_chain.h"

enum audit_access { AUDIT_READ = 0, AUDIT_WRITE = 1, AUDIT_EXEC = 2 };

/* Counter kinds, as the SBI extension numbers them (docs/sbi.md): the
 * total, one per access (AUDIT_KIND_READ + access), the unprinted. */
enum audit_kind {
	AUDIT_TOTAL = 0,
	AUDIT_KIND_READ = 1 + AUDIT_READ,
	AUDIT_KIND_WRITE = 1 + AUDIT_WRITE,
	AUDIT_KIND_EXEC = 1 + AUDIT_EXEC,
	AUDIT_SUPPRESSED = 4,
	AUDIT_KINDS = 5,
};

#define AUDIT_RECORDS 16	/* SBI AUDIT_RECORDS: the newest, at most */
#define AUDIT_PRINT_BURST 32	/* print every one of the first events */
#define AUDIT_PRINT_EVERY 1024	/* then one in this many */
#define AUDIT_RECORD_SIZE 24	/* AUDIT_RECORDS' wire size, docs/sbi.md */

struct audit_kept {
	struct audit_chain_record r;
	u8 before[MEASURE_DIGEST_SIZE]; /* the chain's head before it */
};

struct audit_log {
	u32 lock;
	u64 count[AUDIT_KINDS];	/* count[AUDIT_TOTAL]: the next seq */
	u8 head[MEASURE_DIGEST_SIZE];
	struct audit_kept kept[AUDIT_CHAIN_KEEP]; /* seq % AUDIT_CHAIN_KEEP */
};

/* What the evidence signs of the log, read at one instant. */
struct audit_state {
	u64 count[AUDIT_KINDS];
	u64 kept_from;	/* oldest seq still listed; older: summarised */
	u8 head[MEASURE_DIGEST_SIZE];
};

static inline void audit_lock(struct audit_log *log)
{
	while (__atomic_exchange_n(&log->lock, 1, __ATOMIC_ACQUIRE))
		;
}

static inline void audit_unlock(struct audit_log *log)
{
	__atomic_store_n(&log->lock, 0, __ATOMIC_RELEASE);
}

/* Map a trap cause (load/store/fetch access fault) to an access kind. */
enum audit_access audit_access_of(u64 cause);

/* Append @r (its seq is set here) to the chain, count it. Returns true if
 * its console line should be printed (the rate limit). */
bool audit_add(struct audit_log *log, struct audit_chain_record *r);

/* Counter @kind into @val: 0, or -RAMPART_EINVAL for an unknown kind. */
int audit_count(const struct audit_log *log, u64 kind, u64 *val);

void audit_state(const struct audit_log *log, struct audit_state *s);

/*
 * Serialise up to @max most recent records, newest first, into @buf of
 * @size bytes (docs/sbi.md, AUDIT_RECORDS). Returns the number written.
 */
unsigned int audit_serialize(const struct audit_log *log, u8 *buf, u64 size,
			     unsigned int max);

/*
 * The chain's answer from seq @from on (docs/sbi.md, AUDIT_CHAIN) into
 * @buf of @size bytes: the header and as many records as fit. Records
 * older than the oldest kept start at the oldest kept. Returns the bytes
 * written, or 0 if @size cannot hold the header (@needed: what would hold
 * every record from there).
 */
u64 audit_chain_answer(const struct audit_log *log, u64 from, u8 *buf,
		       u64 size, u64 *needed);

/* Access kind's name for the console line: "read", "write", "exec". */
const char *audit_access_name(u32 access);

#endif
