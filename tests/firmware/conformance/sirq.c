// SPDX-License-Identifier: BSD-2-Clause
/*
 * S-level interrupts: injected by M through mip (as OpenSBI does for the
 * timer without Sstc), raised by S itself, through Sstc's stimecmp, and not
 * delegated (then M takes them although S is running); and an M timer
 * interrupt arriving while S runs. Only which interrupt was taken, at which
 * level and from which mode is printed, never where (that is timing).
 */
#include "check.h"

#define S_IRQS (MIP_SSIP | MIP_STIP | MIP_SEIP)
#define SPIN 100000UL

static u64 out[2];

/* Enable the S interrupt `bit` with sstatus.SIE and spin until S took it. */
static u64 s_take_irq(u64 bit)
{
	u64 n = s_trap.irq_count, i;

	csr_set(sie, bit);
	csr_set(sstatus, MSTATUS_SIE);
	for (i = 0; i < SPIN && s_trap.irq_count == n; i++)
		;
	csr_clear(sstatus, MSTATUS_SIE);
	csr_clear(sie, bit);
	return 0;
}

static u64 s_raise_ssip(u64 arg)
{
	(void)arg;
	csr_set(sip, MIP_SSIP);
	return s_take_irq(MIP_SSIP);
}

static u64 s_stimecmp_now(u64 arg)
{
	(void)arg;
	s_timer_via_stimecmp = 1;
	csr_write(0x14d, 0); /* stimecmp: due at once */
	s_take_irq(MIP_STIP);
	s_timer_via_stimecmp = 0;
	return 0;
}

static u64 s_nop(u64 arg)
{
	return arg;
}

static u64 s_sie_view(u64 arg)
{
	(void)arg;
	csr_write(sie, ~0UL);
	out[0] = csr_read(sie);
	csr_write(sie, 0);
	out[1] = csr_read(sip);
	return 0;
}

/* Run fn in S and print the interrupts S and M took meanwhile. */
static void chk_s_run(const char *name, u64 (*fn)(u64), u64 arg)
{
	u64 s0 = s_trap.irq_count, m0 = m_trap.irq_count;

	run_lower(PRV_S, fn, arg);
	chk_begin(name);
	if (s_trap.irq_count != s0) {
		chk_kv("s-irq", s_trap.irq);
		chk_kv("spp", (s_trap.irq_status & MSTATUS_SPP) >> 8);
	}
	if (m_trap.irq_count != m0) {
		chk_kv("m-irq", m_trap.irq);
		chk_kv("mpp", (m_trap.irq_status & MSTATUS_MPP) >> 11);
	}
	if (s_trap.irq_count - s0 > 1 || m_trap.irq_count - m0 > 1)
		chk_kv("irqs", s_trap.irq_count - s0 + m_trap.irq_count - m0);
	if (s_trap.irq_count == s0 && m_trap.irq_count == m0)
		puts_(" none");
	chk_end();
}

static void test_s_delegated(void)
{
	csr_write(menvcfg, 0);
	csr_write(mideleg, S_IRQS);
	csr_set(mip, MIP_SSIP);
	chk_s_run("sirq.ssip.m-injected", s_take_irq, MIP_SSIP);
	chk_s_run("sirq.ssip.s-raised", s_raise_ssip, 0);
	csr_set(mip, MIP_STIP);
	chk_s_run("sirq.stip.m-injected", s_take_irq, MIP_STIP);
	chk_yn("sirq.stip.cleared-by-m", !(csr_read(mip) & MIP_STIP));
	csr_set(mip, MIP_SEIP);
	chk_s_run("sirq.seip.m-injected", s_take_irq, MIP_SEIP);
	csr_clear(mip, MIP_SEIP);
	csr_write(mcounteren, BIT(1));
	csr_write(menvcfg, BIT(63));
	chk_s_run("sirq.sstc", s_stimecmp_now, 0);
	chk_begin("sirq.sstc.after");
	chk_kyn("stip", (csr_read(mip) & MIP_STIP) != 0);
	csr_write(menvcfg, 0);
	chk_kyn("stip-stce0", (csr_read(mip) & MIP_STIP) != 0);
	chk_end();
	csr_write(mcounteren, 0);
}

static void test_s_views(void)
{
	csr_write(mideleg, S_IRQS);
	csr_set(mip, MIP_SSIP);
	run_lower(PRV_S, s_sie_view, 0);
	csr_clear(mip, MIP_SSIP);
	chk_begin("sirq.view.delegated");
	chk_kv("sie", out[0] & IRQ_MASK_NO_H);
	chk_kv("sip", out[1] & IRQ_MASK_NO_H);
	chk_end();
	csr_write(mideleg, 0);
	csr_set(mip, MIP_SSIP);
	run_lower(PRV_S, s_sie_view, 0);
	csr_clear(mip, MIP_SSIP);
	chk_begin("sirq.view.not-delegated");
	chk_kv("sie", out[0] & IRQ_MASK_NO_H);
	chk_kv("sip", out[1] & IRQ_MASK_NO_H);
	chk_kv("mie", csr_read(mie) & IRQ_MASK_NO_H);
	chk_end();
	csr_write(mie, 0);
}

/* Not delegated, or M-level: taken by M while S runs, whatever mstatus.MIE. */
static void test_s_to_m(void)
{
	csr_write(mideleg, 0);
	csr_write(mie, MIP_SSIP);
	csr_set(mip, MIP_SSIP);
	chk_s_run("sirq.ssip.not-delegated", s_nop, 0);
	csr_write(mie, MIP_MTIP);
	mmio_write64(CLINT_MTIMECMP0, 0);
	chk_s_run("sirq.mtimer-in-s", s_nop, 0);
	csr_write(mie, MIP_MSIP);
	mmio_write32(CLINT_MSIP0, 1);
	chk_s_run("sirq.msoft-in-s", s_nop, 0);
	csr_write(mie, 0);
}

void test_s_irq(void)
{
	test_s_delegated();
	test_s_views();
	test_s_to_m();
	csr_write(mideleg, 0);
}
