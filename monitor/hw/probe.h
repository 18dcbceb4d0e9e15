/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Probing: the monitor tries an instruction that may trap and learns from
 * the trap. A probe is armed on this hart; a trap the monitor takes while
 * it is armed skips the (4-byte) instruction instead of being fatal.
 */
#ifndef RAMPART_PROBE_H
#define RAMPART_PROBE_H

#include "../../include/rampart/types.h"

struct platform;

/* Arm a probe on this hart: the next trap in the monitor is skipped. */
void probe_arm(void);

/* Disarm; returns the cause of the trap taken since probe_arm, or 0. */
u64 probe_disarm(void);

/* What the boot hart has (harts are assumed alike): Sstc, a time CSR,
 * Zbb, the PMP's entry count and granularity; Zknh stays set only if the
 * device tree (fdt_platform_read, before) listed it and the hart runs it.
 * Before any PMP entry is configured. */
void probe_hart(struct platform *p);

/* entry.S: a trap taken in M-mode (fatal unless a probe is armed). */
void monitor_trap(const u64 *frame);

#endif
