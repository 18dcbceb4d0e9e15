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

#include "riscv.h"

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

#define SWITCH_SLOTS 16		/* causes a hart tells apart: switch_home()
				 * takes 4 bits */
#define SWITCH_OTHER_SLOT SWITCH_SLOTS	/* after them: every cause beyond */
#define SWITCH_RECORDS_MAX 32	/* causes one SWITCHES answer tells apart */

struct switch_counts {
	struct {
		u64 key;	/* 0: free; taken once, never emptied */
		u64 count;
	} slot[SWITCH_SLOTS + 1];
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
static inline u64 switch_key(u64 cause, u64 a7)
{
	if (cause == CAUSE_SUPERVISOR_ECALL || cause == CAUSE_USER_ECALL)
		return SWITCH_KEY(SWITCH_ECALL, a7 >> 32 ? 0xffffffffu : a7);
	if (cause & CAUSE_IRQ_FLAG)
		return SWITCH_KEY(SWITCH_INTERRUPT, cause & ~CAUSE_IRQ_FLAG);
	return SWITCH_KEY(SWITCH_EXCEPTION, cause);
}

/*
 * The slot @key is looked for in first, so that a cause on a hot path
 * finds its count with one compare whatever else was counted in between
 * (a remote fence's ecall and the doorbell that ends its wait alternate).
 * A multiplicative hash of the code with the kind folded in, five
 * instructions (none for a key known when compiling); its factor was
 * searched for so that the causes the monitor answers in place (the SBI
 * extensions and legacy calls Linux makes, trapped time reads, misaligned
 * accesses, doorbells, timers) each have a home of their own
 * (test_switches.c).
 */
static inline unsigned long switch_home(u64 key)
{
	return (((u32)(key ^ (key >> 28)) * 0x58d9f000u) >> 28) &
	       (SWITCH_SLOTS - 1);
}

/* The slot of @key in @t, taken if it is new (switches.c). */
unsigned long switch_slot(struct switch_counts *t, u64 key);

/* Count one switch (or in-place answer) for @key in this hart's @table
 * (only its hart writes it). Inline: it is on every hot path. */
static inline void switch_count(struct switch_table *table, u64 key)
{
	struct switch_counts *t = (key >> 32) > SWITCH_INTERRUPT ?
					  &table->in_place : &table->world;
	unsigned long i = switch_home(key);

	if (t->slot[i].key != key)
		i = switch_slot(t, key);
	/* one writer: a plain add, stored whole for the readers */
	__atomic_store_n(&t->slot[i].count, t->slot[i].count + 1,
			 __ATOMIC_RELAXED);
}

/*
 * Add every cause of @t (any hart's, read while it may count) into
 * @out[0..*n), at most @max records (@max >= 1): a cause without room
 * is added to an OTHER record, the last one.
 */
void switch_merge(struct switch_record *out, unsigned int *n,
		  unsigned int max, const struct switch_table *t);

#endif
