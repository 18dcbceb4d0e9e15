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

static u64 get_fpr(void *ctx, unsigned int n)
{
	u64 val = 0;

	(void)ctx;
	switch (n & 31) {
	case 0: FPR_GET(0); break;
	case 1: FPR_GET(1); break;
	case 2: FPR_GET(2); break;
	case 3: FPR_GET(3); break;
	case 4: FPR_GET(4); break;
	case 5: FPR_GET(5); break;
	case 6: FPR_GET(6); break;
	case 7: FPR_GET(7); break;
	case 8: FPR_GET(8); break;
	case 9: FPR_GET(9); break;
	case 10: FPR_GET(10); break;
	case 11: FPR_GET(11); break;
	case 12: FPR_GET(12); break;
	case 13: FPR_GET(13); break;
	case 14: FPR_GET(14); break;
	case 15: FPR_GET(15); break;
	case 16: FPR_GET(16); break;
	case 17: FPR_GET(17); break;
	case 18: FPR_GET(18); break;
	case 19: FPR_GET(19); break;
	case 20: FPR_GET(20); break;
	case 21: FPR_GET(21); break;
	case 22: FPR_GET(22); break;
	case 23: FPR_GET(23); break;
	case 24: FPR_GET(24); break;
	case 25: FPR_GET(25); break;
	case 26: FPR_GET(26); break;
	case 27: FPR_GET(27); break;
	case 28: FPR_GET(28); break;
	case 29: FPR_GET(29); break;
	case 30: FPR_GET(30); break;
	case 31: FPR_GET(31); break;
	}
	return val;
}

static void set_fpr(void *ctx, unsigned int n, u64 val, unsigned int width)
{
	(void)ctx;
	if (width == 4)
		val |= 0xffffffff00000000ULL; /* NaN-boxing (Unpriv. 12.2) */
	switch (n & 31) {
	case 0: FPR_SET(0); break;
	case 1: FPR_SET(1); break;
	case 2: FPR_SET(2); break;
	case 3: FPR_SET(3); break;
	case 4: FPR_SET(4); break;
	case 5: FPR_SET(5); break;
	case 6: FPR_SET(6); break;
	case 7: FPR_SET(7); break;
	case 8: FPR_SET(8); break;
	case 9: FPR_SET(9); break;
	case 10: FPR_SET(10); break;
	case 11: FPR_SET(11); break;
	case 12: FPR_SET(12); break;
	case 13: FPR_SET(13); break;
	case 14: FPR_SET(14); break;
	case 15: FPR_SET(15); break;
	case 16: FPR_SET(16); break;
	case 17: FPR_SET(17); break;
	case 18: FPR_SET(18); break;
	case 19: FPR_SET(19); break;
	case 20: FPR_SET(20); break;
	case 21: FPR_SET(21); break;
	case 22: FPR_SET(22); break;
	case 23: FPR_SET(23); break;
	case 24: FPR_SET(24); break;
	case 25: FPR_SET(25); break;
	case 26: FPR_SET(26); break;
	case 27: FPR_SET(27); break;
	case 28: FPR_SET(28); break;
	case 29: FPR_SET(29); break;
	case 30: FPR_SET(30); break;
	case 31: FPR_SET(31); break;
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
