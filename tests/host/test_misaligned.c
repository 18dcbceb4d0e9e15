// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of the misaligned load/store emulator (monitor/core/misaligned.c).
 *
 * QEMU performs misaligned accesses in hardware and never traps, so the
 * emulator cannot be exercised there; instead it is checked here against the
 * host CPU (x86-64), which does misaligned loads and stores natively. Each
 * randomised case encodes an instruction, emulates it over a fake guest
 * memory (a byte array with per-page fault injection), and compares
 * registers, FP registers, memory, pc and the reported fault with what the
 * host's own unaligned access of the same type gives.
 *
 * Encodings covered, each with random rd/rs1/rs2 (x8-x15 for CL/CS, sp base
 * for the *SP forms, rd = x0 allowed where the encoding is not reserved),
 * every immediate bit, misaligned addresses (any for byte accesses), random
 * register, FP register and memory contents, with and without faults:
 *   LOAD     (0x03)  lb lh lw ld lbu lhu lwu
 *   STORE    (0x23)  sb sh sw sd
 *   LOAD-FP  (0x07)  flw fld
 *   STORE-FP (0x27)  fsw fsd
 *   C quadrant 0     c.lw c.ld c.fld c.sw c.sd c.fsd
 *   C quadrant 2     c.lwsp c.ldsp c.fldsp c.swsp c.sdsp c.fsdsp
 * The instruction encoders are checked against GNU as output
 * (test_encoders_match_gnu_as), so they do not share the decoder's bugs.
 *
 * The seed is fixed (MISALIGNED_SEED in the environment overrides it) and is
 * printed with every mismatch, with the case number.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "monitor/core/vcsr.h"

#include "../../include/rampart/errno.h"
#include "monitor/core/misaligned.h"
#include "monitor/core/riscv.h"
#include "monitor/core/vcpu.h"

#define CASES 1000000
#define DEFAULT_SEED 0x5eed2024c0ffee11ULL

#define PAGE 4096u
#define NPAGES 3
#define MEM_SIZE (NPAGES * PAGE)
#define KBASE 0xffffffc000100000ULL	/* a Linux linear-map address */
#define TOP_BASE (0 - (u64)MEM_SIZE)	/* last bytes before 2^64 */
#define NAN_BOX 0xffffffff00000000ULL

/* Host unaligned accesses: the typedefs drop alignment to 1, so the
 * compiler emits plain x86 loads/stores at any address (and UBSan agrees). */
typedef int16_t __attribute__((aligned(1))) s16u;
typedef int32_t __attribute__((aligned(1))) s32u;
typedef int64_t __attribute__((aligned(1))) s64u;
typedef uint16_t __attribute__((aligned(1))) u16u;
typedef uint32_t __attribute__((aligned(1))) u32u;
typedef uint64_t __attribute__((aligned(1))) u64u;

/* ------------------------------------------------------------------ */
/* Fake guest memory with per-page permissions                         */

/* What a page allows, and what it raises: page tables (PT) or PMP. */
enum perm { P_RW, P_RO_PT, P_RO_PMP, P_NONE_PT, P_NONE_PMP, P_COUNT };

struct fake {
	u64 base;
	enum perm perm[NPAGES];
	u8 mem[MEM_SIZE];
	u64 fpr[32];
	/* the access under test: any byte outside it is a stray access */
	u64 acc_addr;
	unsigned int acc_width;
	bool stray;
	unsigned int stores;	/* store_byte calls that wrote */
	unsigned int accesses;	/* all load_byte/store_byte calls */
	unsigned int set_fpr_calls, set_fpr_width;
};

static struct fake fk;
static u8 ref[MEM_SIZE];	/* the reference memory image */

static u64 perm_load_cause(enum perm p)
{
	if (p == P_NONE_PT)
		return CAUSE_LOAD_PAGE_FAULT;
	return p == P_NONE_PMP ? CAUSE_LOAD_ACCESS : 0;
}

static u64 perm_store_cause(enum perm p)
{
	if (p == P_RO_PT || p == P_NONE_PT)
		return CAUSE_STORE_PAGE_FAULT;
	if (p == P_RO_PMP || p == P_NONE_PMP)
		return CAUSE_STORE_ACCESS;
	return 0;
}

/* Permission of @addr; outside the array is unmapped (page fault). */
static enum perm page_perm(const struct fake *f, u64 addr)
{
	u64 off = addr - f->base;

	return off < MEM_SIZE ? f->perm[off / PAGE] : P_NONE_PT;
}

static void note_access(struct fake *f, u64 addr)
{
	f->accesses++;
	if (addr - f->acc_addr >= f->acc_width)
		f->stray = true;
}

static u64 fake_load_byte(void *ctx, u64 addr, u8 *byte)
{
	struct fake *f = ctx;
	u64 cause = perm_load_cause(page_perm(f, addr));

	note_access(f, addr);
	if (!cause)
		*byte = f->mem[addr - f->base];
	return cause;
}

