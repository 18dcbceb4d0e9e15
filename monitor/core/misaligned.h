/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Misaligned load/store emulation for the payload (docs/policy.md, protect-payload
 * policy, rule 5). Pure: memory is reached only through struct
 * misaligned_ops, which the hardware layer implements with the payload's
 * own privilege and page tables (MPRV), and tests with a byte array.
 */
#ifndef RAMPART_MISALIGNED_H
#define RAMPART_MISALIGNED_H

#include "../../include/rampart/types.h"

struct vcpu;

struct misaligned_ops {
	/* One byte at payload virtual address @addr. Return 0, or the
	 * exception cause the access raised (page or access fault). */
	u64 (*load_byte)(void *ctx, u64 addr, u8 *byte);
	u64 (*store_byte)(void *ctx, u64 addr, u8 byte);
	/* FP registers (the payload's, live in the hart): raw 64-bit image.
	 * set_fpr with @width 4 NaN-boxes the value (Unpriv. spec 12.2). */
	u64 (*get_fpr)(void *ctx, unsigned int n);
	void (*set_fpr)(void *ctx, unsigned int n, u64 val, unsigned int width);
	void *ctx;
};

/* Outcome: cause 0 when done (register/memory updated, pc advanced). */
struct misaligned_fault {
	u64 cause;	/* exception to redirect to the payload */
	u64 tval;	/* its faulting virtual address */
};

/*
 * Emulate load/store @raw (16- or 32-bit encoding) at v->pc whose effective
 * address is @addr. On success updates rd (integer loads sign- or
 * zero-extended to 64 bits, FP loads NaN-boxed) or memory, advances pc by
 * the instruction length and returns 0 with @fault->cause = 0. On a memory
 * fault returns 0 with @fault set; a load leaves rd untouched. Returns
 * -RAMPART_EINVAL if @raw is not a load/store or computes another address
 * (the caller then treats the trap as an illegal instruction).
 */
int misaligned_emulate(struct vcpu *v, u32 raw, u64 addr,
		       const struct misaligned_ops *ops,
		       struct misaligned_fault *fault);

#endif
