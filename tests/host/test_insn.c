// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of the instruction decoder (monitor/core/insn.c). Every
 * encoding below is hand-assembled from the Unprivileged spec (ch. 2, 9
 * Zicsr, 16 C extension) and was cross-checked with riscv64-unknown-elf-as
 * and objdump; the comment beside each is the assembly it encodes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../../include/rampart/errno.h"
#include "monitor/core/insn.h"

/* Decode @raw, which must succeed, into @in. */
static void decode_ok(u32 raw, struct insn *in)
{
	int rc = insn_decode(raw, in);

	if (rc)
		print_error("insn_decode(0x%08x) = %d\n", raw, rc);
	assert_int_equal(rc, 0);
}

/* Decode @raw, which must be refused, with kind reset to INSN_UNKNOWN. */
static void decode_bad(u32 raw)
{
	struct insn in;
	int rc;

	in.kind = INSN_LOAD;
	rc = insn_decode(raw, &in);
	if (rc != -RAMPART_EINVAL)
		print_error("insn_decode(0x%08x) = %d\n", raw, rc);
	assert_int_equal(rc, -RAMPART_EINVAL);
	assert_int_equal(in.kind, INSN_UNKNOWN);
}

struct csr_case {
	u32 raw;
	u8 rd, rs1;
	u16 csr;
	enum csr_op op;
	bool imm, writes;
};

static void test_csr_forms(void **state)
{
	/* clang-format off */
	static const struct csr_case cases[] = {
		{ 0x30059573, 10, 11, 0x300, CSR_OP_RW, false, true },	/* csrrw a0,mstatus,a1 */
		{ 0xf14022f3, 5, 0, 0xf14, CSR_OP_RS, false, false },	/* csrrs t0,mhartid,x0 */
		{ 0x7c0fb4f3, 9, 31, 0x7c0, CSR_OP_RC, false, true },	/* csrrc s1,0x7c0,t6 */
		{ 0x30003573, 10, 0, 0x300, CSR_OP_RC, false, false },	/* csrrc a0,mstatus,x0 */
		{ 0x34059073, 0, 11, 0x340, CSR_OP_RW, false, true },	/* csrrw x0,mscratch,a1 */
		{ 0xffffaff3, 31, 31, 0xfff, CSR_OP_RS, false, true },	/* csrrs t6,0xfff,t6 */
		{ 0x340fd7f3, 15, 31, 0x340, CSR_OP_RW, true, true },	/* csrrwi a5,mscratch,31 */
		{ 0x34005073, 0, 0, 0x340, CSR_OP_RW, true, true },	/* csrrwi x0,mscratch,0 */
		{ 0x30446073, 0, 8, 0x304, CSR_OP_RS, true, true },	/* csrrsi x0,mie,8 */
		{ 0x344070f3, 1, 0, 0x344, CSR_OP_RC, true, false },	/* csrrci ra,mip,0 */
	};
	/* clang-format on */
	struct insn in;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct csr_case *c = &cases[i];

		decode_ok(c->raw, &in);
		assert_int_equal(in.kind, INSN_CSR);
		assert_int_equal(in.len, 4);
		assert_int_equal(in.rd, c->rd);
		assert_int_equal(in.rs1, c->rs1);
		assert_int_equal(in.csr, c->csr);
		assert_int_equal(in.csr_op, c->op);
		assert_int_equal(in.csr_imm, c->imm);
		assert_int_equal(insn_csr_writes(&in), c->writes);
	}
}

static void test_system_words(void **state)
{
	static const struct {
		u32 raw;
		enum insn_kind kind;
	} cases[] = {
		{ 0x30200073, INSN_MRET },
		{ 0x10200073, INSN_SRET },
		{ 0x10500073, INSN_WFI },
		{ 0x00000073, INSN_ECALL },
		{ 0x00100073, INSN_EBREAK },
		{ 0x12000073, INSN_SFENCE_VMA }, /* sfence.vma x0,x0 */
	};
	struct insn in;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		decode_ok(cases[i].raw, &in);
		assert_int_equal(in.kind, cases[i].kind);
		assert_int_equal(in.len, 4);
	}
	decode_ok(0x12b50073, &in); /* sfence.vma a0,a1 */
	assert_int_equal(in.kind, INSN_SFENCE_VMA);
	assert_int_equal(in.rs1, 10);
	assert_int_equal(in.rs2, 11);
}

