// SPDX-License-Identifier: BSD-2-Clause
/* 16550 UART output (QEMU virt: 0x1000_0000), shared with the firmware. */
#include "console.h"
#include "platform.h"
#include "../lib/format.h"

#define UART_THR 0
#define UART_LSR 5
#define UART_LSR_THRE 0x20

static volatile u32 console_lock;

static void uart_putc(char c, void *ctx)
{
	volatile u8 *uart = (volatile u8 *)UART_BASE;

	(void)ctx;
	while (!(uart[UART_LSR] & UART_LSR_THRE))
		;
	uart[UART_THR] = (u8)c;
}

void console_putchar(u8 c)
{
	uart_putc((char)c, NULL);
}

void console_init(void)
{
	/* The firmware programs the UART; the monitor only polls THRE. */
}

static void lock(void)
{
	while (__atomic_exchange_n(&console_lock, 1, __ATOMIC_ACQUIRE))
		;
}

static void unlock(void)
{
	__atomic_store_n(&console_lock, 0, __ATOMIC_RELEASE);
}

static void log_line(const char *fmt, va_list ap)
{
	const char *prefix = "[rampart] ";

	lock();
	while (*prefix)
		uart_putc(*prefix++, NULL);
	format_v(uart_putc, NULL, fmt, ap);
	uart_putc('\n', NULL);
	unlock();
}

void console_log(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_line(fmt, ap);
	va_end(ap);
}

void console_bug(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_line(fmt, ap);
	va_end(ap);
	for (;;)
		__asm__ volatile("wfi");
}
