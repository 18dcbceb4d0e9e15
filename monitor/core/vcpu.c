// SPDX-License-Identifier: BSD-2-Clause
#include "vcpu.h"
#include "riscv.h"

/*
 * The firmware must not see Q or V (their state is wider than the 64-bit
 * FP registers the monitor switches, hw/fpu.c, or not switched at all) nor
 * H (it would program hypervisor CSRs we hide). F and D it sees: it has FP
 * registers of its own.
 */
#define MISA_HIDDEN (MISA_EXT('Q') | MISA_EXT('V') | MISA_EXT('H'))

void vcpu_reset(struct vcpu *v, u64 hartid, u64 misa,
		const struct vcpu_ops *ops)
{
	struct vcpu zero = { 0 };
	u64 stack_top = v->stack_top;

	*v = zero;
	v->stack_top = stack_top;
	v->hartid = hartid;
	v->mode = PRV_M;
	v->ops = ops;
	v->csr.mhartid = hartid;
	v->csr.misa = misa & ~MISA_HIDDEN;
}
