/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The audit log of blocked firmware accesses: counters that never lose an
 * event, the most recent records, and the console rate limit. Pure; the
 * caller serialises harts (one lock around audit_add).
 */
#ifndef RAMPART_AUDIT_H
#define RAMPART_AUDIT_H

#include "../../include/rampart/types.h"

enum audit_access { AUDIT_READ = 0, AUDIT_WRITE = 1, AUDIT_EXEC = 2 };

/* Counter kinds, as the SBI extension numbers them (docs/sbi.md). */
enum audit_kind {
	AUDIT_TOTAL = 0,
	AUDIT_KIND_READ = 1,
	AUDIT_KIND_WRITE = 2,
	AUDIT_KIND_EXEC = 3,
	AUDIT_SUPPRESSED = 4,
	AUDIT_KINDS = 5,
};

#define AUDIT_RECORDS 16
#define AUDIT_PRINT_BURST 32	/* print every one of the first events */
#define AUDIT_PRINT_EVERY 1024	/* then one in this many */
#define AUDIT_RECORD_SIZE 24	/* wire size, docs/sbi.md */

struct audit_record {
	u32 hart;
	u32 access;	/* enum audit_access */
	u64 addr;
	u64 pc;
};

struct audit_log {
	u64 count[AUDIT_KINDS];
	struct audit_record ring[AUDIT_RECORDS];
	u64 next;	/* ring slot for the next record */
};

/* Map a trap cause (load/store/fetch access fault) to an access kind. */
enum audit_access audit_access_of(u64 cause);

/* Record one blocked access. Returns true if it should be printed. */
bool audit_add(struct audit_log *log, const struct audit_record *r);

/* Counter @kind into @val: 0, or -RAMPART_EINVAL for an unknown kind. */
int audit_count(const struct audit_log *log, u64 kind, u64 *val);

/*
 * Serialise up to @max most recent records, newest first, into @buf of
 * @size bytes (docs/sbi.md layout). Returns the number written.
 */
unsigned int audit_serialize(const struct audit_log *log, u8 *buf, u64 size,
			     unsigned int max);

/* Access kind's name for the console line: "read", "write", "exec". */
const char *audit_access_name(u32 access);

#endif
