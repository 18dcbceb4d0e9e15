// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of the virtual M-mode CSR model (monitor/core/vcsr.c). Each
 * access goes through vcsr_access() with (new_val, wr_mask) as csrrw,
 * csrrs and csrrc produce them; expected values come from the Privileged
 * spec 1.12, chapter 3 (sections cited beside each test). Where the spec
 * leaves a choice, or where vcsr.c deliberately copies a QEMU 7.2 quirk so
 * that the firmware sees what it sees natively (commit a61bf46, checked by
 * tests/firmware/conformance), the test says so and pins QEMU's value.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "monitor/core/vcsr.h"
#include "tests/host/fake_hart.h"

#define HARTID 3
/* what the firmware may change in sstatus: not FS/VS (vcsr.c: the virtual
 * misa has no F, D, V; a hostile firmware used them to reach the payload's
 * FP registers) */
#define SSTATUS_RW                                                      \
	(MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_SUM | MSTATUS_MXR)
#define M_ONLY_FIELDS                                              \
	(MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_MPRV | \
	 MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR)

static struct vcpu v;

static int setup(void **state)
{
	(void)state;
	fake_vcpu_init(&v, HARTID);
	return 0;
}

/* csrrw: every bit written. */
static int csr_rw(u16 csr, u64 val, u64 *old)
{
	return vcsr_access(&v, csr, val, ~0ULL, old);
}

/* csrrs: the bits of @bits set. */
static int csr_rs(u16 csr, u64 bits, u64 *old)
{
	return vcsr_access(&v, csr, bits, bits, old);
}

/* csrrc: the bits of @bits cleared. */
static int csr_rc(u16 csr, u64 bits, u64 *old)
{
	return vcsr_access(&v, csr, 0, bits, old);
}

/* csrrs rd, csr, x0: a pure read, which must succeed. */
static u64 get(u16 csr)
{
	u64 val = 0xbadc0ffee0ddf00dULL;

	assert_int_equal(vcsr_access(&v, csr, 0, 0, &val), 0);
	return val;
}

/* csrrw, which must succeed; returns the old value. */
static u64 set(u16 csr, u64 val)
{
	u64 old = 0xbadc0ffee0ddf00dULL;

	assert_int_equal(csr_rw(csr, val, &old), 0);
	return old;
}

/* 3.1.6: the M fields stay virtual, the S fields are the payload's sstatus. */
static void test_mstatus_split(void **state)
{
	u64 st;

	(void)state;
	set(CSR_MSTATUS, ~0ULL);
	/* and the firmware's own FS (the hart has F and D) */
	assert_int_equal(v.csr.mstatus, M_ONLY_FIELDS | MSTATUS_FS);
	assert_int_equal(fake_hart.last_write, CSR_SSTATUS);
	assert_int_equal(fake_hart.csr[CSR_SSTATUS] & SSTATUS_RW, SSTATUS_RW);
	assert_int_equal(fake_hart.csr[CSR_SSTATUS] & M_ONLY_FIELDS, 0);
	st = get(CSR_MSTATUS);
	assert_int_equal(st & M_ONLY_FIELDS, M_ONLY_FIELDS);
	assert_int_equal(st & SSTATUS_RW, SSTATUS_RW);

	set(CSR_MSTATUS, 0);
	assert_int_equal(v.csr.mstatus, 0);
	assert_int_equal(fake_hart.csr[CSR_SSTATUS] & SSTATUS_RW, 0);
}

/* Regression (hostile-protect-fp): the firmware cannot switch FP or vector
 * state on or off, through mstatus or sstatus; the hart's value stays. */
static void test_fs_vs_not_writable(void **state)
{
	(void)state;
	fake_hart.csr[CSR_SSTATUS] = 0;
	set(CSR_MSTATUS, MSTATUS_FS | MSTATUS_VS);
	set(CSR_SSTATUS, MSTATUS_FS | MSTATUS_VS);
	assert_int_equal(fake_hart.csr[CSR_SSTATUS] & (MSTATUS_FS | MSTATUS_VS),
			 0);
	fake_hart.csr[CSR_SSTATUS] = MSTATUS_FS;
	set(CSR_MSTATUS, 0);
	set(CSR_SSTATUS, 0);
	assert_int_equal(fake_hart.csr[CSR_SSTATUS] & MSTATUS_FS, MSTATUS_FS);
}

/* The S fields read through mstatus are whatever sstatus holds now; FS
 * is the firmware's own, never the hart's (the payload's) FS. */
