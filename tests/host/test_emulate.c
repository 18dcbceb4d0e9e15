// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of instruction and MMIO emulation (monitor/core/emulate.c) and
 * the CLINT register map (monitor/core/clint.c). Encodings are hand-made
 * and checked with riscv64-unknown-elf-as; semantics from the Unprivileged
 * spec (Zicsr, loads/stores) and the Privileged spec 1.12.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "monitor/core/vcsr.h"

#include "monitor/core/clint.h"
#include "monitor/core/emulate.h"
#include "monitor/core/insn.h"
#include "tests/host/fake_hart.h"

#define PC 0x80100100ULL
#define MTVEC 0x80100400ULL
#define DEV 0x2004000ULL /* CLINT mtimecmp of hart 0 */

/* registers by ABI name */
#define RA 1
#define SP 2
#define T0 5
#define S0 8
#define S1 9
#define A0 10
#define A1 11
#define A2 12
#define A3 13
#define A4 14
#define A5 15
#define T6 31

static struct vcpu v;

/* The fake device behind emulate_mmio(). */
static struct {
	unsigned int calls;
	u64 addr;
	unsigned int width;
	bool write;
	u64 stored;   /* value a store handed over */
	u64 load_val; /* value a load gets back */
	int rc;
} dev;

static int dev_access(u64 addr, unsigned int width, bool write, u64 *val)
{
	dev.calls++;
	dev.addr = addr;
	dev.width = width;
	dev.write = write;
	if (write)
		dev.stored = *val;
	else
		*val = dev.load_val;
	if (dev.rc)
		*val = 0xdeadbeefdeadbeefULL; /* a refusal may scribble */
	return dev.rc;
}

static int setup(void **state)
{
	unsigned int i;

	(void)state;
	fake_vcpu_init(&v, 0);
	for (i = 1; i < 32; i++)
		v.x[i] = 0x1111111111111100ULL + i;
	v.pc = PC;
	v.csr.mtvec = MTVEC;
	memset(&dev, 0, sizeof(dev));
	return 0;
}

/* Was an illegal-instruction trap for @raw injected at PC? */
static void assert_illegal(u32 raw)
{
	assert_int_equal(v.csr.mcause, CAUSE_ILLEGAL_INSN);
	assert_int_equal(v.csr.mtval, raw);
	assert_int_equal(v.csr.mepc, PC);
	assert_int_equal(v.pc, MTVEC);
	assert_int_equal(v.mode, PRV_M);
}

/* ---- CSR instructions ---- */

/*
 * emulate_plain_csr() against emulate_insn() on every CSR form (funct3),
 * plain CSRs, CSRs with side effects (mstatus, mie, mip, satp, ...), a
 * read-only one, a missing one, with source and destination x0, a register
 * holding zero and others: when it takes an instruction, the same
 * registers, CSRs and pc as emulate_insn(); when it declines, nothing
 * changed, and it took every read and every plain write.
 */
/* The fake hart's live CSRs (sstatus, mip, ...) are as in @want. */
static void assert_live_unchanged(const struct fake_hart *want)
{
	assert_memory_equal(fake_hart.csr, want->csr, sizeof(want->csr));
}

static bool is_plain(u16 csr)
{
	return csr == CSR_MSCRATCH || csr == CSR_MEPC || csr == CSR_MCAUSE ||
	       csr == CSR_MTVAL;
}