static u64 fake_store_byte(void *ctx, u64 addr, u8 byte)
{
	struct fake *f = ctx;
	u64 cause = perm_store_cause(page_perm(f, addr));

	note_access(f, addr);
	if (!cause) {
		f->mem[addr - f->base] = byte;
		f->stores++;
	}
	return cause;
}

static u64 fake_get_fpr(void *ctx, unsigned int n)
{
	const struct fake *f = ctx;

	return f->fpr[n & 31];
}

/* As the hart does: a 32-bit value is NaN-boxed (Unpriv. spec 12.2). */
static void fake_set_fpr(void *ctx, unsigned int n, u64 val,
			 unsigned int width)
{
	struct fake *f = ctx;

	f->set_fpr_calls++;
	f->set_fpr_width = width;
	f->fpr[n & 31] = width == 4 ? (val & 0xffffffffu) | NAN_BOX : val;
}

static const struct misaligned_ops ops = {
	.load_byte = fake_load_byte,
	.store_byte = fake_store_byte,
	.get_fpr = fake_get_fpr,
	.set_fpr = fake_set_fpr,
	.ctx = &fk,
};

/* ------------------------------------------------------------------ */
/* PRNG: xorshift64*, deterministic                                    */

static u64 rng;

static u64 rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dULL;
}

static u64 rnd_below(u64 n)
{
	return rnd() % n;
}

/* ------------------------------------------------------------------ */
/* Instruction forms and their encoders (Unpriv. spec 2.6, 16.3, 24)   */

enum fmt { FMT_I, FMT_S, FMT_CL, FMT_CS, FMT_CLSP, FMT_CSSP };

struct form {
	const char *name;
	enum fmt fmt;
	u8 f3;
	u8 width;
	bool is_signed;
	bool is_fp;
	bool is_store;
};

#define LD(n, f3, w, s) { n, FMT_I, f3, w, s, false, false }
#define ST(n, f3, w) { n, FMT_S, f3, w, false, false, true }
#define FLD(n, fmt, f3, w) { n, fmt, f3, w, false, true, false }
#define FST(n, fmt, f3, w) { n, fmt, f3, w, false, true, true }

static const struct form forms[] = {
	LD("lb", 0, 1, true), LD("lh", 1, 2, true), LD("lw", 2, 4, true),
	LD("ld", 3, 8, true), LD("lbu", 4, 1, false), LD("lhu", 5, 2, false),
	LD("lwu", 6, 4, false),
	ST("sb", 0, 1), ST("sh", 1, 2), ST("sw", 2, 4), ST("sd", 3, 8),
	FLD("flw", FMT_I, 2, 4), FLD("fld", FMT_I, 3, 8),
	FST("fsw", FMT_S, 2, 4), FST("fsd", FMT_S, 3, 8),
	{ "c.lw", FMT_CL, 2, 4, true, false, false },
	{ "c.ld", FMT_CL, 3, 8, true, false, false },
	FLD("c.fld", FMT_CL, 1, 8),
	{ "c.sw", FMT_CS, 6, 4, false, false, true },
	{ "c.sd", FMT_CS, 7, 8, false, false, true },
	FST("c.fsd", FMT_CS, 5, 8),
	{ "c.lwsp", FMT_CLSP, 2, 4, true, false, false },
	{ "c.ldsp", FMT_CLSP, 3, 8, true, false, false },
	FLD("c.fldsp", FMT_CLSP, 1, 8),
	{ "c.swsp", FMT_CSSP, 6, 4, false, false, true },
	{ "c.sdsp", FMT_CSSP, 7, 8, false, false, true },
	FST("c.fsdsp", FMT_CSSP, 5, 8),
};

enum {
	F_LB, F_LH, F_LW, F_LD, F_LBU, F_LHU, F_LWU, F_SB, F_SH, F_SW, F_SD,
	F_FLW, F_FLD, F_FSW, F_FSD, F_CLW, F_CLD, F_CFLD, F_CSW, F_CSD,
	F_CFSD, F_CLWSP, F_CLDSP, F_CFLDSP, F_CSWSP, F_CSDSP, F_CFSDSP,
};

static u32 field(u64 val, unsigned int hi, unsigned int lo)
{
	return (u32)(val >> lo) & ((1u << (hi - lo + 1)) - 1);
}

static u32 enc_i(u32 opc, u32 f3, u32 rd, u32 rs1, s64 imm)
{
	return field((u64)imm, 11, 0) << 20 | rs1 << 15 | f3 << 12 |
	       rd << 7 | opc;
}

static u32 enc_s(u32 opc, u32 f3, u32 rs2, u32 rs1, s64 imm)
{
	return field((u64)imm, 11, 5) << 25 | rs2 << 20 | rs1 << 15 |
	       f3 << 12 | field((u64)imm, 4, 0) << 7 | opc;
}

