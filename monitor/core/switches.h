/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * World switches into the firmware, counted by cause, and the payload traps
 * the monitor answers in place (no switch) by the same causes: each hart
 * counts its own (one table in its struct hart, written only by that
 * hart), and the SWITCHES call of Rampart's SBI extension sums them
 * (docs/sbi.md).
 */
#ifndef RAMPART_SWITCHES_H
#define RAMPART_SWITCHES_H

#include "../../include/rampart/types.h"

/* A cause's key: kind << 32 | code (docs/sbi.md, SWITCHES). */
#define SWITCH_ECALL 1		/* code: the SBI extension ID (a7) */
#define SWITCH_EXCEPTION 2	/* code: mcause */
#define SWITCH_INTERRUPT 3	/* code: mcause without its interrupt bit */
#define SWITCH_IN_PLACE 3	/* added to the kinds above (4, 5, 6): the
				 * same causes answered by the monitor */
#define SWITCH_OTHER 0xff	/* causes beyond a table's room: code 0
				 * switches, code 1 answered in place */
#define SWITCH_KEY(kind, code) ((u64)(kind) << 32 | (u32)(code))
/* @key's cause, answered in place instead of by a switch. */
#define SWITCH_IN_PLACE_KEY(key) ((key) + ((u64)SWITCH_IN_PLACE << 32))

#define SWITCH_SLOTS 16		/* causes a hart tells apart, OTHER included */
#define SWITCH_RECORDS_MAX 32	/* causes one SWITCHES answer tells apart */

struct switch_counts {
	u64 key[SWITCH_SLOTS];	/* 0: free; filled in order, never emptied */
	u64 count[SWITCH_SLOTS];
};

/* Apart, so that a hot path answered in place scans only the few causes
 * answered in place, not every cause the boot switched for. */
struct switch_table {
	struct switch_counts world;	/* kinds 1-3 */
	struct switch_counts in_place;	/* kinds 4-6 */
};

struct switch_record {		/* the SWITCHES answer: 16 bytes, LE */
	u64 key;
	u64 count;
};

/* The key of a world switch the payload's trap @cause caused (@a7: the
 * ecall's extension ID). */
u64 switch_key(u64 cause, u64 a7);

/* Count one switch (or in-place answer) for @key in this hart's @t (only
 * its hart writes it). */
void switch_count(struct switch_table *t, u64 key);

/*
 * Add every cause of @t (any hart's, read while it may count) into
 * @out[0..*n), at most @max records (@max >= 1): a cause without room
 * is added to an OTHER record, the last one.
 */
void switch_merge(struct switch_record *out, unsigned int *n,
		  unsigned int max, const struct switch_table *t);

#endif