static void test_plain_csr_same_as_emulate(void **state)
{
	static const u16 csrs[] = { CSR_MSCRATCH, CSR_MEPC, CSR_MCAUSE,
				    CSR_MTVAL, CSR_MHARTID, CSR_MSTATUS,
				    CSR_MIE, CSR_MIP, CSR_MTVEC, CSR_SATP,
				    CSR_SSTATUS, CSR_PMPCFG0, 0x7c0 };
	static const unsigned int regs[] = { 0, 1, 5, 10, 31 };
	unsigned int c, f3, rd, rs, taken = 0;
	struct fake_hart hart0, hart_fast;
	struct vcpu ref, fast;

	(void)state;
	for (c = 0; c < sizeof(csrs) / sizeof(csrs[0]); c++)
		for (f3 = 1; f3 < 8; f3++)
			for (rd = 0; rd < 5; rd++)
				for (rs = 0; rs < 5; rs++) {
					u32 raw = (u32)csrs[c] << 20 |
						  regs[rs] << 15 | f3 << 12 |
						  regs[rd] << 7 | 0x73;
					bool read = (f3 & 3) != CSR_OP_RW &&
						    !regs[rs];

					if (f3 == 4)
						continue;
					setup(NULL);
					v.x[5] = 0; /* t0: a register with 0 */
					v.csr.mscratch = 0x5a5a0000f0f0;
					v.csr.mepc = 0x80100002;
					v.csr.mcause = 0x8000000000000007;
					v.csr.mtval = 0x10500073;
					ref = fast = v;
					hart0 = fake_hart;
					if (!emulate_plain_csr(&fast, raw)) {
						assert_memory_equal(&fast, &v,
								    sizeof(v));
						assert_live_unchanged(&hart0);
						assert_false(is_plain(csrs[c]));
						assert_true(!read ||
							    csrs[c] == 0x7c0);
						continue;
					}
					taken++;
					hart_fast = fake_hart;
					fake_hart = hart0;
					emulate_insn(&ref, raw);
					assert_memory_equal(&fast, &ref, sizeof(v));
					assert_live_unchanged(&hart_fast);
				}
	/* 4 plain CSRs x 6 forms x 25; 8 other existing CSRs x 4 read
	 * forms x 5 destinations; and the mstatus writes that leave it as
	 * it is (with a zero source, or bits already in their state) */
	assert_true(taken > 4 * 6 * 25 + 8 * 4 * 5);
}

/*
 * mstatus writes against the slow path, from many states to many values:
 * taken exactly when MIE, MPRV and (under MPRV) MPP stay, and then the
 * same result as emulate_insn(); declined, nothing changed, otherwise.
 */
static void test_plain_csr_mstatus_writes(void **state)
{
	static const u64 bits[] = { 0, MSTATUS_MIE, MSTATUS_MPIE,
				    MSTATUS_MPP, 1ULL << MSTATUS_MPP_SHIFT,
				    MSTATUS_MPRV, MSTATUS_SIE, MSTATUS_SUM,
				    MSTATUS_TW, MSTATUS_MPRV | MSTATUS_MPP };
	unsigned int i, j, f3, taken = 0, declined = 0;
	struct fake_hart hart0, hart_ref;
	struct vcpu ref, fast, after;

	(void)state;
	for (i = 0; i < 10; i++)
		for (j = 0; j < 10; j++)
			for (f3 = 1; f3 <= 3; f3++) {
				/* csrrw/csrrs/csrrc a1, mstatus, a0 */
				u32 raw = 0x300505f3 | f3 << 12;
				u64 old, now;
				bool loud;

				setup(NULL);
				/* the state, as the firmware would set it:
				 * csrw mstatus, a0 (SIE, SUM live in sstatus) */
				v.x[A0] = bits[i] | MSTATUS_MPIE;
				emulate_insn(&v, 0x30051073);
				v.pc = PC;
				v.x[A0] = bits[j];
				ref = fast = v;
				hart0 = fake_hart;
				/* what the slow path leaves, read back */
				emulate_insn(&ref, raw);
				old = ref.x[A1];
				after = ref;
				hart_ref = fake_hart;
				/* csrr a2, mstatus */
				assert_true(emulate_plain_csr(&after, 0x30002673));
				now = after.x[A2];
				fake_hart = hart0;
				loud = ((old ^ now) &
					(MSTATUS_MIE | MSTATUS_MPRV)) ||
				       (((old | now) & MSTATUS_MPRV) &&
					((old ^ now) & MSTATUS_MPP));
				if (emulate_plain_csr(&fast, raw)) {
					assert_false(loud);
					assert_memory_equal(&fast, &ref,
							    sizeof(v));
					assert_live_unchanged(&hart_ref);
					taken++;
				} else {
					assert_true(loud);
					assert_memory_equal(&fast, &v,
							    sizeof(v));
					assert_live_unchanged(&hart0);
					declined++;
				}
			}
	assert_true(taken > 0 && declined > 0);
}

