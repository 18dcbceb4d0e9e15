// SPDX-License-Identifier: BSD-2-Clause
/*
 * Interrupts: the CLINT timer and software interrupt as M sees them, wfi,
 * vectored mtvec, and S-level interrupts injected or delegated by M.
 * Only comparisons of mtime are printed, never its value.
 */
#include "check.h"

#define SPIN_LIMIT 10000000UL
#define TICKS_SOON 200 /* 20 us at QEMU's 10 MHz */

static u64 mtime(void)
{
	return mmio_read64(CLINT_MTIME);
}

static void mtimecmp_write(u64 val)
{
	mmio_write64(CLINT_MTIMECMP0, val);
}

static bool mip_has(u64 bit)
{
	return (csr_read(mip) & bit) != 0;
}

/* Spin until `count` moves past `before`; true if it did. */
static bool wait_count(const volatile u64 *count, u64 before)
{
	u64 i;

	for (i = 0; i < SPIN_LIMIT; i++)
		if (*count != before)
			return true;
	return false;
}

static bool wait_mip(u64 bit)
{
	u64 i;

	for (i = 0; i < SPIN_LIMIT; i++)
		if (mip_has(bit))
			return true;
	return false;
}

static void test_timer_state(void)
{
	u64 t0, t1, tcsr, t2;

	chk_begin("timer.mtip");
	mtimecmp_write(~0UL);
	chk_kyn("cmp-max", mip_has(MIP_MTIP));
	mtimecmp_write(0);
	chk_kyn("cmp-0", mip_has(MIP_MTIP));
	mtimecmp_write(~0UL);
	chk_kyn("cmp-max-again", mip_has(MIP_MTIP));
	chk_end();
	mtimecmp_write(0x123456789aUL);
	chk_hex("timer.mtimecmp.rw", mmio_read64(CLINT_MTIMECMP0));
	mtimecmp_write(~0UL);
	t0 = mtime();
	while (mtime() == t0)
		;
	t1 = mtime();
	tcsr = csr_read(time);
	t2 = mtime();
	chk_begin("timer.mtime");
	chk_kyn("advances", t1 > t0);
	chk_kyn("time-csr-matches", t1 <= tcsr && tcsr <= t2);
	chk_end();
}

static void test_timer_irq(void)
{
	u64 n = m_trap.irq_count;
	bool fired;

	csr_write(mie, MIP_MTIP);
	mtimecmp_write(mtime() + TICKS_SOON);
	csr_set(mstatus, MSTATUS_MIE);
	fired = wait_count(&m_trap.irq_count, n);
	csr_clear(mstatus, MSTATUS_MIE);
	chk_begin("timer.irq");
	chk_kyn("fired", fired);
	chk_kv("mcause", m_trap.irq);
	chk_kv("mpp", (m_trap.status & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT);
	chk_kv("mpie", (m_trap.status & MSTATUS_MPIE) >> 7);
	chk_kv("mie-in-handler", (m_trap.status & MSTATUS_MIE) >> 3);
	chk_kyn("mtip-after", mip_has(MIP_MTIP));
	chk_end();

	/* Pending and enabled in mie, but masked by mstatus.MIE. */
	n = m_trap.irq_count;
	mtimecmp_write(0);
	wait_mip(MIP_MTIP);
	chk_begin("timer.mstatus-mie-gates");
	chk_kyn("taken-mie0", m_trap.irq_count != n);
	csr_set(mstatus, MSTATUS_MIE);
	asm volatile("nop");
	csr_clear(mstatus, MSTATUS_MIE);
	chk_kyn("taken-mie1", m_trap.irq_count != n);
	chk_end();
	csr_write(mie, 0);
}

/* wfi with MIE = 0 wakes on a pending enabled interrupt without taking it. */
static void test_wfi(void)
{
	u64 n = m_trap.count;

	csr_write(mie, MIP_MTIP);
	mtimecmp_write(mtime() + TICKS_SOON);
	asm volatile("wfi");
	chk_begin("wfi.m.timer-mie0");
	chk_kyn("returned", true);
	chk_kyn("mtip", wait_mip(MIP_MTIP));
	chk_kyn("trapped", m_trap.count != n);
	chk_end();
	mtimecmp_write(~0UL);

	csr_write(mie, MIP_MSIP);
	mmio_write32(CLINT_MSIP0, 1);
	asm volatile("wfi");
	chk_begin("wfi.m.msip-mie0");
	chk_kyn("msip", mip_has(MIP_MSIP));
	chk_kyn("trapped", m_trap.count != n);
	chk_end();
	mmio_write32(CLINT_MSIP0, 0);
	csr_write(mie, 0);
}

static void test_ipi(void)
{
	u64 n;
	bool fired;

	chk_begin("ipi.msip");
	mmio_write32(CLINT_MSIP0, 1);
	chk_kv("reg", mmio_read32(CLINT_MSIP0));
	chk_kyn("mip", mip_has(MIP_MSIP));
	mmio_write32(CLINT_MSIP0, 0);
	chk_kv("reg-clear", mmio_read32(CLINT_MSIP0));
	chk_kyn("mip-clear", mip_has(MIP_MSIP));
	mmio_write32(CLINT_MSIP0, 0xfffffffe);
	chk_kv("reg-w-even", mmio_read32(CLINT_MSIP0));
	mmio_write32(CLINT_MSIP0, 0xffffffff);
	chk_kv("reg-w-ones", mmio_read32(CLINT_MSIP0));
	mmio_write32(CLINT_MSIP0, 0);
	chk_end();

	n = m_trap.irq_count;
	csr_write(mie, MIP_MSIP);
	csr_set(mstatus, MSTATUS_MIE);
	mmio_write32(CLINT_MSIP0, 1);
	fired = wait_count(&m_trap.irq_count, n);
	csr_clear(mstatus, MSTATUS_MIE);
	csr_write(mie, 0);
	chk_begin("ipi.irq");
	chk_kyn("fired", fired);
	chk_kv("mcause", m_trap.irq);
	chk_kyn("mip-after", mip_has(MIP_MSIP));
	chk_end();
}

/* Vectored mode: interrupts at base + 4 * cause, exceptions at base. */
static void test_vectored(void)
{
	u64 saved = csr_read(mtvec);
	u64 n;

	csr_write(mtvec, (u64)m_vec_table | 1);
	chk_begin("mtvec.vectored");
	n = m_trap.irq_count;
	csr_write(mie, MIP_MSIP);
	csr_set(mstatus, MSTATUS_MIE);
	mmio_write32(CLINT_MSIP0, 1);
	wait_count(&m_trap.irq_count, n);
	csr_clear(mstatus, MSTATUS_MIE);
	chk_kv("msi-slot", m_trap.vec);
	n = m_trap.irq_count;
	csr_write(mie, MIP_MTIP);
	mtimecmp_write(0);
	csr_set(mstatus, MSTATUS_MIE);
	wait_count(&m_trap.irq_count, n);
	csr_clear(mstatus, MSTATUS_MIE);
	chk_kv("mti-slot", m_trap.vec);
	csr_write(mie, 0);
	ecall_svc(SVC_NOP, 0);
	chk_kv("ecall-slot", m_trap.vec);
	chk_end();
	csr_write(mtvec, saved);
	ecall_svc(SVC_NOP, 0);
	chk_hex("mtvec.direct-slot", m_trap.vec);
}

void test_timer_ipi(void)
{
	test_timer_state();
	test_timer_irq();
	test_wfi();
	test_ipi();
	test_vectored();
}
