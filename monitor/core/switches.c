// SPDX-License-Identifier: BSD-2-Clause
#include "switches.h"
#include "riscv.h"

u64 switch_key(u64 cause, u64 a7)
{
	if (cause == CAUSE_SUPERVISOR_ECALL || cause == CAUSE_USER_ECALL)
		return SWITCH_KEY(SWITCH_ECALL, a7 > 0xffffffffu ? 0xffffffffu : a7);
	if (cause & CAUSE_IRQ_FLAG)
		return SWITCH_KEY(SWITCH_INTERRUPT, cause & ~CAUSE_IRQ_FLAG);
	return SWITCH_KEY(SWITCH_EXCEPTION, cause);
}

static bool in_place(u64 key)
{
	u64 kind = key >> 32;

	return kind > SWITCH_INTERRUPT && kind <= SWITCH_INTERRUPT + SWITCH_IN_PLACE;
}

void switch_count(struct switch_table *table, u64 key)
{
	struct switch_counts *t = in_place(key) ? &table->in_place : &table->world;
	unsigned int i;

	for (i = 0; i < SWITCH_SLOTS - 1; i++)
		if (t->key[i] == key || !t->key[i])
			break;
	if (i == SWITCH_SLOTS - 1)
		key = SWITCH_KEY(SWITCH_OTHER, t == &table->in_place);
	if (!t->key[i]) {
		/* the count before the key: a reader on another hart that
		 * sees the key sees a count that goes with it */
		__atomic_store_n(&t->count[i], 0, __ATOMIC_RELAXED);
		__atomic_store_n(&t->key[i], key, __ATOMIC_RELEASE);
	}
	/* one writer: a plain add, stored whole for the readers */
	__atomic_store_n(&t->count[i], t->count[i] + 1, __ATOMIC_RELAXED);
}

static void merge_one(struct switch_record *out, unsigned int *n,
		      unsigned int max, u64 key, u64 count)
{
	unsigned int i;

	for (i = 0; i < *n; i++) {
		if (out[i].key == key) {
			out[i].count += count;
			return;
		}
	}
	if (*n < max - 1 || key == SWITCH_KEY(SWITCH_OTHER, 0)) {
		out[*n].key = key;
		out[*n].count = count;
		(*n)++;
		return;
	}
	merge_one(out, n, max, SWITCH_KEY(SWITCH_OTHER, 0), count);
}

static void merge_counts(struct switch_record *out, unsigned int *n,
			 unsigned int max, const struct switch_counts *t)
{
	unsigned int i;
	u64 key;

	for (i = 0; i < SWITCH_SLOTS; i++) {
		key = __atomic_load_n(&t->key[i], __ATOMIC_ACQUIRE);
		if (!key)
			break;
		merge_one(out, n, max, key,
			  __atomic_load_n(&t->count[i], __ATOMIC_RELAXED));
	}
}

void switch_merge(struct switch_record *out, unsigned int *n,
		  unsigned int max, const struct switch_table *t)
{
	merge_counts(out, n, max, &t->world);
	merge_counts(out, n, max, &t->in_place);
}