static void test_csrrw(void **state)
{
	(void)state;
	v.x[A1] = 0x1234;
	v.csr.mscratch = 0x5678;
	/* csrrw a0,mscratch,a1 */
	assert_int_equal(emulate_insn(&v, 0x34059573), EMUL_DONE);
	assert_int_equal(v.x[A0], 0x5678);
	assert_int_equal(v.csr.mscratch, 0x1234);
	assert_int_equal(v.pc, PC + 4);
}

static void test_csrrs_csrrc(void **state)
{
	(void)state;
	v.csr.mscratch = 0xfff;
	v.x[T6] = 0xff;
	/* csrrc s1,mscratch,t6 */
	assert_int_equal(emulate_insn(&v, 0x340fb4f3), EMUL_DONE);
	assert_int_equal(v.x[S1], 0xfff);
	assert_int_equal(v.csr.mscratch, 0xf00);
	assert_int_equal(v.pc, PC + 4);
	/* csrrsi x0,mie,8 */
	v.csr.mie = MIP_MTIP;
	assert_int_equal(emulate_insn(&v, 0x30446073), EMUL_DONE);
	assert_int_equal(v.csr.mie, MIP_MTIP | MIP_MSIP);
	assert_int_equal(v.pc, PC + 8);
	assert_int_equal(vcpu_reg(&v, 0), 0);
}

static void test_csr_immediates(void **state)
{
	(void)state;
	v.csr.mscratch = 0xabc;
	/* csrrwi a5,mscratch,31: the immediate, not register x31 */
	assert_int_equal(emulate_insn(&v, 0x340fd7f3), EMUL_DONE);
	assert_int_equal(v.x[A5], 0xabc);
	assert_int_equal(v.csr.mscratch, 31);
	/* csrrwi x0,mscratch,0 still writes */
	assert_int_equal(emulate_insn(&v, 0x34005073), EMUL_DONE);
	assert_int_equal(v.csr.mscratch, 0);
	assert_int_equal(v.pc, PC + 8);
}

/* rs1 = x0 / uimm = 0: a read with no write and no write side effect. */
static void test_csr_read_only_forms_do_not_write(void **state)
{
	(void)state;
	fake_hart.csr[CSR_MIP] = MIP_STIP | MIP_MTIP;
	v.csr.mstatus = MSTATUS_MPIE;
	/* csrrci ra,mip,0 */
	assert_int_equal(emulate_insn(&v, 0x344070f3), EMUL_DONE);
	assert_int_equal(v.x[RA], MIP_STIP | MIP_MTIP);
	/* csrrs a0,mstatus,x0 */
	assert_int_equal(emulate_insn(&v, 0x30002573), EMUL_DONE);
	assert_int_equal(v.x[A0] & MSTATUS_MPIE, MSTATUS_MPIE);
	assert_int_equal(fake_hart.writes, 0);
	assert_int_equal(v.pc, PC + 8);
}

static void test_csr_write_to_x0_dropped(void **state)
{
	(void)state;
	v.x[A1] = 0x42;
	v.csr.mscratch = 0x99;
	/* csrrw x0,mscratch,a1 */
	assert_int_equal(emulate_insn(&v, 0x34059073), EMUL_DONE);
	assert_int_equal(v.x[0], 0);
	assert_int_equal(v.csr.mscratch, 0x42);
	assert_int_equal(v.pc, PC + 4);
}

