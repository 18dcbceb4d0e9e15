/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Software interrupts. The firmware's MSIP bits are virtual (one per hart,
 * set and cleared through the emulated CLINT); the hart's real msip is the
 * monitor's doorbell, always enabled in the real mie: ringing it brings the
 * hart into the monitor wherever it runs, with reasons in a kick mask.
 */
#ifndef RAMPART_IPI_H
#define RAMPART_IPI_H

#include "../../include/rampart/types.h"

struct vcpu;

#define KICK_LOCK 0x1	/* re-plan the firmware PMP: the lock is set */
#define KICK_SSIP 0x2	/* raise the payload's supervisor software IRQ */
#define KICK_SFENCE 0x4	/* sfence.vma, then acknowledge */
#define KICK_FENCE_I 0x8	/* fence.i, then acknowledge */
#define KICK_HALT 0x10	/* stop for good: the machine is ending (reset.h) */

/* The firmware's view of hart @hart's MSIP, and its write. */
u32 ipi_vmsip(unsigned int hart);
void ipi_set_vmsip(unsigned int hart, u32 val);

/* Ring hart @hart's doorbell for @reasons (KICK_*). */
void ipi_kick(unsigned int hart, u32 reasons);

/* This hart took the doorbell interrupt: silence it, return the reasons. */
u32 ipi_take(unsigned int self);

/* Do what @reasons ask of this hart (KICK_SSIP, fences and their acks). */
void ipi_serve(unsigned int self, u32 reasons);

/*
 * SBI IPI send_ipi and RFENCE remote fences, answered by the monitor when
 * every target runs the payload (OpenSBI's "interruptible" harts; else the
 * firmware answers, so behaviour never differs). True if answered.
 */
bool ipi_fastpath(struct vcpu *v);

/* Note that hart @hart runs the payload (entered) or no longer (stopped). */
void ipi_set_running(unsigned int hart, bool running);

/* KICK_HALT on this hart: counted as halted, then parked for good. */
void ipi_halt(void) __attribute__((noreturn));

/* How many harts ipi_halt() has parked. */
u32 ipi_halted(void);

/* This hart's mip with the firmware's virtual MSIP in place of the real. */
u64 ipi_mip(unsigned int self);

#endif