/* CL/CS: uimm[5:3] at 12:10; bits 6:5 hold uimm[2|6] (word) or [7:6]. */
static u32 enc_cl(u32 f3, u32 r, u32 rs1, u64 imm, unsigned int width)
{
	u32 b65 = width == 4 ? field(imm, 2, 2) << 1 | field(imm, 6, 6) :
			       field(imm, 7, 6);

	return f3 << 13 | field(imm, 5, 3) << 10 | (rs1 - 8) << 7 |
	       b65 << 5 | (r - 8) << 2;
}

/* CI (*LSP): uimm[5] at 12; 6:2 hold uimm[4:2|7:6] or uimm[4:3|8:6]. */
static u32 enc_clsp(u32 f3, u32 rd, u64 imm, unsigned int width)
{
	u32 b62 = width == 4 ? field(imm, 4, 2) << 2 | field(imm, 7, 6) :
			       field(imm, 4, 3) << 3 | field(imm, 8, 6);

	return f3 << 13 | field(imm, 5, 5) << 12 | rd << 7 | b62 << 2 | 2;
}

/* CSS (*SSP): 12:7 hold uimm[5:2|7:6] or uimm[5:3|8:6]. */
static u32 enc_cssp(u32 f3, u32 rs2, u64 imm, unsigned int width)
{
	u32 b127 = width == 4 ? field(imm, 5, 2) << 2 | field(imm, 7, 6) :
				field(imm, 5, 3) << 3 | field(imm, 8, 6);

	return f3 << 13 | b127 << 7 | rs2 << 2 | 2;
}

/* @r is rd for loads, rs2 for stores. */
static u32 encode(const struct form *f, u32 r, u32 rs1, s64 imm)
{
	u32 opc = (f->is_store ? 0x23 : 0x03) | (f->is_fp ? 0x04 : 0);

	switch (f->fmt) {
	case FMT_I: return enc_i(opc, f->f3, r, rs1, imm);
	case FMT_S: return enc_s(opc, f->f3, r, rs1, imm);
	case FMT_CL:
	case FMT_CS: return enc_cl(f->f3, r, rs1, (u64)imm, f->width);
	case FMT_CLSP: return enc_clsp(f->f3, r, (u64)imm, f->width);
	default: return enc_cssp(f->f3, r, (u64)imm, f->width);
	}
}

/* ------------------------------------------------------------------ */
/* The host reference                                                  */

/*
 * The host CPU's own misaligned load of the same type, as rd gets it. FP
 * loads and stores move bits unchanged (Unpriv. spec 11.5, 12.2: even NaN
 * payloads), so an integer access of the same width is their reference.
 */
static u64 host_load(const u8 *p, const struct form *f)
{
	if (f->is_fp)
		return f->width == 4 ? NAN_BOX | *(const u32u *)p :
				       *(const u64u *)p;
	switch (f->width) {
	case 1: return f->is_signed ? (u64)(s64)*(const s8 *)p : *p;
	case 2: return f->is_signed ? (u64)(s64)*(const s16u *)p :
				      *(const u16u *)p;
	case 4: return f->is_signed ? (u64)(s64)*(const s32u *)p :
				      *(const u32u *)p;
	default: return (u64)*(const s64u *)p;
	}
}

/* The host CPU's own misaligned store of the low bytes of @val (FP too). */
static void host_store(u8 *p, const struct form *f, u64 val)
{
	switch (f->width) {
	case 1: *p = (u8)val; break;
	case 2: *(u16u *)p = (u16)val; break;
	case 4: *(u32u *)p = (u32)val; break;
	default: *(u64u *)p = val; break;
	}
}

/* ------------------------------------------------------------------ */
/* One randomised case                                                 */

struct tcase {
	const struct form *f;
	u64 base;
	bool faults;		/* random page permissions */
	bool x0_base;		/* rs1 = x0: imm is the whole address */
	bool wrong_addr;	/* the trap reports another address */
	u32 r, rs1;
	s64 imm;
	u64 addr;
	u32 raw;
};

static u64 pick_base(void)
{
	u64 b;

	switch (rnd_below(8)) {
	case 0: return 0;		/* x0-relative, low 2 KiB */
	case 1: return TOP_BASE;	/* x0-relative, top 2 KiB; wraps */
	case 2:
		b = rnd() & ~(u64)(PAGE - 1);
		return b > TOP_BASE ? TOP_BASE : b;
	default: return KBASE;
	}
}

/* An offset in [lo, hi - w] that is misaligned for @w (any if w = 1). */
static s64 pick_misaligned(s64 lo, s64 hi, unsigned int w)
{
	s64 off = lo + (s64)rnd_below((u64)(hi - lo - w + 1));

	if (w > 1 && off % w == 0) {
		off += 1 + (s64)rnd_below(w - 1);
		if (off > hi - w)
			off -= w;
	}
	return off;
}

/*
 * Offset from the base: half the time straddling a page edge (with random
 * permissions, also the edges of the array: below it, or past 2^64), else
 * anywhere. With an x0 base only the 2 KiB reachable by a 12-bit imm.
 */