static void test_csr_unknown_is_illegal(void **state)
{
	u64 s1 = v.x[S1];

	(void)state;
	v.csr.mstatus = MSTATUS_MIE;
	/* csrrc s1,0x7c0,t6 */
	assert_int_equal(emulate_insn(&v, 0x7c0fb4f3), EMUL_DONE);
	assert_illegal(0x7c0fb4f3);
	assert_int_equal(v.x[S1], s1);
	assert_int_equal(v.csr.mstatus,
			 MSTATUS_MPIE | ((u64)PRV_M << MSTATUS_MPP_SHIFT));
}

static void test_csr_write_read_only_is_illegal(void **state)
{
	(void)state;
	/* csrrs a0,mhartid,x0 is a plain read */
	assert_int_equal(emulate_insn(&v, 0xf1402573), EMUL_DONE);
	assert_int_equal(v.x[A0], 0);
	assert_int_equal(v.pc, PC + 4);
	v.pc = PC;
	/* csrrw x0,mhartid,a1 */
	assert_int_equal(emulate_insn(&v, 0xf1459073), EMUL_DONE);
	assert_illegal(0xf1459073);
}

/*
 * Zicsr: csrrs/csrrc with rs1 != x0 always attempt the write, even when the
 * register holds zero; a write to a read-only CSR is illegal (Priv. 2.1).
 */
static void test_csrrs_zero_register_read_only_is_illegal(void **state)
{
	(void)state;
	v.x[A1] = 0;
	/* csrrs a0,mhartid,a1 */
	assert_int_equal(emulate_insn(&v, 0xf145a573), EMUL_DONE);
	assert_illegal(0xf145a573);
}

/* ---- privileged instructions ---- */

static void test_mret(void **state)
{
	(void)state;
	v.csr.mstatus = MSTATUS_MPIE | ((u64)PRV_S << MSTATUS_MPP_SHIFT);
	v.csr.mepc = 0x80200000;
	assert_int_equal(emulate_insn(&v, 0x30200073), EMUL_DONE);
	assert_int_equal(v.mode, PRV_S);
	assert_int_equal(v.pc, 0x80200000);
	assert_int_equal(v.csr.mstatus, MSTATUS_MIE | MSTATUS_MPIE);
}

static void test_wfi(void **state)
{
	(void)state;
	assert_int_equal(emulate_insn(&v, 0x10500073), EMUL_WFI);
	assert_int_equal(v.pc, PC + 4);
	assert_int_equal(v.mode, PRV_M);
}

static void test_sfence_vma(void **state)
{
	(void)state;
	assert_int_equal(emulate_insn(&v, 0x12000073), EMUL_SFENCE_VMA);
	assert_int_equal(v.pc, PC + 4);
	/* sfence.vma a0,a1 */
	assert_int_equal(emulate_insn(&v, 0x12b50073), EMUL_SFENCE_VMA);
	assert_int_equal(v.pc, PC + 8);
}

/* Whatever is not emulated becomes an illegal instruction, tval = bits. */
static void test_not_emulated_is_illegal(void **state)
{
	static const u32 raws[] = {
		0xffffffff,
		0x00000000,
		0x0005a503 /* lw */,
		0x5de8 /* c.lw */,
		0x6005c573 /* hlv.b */,
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(raws); i++) {
		v.pc = PC;
		v.mode = PRV_M;
		assert_int_equal(emulate_insn(&v, raws[i]), EMUL_DONE);
		assert_illegal(raws[i]);
	}
}

/* ---- MMIO ---- */

static void test_mmio_lw_sign_extends(void **state)
{
	(void)state;
	v.x[A1] = DEV;
	dev.load_val = 0x80000000;
	/* lw a0,0(a1) */
	assert_int_equal(emulate_mmio(&v, 0x0005a503, DEV, dev_access), 0);
	assert_int_equal(dev.calls, 1);
	assert_int_equal(dev.addr, DEV);
	assert_int_equal(dev.width, 4);
	assert_false(dev.write);
	assert_int_equal(v.x[A0], 0xffffffff80000000ULL);
	assert_int_equal(v.pc, PC + 4);
}

