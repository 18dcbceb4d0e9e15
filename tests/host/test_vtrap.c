// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of trap injection and mret (monitor/core/vtrap.c) against the
 * Privileged spec 1.12: 3.1.6.1 (privilege stack), 3.1.7 (mtvec), 3.1.9
 * (interrupt priority and enables), 3.3.2 (mret).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "monitor/core/vtrap.h"
#include "tests/host/fake_hart.h"

#define PC 0x80100100ULL
#define MTVEC_BASE 0x80100400ULL
#define MPP(m) ((u64)(m) << MSTATUS_MPP_SHIFT)

static struct vcpu v;

static int setup(void **state)
{
	(void)state;
	fake_vcpu_init(&v, 0);
	v.pc = PC;
	v.csr.mtvec = MTVEC_BASE;
	return 0;
}

/* 3.1.6.1: on a trap MPIE <- MIE, MIE <- 0, MPP <- the previous mode. */
static void test_inject_from_m(void **state)
{
	(void)state;
	v.csr.mstatus = MSTATUS_MIE | MSTATUS_TW | MSTATUS_MPRV;
	v.csr.mtvec = MTVEC_BASE | 1; /* vectored: exceptions still at base */
	vtrap_inject(&v, CAUSE_ILLEGAL_INSN, 0x30200073);
	assert_int_equal(v.mode, PRV_M);
	assert_int_equal(v.csr.mepc, PC);
	assert_int_equal(v.csr.mcause, CAUSE_ILLEGAL_INSN);
	assert_int_equal(v.csr.mtval, 0x30200073);
	assert_int_equal(v.csr.mstatus,
			 MSTATUS_MPIE | MPP(PRV_M) | MSTATUS_TW | MSTATUS_MPRV);
	assert_int_equal(v.pc, MTVEC_BASE);
}

static void test_inject_from_s(void **state)
{
	(void)state;
	v.mode = PRV_S;
	v.csr.mstatus = MSTATUS_MPIE | MPP(PRV_M) | MSTATUS_TSR;
	vtrap_inject(&v, CAUSE_SUPERVISOR_ECALL, 0);
	assert_int_equal(v.mode, PRV_M);
	assert_int_equal(v.csr.mepc, PC);
	assert_int_equal(v.csr.mcause, CAUSE_SUPERVISOR_ECALL);
	assert_int_equal(v.csr.mtval, 0);
	assert_int_equal(v.csr.mstatus, MPP(PRV_S) | MSTATUS_TSR);
	assert_int_equal(v.pc, MTVEC_BASE);
}

static void test_inject_from_u(void **state)
{
	(void)state;
	v.mode = PRV_U;
	v.csr.mstatus = MSTATUS_MIE | MPP(PRV_S);
	vtrap_inject(&v, CAUSE_LOAD_ACCESS, 0x80201000);
	assert_int_equal(v.mode, PRV_M);
	assert_int_equal(v.csr.mcause, CAUSE_LOAD_ACCESS);
	assert_int_equal(v.csr.mtval, 0x80201000);
	assert_int_equal(v.csr.mstatus, MSTATUS_MPIE | MPP(PRV_U));
}

/* 3.1.7: vectored mode sends interrupt i to base + 4 * i. */
static void test_inject_vectored_interrupt(void **state)
{
	(void)state;
	v.csr.mtvec = MTVEC_BASE | 1;
	vtrap_inject(&v, CAUSE_IRQ_FLAG | IRQ_M_TIMER, 0);
	assert_int_equal(v.csr.mcause, CAUSE_IRQ_FLAG | IRQ_M_TIMER);
	assert_int_equal(v.pc, MTVEC_BASE + 4 * 7);
	vtrap_inject(&v, CAUSE_IRQ_FLAG | IRQ_M_EXT, 0);
	assert_int_equal(v.pc, MTVEC_BASE + 4 * 11);
	assert_int_equal(v.csr.mepc, MTVEC_BASE + 4 * 7);
}

static void test_inject_direct_interrupt(void **state)
{
	(void)state;
	vtrap_inject(&v, CAUSE_IRQ_FLAG | IRQ_M_SOFT, 0);
	assert_int_equal(v.pc, MTVEC_BASE);
	assert_int_equal(v.csr.mcause, CAUSE_IRQ_FLAG | IRQ_M_SOFT);
}