/* Words next to the exact system encodings must not match them. */
static void test_system_near_misses(void **state)
{
	(void)state;
	decode_bad(0x302000f3); /* mret with rd = x1 */
	decode_bad(0x30208073); /* mret with rs1 = x1 */
	decode_bad(0x10508073); /* wfi with rs1 = x1 */
	decode_bad(0x00200073); /* uret (N extension, gone) */
	decode_bad(0x7b200073); /* dret: debug mode only */
	decode_bad(0x120000f3); /* sfence.vma with rd = x1 */
	decode_bad(0x22000073); /* hfence.vvma: no H */
	decode_bad(0x6005c573); /* hlv.b a0,(a1): funct3 4 */
	decode_bad(0x6ab64073); /* hsv.w a1,(a2): funct3 4 */
}

struct mem_case {
	u32 raw;
	u8 width, reg, rs1;
	bool is_signed;
	s64 imm;
};

static void test_integer_loads(void **state)
{
	/* clang-format off */
	static const struct mem_case cases[] = {
		{ 0xfff58503, 1, 10, 11, true, -1 },	/* lb a0,-1(a1) */
		{ 0x80011303, 2, 6, 2, true, -2048 },	/* lh t1,-2048(sp) */
		{ 0x7ff4a403, 4, 8, 9, true, 2047 },	/* lw s0,2047(s1) */
		{ 0xaaa5a503, 4, 10, 11, true, -1366 },	/* lw a0,-1366(a1) */
		{ 0x00873783, 8, 15, 14, true, 8 },	/* ld a5,8(a4) */
		{ 0xff00cf83, 1, 31, 1, false, -16 },	/* lbu t6,-16(ra) */
		{ 0x0006d603, 2, 12, 13, false, 0 },	/* lhu a2,0(a3) */
		{ 0x5552e083, 4, 1, 5, false, 1365 },	/* lwu ra,1365(t0) */
	};
	/* clang-format on */
	struct insn in;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct mem_case *c = &cases[i];

		decode_ok(c->raw, &in);
		assert_int_equal(in.kind, INSN_LOAD);
		assert_int_equal(in.len, 4);
		assert_int_equal(in.width, c->width);
		assert_int_equal(in.rd, c->reg);
		assert_int_equal(in.rs1, c->rs1);
		assert_int_equal(in.imm, c->imm);
		assert_false(in.is_fp);
		/* ld fills the register: signedness is moot at width 8 */
		if (c->width < 8)
			assert_int_equal(in.is_signed, c->is_signed);
	}
}

static void test_integer_stores(void **state)
{
	/* clang-format off */
	static const struct mem_case cases[] = {
		{ 0xfea58fa3, 1, 10, 11, false, -1 },	 /* sb a0,-1(a1) */
		{ 0x80611023, 2, 6, 2, false, -2048 },	 /* sh t1,-2048(sp) */
		{ 0x7e84afa3, 4, 8, 9, false, 2047 },	 /* sw s0,2047(s1) */
		{ 0x54b62aa3, 4, 11, 12, false, 1365 },	 /* sw a1,1365(a2) */
		{ 0x00f73423, 8, 15, 14, false, 8 },	 /* sd a5,8(a4) */
		{ 0xaab63523, 8, 11, 12, false, -1366 }, /* sd a1,-1366(a2) */
		{ 0xfea2b023, 8, 10, 5, false, -32 },	 /* sd a0,-32(t0) */
	};
	/* clang-format on */
	struct insn in;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct mem_case *c = &cases[i];

		decode_ok(c->raw, &in);
		assert_int_equal(in.kind, INSN_STORE);
		assert_int_equal(in.len, 4);
		assert_int_equal(in.width, c->width);
		assert_int_equal(in.rs2, c->reg);
		assert_int_equal(in.rs1, c->rs1);
		assert_int_equal(in.imm, c->imm);
		assert_false(in.is_fp);
	}
}