static void test_mmio_lwu_zero_extends(void **state)
{
	(void)state;
	v.x[T0] = DEV - 1365;
	dev.load_val =
		0xdeadbeef80000000ULL; /* upper bits are not the load's */
	/* lwu ra,1365(t0) */
	assert_int_equal(emulate_mmio(&v, 0x5552e083, DEV, dev_access), 0);
	assert_int_equal(v.x[RA], 0x80000000);
	assert_int_equal(dev.width, 4);
}

static void test_mmio_narrow_loads(void **state)
{
	(void)state;
	v.x[A1] = DEV + 1;
	dev.load_val = 0x80;
	/* lb a0,-1(a1) */
	assert_int_equal(emulate_mmio(&v, 0xfff58503, DEV, dev_access), 0);
	assert_int_equal(v.x[A0], 0xffffffffffffff80ULL);
	assert_int_equal(dev.width, 1);
	v.x[A3] = DEV;
	dev.load_val = 0xffff8001;
	/* lhu a2,0(a3) */
	assert_int_equal(emulate_mmio(&v, 0x0006d603, DEV, dev_access), 0);
	assert_int_equal(v.x[A2], 0x8001);
	assert_int_equal(dev.width, 2);
	assert_int_equal(v.pc, PC + 8);
}

static void test_mmio_ld(void **state)
{
	(void)state;
	v.x[A4] = DEV - 8;
	dev.load_val = 0x8877665544332211ULL;
	/* ld a5,8(a4) */
	assert_int_equal(emulate_mmio(&v, 0x00873783, DEV, dev_access), 0);
	assert_int_equal(v.x[A5], 0x8877665544332211ULL);
	assert_int_equal(dev.width, 8);
}

static void test_mmio_stores(void **state)
{
	(void)state;
	v.x[A4] = DEV - 8;
	v.x[A5] = 0x1122334455667788ULL;
	/* sd a5,8(a4) */
	assert_int_equal(emulate_mmio(&v, 0x00f73423, DEV, dev_access), 0);
	assert_true(dev.write);
	assert_int_equal(dev.width, 8);
	assert_int_equal(dev.addr, DEV);
	assert_int_equal(dev.stored, 0x1122334455667788ULL);
	assert_int_equal(v.pc, PC + 4);
	/* sw s1,32(s0): only the low word goes to the device */
	v.x[S0] = DEV - 32;
	v.x[S1] = 0xffffffff12345678ULL;
	assert_int_equal(emulate_mmio(&v, 0x02942023, DEV, dev_access), 0);
	assert_int_equal(dev.width, 4);
	assert_int_equal(dev.stored, 0x12345678);
	assert_int_equal(v.x[S1], 0xffffffff12345678ULL);
	assert_int_equal(v.pc, PC + 8);
}

static void test_mmio_compressed(void **state)
{
	(void)state;
	v.x[A1] = DEV - 124;
	dev.load_val = 0x87654321;
	/* c.lw a0,124(a1) */
	assert_int_equal(emulate_mmio(&v, 0x5de8, DEV, dev_access), 0);
	assert_int_equal(v.x[A0], 0xffffffff87654321ULL);
	assert_int_equal(v.pc, PC + 2);
	/* c.sw s1,4(a5) */
	v.x[A5] = DEV - 4;
	v.x[S1] = 0xcafe;
	assert_int_equal(emulate_mmio(&v, 0xc3c4, DEV, dev_access), 0);
	assert_true(dev.write);
	assert_int_equal(dev.stored, 0xcafe);
	assert_int_equal(v.pc, PC + 4);
	/* c.lwsp a0,252(sp) */
	v.x[SP] = DEV - 252;
	dev.load_val = 0x7fffffff;
	assert_int_equal(emulate_mmio(&v, 0x557e, DEV, dev_access), 0);
	assert_int_equal(v.x[A0], 0x7fffffff);
	/* c.sdsp ra,256(sp) */
	v.x[SP] = DEV - 256;
	assert_int_equal(emulate_mmio(&v, 0xe206, DEV, dev_access), 0);
	assert_int_equal(dev.width, 8);
	assert_int_equal(dev.stored, v.x[RA]);
	assert_int_equal(v.pc, PC + 8);
}