static void test_mstatus_reads_live_sstatus(void **state)
{
	u64 st;

	(void)state;
	v.csr.mstatus = MSTATUS_MPIE;
	fake_hart.csr[CSR_SSTATUS] = MSTATUS_SIE | MSTATUS_SPP | MSTATUS_FS |
				     MSTATUS_VS | MSTATUS_SD;
	st = get(CSR_MSTATUS);
	assert_int_equal(st & ~(MSTATUS_UXL | MSTATUS_SXL),
			 MSTATUS_MPIE | MSTATUS_SIE | MSTATUS_SPP);
	assert_int_equal(get(CSR_SSTATUS) & (MSTATUS_FS | MSTATUS_SD), 0);
}

/* 3.1.6.6: the firmware's FS is virtual until its FP registers are live
 * in the hart (hw/fpu.c), then the hart's; SD = (FS == Dirty). */
static void test_fs_virtual_then_live(void **state)
{
	u64 st;

	(void)state;
	fake_hart.csr[CSR_SSTATUS] = 0;
	set(CSR_MSTATUS, 1ULL << 13); /* Initial */
	assert_int_equal(v.csr.mstatus & MSTATUS_FS, 1ULL << 13);
	assert_int_equal(fake_hart.csr[CSR_SSTATUS] & MSTATUS_FS, 0);
	set(CSR_SSTATUS, MSTATUS_FS); /* through sstatus too */
	st = get(CSR_MSTATUS);
	assert_int_equal(st & MSTATUS_FS, MSTATUS_FS);
	assert_true(st & MSTATUS_SD);
	assert_int_equal(fake_hart.csr[CSR_SSTATUS] & MSTATUS_FS, 0);
	/* live: the hart holds it (and turns it Dirty by itself) */
	v.fp_live = true;
	fake_hart.csr[CSR_SSTATUS] = 2ULL << 13;
	assert_int_equal(get(CSR_MSTATUS) & (MSTATUS_FS | MSTATUS_SD),
			 2ULL << 13);
	set(CSR_MSTATUS, 0);
	assert_int_equal(fake_hart.csr[CSR_SSTATUS] & MSTATUS_FS, 0);
	v.fp_live = false;
}

/* Without F and D, FS is read-only zero. */
static void test_fs_without_fpu(void **state)
{
	(void)state;
	v.csr.misa &= ~(MISA_EXT('F') | MISA_EXT('D'));
	set(CSR_MSTATUS, MSTATUS_FS);
	assert_int_equal(get(CSR_MSTATUS) & (MSTATUS_FS | MSTATUS_SD), 0);
}

/* A hart without S-mode (QEMU sifive_u's E51) has no S-mode CSR: each
 * access is an illegal instruction, as on the bare hart, not a value kept
 * or dropped; the M-mode CSRs stay. */
static void test_no_s_mode(void **state)
{
	static const u16 s_csrs[] = {
		CSR_SSTATUS, CSR_SIE,	CSR_STVEC, CSR_SCOUNTEREN, CSR_SSCRATCH,
		CSR_SEPC,    CSR_SCAUSE, CSR_STVAL, CSR_SIP,	   CSR_SATP,
	};
	u64 old = 0x1234;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(s_csrs); i++)
		assert_int_equal(vcsr_access(&v, s_csrs[i], 0, 0, &old), 0);
	v.csr.misa &= ~MISA_EXT('S');
	for (i = 0; i < ARRAY_SIZE(s_csrs); i++) {
		assert_int_equal(vcsr_access(&v, s_csrs[i], 0, 0, &old),
				 -RAMPART_EINVAL);
		assert_int_equal(csr_rw(s_csrs[i], 2, &old), -RAMPART_EINVAL);
	}
	assert_int_equal(v.csr.satp, 0);
	set(CSR_MSCRATCH, 0x55);
	assert_int_equal(get(CSR_MSCRATCH), 0x55);
}

/* 3.1.11-12: the counters and their inhibit bits are the hart's. */
static void test_counters_are_the_harts(void **state)
{
	(void)state;
	set(CSR_MCYCLE, 0x1000);
	assert_int_equal(fake_hart.csr[CSR_MCYCLE], 0x1000);
	set(CSR_MINSTRET, 0x2000);
	assert_int_equal(fake_hart.csr[CSR_MINSTRET], 0x2000);
	set(CSR_MCOUNTINHIBIT, ~0ULL);
	assert_int_equal(fake_hart.csr[CSR_MCOUNTINHIBIT], 0xfffffffdULL);
	assert_int_equal(get(CSR_MCOUNTINHIBIT), 0xfffffffdULL);
}

