// SPDX-License-Identifier: BSD-2-Clause
/*
 * CSR instruction forms and the WARL behaviour of the M-mode CSRs.
 * Probes write a value and read it back in one asm block (csr_probe), then
 * restore the old value, so nothing runs with e.g. MPRV or TVM set.
 */
#include "check.h"

#define MSTATUS_FIELDS                                             \
	(MSTATUS_SIE | MSTATUS_MIE | MSTATUS_SPIE | MSTATUS_MPIE | \
	 MSTATUS_SPP | MSTATUS_MPP | MSTATUS_MPRV | MSTATUS_SUM |  \
	 MSTATUS_MXR | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR)
#define SSTATUS_FIELDS \
	(MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_SUM | MSTATUS_MXR)
#define MENVCFG_FIELDS (BIT(63) | BIT(0)) /* STCE, FIOM */
#define MEDELEG_VS_ECALL BIT(10)	  /* H extension only */

/* State at entry, before the firmware changed anything. */
void test_reset(void)
{
	chk_begin("reset.m");
	chk_kv("mstatus", csr_read(mstatus) & MSTATUS_FIELDS);
	chk_kv("mie", csr_read(mie) & IRQ_MASK_NO_H);
	chk_kv("mip.s", csr_read(mip) & (MIP_SSIP | MIP_STIP | MIP_SEIP));
	chk_kv("medeleg", csr_read(medeleg) & 0xffff & ~MEDELEG_VS_ECALL);
	chk_kv("mideleg", csr_read(mideleg) & IRQ_MASK_NO_H);
	chk_krel("mtvec", reset_mtvec);
	chk_kv("mscratch", reset_mscratch);
	chk_kv("mcause", csr_read(mcause));
	chk_end();
	chk_begin("reset.other");
	chk_kv("mcounteren", csr_read(mcounteren));
	chk_kv("menvcfg", csr_read(menvcfg) & MENVCFG_FIELDS);
	if (hart_has_s_mode()) /* else it traps: nos.c */
		chk_kv("satp", csr_read(satp));
	chk_kv("pmpcfg0", csr_read(pmpcfg0));
	chk_kv("msip", mmio_read32(CLINT_MSIP0));
	chk_end();
}

static void chk_old_new(const char *name, u64 old, u64 now)
{
	chk_begin(name);
	chk_kv("old", old);
	chk_kv("new", now);
	chk_end();
}

static void test_csr_rw_forms(void)
{
	u64 old;

	csr_write(mscratch, 0x1111);
	old = csr_swap(mscratch, 0x2222);
	chk_old_new("csrrw", old, csr_read(mscratch));
	csr_write(mscratch, 0xf0);
	asm volatile("csrrs %0, mscratch, %1" : "=r"(old) : "r"(0x0fUL));
	chk_old_new("csrrs", old, csr_read(mscratch));
	csr_write(mscratch, 0xff);
	asm volatile("csrrc %0, mscratch, %1" : "=r"(old) : "r"(0x0fUL));
	chk_old_new("csrrc", old, csr_read(mscratch));
	csr_write(mscratch, 0x1234);
	asm volatile("csrrwi %0, mscratch, 21" : "=r"(old));
	chk_old_new("csrrwi", old, csr_read(mscratch));
	csr_write(mscratch, 0x100);
	asm volatile("csrrsi %0, mscratch, 31" : "=r"(old));
	chk_old_new("csrrsi", old, csr_read(mscratch));
	csr_write(mscratch, 0xff);
	asm volatile("csrrci %0, mscratch, 15" : "=r"(old));
	chk_old_new("csrrci", old, csr_read(mscratch));
}

