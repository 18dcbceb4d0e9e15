/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * instret_mark(): one read of instret (csrr rd, instret), for make bench's
 * per-hart counting plugin, which prints every hart's instructions at that
 * read (docs/bench.md, "Multi-hart figures"): the programs call it where
 * they read the clock, so each timed region is bracketed per hart. Where
 * user mode may not read instret (scounteren.IR clear) the read traps; the
 * SIGILL is caught and nothing else changes.
 */
#ifndef INSTRET_MARK_H
#define INSTRET_MARK_H

#include <setjmp.h>
#include <signal.h>

static sigjmp_buf instret_trapped;

static void instret_sigill(int sig)
{
	(void)sig;
	siglongjmp(instret_trapped, 1);
}

static void instret_mark(void)
{
	unsigned long n;

	signal(SIGILL, instret_sigill);
	if (!sigsetjmp(instret_trapped, 1))
		__asm__ volatile("csrr %0, instret" : "=r"(n));
	signal(SIGILL, SIG_DFL);
}

#endif