static void test_fp_loads_stores(void **state)
{
	/* clang-format off */
	static const struct {
		struct mem_case m;
		enum insn_kind kind;
	} cases[] = {
		{ { 0xffc5a507, 4, 10, 11, false, -4 }, INSN_LOAD },	/* flw fa0,-4(a1) */
		{ { 0x01013487, 8, 9, 2, false, 16 }, INSN_LOAD },	/* fld fs1,16(sp) */
		{ { 0x80252027, 4, 2, 10, false, -2048 }, INSN_STORE }, /* fsw ft2,-2048(a0) */
		{ { 0x7f1e3fa7, 8, 17, 28, false, 2047 }, INSN_STORE }, /* fsd fa7,2047(t3) */
	};
	/* clang-format on */
	struct insn in;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct mem_case *c = &cases[i].m;

		decode_ok(c->raw, &in);
		assert_int_equal(in.kind, cases[i].kind);
		assert_int_equal(in.width, c->width);
		assert_true(in.is_fp);
		assert_int_equal(cases[i].kind == INSN_LOAD ? in.rd : in.rs2,
				 c->reg);
		assert_int_equal(in.rs1, c->rs1);
		assert_int_equal(in.imm, c->imm);
	}
}

static void test_bad_widths(void **state)
{
	(void)state;
	decode_bad(0x0005f503); /* load funct3 7 (lw a0,0(a1) with f3 = 7) */
	decode_bad(0x0005c023); /* store funct3 4 */
	decode_bad(0x0005f023); /* store funct3 7 */
	decode_bad(0x00059507); /* flh: funct3 1, no Zfh */
	decode_bad(0x0005c507); /* flq: funct3 4, no Q */
	decode_bad(0x0005c027); /* fsq: funct3 4, no Q */
}

struct c_case {
	u16 raw;
	enum insn_kind kind;
	u8 width, reg, rs1;
	bool is_signed, is_fp;
	s64 imm;
};

static void check_c_cases(const struct c_case *cases, size_t n)
{
	struct insn in;
	size_t i;

	for (i = 0; i < n; i++) {
		const struct c_case *c = &cases[i];

		decode_ok(c->raw, &in);
		assert_int_equal(in.kind, c->kind);
		assert_int_equal(in.len, 2);
		assert_int_equal(in.width, c->width);
		assert_int_equal(c->kind == INSN_LOAD ? in.rd : in.rs2, c->reg);
		assert_int_equal(in.rs1, c->rs1);
		assert_int_equal(in.is_fp, c->is_fp);
		assert_int_equal(in.imm, c->imm);
		if (c->kind == INSN_LOAD && c->width < 8)
			assert_int_equal(in.is_signed, c->is_signed);
	}
}

#define LD INSN_LOAD
#define ST INSN_STORE