/* rs1 = x0 (or uimm 0) reads without writing; rd = x0 writes. */
static void test_csr_x0_forms(void)
{
	u64 a, b, c, d;

	csr_write(mscratch, 0x5a);
	asm volatile("csrrs %0, mscratch, x0\n\t"
		     "csrrc %1, mscratch, x0\n\t"
		     "csrrsi %2, mscratch, 0\n\t"
		     "csrrci %3, mscratch, 0"
		     : "=&r"(a), "=&r"(b), "=&r"(c), "=&r"(d));
	chk_begin("csr.rs1-x0");
	chk_kv("rs", a);
	chk_kv("rc", b);
	chk_kv("rsi", c);
	chk_kv("rci", d);
	chk_kv("after", csr_read(mscratch));
	chk_end();

	chk_begin("csr.rd-x0");
	asm volatile("csrrw x0, mscratch, %0" : : "r"(0x77UL));
	chk_kv("rw", csr_read(mscratch));
	asm volatile("csrrs x0, mscratch, %0" : : "r"(0x100UL));
	chk_kv("rs", csr_read(mscratch));
	asm volatile("csrrc x0, mscratch, %0" : : "r"(0x7UL));
	chk_kv("rc", csr_read(mscratch));
	asm volatile("csrrwi x0, mscratch, 5");
	chk_kv("rwi", csr_read(mscratch));
	chk_end();
}

/* Odd corners of decode: rd == rs1, and the full 64-bit width. */
static void test_csr_corners(void)
{
	u64 r = 0x3333;

	csr_write(mscratch, 0x4444);
	asm volatile("csrrw %0, mscratch, %0" : "+r"(r));
	chk_old_new("csrrw.rd-eq-rs1", r, csr_read(mscratch));
	r = 0x0f;
	csr_write(mscratch, 0x30);
	asm volatile("csrrs %0, mscratch, %0" : "+r"(r));
	chk_old_new("csrrs.rd-eq-rs1", r, csr_read(mscratch));
	chk_begin("mscratch.width");
	chk_kv("ones", csr_probe(mscratch, ~0UL));
	chk_kv("top", csr_probe(mscratch, BIT(63) | 1));
	chk_end();
	chk_begin("sscratch.from-m");
	chk_kv("ones", csr_probe(sscratch, ~0UL));
	chk_end();
}

static void test_csr_readonly(void)
{
	chk_hex("mhartid.read", csr_read(mhartid));
	CHECK_TRAP("mhartid.write", "csrw mhartid, t1");
	CHECK_TRAP("mhartid.csrrs-x0", "csrrs t0, mhartid, x0");
	CHECK_TRAP("mhartid.csrrsi-0", "csrrsi t0, mhartid, 0");
	CHECK_TRAP("mhartid.csrrwi", "csrrwi t0, mhartid, 0");
	CHECK_TRAP("mvendorid.write", "csrw mvendorid, t1");
	CHECK_TRAP("mconfigptr.read", "csrr t0, 0xf15");
	CHECK_TRAP("csr.unknown-0xbc0.read", "csrr t0, 0xbc0");
	CHECK_TRAP("csr.unknown-0x8ff.write", "csrw 0x8ff, t1");
	CHECK_TRAP("csr.unknown-0x7ff.rd-x0", "csrr x0, 0x7ff");
	CHECK_TRAP("pmpcfg1.rv64", "csrr t0, pmpcfg1");
	CHECK_TRAP("counters.m-read",
		   "csrr t0, mcycle\n\tcsrr t0, minstret\n\t"
		   "csrr t0, cycle\n\tcsrr t0, instret\n\tcsrr t0, time");
	CHECK_TRAP("stimecmp.m-read", "csrr t0, 0x14d");
}

void test_csr(void)
{
	u64 saved = csr_read(mscratch);

	test_csr_rw_forms();
	test_csr_x0_forms();
	test_csr_corners();
	csr_write(mscratch, saved);
	test_csr_readonly();
}