static s64 pick_offset(const struct tcase *c)
{
	unsigned int w = c->f->width;
	bool top = c->base == TOP_BASE;
	s64 edge;

	if (rnd_below(2)) {
		if (c->x0_base)
			edge = top ? MEM_SIZE : 0;
		else if (c->faults)
			edge = (s64)rnd_below(NPAGES + 1) * PAGE;
		else
			edge = (s64)(1 + rnd_below(NPAGES - 1)) * PAGE;
		if (c->faults || (edge > 0 && edge < (s64)MEM_SIZE))
			return edge - (w > 1 ? 1 + (s64)rnd_below(w - 1) :
					       (s64)rnd_below(2));
	}
	if (c->x0_base)
		return top ? pick_misaligned(MEM_SIZE - 2048, MEM_SIZE, w) :
			     pick_misaligned(0, 2048, w);
	return pick_misaligned(0, MEM_SIZE, w);
}

static void pick_regs(struct tcase *c)
{
	const struct form *f = c->f;

	switch (f->fmt) {
	case FMT_I:
	case FMT_S:
		c->r = (u32)rnd_below(32);
		c->rs1 = c->x0_base ? 0 : 1 + (u32)rnd_below(31);
		break;
	case FMT_CL:
	case FMT_CS:
		c->r = 8 + (u32)rnd_below(8);
		c->rs1 = 8 + (u32)rnd_below(8);
		break;
	case FMT_CLSP:
		/* c.lwsp/c.ldsp with rd = x0 are reserved; c.fldsp f0 is not */
		c->r = f->is_fp ? (u32)rnd_below(32) : 1 + (u32)rnd_below(31);
		c->rs1 = 2;
		break;
	default:
		c->r = (u32)rnd_below(32);
		c->rs1 = 2;
		break;
	}
}

/* Every encodable offset: simm12, or the form's scaled unsigned field. */
static s64 pick_imm(const struct tcase *c)
{
	u64 r = rnd();

	if (c->x0_base)
		return (s64)c->addr;
	switch (c->f->fmt) {
	case FMT_I:
	case FMT_S: return (s64)((r & 0xfff) ^ 0x800) - 0x800;
	case FMT_CL:
	case FMT_CS: return (s64)((r & 31) * c->f->width);
	default: return (s64)((r & 63) * c->f->width);
	}
}

static void pick_perms(const struct tcase *c)
{
	for (unsigned int i = 0; i < NPAGES; i++)
		fk.perm[i] = c->faults ? (enum perm)rnd_below(P_COUNT) : P_RW;
}

/* Fresh random bytes around the access, in both images. */
static void scramble_around(u64 off)
{
	for (u64 i = off - 8; i != off + 16; i++) {
		if (i < MEM_SIZE)
			fk.mem[i] = ref[i] = (u8)rnd();
	}
}

static void make_case(struct tcase *c)
{
	c->f = &forms[rnd_below(ARRAY_SIZE(forms))];
	c->base = pick_base();
	c->faults = rnd_below(4) == 0;
	c->x0_base = (c->base == 0 || c->base == TOP_BASE) &&
		     c->f->fmt <= FMT_S && rnd_below(2);
	c->addr = c->base + (u64)pick_offset(c);
	pick_regs(c);
	c->imm = pick_imm(c);
	c->raw = encode(c->f, c->r, c->rs1, c->imm);
	c->wrong_addr = rnd_below(32) == 0;
	fk.base = c->base;
	pick_perms(c);
	scramble_around(c->addr - c->base);
}

static void make_vcpu(struct vcpu *v, const struct tcase *c)
{
	memset(v, 0, sizeof(*v));
	for (unsigned int i = 1; i < 32; i++)
		v->x[i] = rnd();
	v->pc = rnd() & ~1ULL;
	v->mode = PRV_S;
	vcpu_set_reg(v, c->rs1, c->addr - (u64)c->imm);
	for (unsigned int i = 0; i < 32; i++)
		fk.fpr[i] = rnd();
}

/* ------------------------------------------------------------------ */
/* Expected outcome and comparison                                     */

struct expect {
	struct vcpu v;
	u64 fpr[32];
	int rc;
	u64 cause, tval;
};

/* The first byte, upwards, whose page refuses the access faults. */
static void expect_fault(const struct tcase *c, struct expect *e)
{
	u64 a;

	e->cause = 0;
	for (unsigned int i = 0; i < c->f->width && !e->cause; i++) {
		a = c->addr + i;
		e->cause = c->f->is_store ?
				   perm_store_cause(page_perm(&fk, a)) :
				   perm_load_cause(page_perm(&fk, a));
		e->tval = a;
	}
}

/* Fills @e from the host CPU; the store also goes into ref[]. */
static void expect_outcome(const struct tcase *c, const struct vcpu *v,
			   struct expect *e)
{
	const struct form *f = c->f;
	u64 val;
	u8 *p;

