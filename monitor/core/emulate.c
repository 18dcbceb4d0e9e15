// SPDX-License-Identifier: BSD-2-Clause
#include "emulate.h"
#include "../../include/rampart/errno.h"
#include "insn.h"
#include "riscv.h"
#include "vcpu.h"
#include "vcsr.h"
#include "vtrap.h"

static void illegal(struct vcpu *v, u32 raw)
{
	vtrap_inject(v, CAUSE_ILLEGAL_INSN, raw);
}

/* Reduce the three CSR instructions to (new_val, wr_mask), as KVM does. */
static void emulate_csr(struct vcpu *v, const struct insn *in, u32 raw)
{
	u64 src = in->csr_imm ? in->rs1 : vcpu_reg(v, in->rs1);
	u64 new_val = src, wr_mask = 0, old;

	if (insn_csr_writes(in)) {
		/* csrrs/csrrc with rs1 != x0 write even when the value is 0:
		 * a read-only CSR then traps (Zicsr, Priv. spec 2.1) */
		if (vcsr_is_read_only(in->csr)) {
			illegal(v, raw);
			return;
		}
		wr_mask = in->csr_op == CSR_OP_RW ? ~0ULL : src;
		if (in->csr_op == CSR_OP_RC)
			new_val = 0;
	}
	if (vcsr_access(v, in->csr, new_val, wr_mask, &old)) {
		illegal(v, raw);
		return;
	}
	vcpu_set_reg(v, in->rd, old);
	vcpu_skip(v, in->len);
}

/*
 * An FP instruction trapped: the firmware's FP registers are not in the
 * hart yet (the hart's FS is off while the firmware runs, hw/fpu.c). With
 * its virtual FS on they are loaded and the instruction runs again; with
 * FS off, on a hart without F/D, or once loaded (a vector or Q
 * instruction) it is illegal, as on the bare hart (Priv. 3.1.6.6).
 */
static enum emul_action emulate_fp(struct vcpu *v, u32 raw)
{
	if (!vcpu_has_fpu(v) || v->fp_live || !(v->csr.mstatus & MSTATUS_FS)) {
		illegal(v, raw);
		return EMUL_DONE;
	}
	return EMUL_FP_LOAD;
}

enum emul_action emulate_insn(struct vcpu *v, u32 raw)
{
	struct insn in;
	int rc = insn_decode(raw, &in);

	/* The decoder knows FP loads and stores; FP arithmetic does not
	 * decode and the FP CSRs decode as CSR instructions. */
	if ((rc || in.is_fp || in.kind == INSN_CSR) && insn_is_fp(raw))
		return emulate_fp(v, raw);
	if (rc) {
		illegal(v, raw);
		return EMUL_DONE;
	}
	switch (in.kind) {
	case INSN_CSR:
		emulate_csr(v, &in, raw);
		return EMUL_DONE;
	case INSN_MRET:
		vtrap_mret(v);
		return EMUL_DONE;
	case INSN_SRET:
		if (!vcpu_has_s_mode(v)) {
			illegal(v, raw);
			return EMUL_DONE;
		}
		vtrap_sret(v);
		return EMUL_DONE;
	case INSN_WFI:
		vcpu_skip(v, in.len);
		return EMUL_WFI;
	case INSN_SFENCE_VMA:
		vcpu_skip(v, in.len);
		return EMUL_SFENCE_VMA;
	default:
		illegal(v, raw);
		return EMUL_DONE;
	}
}

/* What csrrw (src), csrrs (old | src) or csrrc (old & ~src) leaves. */
static u64 csr_result(unsigned int op, u64 old, u64 src)
{
	if (op == CSR_OP_RW)
		return src;
	return op == CSR_OP_RS ? old | src : old & ~src;
}

/* mstatus @old -> @now leaves MIE, MPRV and, under MPRV, MPP alone. */
static bool quiet_mstatus_write(u64 old, u64 now)
{
	u64 loud = MSTATUS_MIE | MSTATUS_MPRV;

	if ((old | now) & MSTATUS_MPRV)
		loud |= MSTATUS_MPP;
	return !((old ^ now) & loud);
}

/* A CSR instruction completed: rd = @old, pc past it. */
static void plain_done(struct vcpu *v, unsigned int rd, u64 old)
{
	vcpu_set_reg(v, rd, old);
	vcpu_skip(v, CSR_INSN_LEN);
}

/*
 * Any other CSR: a read (csrrs/csrrc with x0 or 0) changes nothing; a
 * write of mstatus is taken when it changes neither MIE (interrupt
 * delivery) nor the MPRV state (the firmware's PMP layout): OpenSBI's trap
 * exit restores what its entry read. A CSR that does not exist, or any
 * other write: the slow path. Apart, its fields in registers, so that the
 * common case below needs no stack frame.
 */
static bool __attribute__((noinline))
plain_other(struct vcpu *v, u16 csr, unsigned int op, unsigned int rd,
	    u64 src, bool writes)
{
	u64 old, now, unused;

	if ((writes && csr != CSR_MSTATUS) || vcsr_access(v, csr, 0, 0, &old))
		return false;
	if (writes) {
		now = csr_result(op, old, src);
		if (!quiet_mstatus_write(old, now))
			return false;
		if (now != old)
			vcsr_access(v, csr, now, ~0ULL, &unused);
	}
	plain_done(v, rd, old);
	return true;
}

bool emulate_plain_csr(struct vcpu *v, u32 raw)
{
	struct insn in;
	u64 *field, src, old;

	if (!insn_decode_csr(raw, &in))
		return false;
	src = in.csr_imm ? in.rs1 : vcpu_reg(v, in.rs1);
	switch (in.csr) {
	case CSR_MSCRATCH: field = &v->csr.mscratch; break;
	case CSR_MEPC: field = &v->csr.mepc; break;
	case CSR_MCAUSE: field = &v->csr.mcause; break;
	case CSR_MTVAL: field = &v->csr.mtval; break;
	default:
		return plain_other(v, in.csr, in.csr_op, in.rd, src,
				   insn_csr_writes(&in));
	}
	old = *field;
	*field = csr_result(in.csr_op, old, src);
	plain_done(v, in.rd, old);
	return true;
}

u64 emulate_extend(u64 val, unsigned int width, bool is_signed)
{
	unsigned int shift;

	if (width >= 8)
		return val;
	shift = 64 - 8 * width;
	if (is_signed)
		return (u64)((s64)(val << shift) >> shift);
	return (val << shift) >> shift;
}

int emulate_mmio(struct vcpu *v, u32 raw, u64 addr, mmio_access_fn access)
{
	struct insn in;
	u64 val = 0;

	if (insn_decode(raw, &in) || in.is_fp ||
	    (in.kind != INSN_LOAD && in.kind != INSN_STORE))
		return -RAMPART_EINVAL;
	/* The trap's address must be the one the instruction computes. */
	if (vcpu_reg(v, in.rs1) + (u64)in.imm != addr)
		return -RAMPART_EINVAL;
	if (in.kind == INSN_STORE)
		val = emulate_extend(vcpu_reg(v, in.rs2), in.width, false);
	if (access(addr, in.width, in.kind == INSN_STORE, &val))
		return -RAMPART_EINVAL;
	if (in.kind == INSN_LOAD)
		vcpu_set_reg(v, in.rd, emulate_extend(val, in.width,
						      in.is_signed));
	vcpu_skip(v, in.len);
	return 0;
}