/* csrrs/csrrc on mstatus touch only their bits. */
static void test_mstatus_set_clear(void **state)
{
	u64 old;

	(void)state;
	v.csr.mstatus = MSTATUS_MPIE | (1ULL << MSTATUS_MPP_SHIFT);
	assert_int_equal(csr_rs(CSR_MSTATUS, MSTATUS_MIE, &old), 0);
	assert_int_equal(old & M_ONLY_FIELDS,
			 MSTATUS_MPIE | (1ULL << MSTATUS_MPP_SHIFT));
	assert_int_equal(v.csr.mstatus, MSTATUS_MIE | MSTATUS_MPIE |
						(1ULL << MSTATUS_MPP_SHIFT));
	assert_int_equal(csr_rc(CSR_MSTATUS, MSTATUS_MPIE, &old), 0);
	assert_int_equal(v.csr.mstatus,
			 MSTATUS_MIE | (1ULL << MSTATUS_MPP_SHIFT));
}

static u64 mpp(void)
{
	return (get(CSR_MSTATUS) & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT;
}

/*
 * 3.1.6.1: MPP holds M, S or U. The spec makes MPP WARL, so 2 (reserved)
 * should not stick; QEMU 7.2 keeps it as written, and so does vcsr.c
 * (vtrap_mret() then returns to U: test_vtrap.c).
 */
static void test_mstatus_mpp(void **state)
{
	(void)state;
	set(CSR_MSTATUS, 1ULL << MSTATUS_MPP_SHIFT);
	assert_int_equal(mpp(), PRV_S);
	set(CSR_MSTATUS, 0);
	assert_int_equal(mpp(), PRV_U);
	set(CSR_MSTATUS, 3ULL << MSTATUS_MPP_SHIFT);
	assert_int_equal(mpp(), PRV_M);
	set(CSR_MSTATUS, (2ULL << MSTATUS_MPP_SHIFT) | MSTATUS_MIE);
	assert_int_equal(mpp(), 2); /* QEMU 7.2 */
	assert_int_equal(v.csr.mstatus,
			 (2ULL << MSTATUS_MPP_SHIFT) | MSTATUS_MIE);
}

/* 3.1.6.2: UXL and SXL read 2 (XLEN 64) on an RV64 hart, whatever is written. */
static void test_mstatus_xl_reads_64(void **state)
{
	u64 st;

	(void)state;
	st = get(CSR_MSTATUS);
	assert_int_equal((st >> 32) & 3, 2);
	assert_int_equal((st >> 34) & 3, 2);
	set(CSR_MSTATUS, 0);
	st = get(CSR_MSTATUS);
	assert_int_equal((st >> 32) & 3, 2);
	assert_int_equal((st >> 34) & 3, 2);
}

/*
 * 3.1.8: the exceptions that can occur below M are delegable: causes 0-9,
 * 12, 13, 15. The spec makes bit 11 (ecall from M) read-only zero; QEMU 7.2
 * keeps it writable, and vcsr.c copies that (it can never take effect).
 * Bit 10 (VS ecall) goes with the hidden H extension; 14 and 16+ are
 * reserved or H-only.
 */
static void test_medeleg_mask(void **state)
{
	u64 delegable = BIT(0) | BIT(1) | BIT(2) | BIT(3) | BIT(4) | BIT(5) |
			BIT(6) | BIT(7) | BIT(8) | BIT(9) | BIT(12) | BIT(13) |
			BIT(15);

	(void)state;
	set(CSR_MEDELEG, ~0ULL);
	assert_int_equal(get(CSR_MEDELEG),
			 delegable | BIT(CAUSE_MACHINE_ECALL)); /* 0xbbff */
	set(CSR_MEDELEG, BIT(10) | BIT(14) | ~0xffffULL);
	assert_int_equal(get(CSR_MEDELEG), 0);
}

/* 3.1.8: without H only the S-level interrupts can be delegated. */
static void test_mideleg_mask(void **state)
{
	(void)state;
	set(CSR_MIDELEG, ~0ULL);
	assert_int_equal(get(CSR_MIDELEG), 0x222);
	set(CSR_MIDELEG, MIP_MTIP | MIP_MSIP | MIP_MEIP);
	assert_int_equal(get(CSR_MIDELEG), 0);
}

/* 3.1.9: mie has a bit for each implemented interrupt (S and M). */
static void test_mie_mask(void **state)
{
	(void)state;
	set(CSR_MIE, ~0ULL);
	assert_int_equal(get(CSR_MIE), 0xaaa);
	set(CSR_MIE, 0x555);
	assert_int_equal(get(CSR_MIE), 0);
}

/* 4.1.3: sie shows the delegated bits of mie and writes only those. */
static void test_sie_view(void **state)
{
	(void)state;
	set(CSR_MIDELEG, MIP_SSIP | MIP_STIP);
	set(CSR_MIE, MIP_M_BITS | MIP_SEIP);
	assert_int_equal(get(CSR_SIE), 0);
	set(CSR_SIE, ~0ULL);
	assert_int_equal(get(CSR_MIE), 0xaaa);
	assert_int_equal(get(CSR_SIE), MIP_SSIP | MIP_STIP);
	set(CSR_SIE, 0);
	assert_int_equal(get(CSR_MIE), MIP_M_BITS | MIP_SEIP);
	set(CSR_MIDELEG, 0);
	set(CSR_SIE, ~0ULL);
	assert_int_equal(get(CSR_MIE), MIP_M_BITS | MIP_SEIP);
}

/* 4.1.3: sip shows the delegated bits of mip; only SSIP is writable. */
static void test_sip_view(void **state)
{
	(void)state;
	fake_hart.csr[CSR_MIP] = MIP_SSIP | MIP_STIP | MIP_SEIP | MIP_MTIP;
	set(CSR_MIDELEG, MIP_SSIP | MIP_SEIP);
	assert_int_equal(get(CSR_SIP), MIP_SSIP | MIP_SEIP);
	assert_int_equal(get(CSR_MIP),
			 MIP_SSIP | MIP_STIP | MIP_SEIP | MIP_MTIP);
	set(CSR_SIP, 0);
	assert_int_equal(fake_hart.csr[CSR_MIP],
			 MIP_STIP | MIP_SEIP | MIP_MTIP);
	set(CSR_MIDELEG, 0);
	set(CSR_SIP, ~0ULL);
	assert_int_equal(fake_hart.csr[CSR_MIP],
			 MIP_STIP | MIP_SEIP | MIP_MTIP);
	assert_int_equal(get(CSR_SIP), 0);
}

/* 3.1.9: in mip only SSIP, STIP and SEIP are writable by M-mode. */
static void test_mip_write_s_bits_only(void **state)
{
	u64 old;

	(void)state;
	set(CSR_MIP, ~0ULL);
	assert_int_equal(fake_hart.csr[CSR_MIP], MIP_S_BITS);
	fake_hart.csr[CSR_MIP] = 0xaaa;
	set(CSR_MIP, 0);
	assert_int_equal(fake_hart.csr[CSR_MIP], MIP_M_BITS);
	assert_int_equal(csr_rs(CSR_MIP, MIP_SSIP, &old), 0);
	assert_int_equal(old, MIP_M_BITS);
	assert_int_equal(fake_hart.csr[CSR_MIP], MIP_M_BITS | MIP_SSIP);
}

/* 3.1.7: MODE 2 and 3 are reserved; such a write leaves mtvec alone. */
static void test_mtvec_modes(void **state)
{
	(void)state;
	set(CSR_MTVEC, 0x80100001);
	assert_int_equal(get(CSR_MTVEC), 0x80100001);
	set(CSR_MTVEC, 0x80200002);
	assert_int_equal(get(CSR_MTVEC), 0x80100001);
	set(CSR_MTVEC, 0x80200003);
	assert_int_equal(get(CSR_MTVEC), 0x80100001);
	set(CSR_MTVEC, 0x80300000);
	assert_int_equal(get(CSR_MTVEC), 0x80300000);
}

/*
 * 3.1.14 says mepc[0] is always zero. QEMU 7.2 stores all bits and drops
 * bit 0 only when mret jumps; vcsr.c copies that (mret: test_vtrap.c).
 */
static void test_mepc_keeps_bit0_like_qemu(void **state)
{
	(void)state;
	set(CSR_MEPC, 0x80200003);
	assert_int_equal(get(CSR_MEPC), 0x80200003);
	set(CSR_MEPC, ~0ULL);
	assert_int_equal(get(CSR_MEPC), ~0ULL);
}

/* 3.1.11 makes mcounteren 32 bits; QEMU 7.2 keeps 64, as vcsr.c does. */
static void test_mcounteren_64_bits_like_qemu(void **state)
{
	(void)state;
	set(CSR_MCOUNTEREN, ~0ULL);
	assert_int_equal(get(CSR_MCOUNTEREN), ~0ULL);
	set(CSR_MCOUNTEREN, 0x5);
	assert_int_equal(get(CSR_MCOUNTEREN), 0x5);
}

/* 3.1.12: mcountinhibit is 32 bits and bit 1 (TM) is read-only zero. */
static void test_mcountinhibit_mask(void **state)
{
	(void)state;
	set(CSR_MCOUNTINHIBIT, ~0ULL);
	assert_int_equal(get(CSR_MCOUNTINHIBIT), 0xfffffffdULL);
}

/* 3.1.18: FIOM, CBIE, CBCFE, CBZE, PBMTE, STCE; the rest is WPRI zero. */
static void test_menvcfg_mask(void **state)
{
	(void)state;
	set(CSR_MENVCFG, ~0ULL);
	assert_int_equal(get(CSR_MENVCFG), 0xc0000000000000f1ULL);
	set(CSR_MENVCFG, 0x3ffffffffffff00eULL);
	assert_int_equal(get(CSR_MENVCFG), 0);
}

static void test_scratch_cause_tval_storage(void **state)
{
	u64 old;

	(void)state;
	set(CSR_MSCRATCH, 0xfff);
	assert_int_equal(csr_rc(CSR_MSCRATCH, 0xff, &old), 0);
	assert_int_equal(old, 0xfff);
	assert_int_equal(csr_rs(CSR_MSCRATCH, 0x5000, &old), 0);
	assert_int_equal(old, 0xf00);
	assert_int_equal(get(CSR_MSCRATCH), 0x5f00);
	set(CSR_MCAUSE, CAUSE_IRQ_FLAG | IRQ_M_TIMER);
	assert_int_equal(get(CSR_MCAUSE), CAUSE_IRQ_FLAG | IRQ_M_TIMER);
	set(CSR_MTVAL, 0xdeadbeefcafef00dULL);
	assert_int_equal(get(CSR_MTVAL), 0xdeadbeefcafef00dULL);
}

/* 4.1.11: a write with an unsupported MODE has no effect at all. */
static void test_satp_modes(void **state)
{
	static const u64 bad_modes[] = { 1, 7, 11, 15 };
	u64 sv39 = (8ULL << 60) | (0x1234ULL << 44) | 0x80400;
	size_t i;

	(void)state;
	set(CSR_SATP, sv39);
	assert_int_equal(get(CSR_SATP), sv39);
	for (i = 0; i < ARRAY_SIZE(bad_modes); i++) {
		set(CSR_SATP, (bad_modes[i] << 60) | 0x80500);
		assert_int_equal(get(CSR_SATP), sv39);
	}
	set(CSR_SATP, (9ULL << 60) | 0x80600); /* sv48 */
	assert_int_equal(get(CSR_SATP), (9ULL << 60) | 0x80600);
	set(CSR_SATP, (10ULL << 60) | 0x80700); /* sv57 */
	assert_int_equal(get(CSR_SATP), (10ULL << 60) | 0x80700);
	set(CSR_SATP, 0);
	assert_int_equal(get(CSR_SATP), 0);
}

/* misa hides H (vcpu_reset), shows F and D (the firmware has FP registers
 * of its own) and ignores writes (WARL). */
static void test_misa(void **state)
{
	u64 want = (2ULL << 62) | MISA_EXT('I') | MISA_EXT('M') |
		   MISA_EXT('A') | MISA_EXT('F') | MISA_EXT('D') |
		   MISA_EXT('C') | MISA_EXT('S') | MISA_EXT('U');

	(void)state;
	assert_int_equal(get(CSR_MISA), want);
	set(CSR_MISA, 0);
	assert_int_equal(get(CSR_MISA), want);
}

/* 2.1 (CSR address map): csr[11:10] = 3 is read-only; writes are illegal. */
static void test_read_only(void **state)
{
	static const u16 ro[] = {
		CSR_MHARTID, CSR_MVENDORID,  CSR_MARCHID,
		CSR_MIMPID,  CSR_MCONFIGPTR, CSR_CYCLE,
		CSR_TIME,    CSR_INSTRET,    CSR_HPMCOUNTER3,
	};
	u64 old = 0;
	size_t i;

	(void)state;
	v.csr.mvendorid = 0x489;
	fake_hart.csr[CSR_TIME] = 123456;
	assert_int_equal(get(CSR_MHARTID), HARTID);
	assert_int_equal(get(CSR_MVENDORID), 0x489);
	assert_int_equal(get(CSR_MCONFIGPTR), 0);
	assert_int_equal(get(CSR_TIME), 123456);
	for (i = 0; i < ARRAY_SIZE(ro); i++) {
		assert_int_equal(csr_rw(ro[i], 0, &old), -RAMPART_EINVAL);
		assert_int_equal(csr_rs(ro[i], 1, &old), -RAMPART_EINVAL);
		assert_int_equal(csr_rc(ro[i], 1, &old), -RAMPART_EINVAL);
	}
	assert_int_equal(fake_hart.writes, 0);
	assert_int_equal(v.csr.mhartid, HARTID);
	assert_int_equal(v.csr.mvendorid, 0x489);
}

/* Unknown CSRs are illegal, for reads as for writes. */
/* A hart of privileged spec 1.10 or 1.11 has no CSR a later one added:
 * virtual M-mode traps on them exactly as the bare hart does. */
static void test_older_priv_specs(void **state)
{
	static const struct {
		u16 csr;
		unsigned int since;
	} added[] = {
		{ CSR_MCOUNTINHIBIT, 11 }, { CSR_MENVCFG, 12 },
		{ CSR_SENVCFG, 12 }, { CSR_MCONFIGPTR, 12 },
	};
	unsigned int minor;
	size_t i;
	u64 old;

	(void)state;
	for (minor = 10; minor <= 12; minor++) {
		vcsr_init(minor);
		for (i = 0; i < ARRAY_SIZE(added); i++)
			assert_int_equal(vcsr_access(&v, added[i].csr, 0, 0,
						     &old) == 0,
					 minor >= added[i].since);
		/* what every version has */
		assert_int_equal(vcsr_access(&v, CSR_MSCRATCH, 0, 0, &old), 0);
		assert_int_equal(vcsr_access(&v, CSR_MCOUNTEREN, 0, 0, &old), 0);
	}
	vcsr_init(12);
}

static void test_unknown_csrs(void **state)
{
	static const u16 unknown[] = {
		0x7c0, /* custom */
		0x600, /* hstatus: H is hidden */
		0x680, /* hgatp */
		0x3a1, /* pmpcfg1: odd pmpcfg do not exist on RV64 */
		0x3a3, /* pmpcfg3 */
		0x3af, /* pmpcfg15 */
		0x3c0, /* pmpaddr16: QEMU 7.2 has pmpaddr0-15 only */
		0x7b0, /* dcsr: debug mode only */
		0x001, /* fflags: F is hidden */
	};
	u64 old = 0x1234;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(unknown); i++) {
		assert_int_equal(vcsr_access(&v, unknown[i], 0, 0, &old),
				 -RAMPART_EINVAL);
		assert_int_equal(csr_rw(unknown[i], 1, &old), -RAMPART_EINVAL);
	}
	assert_int_equal(old, 0x1234);
}

