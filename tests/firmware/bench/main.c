// SPDX-License-Identifier: BSD-2-Clause
/*
 * bench: what a privileged instruction costs the firmware, in instructions
 * retired (minstret), for `make bench` (docs/bench.md). The same image runs
 * as QEMU -bios (native: each instruction is one instruction) and under
 * Rampart, where each one traps to the monitor and is emulated against the
 * virtual M-mode context: there the figure is the monitor's whole round trip.
 *
 * Each figure is (loop with the operations - the empty loop) / N, minstret
 * read just before and after each loop, printed with two decimals:
 *   BENCH csr     N.NN  csrr mscratch
 *   BENCH mstatus N.NN  a write that changes mstatus (MPIE set, then
 *                       cleared: the figure is per write)
 *   BENCH mret    N.NN  an mret to M with its set-up: lla (two
 *                       instructions), csrw mepc, csrs mstatus MPP (mret
 *                       leaves MPP = U, so the csrs changes mstatus every
 *                       time), mret; natively 5
 * Under the monitor a read of a CSR is emulated in place, a write that
 * changes mstatus takes the whole trap path: hence the separate figures.
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

/* Two writes that change mstatus per iteration (MPIE on, then off). */
static u64 loop_mstatus(u64 n)
{
	u64 start, end;

	asm volatile("csrr %0, minstret\n\t"
		     "1: csrs mstatus, %3\n\t"
		     "csrc mstatus, %3\n\t"
		     "addi %2, %2, -1\n\t"
		     "bnez %2, 1b\n\t"
		     "csrr %1, minstret"
		     : "=&r"(start), "=&r"(end), "+r"(n)
		     : "r"(MSTATUS_MPIE)
		     : "memory");
	return end - start;
}

/* "BENCH name X.XX": (@total - @base) / (@per * BENCH_N), two decimals. */
static void report(const char *name, u64 total, u64 base, u64 per)
{
	u64 d = total > base ? total - base : 0, n = per * BENCH_N;

	puts_("BENCH ");
	puts_(name);
	putc_(' ');
	putdec(d / n);
	putc_('.');
	putc_((char)('0' + d * 10 / n % 10));
	putc_((char)('0' + d * 100 / n % 10));
	putc_('\n');
}

void fw_main(void)
{
	u64 empty;

	puts_("BENCH START\n");
	/* mret sets mstatus.MIE from MPIE: keep every interrupt source off. */
	csr_write(mie, 0);
	empty = loop_empty(BENCH_N);
	report("loop", empty, 0, 1);
	report("csr", loop_csr(BENCH_N), empty, 1);
	report("mstatus", loop_mstatus(BENCH_N), empty, 2);
	report("mret", loop_mret(BENCH_N), empty, 1);
	puts_("BENCH DONE\n");
	poweroff(0);
}