	e->v = *v;
	memcpy(e->fpr, fk.fpr, sizeof(e->fpr));
	e->rc = c->wrong_addr ? -RAMPART_EINVAL : 0;
	e->cause = e->tval = 0;
	if (e->rc)
		return;
	expect_fault(c, e);
	if (e->cause)
		return;
	e->v.pc += f->fmt >= FMT_CL ? 2 : 4;
	p = ref + (c->addr - c->base); /* in the array: no byte faulted */
	if (f->is_store) {
		val = f->is_fp ? fk.fpr[c->r] : vcpu_reg(v, c->r);
		host_store(p, f, val);
	} else if (f->is_fp) {
		e->fpr[c->r] = host_load(p, f);
	} else {
		vcpu_set_reg(&e->v, c->r, host_load(p, f));
	}
}

static void report(u64 seed, unsigned long n, const struct tcase *c,
		   const char *what)
{
	fprintf(stderr,
		"MISMATCH seed 0x%016llx case %lu: %s %08x (r%u, rs1 x%u, "
		"imm %lld) addr 0x%016llx base 0x%016llx perms %d%d%d: %s\n",
		(unsigned long long)seed, n, c->f->name, c->raw, c->r, c->rs1,
		(long long)c->imm, (unsigned long long)c->addr,
		(unsigned long long)c->base, fk.perm[0], fk.perm[1], fk.perm[2],
		what);
}

/* Returns NULL if the emulator agrees with @e, else what differs. */
static const char *compare(const struct tcase *c, const struct vcpu *v,
			   const struct expect *e, int rc,
			   const struct misaligned_fault *flt)
{
	bool fp_load = c->f->is_fp && !c->f->is_store && !e->rc && !e->cause;

	if (rc != e->rc)
		return "return code";
	if (e->rc && fk.accesses)
		return "memory accessed for a refused trap";
	if (flt->cause != e->cause || (e->cause && flt->tval != e->tval))
		return "fault cause/tval";
	if (memcmp(v, &e->v, sizeof(*v)) != 0)
		return "vcpu (registers or pc)";
	if (memcmp(fk.fpr, e->fpr, sizeof(e->fpr)) != 0)
		return "FP registers";
	if (memcmp(fk.mem, ref, MEM_SIZE) != 0)
		return "memory";
	if (fk.stray)
		return "access outside [addr, addr + width)";
	if (fk.set_fpr_calls != fp_load ||
	    (fp_load && fk.set_fpr_width != c->f->width))
		return "set_fpr";
	return NULL;
}

/* Per form: cases emulated, faulted, refused (wrong trap address). */
static unsigned long outcomes[ARRAY_SIZE(forms)][3];

/* Runs one case; returns true if it matched. */
static bool run_case(u64 seed, unsigned long n)
{
	struct misaligned_fault flt;
	struct expect e;
	struct tcase c;
	struct vcpu v;
	const char *bad;
	u64 addr;
	int rc;

	make_case(&c);
	make_vcpu(&v, &c);
	expect_outcome(&c, &v, &e);
	fk.acc_addr = c.addr;
	fk.acc_width = c.f->width;
	fk.stray = false;
	fk.accesses = fk.set_fpr_calls = 0;
	/* one address bit off: the emulator must not take the trap's word */
	addr = c.addr ^ (c.wrong_addr ? 1ULL << rnd_below(64) : 0);
	rc = misaligned_emulate(&v, c.raw, addr, &ops, &flt);
	bad = compare(&c, &v, &e, rc, &flt);
	outcomes[c.f - forms][e.rc ? 2 : e.cause ? 1 : 0]++;
	if (!bad)
		return true;
	report(seed, n, &c, bad);
	memcpy(ref, fk.mem, MEM_SIZE); /* no cascade into later cases */
	return false;
}

static void test_differential(void **state)
{
	const char *env = getenv("MISALIGNED_SEED");
	u64 seed = env ? strtoull(env, NULL, 0) : DEFAULT_SEED;
	unsigned long n, bad = 0, sum[3] = { 0 };

	(void)state;
	rng = seed ? seed : DEFAULT_SEED;
	for (n = 0; n < MEM_SIZE; n++)
		fk.mem[n] = ref[n] = (u8)rnd();
	for (n = 0; n < CASES; n++)
		bad += !run_case(seed, n);
	print_message("misaligned differential: %lu cases, %lu mismatches\n",
		      n, bad);
	/* the generator reaches every outcome of every form */
	for (size_t i = 0; i < ARRAY_SIZE(forms); i++) {
		for (size_t k = 0; k < 3; k++) {
			assert_true(outcomes[i][k] > 0);
			sum[k] += outcomes[i][k];
		}
	}
	print_message("  (%lu emulated, %lu faulted, %lu refused; seed "
		      "0x%016llx)\n", sum[0], sum[1], sum[2],
		      (unsigned long long)seed);
	assert_int_equal(bad, 0);
}