/* 3.3.2: mode <- MPP, MIE <- MPIE, MPIE <- 1, MPP <- U, pc <- mepc. */
static void test_mret_to_s(void **state)
{
	(void)state;
	v.csr.mstatus = MSTATUS_MPIE | MPP(PRV_S) | MSTATUS_MPRV | MSTATUS_TW;
	v.csr.mepc = 0x80200000;
	vtrap_mret(&v);
	assert_int_equal(v.mode, PRV_S);
	assert_int_equal(v.pc, 0x80200000);
	/* 3.1.6.3: leaving M for a lower mode clears MPRV */
	assert_int_equal(v.csr.mstatus,
			 MSTATUS_MIE | MSTATUS_MPIE | MPP(PRV_U) | MSTATUS_TW);
}

static void test_mret_to_u(void **state)
{
	(void)state;
	v.csr.mstatus = MSTATUS_MIE | MPP(PRV_U) | MSTATUS_MPRV;
	v.csr.mepc = 0x10000;
	vtrap_mret(&v);
	assert_int_equal(v.mode, PRV_U);
	assert_int_equal(v.pc, 0x10000);
	assert_int_equal(v.csr.mstatus, MSTATUS_MPIE);
}

/* MPRV stays when mret returns to M. */
static void test_mret_to_m(void **state)
{
	(void)state;
	v.csr.mstatus = MSTATUS_MPIE | MPP(PRV_M) | MSTATUS_MPRV;
	v.csr.mepc = 0x80100200;
	vtrap_mret(&v);
	assert_int_equal(v.mode, PRV_M);
	assert_int_equal(v.pc, 0x80100200);
	assert_int_equal(v.csr.mstatus, MSTATUS_MIE | MSTATUS_MPIE |
						MPP(PRV_U) | MSTATUS_MPRV);
}

/* MPP = 2 is reserved; vcsr.c stores it as QEMU 7.2 does, and mret then
 * goes to U, the least-privileged mode, never to a mode 2. */
static void test_mret_reserved_mpp_goes_to_u(void **state)
{
	(void)state;
	v.csr.mstatus = MSTATUS_MPIE | MPP(2) | MSTATUS_MPRV;
	v.csr.mepc = 0x10000;
	vtrap_mret(&v);
	assert_int_equal(v.mode, PRV_U);
	assert_int_equal(v.pc, 0x10000);
	assert_int_equal(v.csr.mstatus, MSTATUS_MIE | MSTATUS_MPIE);
}

/* Before 1.12 an mret below M keeps MPRV (1.12 added the clearing). */
static void test_mret_keeps_mprv_before_112(void **state)
{
	(void)state;
	v.priv_minor = 11;
	v.csr.mstatus = MPP(PRV_S) | MSTATUS_MPRV;
	vtrap_mret(&v);
	assert_int_equal(v.mode, PRV_S);
	assert_true(v.csr.mstatus & MSTATUS_MPRV);
}

/* 3.3.2: sret in M goes to SPP at sepc, SIE <- SPIE, SPIE <- 1, SPP <- U;
 * the M fields stay but MPRV (1.12). */
static void test_sret_from_m(void **state)
{
	(void)state;
	fake_hart.csr[CSR_SSTATUS] = MSTATUS_SPP | MSTATUS_SPIE;
	fake_hart.csr[CSR_SEPC] = 0x80200101;
	v.csr.mstatus = MSTATUS_MPIE | MSTATUS_MPRV | MSTATUS_TSR;
	vtrap_sret(&v);
	assert_int_equal(v.mode, PRV_S);
	assert_int_equal(v.pc, 0x80200100);
	assert_int_equal(fake_hart.csr[CSR_SSTATUS], MSTATUS_SIE | MSTATUS_SPIE);
	assert_int_equal(v.csr.mstatus, MSTATUS_MPIE | MSTATUS_TSR);
	/* to U, SIE from SPIE = 0; MPRV kept before 1.12 */
	fake_hart.csr[CSR_SSTATUS] = MSTATUS_SIE;
	v.csr.mstatus = MSTATUS_MPRV;
	v.priv_minor = 10;
	vtrap_sret(&v);
	assert_int_equal(v.mode, PRV_U);
	assert_int_equal(fake_hart.csr[CSR_SSTATUS], MSTATUS_SPIE);
	assert_int_equal(v.csr.mstatus, MSTATUS_MPRV);
}

/* 3.1.14: mepc bit 0 never reaches pc. */
static void test_mret_masks_mepc_bit0(void **state)
{
	(void)state;
	v.csr.mstatus = MPP(PRV_S);
	v.csr.mepc = 0x80200003;
	vtrap_mret(&v);
	assert_int_equal(v.pc, 0x80200002);
}