/*
 * 3.7.1: pmpcfg0 holds entries 0-7, byte i for entry i. Bits 6:5 of each
 * byte are reserved; QEMU 7.2 keeps them as written, and so does vcsr.c.
 */
static void test_pmpcfg0_storage(void **state)
{
	(void)state;
	set(CSR_PMPCFG0, 0x007f1d0f19000f18ULL);
	assert_int_equal(get(CSR_PMPCFG0), 0x007f1d0f19000f18ULL);
	assert_int_equal(vcsr_pmp_cfg(&v, 0), 0x18);
	assert_int_equal(vcsr_pmp_cfg(&v, 1), 0x0f);
	assert_int_equal(vcsr_pmp_cfg(&v, 3), 0x19);
	assert_int_equal(vcsr_pmp_cfg(&v, 6), 0x7f);
	assert_int_equal(vcsr_pmp_cfg(&v, 7), 0x00);
}

/* 3.7.1: pmpaddr holds bits 55:2 of the address on RV64; QEMU 7.2 keeps
 * bits 63:54 as well, and so does vcsr.c. */
static void test_pmpaddr_storage(void **state)
{
	unsigned int i;

	(void)state;
	for (i = 0; i < 8; i++)
		set((u16)(CSR_PMPADDR0 + i), 0x20040000ULL + i);
	for (i = 0; i < 8; i++)
		assert_int_equal(get((u16)(CSR_PMPADDR0 + i)),
				 0x20040000ULL + i);
	set(CSR_PMPADDR0 + 7, ~0ULL);
	assert_int_equal(get(CSR_PMPADDR0 + 7), ~0ULL);
}

