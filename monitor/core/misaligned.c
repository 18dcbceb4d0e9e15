// SPDX-License-Identifier: BSD-2-Clause
/*
 * Misaligned load/store emulation for the payload (docs/policy.md, protect-payload
 * policy, rule 5). The access is split into single bytes, each reached
 * through ops with the payload's own privilege and page tables, so a byte
 * the payload could not touch itself faults exactly as it would in hardware.
 */
#include "misaligned.h"
#include "emulate.h"
#include "../../include/rampart/errno.h"
#include "insn.h"
#include "riscv.h"
#include "vcpu.h"

/*
 * The cause a store would raise where reading the same byte raised @cause.
 * Neither PMP (Priv. spec 3.7.1) nor page tables (Priv. spec 4.3.1) can make
 * memory writable but not readable (R=0 W=1 is reserved in both), so a byte
 * the payload cannot read is one it cannot write either.
 */
static u64 store_cause(u64 cause)
{
	if (cause == CAUSE_LOAD_PAGE_FAULT)
		return CAUSE_STORE_PAGE_FAULT;
	if (cause == CAUSE_LOAD_ACCESS)
		return CAUSE_STORE_ACCESS;
	return cause;
}

/* Put back the @n bytes before @addr that store_le() already changed. */
static void store_rollback(const struct misaligned_ops *ops, u64 addr,
			   const u8 *old, unsigned int n)
{
	/*
	 * These bytes were written a moment ago, so writing them again
	 * succeeds unless the payload's mapping changed under us; there is
	 * nothing better to do then, and the fault is reported either way.
	 */
	while (n--)
		ops->store_byte(ops->ctx, addr + n, old[n]);
}

/*
 * Read @width bytes little-endian from @addr into @val. Returns 0, or the
 * cause of the first byte that faulted, with its address in @fault->tval
 * (Priv. spec 3.1.16: mtval holds "the portion of the access that caused
 * the fault").
 */
static u64 load_le(const struct misaligned_ops *ops, u64 addr,
		   unsigned int width, u64 *val, struct misaligned_fault *fault)
{
	unsigned int i;
	u64 cause;
	u8 byte;

	*val = 0;
	for (i = 0; i < width; i++) {
		cause = ops->load_byte(ops->ctx, addr + i, &byte);
		if (cause) {
			fault->tval = addr + i;
			return cause;
		}
		*val |= (u64)byte << (8 * i);
	}
	return 0;
}

/* Save the byte at @addr in @old, then write @byte there. */
static u64 swap_byte(const struct misaligned_ops *ops, u64 addr, u8 byte,
		     u8 *old)
{
	u64 cause = ops->load_byte(ops->ctx, addr, old);

	if (cause)
		return store_cause(cause);
	return ops->store_byte(ops->ctx, addr, byte);
}

/*
 * Write the low @width bytes of @val little-endian at @addr. Returns 0, or
 * the cause of the first byte that faulted (address in @fault->tval).
 *
 * Nothing is left half-written: hardware may leave part of a faulting
 * misaligned store in memory, but the payload then retries a store it
 * believes never happened. Checking writability first is not possible
 * (reading a byte proves it readable, not writable), so each byte's old
 * value is read just before it is written, and on a fault the bytes
 * already written get their old values back.
 */
static u64 store_le(const struct misaligned_ops *ops, u64 addr,
		    unsigned int width, u64 val, struct misaligned_fault *fault)
{
	u8 old[8]; /* width is 1, 2, 4 or 8 (insn_decode) */
	unsigned int i;
	u64 cause;

	for (i = 0; i < width; i++) {
		cause = swap_byte(ops, addr + i, (u8)(val >> (8 * i)), &old[i]);
		if (cause) {
			store_rollback(ops, addr, old, i);
			fault->tval = addr + i;
			return cause;
		}
	}
	return 0;
}

/* A faulting load leaves rd as it was: RISC-V traps are precise. */
static void emulate_load(struct vcpu *v, const struct insn *in, u64 addr,
			 const struct misaligned_ops *ops,
			 struct misaligned_fault *fault)
{
	u64 val;

	fault->cause = load_le(ops, addr, in->width, &val, fault);
	if (fault->cause)
		return;
	if (in->is_fp)
		ops->set_fpr(ops->ctx, in->rd, val, in->width);
	else
		vcpu_set_reg(v, in->rd,
			     emulate_extend(val, in->width, in->is_signed));
}

/*
 * FSW/FSD store the register's low bits unchanged, NaN-boxed or not
 * (Unpriv. spec 12.2: narrower transfers ignore the upper FLEN-n bits).
 */
static void emulate_store(const struct vcpu *v, const struct insn *in, u64 addr,
			  const struct misaligned_ops *ops,
			  struct misaligned_fault *fault)
{
	u64 val = in->is_fp ? ops->get_fpr(ops->ctx, in->rs2) :
			      vcpu_reg(v, in->rs2);

	fault->cause = store_le(ops, addr, in->width, val, fault);
}

int misaligned_emulate(struct vcpu *v, u32 raw, u64 addr,
		       const struct misaligned_ops *ops,
		       struct misaligned_fault *fault)
{
	struct insn in;

	fault->cause = 0;
	fault->tval = 0;
	if (insn_decode(raw, &in) ||
	    (in.kind != INSN_LOAD && in.kind != INSN_STORE))
		return -RAMPART_EINVAL;
	/* The trap's address must be the one the instruction computes. */
	if (vcpu_reg(v, in.rs1) + (u64)in.imm != addr)
		return -RAMPART_EINVAL;
	if (in.kind == INSN_LOAD)
		emulate_load(v, &in, addr, ops, fault);
	else
		emulate_store(v, &in, addr, ops, fault);
	if (!fault->cause)
		vcpu_skip(v, in.len);
	return 0;
}
