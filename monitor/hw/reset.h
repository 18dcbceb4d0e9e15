/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * No secret survives a reset (docs/threat-model.md). Once the payload has
 * run (the protect lock), every reset and power-off the firmware can make
 * goes through here: the reset device the tree names (QEMU virt's
 * sifive,test1; on QEMU sifive_u, the GPIO controller of its gpio-restart
 * node, the only ones there) is denied to the firmware and its writes
 * emulated, and the monitor's own stops come here too. The other harts
 * are halted, payload memory is scrubbed, then the device acts. A reset
 * the monitor did not mediate (the payload's own, an external one) leaves
 * the "payload live" mark in the last page of DRAM, which neither world
 * can write after the lock; the next boot finds it and scrubs before the
 * firmware runs.
 */
#ifndef RAMPART_RESET_H
#define RAMPART_RESET_H

#include "../../include/rampart/types.h"

/* The mark's page: the last of DRAM, reserved in the payload's tree and
 * outside the placement plan's payload memory. */
#define RESET_MARK_SIZE 0x1000ULL

/* Is @addr in the reset device (core/platform.h)? */
bool hw_is_reset_device(u64 addr);

/*
 * The firmware's access to the reset device (an mmio_access_fn): reads
 * pass through. After the lock, a write that may end the machine first
 * halts the other harts and scrubs, once, then is done: on the test
 * device a fail, pass or reset value (and the hart parks), on a GPIO
 * controller any write (the reset sequence goes on: the firmware drives
 * the line and waits). Other writes pass through.
 */
int hw_reset_device_access(u64 addr, unsigned int width, bool write, u64 *val);

/* At the lock, before the payload runs: the payload's memory is live. */
void hw_reset_mark_live(void);

/*
 * At boot, before the firmware runs: if the mark says a reset left the
 * payload's memory, scrub all of it but the ranges the platform loaded
 * again at reset (QEMU -kernel, -initrd, the tree): @keep, @n of them.
 */
struct place_range;
void hw_reset_scrub_at_boot(const struct place_range *keep, unsigned int n);

#endif
