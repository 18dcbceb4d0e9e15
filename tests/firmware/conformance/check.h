/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Check helpers of the conformance firmware. Every check prints one line
 *	CHK <name>: <observed>
 * with what the hardware did (values, yes/no, the trap it took), never a
 * verdict: the native run is the reference the Rampart run is compared with.
 */
#ifndef CHECK_H
#define CHECK_H

#include "../common/fw.h"

/* Interrupt bits printed: 0..11 without the H-extension ones (VSSIP 2,
 * VSTIP 6, VSEIP 10), which Rampart hides from the virtual hart. */
#define IRQ_MASK_NO_H 0xbbbUL

/* Run `insn` (text, may use t1 = arg and clobber t0/t1) with a label on it;
 * evaluates to the instruction's address. Uncompressed unless spelt .half. */
#define TRAP_AT_ARG(insn, arg)                                   \
	({                                                       \
		u64 __pc;                                        \
		asm volatile("mv t1, %1\n\t"                     \
			     ".option push\n\t.option norvc\n\t" \
			     "lla %0, 1f\n"                      \
			     "1:\t" insn "\n\t"                  \
			     ".option pop"                       \
			     : "=&r"(__pc)                       \
			     : "r"((u64)(arg))                   \
			     : "memory", "t0", "t1", "a7");      \
		__pc;                                            \
	})
#define TRAP_AT(insn) TRAP_AT_ARG(insn, 0)

/* One check: run `insn` in M and print the trap it took (or "no trap"). */
#define CHECK_TRAP_ARG(name, insn, arg)            \
	do {                                       \
		u64 __n = m_trap.count;            \
		u64 __pc = TRAP_AT_ARG(insn, arg); \
		chk_trap(name, __n, __pc);         \
	} while (0)
#define CHECK_TRAP(name, insn) CHECK_TRAP_ARG(name, insn, 0)

/* What lower-privilege code saw around one instruction, for M to print. */
struct snap {
	u64 m_before, s_before, pc;
	struct trap_rec m, s;
};
extern struct snap snap;

/* A function for run_lower() that runs `insn` once and snapshots the traps. */
#define LOWER_TRAP_FN(fn, insn)                   \
	static u64 fn(u64 arg)                    \
	{                                         \
		snap_begin();                     \
		snap_end(TRAP_AT_ARG(insn, arg)); \
		return 0;                         \
	}

void chk_begin(const char *name);
void chk_end(void);
void chk_kv(const char *key, u64 val);
void chk_kyn(const char *key, bool val);
void chk_krel(const char *key, u64 addr);
/* Whole lines. */
void chk_hex(const char *name, u64 val);
void chk_yn(const char *name, bool val);
void chk_trap(const char *name, u64 count_before, u64 pc);
/* Print the trap(s) the last snap recorded: to M, to S, or none. */
void chk_snap(const char *name);
/* Run fn in `mode` and print its snap. */
void chk_lower(const char *name, u64 mode, u64 (*fn)(u64), u64 arg);
u64 chk_total(void);
void info_hex(const char *name, u64 val);

void snap_begin(void);
void snap_end(u64 pc);

/* The test groups, in the order fw_main runs them. */
void test_reset(void);
void test_csr(void);
void test_warl(void);
void test_traps(void);
void test_pmp_csrs(void);
void test_lower(void);
void test_pmp_access(void);
void test_timer_ipi(void);
void test_s_irq(void);
void test_mmode(void);
/* nos.c: a hart without S-mode */
bool hart_has_s_mode(void);
void test_no_s(void);

/* PMP helpers (pmp.c) used by other groups. */
void pmp_allow_all_lower(void);

#endif
