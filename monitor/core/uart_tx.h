/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Bounded output to a UART the firmware shares: wait for the transmitter a
 * fixed number of polls, drop the character if it never drains, count the
 * drops and say so once it drains again. Pure: the register is read through
 * a callback (tests/host/test_uart_tx.c uses a fake).
 */
#ifndef RAMPART_UART_TX_H
#define RAMPART_UART_TX_H

#include "../../include/rampart/types.h"

/*
 * Polls of the transmitter before a character is dropped. A poll is one
 * uncached device load, 50 ns or more (a QEMU device access, a 16550 on a
 * bus): 200000 polls are at least 10 ms, ten characters at 9600 baud, so a
 * UART that works never drops. A poll count rather than an mtime deadline:
 * the firmware can write mtime (the CLINT emulation passes it through) and
 * hold it still from another hart, so a deadline might never pass; a count
 * is the monitor's alone.
 */
#define UART_TX_POLLS 200000U
/* Once a character was dropped, one poll each until one goes out again:
 * a stalled UART costs one full wait, not one per character. */
#define UART_TX_STALLED_POLLS 1U
/* Microseconds of mtime between two drop reports (1 s, whatever the
 * timebase: 10 MHz on QEMU virt, 1 MHz on sifive_u). The firmware can
 * bend mtime: that only changes how often drops are told. */
#define UART_TX_REPORT_GAP 1000000ULL

struct uart_tx {
	u32 stalled;	 /* the last character was dropped */
	u64 dropped;	 /* characters dropped since boot (atomic) */
	u64 reported;	 /* of those, already reported */
	u64 last_report; /* mtime of the last report */
	bool has_reported;
};

/*
 * Poll @ready(@ctx) until it is true, at most UART_TX_POLLS times
 * (UART_TX_STALLED_POLLS while stalled). Returns 0: send now;
 * -RAMPART_ETIMEDOUT: the character is dropped and counted.
 */
int uart_tx_wait(struct uart_tx *t, bool (*ready)(void *ctx), void *ctx);

/* Characters dropped since boot. */
u64 uart_tx_dropped(const struct uart_tx *t);

/*
 * Is a drop report due at @now (mtime in microseconds)? If the last
 * character went out (the UART drains again), some drops are unreported,
 * and none was reported in the last UART_TX_REPORT_GAP microseconds:
 * returns how many (and marks them reported). Else 0. Callers serialize
 * (the console lock).
 */
u64 uart_tx_report(struct uart_tx *t, u64 now);

#endif
