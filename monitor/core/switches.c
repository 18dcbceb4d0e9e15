// SPDX-License-Identifier: BSD-2-Clause
#include "switches.h"

unsigned int switch_slot(struct switch_counts *t, u64 key)
{
	unsigned int i;

	for (i = 0; i < SWITCH_SLOTS - 1; i++)
		if (t->key[i] == key || !t->key[i])
			break;
	if (i == SWITCH_SLOTS - 1)
		key = SWITCH_KEY(SWITCH_OTHER, (key >> 32) > SWITCH_INTERRUPT);
	if (!t->key[i]) {
		/* the count before the key: a reader on another hart that
		 * sees the key sees a count that goes with it */
		__atomic_store_n(&t->count[i], 0, __ATOMIC_RELAXED);
		__atomic_store_n(&t->key[i], key, __ATOMIC_RELEASE);
	}
	return i;
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
