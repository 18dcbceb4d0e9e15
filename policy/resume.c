// SPDX-License-Identifier: BSD-2-Clause
#include "resume.h"
#include "../monitor/core/riscv.h"
#include "../monitor/core/vcpu.h"

#define ECALL_LEN 4

static void note_hsm(struct resume_state *s, const struct vcpu *v,
		     struct resume_starts *starts)
{
	u64 fid = vcpu_reg(v, REG_A6), target = vcpu_reg(v, REG_A0);
	struct resume_start *st;

	if (fid == SBI_HSM_HART_STOP) {
		s->stopping = true;
		return;
	}
	if (fid == SBI_HSM_HART_SUSPEND &&
	    (target & SBI_HSM_SUSPEND_NON_RETENTIVE)) {
		/* it wakes at resume_addr, or returns an error at pc + 4 */
		target = v->hartid;
		s->suspending = true;
	} else if (fid != SBI_HSM_HART_START) {
		return;
	}
	if (target >= RESUME_MAX_HARTS)
		return;
	st = &starts->hart[target];
	st->addr = vcpu_reg(v, REG_A1);
	st->opaque = vcpu_reg(v, REG_A2);
	__atomic_store_n(&st->valid, true, __ATOMIC_RELEASE);
}

void resume_save(struct resume_state *s, const struct vcpu *v,
		 struct resume_starts *starts)
{
	unsigned int i;

	s->kind = v->csr.mcause == CAUSE_SUPERVISOR_ECALL ? RESUME_ECALL :
							    RESUME_INTERRUPT;
	s->stopping = false;
	s->suspending = false;
	s->timer_call = s->kind == RESUME_ECALL &&
			vcpu_reg(v, REG_A7) == SBI_EXT_TIME;
	for (i = 0; i < 32; i++)
		s->x[i] = v->x[i];
	s->pc = v->csr.mepc;
	s->mode = (v->csr.mstatus & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT;
	s->satp = v->csr.satp;
	s->sie = v->csr.mie & MIP_S_BITS;
	if (s->kind == RESUME_ECALL && vcpu_reg(v, REG_A7) == SBI_EXT_HSM &&
	    v->hartid < RESUME_MAX_HARTS)
		note_hsm(s, v, starts);
}

void resume_scrub(const struct resume_state *s, struct vcpu *v)
{
	unsigned int i;

	for (i = 1; i < 32; i++) {
		bool arg = i >= REG_A0 && i <= REG_A7;

		if (!(arg && s->kind == RESUME_ECALL))
			v->x[i] = 0;
	}
	v->csr.satp = 0;
	v->csr.mie &= ~MIP_S_BITS;
}

static enum resume_verdict restore(struct resume_state *s, struct vcpu *v)
{
	u64 a0 = v->x[REG_A0], a1 = v->x[REG_A1];
	unsigned int i;

	for (i = 1; i < 32; i++)
		v->x[i] = s->x[i];
	v->pc = s->pc;
	if (s->kind == RESUME_ECALL) {
		v->x[REG_A0] = a0;	/* the SBI call's error and value */
		v->x[REG_A1] = a1;
		v->pc += ECALL_LEN;
	}
	v->mode = s->mode;
	v->csr.satp = s->satp;
	v->csr.mie = (v->csr.mie & ~MIP_S_BITS) | s->sie;
	s->kind = RESUME_NONE;
	s->suspending = false;
	return RESUME_RESTORED;
}

/* Fresh entry at @addr: a0 = hartid, a1 = @a1, everything else clear. */
static enum resume_verdict enter(struct resume_state *s, struct vcpu *v,
				 u64 addr, u64 a1)
{
	bool bent = v->pc != addr || v->mode != PRV_S ||
		    v->x[REG_A0] != v->hartid || v->x[REG_A1] != a1;
	unsigned int i;

	s->attempted_pc = v->pc;
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

/* The firmware answered a hart_start with an error: nobody may use it. */
static void cancel_refused_start(const struct resume_state *s,
				 const struct vcpu *v,
				 struct resume_starts *starts)
{
	u64 target = s->x[REG_A0];

	if (s->kind == RESUME_ECALL && s->x[REG_A7] == SBI_EXT_HSM &&
	    s->x[REG_A6] == SBI_HSM_HART_START && v->x[REG_A0] != 0 &&
	    target < RESUME_MAX_HARTS)
		__atomic_store_n(&starts->hart[target].valid, false,
				 __ATOMIC_RELEASE);
}

enum resume_verdict resume_decide(struct resume_state *s, struct vcpu *v,
				  struct resume_starts *starts,
				  u64 boot_entry)
{
	struct resume_start *st = v->hartid < RESUME_MAX_HARTS ?
					  &starts->hart[v->hartid] : NULL;
	bool start = st && __atomic_load_n(&st->valid, __ATOMIC_ACQUIRE);

	/* A failed non-retentive suspend returns right after its ecall:
	 * its resume entry is void, like that of a refused hart_start. */
	if (s->suspending && v->pc == s->pc + ECALL_LEN) {
		start = false;
		if (st)
			st->valid = false;
	}
	cancel_refused_start(s, v, starts);
	if (s->kind != RESUME_NONE && !((s->stopping || s->suspending) && start))
		return restore(s, v);
	if (start) {
		st->valid = false;
		return enter(s, v, st->addr, st->opaque);
	}
	if (!__atomic_exchange_n(&starts->booted, 1, __ATOMIC_ACQ_REL)) {
		/* a1 (the device tree) is the firmware's: it is measured */
		return enter(s, v, boot_entry, v->x[REG_A1]);
	}
	s->attempted_pc = v->pc;
	return RESUME_REFUSED;
}
