// SPDX-License-Identifier: BSD-2-Clause
#include "lock.h"
#include "hart.h"
#include "platform.h"

static volatile u32 locked;

bool lock_is_set(void)
{
	return __atomic_load_n(&locked, __ATOMIC_SEQ_CST);
}

static bool runs_unlocked(const struct hart *h)
{
	return __atomic_load_n(&h->in_firmware, __ATOMIC_SEQ_CST) &&
	       !__atomic_load_n(&h->lock_applied, __ATOMIC_SEQ_CST);
}

void lock_set_and_wait(unsigned int self, void (*ring)(unsigned int hart))
{
	unsigned int i;

	__atomic_store_n(&locked, 1, __ATOMIC_SEQ_CST);
	for (i = 0; i < platform->nharts; i++) {
		if (i == self)
			continue;
		if (runs_unlocked(&harts[i]))
			ring(i);
		while (runs_unlocked(&harts[i]))
			;
	}
}
