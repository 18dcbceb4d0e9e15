// SPDX-License-Identifier: BSD-2-Clause
/*
 * Code of the image run in S and U mode (entered with mret, as OpenSBI
 * enters its payload): ecall back to M, S CSRs, sret, delegation, and the
 * mstatus trap bits TSR/TVM/TW and the counter enables.
 */
#include "check.h"

static u64 out[4]; /* results lower-mode code hands back */

static u64 lower_nop(u64 arg)
{
	return arg + 1;
}

/* run_lower's final ecall is the trap printed. */
static void chk_exit_ecall(const char *name, u64 mode, u64 mstatus_set)
{
	u64 res;

	lower_mstatus_set = mstatus_set;
	res = run_lower(mode, lower_nop, 0x40);
	chk_begin(name);
	chk_kv("mcause", m_trap.cause);
	chk_krel("mepc", m_trap.epc);
	chk_kv("mtval", m_trap.tval);
	chk_kv("mpp", (m_trap.status & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT);
	chk_kv("mprv", (m_trap.status & MSTATUS_MPRV) >> 17);
	chk_kv("result", res);
	chk_end();
}

static u64 s_sscratch(u64 arg)
{
	return csr_swap(sscratch, arg);
}

static u64 s_sie_bit(u64 arg)
{
	(void)arg;
	csr_set(sstatus, MSTATUS_SIE);
	out[0] = csr_read(sstatus) & MSTATUS_SIE;
	csr_clear(sstatus, MSTATUS_SIE);
	out[1] = csr_read(sstatus) & MSTATUS_SIE;
	csr_set(sstatus, MSTATUS_SIE);
	return 0;
}

/* sret to S: lands on sepc, SIE = SPIE, SPIE = 1, SPP = U. */
static u64 s_sret_s(u64 arg)
{
	u64 st;

	(void)arg;
	asm volatile("csrc sstatus, %2\n\t"
		     "csrs sstatus, %1\n\t"
		     "lla t0, 1f\n\t"
		     "csrw sepc, t0\n\t"
		     "sret\n\t"
		     "j .\n"
		     "1:\tcsrr %0, sstatus\n\t"
		     "csrc sstatus, %2"
		     : "=&r"(st)
		     : "r"(MSTATUS_SPP | MSTATUS_SPIE),
		       "r"(MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP)
		     : "t0", "memory");
	return st & (MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP);
}

/* sret to U, which leaves run_lower itself with SVC_EXIT. */
static u64 s_sret_u(u64 arg)
{
	(void)arg;
	asm volatile("csrc sstatus, %0\n\t"
		     "lla t0, 1f\n\t"
		     "csrw sepc, t0\n\t"
		     "sret\n"
		     "1:\tli a0, 0x55\n\t"
		     "li a7, 0\n\t"
		     "ecall\n\t"
		     "j ."
		     :
		     : "r"(MSTATUS_SPP)
		     : "t0", "memory");
	return 0;
}

static void test_enter_lower(void)
{
	u64 v;

	chk_exit_ecall("mret.s.ecall", PRV_S, 0);
	chk_exit_ecall("mret.u.ecall", PRV_U, 0);
	/* Priv. 1.12 clears MPRV on an mret to S/U; QEMU 7.2 keeps it. Not
	 * pinned as a CHK: either behaviour is a sane one to emulate. */
	lower_mstatus_set = MSTATUS_MPRV;
	run_lower(PRV_S, lower_nop, 0);
	info_hex("mret.s.mprv-after", (m_trap.status & MSTATUS_MPRV) >> 17);
	csr_write(sscratch, 0x5c5c);
	v = run_lower(PRV_S, s_sscratch, 0xa5a5);
	chk_begin("s.sscratch");
	chk_kv("s-read", v);
	chk_kv("m-read", csr_read(sscratch));
	chk_end();
	run_lower(PRV_S, s_sie_bit, 0);
	chk_begin("s.sstatus.sie");
	chk_kv("set", out[0]);
	chk_kv("clear", out[1]);
	chk_kv("m-view", (csr_read(mstatus) & MSTATUS_SIE) >> 1);
	chk_end();
	csr_clear(mstatus, MSTATUS_SIE);
	chk_hex("s.sret-to-s", run_lower(PRV_S, s_sret_s, 0));
	v = run_lower(PRV_S, s_sret_u, 0);
	chk_begin("s.sret-to-u");
	chk_kv("mcause", m_trap.cause);
	chk_kv("mpp", (m_trap.status & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT);
	chk_kv("result", v);
	chk_end();
}

LOWER_TRAP_FN(lower_csrr_mscratch, "csrr t0, mscratch")
LOWER_TRAP_FN(lower_csrr_sscratch, "csrr t0, sscratch")
LOWER_TRAP_FN(lower_ebreak, "ebreak")
LOWER_TRAP_FN(lower_ecall, "li a7, 1\n\tecall")
LOWER_TRAP_FN(lower_mret, "mret")
LOWER_TRAP_FN(lower_satp, "csrr t0, satp")
LOWER_TRAP_FN(lower_sfence, "sfence.vma")
LOWER_TRAP_FN(lower_time, "csrr t0, time")
LOWER_TRAP_FN(lower_stimecmp, "csrr t0, 0x14d")
LOWER_TRAP_FN(lower_sret_plain, "sret")
LOWER_TRAP_FN(lower_wfi_plain, "wfi")

/* sret that, if it does not trap, goes to the next instruction in S. */
LOWER_TRAP_FN(lower_sret, "lla t0, 2f\n\tcsrw sepc, t0\n\t"
			  "li t0, 0x100\n\tcsrs sstatus, t0\n\t"
			  "sret\n2:")

/* wfi with a pending, enabled, masked (SIE = 0) SSIP: returns at once if it
 * does not trap. Needs mideleg.SSIP. */
LOWER_TRAP_FN(lower_wfi, "li t0, 2\n\tcsrs sie, t0\n\tcsrs sip, t0\n\t"
			 "wfi\n\tcsrc sip, t0\n\tcsrc sie, t0")

static void test_lower_illegal(void)
{
	chk_lower("s.csrr-mscratch", PRV_S, lower_csrr_mscratch, 0);
	chk_lower("s.mret", PRV_S, lower_mret, 0);
	chk_lower("s.ebreak", PRV_S, lower_ebreak, 0);
	chk_lower("u.csrr-sscratch", PRV_U, lower_csrr_sscratch, 0);
	chk_lower("u.sret", PRV_U, lower_sret_plain, 0);
	chk_lower("u.mret", PRV_U, lower_mret, 0);
	chk_lower("u.wfi", PRV_U, lower_wfi_plain, 0);
}

static void test_delegation(void)
{
	csr_write(medeleg, BIT(EXC_BREAKPOINT));
	chk_lower("s.ebreak.deleg", PRV_S, lower_ebreak, 0);
	chk_lower("u.ebreak.deleg", PRV_U, lower_ebreak, 0);
	csr_write(medeleg, BIT(EXC_ILLEGAL));
	chk_lower("s.illegal.deleg", PRV_S, lower_csrr_mscratch, 0);
	csr_write(medeleg, BIT(EXC_ECALL_U));
	chk_lower("u.ecall.deleg", PRV_U, lower_ecall, 0);
	csr_write(medeleg, 0);
}

static void test_status_traps(void)
{
	csr_set(mstatus, MSTATUS_TSR);
	chk_lower("s.sret.tsr1", PRV_S, lower_sret, 0);
	csr_clear(mstatus, MSTATUS_TSR);
	chk_lower("s.sret.tsr0", PRV_S, lower_sret, 0);
	csr_clear(mstatus, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP);
	csr_set(mstatus, MSTATUS_TVM);
	chk_lower("s.satp.tvm1", PRV_S, lower_satp, 0);
	chk_lower("s.sfence.tvm1", PRV_S, lower_sfence, 0);
	csr_clear(mstatus, MSTATUS_TVM);
	chk_lower("s.satp.tvm0", PRV_S, lower_satp, 0);
	csr_write(mideleg, MIP_SSIP);
	csr_set(mstatus, MSTATUS_TW);
	chk_lower("s.wfi.tw1", PRV_S, lower_wfi, 0);
	csr_clear(mstatus, MSTATUS_TW);
	chk_lower("s.wfi.tw0", PRV_S, lower_wfi, 0);
	csr_write(mideleg, 0);
}

static void test_counter_enable(void)
{
	csr_write(mcounteren, 0);
	chk_lower("s.time.mcounteren0", PRV_S, lower_time, 0);
	csr_write(mcounteren, BIT(1));
	chk_lower("s.time.mcounteren-tm", PRV_S, lower_time, 0);
	csr_write(scounteren, 0);
	chk_lower("u.time.scounteren0", PRV_U, lower_time, 0);
	csr_write(scounteren, BIT(1));
	chk_lower("u.time.scounteren-tm", PRV_U, lower_time, 0);
	csr_write(menvcfg, 0);
	chk_lower("s.stimecmp.stce0", PRV_S, lower_stimecmp, 0);
	csr_write(menvcfg, BIT(63));
	chk_lower("s.stimecmp.stce1", PRV_S, lower_stimecmp, 0);
	csr_write(menvcfg, 0);
	csr_write(mcounteren, 0);
	csr_write(scounteren, 0);
}

void test_lower(void)
{
	csr_write(stvec, (u64)s_trap_entry);
	test_enter_lower();
	test_lower_illegal();
	test_delegation();
	test_status_traps();
	test_counter_enable();
}