/* ------------------------------------------------------------------ */
/* Deterministic cases                                                 */

static struct vcpu vc;

static int setup(void **state)
{
	(void)state;
	memset(&vc, 0, sizeof(vc));
	vc.pc = 0x80200000;
	for (unsigned int i = 1; i < 32; i++)
		vc.x[i] = 0x1111111111111111ULL * (i & 15);
	memset(&fk, 0, sizeof(fk));
	fk.base = KBASE;
	for (unsigned int i = 0; i < MEM_SIZE; i++)
		fk.mem[i] = (u8)(i * 7 + 3);
	fk.acc_width = 8;
	return 0;
}

/* Emulate @raw at KBASE + @off with its base register pointing there. */
static int run_at(u32 raw, u32 rs1, s64 imm, u64 off,
		  struct misaligned_fault *flt)
{
	vcpu_set_reg(&vc, rs1, KBASE + off - (u64)imm);
	fk.acc_addr = KBASE + off;
	return misaligned_emulate(&vc, raw, KBASE + off, &ops, flt);
}

static void put_bytes(u64 off, u64 val, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		fk.mem[off + i] = (u8)(val >> (8 * i));
}

/* Encodings from riscv64-unknown-elf-as -march=rv64gc + objdump. */
static void test_encoders_match_gnu_as(void **state)
{
	static const struct {
		s64 imm;
		int form;
		u32 r, rs1;
		u32 raw;
	} gnu[] = {
		{ -1, F_LB, 10, 9, 0xfff48503 },
		{ 2047, F_LH, 31, 0, 0x7ff01f83 },
		{ -2048, F_LW, 0, 2, 0x80012003 },
		{ 0x555, F_LD, 27, 5, 0x5552bd83 },
		{ -0x556, F_LBU, 15, 11, 0xaaa5c783 },
		{ 1, F_LHU, 1, 3, 0x0011d083 },
		{ 2047, F_LWU, 4, 31, 0x7fffe203 },
		{ -1, F_SB, 10, 9, 0xfea48fa3 },
		{ 2047, F_SH, 31, 0, 0x7ff01fa3 },
		{ -2048, F_SW, 0, 2, 0x80012023 },
		{ 0x555, F_SD, 27, 5, 0x55b2baa3 },
		{ -3, F_FLW, 0, 10, 0xffd52007 },
		{ 0x7f9, F_FLD, 27, 31, 0x7f9fbd87 },
		{ -2047, F_FSW, 31, 8, 0x81f420a7 },
		{ 0x2aa, F_FSD, 10, 4, 0x2aa23527 },
		{ 124, F_CLW, 10, 9, 0x5ce8 },
		{ 4, F_CLW, 8, 15, 0x43c0 },
		{ 248, F_CLD, 12, 8, 0x7c70 },
		{ 8, F_CLD, 15, 14, 0x671c },
		{ 160, F_CFLD, 10, 13, 0x32c8 },
		{ 64, F_CSW, 11, 9, 0xc0ac },
		{ 136, F_CSD, 9, 10, 0xe544 },
		{ 80, F_CFSD, 9, 15, 0xaba4 },
		{ 252, F_CLWSP, 1, 2, 0x50fe },
		{ 4, F_CLWSP, 31, 2, 0x4f92 },
		{ 504, F_CLDSP, 18, 2, 0x797e },
		{ 40, F_CLDSP, 10, 2, 0x7522 },
		{ 264, F_CFLDSP, 3, 2, 0x21b2 },
		{ 252, F_CSWSP, 0, 2, 0xdf82 },
		{ 128, F_CSWSP, 30, 2, 0xc17a },
		{ 504, F_CSDSP, 1, 2, 0xff86 },
		{ 72, F_CSDSP, 19, 2, 0xe4ce },
		{ 488, F_CFSDSP, 8, 2, 0xb7a2 },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(gnu); i++)
		assert_int_equal(encode(&forms[gnu[i].form], gnu[i].r,
					gnu[i].rs1, gnu[i].imm),
				 gnu[i].raw);
}

/* Miralis zero-extended misaligned LW/LH; RV64 LW sign-extends (2.6). */
static void test_lw_sign_extends(void **state)
{
	struct misaligned_fault flt;

	(void)state;
	put_bytes(0x101, 0x84332211, 4);
	assert_int_equal(run_at(enc_i(0x03, 2, 10, 11, 1), 11, 1, 0x101, &flt),
			 0);
	assert_int_equal(flt.cause, 0);
	assert_int_equal(vc.x[10], 0xffffffff84332211ULL);
	assert_int_equal(vc.pc, 0x80200004);
}

static void test_lh_sign_extends(void **state)
{
	struct misaligned_fault flt;

	(void)state;
	put_bytes(0x203, 0x9aa5, 2);
	assert_int_equal(run_at(enc_i(0x03, 1, 5, 6, -7), 6, -7, 0x203, &flt),
			 0);
	assert_int_equal(vc.x[5], 0xffffffffffff9aa5ULL);
}

