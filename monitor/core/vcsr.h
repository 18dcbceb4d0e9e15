/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The virtual M-mode CSR model. Every CSR instruction reduces to
 * (new_val, wr_mask); one write function applies the WARL rules.
 */
#ifndef RAMPART_VCSR_H
#define RAMPART_VCSR_H

#include "../../include/rampart/types.h"

struct vcpu;

/* Fields of mstatus the virtual context holds itself (the rest is sstatus). */
#define VMSTATUS_FIELDS                                                    \
	(MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_MPRV |         \
	 MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR)
/* The hart's S fields the firmware's mstatus shows: not the FP/vector
 * state, which is the firmware's own (FS) or hidden (VS, XS, SD). */
#define MSTATUS_S_VIEW                                                     \
	(SSTATUS_FIELDS & ~(MSTATUS_FS | MSTATUS_VS | MSTATUS_XS | MSTATUS_SD))
#define MSTATUS_XL_64 ((2ULL << 32) | (2ULL << 34)) /* UXL = SXL = 64 */
/*
 * What the firmware may change in the hart's sstatus. Not FS or VS: the
 * hart's FS is the payload's, or, once the firmware's FP registers are
 * loaded, the firmware's (hw/fpu.c); the firmware's own FS is virtual.
 * Handing it the hart's would hand it the payload's FP and vector
 * registers (a hostile-firmware case showed it). V is hidden: VS reads 0.
 * (entry.S's mstatus_write applies the same.)
 */
#define SSTATUS_WRITABLE                                                 \
	(MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_SUM |        \
	 MSTATUS_MXR)

/*
 * Read CSR @csr into @old and, if @wr_mask is non-zero, write
 * (old & ~wr_mask) | (new_val & wr_mask) back through the WARL rules.
 * Returns 0, or -RAMPART_EINVAL when virtual M-mode has no such CSR or it is
 * read-only and a write was asked: the caller injects an illegal instruction.
 */
int vcsr_access(struct vcpu *v, u16 csr, u64 new_val, u64 wr_mask, u64 *old);

/* Build the CSR lookup for a hart of privileged spec 1.@priv_minor (10,
 * 11 or 12: the CSRs it has): once, before any hart emulates a CSR. */
void vcsr_init(unsigned int priv_minor);

/* CSR numbers 0xc00-0xfff are read-only (Priv. spec 2.1). */
bool vcsr_is_read_only(u16 csr);

/* Physical pmpcfg byte and address of virtual entry @i (lock bits kept). */
u8 vcsr_pmp_cfg(const struct vcpu *v, unsigned int i);

#endif
