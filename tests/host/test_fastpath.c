// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of the SBI fast paths (monitor/core/fastpath.c): which trapped
 * time reads the monitor answers (pure reads only: a write, another CSR or
 * another instruction goes to the firmware), set_timer only with Sstc and
 * STCE, legacy putchar, and the base extension answered only once learnt
 * from the firmware's own successful answer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "monitor/core/fastpath.h"
#include "monitor/core/vcpu.h"

/* csr op with funct3 @f3, rd, rs1/uimm @src, csr */
static uint32_t csr_insn(unsigned int f3, unsigned int rd, unsigned int src,
			 unsigned int csr)
{
	return csr << 20 | src << 15 | f3 << 12 | rd << 7 | 0x73;
}

static void test_time_reads(void **unused)
{
	(void)unused;
	assert_int_equal(fastpath_time_read(0xc01027f3), 15); /* rdtime a5 */
	assert_int_equal(fastpath_time_read(csr_insn(2, 10, 0, 0xc01)), 10);
	assert_int_equal(fastpath_time_read(csr_insn(3, 31, 0, 0xc01)), 31);
	assert_int_equal(fastpath_time_read(csr_insn(6, 1, 0, 0xc01)), 1);
	assert_int_equal(fastpath_time_read(csr_insn(7, 5, 0, 0xc01)), 5);
	/* rd = x0 still reads (and is dropped by vcpu_set_reg) */
	assert_int_equal(fastpath_time_read(csr_insn(2, 0, 0, 0xc01)), 0);
}

static void test_not_time_reads(void **unused)
{
	unsigned int f3;

	(void)unused;
	/* a source register or immediate: a write attempt */
	assert_int_equal(fastpath_time_read(csr_insn(2, 10, 11, 0xc01)), -1);
	assert_int_equal(fastpath_time_read(csr_insn(6, 10, 1, 0xc01)), -1);
	/* csrrw/csrrwi write even from x0; 0 and 4 are not CSR ops */
	for (f3 = 0; f3 < 8; f3++)
		if (f3 == 0 || f3 == 1 || f3 == 4 || f3 == 5)
			assert_int_equal(
				fastpath_time_read(csr_insn(f3, 10, 0, 0xc01)),
				-1);
	/* other counters and CSRs, another opcode, nothing */
	assert_int_equal(fastpath_time_read(csr_insn(2, 10, 0, 0xc00)), -1);
	assert_int_equal(fastpath_time_read(csr_insn(2, 10, 0, 0xc02)), -1);
	assert_int_equal(fastpath_time_read(csr_insn(2, 10, 0, 0xc81)), -1);
	assert_int_equal(fastpath_time_read(csr_insn(2, 10, 0, 0x101)), -1);
	assert_int_equal(fastpath_time_read(0xc01027f3 & ~0x7fu), -1);
	assert_int_equal(fastpath_time_read(0x00000073), -1); /* ecall */
	assert_int_equal(fastpath_time_read(0), -1);
}

static uint64_t stimecmp_written;
static int stimecmp_writes;
static char put;

static void set_stimecmp(u64 value)
{
	stimecmp_written = value;
	stimecmp_writes++;
}

static void putchar_hook(u8 c)
{
	put = (char)c;
}

static bool no_sstc(const struct vcpu *v)
{
	(void)v;
	return false;
}

static bool sstc(const struct vcpu *v)
{
	(void)v;
	return true;
}

static void call(struct vcpu *v, u64 ext, u64 fid, u64 a0)
{
	memset(v, 0, sizeof(*v));
	v->pc = 0x80200000;
	vcpu_set_reg(v, REG_A7, ext);
	vcpu_set_reg(v, REG_A6, fid);
	vcpu_set_reg(v, REG_A0, a0);
	vcpu_set_reg(v, REG_A1, 0x5555);
}

static void test_set_timer_needs_sstc(void **unused)
{
	struct fastpath_hw hw = { no_sstc, set_stimecmp, putchar_hook };
	struct fastpath_cache c = { 0 };
	struct fastpath_pending p;
	struct vcpu v;

	(void)unused;
	stimecmp_writes = 0;
	call(&v, SBI_EXT_TIME, 0, 12345);
	assert_false(fastpath_call(&v, &c, &hw, &p));
	assert_int_equal(stimecmp_writes, 0);
	assert_int_equal(v.pc, 0x80200000);
	hw.has_sstc = sstc;
	assert_true(fastpath_call(&v, &c, &hw, &p));
	assert_int_equal(stimecmp_writes, 1);
	assert_int_equal(stimecmp_written, 12345);
	assert_int_equal(vcpu_reg(&v, REG_A0), SBI_SUCCESS);
	assert_int_equal(v.pc, 0x80200004);
	/* another TIME function is the firmware's */
	call(&v, SBI_EXT_TIME, 1, 1);
	assert_false(fastpath_call(&v, &c, &hw, &p));
}

static void test_putchar(void **unused)
{
	struct fastpath_hw hw = { no_sstc, set_stimecmp, putchar_hook };
	struct fastpath_cache c = { 0 };
	struct fastpath_pending p;
	struct vcpu v;

	(void)unused;
	call(&v, SBI_EXT_0_1_CONSOLE_PUTCHAR, 0, 'R');
	assert_true(fastpath_call(&v, &c, &hw, &p));
	assert_int_equal(put, 'R');
	assert_int_equal(vcpu_reg(&v, REG_A0), 0);
	assert_int_equal(vcpu_reg(&v, REG_A1), 0x5555); /* untouched */
}

static void test_base_learnt_then_answered(void **unused)
{
	struct fastpath_hw hw = { no_sstc, set_stimecmp, putchar_hook };
	struct fastpath_cache c = { 0 };
	struct fastpath_pending p;
	struct vcpu v;

	(void)unused;
	call(&v, SBI_EXT_BASE, 0, 0); /* get_spec_version */
	assert_false(fastpath_call(&v, &c, &hw, &p));
	assert_true(p.active);
	/* the firmware failed: nothing learnt */
	vcpu_set_reg(&v, REG_A0, (u64)-2);
	v.pc += 4;
	fastpath_learn(&v, &c, &p);
	assert_false(p.active);
	call(&v, SBI_EXT_BASE, 0, 0);
	assert_false(fastpath_call(&v, &c, &hw, &p));
	/* the firmware resumed elsewhere (not past the ecall): not learnt */
	vcpu_set_reg(&v, REG_A0, SBI_SUCCESS);
	v.pc += 8;
	fastpath_learn(&v, &c, &p);
	call(&v, SBI_EXT_BASE, 0, 0);
	assert_false(fastpath_call(&v, &c, &hw, &p));
	/* success right after the ecall: learnt, then answered in place */
	vcpu_set_reg(&v, REG_A0, SBI_SUCCESS);
	vcpu_set_reg(&v, REG_A1, 0x1000000);
	v.pc += 4;
	fastpath_learn(&v, &c, &p);
	call(&v, SBI_EXT_BASE, 0, 0);
	assert_true(fastpath_call(&v, &c, &hw, &p));
	assert_int_equal(vcpu_reg(&v, REG_A1), 0x1000000);
	assert_int_equal(v.pc, 0x80200004);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_time_reads),
		cmocka_unit_test(test_not_time_reads),
		cmocka_unit_test(test_set_timer_needs_sstc),
		cmocka_unit_test(test_putchar),
		cmocka_unit_test(test_base_learnt_then_answered),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