/* Entries 8-15 exist in the hart but not for the firmware: hardwired 0. */
static void test_upper_pmp_hardwired_zero(void **state)
{
	struct vcsr before;
	unsigned int i;

	(void)state;
	before = v.csr;
	assert_int_equal(set(CSR_PMPCFG0 + 2, ~0ULL), 0);
	assert_int_equal(get(CSR_PMPCFG0 + 2), 0);
	for (i = 8; i < 16; i++) {
		assert_int_equal(set((u16)(CSR_PMPADDR0 + i), ~0ULL), 0);
		assert_int_equal(get((u16)(CSR_PMPADDR0 + i)), 0);
	}
	assert_memory_equal(&before, &v.csr, sizeof(before));
}

/* 3.7.1: a locked entry ignores writes to its pmpcfg byte and pmpaddr. */
static void test_pmp_lock(void **state)
{
	(void)state;
	set(CSR_PMPADDR0, 0x1000);
	set(CSR_PMPADDR0 + 1, 0x2000);
	set(CSR_PMPCFG0, 0x990f); /* entry 0 TOR RWX, entry 1 L|NAPOT|R */
	set(CSR_PMPCFG0, 0);
	assert_int_equal(get(CSR_PMPCFG0), 0x9900);
	set(CSR_PMPADDR0 + 1, 0x3000);
	assert_int_equal(get(CSR_PMPADDR0 + 1), 0x2000);
	/* entry 1 is NAPOT, not TOR: the address below stays writable */
	set(CSR_PMPADDR0, 0x1800);
	assert_int_equal(get(CSR_PMPADDR0), 0x1800);
	/* clearing L through pmpcfg0 is ignored too */
	set(CSR_PMPCFG0, 0x1900);
	assert_int_equal(vcsr_pmp_cfg(&v, 1), 0x99);
}

