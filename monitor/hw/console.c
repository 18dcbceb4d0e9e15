// SPDX-License-Identifier: BSD-2-Clause
/* Output on the console UART the device tree named (a 16550 or a SiFive
 * UART), shared with the firmware: it programs the UART; the monitor only
 * waits for room in the transmitter and sends. */
#include "console.h"
#include "../core/platform.h"
#include "../core/uart_tx.h"
#include "../../lib/format.h"

#define UART_THR 0
#define UART_LSR 5
#define UART_LSR_THRE 0x20
/* SiFive UART (FU540 manual, "UART"): one 32-bit txdata register, whose
 * bit 31 reads 1 while the transmit FIFO is full */
#define SIFIVE_TXDATA 0
#define SIFIVE_TXDATA_FULL 0x80000000U

static volatile u32 console_lock;
/* The firmware shares the UART and can keep it from draining (or the
 * host's backend stalls): every wait is bounded, drops are counted. */
static struct uart_tx tx;

/* @ctx: the UART's registers */
static bool uart_thre(void *ctx)
{
	return ((volatile u8 *)ctx)[UART_LSR] & UART_LSR_THRE;
}

static bool sifive_room(void *ctx)
{
	return !(((volatile u32 *)ctx)[SIFIVE_TXDATA] & SIFIVE_TXDATA_FULL);
}

/* Room in the transmitter: at once, as almost always (a boot prints
 * ~4,000 characters, each through here), else after the bounded wait. */
static inline bool room(bool (*ready)(void *ctx), void *uart)
{
	if (!__atomic_load_n(&tx.stalled, __ATOMIC_RELAXED) && ready(uart))
		return true;
	return !uart_tx_wait(&tx, ready, uart);
}

static void uart_putc(char c, void *ctx)
{
	void *uart = (void *)(uintptr_t)platform()->uart_base;

	(void)ctx;
	switch (platform()->uart_kind) {
	case UART_16550:
		if (room(uart_thre, uart))
			((volatile u8 *)uart)[UART_THR] = (u8)c;
		break;
	case UART_SIFIVE:
		if (room(sifive_room, uart))
			((volatile u32 *)uart)[SIFIVE_TXDATA] = (u8)c;
		break;
	default:
		break; /* no console (yet): nothing to print on */
	}
}

void console_putchar(u8 c)
{
	uart_putc((char)c, NULL);
}

static void put_str(const char *s)
{
	while (*s)
		uart_putc(*s++, NULL);
}

static void put_line(const char *prefix, const char *fmt, va_list ap)
{
	put_str("[rampart] ");
	put_str(prefix);
	format_v(uart_putc, NULL, fmt, ap);
	uart_putc('\n', NULL);
}

static void put_line_f(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	put_line("", fmt, ap);
	va_end(ap);
}

/* After a line that went out: the drops since the last report, if due. */
static void report_drops(void)
{
	u64 n;

	if (!platform()->mtime)
		return; /* no CLINT known yet: told after a later line */
	n = uart_tx_report(&tx, *platform()->mtime / platform()->mtime_per_us);

	if (n)
		put_line_f("console: %lu characters dropped (UART not draining)",
			   n);
}

void console_vlog(const char *prefix, const char *fmt, va_list ap)
{
	while (__atomic_exchange_n(&console_lock, 1, __ATOMIC_ACQUIRE))
		;
	put_line(prefix, fmt, ap);
	report_drops();
	__atomic_store_n(&console_lock, 0, __ATOMIC_RELEASE);
}

void console_log(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	console_vlog("", fmt, ap);
	va_end(ap);
}
