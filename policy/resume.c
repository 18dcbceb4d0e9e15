// SPDX-License-Identifier: BSD-2-Clause
#include "resume.h"
#include "../monitor/core/riscv.h"
#include "../monitor/core/vcpu.h"

#define SBI_HSM_HART_GET_STATUS 2
#define HSM_STATE_STARTED 0
#define HSM_STATE_START_PENDING 2

/* Publish an entry in @st, replacing what was there; its generation. */
static u32 record(struct resume_start *st, u32 kind, u64 addr, u64 opaque)
{
	u32 g;

	__atomic_store_n(&st->valid, 0, __ATOMIC_SEQ_CST);
	g = __atomic_add_fetch(&st->gen, 1, __ATOMIC_SEQ_CST);
	if (!g) /* 0 means none */
		g = __atomic_add_fetch(&st->gen, 1, __ATOMIC_SEQ_CST);
	st->kind = kind;
	st->addr = addr;
	st->opaque = opaque;
	__atomic_store_n(&st->valid, g, __ATOMIC_SEQ_CST);
	return g;
}

/* Void @st's entry if it is still generation @g (not a newer request). */
static void void_record(struct resume_start *st, u32 g)
{
	if (g)
		__atomic_compare_exchange_n(&st->valid, &g, 0, false,
					    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

/* hart_start(t, addr, opaque): an entry for a hart that is not running. */
static void note_start(struct resume_state *s, const struct vcpu *v,
		       struct resume_starts *starts)
{
	u64 t = vcpu_reg(v, REG_A0);
	struct resume_start *st;

	st = starts->of(t);
	if (!st || t == v->hartid)
		return;
	if (__atomic_load_n(&st->in_payload, __ATOMIC_SEQ_CST))
		return; /* the firmware owes ALREADY_AVAILABLE */
	s->asked_hart = t;
	s->asked_gen = record(st, RESUME_ASK_START, vcpu_reg(v, REG_A1),
			      vcpu_reg(v, REG_A2));
	/* t entered meanwhile: it took the record, or it is void here */
	if (__atomic_load_n(&st->in_payload, __ATOMIC_SEQ_CST))
		void_record(st, s->asked_gen);
}

/* hart_get_status(t): the answer may void t's pending start. */
static void note_status(struct resume_state *s, const struct vcpu *v,
			struct resume_starts *starts)
{
	u64 t = vcpu_reg(v, REG_A0);
	struct resume_start *st;

	st = starts->of(t);
	if (!st)
		return;
	s->asked_hart = t;
	s->asked_gen = __atomic_load_n(&st->valid, __ATOMIC_SEQ_CST);
	if (st->kind != RESUME_ASK_START)
		s->asked_gen = 0;
}

/* Out of line, as restore() and enter() below: the register copies of a
 * world switch then need no callee-saved registers (measured). */
static void __attribute__((noinline))
note_hsm(struct resume_state *s, const struct vcpu *v,
		     struct resume_starts *starts)
{
	u64 fid = vcpu_reg(v, REG_A6);
	struct resume_start *self = starts->of(v->hartid);

	if (fid == SBI_HSM_HART_START) {
		note_start(s, v, starts);
	} else if (fid == SBI_HSM_HART_GET_STATUS) {
		note_status(s, v, starts);
	} else if (fid == SBI_HSM_HART_STOP) {
		s->stopping = true;
		__atomic_store_n(&self->in_payload, 0, __ATOMIC_SEQ_CST);
	} else if (fid == SBI_HSM_HART_SUSPEND &&
		   (vcpu_reg(v, REG_A0) & SBI_HSM_SUSPEND_NON_RETENTIVE)) {
		/* it wakes at resume_addr, or returns an error at pc + 4 */
		s->suspending = true;
		s->asked_hart = v->hartid;
		s->asked_gen = record(self, RESUME_ASK_RESUME,
				      vcpu_reg(v, REG_A1), vcpu_reg(v, REG_A2));
	}
}

void resume_save(struct resume_state *s, const struct vcpu *v,
		 struct resume_starts *starts)
{
	unsigned int i;

	s->kind = v->csr.mcause == CAUSE_SUPERVISOR_ECALL ? RESUME_ECALL :
							    RESUME_INTERRUPT;
	s->stopping = false;
	s->suspending = false;
	s->asked_hart = 0;
	s->asked_gen = 0;
	s->timer_call = s->kind == RESUME_ECALL &&
			vcpu_reg(v, REG_A7) == SBI_EXT_TIME;
	/* unrolled: every world switch copies or clears the registers */
#pragma GCC unroll 32
	for (i = 0; i < 32; i++) {
		s->x[i] = v->x[i];
		__asm__ volatile("" : : : "memory"); /* ld, sd: no spills */
	}
	s->pc = v->csr.mepc;
	s->mode = (v->csr.mstatus & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT;
	s->satp = v->csr.satp;
	s->sie = v->csr.mie & MIP_S_BITS;
	if (s->kind == RESUME_ECALL && vcpu_reg(v, REG_A7) == SBI_EXT_HSM &&
	    starts->of(v->hartid))
		note_hsm(s, v, starts);
}

void resume_scrub(const struct resume_state *s, struct vcpu *v)
{
	bool ecall = s->kind == RESUME_ECALL;
	unsigned int i;

#pragma GCC unroll 32
	for (i = 1; i < 32; i++)
		if (!(ecall && i >= REG_A0 && i <= REG_A7))
			v->x[i] = 0;
	v->csr.satp = 0;
	v->csr.mie &= ~MIP_S_BITS;
}

static enum resume_verdict __attribute__((noinline))
restore(struct resume_state *s, struct vcpu *v)
{
	u64 a0 = v->x[REG_A0], a1 = v->x[REG_A1];
	unsigned int i;

#pragma GCC unroll 32
	for (i = 1; i < 32; i++) {
		v->x[i] = s->x[i];
		__asm__ volatile("" : : : "memory"); /* as in resume_save */
	}
	v->pc = s->pc;
	if (s->kind == RESUME_ECALL) {
		v->x[REG_A0] = a0;	/* the SBI call's error and value */
		v->x[REG_A1] = a1;
		vcpu_skip(v, ECALL_LEN);
	}
	v->mode = s->mode;
	v->csr.satp = s->satp;
	v->csr.mie = (v->csr.mie & ~MIP_S_BITS) | s->sie;
	s->kind = RESUME_NONE;
	s->suspending = false;
	return RESUME_RESTORED;
}

/* Fresh entry at @addr: a0 = hartid, a1 = @a1, everything else clear. */
static enum resume_verdict __attribute__((noinline))
enter(struct resume_state *s, struct vcpu *v, u64 addr, u64 a1)
{
	bool bent = v->pc != addr || v->mode != PRV_S ||
		    v->x[REG_A0] != v->hartid || v->x[REG_A1] != a1;
	unsigned int i;

	s->attempted_pc = v->pc;
#pragma GCC unroll 32
	for (i = 1; i < 32; i++)
		v->x[i] = 0;
	v->x[REG_A0] = v->hartid;
	v->x[REG_A1] = a1;
	v->pc = addr;
	v->mode = PRV_S;
	v->csr.satp = 0;
	v->csr.mie &= ~MIP_S_BITS;
	s->kind = RESUME_NONE;
	s->stopping = false;
	s->suspending = false;
	return bent ? RESUME_CORRECTED : RESUME_FRESH;
}

/* The firmware's answer to an HSM call: does the entry asked about stand?
 * hart_start: unless refused; hart_get_status: only STARTED or
 * START_PENDING (anything else says no start is coming). */
static void note_answer(const struct resume_state *s, const struct vcpu *v,
			struct resume_starts *starts)
{
	u64 fid = s->x[REG_A6], err = v->x[REG_A0], val = v->x[REG_A1];
	bool stands;

	if (s->kind != RESUME_ECALL || s->x[REG_A7] != SBI_EXT_HSM ||
	    !s->asked_gen || !starts->of(s->asked_hart))
		return;
	if (fid == SBI_HSM_HART_START)
		stands = !err;
	else if (fid == SBI_HSM_HART_GET_STATUS)
		stands = !err && (val == HSM_STATE_STARTED ||
				  val == HSM_STATE_START_PENDING);
	else
		return;
	if (!stands)
		void_record(starts->of(s->asked_hart), s->asked_gen);
}

/* Does an entry of @kind fit how this hart left the payload? A start: it
 * never ran or asked to stop; a resume: only the return from that suspend
 * call, and not at pc + 4 (the suspend failed). */
static bool record_fits(const struct resume_state *s, const struct vcpu *v,
			u32 kind)
{
	if (kind == RESUME_ASK_RESUME)
		return s->suspending && v->pc != s->pc + ECALL_LEN;
	return kind == RESUME_ASK_START &&
	       (s->kind == RESUME_NONE || s->stopping);
}

enum resume_verdict resume_decide(struct resume_state *s, struct vcpu *v,
				  struct resume_starts *starts,
				  struct resume_start *st, u64 boot_entry)
{
	u32 g = 0;

	note_answer(s, v, starts);
	if (st) {
		/* any entry takes this hart's record: used here, or void */
		__atomic_store_n(&st->in_payload, 1, __ATOMIC_SEQ_CST);
		g = __atomic_exchange_n(&st->valid, 0, __ATOMIC_SEQ_CST);
	}
	if (g && record_fits(s, v, st->kind))
		return enter(s, v, st->addr, st->opaque);
	/* a hart that asked to stop is back only if the stop failed: right
	 * after its ecall, as OpenSBI returns an error */
	if (s->kind != RESUME_NONE &&
	    !(s->stopping && v->pc != s->pc + ECALL_LEN))
		return restore(s, v);
	if (!__atomic_exchange_n(&starts->booted, 1, __ATOMIC_ACQ_REL)) {
		/* a1 (the device tree) is the firmware's: it is measured */
		return enter(s, v, boot_entry, v->x[REG_A1]);
	}
	s->attempted_pc = v->pc;
	return RESUME_REFUSED;
}
