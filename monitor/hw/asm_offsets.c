// SPDX-License-Identifier: BSD-2-Clause
/*
 * What entry.S needs from C, generated: compiled to assembly only, its
 * "->NAME value" lines become build/mon/asm-offsets.h (monitor/build.mk).
 */
#include "../core/hart.h"
#include "../core/riscv.h"
#include "../core/vcsr.h"

#define DEFINE(name, value) \
	__asm__ volatile("\n.ascii \"->" #name " %0\"" : : "i"(value))

void asm_offsets(void);

/* entry.S's fast path indexes these four from mscratch, in CSR order */
_Static_assert(sizeof(((struct vcpu *)0)->fp_live) == 1, "lbu");
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
	/* its reads of mstatus and misa */
	DEFINE(VCPU_MSTATUS, offsetof(struct vcpu, csr.mstatus));
	DEFINE(VCPU_MISA, offsetof(struct vcpu, csr.misa));
	DEFINE(VCPU_FP_LIVE, offsetof(struct vcpu, fp_live));
	DEFINE(CSR_MSTATUS, CSR_MSTATUS);
	DEFINE(MISA_S_BIT, 'S' - 'A');
	DEFINE(MSTATUS_FS, MSTATUS_FS);
	DEFINE(MSTATUS_SD, MSTATUS_SD);
	DEFINE(MSTATUS_S_VIEW, MSTATUS_S_VIEW);
	DEFINE(VMSTATUS_FIELDS, VMSTATUS_FIELDS);
	DEFINE(MSTATUS_XL_64, MSTATUS_XL_64);
	/* and its writes that change mstatus quietly */
	DEFINE(MSTATUS_MIE, MSTATUS_MIE);
	DEFINE(MSTATUS_MPRV, MSTATUS_MPRV);
	DEFINE(MSTATUS_MPP, MSTATUS_MPP);
	DEFINE(MISA_FD, BIT('F' - 'A') | BIT('D' - 'A'));
	DEFINE(SSTATUS_WRITABLE, SSTATUS_WRITABLE);
	DEFINE(VCPU_STACK_TOP, offsetof(struct vcpu, stack_top));
	DEFINE(HART_STACK_SIZE, HART_STACK_SIZE);
}