static void test_mmio_load_to_x0(void **state)
{
	(void)state;
	v.x[A1] = DEV;
	dev.load_val = 0x1234;
	/* lw x0,0(a1) */
	assert_int_equal(emulate_mmio(&v, 0x0005a003, DEV, dev_access), 0);
	assert_int_equal(v.x[0], 0);
	assert_int_equal(v.pc, PC + 4);
}

/* Nothing happens on refusal: no device access, registers and pc kept. */
static void assert_refused(u32 raw, unsigned int calls)
{
	struct vcpu before = v;

	assert_int_equal(emulate_mmio(&v, raw, DEV, dev_access),
			 -RAMPART_EINVAL);
	assert_int_equal(dev.calls, calls);
	assert_memory_equal(&before, &v, sizeof(before));
}

static void test_mmio_address_mismatch(void **state)
{
	(void)state;
	v.x[A1] = DEV;
	assert_refused(0x0045a503, 0); /* lw a0,4(a1) computes DEV + 4 */
	v.x[A1] = DEV + 1;
	assert_refused(0x0005a503, 0); /* lw a0,0(a1) */
}

static void test_mmio_not_integer_load_store(void **state)
{
	(void)state;
	v.x[A1] = DEV + 4;
	assert_refused(0xffc5a507, 0); /* flw fa0,-4(a1) */
	v.x[28] = DEV - 2047;
	assert_refused(0x7f1e3fa7, 0); /* fsd fa7,2047(t3) */
	v.x[A1] = DEV - 248;
	assert_refused(0x3de8, 0);     /* c.fld fa0,248(a1) */
	assert_refused(0x34059573, 0); /* csrrw a0,mscratch,a1 */
	assert_refused(0xffffffff, 0);
}

static void test_mmio_device_refuses(void **state)
{
	(void)state;
	dev.rc = -RAMPART_EINVAL;
	v.x[A1] = DEV;
	assert_refused(0x0005a503, 1); /* lw a0,0(a1) */
	v.x[A4] = DEV - 8;
	assert_refused(0x00f73423, 2); /* sd a5,8(a4) */
}

static void test_extend(void **state)
{
	(void)state;
	assert_int_equal(emulate_extend(0x80, 1, true), 0xffffffffffffff80ULL);
	assert_int_equal(emulate_extend(0x80, 1, false), 0x80);
	assert_int_equal(emulate_extend(0xff7f, 1, true), 0x7f);
	assert_int_equal(emulate_extend(0x18000, 2, true),
			 0xffffffffffff8000ULL);
	assert_int_equal(emulate_extend(0xffff7fff, 2, true), 0x7fff);
	assert_int_equal(emulate_extend(0xffff8000, 2, false), 0x8000);
	assert_int_equal(emulate_extend(0x80000000, 4, true),
			 0xffffffff80000000ULL);
	assert_int_equal(emulate_extend(0xffffffff7fffffffULL, 4, true),
			 0x7fffffff);
	assert_int_equal(emulate_extend(0xffffffff80000000ULL, 4, false),
			 0x80000000);
	assert_int_equal(emulate_extend(0x8000000000000000ULL, 8, true),
			 0x8000000000000000ULL);
	assert_int_equal(emulate_extend(0x8000000000000000ULL, 8, false),
			 0x8000000000000000ULL);
}

/* ---- CLINT map (SiFive CLINT as on QEMU virt) ---- */

static int decode(u64 off, unsigned int width, unsigned int nharts,
		  enum clint_reg *reg, unsigned int *hart)
{
	*reg = (enum clint_reg) - 1;
	*hart = ~0u;
	return clint_decode(off, width, nharts, reg, hart);
}

static void assert_reg(u64 off, unsigned int width, unsigned int nharts,
		       enum clint_reg want, unsigned int want_hart)
{
	enum clint_reg reg;
	unsigned int hart;