/* Register fields at both ends of the x8..x15 range and all offsets set. */
static void test_compressed_registers(void **state)
{
	/* clang-format off */
	static const struct c_case cases[] = {
		{ 0x5de8, LD, 4, 10, 11, true, false, 124 },	/* c.lw a0,124(a1) */
		{ 0x43c4, LD, 4, 9, 15, true, false, 4 },	/* c.lw s1,4(a5) */
		{ 0x4030, LD, 4, 12, 8, true, false, 64 },	/* c.lw a2,64(s0) */
		{ 0x7de8, LD, 8, 10, 11, true, false, 248 },	/* c.ld a0,248(a1) */
		{ 0x6780, LD, 8, 8, 15, true, false, 8 },	/* c.ld s0,8(a5) */
		{ 0xdde8, ST, 4, 10, 11, false, false, 124 },	/* c.sw a0,124(a1) */
		{ 0xc3c4, ST, 4, 9, 15, false, false, 4 },	/* c.sw s1,4(a5) */
		{ 0xfde8, ST, 8, 10, 11, false, false, 248 },	/* c.sd a0,248(a1) */
		{ 0xe45c, ST, 8, 15, 8, false, false, 136 },	/* c.sd a5,136(s0) */
		{ 0x3de8, LD, 8, 10, 11, false, true, 248 },	/* c.fld fa0,248(a1) */
		{ 0xa780, ST, 8, 8, 15, false, true, 8 },	/* c.fsd fs0,8(a5) */
		{ 0x557e, LD, 4, 10, 2, true, false, 252 },	/* c.lwsp a0,252(sp) */
		{ 0x5082, LD, 4, 1, 2, true, false, 32 },	/* c.lwsp ra,32(sp) */
		{ 0x757e, LD, 8, 10, 2, true, false, 504 },	/* c.ldsp a0,504(sp) */
		{ 0x6da2, LD, 8, 27, 2, true, false, 8 },	/* c.ldsp s11,8(sp) */
		{ 0xdfaa, ST, 4, 10, 2, false, false, 252 },	/* c.swsp a0,252(sp) */
		{ 0xc106, ST, 4, 1, 2, false, false, 128 },	/* c.swsp ra,128(sp) */
		{ 0xffaa, ST, 8, 10, 2, false, false, 504 },	/* c.sdsp a0,504(sp) */
		{ 0xe46e, ST, 8, 27, 2, false, false, 8 },	/* c.sdsp s11,8(sp) */
		{ 0x357e, LD, 8, 10, 2, false, true, 504 },	/* c.fldsp fa0,504(sp) */
		{ 0x2022, LD, 8, 0, 2, false, true, 8 },	/* c.fldsp f0,8(sp) */
		{ 0xbfaa, ST, 8, 10, 2, false, true, 504 },	/* c.fsdsp fa0,504(sp) */
		{ 0xa0fe, ST, 8, 31, 2, false, true, 64 },	/* c.fsdsp f31,64(sp) */
	};
	/* clang-format on */

	(void)state;
	check_c_cases(cases, ARRAY_SIZE(cases));
}

/* CL/CS formats: each offset bit alone, so no two can be swapped. */
static void test_compressed_offsets_cl_cs(void **state)
{
	/* clang-format off */
	static const struct c_case cases[] = {
		{ 0x43c0, LD, 4, 8, 15, true, false, 4 },	/* c.lw s0,4(a5) */
		{ 0x4780, LD, 4, 8, 15, true, false, 8 },
		{ 0x4b80, LD, 4, 8, 15, true, false, 16 },
		{ 0x5380, LD, 4, 8, 15, true, false, 32 },
		{ 0x43a0, LD, 4, 8, 15, true, false, 64 },
		{ 0x641c, LD, 8, 15, 8, true, false, 8 },	/* c.ld a5,8(s0) */
		{ 0x681c, LD, 8, 15, 8, true, false, 16 },
		{ 0x701c, LD, 8, 15, 8, true, false, 32 },
		{ 0x603c, LD, 8, 15, 8, true, false, 64 },
		{ 0x605c, LD, 8, 15, 8, true, false, 128 },
		{ 0xc3c0, ST, 4, 8, 15, false, false, 4 },	/* c.sw s0,4(a5) */
		{ 0xc780, ST, 4, 8, 15, false, false, 8 },
		{ 0xcb80, ST, 4, 8, 15, false, false, 16 },
		{ 0xd380, ST, 4, 8, 15, false, false, 32 },
		{ 0xc3a0, ST, 4, 8, 15, false, false, 64 },
		{ 0xe41c, ST, 8, 15, 8, false, false, 8 },	/* c.sd a5,8(s0) */
		{ 0xe81c, ST, 8, 15, 8, false, false, 16 },
		{ 0xf01c, ST, 8, 15, 8, false, false, 32 },
		{ 0xe03c, ST, 8, 15, 8, false, false, 64 },
		{ 0xe05c, ST, 8, 15, 8, false, false, 128 },
		{ 0x2780, LD, 8, 8, 15, false, true, 8 },	/* c.fld fs0,8(a5) */
		{ 0x2b80, LD, 8, 8, 15, false, true, 16 },
		{ 0x3380, LD, 8, 8, 15, false, true, 32 },
		{ 0x23a0, LD, 8, 8, 15, false, true, 64 },
		{ 0x23c0, LD, 8, 8, 15, false, true, 128 },
		{ 0xa41c, ST, 8, 15, 8, false, true, 8 },	/* c.fsd fa5,8(s0) */
		{ 0xa81c, ST, 8, 15, 8, false, true, 16 },
		{ 0xb01c, ST, 8, 15, 8, false, true, 32 },
		{ 0xa03c, ST, 8, 15, 8, false, true, 64 },
		{ 0xa05c, ST, 8, 15, 8, false, true, 128 },
	};
	/* clang-format on */

	(void)state;
	check_c_cases(cases, ARRAY_SIZE(cases));
}

