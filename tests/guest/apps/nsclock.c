// SPDX-License-Identifier: BSD-2-Clause
/*
 * nsclock: prints the guest's CLOCK_MONOTONIC in nanoseconds, for the
 * bench script's world-switch rates (busybox date has no %N here).
 *
 * It first reads instret (csrr rd, instret): make bench's per-hart
 * counting plugin prints every hart's instructions at that read
 * (docs/bench.md), which brackets each workload window per hart. Where
 * user mode may not read it (scounteren.IR clear) the read traps; the
 * SIGILL is caught and nothing else changes.
 */
#include <inttypes.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <time.h>

static sigjmp_buf no_instret;

static void on_sigill(int sig)
{
	(void)sig;
	siglongjmp(no_instret, 1);
}

static void mark(void)
{
	unsigned long n;

	signal(SIGILL, on_sigill);
	if (!sigsetjmp(no_instret, 1))
		__asm__ volatile("csrr %0, instret" : "=r"(n));
	signal(SIGILL, SIG_DFL);
}

int main(void)
{
	struct timespec t;

	mark();
	if (clock_gettime(CLOCK_MONOTONIC, &t))
		return 1;
	printf("%" PRIu64 "\n",
	       (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec);
	return 0;
}
