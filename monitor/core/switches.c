// SPDX-License-Identifier: BSD-2-Clause
#include "switches.h"

_Static_assert(SWITCH_SLOTS == 16, "switch_home() takes 4 bits");

unsigned long switch_slot(struct switch_counts *t, u64 key)
{
	unsigned long home = switch_home(key), n, i = SWITCH_OTHER_SLOT;

	for (n = 0; n < SWITCH_SLOTS; n++) {
		i = (home + n) % SWITCH_SLOTS;
		if (t->slot[i].key == key || !t->slot[i].key)
			break;
	}
	if (n == SWITCH_SLOTS) {
		i = SWITCH_OTHER_SLOT;
		key = SWITCH_KEY(SWITCH_OTHER, (key >> 32) > SWITCH_INTERRUPT);
	}
	if (!t->slot[i].key) {
		/* the count before the key: a reader on another hart that
		 * sees the key sees a count that goes with it */
		__atomic_store_n(&t->slot[i].count, 0, __ATOMIC_RELAXED);
		__atomic_store_n(&t->slot[i].key, key, __ATOMIC_RELEASE);
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

	for (i = 0; i <= SWITCH_OTHER_SLOT; i++) {
		key = __atomic_load_n(&t->slot[i].key, __ATOMIC_ACQUIRE);
		if (!key)
			continue;
		merge_one(out, n, max, key,
			  __atomic_load_n(&t->slot[i].count, __ATOMIC_RELAXED));
	}
}

void switch_merge(struct switch_record *out, unsigned int *n,
		  unsigned int max, const struct switch_table *t)
{
	merge_counts(out, n, max, &t->world);
	merge_counts(out, n, max, &t->in_place);
}