/* CI/CSS (stack-pointer) formats: each offset bit alone. */
static void test_compressed_offsets_sp(void **state)
{
	/* clang-format off */
	static const struct c_case cases[] = {
		{ 0x4f92, LD, 4, 31, 2, true, false, 4 },	/* c.lwsp t6,4(sp) */
		{ 0x4fa2, LD, 4, 31, 2, true, false, 8 },
		{ 0x4fc2, LD, 4, 31, 2, true, false, 16 },
		{ 0x5f82, LD, 4, 31, 2, true, false, 32 },
		{ 0x4f86, LD, 4, 31, 2, true, false, 64 },
		{ 0x4f8a, LD, 4, 31, 2, true, false, 128 },
		{ 0x60a2, LD, 8, 1, 2, true, false, 8 },	/* c.ldsp ra,8(sp) */
		{ 0x60c2, LD, 8, 1, 2, true, false, 16 },
		{ 0x7082, LD, 8, 1, 2, true, false, 32 },
		{ 0x6086, LD, 8, 1, 2, true, false, 64 },
		{ 0x608a, LD, 8, 1, 2, true, false, 128 },
		{ 0x6092, LD, 8, 1, 2, true, false, 256 },
		{ 0xc27e, ST, 4, 31, 2, false, false, 4 },	/* c.swsp t6,4(sp) */
		{ 0xc47e, ST, 4, 31, 2, false, false, 8 },
		{ 0xc87e, ST, 4, 31, 2, false, false, 16 },
		{ 0xd07e, ST, 4, 31, 2, false, false, 32 },
		{ 0xc0fe, ST, 4, 31, 2, false, false, 64 },
		{ 0xc17e, ST, 4, 31, 2, false, false, 128 },
		{ 0xe406, ST, 8, 1, 2, false, false, 8 },	/* c.sdsp ra,8(sp) */
		{ 0xe806, ST, 8, 1, 2, false, false, 16 },
		{ 0xf006, ST, 8, 1, 2, false, false, 32 },
		{ 0xe086, ST, 8, 1, 2, false, false, 64 },
		{ 0xe106, ST, 8, 1, 2, false, false, 128 },
		{ 0xe206, ST, 8, 1, 2, false, false, 256 },
		{ 0x2fa2, LD, 8, 31, 2, false, true, 8 },	/* c.fldsp f31,8(sp) */
		{ 0x2fc2, LD, 8, 31, 2, false, true, 16 },
		{ 0x3f82, LD, 8, 31, 2, false, true, 32 },
		{ 0x2f86, LD, 8, 31, 2, false, true, 64 },
		{ 0x2f8a, LD, 8, 31, 2, false, true, 128 },
		{ 0x2f92, LD, 8, 31, 2, false, true, 256 },
		{ 0xa406, ST, 8, 1, 2, false, true, 8 },	/* c.fsdsp f1,8(sp) */
		{ 0xa806, ST, 8, 1, 2, false, true, 16 },
		{ 0xb006, ST, 8, 1, 2, false, true, 32 },
		{ 0xa086, ST, 8, 1, 2, false, true, 64 },
		{ 0xa106, ST, 8, 1, 2, false, true, 128 },
		{ 0xa206, ST, 8, 1, 2, false, true, 256 },
	};
	/* clang-format on */

	(void)state;
	check_c_cases(cases, ARRAY_SIZE(cases));
}

/* A compressed instruction is its low 16 bits: the upper half is the next
 * instruction in the fetched word and must not change the decoding. */
