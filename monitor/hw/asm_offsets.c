// SPDX-License-Identifier: BSD-2-Clause
/*
 * What entry.S needs from C, generated: compiled to assembly only, its
 * "->NAME value" lines become build/mon/asm-offsets.h (monitor/build.mk).
 */
#include "../core/hart.h"
#include "../core/riscv.h"

#define DEFINE(name, value) \
	__asm__ volatile("\n.ascii \"->" #name " %0\"" : : "i"(value))

void asm_offsets(void);

/* entry.S's fast path indexes these four from mscratch, in CSR order */
_Static_assert(offsetof(struct vcsr, mepc) == offsetof(struct vcsr, mscratch) + 8 &&
	       offsetof(struct vcsr, mcause) == offsetof(struct vcsr, mscratch) + 16 &&
	       offsetof(struct vcsr, mtval) == offsetof(struct vcsr, mscratch) + 24 &&
	       CSR_MTVAL == CSR_MSCRATCH + 3,
	       "mscratch, mepc, mcause, mtval in a row");

void asm_offsets(void)
{
	DEFINE(VCPU_X, offsetof(struct vcpu, x));
	DEFINE(VCPU_MODE, offsetof(struct vcpu, mode));
	DEFINE(VCPU_MSCRATCH, offsetof(struct vcpu, csr.mscratch));
	DEFINE(PRV_M, PRV_M);
	DEFINE(CAUSE_ILLEGAL_INSN, CAUSE_ILLEGAL_INSN);
	DEFINE(CSR_MSCRATCH, CSR_MSCRATCH);
	DEFINE(VCPU_STACK_TOP, offsetof(struct vcpu, stack_top));
	DEFINE(HART_STACK_SIZE, HART_STACK_SIZE);
}
