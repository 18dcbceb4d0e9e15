// SPDX-License-Identifier: BSD-2-Clause
/* The payload's supervisor CSRs: hidden from the firmware, redirected to. */
#include "csr.h"
#include "probe.h"
#include "../core/hart.h"
#include "../core/platform.h"
#include "../core/services.h"
#include "../core/vcpu.h"

/* Writable sstatus fields as QEMU 7.2 keeps them (conformance firmware). */
#define SSTATUS_STATE (MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | \
		       MSTATUS_SUM | MSTATUS_MXR | MSTATUS_FS | MSTATUS_VS)

/* The supervisor CSRs saved, cleared and restored as they are. */
#define PLAIN_S_CSRS(X)                                                   \
	X(CSR_STVEC, stvec) X(CSR_SSCRATCH, sscratch) X(CSR_SEPC, sepc)   \
	X(CSR_SCAUSE, scause) X(CSR_STVAL, stval)                         \
	X(CSR_SCOUNTEREN, scounteren)
#define SAVE(csr, field) s->field = csr_read(csr);
#define CLEAR(csr, field) csr_write(csr, 0);
#define RESTORE(csr, field) csr_write(csr, s->field);

void hw_supervisor_save(struct supervisor_csrs *s)
{
	s->sstatus = csr_read(CSR_SSTATUS);
	PLAIN_S_CSRS(SAVE)
	if (platform()->priv_minor >= 12)
		s->senvcfg = csr_read(CSR_SENVCFG);
	if (hw_facts()->has_sstc)
		s->stimecmp = csr_read(CSR_STIMECMP);
}

void hw_supervisor_clear(void)
{
	csr_clear(CSR_SSTATUS, SSTATUS_STATE);
	PLAIN_S_CSRS(CLEAR)
	if (platform()->priv_minor >= 12)
		csr_write(CSR_SENVCFG, 0);
	if (hw_facts()->has_sstc)
		csr_write(CSR_STIMECMP, 0);
}

void hw_supervisor_start(void)
{
	u64 counters = csr_read(CSR_SCOUNTEREN);

	hw_supervisor_clear();
	csr_write(CSR_SCOUNTEREN, counters);
}

void hw_supervisor_restore(const struct supervisor_csrs *s, bool keep_timer)
{
	csr_clear(CSR_SSTATUS, SSTATUS_STATE);
	csr_set(CSR_SSTATUS, s->sstatus & SSTATUS_STATE);
	PLAIN_S_CSRS(RESTORE)
	if (platform()->priv_minor >= 12)
		csr_write(CSR_SENVCFG, s->senvcfg);
	if (!keep_timer && hw_facts()->has_sstc)
		csr_write(CSR_STIMECMP, s->stimecmp);
}

void hw_redirect_to_supervisor(struct vcpu *v, u64 cause, u64 tval)
{
	u64 old = csr_read(CSR_SSTATUS);
	u64 st = old & ~(MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE);

	csr_write(CSR_SEPC, v->pc);
	csr_write(CSR_SCAUSE, cause);
	csr_write(CSR_STVAL, tval);
	if (v->mode == PRV_S)
		st |= MSTATUS_SPP;
	if (old & MSTATUS_SIE)
		st |= MSTATUS_SPIE;
	csr_write(CSR_SSTATUS, st);
	/* exceptions always go to the base, also in vectored mode */
	v->pc = csr_read(CSR_STVEC) & ~3ULL;
	v->mode = PRV_S;
}
