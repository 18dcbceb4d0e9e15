// SPDX-License-Identifier: BSD-2-Clause
/*
 * Bounded UART output (monitor/core/uart_tx.c) against a fake 16550 line
 * status register: a transmitter the firmware (or the backend) keeps from
 * draining costs a bounded number of polls, and drops are counted and told
 * once it drains again.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../include/rampart/errno.h"
#include "monitor/core/uart_tx.h"

#define LSR_THRE 0x20

/* The fake UART: THRE reads set from poll number @drains_at on (~0: never). */
struct fake_uart {
	u64 polls;
	u64 drains_at;
};

static struct fake_uart uart;
static struct uart_tx tx;

static bool thre(void *ctx)
{
	struct fake_uart *u = ctx;
	u8 lsr = u->polls++ >= u->drains_at ? LSR_THRE : 0;

	return lsr & LSR_THRE;
}

static int setup(void **state)
{
	(void)state;
	memset(&uart, 0, sizeof(uart));
	memset(&tx, 0, sizeof(tx));
	return 0;
}

static int send(void)
{
	return uart_tx_wait(&tx, thre, &uart);
}

static void test_ready_uart_sends_at_once(void **state)
{
	(void)state;
	assert_int_equal(send(), 0);
	assert_int_equal(uart.polls, 1);
	assert_int_equal(uart_tx_dropped(&tx), 0);
}

static void test_slow_uart_waited_for(void **state)
{
	(void)state;
	uart.drains_at = UART_TX_POLLS - 1;
	assert_int_equal(send(), 0);
	assert_int_equal(uart.polls, UART_TX_POLLS);
	assert_int_equal(uart_tx_dropped(&tx), 0);
}

static void test_stuck_uart_bounded_and_counted(void **state)
{
	unsigned int i;

	(void)state;
	uart.drains_at = ~0ULL;
	assert_int_equal(send(), -RAMPART_ETIMEDOUT);
	assert_int_equal(uart.polls, UART_TX_POLLS);
	/* the rest of a line: one poll each, not another full wait */
	for (i = 0; i < 100; i++)
		assert_int_equal(send(), -RAMPART_ETIMEDOUT);
	assert_int_equal(uart.polls,
			 UART_TX_POLLS + 100 * UART_TX_STALLED_POLLS);
	assert_int_equal(uart_tx_dropped(&tx), 101);
	/* no report while it does not drain */
	assert_int_equal(uart_tx_report(&tx, 5), 0);
}

static void test_drained_again_reports_once(void **state)
{
	(void)state;
	uart.drains_at = ~0ULL;
	send();
	send();
	uart.drains_at = 0;
	assert_int_equal(send(), 0);
	assert_int_equal(uart_tx_report(&tx, 1000), 2);
	assert_int_equal(uart_tx_report(&tx, 1001), 0);
	/* after it drained, a new stall gets the full wait again */
	uart.polls = 0;
	uart.drains_at = ~0ULL;
	assert_int_equal(send(), -RAMPART_ETIMEDOUT);
	assert_int_equal(uart.polls, UART_TX_POLLS);
}

static void test_reports_rate_limited(void **state)
{
	(void)state;
	uart.drains_at = ~0ULL;
	send();
	uart.drains_at = 0;
	send();
	assert_int_equal(uart_tx_report(&tx, 1000), 1);
	uart.drains_at = ~0ULL;
	send();
	send();
	send();
	uart.drains_at = 0;
	send();
	assert_int_equal(uart_tx_report(&tx, 1000 + UART_TX_REPORT_GAP - 1), 0);
	assert_int_equal(uart_tx_report(&tx, 1000 + UART_TX_REPORT_GAP), 3);
	assert_int_equal(uart_tx_dropped(&tx), 4);
}

/* The firmware wound mtime back: the report is not held off for ever. */
static void test_mtime_wound_back_still_reports(void **state)
{
	(void)state;
	uart.drains_at = ~0ULL;
	send();
	uart.drains_at = 0;
	send();
	assert_int_equal(uart_tx_report(&tx, 1ULL << 40), 1);
	uart.drains_at = ~0ULL;
	send();
	uart.drains_at = 0;
	send();
	assert_int_equal(uart_tx_report(&tx, 5), 1);
}

#define T(f) cmocka_unit_test_setup(f, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_ready_uart_sends_at_once),
		T(test_slow_uart_waited_for),
		T(test_stuck_uart_bounded_and_counted),
		T(test_drained_again_reports_once),
		T(test_reports_rate_limited),
		T(test_mtime_wound_back_still_reports),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
