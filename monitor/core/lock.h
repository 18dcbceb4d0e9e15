/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The lock (docs/policy.md, rule 2): the one-way switch that takes the
 * payload's memory from the firmware on every hart, and its barrier. Each
 * hart publishes whether it runs firmware code (hart.h: in_firmware,
 * cleared on every trap into the monitor) and re-plans its firmware PMP
 * before returning to the firmware once the lock is set (lock_applied).
 * The locker sets the lock, then waits for each hart to be either in the
 * monitor or re-planned: after that no hart runs firmware code with the
 * payload unlocked. Both sides order a store before a load with a full
 * fence (the Dekker pattern).
 */
#ifndef RAMPART_LOCK_H
#define RAMPART_LOCK_H

#include "../../include/rampart/types.h"

bool lock_is_set(void);

/* Set the lock, then return once no hart but @self runs firmware code
 * unlocked. @ring(hart) brings a hart into the monitor: one looping in
 * firmware code may never trap by itself. */
void lock_set_and_wait(unsigned int self, void (*ring)(unsigned int hart));

#endif
