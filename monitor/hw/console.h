/* SPDX-License-Identifier: BSD-2-Clause */
/* Monitor console on the platform UART; every line starts "[rampart] ". */
#ifndef RAMPART_CONSOLE_H
#define RAMPART_CONSOLE_H

#include "../../include/rampart/types.h"

void console_init(void);

/* One raw character to the UART (the payload's legacy putchar). Like
 * every character the monitor prints, dropped (and counted) if the UART
 * does not drain within a bounded wait (core/uart_tx.h). */
void console_putchar(u8 c);

/* Characters dropped since boot because the UART did not drain. */
u64 console_dropped(void);

/* Print one "[rampart] ..." line; harts never interleave within a line. */
void console_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* QEMU's exit status after a fatal line (docs/usage.md). */
#define MONITOR_FATAL_EXIT 5

/* The monitor cannot go on (a broken invariant, an unusable platform or
 * option): print one "[rampart] fatal: ..." line and stop the machine with
 * MONITOR_FATAL_EXIT (scrubbing payload memory first once locked). */
void console_bug(const char *fmt, ...) __attribute__((format(printf, 1, 2),
						      noreturn));

#define BUG_ON(cond)                                                     \
	do {                                                             \
		if (cond)                                                \
			console_bug("BUG: %s at %s:%d", #cond, __FILE__, \
				    __LINE__);                           \
	} while (0)

#endif
