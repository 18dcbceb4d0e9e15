// SPDX-License-Identifier: BSD-2-Clause
/*
 * bench: what a privileged instruction costs the firmware, in instructions
 * retired (minstret), for `make bench` (docs/bench.md). The same image runs
 * as QEMU -bios (native: each instruction is one instruction) and under
 * Rampart, where each one traps to the monitor and is emulated against the
 * virtual M-mode context: there the figure is the monitor's whole round trip.
 *
 * Each figure is (loop with the operation - the same loop without it) / N,
 * minstret read just before and after each loop, printed with two decimals:
 *   BENCH csr  N.NN     csrr mscratch
 *   BENCH mret N.NN     mret to M (mepc and mstatus.MPP set up each time,
 *                       in both loops, so only the mret is left)
 * Under QEMU -icount minstret counts instructions retired (docs/bench.md).
 */
#include "../common/fw.h"

#define BENCH_N 10000UL

/* Instructions retired by the empty loop: addi + bnez per iteration. */
static u64 loop_empty(u64 n)
{
	u64 start, end;

	asm volatile("csrr %0, minstret\n\t"
		     "1: addi %2, %2, -1\n\t"
		     "bnez %2, 1b\n\t"
		     "csrr %1, minstret"
		     : "=&r"(start), "=&r"(end), "+r"(n)
		     :
		     : "memory");
	return end - start;
}

static u64 loop_csr(u64 n)
{
	u64 start, end, tmp;

	asm volatile("csrr %0, minstret\n\t"
		     "1: csrr %3, mscratch\n\t"
		     "addi %2, %2, -1\n\t"
		     "bnez %2, 1b\n\t"
		     "csrr %1, minstret"
		     : "=&r"(start), "=&r"(end), "+r"(n), "=&r"(tmp)
		     :
		     : "memory");
	return end - start;
}

/*
 * mret with MPP = M returns to M (Priv. spec 3.3.2), here at mepc = the next
 * instruction. mret leaves MPP = U, so every iteration sets it again.
 */
static u64 loop_mret(u64 n)
{
	u64 start, end, tmp;

	asm volatile("csrr %0, minstret\n\t"
		     "1: lla %3, 2f\n\t"
		     "csrw mepc, %3\n\t"
		     "csrs mstatus, %4\n\t"
		     "mret\n\t"
		     "2: addi %2, %2, -1\n\t"
		     "bnez %2, 1b\n\t"
		     "csrr %1, minstret"
		     : "=&r"(start), "=&r"(end), "+r"(n), "=&r"(tmp)
		     : "r"(MSTATUS_MPP)
		     : "memory");
	return end - start;
}

/* The same set-up without the mret: the baseline of loop_mret(). */
static u64 loop_mret_setup(u64 n)
{
	u64 start, end, tmp;

	asm volatile("csrr %0, minstret\n\t"
		     "1: lla %3, 2f\n\t"
		     "csrw mepc, %3\n\t"
		     "csrs mstatus, %4\n\t"
		     "2: addi %2, %2, -1\n\t"
		     "bnez %2, 1b\n\t"
		     "csrr %1, minstret"
		     : "=&r"(start), "=&r"(end), "+r"(n), "=&r"(tmp)
		     : "r"(MSTATUS_MPP)
		     : "memory");
	return end - start;
}

/* "BENCH name X.XX": (@total - @base) / BENCH_N with two decimals. */
static void report(const char *name, u64 total, u64 base)
{
	u64 d = total > base ? total - base : 0;

	puts_("BENCH ");
	puts_(name);
	putc_(' ');
	putdec(d / BENCH_N);
	putc_('.');
	putc_((char)('0' + d * 10 / BENCH_N % 10));
	putc_((char)('0' + d * 100 / BENCH_N % 10));
	putc_('\n');
}

void fw_main(void)
{
	u64 empty;

	puts_("BENCH START\n");
	/* mret sets mstatus.MIE from MPIE: keep every interrupt source off. */
	csr_write(mie, 0);
	empty = loop_empty(BENCH_N);
	report("loop", empty, 0);
	report("csr", loop_csr(BENCH_N), empty);
	report("mret", loop_mret(BENCH_N), loop_mret_setup(BENCH_N));
	puts_("BENCH DONE\n");
	poweroff(0);
}
