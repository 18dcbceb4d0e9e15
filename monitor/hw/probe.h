/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Probing: the monitor tries an instruction that may trap and learns from
 * the trap. A probe is armed on this hart; a trap the monitor takes while
 * it is armed skips the (4-byte) instruction instead of being fatal.
 */
#ifndef RAMPART_PROBE_H
#define RAMPART_PROBE_H

#include "../../include/rampart/types.h"
#include "../core/hart.h"
#include "csr.h"

struct platform;

/* Arm a probe on this hart: the next trap in the monitor is skipped. */
void probe_arm(void);

/* Disarm; returns the cause of the trap taken since probe_arm, or 0. */
u64 probe_disarm(void);

/* What the machine-wide description takes from the boot hart: the
 * privileged spec, Zbb, the PMP's entry count and granularity; Zknh stays
 * set only if the device tree (fdt_platform_read, before) listed it and
 * the hart runs it. Before any PMP entry is configured. */
void probe_hart(struct platform *p);

/* Every other hart, before it first runs the firmware: fatal unless it
 * agrees with what the boot hart's probe_hart() published. */
void probe_hart_alike(u64 hartid);

/* Every hart, on itself, before it first runs the firmware: what may
 * differ from hart to hart (core/hart.h). */
void probe_hart_facts(struct hart_facts *f);

/* This hart's facts (probe_hart_facts, at its start). Inline: world
 * switches ask several times. */
static inline const struct hart_facts *hw_facts(void)
{
	return &harts[csr_read(CSR_MHARTID)].facts;
}

/* entry.S: a trap taken in M-mode (fatal unless a probe is armed). */
void monitor_trap(const u64 *frame);

#endif