static u64 mpp_of(u64 mstatus)
{
	return (mstatus & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT;
}

static u64 mpp_set(u64 mstatus, u64 mpp)
{
	return (mstatus & ~MSTATUS_MPP) | mpp << MSTATUS_MPP_SHIFT;
}

static void test_warl_mstatus(void)
{
	u64 st = csr_read(mstatus);

	chk_begin("mstatus.warl");
	chk_kv("ones", csr_probe(mstatus, ~0UL) & MSTATUS_FIELDS);
	chk_kv("zero", csr_probe(mstatus, 0) & MSTATUS_FIELDS);
	chk_end();
	chk_begin("mstatus.mpp");
	chk_kv("w1", mpp_of(csr_probe(mstatus, mpp_set(st, PRV_S))));
	chk_kv("w2", mpp_of(csr_probe(mstatus, mpp_set(st, 2))));
	chk_kv("w0", mpp_of(csr_probe(mstatus, mpp_set(st, PRV_U))));
	chk_end();
	chk_hex("mstatus.uxl-sxl", (csr_read(mstatus) >> 32) & 0xf);
	chk_begin("sstatus.warl");
	chk_kv("ones", csr_probe(sstatus, ~0UL) & SSTATUS_FIELDS);
	chk_kv("m-bits-hidden",
	       csr_read(sstatus) & (MSTATUS_MIE | MSTATUS_MPP));
	chk_end();
}

static void test_warl_trap_csrs(void)
{
	chk_begin("mepc.warl");
	chk_kv("ones", csr_probe(mepc, ~0UL));
	chk_kv("w1003", csr_probe(mepc, 0x1003));
	chk_end();
	chk_hex("sepc.warl", csr_probe(sepc, ~0UL));
	chk_begin("mcause.warl");
	chk_kv("ones", csr_probe(mcause, ~0UL));
	chk_kv("irq7", csr_probe(mcause, CAUSE_IRQ | 7));
	chk_kv("w1f", csr_probe(mcause, 0x1f));
	chk_end();
	chk_hex("mtval.warl", csr_probe(mtval, ~0UL));
	chk_begin("mtvec.warl");
	chk_krel("direct", csr_probe(mtvec, (u64)m_trap_entry));
	chk_krel("vectored", csr_probe(mtvec, (u64)m_vec_table | 1));
	chk_krel("mode2", csr_probe(mtvec, (u64)m_vec_table | 2));
	chk_krel("mode3", csr_probe(mtvec, (u64)m_vec_table | 3));
	chk_krel("vec-unaligned", csr_probe(mtvec, (u64)m_vec_table + 4 + 1));
	chk_end();
}

static void test_warl_deleg(void)
{
	u64 v;

	v = csr_probe(medeleg, ~0UL);
	info_hex("medeleg.ones.raw", v);
	chk_hex("medeleg.warl", v & 0xffff & ~MEDELEG_VS_ECALL);
	v = csr_probe(mideleg, ~0UL);
	info_hex("mideleg.ones.raw", v);
	chk_hex("mideleg.warl", v & IRQ_MASK_NO_H);
	v = csr_probe(mie, ~0UL);
	info_hex("mie.ones.raw", v);
	chk_hex("mie.warl", v & IRQ_MASK_NO_H);
	csr_write(menvcfg, 0); /* mip.STIP writable only with STCE = 0 */
	v = csr_probe(mip, ~0UL);
	info_hex("mip.ones.raw", v);
	chk_hex("mip.warl", v & IRQ_MASK_NO_H);
}

static void test_warl_misc(void)
{
	u64 v;

	chk_begin("mcounteren.warl");
	chk_kv("ones", csr_probe(mcounteren, ~0UL));
	chk_kv("scounteren.ones", csr_probe(scounteren, ~0UL));
	chk_end();
	chk_begin("menvcfg.warl");
	chk_kv("ones", csr_probe(menvcfg, ~0UL) & MENVCFG_FIELDS);
	chk_kv("zero", csr_probe(menvcfg, 0) & MENVCFG_FIELDS);
	chk_end();
	/* OpenSBI programs the counter inhibit and event selectors. QEMU 7.2
	 * keeps all 64 bits of mcountinhibit; only the 32 architectural ones
	 * bar TM (bit 1, read-only 0 in Priv. 1.12) are compared. */
	v = csr_probe(mcountinhibit, ~0UL);
	info_hex("mcountinhibit.ones.raw", v);
	chk_begin("hpm.warl");
	chk_kv("mcountinhibit", v & 0xfffffffdUL);
	chk_kv("mhpmevent3", csr_probe(mhpmevent3, 0x5));
	chk_end();
	chk_begin("satp.warl");
	chk_kv("sv39", csr_probe(satp, 8UL << 60 | 0x12345));
	chk_kv("mode15", csr_probe(satp, 15UL << 60 | 0x12345));
	chk_end();
}

void test_warl(void)
{
	test_warl_mstatus();
	test_warl_trap_csrs();
	test_warl_deleg();
	test_warl_misc();
}