/* 3.7.1: a locked TOR entry also locks the pmpaddr of the entry below. */
static void test_pmp_locked_tor_protects_previous(void **state)
{
	(void)state;
	set(CSR_PMPADDR0 + 2, 0x2000);
	set(CSR_PMPADDR0 + 3, 0x3000);
	set(CSR_PMPADDR0 + 4, 0x4000);
	set(CSR_PMPCFG0, 0x8dULL << 24); /* entry 3: L|TOR|RX */
	set(CSR_PMPADDR0 + 2, 0x2222);
	set(CSR_PMPADDR0 + 3, 0x3333);
	set(CSR_PMPADDR0 + 4, 0x4444);
	assert_int_equal(get(CSR_PMPADDR0 + 2), 0x2000);
	assert_int_equal(get(CSR_PMPADDR0 + 3), 0x3000);
	assert_int_equal(get(CSR_PMPADDR0 + 4), 0x4444);
}

/* An unlocked TOR entry does not protect the entry below; a locked TOR
 * entry 0 has no entry below to protect. */
static void test_pmp_tor_edges(void **state)
{
	(void)state;
	set(CSR_PMPCFG0, 0x0fULL << 40); /* entry 5: TOR RWX, unlocked */
	set(CSR_PMPADDR0 + 4, 0x4444);
	assert_int_equal(get(CSR_PMPADDR0 + 4), 0x4444);
	set(CSR_PMPCFG0, 0x8fULL | (0x8fULL << 56)); /* 0 and 7 locked TOR */
	set(CSR_PMPADDR0, 0x1111);
	set(CSR_PMPADDR0 + 6, 0x6666);
	set(CSR_PMPADDR0 + 7, 0x7777);
	assert_int_equal(get(CSR_PMPADDR0), 0);
	assert_int_equal(get(CSR_PMPADDR0 + 6), 0);
	assert_int_equal(get(CSR_PMPADDR0 + 7), 0);
	set(CSR_PMPADDR0 + 1, 0x1234);
	assert_int_equal(get(CSR_PMPADDR0 + 1), 0x1234);
}

