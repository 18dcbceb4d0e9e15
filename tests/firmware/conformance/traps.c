// SPDX-License-Identifier: BSD-2-Clause
/*
 * Synchronous traps taken in M (illegal encodings, ecall, ebreak), mret back
 * into M, and the fence family.
 */
#include "check.h"

static void test_illegal(void)
{
	CHECK_TRAP("illegal.c-unimp-0x0000", ".half 0x0000");
	/* Two c.unimp in a row: two traps, 2 bytes apart. */
	CHECK_TRAP("illegal.word-0x00000000", ".word 0x00000000");
	CHECK_TRAP("illegal.word-0xffffffff", ".word 0xffffffff");
	CHECK_TRAP("illegal.word-0x0000007f", ".word 0x0000007f");
}

static void test_ecall_ebreak(void)
{
	/* a7 = SVC_NOP: label is on the li, so mepc prints as insn+0x4 */
	CHECK_TRAP("ecall.m", "li a7, 1\n\tecall");
	CHECK_TRAP("ebreak.m", "ebreak");
	CHECK_TRAP("c.ebreak.m", ".half 0x9002");
}

/*
 * mret with MPP = M: lands on mepc, MIE = MPIE, MPIE = 1, MPP = U (the least
 * privileged mode). `mprv` is set too, to see whether it survives.
 */
static u64 mret_to_m(u64 mpie, u64 mprv)
{
	u64 st;

	asm volatile(
		"li t0, %2\n\t"
		"csrc mstatus, t0\n\t"
		"li t0, %3\n\t"
		"or t0, t0, %1\n\t"
		"csrs mstatus, t0\n\t"
		"lla t0, 1f\n\t"
		"csrw mepc, t0\n\t"
		"mret\n\t"
		"j .\n"
		"1:\tcsrr %0, mstatus\n\t"
		"li t0, %4\n\t"
		"csrc mstatus, t0"
		: "=&r"(st)
		: "r"(mpie | mprv),
		  "i"(MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_MPRV),
		  "i"(MSTATUS_MPP), "i"(MSTATUS_MIE | MSTATUS_MPRV)
		: "t0", "memory");
	return st;
}

static void chk_mret(const char *name, u64 st)
{
	chk_begin(name);
	chk_kyn("landed", true);
	chk_kv("mie", (st & MSTATUS_MIE) >> 3);
	chk_kv("mpie", (st & MSTATUS_MPIE) >> 7);
	chk_kv("mpp", (st & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT);
	chk_kv("mprv", (st & MSTATUS_MPRV) >> 17);
	chk_end();
}

static void test_mret_m(void)
{
	chk_mret("mret.m.mpie1", mret_to_m(MSTATUS_MPIE, 0));
	chk_mret("mret.m.mpie0", mret_to_m(0, 0));
	chk_mret("mret.m.mprv-kept", mret_to_m(0, MSTATUS_MPRV));
}

static void test_fences(void)
{
	CHECK_TRAP("fence", "fence\n\tfence rw, rw\n\tfence.tso");
	CHECK_TRAP("fence.i", "fence.i");
	CHECK_TRAP("sfence.vma.m", "sfence.vma\n\tsfence.vma t1, x0");
}

/* QEMU 7.2 performs misaligned accesses without trapping (docs/bench.md). */
static void test_misaligned(void)
{
	static u64 buf[2];

	CHECK_TRAP_ARG("misaligned.m.load", "ld t0, 0(t1)\n\tlw t0, 2(t1)",
		       (u64)buf + 1);
	CHECK_TRAP_ARG("misaligned.m.store", "sd x0, 0(t1)\n\tsh x0, 4(t1)",
		       (u64)buf + 3);
}

void test_traps(void)
{
	test_illegal();
	test_ecall_ebreak();
	test_mret_m();
	test_fences();
	test_misaligned();
}
