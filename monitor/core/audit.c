// SPDX-License-Identifier: BSD-2-Clause
#include "audit.h"
#include "../../include/rampart/errno.h"
#include "riscv.h"
#include <string.h>

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

bool audit_add(struct audit_log *log, struct audit_chain_record *r)
{
	u64 n = log->count[AUDIT_TOTAL]++;
	struct audit_kept *k = &log->kept[n % AUDIT_CHAIN_KEEP];
	bool print;

	r->seq = n;
	r->access %= 3;
	k->r = *r;
	memcpy(k->before, log->head, sizeof(k->before));
	audit_chain_step(log->head, r);
	log->count[AUDIT_KIND_READ + r->access]++;
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

static u64 kept_from(const struct audit_log *log)
{
	u64 total = log->count[AUDIT_TOTAL];

	return total > AUDIT_CHAIN_KEEP ? total - AUDIT_CHAIN_KEEP : 0;
}

void audit_state(const struct audit_log *log, struct audit_state *s)
{
	memcpy(s->count, log->count, sizeof(s->count));
	s->kept_from = kept_from(log);
	memcpy(s->head, log->head, sizeof(s->head));
}

unsigned int audit_serialize(const struct audit_log *log, u8 *buf, u64 size,
			     unsigned int max)
{
	u64 total = log->count[AUDIT_TOTAL];
	unsigned int n = 0;

	while (n < max && n < total && n < AUDIT_RECORDS &&
	       (u64)(n + 1) * AUDIT_RECORD_SIZE <= size) {
		const struct audit_chain_record *r =
			&log->kept[(total - 1 - n) % AUDIT_CHAIN_KEEP].r;
		u8 *p = buf + n * AUDIT_RECORD_SIZE;

		measure_put_le(p, r->hart, 4);
		measure_put_le(p + 4, r->access, 4);
		measure_put_le(p + 8, r->addr, 8);
		measure_put_le(p + 16, r->pc, 8);
		n++;
	}
	return n;
}

u64 audit_chain_answer(const struct audit_log *log, u64 from, u8 *buf,
		       u64 size, u64 *needed)
{
	u64 total = log->count[AUDIT_TOTAL], oldest = kept_from(log);
	struct audit_chain_answer a = { .total = total };
	u64 room;

	a.first = from < oldest ? oldest : from > total ? total : from;
	*needed = AUDIT_CHAIN_HEADER_SIZE +
		  (total - a.first) * AUDIT_CHAIN_RECORD_SIZE;
	if (size < AUDIT_CHAIN_HEADER_SIZE)
		return 0;
	room = (size - AUDIT_CHAIN_HEADER_SIZE) / AUDIT_CHAIN_RECORD_SIZE;
	a.count = (u32)(total - a.first < room ? total - a.first : room);
	if (a.first < total)
		memcpy(a.base, log->kept[a.first % AUDIT_CHAIN_KEEP].before,
		       sizeof(a.base));
	else
		memcpy(a.base, log->head, sizeof(a.base));
	audit_chain_put_header(buf, &a);
	for (u32 i = 0; i < a.count; i++)
		audit_chain_put_record(buf + AUDIT_CHAIN_HEADER_SIZE +
					       (u64)i * AUDIT_CHAIN_RECORD_SIZE,
				       &log->kept[(a.first + i) %
						  AUDIT_CHAIN_KEEP].r);
	return AUDIT_CHAIN_HEADER_SIZE + (u64)a.count * AUDIT_CHAIN_RECORD_SIZE;
}

const char *audit_access_name(u32 access)
{
	static const char *const names[] = { "read", "write", "exec" };

	return access < 3 ? names[access] : "?";
}
