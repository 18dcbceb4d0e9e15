/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Traps into, and mret out of, virtual M-mode. Pure: only the virtual
 * context changes; the hardware layer sees v->mode change and switches world.
 */
#ifndef RAMPART_VTRAP_H
#define RAMPART_VTRAP_H

#include "../../include/rampart/types.h"

struct vcpu;

/* Take trap @cause (CAUSE_IRQ_FLAG set for interrupts) with @tval into
 * virtual M-mode, as a hart would (Priv. spec 3.1.6.1, 3.1.7, 3.1.15). */
void vtrap_inject(struct vcpu *v, u64 cause, u64 tval);

/* Emulate mret (Priv. spec 3.3.2): mode <- MPP, MIE <- MPIE, pc <- mepc. */
void vtrap_mret(struct vcpu *v);

/* Emulate sret in virtual M-mode (Priv. spec 3.3.2; mstatus.TSR traps it
 * only in S): mode <- SPP, SIE <- SPIE, SPIE <- 1, SPP <- U, pc <- sepc. */
void vtrap_sret(struct vcpu *v);

/*
 * The interrupt virtual M-mode must take now given the hart's @mip, in
 * priority order (Priv. spec 3.1.9), or -1 if none. Delegated interrupts
 * are the payload's and never taken here.
 */
int vtrap_pending_irq(const struct vcpu *v, u64 mip);

#endif