static void test_lwu_zero_extends(void **state)
{
	struct misaligned_fault flt;

	(void)state;
	put_bytes(0x102, 0x84332211, 4);
	assert_int_equal(run_at(enc_i(0x03, 6, 10, 11, 0), 11, 0, 0x102, &flt),
			 0);
	assert_int_equal(vc.x[10], 0x84332211ULL);
}

/* ld a0, 0(a1) three bytes before page 1, which is not mapped. */
static void test_ld_page_edge_fault(void **state)
{
	struct misaligned_fault flt;
	struct vcpu before;

	(void)state;
	fk.perm[1] = P_NONE_PT;
	vcpu_set_reg(&vc, 11, KBASE + PAGE - 3);
	before = vc;
	fk.acc_addr = KBASE + PAGE - 3;
	assert_int_equal(misaligned_emulate(&vc, enc_i(0x03, 3, 10, 11, 0),
					    KBASE + PAGE - 3, &ops, &flt),
			 0);
	assert_int_equal(flt.cause, CAUSE_LOAD_PAGE_FAULT);
	assert_int_equal(flt.tval, KBASE + PAGE);
	assert_memory_equal(&vc, &before, sizeof(vc)); /* rd and pc */
	assert_false(fk.stray);
}

/* sd a0, 0(a1) five bytes before a read-only page: nothing half-written. */
static void test_sd_rollback(void **state)
{
	struct misaligned_fault flt;
	static u8 before[MEM_SIZE];

	(void)state;
	fk.perm[1] = P_RO_PT;
	memcpy(before, fk.mem, MEM_SIZE);
	vc.x[10] = 0x0102030405060708ULL;
	assert_int_equal(run_at(enc_s(0x23, 3, 10, 11, 0), 11, 0, PAGE - 5,
				&flt),
			 0);
	assert_int_equal(flt.cause, CAUSE_STORE_PAGE_FAULT);
	assert_int_equal(flt.tval, KBASE + PAGE);
	assert_memory_equal(fk.mem, before, MEM_SIZE);
	/* 5 bytes written, then 5 put back: the rollback path, not a check */
	assert_int_equal(fk.stores, 10);
	assert_int_equal(vc.pc, 0x80200000);
	assert_false(fk.stray);
}

/* A byte the payload cannot even read faults the store as a store. */
static void test_sd_into_unreadable_is_store_fault(void **state)
{
	struct misaligned_fault flt;
	static u8 before[MEM_SIZE];

	(void)state;
	fk.perm[2] = P_NONE_PMP;
	memcpy(before, fk.mem, MEM_SIZE);
	assert_int_equal(run_at(enc_s(0x23, 3, 10, 11, 16), 11, 16,
				2 * PAGE - 1, &flt),
			 0);
	assert_int_equal(flt.cause, CAUSE_STORE_ACCESS);
	assert_int_equal(flt.tval, KBASE + 2 * PAGE);
	assert_memory_equal(fk.mem, before, MEM_SIZE);
}

/* First byte already faulting: tval is the access address itself. */
static void test_fault_on_first_byte(void **state)
{
	struct misaligned_fault flt;

	(void)state;
	fk.perm[0] = P_NONE_PMP;
	assert_int_equal(run_at(enc_i(0x03, 2, 10, 11, 0), 11, 0, 1, &flt), 0);
	assert_int_equal(flt.cause, CAUSE_LOAD_ACCESS);
	assert_int_equal(flt.tval, KBASE + 1);
	assert_int_equal(fk.accesses, 1);
}

/* lw x0, 3(a1): memory is read (it may fault), the result dropped. */
static void test_x0_destination(void **state)
{
	struct misaligned_fault flt;
	struct vcpu before;

	(void)state;
	vcpu_set_reg(&vc, 11, KBASE + 0x10);
	before = vc;
	fk.acc_addr = KBASE + 0x13;
	assert_int_equal(misaligned_emulate(&vc, enc_i(0x03, 2, 0, 11, 3),
					    KBASE + 0x13, &ops, &flt),
			 0);
	assert_int_equal(flt.cause, 0);
	assert_int_equal(vc.pc, before.pc + 4);
	vc.pc = before.pc;
	assert_memory_equal(&vc, &before, sizeof(vc));
	assert_int_equal(fk.accesses, 4);
}

static void expect_einval(u32 raw, u64 addr)
{
	struct misaligned_fault flt = { 0x55, 0x55 };
	struct vcpu before = vc;
	static u8 mem[MEM_SIZE];

	memcpy(mem, fk.mem, MEM_SIZE);
	fk.accesses = 0;
	assert_int_equal(misaligned_emulate(&vc, raw, addr, &ops, &flt),
			 -RAMPART_EINVAL);
	assert_int_equal(flt.cause, 0);
	assert_memory_equal(&vc, &before, sizeof(vc));
	assert_memory_equal(fk.mem, mem, MEM_SIZE);
	assert_int_equal(fk.accesses, 0);
}