/* mhpmcounter3..18 (the hart's) and mhpmevent3..18 (virtual) exist (QEMU
 * virt); 19+ do not. */
static void test_hpm_counters(void **state)
{
	u64 old;

	(void)state;
	set(CSR_MHPMCOUNTER3, 0x1111);
	set(CSR_MHPMCOUNTER3 + 15, 0x1818);
	set(CSR_MHPMEVENT3, 0xe3);
	set(CSR_MHPMEVENT3 + 15, 0xe18);
	assert_int_equal(get(CSR_MHPMCOUNTER3), 0x1111);
	assert_int_equal(get(CSR_MHPMCOUNTER3 + 15), 0x1818);
	assert_int_equal(get(CSR_HPMCOUNTER3), 0x1111);
	assert_int_equal(get(CSR_HPMCOUNTER3 + 15), 0x1818);
	assert_int_equal(get(CSR_MHPMEVENT3), 0xe3);
	assert_int_equal(get(CSR_MHPMEVENT3 + 15), 0xe18);
	assert_int_equal(vcsr_access(&v, CSR_MHPMCOUNTER3 + 16, 0, 0, &old),
			 -RAMPART_EINVAL);
	assert_int_equal(csr_rw(CSR_MHPMCOUNTER31, 1, &old), -RAMPART_EINVAL);
	assert_int_equal(vcsr_access(&v, CSR_HPMCOUNTER3 + 16, 0, 0, &old),
			 -RAMPART_EINVAL);
}