	assert_int_equal(decode(off, width, nharts, &reg, &hart), 0);
	assert_int_equal(reg, want);
	assert_int_equal(hart, want_hart);
}

static void assert_no_reg(u64 off, unsigned int width, unsigned int nharts)
{
	enum clint_reg reg;
	unsigned int hart;

	assert_int_equal(decode(off, width, nharts, &reg, &hart),
			 -RAMPART_EINVAL);
}

static void test_clint_msip(void **state)
{
	(void)state;
	assert_reg(0x0, 4, 2, CLINT_MSIP, 0);
	assert_reg(0x4, 4, 2, CLINT_MSIP, 1);
	assert_no_reg(0x8, 4, 2); /* hart 2 of 2 */
	assert_no_reg(0x0, 8, 2); /* msip is 32 bits */
	assert_no_reg(0x0, 2, 2);
	assert_no_reg(0x0, 1, 2);
	assert_no_reg(0x2, 4, 2); /* misaligned */
	assert_reg(0x3ffc, 4, 4096, CLINT_MSIP, 4095);
}

static void test_clint_mtimecmp(void **state)
{
	(void)state;
	assert_reg(0x4000, 8, 2, CLINT_MTIMECMP, 0);
	assert_reg(0x4008, 8, 2, CLINT_MTIMECMP, 1);
	assert_reg(0x4000, 4, 2, CLINT_MTIMECMP, 0); /* low half */
	assert_reg(0x4004, 4, 2, CLINT_MTIMECMP, 0); /* high half */
	assert_reg(0x400c, 4, 2, CLINT_MTIMECMP, 1);
	assert_no_reg(0x4004, 8, 2); /* misaligned */
	assert_no_reg(0x4010, 8, 2); /* hart 2 of 2 */
	assert_no_reg(0x4000, 2, 2);
	assert_reg(0xbff0, 8, 4095, CLINT_MTIMECMP, 4094);
}

static void test_clint_mtime(void **state)
{
	(void)state;
	assert_reg(0xbff8, 8, 1, CLINT_MTIME, 0);
	assert_reg(0xbff8, 4, 1, CLINT_MTIME, 0);
	assert_reg(0xbffc, 4, 1, CLINT_MTIME, 0);
	assert_no_reg(0xbffc, 8, 1);
	assert_no_reg(0xbffa, 2, 1);
}

static void test_clint_past_the_map(void **state)
{
	(void)state;
	assert_no_reg(0xc000, 4, 1);
	assert_no_reg(0xc000, 8, 1);
	assert_no_reg(0xfff8, 8, 1);
	assert_no_reg(0x10000, 4, 1);
	assert_no_reg(0xffffffffffff0000ULL, 8, 1);
}

#define T(f) cmocka_unit_test_setup(f, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_csrrw),
		T(test_plain_csr_same_as_emulate),
		T(test_plain_csr_mstatus_writes),
		T(test_csrrs_csrrc),
		T(test_csr_immediates),
		T(test_csr_read_only_forms_do_not_write),
		T(test_csr_write_to_x0_dropped),
		T(test_csr_unknown_is_illegal),
		T(test_csr_write_read_only_is_illegal),
		T(test_csrrs_zero_register_read_only_is_illegal),
		T(test_mret),
		T(test_wfi),
		T(test_sfence_vma),
		T(test_not_emulated_is_illegal),
		T(test_mmio_lw_sign_extends),
		T(test_mmio_lwu_zero_extends),
		T(test_mmio_narrow_loads),
		T(test_mmio_ld),
		T(test_mmio_stores),
		T(test_mmio_compressed),
		T(test_mmio_load_to_x0),
		T(test_mmio_address_mismatch),
		T(test_mmio_not_integer_load_store),
		T(test_mmio_device_refuses),
		T(test_extend),
		T(test_clint_msip),
		T(test_clint_mtimecmp),
		T(test_clint_mtime),
		T(test_clint_past_the_map),
	};

	vcsr_init(12);

	return cmocka_run_group_tests(tests, NULL, NULL);
}
