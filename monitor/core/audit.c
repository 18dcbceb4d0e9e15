// SPDX-License-Identifier: BSD-2-Clause
#include "audit.h"
#include "../../include/rampart/errno.h"
#include "riscv.h"

enum audit_access audit_access_of(u64 cause)
{
	switch (cause) {
	case CAUSE_STORE_ACCESS:
	case CAUSE_STORE_PAGE_FAULT:
		return AUDIT_WRITE;
	case CAUSE_FETCH_ACCESS:
	case CAUSE_FETCH_PAGE_FAULT:
		return AUDIT_EXEC;
	default:
		return AUDIT_READ;
	}
}

bool audit_add(struct audit_log *log, const struct audit_record *r)
{
	u64 n = log->count[AUDIT_TOTAL]++;
	bool print;

	log->count[AUDIT_KIND_READ + (r->access % 3)]++;
	log->ring[log->next % AUDIT_RECORDS] = *r;
	log->next = (log->next + 1) % AUDIT_RECORDS;
	print = n < AUDIT_PRINT_BURST || n % AUDIT_PRINT_EVERY == 0;
	if (!print)
		log->count[AUDIT_SUPPRESSED]++;
	return print;
}

int audit_count(const struct audit_log *log, u64 kind, u64 *val)
{
	if (kind >= AUDIT_KINDS)
		return -RAMPART_EINVAL;
	*val = log->count[kind];
	return 0;
}

static void put_le(u8 *p, u64 v, unsigned int bytes)
{
	unsigned int i;

	for (i = 0; i < bytes; i++)
		p[i] = (u8)(v >> (8 * i));
}

unsigned int audit_serialize(const struct audit_log *log, u8 *buf, u64 size,
			     unsigned int max)
{
	u64 have = log->count[AUDIT_TOTAL];
	unsigned int n = 0;

	if (have > AUDIT_RECORDS)
		have = AUDIT_RECORDS;
	if (max > have)
		max = (unsigned int)have;
	while (n < max && (u64)(n + 1) * AUDIT_RECORD_SIZE <= size) {
		u64 slot = (log->next + AUDIT_RECORDS - 1 - n) % AUDIT_RECORDS;
		const struct audit_record *r = &log->ring[slot];
		u8 *p = buf + n * AUDIT_RECORD_SIZE;

		put_le(p, r->hart, 4);
		put_le(p + 4, r->access, 4);
		put_le(p + 8, r->addr, 8);
		put_le(p + 16, r->pc, 8);
		n++;
	}
	return n;
}

const char *audit_access_name(u32 access)
{
	static const char *const names[] = { "read", "write", "exec" };

	return access < 3 ? names[access] : "?";
}