/* The payload's S CSRs and the counters are the hart's: forwarded. */
static void test_live_csrs_forwarded(void **state)
{
	static const u16 live[] = {
		CSR_STVEC, CSR_SSCRATCH,   CSR_SEPC,	CSR_SCAUSE,
		CSR_STVAL, CSR_SCOUNTEREN, CSR_SENVCFG, CSR_STIMECMP,
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(live); i++) {
		fake_hart.csr[live[i]] = 0x1000 + i;
		assert_int_equal(set(live[i], 0x2000 + i), 0x1000 + i);
		assert_int_equal(fake_hart.csr[live[i]], 0x2000 + i);
		assert_int_equal(fake_hart.last_write, live[i]);
	}
	fake_hart.csr[CSR_TIME] = 0x7777;
	fake_hart.csr[CSR_CYCLE] = 0x8888;
	fake_hart.csr[CSR_MCYCLE] = 0x9999;
	assert_int_equal(get(CSR_TIME), 0x7777);
	assert_int_equal(get(CSR_CYCLE), 0x8888);
	assert_int_equal(get(CSR_MCYCLE), 0x9999);
}

/* A live CSR the hart lacks (no Sstc) is illegal, not zero. */
static void test_stimecmp_refused(void **state)
{
	u64 old = 0x55;

	(void)state;
	fake_hart.present[CSR_STIMECMP] = false;
	assert_int_equal(vcsr_access(&v, CSR_STIMECMP, 0, 0, &old),
			 -RAMPART_EINVAL);
	assert_int_equal(csr_rw(CSR_STIMECMP, ~0ULL, &old), -RAMPART_EINVAL);
	assert_int_equal(old, 0x55);
	assert_int_equal(fake_hart.writes, 0);
}

/*
 * Regression (SMP boot hang): OpenSBI's csr_set(mip, SSIP) while the
 * external line is high must not latch the line into the software SEIP
 * bit, else SEIP stays pending for good (Priv. 3.1.9).
 */
static void test_mip_rmw_does_not_latch_seip(void **state)
{
	u64 old;

	(void)state;
	fake_hart.seip_line = MIP_SEIP;
	assert_int_equal(vcsr_access(&v, CSR_MIP, MIP_SSIP, MIP_SSIP, &old), 0);
	assert_true(old & MIP_SEIP);
	assert_int_equal(fake_hart.csr[CSR_MIP] & MIP_SEIP, 0);
	assert_int_equal(fake_hart.csr[CSR_MIP] & MIP_SSIP, MIP_SSIP);
	assert_int_equal(vcsr_access(&v, CSR_MIP, 0, MIP_SSIP, &old), 0);
	assert_int_equal(fake_hart.csr[CSR_MIP] & (MIP_SSIP | MIP_SEIP), 0);
	fake_hart.seip_line = 0;
}

#define T(f) cmocka_unit_test_setup(f, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_mstatus_split),
		T(test_mstatus_reads_live_sstatus),
		T(test_fs_virtual_then_live),
		T(test_fs_without_fpu),
		T(test_counters_are_the_harts),
		T(test_mstatus_set_clear),
		T(test_mstatus_mpp),
		T(test_mstatus_xl_reads_64),
		T(test_medeleg_mask),
		T(test_mideleg_mask),
		T(test_mie_mask),
		T(test_sie_view),
		T(test_sip_view),
		T(test_mip_write_s_bits_only),
		T(test_mtvec_modes),
		T(test_mepc_keeps_bit0_like_qemu),
		T(test_mcounteren_64_bits_like_qemu),
		T(test_mcountinhibit_mask),
		T(test_menvcfg_mask),
		T(test_scratch_cause_tval_storage),
		T(test_satp_modes),
		T(test_misa),
		T(test_no_s_mode),
		T(test_read_only),
		T(test_unknown_csrs),
		T(test_older_priv_specs),
		T(test_pmpcfg0_storage),
		T(test_pmpaddr_storage),
		T(test_upper_pmp_hardwired_zero),
		T(test_pmp_lock),
		T(test_pmp_locked_tor_protects_previous),
		T(test_pmp_tor_edges),
		T(test_hpm_counters),
		T(test_live_csrs_forwarded),
		T(test_stimecmp_refused),
		T(test_mip_rmw_does_not_latch_seip),
		T(test_fs_vs_not_writable),
	};

	vcsr_init(12);

	return cmocka_run_group_tests(tests, NULL, NULL);
}
