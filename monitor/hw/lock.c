// SPDX-License-Identifier: BSD-2-Clause
/*
 * The lock barrier (docs/policy.md, rule 2). Each hart
 * publishes whether it runs firmware code (in_firmware, cleared on every
 * trap into the monitor) and re-plans its firmware PMP before returning to
 * the firmware once the lock is set. The locker sets the lock, then waits
 * for each hart to be either in the monitor or re-planned: after that no
 * hart runs firmware code with the payload unlocked. Both sides order a
 * store before a load with a full fence (the Dekker pattern). A hart still
 * running unlocked firmware code is rung (ipi.h): its doorbell is always
 * enabled, so it enters the monitor even inside a loop that never traps.
 */
#include "services.h"
#include "hw.h"
#include "platform.h"
#include "ipi.h"
#include "reset.h"

static volatile u32 firmware_locked;

bool hw_firmware_locked(void)
{
	return __atomic_load_n(&firmware_locked, __ATOMIC_SEQ_CST);
}

void hw_lock_firmware(u64 self)
{
	unsigned int i;

	__atomic_store_n(&firmware_locked, 1, __ATOMIC_SEQ_CST);
	/* from now on a reset the monitor does not see must be caught at
	 * the next boot (reset.h) */
	hw_reset_mark_live();
	for (i = 0; i < platform.nharts; i++) {
		struct hart *h = &harts[i];

		if (i == self)
			continue;
		/* a hart looping in firmware code may never trap by itself */
		if (__atomic_load_n(&h->in_firmware, __ATOMIC_SEQ_CST) &&
		    !__atomic_load_n(&h->lock_applied, __ATOMIC_SEQ_CST))
			ipi_kick(i, KICK_LOCK);
		while (__atomic_load_n(&h->in_firmware, __ATOMIC_SEQ_CST) &&
		       !__atomic_load_n(&h->lock_applied, __ATOMIC_SEQ_CST))
			;
	}
}