/* A trap from S then mret restores mode, pc and MIE as they were. */
static void test_inject_then_mret(void **state)
{
	(void)state;
	v.mode = PRV_S;
	v.csr.mstatus = MSTATUS_MIE;
	vtrap_inject(&v, CAUSE_IRQ_FLAG | IRQ_M_TIMER, 0);
	assert_int_equal(v.csr.mstatus & MSTATUS_MIE, 0);
	vtrap_mret(&v);
	assert_int_equal(v.mode, PRV_S);
	assert_int_equal(v.pc, PC);
	assert_int_equal(v.csr.mstatus, MSTATUS_MIE | MSTATUS_MPIE);
}

/* 3.1.9: MEI > MSI > MTI > SEI > SSI > STI. */
static void test_pending_priority(void **state)
{
	static const int order[] = {
		IRQ_M_EXT, IRQ_M_SOFT, IRQ_M_TIMER,
		IRQ_S_EXT, IRQ_S_SOFT, IRQ_S_TIMER,
	};
	u64 mip = MIP_M_BITS | MIP_S_BITS;
	size_t i;

	(void)state;
	v.csr.mstatus = MSTATUS_MIE;
	v.csr.mie = MIP_M_BITS | MIP_S_BITS;
	for (i = 0; i < ARRAY_SIZE(order); i++) {
		assert_int_equal(vtrap_pending_irq(&v, mip), order[i]);
		mip &= ~BIT(order[i]);
	}
	assert_int_equal(vtrap_pending_irq(&v, 0), -1);
}

static void test_pending_masked_by_mie(void **state)
{
	(void)state;
	v.csr.mstatus = MSTATUS_MIE;
	v.csr.mie = MIP_STIP;
	assert_int_equal(vtrap_pending_irq(&v, MIP_M_BITS | MIP_S_BITS),
			 IRQ_S_TIMER);
	v.csr.mie = 0;
	assert_int_equal(vtrap_pending_irq(&v, MIP_M_BITS | MIP_S_BITS), -1);
	v.csr.mie = MIP_M_BITS;
	assert_int_equal(vtrap_pending_irq(&v, MIP_S_BITS), -1);
}

/* Delegated interrupts belong to the payload, never to virtual M. */
static void test_pending_ignores_delegated(void **state)
{
	(void)state;
	v.csr.mstatus = MSTATUS_MIE;
	v.csr.mie = MIP_M_BITS | MIP_S_BITS;
	v.csr.mideleg = MIP_S_BITS;
	assert_int_equal(vtrap_pending_irq(&v, MIP_S_BITS), -1);
	assert_int_equal(vtrap_pending_irq(&v, MIP_S_BITS | MIP_MTIP),
			 IRQ_M_TIMER);
	v.csr.mideleg = MIP_SEIP;
	assert_int_equal(vtrap_pending_irq(&v, MIP_S_BITS), IRQ_S_SOFT);
}

/* 3.1.6.1: in M, MIE gates everything; below M, M-level interrupts are
 * always enabled whatever MIE says. */
static void test_pending_global_enable(void **state)
{
	(void)state;
	v.csr.mie = MIP_M_BITS | MIP_S_BITS;
	v.csr.mstatus = 0;
	assert_int_equal(vtrap_pending_irq(&v, MIP_MEIP), -1);
	v.mode = PRV_S;
	assert_int_equal(vtrap_pending_irq(&v, MIP_MEIP), IRQ_M_EXT);
	v.mode = PRV_U;
	assert_int_equal(vtrap_pending_irq(&v, MIP_MTIP), IRQ_M_TIMER);
	v.csr.mstatus = MSTATUS_MIE;
	assert_int_equal(vtrap_pending_irq(&v, MIP_MSIP), IRQ_M_SOFT);
}

#define T(f) cmocka_unit_test_setup(f, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_inject_from_m),
		T(test_inject_from_s),
		T(test_inject_from_u),
		T(test_inject_vectored_interrupt),
		T(test_inject_direct_interrupt),
		T(test_mret_to_s),
		T(test_mret_to_u),
		T(test_mret_to_m),
		T(test_mret_reserved_mpp_goes_to_u),
		T(test_mret_masks_mepc_bit0),
		T(test_mret_keeps_mprv_before_112),
		T(test_sret_from_m),
		T(test_inject_then_mret),
		T(test_pending_priority),
		T(test_pending_masked_by_mie),
		T(test_pending_ignores_delegated),
		T(test_pending_global_enable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