static void test_compressed_ignores_upper_half(void **state)
{
	struct insn in;

	(void)state;
	decode_ok(0xffff5de8, &in); /* c.lw a0,124(a1) */
	assert_int_equal(in.kind, INSN_LOAD);
	assert_int_equal(in.len, 2);
	assert_int_equal(in.rd, 10);
	assert_int_equal(in.rs1, 11);
	assert_int_equal(in.imm, 124);
}

static void test_reserved_and_unknown(void **state)
{
	(void)state;
	decode_bad(0x00000000); /* defined illegal instruction */
	decode_bad(0xffffffff); /* opcode 0x7f */
	decode_bad(0x4012);	/* c.lwsp x0,4(sp): reserved (rd = 0) */
	decode_bad(0x6022);	/* c.ldsp x0,8(sp): reserved (rd = 0) */
	decode_bad(0x0020);	/* c.addi4spn s0,sp,8 */
	decode_bad(0x8000);	/* quadrant 0, funct3 4: reserved */
	decode_bad(0x0505);	/* c.addi a0,1: quadrant 1 */
	decode_bad(0x050a);	/* c.slli a0,2 */
	decode_bad(0x8082);	/* c.jr ra (ret) */
	decode_bad(0x9002);	/* c.ebreak */
	decode_bad(0x00000013); /* addi x0,x0,0 (nop) */
	decode_bad(0x0000100f); /* fence.i */
}

static void test_insn_length(void **state)
{
	(void)state;
	assert_int_equal(insn_length(0x0000), 2);
	assert_int_equal(insn_length(0x0001), 2);
	assert_int_equal(insn_length(0x0002), 2);
	assert_int_equal(insn_length(0x0003), 4);
	assert_int_equal(insn_length(0x5de8), 2); /* c.lw */
	assert_int_equal(insn_length(0x557e), 2); /* c.lwsp */
	assert_int_equal(insn_length(0x0073), 4); /* low half of ecall */
	assert_int_equal(insn_length(0xa503), 4); /* low half of lw */
}

/* Unpriv. 13-16: what needs FS on, and what does not. */
static void test_insn_is_fp(void **state)
{
	(void)state;
	assert_true(insn_is_fp(0xf20300d3));	/* fmv.d.x f1, t1 */
	assert_true(insn_is_fp(0xe20002d3));	/* fmv.x.d t0, f0 */
	assert_true(insn_is_fp(0x00053007));	/* fld f0, 0(a0) */
	assert_true(insn_is_fp(0x00a53027));	/* fsd f10, 0(a0) */
	assert_true(insn_is_fp(0x02b57543));	/* fmadd.s */
	assert_true(insn_is_fp(0x003022f3));	/* csrr t0, fcsr */
	assert_true(insn_is_fp(0x001022f3));	/* csrr t0, fflags */
	assert_true(insn_is_fp(0x2108));	/* c.fld f10, 0(a0) */
	assert_true(insn_is_fp(0xa02a));	/* c.fsdsp f10, 0(sp) */
	assert_true(insn_is_fp(0x2502));	/* c.fldsp f10, 0(sp) */
	assert_false(insn_is_fp(0x004022f3));	/* csrr t0, 0x004 */
	assert_false(insn_is_fp(0x340022f3));	/* csrr t0, mscratch */
	assert_false(insn_is_fp(0x00053283));	/* ld t0, 0(a0) */
	assert_false(insn_is_fp(0x6108));	/* c.ld a0, 0(a0) */
	assert_false(insn_is_fp(0x0000));	/* c.unimp */
	assert_false(insn_is_fp(0x10200073));	/* sret */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csr_forms),
		cmocka_unit_test(test_system_words),
		cmocka_unit_test(test_system_near_misses),
		cmocka_unit_test(test_integer_loads),
		cmocka_unit_test(test_integer_stores),
		cmocka_unit_test(test_fp_loads_stores),
		cmocka_unit_test(test_bad_widths),
		cmocka_unit_test(test_compressed_registers),
		cmocka_unit_test(test_compressed_offsets_cl_cs),
		cmocka_unit_test(test_compressed_offsets_sp),
		cmocka_unit_test(test_compressed_ignores_upper_half),
		cmocka_unit_test(test_reserved_and_unknown),
		cmocka_unit_test(test_insn_length),
		cmocka_unit_test(test_insn_is_fp),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
