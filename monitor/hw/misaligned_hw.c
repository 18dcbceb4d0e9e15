// SPDX-License-Identifier: BSD-2-Clause
/*
 * Misaligned loads and stores of the payload (protect policy, rule 5),
 * emulated with the payload's own privilege and page tables: every byte
 * goes through MPRV as the trapping mode, so the emulator reaches nothing
 * the payload itself could not. The FP registers are the payload's, live
 * in the hart; the monitor itself is built without FP (soft-float ABI).
 */
#include "hw.h"
#include "csr.h"
#include "../core/services.h"
#include "../core/misaligned.h"
#include "../core/riscv.h"
#include "../core/vcpu.h"

#define FP_ASM(insn) ".option push\n.option arch, +d\n" insn "\n.option pop"
#define FPR_GET(n) __asm__ volatile(FP_ASM("fmv.x.d %0, f" #n) : "=r"(val))
#define FPR_SET(n) __asm__ volatile(FP_ASM("fmv.d.x f" #n ", %0") : : "r"(val))

static u64 load_byte(void *ctx, u64 addr, u8 *byte)
{
	const struct vcpu *v = ctx;
	u64 val = 0, cause = hw_mprv_load(v->mode, addr, 1, &val);

	*byte = (u8)val;
	return cause;
}

static u64 store_byte(void *ctx, u64 addr, u8 byte)
{
	const struct vcpu *v = ctx;

	return hw_mprv_store(v->mode, addr, 1, byte);
}

/* fN is an operand of the instruction: one case per register */
#define FPR_NUMBERS(X)                                                   \
	X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11)    \
	X(12) X(13) X(14) X(15) X(16) X(17) X(18) X(19) X(20) X(21)      \
	X(22) X(23) X(24) X(25) X(26) X(27) X(28) X(29) X(30) X(31)
#define GET_CASE(n) case n: FPR_GET(n); break;
#define SET_CASE(n) case n: FPR_SET(n); break;

static u64 get_fpr(void *ctx, unsigned int n)
{
	u64 val = 0;

	(void)ctx;
	switch (n & 31) {
	FPR_NUMBERS(GET_CASE)
	}
	return val;
}

static void set_fpr(void *ctx, unsigned int n, u64 val, unsigned int width)
{
	(void)ctx;
	if (width == 4)
		val |= 0xffffffff00000000ULL; /* NaN-boxing (Unpriv. 12.2) */
	switch (n & 31) {
	FPR_NUMBERS(SET_CASE)
	}
	csr_set(CSR_SSTATUS, MSTATUS_FS); /* FS = dirty: state changed */
}

/* Fetch the trapping instruction as the payload would read it, with MXR
 * so that execute-only pages read too (Priv. 3.1.6.3). */
static int fetch(const struct vcpu *v, u32 *raw)
{
	u64 mxr = csr_read(CSR_MSTATUS) & MSTATUS_MXR;
	u64 lo = 0, hi = 0, cause;

	csr_set(CSR_MSTATUS, MSTATUS_MXR);
	cause = hw_mprv_load(v->mode, v->pc, 2, &lo);
	if (!cause && (lo & 3) == 3)
		cause = hw_mprv_load(v->mode, v->pc + 2, 2, &hi);
	if (!mxr)
		csr_clear(CSR_MSTATUS, MSTATUS_MXR);
	*raw = (u32)(lo | (hi << 16));
	return cause ? -1 : 0;
}

bool hw_misaligned_emulate(struct vcpu *v, u64 addr)
{
	struct misaligned_ops ops = { load_byte, store_byte, get_fpr,
				      set_fpr, v };
	struct misaligned_fault fault;
	u32 raw;

	if (fetch(v, &raw) || misaligned_emulate(v, raw, addr, &ops, &fault))
		return false;
	if (fault.cause)
		hw_redirect_to_supervisor(v, fault.cause, fault.tval);
	return true;
}
