// SPDX-License-Identifier: BSD-2-Clause
#include "vtrap.h"
#include "riscv.h"
#include "vcpu.h"

void vtrap_inject(struct vcpu *v, u64 cause, u64 tval)
{
	struct vcsr *c = &v->csr;
	u64 st = c->mstatus;
	u64 base = c->mtvec & ~3ULL;

	if (!(cause & CAUSE_IRQ_FLAG))
		v->unreturned++;
	c->mepc = v->pc;
	c->mcause = cause;
	c->mtval = tval;
	st &= ~(MSTATUS_MPIE | MSTATUS_MPP);
	if (st & MSTATUS_MIE)
		st |= MSTATUS_MPIE;
	st &= ~MSTATUS_MIE;
	st |= v->mode << MSTATUS_MPP_SHIFT;
	c->mstatus = st;
	v->mode = PRV_M;
	/* Vectored mode: interrupts go to base + 4 * cause (Priv. 3.1.7). */
	if ((c->mtvec & 3) == 1 && (cause & CAUSE_IRQ_FLAG))
		base += 4 * (cause & ~CAUSE_IRQ_FLAG);
	v->pc = base;
}

void vtrap_mret(struct vcpu *v)
{
	struct vcsr *c = &v->csr;
	u64 st = c->mstatus;
	u64 mode = (st & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT;

	st &= ~(MSTATUS_MIE | MSTATUS_MPP);
	if (st & MSTATUS_MPIE)
		st |= MSTATUS_MIE;
	st |= MSTATUS_MPIE;
	if (mode == 2)
		mode = PRV_U; /* reserved encoding: the least privileged mode */
	/* MPP becomes U, the least-privileged mode; MPRV clears unless
	 * returning to M (Priv. spec 1.12, 3.1.6.1; not before 1.12). */
	if (mode != PRV_M && v->priv_minor >= 12)
		st &= ~MSTATUS_MPRV;
	c->mstatus = st;
	v->mode = mode;
	v->pc = c->mepc & ~1ULL;
	v->unreturned = 0;
}

void vtrap_sret(struct vcpu *v)
{
	u64 s = 0, sepc = 0;

	/* SPP, SPIE, SIE and sepc are the live S-mode state (vcsr.c) */
	v->ops->csr_read(CSR_SSTATUS, &s);
	v->ops->csr_read(CSR_SEPC, &sepc);
	v->mode = (s & MSTATUS_SPP) ? PRV_S : PRV_U;
	s &= ~(MSTATUS_SIE | MSTATUS_SPP);
	if (s & MSTATUS_SPIE)
		s |= MSTATUS_SIE;
	s |= MSTATUS_SPIE;
	v->ops->csr_write(CSR_SSTATUS, s);
	/* from M, sret always leaves M: 1.12 clears MPRV (3.1.6.1) */
	if (v->priv_minor >= 12)
		v->csr.mstatus &= ~MSTATUS_MPRV;
	v->pc = sepc & ~1ULL;
	v->unreturned = 0;
}

static const u8 irq_priority[] = {
	IRQ_M_EXT, IRQ_M_SOFT, IRQ_M_TIMER, IRQ_S_EXT, IRQ_S_SOFT, IRQ_S_TIMER,
};

int vtrap_pending_irq(const struct vcpu *v, u64 mip)
{
	u64 pending = mip & v->csr.mie & ~v->csr.mideleg;
	unsigned int i;

	/* Below M, M-level interrupts are always enabled (Priv. 3.1.6.1). */
	if (!pending || (v->mode == PRV_M && !(v->csr.mstatus & MSTATUS_MIE)))
		return -1;
	for (i = 0; i < ARRAY_SIZE(irq_priority); i++)
		if (pending & BIT(irq_priority[i]))
			return irq_priority[i];
	return -1;
}