static void test_einval(void **state)
{
	(void)state;
	vcpu_set_reg(&vc, 11, KBASE + 0x21);
	expect_einval(0x00150513, KBASE + 0x21);	/* addi a0, a0, 1 */
	expect_einval(0x00000073, KBASE + 0x21);	/* ecall */
	expect_einval(0x34011173, KBASE + 0x21);	/* csrrw sp, mscratch */
	expect_einval(0x0000, KBASE + 0x21);		/* c.unimp */
	expect_einval(0x8082, KBASE + 0x21);	/* c.jr ra */
	expect_einval(0x4002, KBASE + 0x21);	/* c.lwsp x0: reserved */
	expect_einval(0x0005a50b, KBASE + 0x21); /* custom-0 */
	/* lw a0, 0(a1) whose trap address is not a1 + 0 */
	expect_einval(enc_i(0x03, 2, 10, 11, 0), KBASE + 0x22);
	expect_einval(enc_i(0x03, 2, 10, 11, 0), KBASE + 0x21 + (1ULL << 32));
	/* sw a0, 1(a1): computes a1 + 1 */
	expect_einval(enc_s(0x23, 2, 10, 11, 1), KBASE + 0x21);
}

/* c.lw a0, 4(s0) at a misaligned address: pc moves by 2. */
static void test_compressed_advances_pc_by_2(void **state)
{
	struct misaligned_fault flt;

	(void)state;
	put_bytes(0x33, 0x7ffe0001, 4);
	assert_int_equal(run_at(enc_cl(2, 10, 8, 4, 4), 8, 4, 0x33, &flt), 0);
	assert_int_equal(flt.cause, 0);
	assert_int_equal(vc.x[10], 0x7ffe0001);
	assert_int_equal(vc.pc, 0x80200002);
}

static void test_flw_nan_boxes(void **state)
{
	struct misaligned_fault flt;

	(void)state;
	put_bytes(0x45, 0x7f800001, 4); /* a signalling NaN: bits kept */
	assert_int_equal(run_at(enc_i(0x07, 2, 7, 11, 5), 11, 5, 0x45, &flt),
			 0);
	assert_int_equal(fk.fpr[7], NAN_BOX | 0x7f800001);
	assert_int_equal(fk.set_fpr_width, 4);
}

/* fsw stores the low 32 bits even of a register that is not NaN-boxed. */
static void test_fsw_stores_low_bits(void **state)
{
	struct misaligned_fault flt;

	(void)state;
	fk.fpr[9] = 0x123456789abcdef0ULL;
	assert_int_equal(run_at(enc_s(0x27, 2, 9, 11, -1), 11, -1, 0x57, &flt),
			 0);
	assert_int_equal(flt.cause, 0);
	assert_int_equal(fk.mem[0x57], 0xf0);
	assert_int_equal(fk.mem[0x5a], 0x9a);
	assert_int_equal(fk.mem[0x5b], (u8)(0x5b * 7 + 3));
}

/* ld a0, -3(x0): the access wraps past 2^64 into unmapped address 0. */
static void test_wrap_past_top(void **state)
{
	struct misaligned_fault flt;

	(void)state;
	fk.base = TOP_BASE;
	fk.acc_addr = (u64)-3;
	assert_int_equal(misaligned_emulate(&vc, enc_i(0x03, 3, 10, 0, -3),
					    (u64)-3, &ops, &flt),
			 0);
	assert_int_equal(flt.cause, CAUSE_LOAD_PAGE_FAULT);
	assert_int_equal(flt.tval, 0);
	assert_int_equal(fk.accesses, 4);
	assert_false(fk.stray);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_encoders_match_gnu_as),
		cmocka_unit_test_setup(test_lw_sign_extends, setup),
		cmocka_unit_test_setup(test_lh_sign_extends, setup),
		cmocka_unit_test_setup(test_lwu_zero_extends, setup),
		cmocka_unit_test_setup(test_ld_page_edge_fault, setup),
		cmocka_unit_test_setup(test_sd_rollback, setup),
		cmocka_unit_test_setup(test_sd_into_unreadable_is_store_fault,
				       setup),
		cmocka_unit_test_setup(test_fault_on_first_byte, setup),
		cmocka_unit_test_setup(test_x0_destination, setup),
		cmocka_unit_test_setup(test_einval, setup),
		cmocka_unit_test_setup(test_compressed_advances_pc_by_2, setup),
		cmocka_unit_test_setup(test_flw_nan_boxes, setup),
		cmocka_unit_test_setup(test_fsw_stores_low_bits, setup),
		cmocka_unit_test_setup(test_wrap_past_top, setup),
		cmocka_unit_test_setup(test_differential, setup),
	};

	vcsr_init(12);

	return cmocka_run_group_tests(tests, NULL, NULL);
}
